"""The kinds of deadline of a case and its review, declared to the deadlines layer
(`deadlines.kinds`): the statutory clocks of the case, the actions of the review's plan and
the requests to agencies. Registered in ReviewsConfig.ready.

Each belongs to the case's board. Its business managers are always told; reviewers are told
of their review's own work; an action's agency is told of its action; a request sent to an
agency in the service is the work of that agency's contributors to the review too, who are
reminded and chased and may see it. Reviewers appointed to the case's review see all three.
"""

from collections import defaultdict

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boards import roles
from boards.models import Membership
from deadlines.kinds import STATUTORY, About, Kind
from guidance import rulebooks
from reviews.appointments import appointments_in_force, holds_an_appointment
from reviews.models import Action, AgencyContributor, AgencyRequest, Incident

ACTION = "action"
AGENCY_REQUEST = "agency_request"


def _reviewers_of_cases(case_ids) -> dict:
    """{incident id: ids of the active reviewers appointed to its review}."""
    reviewers = defaultdict(set)
    for case_id, user_id in (
        appointments_in_force()
        .filter(review__incident_id__in=set(case_ids), user__is_active=True)
        .values_list("review__incident_id", "user_id")
    ):
        reviewers[case_id].add(user_id)
    return reviewers


def _members(deadlines) -> tuple[dict, dict]:
    """({board id: its active business managers}, {agency id: its active people on the board},
    the people of an agency not counting its lead reviewers)."""
    managers, by_agency = defaultdict(set), defaultdict(set)
    for user_id, board_id, role, agency_id in Membership.objects.filter(
        board_id__in={d.board_id for d in deadlines}, user__is_active=True
    ).values_list("user_id", "board_id", "role", "agency_id"):
        if role == roles.BUSINESS_MANAGER:
            managers[board_id].add(user_id)
        if agency_id and role != roles.LEAD_REVIEWER:
            by_agency[agency_id].add(user_id)
    return managers, by_agency


def _reaches_reviewers_or_contributors(user):
    return holds_an_appointment(user) | Exists(AgencyContributor.objects.filter(user=user))


def _seen_by_its_reviewers(user, deadline: str):
    return Exists(
        appointments_in_force().filter(user=user, review__incident=OuterRef(f"{deadline}case_id"))
    )


# The statutory clocks.


def _describe_clocks(deadlines) -> dict:
    cases = {
        pk: (reference, review_id)
        for pk, reference, review_id in Incident.all_objects.filter(
            pk__in={d.case_id for d in deadlines}
        ).values_list("pk", "reference", "review")
    }
    described = {}
    for d in deadlines:
        reference, review_id = cases.get(d.case_id, ("", None))
        if d.clock in rulebooks.REVIEW_CLOCKS and review_id is not None:
            path = reverse("reviews:review_detail", args=[d.board_id, review_id])
        else:
            path = reverse("reviews:incident_detail", args=[d.board_id, d.case_id])
        # The title needs no board's own length: read without it (no query a deadline).
        definition = rulebooks.get(d.rulebook).clock(d.clock) if d.is_statutory else None
        title = definition.title if definition else rulebooks.CLOCK_KINDS.get(d.clock, d.clock)
        described[d.pk] = About(reference=reference, title=title, path=path)
    return described


def _clock_owners(deadlines) -> dict:
    managers, _ = _members(deadlines)
    reviewers = _reviewers_of_cases(
        d.case_id for d in deadlines if d.clock in rulebooks.REVIEW_CLOCKS
    )
    return {
        d.pk: managers[d.board_id]
        | (reviewers[d.case_id] if d.clock in rulebooks.REVIEW_CLOCKS else set())
        for d in deadlines
    }


def _clock_source(deadline) -> str:
    definition = deadline.definition  # its source says when the length is the board's
    return definition.source if definition else ""


STATUTORY_CLOCK = Kind(
    code=STATUTORY,
    label=gettext_lazy("Statutory clock"),
    describe=_describe_clocks,
    owners=_clock_owners,
    seen_by=_seen_by_its_reviewers,
    reached_by=holds_an_appointment,
    rule=lambda d: rulebooks.get(d.rulebook).rule(d.clock),
    source=_clock_source,
)


