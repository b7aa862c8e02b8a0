"""The accreditation API (API.md): cohorts, applications, supervision sessions and
accreditations, for the accreditation staff. Writes go through the same services as the pages.

Cohorts and sessions are corrected with PATCH and withdrawn with DELETE and {"reason"} (204),
under the services' rules: what may not change answers 400 saying why.
"""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accreditation import selectors
from accreditation.models import Accreditation, Application, Cohort, SupervisionSession
from accreditation.services import accreditations, applications, cohorts, training
from core import limits
from core.api import (
    DateField,
    JSONField,
    JSONParser,
    ModelSerializer,
    Serializer,
    WithdrawalSerializer,
)
from core.ids import parse_uuid


class _CorrectWithdrawMixin:
    """PATCH corrects through `update_service` (the record's current values for what the body
    leaves out); DELETE withdraws through `withdraw_service`."""

    record_kwarg = ""
    fixed_fields: tuple[str, ...] = ()

    def update_service(self, **values):
        raise NotImplementedError

    def withdraw_service(self, **values):
        raise NotImplementedError

    def partial_update(self, request, *args, **kwargs):
        record = self.get_object()
        serializer = self.get_serializer(record, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = serializer.validated_data
        fixed = {
            name: ["It cannot change"]
            for name in self.fixed_fields
            if name in changes and changes[name] != getattr(record, name)
        }
        if fixed:
            raise serializers.ValidationError(fixed)
        values = {
            name: changes.get(name, getattr(record, name))
            for name, field in serializer.fields.items()
            if not field.read_only and name not in self.fixed_fields
        }
        updated = self.update_service(actor=request.user, **{self.record_kwarg: record}, **values)
        return Response(self.get_serializer(updated).data)

    @extend_schema(request=WithdrawalSerializer, responses={204: None})
    def destroy(self, request, *args, **kwargs):
        record = self.get_object()
        body = WithdrawalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        self.withdraw_service(
            actor=request.user, **{self.record_kwarg: record}, reason=body.validated_data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class CohortSerializer(ModelSerializer):
    training_days = serializers.SerializerMethodField()
    offered = serializers.SerializerMethodField()

    class Meta:
        model = Cohort
        fields = [
            "id",
            "programme",
            "name",
            "venue",
            "trainers",
            "places",
            "fee_pence",
            "vat_applies",
            "applications_open_on",
            "applications_close_on",
            "training_days",
            "offered",
        ]
        read_only_fields = ["id"]

    def get_training_days(self, cohort) -> list[str]:
        return [day.date.isoformat() for day in cohort.training_days.all()]

    def get_offered(self, cohort) -> int:
        return applications.offers_made(cohort)


class ApplicationSerializer(ModelSerializer):
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)
    total_score = serializers.SerializerMethodField()
    message = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="For the decision letter."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "cohort",
            "applicant",
            "applicant_name",
            "status",
            "submitted_on",
            "decided_on",
            "total_score",
            "message",
        ]
        read_only_fields = ["id", "cohort", "applicant", "submitted_on", "decided_on"]

    def get_total_score(self, application) -> int | None:
        # Scores against a withdrawn criterion count no more.
        scores = [s.score for s in application.scores.all() if s.criterion.withdrawn_at is None]
        return sum(scores) if scores else None


