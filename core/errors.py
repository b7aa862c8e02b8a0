"""The service's answers to a request it cannot take: an address or form with characters no
person types (400), a body past the size limit (413). Pages get a GOV.UK page; the API gets its
JSON error, as for everything under /api/."""

from django.http import JsonResponse
from django.shortcuts import render

from core import limits


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request, exception=None):
    """`handler400`, and core.middleware.BadInputMiddleware's answer to a NUL byte or a control
    character in the address, the query or a form."""
    if is_api(request):
        return JsonResponse(
            {"detail": "The request holds characters that are not allowed (a control character)."},
            status=400,
        )
    return render(request, "400.html", status=400)


def request_too_large(request):
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE. Below it, a form refuses an over-long field
    itself and shows the text again; above it the body is never read, so it cannot be kept."""
    limit = limits.megabytes(limits.request_max_bytes())
    if is_api(request):
        return JsonResponse(
            {"detail": f"The request body is larger than the limit of {limit}."}, status=413
        )
    return render(request, "413.html", {"limit": limit}, status=413)
