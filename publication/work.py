"""What waits on people in the reports of their boards' reviews (the work queue: home.work).

Like `reviews.selectors.work`: each function takes the boards (by id) where the person may do
the work, as the policy says, and returns a queryset that the queue lists and counts.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.work import WorkItem, count_of
from publication.models import AccuracyCheck, AccuracyComment, Publication, Rendering, Report
from reviews import appointments

_TO_DO_BY_CHAIR = {
    Report.Status.QUALITY_ASSURED: _("approve the report for the board"),
    Report.Status.BOARD_APPROVED: _("sign the report off as final"),
}


def reports_to_approve(*, board_ids) -> QuerySet:
    """Reports waiting for the chair: quality-assured (to approve) or approved (to sign off)."""
    return (
        Report.objects.filter(review__board_id__in=board_ids, status__in=list(_TO_DO_BY_CHAIR))
        .select_related("review__board", "review__incident")
        .order_by("review__initiated_on")
    )


def _report_item(report, group, title) -> WorkItem:
    review = report.review
    return WorkItem(
        group=group,
        title=gettext("%(reference)s: %(what)s")
        % {"reference": review.incident.reference, "what": title},
        path=reverse("publication:report", args=[review.board_id, review.pk]),
        board=review.board.name,
    )


def report_approval_items(reports) -> list[WorkItem]:
    return [
        _report_item(
            report, gettext("Reports to approve and sign off"), _TO_DO_BY_CHAIR[report.status]
        )
        for report in reports
    ]


def publication_decisions_to_make(*, board_ids) -> QuerySet:
    """Signed-off reports with no decision on publishing them yet."""
    decided = Publication.objects.filter(review=OuterRef("review_id"))
    return (
        Report.objects.filter(review__board_id__in=board_ids, status=Report.Status.FINAL)
        .exclude(Exists(decided))
        .select_related("review__board", "review__incident")
        .order_by("signed_off_on")
    )


def publication_decision_items(reports) -> list[WorkItem]:
    return [
        _report_item(
            report,
            gettext("Publication decisions"),
            gettext("decide whether to publish the report"),
        )
        for report in reports
    ]


def reports_to_render(*, board_ids) -> QuerySet:
    """Signed-off reports to be published that have no PDF of their final version yet (none
    asked for, or the last one failed)."""
    rendered = Rendering.objects.filter(
        report=OuterRef("pk"),
        kind=Rendering.Kind.REPORT,
        report_status=Report.Status.FINAL,
        report_version=OuterRef("version"),
    ).exclude(state=Rendering.State.FAILED)
    to_publish = Publication.objects.filter(
        review=OuterRef("review_id"), decision=Publication.Decision.PUBLISH, published_on=None
    )
    return (
        Report.objects.filter(review__board_id__in=board_ids, status=Report.Status.FINAL)
        .filter(Exists(to_publish))
        .exclude(Exists(rendered))
        .select_related("review__board", "review__incident")
        .order_by("signed_off_on")
    )


def rendering_items(reports) -> list[WorkItem]:
    return [
        _report_item(
            report,
            gettext("Reports to render"),
            gettext("render the final report as a PDF to publish"),
        )
        for report in reports
    ]


def comments_to_answer(*, user) -> QuerySet:
    """The drafts shared for factual accuracy, of the reviews `user` is appointed to, with
    comments (the agencies' or the family's) that no reviewer has accepted or declined yet;
    `waiting`: how many."""
    appointed = appointments.appointments_in_force().filter(user=user).values("review_id")
    waiting = AccuracyComment.objects.filter(accuracy_check=OuterRef("pk"), decision="")
    return (
        AccuracyCheck.objects.filter(Exists(waiting), report__review_id__in=appointed)
        .annotate(waiting=count_of(waiting))
        .select_related("report__review__board", "report__review__incident")
        .order_by("created_at")
    )


def comment_items(checks) -> list[WorkItem]:
    items = []
    for check in checks:
        review = check.report.review
        items.append(
            WorkItem(
                group=gettext("Comments to answer"),
                title=ngettext(
                    "%(reference)s: accept or decline %(count)s comment on the draft shared "
                    "for factual accuracy",
                    "%(reference)s: accept or decline %(count)s comments on the draft shared "
                    "for factual accuracy",
                    check.waiting,
                )
                % {"reference": review.incident.reference, "count": check.waiting},
                path=reverse(
                    "publication:accuracy_check", args=[review.board_id, review.pk, check.pk]
                ),
                board=review.board.name,
            )
        )
    return items
