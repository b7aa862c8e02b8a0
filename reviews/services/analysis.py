"""What reviewers record: structured conversations, key practice episodes and findings, with
their quality assurance and the board's response. Episodes and findings carry a version so
that two people editing at once cannot overwrite each other (core.concurrency)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import permissions, records
from core.concurrency import check_version
from core.history import acting_as
from core.validation import not_in_future
from guidance import methodologies
from reviews.models import (
    ChronologyEntry,
    Conversation,
    Finding,
    FindingCategory,
    KeyPracticeEpisode,
    Review,
)
from reviews.services.workflow import require_analysis_open

FINDING_SECTIONS = (
    "manifested",
    "not_peculiar",
    "how_widespread",
    "why_it_matters",
    "issues_for_board",
)


def _factors(factors: dict | None) -> dict:
    """Only the nine headings, only with something written under them."""
    factors = factors or {}
    unknown = set(factors) - set(methodologies.CONTRIBUTORY_FACTORS)
    if unknown:
        raise ValidationError({"factors": f"Not contributory-factor headings: {sorted(unknown)}"})
    return {code: text.strip() for code, text in factors.items() if (text or "").strip()}


def _saved(instance, actor):
    instance.full_clean()
    acting_as(instance, actor).save()
    return instance


def _for_change(actor, record, what: str):
    """`record` locked for a correction or a withdrawal by one of the review's reviewers,
    while the review's analysis is open and the record is current."""
    permissions.require(actor, "reviews.analyse", record.review)
    locked = records.locked(record)
    require_analysis_open(locked.review)
    records.require_current(locked, what)
    return locked


@transaction.atomic
def conversation_add(
    *, actor, review: Review, held_on: dt.date, participant=None, factors=None, **sections
) -> Conversation:
    permissions.require(actor, "reviews.analyse", review)
    require_analysis_open(review)
    if participant is not None and participant.review_id != review.pk:
        raise ValidationError({"participant": _("Select someone of this review")})
    not_in_future(held_on=held_on)
    conversation = Conversation(
        review=review,
        participant=participant,
        held_on=held_on,
        factors=_factors(factors),
        **{name: (text or "").strip() for name, text in sections.items()},
    )
    return _saved(conversation, actor)


@transaction.atomic
def conversation_update(
    *,
    actor,
    conversation: Conversation,
    held_on: dt.date,
    participant=None,
    factors=None,
    **sections,
) -> Conversation:
    conversation = _for_change(actor, conversation, _("This conversation"))
    if participant is not None and participant.review_id != conversation.review_id:
        raise ValidationError({"participant": _("Select someone of this review")})
    not_in_future(held_on=held_on)
    conversation.participant, conversation.held_on = participant, held_on
    conversation.factors = _factors(factors)
    for name, text in sections.items():
        setattr(conversation, name, (text or "").strip())
    return _saved(conversation, actor)


@transaction.atomic
def conversation_withdraw(*, actor, conversation: Conversation, reason: str) -> Conversation:
    conversation = _for_change(actor, conversation, _("This conversation"))
    return records.withdraw(conversation, actor=actor, reason=reason, what=_("This conversation"))


def _episode_links(review: Review, chronology_entries) -> list[ChronologyEntry]:
    entries = list(chronology_entries or [])
    if any(entry.review_id != review.pk for entry in entries):
        raise ValidationError(
            {"chronology_entries": _("Select entries of this review's chronology")}
        )
    return entries


@transaction.atomic
def episode_add(
    *,
    actor,
    review: Review,
    occurred_on: dt.date,
    title: str,
    what_happened: str,
    appraisal: str = "",
    factors=None,
    chronology_entries=(),
) -> KeyPracticeEpisode:
    permissions.require(actor, "reviews.analyse", review)
    require_analysis_open(review)
    entries = _episode_links(review, chronology_entries)
    not_in_future(occurred_on=occurred_on)
    episode = _saved(
        KeyPracticeEpisode(
            review=review,
            occurred_on=occurred_on,
            title=(title or "").strip(),
            what_happened=(what_happened or "").strip(),
            appraisal=(appraisal or "").strip(),
            factors=_factors(factors),
        ),
        actor,
    )
    episode.chronology_entries.set(entries)
    return episode


@transaction.atomic
def episode_update(
    *,
    actor,
    episode: KeyPracticeEpisode,
    version: int,
    occurred_on: dt.date,
    title: str,
    what_happened: str,
    appraisal: str = "",
    factors=None,
    chronology_entries=(),
) -> KeyPracticeEpisode:
    """Save an edit made from `version`; raises EditConflict if someone saved since."""
    episode = _for_change(actor, episode, _("This episode"))
    check_version(episode, version)
    entries = _episode_links(episode.review, chronology_entries)
    not_in_future(occurred_on=occurred_on)
    episode.occurred_on, episode.title = occurred_on, (title or "").strip()
    episode.what_happened = (what_happened or "").strip()
    episode.appraisal = (appraisal or "").strip()
    episode.factors = _factors(factors)
    _saved(episode, actor)
    episode.chronology_entries.set(entries)
    return episode


