"""Opening every audited URL as someone allowed, someone refused and an outsider."""

from audit.audited import AUDITED_URLS, BOARD, REVIEW
from core import permissions
from core.tests import test_url_policy as url_policy

# The audited URLs of one case or board (not the API lists), with their arguments.
SINGLE = sorted(
    (name, kwargs)
    for name, kwargs in url_policy.ALL_URLS
    if name in AUDITED_URLS and not AUDITED_URLS[name].case_from.startswith("results.")
)
IDS = [name for name, _ in SINGLE]


def url_of(case, name, kwargs) -> str:
    objects = case["objects"]
    if "flag_key" in kwargs:
        # A detail flagged in the report as it is now (planted text changes what is flagged).
        from publication.services.reports import report_check

        flags = report_check(case["review"], names=False).flags
        objects = {**objects, "flag_key": flags[0].key}
    return url_policy.url_for(name, kwargs, objects)


def target_of(case, name):
    """What the URL's rule is tested on: the review, the incident or the board."""
    case_from = AUDITED_URLS[name].case_from
    if case_from == BOARD:
        return case["board"]
    return case["review"] if case_from == REVIEW else case["incident"]


def split_users(case, name) -> tuple[list, list]:
    """Those of the case's users who may GET the URL, and those who may not."""
    action = permissions.action_for(name, "GET")
    target = target_of(case, name)
    allowed = [u for u in case["users"] if permissions.can(u, action, target)]
    refused = [u for u in case["users"] if u not in allowed]
    for user in case["users"]:
        permissions.forget_roles(user)
    return allowed, refused


def open_as(client, api_client_for, user, url, name, method="get", data=None):
    """A request as `user`: by their API token for the API, else a signed-in session."""
    if name.startswith("api:"):
        caller = api_client_for(user)
        if method in ("post", "patch", "put"):
            return getattr(caller, method)(url, data or {}, format="json")
        return getattr(caller, method)(url)
    client.force_login(user)
    if method == "post":
        return client.post(url, data or {})
    return getattr(client, method)(url)
