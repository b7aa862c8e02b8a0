"""The publication API (API.md): render a report, decide on publication, search the library."""

from django.conf import settings
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from bank import selectors as bank_selectors
from bank.api import BankedReportSerializer
from core import paging, permissions
from core.api import DateField, ModelSerializer, Pagination, Serializer
from publication import assembly, disclosure, selectors
from publication.models import LibraryFinding, Publication, Rendering, Report
from publication.services import home_office_qa, publishing, reports


class _ReviewAction(generics.GenericAPIView):
    """A POST on one review: outsiders get 404 before the rule is tested."""

    lookup_url_kwarg = "review_id"

    def get_queryset(self):
        fake = getattr(self, "swagger_fake_view", False)  # the schema being drawn
        return selectors.reviews_for_actions(user=None if fake else self.request.user)


class RenderRequestSerializer(Serializer):
    kind = serializers.ChoiceField(choices=Rendering.Kind.choices, default=Rendering.Kind.REPORT)
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text="English, or Welsh (cy) of a report held in both languages.",
    )


class RenderingSerializer(ModelSerializer):
    status = serializers.CharField(source="state")

    class Meta:
        model = Rendering
        fields = [
            "id",
            "kind",
            "language",
            "report_version",
            "report_status",
            "status",
            "failure_reason",
        ]


class ReportRenderView(_ReviewAction):
    serializer_class = RenderRequestSerializer

    @extend_schema(request=RenderRequestSerializer, responses={202: RenderingSerializer})
    def post(self, request, review_id=None):
        review = self.get_object()
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        rendering = reports.rendering_request(
            actor=request.user,
            report=assembly.report_for(review),
            kind=body.validated_data["kind"],
            language=body.validated_data["language"],
        )
        return Response(RenderingSerializer(rendering).data, status=status.HTTP_202_ACCEPTED)


class CheckSerializer(Serializer):
    matches = inline_serializer(
        "CheckMatch",
        {
            "place": serializers.CharField(),
            "line": serializers.IntegerField(),
            "role": serializers.CharField(),
            "excerpt": serializers.CharField(
                help_text="The text around the name, for those who may see the people "
                "involved; empty for everyone else."
            ),
        },
        many=True,
        read_only=True,
    )
    flags = inline_serializer(
        "CheckFlag",
        {
            "key": serializers.CharField(),
            "kind": serializers.ChoiceField(choices=list(disclosure.KINDS.items())),
            "label": serializers.CharField(),
            "place": serializers.CharField(),
            "excerpt": serializers.CharField(),
            "kept": serializers.BooleanField(),
            "reason": serializers.CharField(help_text="Why the chair kept it, when kept."),
        },
        many=True,
        read_only=True,
    )


class ReportCheckView(_ReviewAction):
    """The anonymisation check of the report as it is now: every name ever recorded for the
    case (withdrawn people included) found in it, and the details flagged for the chair."""

    serializer_class = CheckSerializer

    @extend_schema(responses=CheckSerializer)
    def get(self, request, review_id=None):
        review = self.get_object()
        # Read, not made: a GET leaves no report behind where none was started.
        report = getattr(review, "report", None) or Report(review=review)
        check = reports.report_check(review, assembly.assemble(review, report))
        excerpts = permissions.can(request.user, "people.view", review.incident)
        return Response(
            {
                "matches": [
                    {
                        "place": match.place,
                        "line": match.line,
                        "role": match.role,
                        "excerpt": match.excerpt if excerpts else "",
                    }
                    for match in check.matches
                ],
                "flags": [
                    {
                        "key": flag.key,
                        "kind": flag.kind,
                        "label": flag.label,
                        "place": flag.place,
                        "excerpt": flag.excerpt,
                        "kept": flag.key in check.dismissed,
                        "reason": getattr(check.dismissed.get(flag.key), "reason", ""),
                    }
                    for flag in check.flags
                ],
            }
        )


class ReportStatusSerializer(ModelSerializer):
    report_status = serializers.ChoiceField(
        source="status", choices=Report.Status.choices, read_only=True
    )

    class Meta:
        model = Report
        fields = ["report_status", "version", "signed_off_on", "in_welsh"]
        read_only_fields = fields


