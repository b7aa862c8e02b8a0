"""The bank of completed reports in the API (API.md): `GET, POST /api/v1/bank/` (the search, and
adding a report by a multipart upload) and `GET /api/v1/bank/{id}/`."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from bank import selectors, services
from bank.models import BankedReport, Theme
from boards.models import Board
from core import paging
from core.api import JSONParser, ModelSerializer, Serializer
from core.ids import parse_uuid
from guidance import rulebooks


class BankedReportSerializer(ModelSerializer):
    board = serializers.PrimaryKeyRelatedField(read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    searchable = serializers.SerializerMethodField()
    in_the_bank = serializers.SerializerMethodField()
    passage = serializers.SerializerMethodField()

    class Meta:
        model = BankedReport
        fields = [
            "id",
            "board",
            "title",
            "published_by",
            "year",
            "review_type",
            "age_band",
            "themes",
            "published_url",
            "searchable",
            "in_the_bank",
            "passage",
        ]
        read_only_fields = fields

    def get_searchable(self, report) -> bool:
        """Whether its words were read: False for a scanned PDF without text, or a link only."""
        return report.text_state == BankedReport.TextState.EXTRACTED

    def get_in_the_bank(self, report) -> bool:
        """False until one of its keepers has confirmed it and its themes."""
        return report.confirmed_at is not None and not report.is_withdrawn

    def get_passage(self, report) -> str:
        """The words of the report around those searched for (`q`), else ""."""
        return getattr(report, "passage", "")


class BankedReportAddSerializer(Serializer):
    board = serializers.PrimaryKeyRelatedField(
        queryset=Board.objects.none(),
        allow_null=True,
        required=False,
        help_text="The board that keeps the entry (one you are business manager of); null or "
        "absent for SCIE's own bank (the accreditation staff).",
    )
    title = serializers.CharField(max_length=300)
    published_by = serializers.CharField(max_length=200)
    year = serializers.IntegerField()
    review_type = serializers.ChoiceField(choices=rulebooks.REVIEW_TYPE_CHOICES)
    age_band = serializers.ChoiceField(
        choices=BankedReport.AgeBand.choices, default=BankedReport.AgeBand.NOT_KNOWN
    )
    file = serializers.FileField(required=False, help_text="The report's PDF.")
    published_url = serializers.URLField(max_length=500, required=False, default="")
    themes = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Theme.objects.filter(active=True),
        required=False,
        help_text="Theme codes: given, they are the entry's confirmed themes and it joins the "
        "bank; absent, the entry waits for a person to confirm the themes its words suggest.",
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words to search for"),
            OpenApiParameter("theme", str, description="A theme code"),
            OpenApiParameter("year", int, description="The year of publication"),
            OpenApiParameter("board", str, description="The id of the board that keeps it"),
            OpenApiParameter("review_type", str, description="A review type code"),
        ]
    )
)
class BankViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BankedReportSerializer
    lookup_url_kwarg = "banked_id"
    filter_backends = []
    http_method_names = ["get", "post", "head"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def words(self) -> str:
        return self.request.query_params.get("q", "").strip()[: selectors.MAX_WORDS]

    def get_queryset(self):
        params = self.request.query_params
        review_type = params.get("review_type", "")
        return selectors.bank_search(
            words=self.words(),
            theme=params.get("theme", ""),
            year=paging.year_filter(params.get("year", "")),
            review_type=review_type if review_type in rulebooks.REVIEW_TYPES else "",
            board_id=parse_uuid(params.get("board", "")),
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        reports = selectors.with_passages(page, self.words())
        return self.get_paginated_response(self.get_serializer(reports, many=True).data)

    def get_object(self):
        report = selectors.report_get(user=self.request.user, pk=self.kwargs["banked_id"])
        self.check_object_permissions(self.request, report)
        return report

    @extend_schema(
        request={"multipart/form-data": BankedReportAddSerializer},
        responses={201: BankedReportSerializer},
    )
    def create(self, request, *args, **kwargs):
        body = BankedReportAddSerializer(data=request.data)
        board_ids, _scie = selectors.keeps(request.user)
        body.fields["board"].queryset = Board.objects.filter(pk__in=board_ids)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        report = services.report_add_confirmed(
            actor=request.user,
            themes=data.get("themes"),
            board=data.get("board"),
            title=data["title"],
            published_by=data["published_by"],
            year=data["year"],
            review_type=data["review_type"],
            age_band=data["age_band"],
            file=data.get("file"),
            published_url=data["published_url"],
        )
        return Response(BankedReportSerializer(report).data, status=status.HTTP_201_CREATED)