class ApplicationCreateSerializer(Serializer):
    """Multipart: an application sent on someone's behalf (one that came by post, say)."""

    cohort = serializers.PrimaryKeyRelatedField(queryset=selectors.cohort_choices())
    applicant = serializers.PrimaryKeyRelatedField(queryset=selectors.accounts())
    answers = JSONField(help_text='{"<question id>": "answer", ...}')
    cv = serializers.FileField()

    def validate_answers(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError("Give the answers as an object by question id")
        for key, answer in value.items():
            if len(str(answer)) > limits.LONG_TEXT:
                raise serializers.ValidationError(
                    f"The answer to question {key} must be {limits.LONG_TEXT:,} characters or less"
                )
        return {str(key): str(answer) for key, answer in value.items()}


class SessionSerializer(ModelSerializer):
    facilitator = serializers.PrimaryKeyRelatedField(
        queryset=selectors.accreditation_staff(active=False)
    )
    taken = serializers.SerializerMethodField()

    class Meta:
        model = SupervisionSession
        fields = ["id", "date", "title", "venue", "capacity", "facilitator", "taken"]
        read_only_fields = ["id"]

    def get_taken(self, session) -> int:
        return session.bookings.exclude(status="cancelled").count()


class AccreditationSerializer(ModelSerializer):
    name = serializers.CharField(source="user.name", read_only=True)
    user = serializers.PrimaryKeyRelatedField(queryset=selectors.accounts())
    accredited_on = DateField()

    class Meta:
        model = Accreditation
        fields = [
            "id",
            "user",
            "name",
            "status",
            "accredited_on",
            "year_started_on",
            "annual_review_due_on",
            "status_reason",
            "regions",
            "availability",
        ]
        read_only_fields = [
            "id",
            "status",
            "year_started_on",
            "annual_review_due_on",
            "status_reason",
            "regions",
            "availability",
        ]


class _StaffViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    http_method_names = ["get", "post", "patch", "head"]


class CohortViewSet(_CorrectWithdrawMixin, mixins.CreateModelMixin, _StaffViewSet):
    """PATCH corrects a cohort (not its programme) as the page does; DELETE withdraws one that
    nobody holds or waits for a place in."""

    serializer_class = CohortSerializer
    lookup_url_kwarg = "cohort_id"
    http_method_names = ["get", "post", "patch", "delete", "head"]
    record_kwarg = "cohort"
    fixed_fields = ("programme",)

    def get_queryset(self):
        return selectors.cohorts_latest_first()

    def update_service(self, **values):
        return cohorts.cohort_update(**values)

    def withdraw_service(self, **values):
        return cohorts.cohort_withdraw(**values)

    def perform_create(self, serializer):
        values = {
            "fee_pence": settings.ACCREDITATION_FEE_PENCE,
            "vat_applies": True,
            **serializer.validated_data,
        }
        serializer.instance = cohorts.cohort_add(actor=self.request.user, **values)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "cohort", OpenApiTypes.UUID, description="Only this cohort's applications"
            )
        ]
    )
)
class ApplicationViewSet(mixins.UpdateModelMixin, _StaffViewSet):
    """Applicants apply on the service's pages; staff list and decide applications here, and
    may send one on someone's behalf."""

    serializer_class = ApplicationSerializer
    lookup_url_kwarg = "application_id"
    http_method_names = ["get", "post", "patch", "head"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request=ApplicationCreateSerializer, responses=ApplicationSerializer)
    def create(self, request, *args, **kwargs):
        body = ApplicationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        answers = {key: v for k, v in data["answers"].items() if (key := parse_uuid(k))}
        application = applications.application_submit(
            actor=request.user,
            cohort=data["cohort"],
            applicant=data["applicant"],
            answers=answers,
            cv=data["cv"],
        )
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        cohort = self.request.query_params.get("cohort")
        return selectors.application_list(cohort_id=parse_uuid(cohort))

    @extend_schema(
        request=ApplicationSerializer,
        description="Decide: status offered, waiting_list or declined (with a message for the "
        "letter). Offers never exceed the cohort's places.",
    )
    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        serializer = ApplicationSerializer(application, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        decided = applications.application_decide(
            actor=request.user,
            application=application,
            decision=serializer.validated_data.get("status", ""),
            message=serializer.validated_data.get("message", ""),
        )
        return Response(ApplicationSerializer(decided).data)


class SessionViewSet(_CorrectWithdrawMixin, mixins.CreateModelMixin, _StaffViewSet):
    """PATCH corrects a session (its date only until attendance is recorded); DELETE withdraws
    it, cancelling its booked places."""

    serializer_class = SessionSerializer
    lookup_url_kwarg = "session_id"
    http_method_names = ["get", "post", "patch", "delete", "head"]
    record_kwarg = "session"

    def get_queryset(self):
        return selectors.session_list()

    def update_service(self, **values):
        return training.session_update(**values)

    def withdraw_service(self, **values):
        return training.session_withdraw(**values)

    def perform_create(self, serializer):
        serializer.instance = training.session_add(
            actor=self.request.user, **serializer.validated_data
        )


class AccreditationViewSet(mixins.CreateModelMixin, _StaffViewSet):
    """POST accredits a reviewer (from a date); the lifecycle runs from there."""

    serializer_class = AccreditationSerializer
    lookup_url_kwarg = "accreditation_id"
    http_method_names = ["get", "post", "head"]

    def get_queryset(self):
        return selectors.accreditation_list()

    def create(self, request, *args, **kwargs):
        serializer = AccreditationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        accreditation = accreditations.accreditation_grant(
            actor=request.user,
            user=serializer.validated_data["user"],
            accredited_on=serializer.validated_data["accredited_on"],
        )
        return Response(AccreditationSerializer(accreditation).data, status=status.HTTP_201_CREATED)
