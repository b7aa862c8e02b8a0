"""JSON API of the agencies' part in a review (API.md): contributors, requests to agencies and
their answers, chronology files, the merged chronology and documents. The same services, rules
and scoping as the pages: a contributor reads only their own agency's requests and documents,
and anyone else out of sight gets 404."""

import uuid

from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from boards.models import Agency
from core.api import DateField, JSONParser, ModelSerializer, Serializer, WithdrawalSerializer
from reviews import selectors
from reviews.models import (
    AgencyContributor,
    AgencyRequest,
    AgencyReturn,
    ChronologyEntry,
    Document,
    Review,
)
from reviews.selectors import chronology as chronology_selectors
from reviews.selectors import contributions as contribution_selectors
from reviews.selectors import documents as document_selectors
from reviews.services import chronology as chronology_services
from reviews.services import contributions as services
from reviews.services import documents as document_services
from reviews.services import engagement


class ContributorSerializer(ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=selectors.none_of(Agency))
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.name", required=False, allow_blank=True)
    job = serializers.ChoiceField(
        choices=AgencyContributor.Job.choices, default=AgencyContributor.Job.RETURN_AUTHOR
    )
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = AgencyContributor
        fields = ["id", "agency", "email", "name", "job", "invited_on", "ended_on", "in_force"]
        read_only_fields = ["id", "invited_on", "ended_on"]

    def get_in_force(self, contributor) -> bool:
        return contributor.ended_on is None and contributor.review.stage != "closed"


class RequestToAgencySerializer(ModelSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=selectors.none_of(Agency))
    period_from = DateField(required=False, allow_null=True)
    period_to = DateField(required=False, allow_null=True)
    due_on = DateField()
    requested_on = DateField(required=False)
    send = serializers.BooleanField(
        write_only=True,
        default=True,
        help_text="Send it to the agency's contributors now (they are e-mailed, reminded and "
        "chased); refused when the agency has none.",
    )
    received_by = serializers.SerializerMethodField()

    class Meta:
        model = AgencyRequest
        fields = [
            "id",
            "agency",
            "asks",
            "details",
            "period_from",
            "period_to",
            "requested_on",
            "due_on",
            "sent_at",
            "received_on",
            "files_locked_on",
            "received_by",
            "send",
        ]
        read_only_fields = ["id", "sent_at", "received_on", "files_locked_on"]

    def get_received_by(self, request) -> str | None:
        """Who submitted the answer in force, by name."""
        answers = [a for a in request.returns.all() if a.sent_back_at is None]
        return answers[-1].submitted_by.name if answers and request.received_on else None


class ReturnSerializer(ModelSerializer):
    files_locked_on = DateField(required=False, allow_null=True)
    submitted_by = serializers.CharField(source="submitted_by.name", read_only=True)

    class Meta:
        model = AgencyReturn
        fields = ["id", "answer", "files_locked_on", "submitted_at", "submitted_by"]
        read_only_fields = ["id", "submitted_at", "submitted_by"]
        extra_kwargs = {"answer": {"required": False}}


class EntrySerializer(ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    agency_id = serializers.UUIDField()
    certainty = serializers.CharField(source="date_certainty")
    time = serializers.TimeField(source="occurred_at", allow_null=True)
    what_happened = serializers.CharField(source="entry")
    several_agencies_that_day = serializers.SerializerMethodField()

    class Meta:
        model = ChronologyEntry
        fields = [
            "id",
            "agency",
            "agency_id",
            "occurred_on",
            "certainty",
            "date_as_written",
            "time",
            "practitioner_role",
            "what_happened",
            "action_taken",
            "source",
            "several_agencies_that_day",
        ]

    def get_several_agencies_that_day(self, entry) -> bool:
        return entry.occurred_on in self.context.get("shared_days", ())


class DocumentSerializer(ModelSerializer):
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "agency", "request", "created_at", "versions"]
        read_only_fields = fields

    def get_versions(self, document) -> list[dict]:
        return [
            {"number": v.number, "name": v.name, "size": v.size, "uploaded_at": v.created_at}
            for v in document.versions.all()
        ]


