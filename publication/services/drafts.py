"""A report that changes: read again and locked while it may still change, and made a new
draft version by the change (what was assured or approved is no longer what it says)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.history import acting_as
from publication.models import Report
from reviews.models import Review

Status = Report.Status


def refuse_once_published(review: Review) -> None:
    # The reverse accessor's "does not exist" is an AttributeError: getattr's default covers it.
    publication = getattr(review, "publication", None)
    if publication is not None and publication.is_published:
        raise ValidationError(_("The report has been published: it can no longer change"))


def for_change(report: Report) -> Report:
    """The report read again and locked, while it may still change."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    refuse_once_published(report.review)
    if report.status == Status.FINAL:
        raise ValidationError(
            _("The report is signed off as final: ask the chair to reopen it before changing it")
        )
    return report


def new_draft(report: Report, actor) -> Report:
    """A change makes the report a new draft version, to be quality-assured and approved
    again."""
    report.version += 1
    report.status = Status.DRAFT
    report.quality_assured_by = report.quality_assured_on = None
    report.approved_by = report.approved_on = None
    acting_as(report, actor).save()
    return report
