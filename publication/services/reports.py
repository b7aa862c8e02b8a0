"""Writing the report, moving it through its versions, and asking the worker to render it.

Versions: draft → quality-assured (the supervisor) → board-approved (the chair) → final (the
chair signs it off). Any edit of a section takes the report back to draft: what was assured or
approved is no longer what it says. Every save keeps its history row, so each version's text
can be read back.

Anonymisation by construction (docs/architecture.md): the check reads every name ever recorded
for the case (`assembly.names_for`), so no order of edits takes a name out of it. Sign-off is
refused while it finds a name, or while a detail flagged for the chair's attention
(`publication.disclosure`) has not been dismissed with a reason. Signing off queues the final
PDFs of the report and its brief; the worker checks the text of each PDF and of its web version
as made, and a name found there withdraws the sign-off, saying where.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from boards.models import Agency
from core import permissions
from core.history import acting_as
from publication import anonymisation, assembly, disclosure, jobs, rendering, word
from publication.models import SECTION_CODES, SECTIONS, WELSH, FlagDismissal, Rendering, Report
from publication.services.drafts import for_change, new_draft, refuse_once_published
from publication.services.welsh import ENGLISH, languages_of, welsh_problems
from reviews.models import IncidentPerson, Review

logger = logging.getLogger(__name__)
Status = Report.Status


# The renderings that are published: the report and its learning brief, as PDFs.
PUBLISHED_KINDS = (Rendering.Kind.REPORT, Rendering.Kind.BRIEF)


class HoldsRealName(Exception):
    """The anonymisation check found a real name in a report about to be rendered as final,
    or in the final PDF as made. Its args are the places (never the name)."""


class WordHoldsRealName(Exception):
    """The same, in a Word version of a final report: not made, and the sign-off stays (a Word
    version is never published). Its args are the places (never the name)."""


@dataclass
class Check:
    """The anonymisation check of a report as it is now."""

    matches: list[anonymisation.Match]
    flags: list[disclosure.Flag]
    dismissed: dict[str, FlagDismissal] = field(default_factory=dict)

    @property
    def open_flags(self) -> list[disclosure.Flag]:
        return [flag for flag in self.flags if flag.key not in self.dismissed]

    @property
    def clear(self) -> bool:
        return not self.matches and not self.open_flags


def anonymisation_matches(review: Review, content=None) -> list[anonymisation.Match]:
    content = content or assembly.assemble(review)
    return anonymisation.check(assembly.passages(content), assembly.names_for(review))


def report_check(review: Review, content=None, *, names: bool = True) -> Check:
    """Names (refused) and details that may identify someone (flagged) in the report; the
    flags alone with `names=False`."""
    content = content or assembly.assemble(review)
    passages = assembly.passages(content)
    people = assembly.case_people([review])
    schools, titles = _case_details(people)
    names_found = assembly.names_by_review([review], people)[review.pk]
    found = disclosure.flags(
        passages,
        schools=schools,
        posts=disclosure.posts_held_by_one(titles),
        names=names_found,
    )
    matches = anonymisation.check(passages, names_found) if names else []
    dismissed = {}
    if found and content.report.pk:
        dismissed = {
            dismissal.key: dismissal
            for dismissal in content.report.dismissals.select_related("dismissed_by")
        }
    return Check(matches=matches, flags=found, dismissed=dismissed)


def _case_details(people) -> tuple[list[str], list[str]]:
    """The schools recorded for the case (its education agencies: of the incident, of its
    people and of the review team and case group) and the job titles of its practitioners
    (the case group, the practitioners involved; the review team's are listed in the report
    on purpose), each version once."""
    schools = {p.agency_name for p in people if p.agency_sector == Agency.Sector.EDUCATION}
    jobs: dict[tuple, str] = {}
    for person in people:
        if person.role in ("case_group", IncidentPerson.Role.PRACTITIONER) and person.job:
            jobs.setdefault((person.name.casefold(), person.job.casefold()), person.job)
    return sorted(schools), list(jobs.values())


def places_of(matches) -> str:
    """Where the matches are, each place once, in the report's order: never the name."""
    places: list[str] = []
    for match in matches:
        place = (
            _("%(place)s (line %(line)s)") % {"place": match.place, "line": match.line}
            if match.line > 1
            else match.place
        )
        if place not in places:
            places.append(place)
    return "; ".join(places)


