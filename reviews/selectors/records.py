"""Reads of any record of a case, by its model: one object of a review, a review's records
with those withdrawn, the records the API corrects and withdraws, and the empty queryset of
a model (choices before they are scoped, the API's views while the schema is generated)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from core import permissions
from reviews.models import Review


def none_of(model) -> QuerySet:
    """No `model` at all: a related field's choices until a view scopes them, and an API
    view's queryset while the schema is generated (no request, nothing to read)."""
    return model.objects.none()


def review_child(*, review: Review, model, pk):
    """An object of the review (a meeting, a finding...), or 404."""
    return get_object_or_404(model.objects.filter(review=review), pk=pk)


def review_children_with_withdrawn(*, review: Review, model, related=()) -> QuerySet:
    """Every `model` of the review (already checked visible), withdrawn ones too: for the list
    of those withdrawn; `related` names relations to read in the same query."""
    records = model.all_objects.filter(review=review)
    return records.select_related(*related) if related else records


def record_list_of_parent(*, user, model, parent_field: str, parent_id) -> QuerySet:
    """The current `model` records whose `parent_field` is `parent_id` (a review or an
    incident) that `user` may see: where the API finds the one it corrects or withdraws."""
    records = model.objects.filter(**{parent_field: parent_id})
    return permissions.visible(records, user)
