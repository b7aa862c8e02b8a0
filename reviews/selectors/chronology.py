"""The merged chronology: every agency's entries in one timeline, filtered and paged, with the
gaps in contact and the days on which several agencies saw the child or adult. Queries do not
grow with the number of entries: the page, its count, its episodes, the shared days and the
dates (for the gaps) are one query each."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from core import paging
from reviews.models import ChronologyEntry, KeyPracticeEpisode, Review
from reviews.selectors.joint import shared_review_ids

PAGE_SIZE = 100
GAP_SPANS = (30, 60, 90, 180, 365)
DEFAULT_GAP_DAYS = 90


@dataclass
class Gap:
    after: dt.date
    before: dt.date

    @property
    def days(self) -> int:
        return (self.before - self.after).days


@dataclass
class Merged:
    page: object
    gaps: list = field(default_factory=list)
    shared_days: set = field(default_factory=set)
    total: int = 0


def chronology_entries(
    *,
    review: Review,
    agency_id=None,
    date_from=None,
    date_to=None,
    words: str = "",
    newest_first: bool = False,
):
    """The review's current entries (the review already checked visible), with those of the
    reviews it is joint with (one shared chronology), filtered, in order: by date, with an
    uncertain date at the first day it may be, then by time."""
    entries = ChronologyEntry.objects.filter(review_id__in=shared_review_ids(review=review))
    entries = _of_agency_and_dates(entries, agency_id, date_from, date_to)
    for word in (words or "").split()[:10]:
        entries = entries.filter(
            Q(entry__icontains=word)
            | Q(action_taken__icontains=word)
            | Q(practitioner_role__icontains=word)
            | Q(source__icontains=word)
        )
    order = ("occurred_on", "occurred_at", "created_at")
    return entries.order_by(*(f"-{field}" for field in order) if newest_first else order)


def shared_days_of(entries) -> set:
    """Days with entries of two agencies or more, counting exact dates only."""
    return set(
        entries.filter(date_certainty=ChronologyEntry.Certainty.EXACT)
        .order_by()
        .values("occurred_on")
        .annotate(agencies=Count("agency", distinct=True))
        .filter(agencies__gte=2)
        .values_list("occurred_on", flat=True)
    )


def gaps_of(entries, *, span_days: int) -> list[Gap]:
    """Periods longer than `span_days` with no entry of any agency (of those filtered)."""
    dates = list(entries.order_by("occurred_on").values_list("occurred_on", flat=True).distinct())
    return [
        Gap(after=earlier, before=later)
        for earlier, later in zip(dates, dates[1:], strict=False)
        if (later - earlier).days > span_days
    ]


def _of_agency_and_dates(entries, agency_id, date_from, date_to):
    """`entries` of the agency `agency_id`, between the two dates, each where given."""
    if agency_id:
        entries = entries.filter(agency_id=agency_id)
    if date_from:
        entries = entries.filter(occurred_on__gte=date_from)
    if date_to:
        entries = entries.filter(occurred_on__lte=date_to)
    return entries


def merged_chronology(
    *,
    review: Review,
    agency_id=None,
    date_from=None,
    date_to=None,
    words: str = "",
    span_days: int = DEFAULT_GAP_DAYS,
    newest_first: bool = False,
    page_number=None,
    page_size: int = PAGE_SIZE,
) -> Merged:
    entries = chronology_entries(
        review=review,
        agency_id=agency_id,
        date_from=date_from,
        date_to=date_to,
        words=words,
        newest_first=newest_first,
    )
    page = paging.paginate(
        entries.select_related("agency").prefetch_related(
            Prefetch(
                "episodes",
                queryset=KeyPracticeEpisode.objects.only("pk", "title"),
                to_attr="episode_list",
            )
        ),
        page_number,
        per_page=page_size,
    )
    gaps = gaps_of(entries, span_days=span_days)
    shared = shared_days_of(entries)
    # A gap shows between the entries on either side of it, whichever way the list runs.
    gap_before = {(gap.after if newest_first else gap.before): gap for gap in gaps}
    seen_dates = set()
    for entry in page.object_list:
        entry.shared_day = entry.occurred_on in shared
        # The gap shows once, before the first entry after it.
        entry.gap_before = (
            gap_before.get(entry.occurred_on) if entry.occurred_on not in seen_dates else None
        )
        seen_dates.add(entry.occurred_on)
    return Merged(page=page, gaps=gaps, shared_days=shared, total=page.paginator.count)


# The entries an episode's form offers at once beside those already chosen: a chronology may
# hold 10,000, and the reviewer narrows them by dates, agency or words instead.
EPISODE_CHOICES = 50


@dataclass
class EntryChoices:
    chosen: list  # the entries already chosen: always offered, whatever the filters
    offered: list  # up to EPISODE_CHOICES others that match the filters, by date
    matching: int  # how many others match the filters


def episode_entry_choices(
    *,
    review: Review,
    chosen_ids=(),
    agency_id=None,
    date_from=None,
    date_to=None,
    words: str = "",
    limit: int = EPISODE_CHOICES,
) -> EntryChoices:
    """The review's own entries (an episode draws on its own chronology, not a joint
    review's) to offer on an episode's form: those chosen, then the first `limit` others
    that match the filters. Two queries, three when more match than are offered."""
    own = ChronologyEntry.objects.filter(review=review).select_related("agency")
    chosen = list(own.filter(pk__in=chosen_ids)) if chosen_ids else []
    others = own.exclude(pk__in=[entry.pk for entry in chosen])
    others = _of_agency_and_dates(others, agency_id, date_from, date_to)
    for word in (words or "").split()[:10]:
        others = others.filter(Q(entry__icontains=word) | Q(practitioner_role__icontains=word))
    others = others.order_by("occurred_on", "occurred_at", "created_at", "pk")
    offered = list(others[:limit])
    matching = others.count() if len(offered) == limit else len(offered)
    return EntryChoices(chosen=chosen, offered=offered, matching=matching)


def withdrawn_one_by_one(*, review: Review):
    """The review's entries withdrawn by someone (not replaced by a later import), for the
    list of what was withdrawn."""
    return (
        ChronologyEntry.all_objects.filter(review=review, withdrawn_at__isnull=False)
        .exclude(imported_from__replaced_at__isnull=False)
        .select_related("agency")
    )


def replaced_count(*, review: Review) -> int:
    """Entries withdrawn because their agency imported its chronology again."""
    return ChronologyEntry.all_objects.filter(
        review=review, imported_from__replaced_at__isnull=False
    ).count()
