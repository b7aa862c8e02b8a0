import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boards import services
from boards.models import Agency, Board, Membership
from core.models import User

Role = Membership.Role


@pytest.fixture
def new_board_fields():
    return {
        "name": "Eastshire Safeguarding Adults Board",
        "kind": Board.Kind.ADULTS,
        "nation": Board.Nation.ENGLAND,
        "regime": Board.Regime.SAB_2014,
    }


class TestBoardCreate:
    def test_platform_admin_creates_a_board_with_its_first_business_manager(
        self, platform_admin, new_board_fields, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            board = services.board_create(
                actor=platform_admin,
                business_manager_email="Sam.Manager@Eastshire.example",
                business_manager_name="Sam Manager",
                **new_board_fields,
            )

        manager = User.objects.get(email="sam.manager@eastshire.example")
        assert board.memberships.get().user == manager
        assert board.memberships.get().role == Role.BUSINESS_MANAGER
        assert not manager.has_usable_password()
        assert [m.to for m in mailoutbox] == [["sam.manager@eastshire.example"]]
        assert "/password-reset/" in mailoutbox[0].body

    @pytest.mark.parametrize("role", Role.values)
    def test_board_roles_cannot_create_boards(self, board, role, new_board_fields):
        from boards.tests.factories import MembershipFactory

        user = MembershipFactory(board=board, role=role).user
        with pytest.raises(PermissionDenied):
            services.board_create(actor=user, **new_board_fields)
        assert not Board.objects.filter(name=new_board_fields["name"]).exists()

    def test_regime_must_fit_the_kind_and_nation(self, platform_admin, new_board_fields):
        new_board_fields["regime"] = Board.Regime.PARTNERS_2018
        with pytest.raises(ValidationError) as error:
            services.board_create(actor=platform_admin, **new_board_fields)
        assert "regime" in error.value.message_dict
        assert not Board.objects.exists()

    @pytest.mark.parametrize(
        ("kind", "nation", "regime"),
        [
            ("children", "england", "lscb-2015"),
            ("children", "england", "partners-2018"),
            ("adults", "england", "sab-2014"),
            ("children", "wales", "wales-2016"),
            ("adults", "wales", "wales-2016"),
            ("children", "wales", "wales-susr-2024"),
            ("adults", "wales", "wales-susr-2024"),
            ("community_safety", "england", "dhr-2016"),
        ],
    )
    def test_every_lawful_regime_is_accepted(self, platform_admin, kind, nation, regime):
        board = services.board_create(
            actor=platform_admin, name=f"{kind} {nation}", kind=kind, nation=nation, regime=regime
        )
        assert board.regime == regime

    @pytest.mark.parametrize(
        ("kind", "nation", "regime", "field"),
        [
            ("community_safety", "england", "partners-2018", "regime"),
            ("children", "england", "dhr-2016", "regime"),
            ("community_safety", "wales", "wales-susr-2024", "kind"),
            ("children", "england", "wales-susr-2024", "regime"),
        ],
    )
    def test_a_regime_for_another_kind_or_nation_is_refused(
        self, platform_admin, kind, nation, regime, field
    ):
        with pytest.raises(ValidationError) as error:
            services.board_create(
                actor=platform_admin, name="Westshire", kind=kind, nation=nation, regime=regime
            )
        assert field in error.value.message_dict
        assert not Board.objects.exists()

    def test_board_names_are_unique_whatever_the_case(self, platform_admin, board):
        with pytest.raises(ValidationError) as error:
            services.board_create(
                actor=platform_admin,
                name=board.name.upper(),
                kind=board.kind,
                nation=board.nation,
                regime=board.regime,
            )
        assert "name" in error.value.message_dict

    def test_history_records_who_created_the_board(self, platform_admin, new_board_fields):
        board = services.board_create(actor=platform_admin, **new_board_fields)
        record = board.history.get()
        assert record.history_type == "+"
        assert record.history_user == platform_admin


class TestMemberAdd:
    def test_business_manager_adds_a_new_person_who_is_invited(
        self, business_manager, board, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            membership = services.member_add(
                actor=business_manager,
                board=board,
                email=" New.Person@Example.org ",
                name="New Person",
                role=Role.CHAIR,
            )

        assert membership.user.email == "new.person@example.org"
        assert membership.role == Role.CHAIR
        assert len(mailoutbox) == 1
        assert board.name in mailoutbox[0].subject
        assert "Set your password" in mailoutbox[0].body

    def test_existing_user_gets_a_further_role_and_a_sign_in_link(
        self, business_manager, member, board, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.member_add(
                actor=business_manager, board=board, email=member.email, name="", role=Role.VIEWER
            )
        assert set(member.memberships.values_list("role", flat=True)) == {Role.MEMBER, Role.VIEWER}
        assert "/password-reset/" not in mailoutbox[0].body
        assert "/sign-in/" in mailoutbox[0].body

    def test_the_same_role_twice_is_refused(self, business_manager, member, board):
        with pytest.raises(ValidationError) as error:
            services.member_add(
                actor=business_manager, board=board, email=member.email, name="", role=Role.MEMBER
            )
        assert "role" in error.value.message_dict

    def test_a_new_person_needs_a_name(self, business_manager, board):
        with pytest.raises(ValidationError) as error:
            services.member_add(
                actor=business_manager,
                board=board,
                email="nobody@example.org",
                name=" ",
                role="chair",
            )
        assert "name" in error.value.message_dict
        assert not User.objects.filter(email="nobody@example.org").exists()

    @pytest.mark.parametrize("role", [Role.CHAIR, Role.MEMBER, Role.LEAD_REVIEWER, Role.VIEWER])
    def test_other_roles_cannot_add_members(self, role_users, board, role):
        with pytest.raises(PermissionDenied):
            services.member_add(
                actor=role_users[role], board=board, email="x@example.org", name="X", role="chair"
            )

    def test_business_manager_of_another_board_cannot_add_members(self, other_board_user, board):
        with pytest.raises(PermissionDenied):
            services.member_add(
                actor=other_board_user, board=board, email="x@example.org", name="X", role="chair"
            )

    def test_platform_admin_adds_first_members(self, platform_admin, board):
        membership = services.member_add(
            actor=platform_admin, board=board, email="x@example.org", name="X", role="chair"
        )
        assert membership.history.get().history_user == platform_admin


class TestMemberRemove:
    def test_business_manager_removes_a_role(self, business_manager, member, board):
        membership = member.memberships.get(board=board)
        services.member_remove(actor=business_manager, membership=membership)
        assert not member.memberships.exists()
        assert membership.history.filter(history_type="-").get().history_user == business_manager

    def test_the_last_business_manager_cannot_be_removed(self, business_manager, board):
        membership = business_manager.memberships.get(board=board)
        with pytest.raises(ValidationError):
            services.member_remove(actor=business_manager, membership=membership)
        assert business_manager.memberships.filter(board=board).exists()

    def test_a_business_manager_can_go_once_another_is_appointed(
        self, business_manager, member, board
    ):
        services.member_add(
            actor=business_manager,
            board=board,
            email=member.email,
            name="",
            role=Role.BUSINESS_MANAGER,
        )
        services.member_remove(
            actor=business_manager, membership=business_manager.memberships.get(board=board)
        )
        assert list(board.memberships.filter(role=Role.BUSINESS_MANAGER)) == [
            member.memberships.get(role=Role.BUSINESS_MANAGER)
        ]


class TestAgencies:
    def test_business_manager_adds_and_renames_an_agency(self, business_manager, board):
        agency = services.agency_add(
            actor=business_manager, board=board, name=" Northshire Police ", sector="police"
        )
        assert agency.name == "Northshire Police"
        services.agency_update(
            actor=business_manager, agency=agency, name="Northshire Constabulary", sector="police"
        )
        agency.refresh_from_db()
        assert agency.name == "Northshire Constabulary"
        assert [r.name for r in agency.history.order_by("history_date")] == [
            "Northshire Police",
            "Northshire Constabulary",
        ]

    def test_duplicate_agency_names_are_refused_on_one_board_only(
        self, business_manager, board, agency, other_board
    ):
        with pytest.raises(ValidationError) as error:
            services.agency_add(
                actor=business_manager, board=board, name=agency.name.lower(), sector="police"
            )
        assert "name" in error.value.message_dict
        # Another board may have an agency of the same name.
        Agency.objects.create(board=other_board, name=agency.name, sector="police")

    def test_unknown_sector_is_refused(self, business_manager, board):
        with pytest.raises(ValidationError) as error:
            services.agency_add(actor=business_manager, board=board, name="X", sector="army")
        assert "sector" in error.value.message_dict

    @pytest.mark.parametrize("role", [Role.CHAIR, Role.MEMBER, Role.LEAD_REVIEWER, Role.VIEWER])
    def test_only_the_business_manager_manages_agencies(self, role_users, board, agency, role):
        with pytest.raises(PermissionDenied):
            services.agency_add(actor=role_users[role], board=board, name="X", sector="police")
        with pytest.raises(PermissionDenied):
            services.agency_update(actor=role_users[role], agency=agency, name="X", sector="police")

    def test_platform_admin_does_not_manage_agencies(self, platform_admin, board):
        with pytest.raises(PermissionDenied):
            services.agency_add(actor=platform_admin, board=board, name="X", sector="police")