class ReportSignOffView(_ReviewAction):
    """The chair signs the report off as final: refused (400) while the anonymisation check
    finds a real name, saying where, or while a flagged detail has not been kept with a reason.
    The final PDFs are then made and checked by the worker."""

    serializer_class = ReportStatusSerializer

    @extend_schema(request=None, responses=ReportStatusSerializer)
    def post(self, request, review_id=None):
        review = self.get_object()
        report = reports.report_sign_off(actor=request.user, report=assembly.report_for(review))
        return Response(ReportStatusSerializer(report).data)


class HomeOfficeQaSerializer(Serializer):
    required = serializers.BooleanField(
        help_text="Whether the report goes to the Home Office Quality Assurance Panel before "
        "it is published (a domestic homicide review)."
    )
    approved_on = DateField(
        allow_null=True, help_text="The date of the Home Office's approval, once recorded."
    )


class PublicationSerializer(ModelSerializer):
    planned_on = DateField(required=False, allow_null=True)
    home_office_qa = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = [
            "decision",
            "planned_on",
            "reasons",
            "decided_on",
            "published_on",
            "home_office_qa",
        ]
        read_only_fields = ["decided_on", "published_on"]
        extra_kwargs = {"reasons": {"required": False}}

    @extend_schema_field(HomeOfficeQaSerializer)
    def get_home_office_qa(self, publication) -> dict:
        qa = home_office_qa.status(publication.review)
        return {"required": qa.required, "approved_on": qa.approved_on}


class PublicationDecisionView(_ReviewAction):
    serializer_class = PublicationSerializer

    @extend_schema(request=PublicationSerializer, responses={201: PublicationSerializer})
    def post(self, request, review_id=None):
        review = self.get_object()
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        publication = publishing.publication_decide(
            actor=request.user,
            review=review,
            decision=body.validated_data["decision"],
            planned_on=body.validated_data.get("planned_on"),
            reasons=body.validated_data.get("reasons", ""),
        )
        return Response(PublicationSerializer(publication).data, status=status.HTTP_201_CREATED)


class LibraryFindingSerializer(ModelSerializer):
    board = serializers.CharField(source="board.name")
    category = serializers.CharField(source="category.code")

    class Meta:
        model = LibraryFinding
        fields = [
            "id",
            "title",
            "category",
            "board",
            "review_type",
            "case_reference",
            "published_on",
            "body",
        ]


class LibraryPagination(Pagination):
    """A page of findings, and beside it (`bank`) the reports of the bank of completed reports
    that the same search finds, with the passage that matched: null for someone the bank is not
    for (a platform admin)."""

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["bank"] = {
            "type": "object",
            "nullable": True,
            "properties": {
                "count": {"type": "integer", "example": 12},
                "results": {
                    "type": "array",
                    "description": f"The best {bank_selectors.BESIDE_FINDINGS}: "
                    "GET /api/v1/bank/ with the same q for the rest",
                    "items": {"$ref": "#/components/schemas/BankedReport"},
                },
            },
        }
        return paginated


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="Words to search for"),
        OpenApiParameter("category", str, description="A finding category code"),
        OpenApiParameter("review_type", str, description="A review type code"),
        OpenApiParameter("year", int, description="The year of publication"),
    ]
)
class LibraryView(generics.ListAPIView):
    serializer_class = LibraryFindingSerializer
    pagination_class = LibraryPagination
    filter_backends = []

    def filters(self) -> dict:
        params = self.request.query_params
        return {
            "words": params.get("q", "")[:200],
            "category": params.get("category", ""),
            "review_type": params.get("review_type", ""),
            "year": paging.year_filter(params.get("year", "")),
        }

    def get_queryset(self):
        return selectors.library_findings(**self.filters())

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["bank"] = None
        if permissions.can(request.user, "bank.view"):
            count, best = bank_selectors.beside_findings(**self.filters())
            response.data["bank"] = {
                "count": count,
                "results": BankedReportSerializer(best, many=True).data,
            }
        return response
