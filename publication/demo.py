"""Demo data for `make run`: one review of Northshire published, so that the public listing,
the learning library and a finished report can be seen. Built as the services would build it,
with dates moved into the past where the rules need time to pass."""

import datetime as dt

from django.utils import timezone

from publication import sample
from publication.models import Publication, Rendering
from publication.services import publishing, reports
from reviews.models import Notification, Review, StageChange
from reviews.services import decisions, incidents
from reviews.services.clocks import deadlines_sync

REFERENCE = "Child Q"
FINDINGS = [
    "Health professionals are left out of strategy discussions",
    "Neglect that builds slowly is measured against the last visit, not the whole history",
    "Changes of social worker lose what the family said about the home",
]


def seed(*, board, manager, chair, staff, warn=None) -> Review | None:
    if board.incidents.filter(reference=REFERENCE).exists():
        return None
    today = timezone.localdate()
    aware = today - dt.timedelta(days=300)
    incident = incidents.incident_log(
        actor=manager,
        board=board,
        reference=REFERENCE,
        subject_kind="child",
        incident_on=aware - dt.timedelta(days=1),
        la_aware_on=aware,
        notified_on=aware,
        notifier="Children's services",
        abuse_or_neglect_suspected=True,
        died=True,
    )
    incidents.notification_record(
        actor=manager, incident=incident, recipient="ofsted", sent_on=aware + dt.timedelta(days=2)
    )
    decisions.decision_record(
        actor=chair,
        incident=incident,
        outcome="initiate_review",
        review_type="scr",
        rationale="Abuse or neglect is suspected and the child died.",
        decided_on=aware + dt.timedelta(days=20),
    )
    review = Review.objects.get(incident=incident)
    review.supervisor = staff
    review.stage = "publication"
    review.completed_on = today - dt.timedelta(days=40)
    review.save()
    _stage_history(review, actor=chair)
    report = sample.fill_review(review, supervisor=staff, chair=chair)
    for finding, title in zip(review.findings.order_by("created_at", "pk"), FINDINGS, strict=False):
        finding.title = title
        finding.save(update_fields=["title"])
    report = sample.approve(report, supervisor=staff, chair=chair)
    report = reports.report_sign_off(actor=chair, report=report)
    # Signed off five weeks ago, before the panel had its copy.
    report.signed_off_on = today - dt.timedelta(days=35)
    report.save(update_fields=["signed_off_on"])
    for kind in Rendering.Kind.values:
        rendering = Rendering.objects.create(
            report=report,
            kind=kind,
            report_version=report.version,
            report_status=report.status,
            requested_by=manager,
        )
        done = reports.rendering_run(rendering.pk)
        if done is None or done.state != Rendering.State.READY:
            if warn is not None:
                warn(
                    f"The demo report could not be rendered ({done.failure_reason}): "
                    "it is left signed off, not published."
                )
            return review
    # The chair decided a month ago; the panel had its copy three weeks before publication.
    Publication.objects.create(
        review=review,
        decision=Publication.Decision.PUBLISH,
        planned_on=today - dt.timedelta(days=7),
        decided_by=chair,
        decided_on=today - dt.timedelta(days=30),
    )
    Notification.objects.create(
        incident=incident,
        recipient="national_panel",
        about=Notification.About.REPORT,
        sent_on=today - dt.timedelta(days=28),
        summary=f"Final report of {REFERENCE}, before publication.",
    )
    publishing.publication_record(
        actor=manager,
        review=review,
        published_on=today - dt.timedelta(days=7),
        address="https://northshire.example.org/case-reviews/child-q",
    )
    deadlines_sync(incident=incident, actor=manager)
    return review


def _stage_history(review, *, actor) -> None:
    """The review's moves through the Learning Together stages, on the days they happened
    (the timeline shows them): a stage change is stamped when it is recorded."""
    moves = [
        ("preparation", "data_collection", 30),
        ("data_collection", "analysis", 75),
        ("analysis", "findings", 130),
        ("findings", "report", 170),
        ("report", "publication", (review.completed_on - review.initiated_on).days),
    ]
    start = review.stage_changes.get()
    start.at = timezone.make_aware(dt.datetime.combine(review.initiated_on, dt.time(10)))
    start.save(update_fields=["at"])
    for from_stage, to_stage, days in moves:
        change = StageChange.objects.create(
            review=review, from_stage=from_stage, to_stage=to_stage, actor=actor
        )
        on = review.initiated_on + dt.timedelta(days=days)
        change.at = timezone.make_aware(dt.datetime.combine(on, dt.time(10)))
        change.save(update_fields=["at"])