class DocumentUploadSerializer(Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    agency = serializers.PrimaryKeyRelatedField(
        queryset=selectors.none_of(Agency), required=False, allow_null=True
    )
    request = serializers.PrimaryKeyRelatedField(
        queryset=selectors.none_of(AgencyRequest), required=False, allow_null=True
    )


def _review_of_board_or_contributed(request, review_id) -> tuple[Review, bool]:
    """(the review, True) for those who see it on the board's pages; (the review, False) for
    an agency's contributor to it; else 404."""
    visible = selectors.review_lookup_for_api(user=request.user).filter(pk=review_id).first()
    if visible is not None:
        return visible, True
    return contribution_selectors.contributed_review_get(
        user=request.user, review_id=review_id
    ), False


class _ReviewPart(GenericAPIView):
    lookup_url_kwarg = "review_id"
    queryset = selectors.none_of(Review)  # for the schema: every read is the methods' own

    def review(self, *, contributors: bool = False) -> tuple[Review, bool]:
        if contributors:
            review, of_board = _review_of_board_or_contributed(
                self.request, self.kwargs["review_id"]
            )
        else:
            review = (
                selectors.review_lookup_for_api(user=self.request.user)
                .filter(pk=self.kwargs["review_id"])
                .first()
            )
            if review is None:
                raise Http404
            of_board = True
        self.check_object_permissions(self.request, review)
        return review, of_board

    def page(self, queryset, serializer_class, **context):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            serializer_class(
                page, many=True, context={**self.get_serializer_context(), **context}
            ).data
        )


