"""JSON API for boards, their members and agencies (API.md). Same services, same rules."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from boards import roles, selectors, services
from boards.models import Agency, Board, Membership
from core.api import ModelSerializer, Serializer


class BoardSerializer(ModelSerializer):
    roles = serializers.SerializerMethodField(help_text="The caller's roles on this board.")

    class Meta:
        model = Board
        fields = ["id", "name", "kind", "nation", "regime", "language", "roles", "created_at"]
        read_only_fields = ["id", "roles", "created_at"]
        # Uniqueness is the service's to check, with the service's message.
        validators = []
        extra_kwargs = {"name": {"validators": []}}

    def get_roles(self, board) -> list[str]:
        mine = getattr(board, "my_memberships", None)
        if mine is not None:
            return sorted(m.role for m in mine)
        return sorted(roles.roles_on(self.context["request"].user, board))


class MemberUserSerializer(Serializer):
    id = serializers.UUIDField(read_only=True)
    email = serializers.EmailField(read_only=True)
    name = serializers.CharField(read_only=True)


class MembershipSerializer(ModelSerializer):
    email = serializers.EmailField(write_only=True)
    name = serializers.CharField(
        write_only=True,
        default="",
        allow_blank=True,
        max_length=200,
        help_text="Needed when the e-mail address is new to the service.",
    )
    user = MemberUserSerializer(read_only=True)
    role = serializers.ChoiceField(choices=Membership.Role.choices)

    class Meta:
        model = Membership
        fields = ["id", "board", "user", "role", "email", "name", "created_at"]
        read_only_fields = ["id", "board", "user", "created_at"]
        validators = []


class AgencySerializer(ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "board", "name", "sector", "created_at"]
        read_only_fields = ["id", "board", "created_at"]
        validators = []


class BoardViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = BoardSerializer
    lookup_url_kwarg = "board_id"

    def get_queryset(self):
        fake = getattr(self, "swagger_fake_view", False)  # the schema being drawn
        return selectors.boards_for_api(
            user=None if fake else self.request.user, listing=self.action == "list"
        )

    def perform_create(self, serializer):
        serializer.instance = services.board_create(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(methods=["GET"], responses=MembershipSerializer(many=True), request=None)
    @extend_schema(
        methods=["POST"], request=MembershipSerializer, responses={201: MembershipSerializer}
    )
    @action(detail=True, methods=["get", "post"], serializer_class=MembershipSerializer)
    def members(self, request, board_id=None):
        board = self.get_object()
        if request.method == "GET":
            return self._paginated(selectors.membership_list(board=board), MembershipSerializer)
        serializer = MembershipSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.member_add(
            actor=request.user, board=board, **serializer.validated_data
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=AgencySerializer(many=True), request=None)
    @extend_schema(methods=["POST"], request=AgencySerializer, responses={201: AgencySerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=AgencySerializer)
    def agencies(self, request, board_id=None):
        board = self.get_object()
        if request.method == "GET":
            return self._paginated(selectors.agency_list(board=board), AgencySerializer)
        serializer = AgencySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency = services.agency_add(actor=request.user, board=board, **serializer.validated_data)
        return Response(AgencySerializer(agency).data, status=status.HTTP_201_CREATED)

    def _paginated(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True).data)
