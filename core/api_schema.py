"""The OpenAPI schema's account of errors (API.md conventions), added to every operation.

Every operation needs a signed-in caller (401 without one) and may be refused by a rule (403);
those with an object in the path answer 404 for objects of a board the caller has no role on,
and paginated lists answer 404 for a page past the end; writes answer 400 with the messages by
field, and 413 past the size limit; any operation answers 400 to a control character in its
address or query (core.request_guard). Declared once here rather than on each view, so that a
new view cannot forget them (core/tests/test_api_schemathesis.py checks every answer against
the schema).
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from core.api import Serializer, WithdrawalSerializer

# API.md: bad input answers 400 with {"field": ["message", ...]} (`non_field_errors` for rules
# about the whole object). A field of objects or of a list nests its messages by key or
# position; a body that cannot be parsed answers {"detail": "..."}.
VALIDATION_ERROR = ResolvedComponent(
    name="ValidationError",
    type=ResolvedComponent.SCHEMA,
    object="ValidationError",
    schema={
        "type": "object",
        "description": 'Messages by field name, as {"field": ["message", ...]}; '
        "`non_field_errors` for rules about the whole object.",
        "additionalProperties": {
            "anyOf": [{"type": "array"}, {"type": "object"}, {"type": "string"}]
        },
    },
)


class ErrorSerializer(Serializer):
    """DRF's error body for 401, 403, 404 and 405."""

    detail = serializers.CharField()

    class Meta:
        ref_name = "Error"


ERRORS = {
    "401": "No credentials, or credentials that are not valid.",
    "403": "A rule refuses the caller this operation.",
    "404": "No such object (or one of a board the caller has no role on), or no such page.",
    "413": "The request body is larger than the limit (docs/runbook.md).",
}


class AutoSchema(SpectacularAutoSchema):
    def _get_request_body(self, direction="request"):
        # drf-spectacular gives a DELETE no body; every DELETE here withdraws, with a reason.
        if self.method != "DELETE":
            return super()._get_request_body(direction)
        component = self.resolve_serializer(WithdrawalSerializer, direction)
        return {"content": {"application/json": {"schema": component.ref}}, "required": True}

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        wanted = ["401", "403"]
        if "{" in self.path or (self._get_paginator() and self._is_list_view()):
            wanted.append("404")
        for code in wanted:
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERRORS[code]), code
                ),
            )
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        if writes:
            responses.setdefault(
                "413",
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERRORS["413"]), "413"
                ),
            )
        if "400" not in responses:
            # Any operation: a control character in the address or the query answers 400
            # (core.request_guard); a write also for bad input.
            self.registry.register_on_missing(VALIDATION_ERROR)
            description = (
                "Bad input, or a control character in the address or the query; nothing changed."
                if writes
                else "A control character in the address or the query."
            )
            responses["400"] = self._get_response_for_code(
                OpenApiResponse(VALIDATION_ERROR.ref, description=description), "400"
            )
        return responses