@transaction.atomic
def episode_withdraw(*, actor, episode: KeyPracticeEpisode, reason: str) -> KeyPracticeEpisode:
    """Withdraw an episode; refused while a finding cites it as evidence, since the finding
    was quality-assured with it (change the finding first)."""
    episode = _for_change(actor, episode, _("This episode"))
    citing = list(episode.findings.values_list("title", flat=True))
    if citing:
        raise ValidationError(
            _("This episode is evidence for %(findings)s: take it out of those findings first")
            % {"findings": ", ".join(f"“{title}”" for title in citing)}
        )
    return records.withdraw(episode, actor=actor, reason=reason, what=_("This episode"))


def _finding_values(review: Review, category, episodes, sections) -> tuple[list, dict]:
    if category is None or not category.active:
        raise ValidationError({"category": _("Select the category of the finding")})
    episodes = list(episodes or [])
    if any(episode.review_id != review.pk for episode in episodes):
        raise ValidationError({"episodes": _("Select key practice episodes of this review")})
    unknown = set(sections) - set(FINDING_SECTIONS) - {"title"}
    if unknown:
        raise TypeError(f"Not sections of a finding: {sorted(unknown)}")
    return episodes, {name: (text or "").strip() for name, text in sections.items()}


@transaction.atomic
def finding_add(
    *, actor, review: Review, category: FindingCategory, episodes=(), **sections
) -> Finding:
    permissions.require(actor, "reviews.analyse", review)
    require_analysis_open(review)
    episodes, values = _finding_values(review, category, episodes, sections)
    finding = _saved(Finding(review=review, category=category, **values), actor)
    finding.episodes.set(episodes)
    return finding


@transaction.atomic
def finding_update(
    *, actor, finding: Finding, version: int, category: FindingCategory, episodes=(), **sections
) -> Finding:
    """Save an edit made from `version`. A changed finding needs quality assurance again,
    and the board's response to the old text is withdrawn (it stays in the history)."""
    finding = _for_change(actor, finding, _("This finding"))
    check_version(finding, version)
    episodes, values = _finding_values(finding.review, category, episodes, sections)
    finding.category = category
    for name, value in values.items():
        setattr(finding, name, value)
    finding.quality_assured_on = None
    finding.quality_assured_by = None
    finding.board_response, finding.responded_on = "", None
    _saved(finding, actor)
    finding.episodes.set(episodes)
    return finding


@transaction.atomic
def finding_withdraw(*, actor, finding: Finding, reason: str) -> Finding:
    """Withdraw a finding; refused while actions of the plan answer it (move or withdraw
    them first, so that no action answers a finding that is not in the report)."""
    finding = _for_change(actor, finding, _("This finding"))
    answering = finding.actions.count()
    if answering:
        raise ValidationError(
            ngettext(
                "%(count)s action of the plan answers this finding: link it to another finding "
                "or withdraw it first",
                "%(count)s actions of the plan answer this finding: link them to another "
                "finding or withdraw them first",
                answering,
            )
            % {"count": answering}
        )
    return records.withdraw(finding, actor=actor, reason=reason, what=_("This finding"))


@transaction.atomic
def finding_quality_assure(*, actor, finding: Finding, notes: str = "") -> Finding:
    """The supervising accreditation staff member signs the finding off for the report."""
    finding = records.locked(finding)  # the review read afresh: its supervisor may be new
    permissions.require(actor, "findings.quality_assure", finding.review)
    require_analysis_open(finding.review)
    records.require_current(finding, _("This finding"))
    finding.quality_assured_on = timezone.localdate()
    finding.quality_assured_by = actor
    finding.quality_notes = (notes or "").strip()
    return _saved(finding, actor)


@transaction.atomic
def finding_respond(*, actor, finding: Finding, response: str, responded_on: dt.date) -> Finding:
    """The board's written response to a quality-assured finding, or a corrected one."""
    finding = records.locked(finding)  # the review read afresh: its supervisor may be new
    permissions.require(actor, "findings.respond", finding.review)
    require_analysis_open(finding.review)
    records.require_current(finding, _("This finding"))
    if finding.quality_assured_on is None:
        raise ValidationError(_("The finding must be quality-assured before the board responds"))
    if not (response or "").strip():
        raise ValidationError({"response": _("Enter the board's response")})
    not_in_future(responded_on=responded_on)
    finding.board_response, finding.responded_on = response.strip(), responded_on
    return _saved(finding, actor)


def last_board_response(finding: Finding) -> str:
    """The board's response to the finding, or the last one it gave before the finding
    changed (withdrawn by the change, and kept in the history), to start the new one from."""
    if finding.board_response:
        return finding.board_response
    return (
        finding.history.exclude(board_response="")
        .order_by("-history_date")
        .values_list("board_response", flat=True)
        .first()
        or ""
    )
