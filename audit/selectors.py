"""Reads of the access events: who has looked at a case."""

from django.utils.translation import gettext as _

from audit.audited import label_of
from audit.models import AccessEvent
from boards.models import Membership
from core import paging
from reviews.models import AgencyContributor

# The downloads of a document, by the board's people and by an agency's contributors.
DOCUMENT_DOWNLOADS = (
    "reviews:document_download",
    "agency:document_download",
    "api:review-document-file",
)


def access_page(*, incident, page_number=None, document=None):
    """One page of the events of `incident` (its own pages, its review's, its report's and
    the API's), or of one of its documents' downloads, newest first. Each event carries
    `label` (what was opened, in words) and `roles` (the viewer's roles on the board now).
    Four queries: count, page, roles, contributors; the incident is already loaded."""
    events = AccessEvent.objects.filter(incident=incident).select_related("user")
    if document is not None:
        events = events.filter(url_name__in=DOCUMENT_DOWNLOADS, object_id=str(document.pk))
    page = paging.paginate(events, page_number)
    users = {event.user_id for event in page.object_list}
    roles: dict = {}
    labels = dict(Membership.Role.choices)
    for user_id, role in (
        Membership.objects.filter(board_id=incident.board_id, user_id__in=users)
        .order_by("role")
        .values_list("user_id", "role")
    ):
        roles.setdefault(user_id, []).append(str(labels.get(role, role)))
    # An agency's contributor holds no role on the board: say whom they act for.
    for user_id, agency in (
        AgencyContributor.objects.filter(review__incident=incident, user_id__in=users)
        .order_by("agency__name")
        .values_list("user_id", "agency__name")
    ):
        roles.setdefault(user_id, []).append(_("Contributor for %(agency)s") % {"agency": agency})
    for event in page.object_list:
        event.label = label_of(event.url_name)
        event.roles = roles.get(event.user_id, [])
    return page
