"""A Welsh board's report held in Welsh as well as English (docs/welsh.md): whether it is, the
Welsh of each passage, and what stops its sign-off. The passages and their keys are
`publication.assembly`'s; signing off, rendering and publishing both languages are in
`reports` and `publishing`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import permissions
from core.history import acting_as
from publication import assembly
from publication.models import ENGLISH, WELSH, Publication, Report, WelshPassage
from publication.services.drafts import for_change, new_draft


def languages_of(report: Report) -> tuple[str, ...]:
    """The languages the report is published in: English, and Welsh if it is held in both."""
    return (ENGLISH, WELSH) if report.in_welsh else (ENGLISH,)


def may_change_welsh(*, user, report: Report, publication: Publication | None) -> bool:
    """Whether `user` may hold the report in Welsh (or not) and write its Welsh now: a writer
    of the report, while it is a draft and unpublished (as `for_change` says)."""
    return (
        permissions.can(user, "reports.edit", report.review)
        and report.is_draft
        and not (publication is not None and publication.is_published)
    )


@transaction.atomic
def report_welsh_hold(*, actor, report: Report, in_welsh: bool) -> Report:
    """Hold the report in Welsh as well as English (a Welsh board's), or in English only. Like
    a section, a change makes the report a new draft version. Welsh already written is kept
    when the report goes back to English only, for the day it is held in Welsh again."""
    permissions.require(actor, "reports.edit", report.review)
    report = for_change(report)
    if in_welsh and not report.review.board.in_wales:
        raise ValidationError(_("Only the report of a board in Wales is held in Welsh too"))
    if report.in_welsh == in_welsh:
        return report
    report.in_welsh = in_welsh
    return new_draft(report, actor)


@transaction.atomic
def welsh_passage_save(
    *, actor, report: Report, key: str, text: str, translates: str | None = None
) -> WelshPassage:
    """The Welsh of one passage of the report, as its English is now. A change makes the report
    a new draft version; the earlier Welsh stays in the history.

    `translates`: the digest of the English the writer was shown (`assembly.english_digest`).
    Findings, episodes, actions and the chronology change outside the report: if the English
    changed while they wrote, the Welsh is refused rather than kept as up to date."""
    permissions.require(actor, "reports.edit", report.review)
    report = for_change(report)
    if not report.in_welsh:
        raise ValidationError(_("The report is held in English only"))
    row = next(
        (
            r
            for r in assembly.welsh_rows(assembly.assemble(report.review, report))
            if r.text.key == key
        ),
        None,
    )
    if row is None:
        raise ValidationError(_("This passage is no longer in the report"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Enter the Welsh of this passage")})
    english = assembly.english_digest(row.english)
    if translates is not None and translates != english:
        raise ValidationError(
            {
                "text": _(
                    "The English of this passage changed while you wrote its Welsh: read it "
                    "again above, change the Welsh if it needs to, then save"
                )
            }
        )
    welsh = row.welsh or WelshPassage(report=report, key=key)
    if welsh.pk and welsh.text == text and welsh.english_digest == english:
        return welsh
    welsh.text, welsh.english_digest, welsh.written_by = text, english, actor
    acting_as(welsh, actor).save()
    new_draft(report, actor)
    return welsh


def welsh_problems(content) -> list[str]:
    """Why the Welsh of a report held in both languages cannot be signed off: passages with no
    Welsh, or with the Welsh of an earlier English."""
    if not content.report.in_welsh:
        return []
    rows = assembly.welsh_rows(content)
    missing = sum(row.state == assembly.WELSH_MISSING for row in rows)
    out_of_date = sum(row.state == assembly.WELSH_OUT_OF_DATE for row in rows)
    problems = []
    if missing:
        problems.append(
            ngettext(
                "The report cannot be signed off: %(count)s passage has no Welsh yet",
                "The report cannot be signed off: %(count)s passages have no Welsh yet",
                missing,
            )
            % {"count": missing}
        )
    if out_of_date:
        problems.append(
            ngettext(
                "The report cannot be signed off: the English of %(count)s passage has changed "
                "since its Welsh was written",
                "The report cannot be signed off: the English of %(count)s passages has changed "
                "since their Welsh was written",
                out_of_date,
            )
            % {"count": out_of_date}
        )
    return problems
