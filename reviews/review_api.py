"""JSON API for reviews (API.md): the review, its stages, clock, reviewers, episodes,
findings and actions. The same services and rules as the pages."""

from django.utils import timezone
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

from boards.models import Agency
from core.api import DateField, ModelSerializer, Serializer
from core.models import User
from deadlines.models import ClockPause
from guidance import methodologies, rulebooks
from reviews import selectors
from reviews.api import clocks_json, deadline_schema
from reviews.models import (
    Action,
    ChronologyEntry,
    Finding,
    KeyPracticeEpisode,
    Review,
    ReviewerAppointment,
)
from reviews.services import actions as action_services
from reviews.services import analysis, workflow
from reviews.services import reviews as services

REVIEW_CLOCKS = rulebooks.REVIEW_CLOCKS


class ReviewSerializer(ModelSerializer):
    review_type = serializers.ChoiceField(choices=list(rulebooks.REVIEW_TYPES.items()))
    methodology = serializers.ChoiceField(
        choices=[(m.code, m.title) for m in methodologies.METHODOLOGIES.values()]
    )
    lt_option = serializers.ChoiceField(
        choices=list(methodologies.LEARNING_TOGETHER.options), allow_blank=True, required=False
    )
    deadlines = serializers.SerializerMethodField()
    paused = serializers.SerializerMethodField()
    extension_reason = serializers.CharField(
        required=False, allow_blank=True, help_text="With extended_to: agree an extension."
    )
    extended_to = DateField(required=False, write_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "incident",
            "board",
            "review_type",
            "methodology",
            "lt_option",
            "stage",
            "initiated_on",
            "completed_on",
            "terms_of_reference",
            "converted_from",
            "deadlines",
            "paused",
            "extension_reason",
            "extended_to",
        ]
        read_only_fields = [
            "id",
            "incident",
            "board",
            "stage",
            "initiated_on",
            "completed_on",
            "converted_from",
        ]

    def _clocks(self, review) -> dict:
        cache = getattr(self, "_clock_cache", None)
        if cache is None:
            cache = self._clock_cache = {}
        if review.pk not in cache:
            found = getattr(review, "clock_deadlines", None)  # a page of the list: read already
            if found is None:
                deadlines = selectors.review_clock_deadlines(review=review, clocks=REVIEW_CLOCKS)
                found = {d.clock: d for d in deadlines}
            cache[review.pk] = found
        return cache[review.pk]

    @extend_schema_field(
        inline_serializer("ReviewDeadlines", {code: deadline_schema() for code in REVIEW_CLOCKS})
    )
    def get_deadlines(self, review) -> dict:
        return clocks_json(review.incident, self._clocks(review), REVIEW_CLOCKS)

    def get_paused(self, review) -> bool:
        complete = self._clocks(review).get("complete")
        return bool(complete and complete.paused_since)

    def to_representation(self, review):
        data = super().to_representation(review)
        complete = self._clocks(review).get("complete")
        extensions = list(complete.extensions.all()) if complete else []
        data["extension_reason"] = extensions[-1].reason if extensions else ""
        return data


class AppointmentSerializer(ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(queryset=selectors.none_of(User))
    # Left out, it is not declared: the service refuses that, with its own message.
    independence_declared = serializers.BooleanField(default=False)
    appointed_on = DateField(required=False)

    class Meta:
        model = ReviewerAppointment
        fields = [
            "id",
            "user",
            "role",
            "independence_declared",
            "declaration",
            "appointed_on",
            "ended_on",
        ]
        read_only_fields = ["id", "ended_on"]
        validators = []


class EpisodeSerializer(ModelSerializer):
    chronology_entries = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=selectors.none_of(ChronologyEntry)
    )
    factors = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)

    class Meta:
        model = KeyPracticeEpisode
        fields = [
            "id",
            "occurred_on",
            "title",
            "what_happened",
            "appraisal",
            "factors",
            "chronology_entries",
            "version",
        ]
        read_only_fields = ["id", "version"]


class FindingSerializer(ModelSerializer):
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=selectors.finding_category_list_active()
    )
    episodes = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=selectors.none_of(KeyPracticeEpisode)
    )

    class Meta:
        model = Finding
        fields = [
            "id",
            "category",
            "title",
            *analysis.FINDING_SECTIONS,
            "episodes",
            "quality_assured_on",
            "board_response",
            "version",
        ]
        read_only_fields = ["id", "quality_assured_on", "board_response", "version"]


class ActionSerializer(ModelSerializer):
    finding = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=selectors.none_of(Finding)
    )
    owner_agency = serializers.PrimaryKeyRelatedField(queryset=selectors.none_of(Agency))

    class Meta:
        model = Action
        fields = [
            "id",
            "finding",
            "description",
            "owner_agency",
            "due_on",
            "status",
            "completed_on",
            "evidence_of_impact",
        ]
        read_only_fields = ["id"]


class PauseSerializer(Serializer):
    reason = serializers.CharField(help_text="criminal_proceedings, inquest, or free text")
    on = DateField()


class ResumeSerializer(Serializer):
    on = DateField()


