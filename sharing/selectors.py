"""Reading what a board did to share the learning: its activities (board-scoped through
`permissions.visible`), the published reviews an activity may share, the reach by agency and by
finding category over a period, and the learning brief's sendings."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import gettext as _

from boards.models import Agency
from core import permissions
from publication.models import Publication
from reviews.models import Finding, FindingCategory, Review
from sharing.models import BriefSending, LearningActivity, Material, Reach


def _activities(board, user) -> QuerySet:
    return permissions.visible(LearningActivity.objects.filter(board=board), user)


def activity_list(*, user, board, year: int | None = None, kind: str = "") -> QuerySet:
    """The board's activities in force, newest first, with their reviews' references and the
    number of people each reached (`reached`)."""
    activities = _activities(board, user)
    if year:
        activities = activities.filter(held_on__year=year)
    if kind:
        activities = activities.filter(kind=kind)
    # The order said again: a model's own ordering is not applied to a grouped query.
    return (
        activities.annotate(reached=Sum("reach__people"))
        .order_by(*LearningActivity._meta.ordering)
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.select_related("incident")))
    )


def activity_years(*, user, board) -> list[int]:
    return list(
        _activities(board, user)
        .annotate(year=ExtractYear("held_on"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def withdrawn_activities(*, user, board) -> QuerySet:
    return permissions.visible(
        LearningActivity.all_objects.filter(board=board, withdrawn_at__isnull=False), user
    ).select_related("withdrawn_by")


def activity_get(*, user, board, pk) -> LearningActivity:
    """An activity of `board` (withdrawn ones too, for their page), or 404."""
    return permissions.get_visible_or_404(
        LearningActivity.all_objects.filter(board=board).select_related(
            "recorded_by", "withdrawn_by"
        ),
        user,
        pk=pk,
    )


def reach_of(activity) -> list[Reach]:
    """Whom the activity reached: the board's agencies by name, then those from outside."""
    rows = list(activity.reach.select_related("agency"))
    return sorted(rows, key=lambda row: (row.agency is None, row.agency.name if row.agency else ""))


def materials_of(activity) -> QuerySet:
    return activity.materials.select_related("uploaded_by")


def withdrawn_materials(activity) -> QuerySet:
    return Material.all_objects.filter(activity=activity, withdrawn_at__isnull=False)


def material_get(*, activity, pk) -> Material:
    material = activity.materials.filter(pk=pk).first()
    if material is None:
        raise Http404
    return material


def published_reviews(board) -> QuerySet:
    """The board's reviews whose report is published (publication.Publication: decided to
    publish and published on a date), with their references, most recently published first."""
    published = Publication.objects.filter(
        decision=Publication.Decision.PUBLISH, published_on__isnull=False
    )
    return (
        Review.objects.filter(board=board, publication__in=published)
        .select_related("incident", "publication")
        .order_by("-publication__published_on", "incident__reference")
    )


def publication_of(review) -> Publication | None:
    """The review's publication if its report is published, else None."""
    return Publication.objects.filter(
        review=review, decision=Publication.Decision.PUBLISH, published_on__isnull=False
    ).first()


def published_after(activity) -> list[Publication]:
    """The publications of the activity's reviews dated after the day it was held."""
    return list(
        Publication.objects.filter(
            review__in=activity.reviews.all(),
            decision=Publication.Decision.PUBLISH,
            published_on__gt=activity.held_on,
        ).select_related("review__incident")
    )


def categories() -> QuerySet:
    return FindingCategory.objects.filter(active=True)


def agencies(board) -> QuerySet:
    return Agency.objects.filter(board=board).order_by("name")


def review_activities(*, user, review) -> QuerySet:
    """The activities in force that shared `review`, newest first."""
    return (
        _activities(review.board, user)
        .filter(reviews=review)
        .annotate(reached=Sum("reach__people"))
        .order_by(*LearningActivity._meta.ordering)
    )


def brief_sendings(review) -> list[BriefSending]:
    return list(
        BriefSending.objects.filter(review=review)
        .select_related("sent_by")
        .prefetch_related(Prefetch("agencies", queryset=Agency.objects.order_by("name")))
    )


def contacts_of(board, agency_ids) -> list:
    """The board members linked to the agencies (boards.Membership.agency) who can be e-mailed:
    each person once, whatever their roles."""
    from core.models import User

    return list(
        User.objects.filter(
            memberships__board=board,
            memberships__agency_id__in=list(agency_ids),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("email")
    )


# --- Reach over a period (the dashboard, the annual report) ----------------------------------


@dataclass(frozen=True)
class ReachFigures:
    activities: int
    people: int
    by_agency: list[tuple[str, int]]  # the board's agencies by name, then outside them
    by_category: list[tuple[str, int]]  # each category's activities' people, in its order
    by_kind: list[tuple[str, int, int]]  # (kind, activities, people), in the kinds' order


def reach(*, board, first: dt.date, last: dt.date) -> ReachFigures:
    """People reached by the board's activities held from `first` to `last`, in three queries
    whatever the number of activities: by agency (an activity's people count once per agency);
    by finding category (an activity covers the categories chosen for it and those of its
    reviews' findings; its people count once in each category it covers); and by kind."""
    held = LearningActivity.objects.filter(board=board, held_on__gte=first, held_on__lte=last)
    rows = (
        Reach.objects.filter(activity__in=held)
        .values_list("activity_id", "agency__name", "activity__kind")
        .annotate(n=Sum("people"))
        .order_by()
    )
    by_agency: dict = defaultdict(int)
    by_activity: dict = defaultdict(int)
    for activity_id, agency, __, people in rows:
        by_agency[agency] += people
        by_activity[activity_id] += people
    outside = by_agency.pop(None, 0)
    agency_rows = sorted(by_agency.items(), key=lambda item: item[0].lower())
    if outside:
        agency_rows.append((_("From outside the board's agencies"), outside))
    people_by_category: dict = defaultdict(int)
    for activity_id, order, name in sorted(_categories_covered(held), key=lambda c: c[1:]):
        people_by_category[(order, name)] += by_activity[activity_id]
    by_category = [(name, people) for (__, name), people in people_by_category.items()]
    kinds = dict(held.values_list("kind").annotate(n=Count("pk")).order_by())
    people_by_kind: dict = defaultdict(int)
    for __, ___, kind, people in rows:
        people_by_kind[kind] += people
    by_kind = [
        (label, kinds[code], people_by_kind[code])
        for code, label in LearningActivity.Kind.choices
        if code in kinds
    ]
    return ReachFigures(
        activities=sum(kinds.values()),
        people=sum(by_activity.values()),
        by_agency=agency_rows,
        by_category=by_category,
        by_kind=by_kind,
    )


def _categories_covered(held: QuerySet) -> set[tuple]:
    """(activity id, category order, category name) of every category the activities cover,
    in one query."""
    chosen = LearningActivity.categories.through.objects.filter(
        learningactivity__in=held
    ).values_list("learningactivity_id", "findingcategory__order", "findingcategory__name")
    of_findings = (
        Finding.objects.filter(review__learning_activities__in=held)
        .values_list("review__learning_activities", "category__order", "category__name")
        .order_by()
    )
    return set(chosen.union(of_findings))
