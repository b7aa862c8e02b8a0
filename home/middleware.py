"""After someone changes something, the navigation counts their work afresh (home.work)."""

from home.work import forget_navigation_counts

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class FreshWorkCountMiddleware:
    """Forgets the signed-in person's cached work count after any form they send (a POST, or
    the API's writes), so that what they just did shows in the navigation on the next page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method not in SAFE_METHODS and user is not None and user.is_authenticated:
            forget_navigation_counts(user=user)
        return response
