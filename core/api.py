"""What every API view shares: the URL policy as a DRF permission, error shapes, the JSON
parser that refuses what no system should send, and the serializer bases that keep dates in a
real range and text within its limit (`core.limits`)."""

import contextlib
import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, parsers, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.utils import json

from core import limits, paging, permissions
from core.forms import EARLIEST_YEAR, LATEST_YEAR


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "too_large"

    def __init__(self):
        limit = limits.megabytes(limits.request_max_bytes())
        super().__init__(f"The request body is larger than the limit of {limit}.")


# Strings of a JSON text (possessive: linear time), removed before counting its brackets.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")
# Tab, newline and carriage return are text; no other control character is (PostgreSQL refuses
# a NUL outright, in text and in jsonb).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nesting_depth(text: str, *, stop_at: int) -> int:
    """How deep a JSON text nests, counted without parsing it: json.loads recurses once per
    level and a deep enough text (a megabyte of "[") ran out of stack, answering 500."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub("", text)):
        if bracket.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop_at:
                break
        else:
            depth -= 1
    return deepest


def json_loads(text: str):
    """json.loads for input from outside: refused (ParseError, 400) when it nests deeper than
    `limits.JSON_MAX_DEPTH`, is not JSON, or holds a control character in any key or string."""
    if nesting_depth(text, stop_at=limits.JSON_MAX_DEPTH) > limits.JSON_MAX_DEPTH:
        raise exceptions.ParseError(
            f"JSON parse error - it nests deeper than {limits.JSON_MAX_DEPTH} levels"
        )
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise exceptions.ParseError(f"JSON parse error - {error}") from error
    where = _control_character_at(data)
    if where is not None:
        field = str(where[0]) if where else "non_field_errors"
        place = ".".join(str(step) for step in where) or "The body"
        raise exceptions.ValidationError(
            {field: [f"{place} holds a control character (such as a NUL byte): remove it"]}
        )
    return data


def _control_character_at(data):
    """The path to the first key or string holding a control character, or None. A loop, not
    recursion: the depth is bounded already, but nothing here should depend on that."""
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _CONTROL.search(value):
                return path
        elif isinstance(value, dict):
            for key, item in value.items():
                if _CONTROL.search(key):
                    return (*path, key)
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
    return None


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser within limits: a body past `limits.request_max_bytes()` answers 413
    (DRF reads the request stream itself, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE never applied
    to the API), and `json_loads` refuses deep nesting and control characters with 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = limits.request_max_bytes()
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise RequestTooLarge()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise exceptions.ParseError(f"JSON parse error - not {encoding} text") from error
        return json_loads(text)


class JSONField(serializers.JSONField):
    """A JSON value sent as a string in a multipart form, parsed by `json_loads`."""

    def to_internal_value(self, data):
        if getattr(data, "is_json_string", False):
            data = json_loads(data)
        return super().to_internal_value(data)


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


def bounded(field, name: str, limit: int = limits.LONG_TEXT) -> None:
    """Give a writable text field (or the text items of a list or object field) a limit, if it
    has none, refused with a message that names the field."""
    child = getattr(field, "child", None)
    if isinstance(field, serializers.ListField | serializers.DictField) and child is not None:
        bounded(child, name, limit)
        return
    if not isinstance(field, serializers.CharField) or field.read_only:
        return
    if field.max_length is None:
        field.max_length = limit
        field.validators.append(
            MaxLengthValidator(limit, message=f"{name} must be {limit:,} characters or less")
        )


class BoundedTextMixin:
    """Every writable text field gets a limit: a model field's (`limits.for_model_field`: a
    CharField's max_length, a TextField's stated limit), else `limits.LONG_TEXT`."""

    def get_fields(self):
        fields = super().get_fields()
        model = getattr(getattr(self, "Meta", None), "model", None)
        for name, field in fields.items():
            limit = limits.LONG_TEXT
            source = field.source or name
            if model is not None and "." not in source:
                with contextlib.suppress(FieldDoesNotExist):
                    limit = limits.for_model_field(model._meta.get_field(source))
            bounded(field, name, limit)
        return fields


class Serializer(BoundedTextMixin, serializers.Serializer):
    """The project's plain serializer (a request body that is not one model)."""


class ModelSerializer(BoundedTextMixin, serializers.ModelSerializer):
    """The project's model serializer: model date fields become the bounded `DateField`, and
    text fields take their limit from `core.limits`."""

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


class Pagination(PageNumberPagination):
    """Every list of the API (API.md): DRF's page of `PAGE_SIZE`, `{"count", "next",
    "previous", "results"}`, its rows in an order no two share (`core.paging.stable`), so that
    a client walking the pages meets each row once."""

    def paginate_queryset(self, queryset, request, view=None):
        return super().paginate_queryset(paging.stable(queryset), request, view)


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

    # A multipart body (the one upload) past the limit: Django raises this while DRF parses it.
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
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


class WithdrawalSerializer(Serializer):
    """The body of every DELETE (API.md, "Correcting and withdrawing"): why the record is
    withdrawn, kept in its history. Nothing the API reaches is deleted."""

    reason = serializers.CharField(max_length=2000, help_text="Why the record is withdrawn.")

    class Meta:
        ref_name = "Withdrawal"