@transaction.atomic
def flag_dismiss(*, actor, report: Report, key: str, reason: str) -> FlagDismissal:
    """The chair keeps a flagged detail, saying why (the date of a court hearing, say)."""
    permissions.require(actor, "reports.approve", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Status.FINAL:
        raise ValidationError(_("The report is signed off: reopen it to look at its flags again"))
    flag = next((f for f in report_check(report.review, names=False).flags if f.key == key), None)
    if flag is None:
        raise ValidationError(_("This flag is no longer raised: the text has changed"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Enter why the detail can stay in the report")})
    dismissal, _created = FlagDismissal.objects.update_or_create(
        report=report,
        key=key,
        defaults={
            "kind": flag.kind,
            "place": flag.place[:300],
            "reason": reason.strip(),
            "dismissed_by": actor,
        },
    )
    return dismissal


@transaction.atomic
def report_section_save(*, actor, report: Report, code: str, text: str) -> Report:
    permissions.require(actor, "reports.edit", report.review)
    if code not in SECTION_CODES:
        raise ValidationError({"code": _("Select a section of the report")})
    report = for_change(report)
    if getattr(report, code) == text:
        return report
    setattr(report, code, text)
    return new_draft(report, actor)


@transaction.atomic
def report_chronology_appendix(*, actor, report: Report, include: bool) -> Report:
    """Whether the merged chronology goes in the report as an appendix. Like a section, a
    change makes the report a new draft version."""
    permissions.require(actor, "reports.edit", report.review)
    report = for_change(report)
    if report.chronology_appendix == include:
        return report
    report.chronology_appendix = include
    return new_draft(report, actor)


def _require_status(report: Report, status: str, message: str) -> None:
    if report.status != status:
        raise ValidationError(message)


@transaction.atomic
def report_quality_assure(*, actor, report: Report) -> Report:
    permissions.require(actor, "reports.quality_assure", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_status(report, Status.DRAFT, _("Only a draft report can be quality-assured"))
    missing = [title for code, title, _hint in SECTIONS if not getattr(report, code).strip()]
    problems = [
        _("The report cannot be quality-assured: “%(section)s” is empty") % {"section": title}
        for title in missing
    ]
    if not report.review.findings.exists():
        problems.append(_("The report cannot be quality-assured: the review has no findings"))
    if report.review.findings.filter(quality_assured_on=None).exists():
        problems.append(
            _("The report cannot be quality-assured: not every finding is quality-assured")
        )
    if problems:
        raise ValidationError(problems)
    report.status = Status.QUALITY_ASSURED
    report.quality_assured_by, report.quality_assured_on = actor, timezone.localdate()
    acting_as(report, actor).save()
    return report


@transaction.atomic
def report_approve(*, actor, report: Report) -> Report:
    permissions.require(actor, "reports.approve", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    _require_status(
        report, Status.QUALITY_ASSURED, _("Only a quality-assured report can be approved")
    )
    if report.review.findings.filter(board_response="").exists():
        raise ValidationError(
            _("The report cannot be approved: the board has not responded to every finding")
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
    _require_status(
        report, Status.BOARD_APPROVED, _("Only a board-approved report can be signed off")
    )
    content = assembly.assemble(report.review, report)
    check = report_check(report.review, content)
    problems = []
    if check.matches:
        count = len(check.matches)
        problems.append(
            ngettext(
                "The report cannot be signed off: the anonymisation check found %(count)s real "
                "name, in: %(places)s. Remove every one and check again",
                "The report cannot be signed off: the anonymisation check found %(count)s real "
                "names, in: %(places)s. Remove every one and check again",
                count,
            )
            % {"count": count, "places": places_of(check.matches)}
        )
    if check.open_flags:
        count = len(check.open_flags)
        problems.append(
            ngettext(
                "The report cannot be signed off: %(count)s detail that may identify someone "
                "is flagged for your attention. Change the text, or keep each one with a reason",
                "The report cannot be signed off: %(count)s details that may identify someone "
                "are flagged for your attention. Change the text, or keep each one with a reason",
                count,
            )
            % {"count": count}
        )
    problems += welsh_problems(content)
    if problems:
        raise ValidationError(problems)
    report.status = Status.FINAL
    report.signed_off_by, report.signed_off_on = actor, timezone.localdate()
    report.signed_off_digest = assembly.digest(content)
    acting_as(report, actor).save()
    # The files that will be published, made now and checked as made (`rendering_run`): the
    # report and its brief, in each of its languages (a Word version only when asked for).
    for language in languages_of(report):
        for kind in PUBLISHED_KINDS:
            _queue_rendering(report, kind, actor, language)
    return report


@transaction.atomic
def report_reopen(*, actor, report: Report) -> Report:
    """Back to draft, to change it; refused once the report is published."""
    permissions.require(actor, "reports.approve", report.review)
    report = Report.objects.select_for_update().get(pk=report.pk)
    refuse_once_published(report.review)
    if report.status == Status.DRAFT:
        raise ValidationError(_("The report is already a draft"))
    report.status = Status.DRAFT
    report.quality_assured_by = report.quality_assured_on = None
    report.approved_by = report.approved_on = None
    report.signed_off_by = report.signed_off_on = None
    report.signed_off_digest = ""
    acting_as(report, actor).save()
    return report


def changed_since_sign_off(report: Report, content) -> bool:
    """Whether the records the report is made of have changed since the chair signed it off
    (an episode corrected, an action's impact recorded): then it is not what was signed off,
    and it is not published until the chair reopens it and signs it off again."""
    return bool(
        report.status == Status.FINAL
        and report.signed_off_digest
        and report.signed_off_digest != assembly.digest(content)
    )


def rendering_request(
    *, actor, report: Report, kind: str = Rendering.Kind.REPORT, language: str = ENGLISH
) -> Rendering:
    """Queue a PDF of the report as it is now, in English or (of a report held in both) in
    Welsh; the worker renders it after the commit.

    Asking again while the same version is still queued or rendering gives that rendering."""
    permissions.require(actor, "reports.render", report.review)
    if kind not in Rendering.Kind.values:
        raise ValidationError(
            {"kind": _("Select the report, the learning brief or the Word version")}
        )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if language not in languages_of(report) or (
            language == WELSH and kind == Rendering.Kind.WORD
        ):
            raise ValidationError({"language": _("Select a language the report is held in")})
        return _queue_rendering(report, kind, actor, language)


def _queue_rendering(report: Report, kind: str, actor, language: str = ENGLISH) -> Rendering:
    """Queue a PDF of `report` (locked by the caller) as it is now, or give the one pending."""
    return jobs.queue(
        report.renderings.all(),
        acting_as(
            Rendering(
                report=report,
                kind=kind,
                language=language,
                report_version=report.version,
                report_status=report.status,
                requested_by=actor,
            ),
            actor,
        ),
        _enqueue,
        kind=kind,
        language=language,
        report_version=report.version,
        report_status=report.status,
    )


def _enqueue(rendering_id) -> None:
    from publication.tasks import render  # the task module imports this one

    jobs.enqueue(render, rendering_id)


def _still_wanted(item: Rendering) -> bool:
    """Whether `rendering_request` would still queue this rendering as it was asked for: of
    the report's version and status as they are now, in a language it is held in. An
    abandoned rendering of an older version is not tried again (nobody asked for it now)."""
    return Report.objects.filter(
        pk=item.report_id, version=item.report_version, status=item.report_status
    ).exists() and item.language in languages_of(item.report)


# Taken up again by the sweep when abandoned (`jobs.retry_abandoned`; registered in apps.py).
RENDERINGS = jobs.Kind(
    model=Rendering,
    enqueue=lambda rendering_id: _enqueue(rendering_id),
    inputs=(
        "report_id",
        "kind",
        "language",
        "report_version",
        "report_status",
        "requested_by_id",
    ),
    still_wanted=_still_wanted,
)


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
        if item.kind == Rendering.Kind.WORD:
            return _word_version(item, content, draft=draft)
        # The records can change after sign-off (an action's impact, say): a final PDF is
        # checked again as it is rendered, and never made with a real name in it.
        names = assembly.names_for(review) if not draft else []
        matches = anonymisation.check(assembly.passages(content), names)
        if matches:
            raise HoldsRealName(places_of(matches))
        # The digest of the report in both its languages, whichever this document is in.
        content_digest = assembly.digest(content)
        if item.in_welsh:
            content = assembly.put_in_welsh(content)
        html = rendering.html_for(content, kind=item.kind, draft=draft)
        document = rendering.pdf_from_html(html)
        if not draft:
            # And the bytes themselves: the text of the PDF and of its web version, as made.
            made = rendering.published_text(document, html)
            matches = anonymisation.check(made, names)
            if matches:
                raise HoldsRealName(places_of(matches))
        in_language = "-cy" if item.in_welsh else ""
        return jobs.finish(
            item,
            data=document.pdf,
            pages=document.pages,
            html=html,
            file_name=(
                f"{review.incident.reference}-{item.kind}{in_language}-v{item.report_version}.pdf"
            ),
            content_digest=content_digest,
        )
    except Exception as error:  # a failed rendering says why; the worker goes on
        if isinstance(error, HoldsRealName):
            _sign_off_refused(item)
        else:
            logger.exception("Rendering %s of review %s failed", item.pk, review.pk)
        return jobs.fail(item, error)


def _word_version(item: Rendering, content, *, draft: bool) -> Rendering:
    """A Word version to edit: never published, so a name in it withdraws no sign-off; but
    one of a final report is made only without a real name, like the final PDF."""
    review = item.report.review
    if not draft:
        matches = anonymisation.check(assembly.passages(content), assembly.names_for(review))
        if matches:
            raise WordHoldsRealName(places_of(matches))
    data = word.docx_of(content, draft=draft, made_on=timezone.localdate())
    return jobs.finish(
        item,
        data=data,
        pages=None,
        html="",
        file_name=f"{review.incident.reference}-report-v{item.report_version}.docx",
        content_digest=assembly.digest(content),
    )


def _sign_off_refused(item: Rendering) -> None:
    """A name in a final PDF as made: the sign-off of that version is withdrawn, so that
    nothing can be published from it; the page says where the name is (the rendering's
    reason). History names no actor: the check did it."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=item.report_id)
        if report.status != Status.FINAL or report.version != item.report_version:
            return
        report.status = Status.BOARD_APPROVED
        report.signed_off_by = report.signed_off_on = None
        report.signed_off_digest = ""
        report.save()
