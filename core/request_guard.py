"""What every request passes through before anything reads it: characters no person types,
bodies past the size limit, and the service's own 404 page with DEBUG on too.

- **Control characters** (finding 17): a NUL byte in the address, the query string, a header, a
  cookie or a form field reached the database, which refuses it (PostgreSQL: "A string literal
  cannot contain NUL"), and the page answered 500. Here such a request answers 400 before any
  view or middleware reads it: the GOV.UK page, or JSON under /api/. Paths take no control
  character; query strings none but tab, newline and carriage return. Form fields are refused
  only a NUL: text pasted from a word processor carries other control characters, which the
  base form turns into line breaks or drops (`core.forms.clean_text`). JSON bodies are the
  API parser's (`core.api.JSONParser`).
- **Size** (issue 16 item 11): a body past DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 with the
  limit, instead of Django's RequestDataTooBig page. The limit is set well above the longest
  text a form takes, so that an over-long field reaches its form, which refuses it and shows
  the text again (docs/runbook.md).
"""

import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404
from django.http.multipartparser import MultiPartParserError

from core import errors

_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _any(pattern, values) -> bool:
    return any(pattern.search(value) for value in values)


def _query_items(querydict):
    for key, values in querydict.lists():
        yield key
        yield from (value for value in values if isinstance(value, str))


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = self.refuse(request)
        except RequestDataTooBig:
            return errors.request_too_large(request)
        except (TooManyFieldsSent, TooManyFilesSent, MultiPartParserError):
            return errors.bad_request(request)
        return refused or self.get_response(request)

    def refuse(self, request):
        if _IN_PATH.search(request.path_info):
            return errors.bad_request(request)
        headers = (value for key, value in request.META.items() if key.startswith("HTTP_"))
        if _any(_IN_QUERY, _query_items(request.GET)) or "\x00" in "".join(
            str(value) for value in headers
        ):
            return errors.bad_request(request)
        if _any(_IN_QUERY, request.COOKIES.values()):
            return errors.bad_request(request)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        if request.content_type in _FORM_TYPES:
            # Read here, before CSRF (which reads the token from the body): a body past the
            # limit raises RequestDataTooBig on the first read, whoever reads it.
            fields = [*_query_items(request.POST), *(f.name or "" for f in request.FILES.values())]
            if any("\x00" in value for value in fields):
                return errors.bad_request(request)
        return None


class NotFoundPageMiddleware:
    """The service's 404 page (`handler404`) with DEBUG on too, as in production: `make run`
    showed Django's debug 404, with every URL pattern, to anyone. Errors keep Django's debug
    page with DEBUG on (a 500 is the developer's to read)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A path no URL matches: with DEBUG on, Django answers its debug page before any
        # handler or middleware hook could; the resolver never matched, so nothing else did.
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return self.page_not_found(request, None)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return self.page_not_found(request, exception)
        return None

    @staticmethod
    def page_not_found(request, exception):
        from core.api import page_not_found

        return page_not_found(request, exception)