# The actions of a review's plan.


def _describe_actions(deadlines) -> dict:
    actions = {
        pk: row
        for pk, *row in Action.all_objects.filter(
            pk__in={d.owner_id for d in deadlines}
        ).values_list(
            "pk", "review_id", "description", "owner_agency__name", "review__incident__reference"
        )
    }
    described = {}
    for d in deadlines:
        if d.owner_id not in actions:
            continue  # its action is gone (kinds.describe says so)
        review_id, description, agency, reference = actions[d.owner_id]
        title = _("Action for %(agency)s") % {"agency": agency}
        described[d.pk] = About(
            reference=reference,
            title=title,
            detail=_("%(title)s: %(description)s")
            % {"title": title, "description": (description.splitlines() or [""])[0][:80]},
            path=reverse("reviews:actions", args=[d.board_id, review_id]),
        )
    return described


def _action_owners(deadlines) -> dict:
    """The people of the action's agency on the board, or its business managers where the
    agency has no one."""
    managers, by_agency = _members(deadlines)
    agencies = dict(
        Action.all_objects.filter(pk__in={d.owner_id for d in deadlines}).values_list(
            "pk", "owner_agency_id"
        )
    )
    return {
        d.pk: by_agency.get(agencies.get(d.owner_id)) or managers[d.board_id] for d in deadlines
    }


PLANNED_ACTION = Kind(
    code=ACTION,
    label=gettext_lazy("Action"),
    describe=_describe_actions,
    owners=_action_owners,
    seen_by=_seen_by_its_reviewers,
    reached_by=holds_an_appointment,
    rule=lambda d: f"board.{d.clock}",
)


# The requests to agencies for their information.


def _describe_requests(deadlines) -> dict:
    requests = {
        pk: row
        for pk, *row in AgencyRequest.all_objects.filter(
            pk__in={d.owner_id for d in deadlines}
        ).values_list("pk", "agency__name", "review__incident__reference")
    }
    described = {}
    for d in deadlines:
        if d.owner_id not in requests:
            continue  # its request is gone (kinds.describe says so)
        agency, reference = requests[d.owner_id]
        described[d.pk] = About(
            reference=reference,
            title=_("Information from %(agency)s") % {"agency": agency},
            # One address for the board's people and the agency's contributors: it opens the
            # page the reader may see (reviews.views.contributions.RequestOpenView).
            path=reverse("agency:request_open", args=[d.owner_id]),
        )
    return described


def _request_owners(deadlines) -> dict:
    """The board's business managers and the review's reviewers; once the request is sent in
    the service, the agency's contributors too."""
    managers, _ = _members(deadlines)
    reviewers = _reviewers_of_cases(d.case_id for d in deadlines)
    contributors = defaultdict(set)
    for request_id, user_id in (
        AgencyContributor.objects.in_force()
        .filter(
            agency__requests__pk__in={d.owner_id for d in deadlines},
            agency__requests__sent_at__isnull=False,
            review=F("agency__requests__review"),
        )
        .values_list("agency__requests__pk", "user_id")
    ):
        contributors[request_id].add(user_id)
    return {
        d.pk: managers[d.board_id] | reviewers[d.case_id] | contributors[d.owner_id]
        for d in deadlines
    }


def _seen_by_reviewers_or_its_agency(user, deadline: str):
    """The review's reviewers, and the contributors of the agency the request was sent to."""
    return _seen_by_its_reviewers(user, deadline) | Exists(
        AgencyContributor.objects.in_force().filter(
            user=user,
            agency__requests__pk=OuterRef(f"{deadline}owner_id"),
            agency__requests__sent_at__isnull=False,
            review=F("agency__requests__review"),
        )
    )


REQUEST_TO_AGENCY = Kind(
    code=AGENCY_REQUEST,
    label=gettext_lazy("Information from an agency"),
    describe=_describe_requests,
    owners=_request_owners,
    seen_by=_seen_by_reviewers_or_its_agency,
    reached_by=_reaches_reviewers_or_contributors,
    rule=lambda d: f"board.{d.clock}",
)

KINDS = (STATUTORY_CLOCK, PLANNED_ACTION, REQUEST_TO_AGENCY)
