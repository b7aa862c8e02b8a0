"""Reads of the access events: who has looked at a case."""

from django.core.paginator import Paginator

from audit.audited import label_of
from audit.models import AccessEvent
from boards.models import Membership

PAGE_SIZE = 50


def access_page(*, incident, page_number=None):
    """One page of the events of `incident` (its own pages, its review's, its report's and
    the API's), newest first. Each event carries `label` (what was opened, in words) and
    `roles` (the viewer's roles on the board now). Four queries: count, page, roles; the
    incident is already loaded."""
    events = AccessEvent.objects.filter(incident=incident).select_related("user")
    page = Paginator(events, PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    users = {event.user_id for event in page.object_list}
    roles: dict = {}
    labels = dict(Membership.Role.choices)
    for user_id, role in (
        Membership.objects.filter(board_id=incident.board_id, user_id__in=users)
        .order_by("role")
        .values_list("user_id", "role")
    ):
        roles.setdefault(user_id, []).append(labels.get(role, role))
    for event in page.object_list:
        event.label = label_of(event.url_name)
        event.roles = roles.get(event.user_id, [])
    return page
