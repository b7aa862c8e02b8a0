"""The Home Office Quality Assurance Panel's look at a domestic homicide review, before it is
published (docs/research/dhr.md, section 4).

Which reviews go to the Panel is the rulebook's (`Rulebook.needs_home_office_qa`): every
domestic homicide review of an English Community Safety Partnership (`dhr-2016`), and a Welsh
single unified safeguarding review of a domestic homicide (`wales-susr-2024`). The partnership
submits the overview report and executive summary; the Panel considers it at a meeting and the
Home Office writes, asking for changes, or content that "on completion of these changes, the
DHR may be published". No timescale is published, so no clock runs here.

The steps are recorded after the fact, in order: submitted (the final report signed off),
then feedback and resubmissions, then approved (after feedback and a resubmission, or
directly). Until the approval is recorded the chair cannot decide to publish and the
publication cannot be recorded (`require_approval`, called by `publishing`). A mistake is
withdrawn with a reason, never deleted; nothing changes once the report is published.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import permissions, records
from core.history import acting_as
from core.validation import not_before, not_in_future, raise_if_any
from publication.models import HomeOfficeQaStep, Publication, Report
from reviews.models import Review

Kind = HomeOfficeQaStep.Kind


def required(review: Review) -> bool:
    """Whether the review's report goes to the Panel before it is published."""
    incident = review.incident
    return incident.rules.needs_home_office_qa(incident.facts)


def source(review: Review) -> str:
    return review.incident.rules.home_office_qa_source


@dataclass(frozen=True)
class QaStatus:
    """Where the review stands with the Panel, for its report page, the API and the gate."""

    required: bool
    source: str
    # The regime has the step for some incidents (a SUSR of a domestic homicide), if not this.
    in_regime: bool = False
    # The steps in force, oldest first; those withdrawn, apart.
    steps: tuple[HomeOfficeQaStep, ...] = ()
    withdrawn: tuple[HomeOfficeQaStep, ...] = ()

    @property
    def latest(self) -> HomeOfficeQaStep | None:
        return self.steps[-1] if self.steps else None

    @property
    def approval(self) -> HomeOfficeQaStep | None:
        return next((s for s in self.steps if s.kind == Kind.APPROVED), None)

    @property
    def approved_on(self) -> dt.date | None:
        return self.approval.occurred_on if self.approval else None

    @property
    def submitted(self) -> bool:
        return any(s.kind == Kind.SUBMITTED for s in self.steps)

    @property
    def state(self) -> str:
        """not_needed, awaiting_submission, submitted, feedback or approved."""
        if not self.required:
            return "not_needed"
        if self.approval:
            return "approved"
        return self.latest.kind if self.latest else "awaiting_submission"


def status(review: Review) -> QaStatus:
    """The review's standing with the Panel: one query, and none where it does not apply."""
    if not required(review):
        rules = review.incident.rules
        return QaStatus(
            required=False,
            source=rules.home_office_qa_source,
            in_regime=rules.home_office_qa is not None,
        )
    every = HomeOfficeQaStep.all_objects.filter(review=review).select_related(
        "recorded_by", "withdrawn_by"
    )
    return QaStatus(
        required=True,
        source=source(review),
        in_regime=True,
        steps=tuple(step for step in every if not step.is_withdrawn),
        withdrawn=tuple(step for step in every if step.is_withdrawn),
    )


def may_record(qa: QaStatus, *, report: Report | None, publication: Publication | None) -> tuple:
    """The kinds of step that may be recorded now (the page offers these; the service still
    refuses a step out of order)."""
    published = publication is not None and publication.is_published
    if not qa.required or qa.approval or published:
        return ()
    final = report is not None and report.status == Report.Status.FINAL
    kinds = [Kind.SUBMITTED] if final else []
    if qa.submitted:
        kinds += [Kind.FEEDBACK, Kind.APPROVED]
    return tuple(kinds)


