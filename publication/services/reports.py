"""Writing the report, moving it through its versions, and asking the worker to render it.

Versions: draft → quality-assured (the supervisor) → board-approved (the chair) → final (the
chair signs it off, refused while the anonymisation check finds a real name). Any edit of a
section takes the report back to draft: what was assured or approved is no longer what it says.
Every save keeps its history row, so each version's text can be read back.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import permissions
from core.history import acting_as
from publication import anonymisation, assembly, jobs, rendering
from publication.models import SECTION_CODES, SECTIONS, Rendering, Report
from reviews.models import Review

logger = logging.getLogger(__name__)
Status = Report.Status


class HoldsRealName(Exception):
    """The anonymisation check found a real name in a report about to be rendered as final."""


def anonymisation_matches(review: Review, content=None) -> list[anonymisation.Match]:
    content = content or assembly.assemble(review)
    names = assembly.names_for(review, content.participants)
    return anonymisation.check(assembly.passages(content), names)


def _refuse_once_published(review: Review) -> None:
    # The reverse accessor's "does not exist" is an AttributeError: getattr's default covers it.
    publication = getattr(review, "publication", None)
    if publication is not None and publication.is_published:
        raise ValidationError("The report has been published: it can no longer change")


@transaction.atomic
def report_section_save(*, actor, report: Report, code: str, text: str) -> Report:
    permissions.require(actor, "reports.edit", report.review)
    if code not in SECTION_CODES:
        raise ValidationError({"code": "Select a section of the report"})
    report = Report.objects.select_for_update().get(pk=report.pk)
    _refuse_once_published(report.review)
    if report.status == Status.FINAL:
        raise ValidationError(
            "The report is signed off as final: ask the chair to reopen it before changing it"
        )
    if getattr(report, code) == text:
        return report
    setattr(report, code, text)
    report.version += 1
    report.status = Status.DRAFT
    report.quality_assured_by = report.quality_assured_on = None
    report.approved_by = report.approved_on = None
    acting_as(report, actor).save()
    return report


def _require_status(report: Report, status: str, message: str) -> None:
    if report.status != status:
        raise ValidationError(message)


@transaction.atomic
def report_quality_assure(*, actor, report: Report) -> Report:
    permissions.require(actor, "reports.quality_assure", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_status(report, Status.DRAFT, "Only a draft report can be quality-assured")
    missing = [title for code, title, _ in SECTIONS if not getattr(report, code).strip()]
    problems = [f"“{title}” is empty" for title in missing]
    if not report.review.findings.exists():
        problems.append("the review has no findings")
    if report.review.findings.filter(quality_assured_on=None).exists():
        problems.append("not every finding is quality-assured")
    if problems:
        raise ValidationError([f"The report cannot be quality-assured: {p}" for p in problems])
    report.status = Status.QUALITY_ASSURED
    report.quality_assured_by, report.quality_assured_on = actor, timezone.localdate()
    acting_as(report, actor).save()
    return report


@transaction.atomic
def report_approve(*, actor, report: Report) -> Report:
    permissions.require(actor, "reports.approve", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_status(report, Status.QUALITY_ASSURED, "Only a quality-assured report can be approved")
    if report.review.findings.filter(board_response="").exists():
        raise ValidationError(
            "The report cannot be approved: the board has not responded to every finding"
        )
    report.status = Status.BOARD_APPROVED
    report.approved_by, report.approved_on = actor, timezone.localdate()
    acting_as(report, actor).save()
    return report


@transaction.atomic
def report_sign_off(*, actor, report: Report) -> Report:
    """The chair signs the report off as final: refused while it holds a real name."""
    permissions.require(actor, "reports.approve", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_status(report, Status.BOARD_APPROVED, "Only a board-approved report can be signed off")
    matches = anonymisation_matches(report.review)
    if matches:
        raise ValidationError(
            f"The report cannot be signed off: the anonymisation check found {len(matches)} "
            f"real name{'' if len(matches) == 1 else 's'}. Remove every one and check again"
        )
    report.status = Status.FINAL
    report.signed_off_by, report.signed_off_on = actor, timezone.localdate()
    acting_as(report, actor).save()
    return report


@transaction.atomic
def report_reopen(*, actor, report: Report) -> Report:
    """Back to draft, to change it; refused once the report is published."""
    permissions.require(actor, "reports.approve", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _refuse_once_published(report.review)
    if report.status == Status.DRAFT:
        raise ValidationError("The report is already a draft")
    report.status = Status.DRAFT
    report.quality_assured_by = report.quality_assured_on = None
    report.approved_by = report.approved_on = None
    report.signed_off_by = report.signed_off_on = None
    acting_as(report, actor).save()
    return report


def rendering_request(*, actor, report: Report, kind: str = Rendering.Kind.REPORT) -> Rendering:
    """Queue a PDF of the report as it is now; the worker renders it after the commit.

    Asking again while the same version is still queued or rendering gives that rendering."""
    permissions.require(actor, "reports.render", report.review)
    if kind not in Rendering.Kind.values:
        raise ValidationError({"kind": "Select the report or the learning brief"})
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        return jobs.queue(
            report.renderings.all(),
            acting_as(
                Rendering(
                    report=report,
                    kind=kind,
                    report_version=report.version,
                    report_status=report.status,
                    requested_by=actor,
                ),
                actor,
            ),
            _enqueue,
            kind=kind,
            report_version=report.version,
            report_status=report.status,
        )


def _enqueue(rendering_id) -> None:
    from publication.tasks import render  # the task module imports this one

    jobs.enqueue(render, rendering_id)


def rendering_run(rendering_id) -> Rendering | None:
    """Render one queued PDF: queued → rendering → ready (or failed, with the reason).

    Safe to run twice: a rendering that is no longer queued is left alone."""
    if not jobs.claim(Rendering, rendering_id):
        return None
    item = Rendering.objects.select_related("report__review__incident", "report__review__board")
    item = item.get(pk=rendering_id)
    review = item.report.review
    try:
        content = assembly.assemble(review, item.report)
        # The report as it was asked for: a draft mark unless it was final when asked.
        draft = item.report_status != Status.FINAL
        # The records can change after sign-off (an action's impact, say): a final PDF is
        # checked again as it is rendered, and never made with a real name in it.
        if not draft and anonymisation_matches(review, content):
            raise HoldsRealName
        html = rendering.html_for(content, kind=item.kind, draft=draft)
        document = rendering.pdf_from_html(html)
        return jobs.finish(
            item,
            document=document,
            html=html,
            file_name=f"{review.incident.reference}-{item.kind}-v{item.report_version}.pdf",
            content_digest=assembly.digest(content),
        )
    except Exception as error:  # a failed rendering says why; the worker goes on
        if not isinstance(error, HoldsRealName):
            logger.exception("Rendering %s of review %s failed", item.pk, review.pk)
        return jobs.fail(item, error)
