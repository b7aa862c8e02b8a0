"""Reads of a review's documents: all of them for the board's pages (the review already
checked visible), and those of their own agency for its contributors."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from reviews.models import Document, DocumentVersion, Review


def _with_versions(documents):
    return documents.select_related("agency", "request").prefetch_related(
        Prefetch(
            "versions",
            # Not their words (up to a million characters each): the pages show the state.
            queryset=DocumentVersion.objects.select_related("uploaded_by").defer(
                "text", "text_search"
            ),
        )
    )


def document_list_of_review(*, review: Review):
    return _with_versions(Document.objects.filter(review=review))


def document_of_review(*, review: Review, pk) -> Document:
    return get_object_or_404(document_list_of_review(review=review), pk=pk)


def contributed_document_list(*, review: Review):
    """The documents of the agencies the user contributes for (`review` from
    `contributions.contributed_review_get`)."""
    return _with_versions(
        Document.objects.filter(review=review, agency_id__in=review.contributed_agency_ids)
    )


def contributed_document_get(*, review: Review, pk) -> Document:
    return get_object_or_404(contributed_document_list(review=review), pk=pk)


def document_version(*, document: Document, number=None) -> DocumentVersion:
    """The version asked for (`?version=N`), else the latest; 404 if there is none such."""
    versions = list(document.versions.all())
    if number in (None, ""):
        if not versions:
            raise Http404
        return versions[0]
    for version in versions:
        if str(version.number) == str(number):
            return version
    raise Http404
