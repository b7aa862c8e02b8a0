"""The one place access events are written: after a successful GET of an audited URL."""

from audit import services
from audit.audited import AUDITED_URLS


class AccessEventMiddleware:
    """Writes an access event for every 2xx GET of a URL in `audit.audited.AUDITED_URLS`.

    After the view: a refusal (403), an unknown or another board's case (404), a redirect and
    any POST write nothing. `request.user` is read after the view, so an API call names the
    token's user (DRF sets the authenticated user on the Django request). A failure to write
    the event fails the request: a view that cannot be audited is not served.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "GET"
            and 200 <= response.status_code < 300
            and match is not None
            and match.view_name in AUDITED_URLS
        ):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                services.access_record(
                    actor=user,
                    url_name=match.view_name,
                    url_kwargs=match.kwargs,
                    listed=_listed(response),
                )
        return response


def _listed(response) -> list:
    """The records an API list returned (DRF keeps the data on its response)."""
    data = getattr(response, "data", None)
    if isinstance(data, dict):
        data = data.get("results")
    return [row for row in data if isinstance(row, dict)] if isinstance(data, list) else []
