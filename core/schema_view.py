"""The OpenAPI document's view, apart from `core.api_schema` (which drf-spectacular's views
import through DRF's settings: the two in one module would import each other)."""

from typing import ClassVar

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView
from rest_framework.response import Response


class SchemaView(SpectacularAPIView):
    """The OpenAPI document (`/api/schema/`), made and written out once per process, version,
    language and format (YAML or JSON).

    It is the same for every caller (SERVE_PUBLIC) and changes only with the code, but
    drf-spectacular walks every view and serializer to make it and the YAML is slow to write:
    140 ms a request, for a response of 0.2 ms of SQL (bench/README.md, every_page.py). A
    change of settings (in the tests) forgets what was made."""

    made: ClassVar[dict] = {}  # {(version, language): the document}
    written: ClassVar[dict] = {}  # {(version, language, format): (content, headers)}

    def _key(self, request) -> tuple:
        version = self.api_version or request.version or self._get_version_parameter(request)
        return (version, translation.get_language())

    def _get_schema_response(self, request):
        key = self._key(request)
        if key not in self.made:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=key[0], patterns=self.patterns
            )
            self.made[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=self.made[key],
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, key[0])}"'
            },
        )

    @extend_schema(**SCHEMA_KWARGS)
    def get(self, request, *args, **kwargs):
        written = self.written.get((*self._key(request), request.accepted_media_type))
        if written is None:
            return super().get(request, *args, **kwargs)
        content, headers = written
        return HttpResponse(content, headers=headers)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code == 200:
            response.render()
            headers = {name: response[name] for name in ("Content-Type", "Content-Disposition")}
            key = (*self._key(request), request.accepted_media_type)
            self.written[key] = (response.content, headers)
        return response


@receiver(setting_changed)
def _forget_schemas(**kwargs):
    SchemaView.made.clear()
    SchemaView.written.clear()
