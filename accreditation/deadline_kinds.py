"""The kind of deadline of an accredited lead reviewer, declared to the deadlines layer
(`deadlines.kinds`): each accreditation year's annual review and its network meetings.
Registered in AccreditationConfig.ready.

The deadlines belong to no board. They remind the reviewer alone, before and on the day: the
accreditation lapses the day after its review was due (accreditation.tasks.lapse), and the
lapse notice replaces any chasing.
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models import Accreditation
from accreditation.models.accreditations import DEADLINE_KIND
from deadlines.kinds import About, Kind
from guidance import rulebooks

ACCREDITATION = DEADLINE_KIND

SOURCES = {
    "annual_review": gettext_lazy(
        "SCIE lead reviewer programme: accreditation is reviewed every year"
    ),
    "network_meetings": gettext_lazy(
        "SCIE lead reviewer programme: accredited reviewers attend network meetings every year"
    ),
}


def _describe(deadlines) -> dict:
    names = dict(
        Accreditation.objects.filter(pk__in={d.owner_id for d in deadlines}).values_list(
            "pk", "user__name"
        )
    )
    return {
        d.pk: About(
            reference=_("Accreditation of %(name)s") % {"name": names.get(d.owner_id, "")},
            title=rulebooks.CLOCK_KINDS.get(d.clock, d.clock),
            path=reverse("accreditation:accreditation_detail", args=[d.owner_id]),
        )
        for d in deadlines
    }


def _owners(deadlines) -> dict:
    reviewers = dict(
        Accreditation.objects.filter(
            pk__in={d.owner_id for d in deadlines}, user__is_active=True
        ).values_list("pk", "user_id")
    )
    return {d.pk: {reviewers[d.owner_id]} if d.owner_id in reviewers else set() for d in deadlines}


def _seen_by_the_reviewer(user, deadline: str):
    return Exists(Accreditation.objects.filter(pk=OuterRef(f"{deadline}owner_id"), user=user))


ACCREDITATION_YEAR = Kind(
    code=ACCREDITATION,
    label=gettext_lazy("Accreditation"),
    describe=_describe,
    owners=_owners,
    seen_by=_seen_by_the_reviewer,
    reached_by=lambda user: Exists(Accreditation.objects.filter(user=user)),
    rule=lambda d: f"accreditation.{d.clock}",
    source=lambda d: str(SOURCES.get(d.clock, "")),
    reminds_after_due=False,
)
