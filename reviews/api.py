"""JSON API for incidents, their notifications and the chair's decision (API.md)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from boards.models import Agency, Board
from core import permissions
from core.api import DateField, ModelSerializer, Serializer
from deadlines.models import Deadline
from guidance import rulebooks
from reviews import selectors
from reviews.models import Decision, Incident, LocalCriterion, Notification
from reviews.services import decisions, incidents
from reviews.services.incidents import FACT_FIELDS

# The clocks an incident's `deadlines` always lists (API.md), whatever its regime.
INCIDENT_CLOCKS = (
    "notify_panel",
    "rapid_review",
    "decision",
    "not_initiating_notice",
    "notify_dfe_ofsted",
    "notify_welsh_government",
    "notify_home_office",
    "home_office_notice",
)


class DeadlineSchema(Serializer):
    """A deadline object of API.md (for the schema; `deadline_json` writes it)."""

    due = DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Deadline.Status.choices)
    met_on = DateField(allow_null=True)
    rule = serializers.CharField()

    class Meta:
        ref_name = "Deadline"


def deadline_schema():
    """One field per clock (a shared instance would be listed once), null until it starts."""
    return DeadlineSchema(allow_null=True)


def _applies(incident, code: str) -> bool:
    clock = incident.rules.clock(code)
    return clock is not None and clock.applies_to(incident.criteria_outcome, incident.facts)


def clocks_json(incident, found: dict, codes) -> dict:
    """Each clock of `codes`: its deadline (`found` by clock); "not_applicable" where the
    incident's rulebook has no such clock or it does not apply to the incident; null while it
    has not started."""
    result = {}
    for code in codes:
        if code in found:
            result[code] = deadline_json(found[code])
        elif not _applies(incident, code):
            result[code] = {
                "due": None,
                "status": Deadline.Status.NOT_APPLICABLE,
                "met_on": None,
                "rule": incident.rules.rule(code),
            }
        else:
            result[code] = None
    return result


def deadline_json(deadline: Deadline) -> dict:
    return {
        "due": deadline.due_on,
        "status": deadline.status,
        "met_on": deadline.met_on,
        "rule": deadline.rule,
    }


class IncidentSerializer(ModelSerializer):
    # Only objects of boards the caller holds a role on exist for them; the service then
    # refuses agencies and criteria of another of their boards.
    board = serializers.PrimaryKeyRelatedField(queryset=selectors.none_of(Board))
    local_criteria = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=selectors.none_of(LocalCriterion)
    )
    agencies = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=selectors.none_of(Agency)
    )
    deadlines = serializers.SerializerMethodField()
    criteria_reason = serializers.CharField(read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "board",
            "rulebook",
            "reference",
            "subject_kind",
            "incident_on",
            "la_aware_on",
            "notified_on",
            "notifier",
            "summary",
            *FACT_FIELDS,
            "local_criteria",
            "agencies",
            "criteria_outcome",
            "criteria_reason",
            "deadlines",
            "status",
        ]
        read_only_fields = ["id", "rulebook", "criteria_outcome", "status"]
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            user = request.user
            self.fields["board"].queryset = selectors.board_list_visible(user=user)
            self.fields["agencies"].child_relation.queryset = selectors.agency_list_visible(
                user=user
            )
            self.fields[
                "local_criteria"
            ].child_relation.queryset = selectors.local_criterion_list_visible(user=user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["board"].read_only = True

    @extend_schema_field(
        inline_serializer(
            "IncidentDeadlines",
            # One field instance per clock: a shared one would be listed once.
            {code: deadline_schema() for code in INCIDENT_CLOCKS},
        )
    )
    def get_deadlines(self, incident) -> dict:
        """Each clock of API.md: null while it has not started; "not_applicable" when the
        incident's rulebook has no such clock, or it does not apply to this incident (no
        notification is owed for an incident that does not meet the criteria)."""
        if hasattr(incident, "clocks"):  # read with its page (IncidentViewSet)
            deadlines = incident.clocks
        else:  # one incident, or just written by a service
            deadlines = selectors.incident_deadlines(incident=incident)
        return clocks_json(incident, {d.clock: d for d in deadlines}, INCIDENT_CLOCKS)


class NotificationSerializer(ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "incident", "recipient", "about", "sent_on", "summary"]
        read_only_fields = ["id", "incident"]


class DecisionSerializer(ModelSerializer):
    review_type = serializers.ChoiceField(
        choices=list(rulebooks.REVIEW_TYPES.items()), required=False, allow_blank=True
    )
    review = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "incident",
            "outcome",
            "review_type",
            "rationale",
            "decided_on",
            "decided_by",
            "peer_challenge_by",
            "peer_challenge",
            "case_review_group_on",
            "review",
        ]
        read_only_fields = ["id", "incident", "decided_by", "review"]

    @extend_schema_field(serializers.UUIDField(allow_null=True))  # null: no review held
    def get_review(self, decision):
        review = getattr(decision.incident, "review", None)
        return str(review.pk) if review else None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("board", OpenApiTypes.UUID, description="Only this board's incidents")
        ]
    )
)
class IncidentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = IncidentSerializer
    lookup_url_kwarg = "incident_id"
    http_method_names = ["get", "post", "patch", "head"]

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return page if page is None else selectors.with_clocks(page)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return selectors.none_of(Incident)
        user = self.request.user
        if self.action != "list":
            return selectors.incident_lookup_for_api(user=user)
        return selectors.incident_list_for_api(
            user=user, board_id=self.request.query_params.get("board", "")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        board = data.pop("board")
        permissions.require(self.request.user, "incidents.manage", board)
        serializer.instance = incidents.incident_log(actor=self.request.user, board=board, **data)

    def perform_update(self, serializer):
        serializer.instance = incidents.incident_update(
            actor=self.request.user, incident=serializer.instance, **serializer.validated_data
        )

    @extend_schema(request=NotificationSerializer, responses={201: NotificationSerializer})
    @action(detail=True, methods=["post"], serializer_class=NotificationSerializer)
    def notifications(self, request, incident_id=None):
        incident = self.get_object()
        serializer = NotificationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notification = incidents.notification_record(
            actor=request.user, incident=incident, **serializer.validated_data
        )
        return Response(NotificationSerializer(notification).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DecisionSerializer, responses={201: DecisionSerializer})
    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def decision(self, request, incident_id=None):
        incident = self.get_object()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision = decisions.decision_record(
            actor=request.user, incident=incident, **serializer.validated_data
        )
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
