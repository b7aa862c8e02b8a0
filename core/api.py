"""What every API view shares: the URL policy as a DRF permission, error shapes, and the
serializer base that keeps dates in a real range."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.permissions import BasePermission

from core import permissions
from core.forms import EARLIEST_YEAR, LATEST_YEAR


class DateField(serializers.DateField):
    """A date between 1900 and 2100, as the pages accept: "0001-01-01" is a typing error, and
    date arithmetic on it (working days back, weeks on) would overflow."""

    def to_internal_value(self, value):
        date = super().to_internal_value(value)
        if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
            raise serializers.ValidationError(
                f"Enter a real date between {EARLIEST_YEAR} and {LATEST_YEAR}"
            )
        return date


class ModelSerializer(serializers.ModelSerializer):
    """The project's model serializer: model date fields become the bounded `DateField`."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: DateField,
    }

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        # DRF drops `allow_blank` from read-only fields; the schema then says a read-only
        # choice that may be blank (a review's `converted_from`) is never "".
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if kwargs.get("read_only") and allow_blank:
            kwargs["allow_blank"] = True
        return kwargs


class RulesTablePermission(BasePermission):
    """Applies `core.permissions.URL_POLICY` to API requests.

    Object routes are decided in `has_object_permission`, after the view's board-scoped
    queryset has answered 404 to outsiders.
    """

    def has_permission(self, request, view):
        if not permissions.is_signed_in(request.user):
            return False
        if view.kwargs.get(getattr(view, "lookup_url_kwarg", None) or "pk"):
            return True
        method = request.method.lower()
        if method not in view.http_method_names or not hasattr(view, method):
            return True  # nothing to allow: DRF answers 405 with the methods there are
        return permissions.allows(request)

    def has_object_permission(self, request, view, obj):
        return permissions.allows(request, obj)


def exception_handler(exc, context):
    # Imported here: DRF imports this module while rest_framework.views is still loading.
    from rest_framework.views import exception_handler as drf_exception_handler

    # Services raise Django's ValidationError; the API answers 400 {"field": ["message"]}.
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        detail = {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in detail.items()
        }
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)


def page_not_found(request, exception):
    """Django's answer to a path no URL matches (`handler404`): under /api/ the API's JSON
    error, as for any other object that is not there (an identifier with a dot or a slash in
    it matches no route); elsewhere the service's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