class ContributorsView(_ReviewPart):
    serializer_class = ContributorSerializer

    @extend_schema(responses=ContributorSerializer(many=True))
    def get(self, request, review_id):
        review, _ = self.review()
        return self.page(
            contribution_selectors.contributor_list_of_review(review=review).select_related(
                "review"
            ),
            ContributorSerializer,
        )

    @extend_schema(request=ContributorSerializer, responses={201: ContributorSerializer})
    def post(self, request, review_id):
        review, _ = self.review()
        serializer = ContributorSerializer(data=request.data)
        serializer.fields["agency"].queryset = selectors.agency_list_of_board(
            board_id=review.board_id
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        contributor = services.contributor_invite(
            actor=request.user,
            review=review,
            agency=data["agency"],
            email=data["user"]["email"],
            name=data["user"].get("name", ""),
            job=data["job"],
        )
        return Response(ContributorSerializer(contributor).data, status=status.HTTP_201_CREATED)


class ContributorEndView(_ReviewPart):
    lookup_url_kwarg = "contributor_id"
    serializer_class = WithdrawalSerializer

    @extend_schema(request=WithdrawalSerializer, responses={204: None})
    def delete(self, request, review_id, contributor_id):
        review, _ = self.review()
        contributor = contribution_selectors.contributor_of_review(review=review, pk=contributor_id)
        body = WithdrawalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.contributor_end(
            actor=request.user, contributor=contributor, reason=body.validated_data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgencyRequestsView(_ReviewPart):
    serializer_class = RequestToAgencySerializer

    @extend_schema(responses=RequestToAgencySerializer(many=True))
    def get(self, request, review_id):
        review, of_board = self.review(contributors=True)
        requests = (
            review.agency_requests.all()
            if of_board
            else contribution_selectors.contributed_request_list(review=review)
        )
        return self.page(
            requests.select_related("agency").prefetch_related("returns__submitted_by"),
            RequestToAgencySerializer,
        )

    @extend_schema(request=RequestToAgencySerializer, responses={201: RequestToAgencySerializer})
    def post(self, request, review_id):
        review, _ = self.review()
        serializer = RequestToAgencySerializer(data=request.data)
        serializer.fields["agency"].queryset = selectors.agency_list_of_board(
            board_id=review.board_id
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        send = data.pop("send")
        with transaction.atomic():
            created = engagement.agency_request_add(
                actor=request.user,
                review=review,
                requested_on=data.pop("requested_on", None) or timezone.localdate(),
                **data,
            )
            if send:
                created = services.agency_request_send(actor=request.user, request=created)
        return Response(RequestToAgencySerializer(created).data, status=status.HTTP_201_CREATED)


class _OneRequest(GenericAPIView):
    """A request, for a contributor of its agency or someone who sees it on the board's pages;
    404 for anyone else."""

    lookup_url_kwarg = "request_id"
    queryset = selectors.none_of(AgencyRequest)  # for the schema

    def agency_request(self) -> tuple[str, AgencyRequest]:
        reader, found = contribution_selectors.request_for_reader(
            user=self.request.user, request_id=self.kwargs["request_id"]
        )
        self.check_object_permissions(self.request, found)
        return reader, found


class AgencyRequestChronologyView(_OneRequest):
    # JSON too, so that a JSON body is read (and refused) like any other, never a 415.
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "ChronologyFile", {"file": serializers.FileField()}
            )
        },
        responses={
            201: inline_serializer("ChronologyImported", {"rows": serializers.IntegerField()}),
            400: OpenApiTypes.OBJECT,
        },
        description="Import the agency's chronology (XLSX, CSV or DOCX) whole, or refuse it with "
        'every row\'s error: `{"rows": [{"row", "field", "message"}]}`, nothing saved.',
    )
    def post(self, request, request_id):
        reader, agency_request = self.agency_request()
        file = request.FILES.get("file")
        try:
            if reader == "agency":
                imported = chronology_services.chronology_import(
                    actor=request.user,
                    review=agency_request.review,
                    request=agency_request,
                    file=file,
                )
            else:
                imported = chronology_services.chronology_import(
                    actor=request.user,
                    review=agency_request.review,
                    agency=agency_request.agency,
                    file=file,
                )
        except chronology_services.ChronologyRefused as refused:
            return Response(
                {"rows": refused.rows, "file": refused.message_dict["file"]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except chronology_services.ColumnsToMatch as needed:
            return Response(
                {"file": needed.message_dict["file"], "headers": needed.headers},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response({"rows": imported.rows}, status=status.HTTP_201_CREATED)


class AgencyRequestSubmitView(_OneRequest):
    serializer_class = ReturnSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request=ReturnSerializer, responses={201: ReturnSerializer})
    def post(self, request, request_id):
        _, agency_request = self.agency_request()
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        answer = services.agency_return_submit(
            actor=request.user, request=agency_request, **serializer.validated_data
        )
        return Response(ReturnSerializer(answer).data, status=status.HTTP_201_CREATED)


class MergedChronologyView(_ReviewPart):
    serializer_class = EntrySerializer

    @extend_schema(
        operation_id="v1_reviews_chronology_list",
        responses=EntrySerializer(many=True),
        parameters=[
            OpenApiParameter("agency", OpenApiTypes.UUID),
            OpenApiParameter("from", OpenApiTypes.DATE),
            OpenApiParameter("to", OpenApiTypes.DATE),
            OpenApiParameter("q", OpenApiTypes.STR),
        ],
    )
    def get(self, request, review_id):
        review, _ = self.review()
        params = request.query_params
        filters = serializers.Serializer()
        dates = {}
        for name in ("from", "to"):
            if params.get(name):
                field = DateField()
                field.bind(name, filters)
                try:
                    dates[name] = field.to_internal_value(params[name])
                except serializers.ValidationError as error:
                    raise serializers.ValidationError({name: error.detail}) from None
        agency = params.get("agency") or None
        if (
            agency
            and not selectors.agency_list_of_board(board_id=review.board_id)
            .filter(pk__in=[agency] if _is_uuid(agency) else [])
            .exists()
        ):
            raise serializers.ValidationError({"agency": ["Select an agency of this board"]})
        entries = chronology_selectors.chronology_entries(
            review=review,
            agency_id=agency,
            date_from=dates.get("from"),
            date_to=dates.get("to"),
            words=params.get("q", "")[:200],
        )
        return self.page(
            entries.select_related("agency"),
            EntrySerializer,
            shared_days=chronology_selectors.shared_days_of(entries),
        )


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class DocumentsView(_ReviewPart):
    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request, review_id):
        review, of_board = self.review(contributors=True)
        documents = (
            document_selectors.document_list_of_review(review=review)
            if of_board
            else document_selectors.contributed_document_list(review=review)
        )
        return self.page(documents, DocumentSerializer)

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
    )
    def post(self, request, review_id):
        review, of_board = self.review(contributors=True)
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.fields["agency"].queryset = selectors.agency_list_of_board(
            board_id=review.board_id
        )
        serializer.fields["request"].queryset = (
            review.agency_requests.all()
            if of_board
            else contribution_selectors.contributed_request_list(review=review)
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not of_board and data.get("request") is None:
            raise serializers.ValidationError(
                {"request": ["Name the request to your agency that the document answers"]}
            )
        document = document_services.document_upload(
            actor=request.user,
            review=review,
            kind=data["kind"],
            title=data.get("title") or data["file"].name or "Document",
            file=data["file"],
            agency=data.get("agency") if of_board else None,
            request=data.get("request"),
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentFileView(_ReviewPart):
    lookup_url_kwarg = "document_id"

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, review_id, document_id):
        review, of_board = self.review(contributors=True)
        document = (
            document_selectors.document_of_review(review=review, pk=document_id)
            if of_board
            else document_selectors.contributed_document_get(review=review, pk=document_id)
        )
        version = document_selectors.document_version(
            document=document, number=request.query_params.get("version")
        )
        try:
            handle = version.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle,
            as_attachment=True,
            filename=version.name,
            content_type="application/octet-stream",
        )
