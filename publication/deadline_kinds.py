"""The factual accuracy check of a draft report, as a kind of deadline (`deadlines.kinds`):
the contributors asked who have not finished are reminded and chased; the review's reviewers
see it too. Registered in PublicationConfig.ready."""

from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from deadlines.kinds import About, Kind
from publication.models import AccuracyCheck, AccuracyInvitee
from reviews.appointments import appointments_in_force, holds_an_appointment
from reviews.models import AgencyContributor

ACCURACY_CHECK = "accuracy_check"


def _describe(deadlines) -> dict:
    checks = {
        pk: row
        for pk, *row in AccuracyCheck.objects.filter(
            pk__in={d.owner_id for d in deadlines}
        ).values_list("pk", "report__review_id", "report__review__incident__reference")
    }
    described = {}
    for d in deadlines:
        if d.owner_id not in checks:
            continue
        review_id, reference = checks[d.owner_id]
        described[d.pk] = About(
            reference=reference,
            title=gettext("Factual accuracy of the draft report"),
            path=reverse("publication:agency_accuracy", args=[review_id, d.owner_id]),
        )
    return described


def _owners(deadlines) -> dict:
    """The contributors asked who have not finished, while their access is open."""
    unfinished = defaultdict(set)
    for check_id, user_id in AccuracyInvitee.objects.filter(
        accuracy_check_id__in={d.owner_id for d in deadlines},
        finished_at__isnull=True,
        contributor__in=AgencyContributor.objects.in_force(),
    ).values_list("accuracy_check_id", "contributor__user_id"):
        unfinished[check_id].add(user_id)
    return {d.pk: unfinished[d.owner_id] for d in deadlines}


def _seen_by(user, deadline: str):
    asked = AccuracyInvitee.objects.filter(
        accuracy_check_id=OuterRef(f"{deadline}owner_id"),
        contributor__user=user,
        contributor__in=AgencyContributor.objects.in_force(),
    )
    reviewers = appointments_in_force().filter(
        user=user, review__incident=OuterRef(f"{deadline}case_id")
    )
    return Exists(asked) | Exists(reviewers)


def _reached_by(user):
    invited = AccuracyInvitee.objects.filter(contributor__user=user)
    return Exists(invited) | holds_an_appointment(user)


FACTUAL_ACCURACY = Kind(
    code=ACCURACY_CHECK,
    label=gettext_lazy("Factual accuracy of a draft report"),
    describe=_describe,
    owners=_owners,
    seen_by=_seen_by,
    reached_by=_reached_by,
    rule=lambda d: f"board.{ACCURACY_CHECK}",
)
KINDS = (FACTUAL_ACCURACY,)
