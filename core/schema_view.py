"""The OpenAPI document's view, apart from `core.api_schema` (which drf-spectacular's views
import through DRF's settings: the two in one module would import each other)."""

from typing import ClassVar

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response


class SchemaView(SpectacularAPIView):
    """The OpenAPI document (`/api/schema/`), made once per process, version and language.

    It is the same for every caller (SERVE_PUBLIC) and changes only with the code, but
    drf-spectacular walks every view and serializer to make it: 140 ms a request, for a
    response of 0.2 ms of SQL (bench/README.md, every_page.py). A change of settings (in the
    tests) forgets what was made."""

    made: ClassVar[dict] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (version, translation.get_language())
        if key not in self.made:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            self.made[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=self.made[key],
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'
            },
        )


@receiver(setting_changed)
def _forget_schemas(**kwargs):
    SchemaView.made.clear()
