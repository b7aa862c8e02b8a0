"""The chair's decision on publication, the copy to the panel, publishing and taking down.

The rules (how long before publication the panel needs its copy, how long a report stays
online) are the rulebook's (`guidance.rulebooks`): the incident's edition says which apply.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import permissions
from core.history import acting_as
from core.validation import not_in_future
from guidance import calendar
from publication import assembly
from publication.models import WELSH, LibraryFinding, Publication, Rendering, Report
from publication.services import home_office_qa
from publication.services.reports import (
    PUBLISHED_KINDS,
    changed_since_sign_off,
    report_check,
)
from publication.services.welsh import ENGLISH, languages_of
from reviews.models import Notification, Review
from reviews.services.clocks import deadlines_sync, holidays_from
from reviews.services.proceedings import restrictions_in_force

# With no rule in the rulebook (adults, Wales) the board keeps to the longest of the others.
DEFAULT_ONLINE_MONTHS = 12
# How far ahead the earliest possible date is searched for (a copy rule is days, not months).
_SEARCH_DAYS = 60


def panel_copy_clock(review: Review):
    return review.incident.rules.clock("panel_copy")


def panel_copy_due(review: Review, planned_on: dt.date) -> dt.date | None:
    """The last day the panel may receive its copy for publication on `planned_on`."""
    clock = panel_copy_clock(review)
    if clock is None:
        return None
    return clock.due(planned_on, holidays_from(planned_on - dt.timedelta(days=60)))


def panel_copy_sent_on(review: Review) -> dt.date | None:
    """When the panel was last sent the report (after a reopening, the final one is sent again)."""
    return (
        Notification.objects.filter(
            incident_id=review.incident_id,
            recipient="national_panel",
            about=Notification.About.REPORT,
        )
        .order_by("-sent_on")
        .values_list("sent_on", flat=True)
        .first()
    )


def earliest_publication(review: Review, today: dt.date | None = None) -> dt.date:
    """The first date the report may be published, given when the panel has (or can have)
    its copy: today if the copy is not yet sent, else the day it was sent."""
    today = today or timezone.localdate()
    clock = panel_copy_clock(review)
    if clock is None:
        return today
    copy_by = panel_copy_sent_on(review) or today
    holidays = holidays_from(today - dt.timedelta(days=60))
    day = today
    for _day in range(_SEARCH_DAYS):
        if clock.due(day, holidays) >= copy_by:
            return day
        day += dt.timedelta(days=1)
    return day


def _check_planned_on(review: Review, planned_on: dt.date | None) -> None:
    if planned_on is None:
        raise ValidationError({"planned_on": _("Enter the planned publication date")})
    today = timezone.localdate()
    if planned_on < today:
        raise ValidationError(
            {"planned_on": _("The planned publication date must be in the future")}
        )
    earliest = earliest_publication(review, today)
    if planned_on < earliest:
        clock = panel_copy_clock(review)
        raise ValidationError(
            {
                "planned_on": _(
                    "The national panel must have the report %(length)s before publication: "
                    "plan it on or after %(date)s"
                )
                % {"length": clock.length_text, "date": date_format(earliest, "j F Y")}
            }
        )


CHANGED_SINCE_SIGN_OFF = gettext_lazy(
    "The review's records have changed since the chair signed the report off: the chair "
    "reopens the report and signs it off again"
)


def restricted_until(review: Review, on: dt.date | None = None):
    """The restriction in force on `on` (today) that ends last, if any: until it ends the
    report is not published (a reporting restriction or a court order)."""
    return restrictions_in_force(review.incident, on).first()


def _require_unrestricted(review: Review, field: str, on: dt.date | None = None) -> None:
    restriction = restricted_until(review, on)
    if restriction is not None:
        raise ValidationError(
            {
                field: _(
                    "A %(restriction)s made by %(made_by)s applies until %(date)s: the report "
                    "cannot be published before it ends"
                )
                % {
                    "restriction": restriction.get_kind_display().lower(),
                    "made_by": restriction.made_by,
                    "date": date_format(restriction.ends_on, "j F Y"),
                }
            }
        )


def _not_published(review: Review) -> Publication | None:
    publication = Publication.objects.filter(review=review).first()
    if publication is not None and publication.is_published:
        raise ValidationError(_("The report has been published: the decision can no longer change"))
    return publication


@transaction.atomic
def publication_decide(
    *, actor, review: Review, decision: str, planned_on=None, reasons: str = ""
) -> Publication:
    """The chair decides: publish on a planned date, or do not publish (with reasons, and
    the national panel is told)."""
    permissions.require(actor, "publication.decide", review)
    review = _locked(review)
    existing = _not_published(review)
    today = timezone.localdate()
    if decision == Publication.Decision.PUBLISH:
        report = Report.objects.filter(review=review).first()
        if report is None or report.status != Report.Status.FINAL:
            raise ValidationError(
                {"decision": _("The report must be signed off as final before it can be published")}
            )
        content = assembly.assemble(review, report)
        check = report_check(review, content)
        if check.matches:
            raise ValidationError(
                {"decision": _("The anonymisation check finds a real name in the report")}
            )
        if changed_since_sign_off(report, content):
            raise ValidationError({"decision": str(CHANGED_SINCE_SIGN_OFF)})
        if check.open_flags:
            raise ValidationError(
                {
                    "decision": _(
                        "A detail that may identify someone is flagged in the report: "
                        "change the text or keep it with a reason first"
                    )
                }
            )
        _require_unrestricted(review, "decision")
        home_office_qa.require_approval(review, "decision")
        _check_planned_on(review, planned_on)
        reasons = reasons.strip()
    elif decision == Publication.Decision.DO_NOT_PUBLISH:
        if not reasons.strip():
            raise ValidationError({"reasons": _("Enter the reasons for not publishing the report")})
        planned_on = None
    else:
        raise ValidationError({"decision": _("Select whether to publish the report")})
    # Read before the change: `publication` is `existing` when there was a decision before.
    was_not_publishing = (
        existing is not None and existing.decision == Publication.Decision.DO_NOT_PUBLISH
    )
    publication = existing or Publication(review=review)
    publication.decision = decision
    publication.planned_on = planned_on
    publication.reasons = reasons.strip()
    publication.decided_by, publication.decided_on = actor, today
    acting_as(publication, actor).save()
    told_to = review.incident.rules.not_publishing_told_to
    if decision == Publication.Decision.DO_NOT_PUBLISH and told_to and not was_not_publishing:
        # The rulebook names who is told, with the reasons (the national panel in England).
        acting_as(
            Notification(
                incident=review.incident,
                recipient=told_to,
                about=Notification.About.NOT_PUBLISHING,
                sent_on=today,
                summary=f"Decision not to publish the report of {review.incident.reference}. "
                f"Reasons: {publication.reasons}",
            ),
            actor,
        ).save()
    deadlines_sync(incident=review.incident, actor=actor)
    return publication


@transaction.atomic
def panel_copy_record(*, actor, review: Review, sent_on: dt.date) -> Notification:
    """The business manager records the final report sent to the national panel."""
    permissions.require(actor, "publication.manage", review)
    publication = Publication.objects.filter(review=review).first()
    if publication is None or publication.decision != Publication.Decision.PUBLISH:
        raise ValidationError(_("The chair has not decided to publish the report"))
    if panel_copy_clock(review) is None:
        raise ValidationError(_("This board's rules do not ask for a copy to the national panel"))
    not_in_future(sent_on=sent_on)
    if sent_on < publication.decided_on:
        raise ValidationError({"sent_on": _("The copy cannot be sent before the decision")})
    notification = acting_as(
        Notification(
            incident=review.incident,
            recipient="national_panel",
            about=Notification.About.REPORT,
            sent_on=sent_on,
            summary=f"Final report of {review.incident.reference}, before publication.",
        ),
        actor,
    )
    notification.save()
    deadlines_sync(incident=review.incident, actor=actor)
    return notification


def _final_renderings(report: Report, kind: str, language: str = ENGLISH):
    return report.renderings.filter(
        kind=kind,
        language=language,
        state=Rendering.State.READY,
        report_status=Report.Status.FINAL,
        report_version=report.version,
    ).order_by("-finished_at", "-created_at")


@transaction.atomic
def publication_record(*, actor, review: Review, published_on: dt.date, address: str):
    """The report is on the board's website: record when and where, and add its findings to
    the learning library."""
    permissions.require(actor, "publication.manage", review)
    # The review, then its report and publication, locked in the order the chair's decision
    # and the report's changes lock them: neither can change under this.
    review = _locked(review)
    publication = Publication.objects.select_for_update().filter(review=review).first()
    if publication is None or publication.decision != Publication.Decision.PUBLISH:
        raise ValidationError(_("The chair has not decided to publish the report"))
    if publication.is_published:
        raise ValidationError(_("The report is already recorded as published"))
    not_in_future(published_on=published_on)
    _require_unrestricted(review, "published_on", on=published_on)
    home_office_qa.require_approval(review, "published_on", on=published_on)
    report = Report.objects.select_for_update().get(review=review)
    content = assembly.assemble(review, report)
    check = report_check(review, content)
    if report.status != Report.Status.FINAL or check.matches:
        raise ValidationError(_("The report is not signed off as final, free of real names"))
    if changed_since_sign_off(report, content):
        raise ValidationError(str(CHANGED_SINCE_SIGN_OFF))
    if check.open_flags:
        raise ValidationError(
            _(
                "A detail that may identify someone is flagged in the report: change the text "
                "or keep it with a reason, then sign the report off again"
            )
        )
    if published_on < publication.decided_on:
        raise ValidationError(
            {
                "published_on": _(
                    "The report cannot be published before the chair decided to publish"
                )
            }
        )
    # The report and its brief, in each language the report is held in, published together.
    wanted = [(kind, language) for language in languages_of(report) for kind in PUBLISHED_KINDS]
    if not all(_final_renderings(report, kind, language).exists() for kind, language in wanted):
        if report.in_welsh:
            raise ValidationError(
                _(
                    "Render the final report and its learning brief, in English and in Welsh, "
                    "before recording the publication"
                )
            )
        raise ValidationError(
            _("Render the final report and its learning brief before recording the publication")
        )
    # What is published must be what was rendered (and checked) from the records as they are.
    digest = assembly.digest(content)
    published = {
        (kind, language): _final_renderings(report, kind, language)
        .filter(content_digest=digest)
        .first()
        for kind, language in wanted
    }
    if None in published.values():
        raise ValidationError(
            _(
                "The review's records have changed since the final PDFs were rendered: render "
                "the report and its learning brief again"
            )
        )
    due = panel_copy_due(review, published_on)
    if due is not None:
        sent_on = panel_copy_sent_on(review)
        if sent_on is not None and sent_on < report.signed_off_on:
            raise ValidationError(
                _(
                    "The national panel's copy was sent before the report was signed off as "
                    "final: send the final report and record the copy again"
                )
            )
        if sent_on is None or sent_on > due:
            clock = panel_copy_clock(review)
            raise ValidationError(
                {
                    "published_on": _(
                        "The national panel must have the report %(length)s before "
                        "publication: it needed it by %(date)s"
                    )
                    % {"length": clock.length_text, "date": date_format(due, "j F Y")}
                }
            )
    publication.published_on = published_on
    publication.address = address
    publication.report_pdf = published[Rendering.Kind.REPORT, ENGLISH]
    publication.brief_pdf = published[Rendering.Kind.BRIEF, ENGLISH]
    publication.welsh_report_pdf = published.get((Rendering.Kind.REPORT, WELSH))
    publication.welsh_brief_pdf = published.get((Rendering.Kind.BRIEF, WELSH))
    acting_as(publication, actor).save()
    _add_to_library(publication, content)
    return publication


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().select_related("incident", "board").get(pk=review.pk)


def _add_to_library(publication: Publication, content: assembly.ReportContent) -> None:
    review = publication.review
    LibraryFinding.objects.bulk_create(
        LibraryFinding(
            publication=publication,
            board_id=review.board_id,
            category_id=finding.category_id,
            review_type=review.review_type,
            case_reference=review.incident.reference,
            published_on=publication.published_on,
            position=finding.number,
            title=finding.title,
            body=_library_body(finding),
        )
        for finding in content.findings
    )


def _library_body(finding) -> str:
    parts = list(finding.parts)
    if finding.board_response:
        parts.append(("The board's response", finding.board_response))
    return "\n\n".join(f"{title}\n{text}" for title, text in parts)


def online_until(review: Review, publication: Publication) -> dt.date | None:
    """The first day the report may come off the website."""
    if publication.published_on is None:
        return None
    months = review.incident.rules.online_minimum_months or DEFAULT_ONLINE_MONTHS
    return calendar.add_calendar_months(publication.published_on, months)


@transaction.atomic
def publication_withdraw(*, actor, review: Review, withdrawn_on: dt.date) -> Publication:
    """Take the report off the website: never before its minimum time online. It stays
    available on request, and its findings stay in the library."""
    permissions.require(actor, "publication.manage", review)
    review = _locked(review)
    publication = Publication.objects.select_for_update().filter(review=review).first()
    if publication is None or not publication.is_published:
        raise ValidationError(_("The report has not been published"))
    if publication.withdrawn_on is not None:
        raise ValidationError(_("The report has already been taken off the website"))
    not_in_future(withdrawn_on=withdrawn_on)
    earliest = online_until(review, publication)
    if withdrawn_on < earliest:
        months = review.incident.rules.online_minimum_months or DEFAULT_ONLINE_MONTHS
        raise ValidationError(
            {
                "withdrawn_on": _(
                    "The report must stay on the website until %(date)s (at least %(months)s "
                    "months)"
                )
                % {"date": date_format(earliest, "j F Y"), "months": months}
            }
        )
    publication.withdrawn_on = withdrawn_on
    acting_as(publication, actor).save()
    return publication