class TransitionSerializer(Serializer):
    to = serializers.CharField(help_text="The code of the next or the previous stage.")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("board", OpenApiTypes.UUID, description="Only this board's reviews"),
            OpenApiParameter(
                "stage",
                str,
                description="Only reviews at this stage (a stage code of their methodology)",
            ),
            OpenApiParameter(
                "overdue",
                bool,
                description="true: only reviews whose completion clock is overdue",
            ),
        ]
    )
)
class ReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ReviewSerializer
    lookup_url_kwarg = "review_id"
    http_method_names = ["get", "post", "patch", "head"]

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is None or self.action != "list":  # a review's episodes, findings, actions
            return page
        return selectors.with_review_clocks(page, clocks=REVIEW_CLOCKS)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return selectors.none_of(Review)
        user = self.request.user
        if self.action != "list":
            return selectors.review_lookup_for_api(user=user)
        params = self.request.query_params
        return selectors.review_list_for_api(
            user=user,
            board_id=params.get("board", ""),
            stage=params.get("stage", ""),
            overdue=params.get("overdue") == "true",
        )

    def perform_update(self, serializer):
        review, data, actor = serializer.instance, serializer.validated_data, self.request.user
        extended_to = data.pop("extended_to", None)
        reason = data.pop("extension_reason", None)
        if extended_to is not None or reason:
            if extended_to is None or not reason:
                raise serializers.ValidationError(
                    {"extended_to": ["An extension needs both extended_to and extension_reason"]}
                )
            services.review_extend(
                actor=actor,
                review=review,
                extended_to=extended_to,
                reason=reason,
                agreed_on=timezone.localdate(),
            )
        setup = {
            "review_type": review.review_type,
            "methodology": review.methodology,
            "lt_option": review.lt_option,
            "terms_of_reference": review.terms_of_reference,
            "supervisor": review.supervisor,
        }
        setup.update(data)
        if data:
            serializer.instance = services.review_setup(actor=actor, review=review, **setup)

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        super().update(request, *args, **kwargs)
        review = selectors.review_reload(review=self.get_object())
        return Response(ReviewSerializer(review).data)

    @extend_schema(request=TransitionSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request, review_id=None):
        review = self.get_object()  # 404 for outsiders before anything is read
        body = _body(request, TransitionSerializer)
        review = workflow.review_transition(actor=request.user, review=review, to=body["to"])
        return Response(ReviewSerializer(review).data)

    @extend_schema(request=PauseSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"], serializer_class=PauseSerializer)
    def pause(self, request, review_id=None):
        review = self.get_object()
        body = _body(request, PauseSerializer)
        reason = body["reason"]
        known = reason in ClockPause.Reason.values
        services.review_pause(
            actor=request.user,
            review=review,
            reason=reason if known else ClockPause.Reason.OTHER,
            details="" if known else reason,
            paused_on=body["on"],
        )
        return Response(ReviewSerializer(self.get_object()).data)

    @extend_schema(request=ResumeSerializer, responses=ReviewSerializer)
    @action(detail=True, methods=["post"], serializer_class=ResumeSerializer)
    def resume(self, request, review_id=None):
        review = self.get_object()
        body = _body(request, ResumeSerializer)
        services.review_resume(actor=request.user, review=review, resumed_on=body["on"])
        return Response(ReviewSerializer(self.get_object()).data)

    @extend_schema(request=AppointmentSerializer, responses={201: AppointmentSerializer})
    @action(detail=True, methods=["post"], serializer_class=AppointmentSerializer)
    def reviewers(self, request, review_id=None):
        review = self.get_object()
        serializer = AppointmentSerializer(data=request.data)
        serializer.fields["user"].queryset = selectors.reviewer_choices_for_api(board=review.board)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.setdefault("appointed_on", timezone.localdate())
        appointment = services.reviewer_appoint(actor=request.user, review=review, **data)
        return Response(AppointmentSerializer(appointment).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], request=None, responses=EpisodeSerializer(many=True))
    @extend_schema(methods=["POST"], request=EpisodeSerializer, responses={201: EpisodeSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=EpisodeSerializer)
    def episodes(self, request, review_id=None):
        review = self.get_object()
        if request.method == "GET":
            return self._page(
                review.episodes.prefetch_related("chronology_entries"), EpisodeSerializer
            )
        serializer = EpisodeSerializer(data=request.data)
        serializer.fields["chronology_entries"].child_relation.queryset = review.chronology.all()
        serializer.is_valid(raise_exception=True)
        episode = analysis.episode_add(
            actor=request.user, review=review, **serializer.validated_data
        )
        return Response(EpisodeSerializer(episode).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], request=None, responses=FindingSerializer(many=True))
    @extend_schema(methods=["POST"], request=FindingSerializer, responses={201: FindingSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=FindingSerializer)
    def findings(self, request, review_id=None):
        review = self.get_object()
        if request.method == "GET":
            findings = review.findings.select_related("category").prefetch_related("episodes")
            return self._page(findings, FindingSerializer)
        serializer = FindingSerializer(data=request.data)
        serializer.fields["episodes"].child_relation.queryset = review.episodes.all()
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        finding = analysis.finding_add(
            actor=request.user,
            review=review,
            category=data.pop("category"),
            episodes=data.pop("episodes", []),
            **data,
        )
        return Response(FindingSerializer(finding).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], request=None, responses=ActionSerializer(many=True))
    @extend_schema(methods=["POST"], request=ActionSerializer, responses={201: ActionSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=ActionSerializer)
    def actions(self, request, review_id=None):
        review = self.get_object()
        if request.method == "GET":
            return self._page(review.actions.all(), ActionSerializer)
        serializer = ActionSerializer(data=request.data)
        serializer.fields["finding"].queryset = review.findings.all()
        serializer.fields["owner_agency"].queryset = review.board.agencies.all()
        serializer.is_valid(raise_exception=True)
        new_action = action_services.action_add(
            actor=request.user, review=review, **serializer.validated_data
        )
        return Response(ActionSerializer(new_action).data, status=status.HTTP_201_CREATED)

    def _page(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True).data)


def _body(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