def require_approval(review: Review, field: str, on: dt.date | None = None) -> None:
    """The gate of publishing: refused until the Panel's approval is recorded, for a review
    that goes to it (and, given `on`, a publication on that day not before the approval).
    Deciding not to publish is never held back by it."""
    qa = status(review)
    if not qa.required:
        return
    if qa.approval is None:
        raise ValidationError(
            {
                field: _(
                    "The report cannot be published until the Home Office Quality Assurance "
                    "Panel has approved it: record the Home Office's approval on the report page "
                    "first (%(source)s)"
                )
                % {"source": qa.source}
            }
        )
    if on is not None and on < qa.approved_on:
        raise ValidationError(
            {
                field: _(
                    "The report cannot be published before the Home Office Quality Assurance "
                    "Panel approved it (%(date)s)"
                )
                % {"date": date_format(qa.approved_on, "j F Y")}
            }
        )


def _refuse_once_published(review: Review) -> None:
    publication = Publication.objects.filter(review=review).first()
    if publication is not None and publication.is_published:
        raise ValidationError(
            _(
                "The report has been published: the steps with the Home Office Quality "
                "Assurance Panel can no longer change"
            )
        )


@transaction.atomic
def home_office_qa_record(
    *, actor, review: Review, kind: str, occurred_on: dt.date | None, note: str = ""
) -> HomeOfficeQaStep:
    """Record a step with the Panel: the report submitted, the Home Office's feedback (what
    the letter asked), or its approval for publication."""
    permissions.require(actor, "publication.home_office_qa", review)
    review = (
        Review.objects.select_for_update().select_related("incident", "board").get(pk=review.pk)
    )
    if not required(review):
        raise ValidationError(
            _("This review's report does not go to the Home Office Quality Assurance Panel")
        )
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Select what happened")})
    _refuse_once_published(review)
    qa = status(review)
    if qa.approval is not None:
        raise ValidationError(
            _(
                "The Home Office Quality Assurance Panel has already approved the report "
                "(recorded for %(date)s): withdraw that first if it was a mistake"
            )
            % {"date": date_format(qa.approval.occurred_on, "j F Y")}
        )
    note = (note or "").strip()
    errors: dict = {}
    if occurred_on is None:
        errors["occurred_on"] = _("Enter the date")
    not_in_future(into=errors, names={"occurred_on": _("the date")}, occurred_on=occurred_on)
    report = Report.objects.filter(review=review).first()
    if kind == Kind.SUBMITTED:
        if report is None or report.status != Report.Status.FINAL:
            raise ValidationError(
                _(
                    "The report must be signed off as final before it is submitted to the Home "
                    "Office Quality Assurance Panel"
                )
            )
        not_before(
            "occurred_on",
            occurred_on,
            report.signed_off_on,
            _(
                "The date it was submitted must be on or after the day the report was signed "
                "off as final (%(date)s)"
            )
            % {"date": date_format(report.signed_off_on, "j F Y")},
            into=errors,
        )
    elif not qa.submitted:
        raise ValidationError(
            {
                "occurred_on": _(
                    "Record the report's submission to the Home Office Quality Assurance Panel "
                    "first"
                )
            }
        )
    if kind == Kind.FEEDBACK and not note:
        errors["note"] = _("Enter what the Home Office's letter asked for")
    if qa.latest is not None:
        not_before(
            "occurred_on",
            occurred_on,
            qa.latest.occurred_on,
            _("The date must be on or after the last step recorded (%(step)s, %(date)s)")
            % {
                "step": qa.latest.get_kind_display().lower(),
                "date": date_format(qa.latest.occurred_on, "j F Y"),
            },
            into=errors,
        )
    raise_if_any(errors)
    step = HomeOfficeQaStep(
        review=review,
        kind=kind,
        occurred_on=occurred_on,
        note=note,
        report_version=report.version if kind == Kind.SUBMITTED else None,
        recorded_by=actor,
    )
    step.full_clean()
    acting_as(step, actor).save()
    return step


@transaction.atomic
def home_office_qa_withdraw(*, actor, step: HomeOfficeQaStep, reason: str) -> HomeOfficeQaStep:
    """A step recorded in error: withdrawn with a reason (an approval withdrawn holds the
    report back again). Nothing changes once the report is published."""
    permissions.require(actor, "publication.home_office_qa", step.review)
    Review.objects.select_for_update().filter(pk=step.review_id).first()
    step = records.locked(step)
    _refuse_once_published(step.review)
    return records.withdraw(step, actor=actor, reason=reason, what=_("This step"))
