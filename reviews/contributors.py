"""Who contributes to which review for which agency, as the rules of who may do what read it
(`core.permissions` is the mechanism, `home/policy.py` the table).

An agency's contributor is not a member of the board and is not in `permissions.visible`'s
scopes: every page of the board and of the review stays out of their sight (404). They reach
only the contributor's pages, whose selectors (`reviews.selectors.contributions`) read through
`contributed_agency_ids`, so another agency's requests on the same review answer 404 too.
"""

import rules

from core import permissions
from reviews.models import AgencyContributor


def contributions_in_force_of(user):
    """The user's contributions in force, within the board they are confined to, if any."""
    return permissions.confine(
        AgencyContributor.objects.in_force().filter(user=user), user, "review__board"
    )


def contributed_agency_ids(user) -> dict:
    """{review id: the agencies `user` contributes for on it}, read once per user object."""
    if not (user.is_authenticated and user.is_active):
        return {}
    if "_contributions" not in user.__dict__:
        held: dict = {}
        for review_id, agency_id in contributions_in_force_of(user).values_list(
            "review_id", "agency_id"
        ):
            held.setdefault(review_id, set()).add(agency_id)
        user.__dict__["_contributions"] = {k: frozenset(v) for k, v in held.items()}
    return user.__dict__["_contributions"]


def forget_contributions(user) -> None:
    user.__dict__.pop("_contributions", None)


@rules.predicate
def is_contributor(user, obj):
    """Contributes to the object's review for some agency."""
    review = permissions.review_of(obj)
    return review is not None and review.pk in contributed_agency_ids(user)


@rules.predicate
def contributes_for_its_agency(user, obj):
    """Contributes to the object's review for the agency the object is of (a request, a
    return) or that owns it (an action)."""
    review = permissions.review_of(obj)
    agency_id = getattr(obj, "agency_id", None) or getattr(obj, "owner_agency_id", None)
    if review is None or agency_id is None:
        return False
    return agency_id in contributed_agency_ids(user).get(review.pk, ())
