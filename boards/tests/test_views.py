import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from boards.models import Agency, Board, Membership

Role = Membership.Role


def error_summary_of(response):
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


class TestHome:
    def test_lists_my_boards_and_my_roles_on_each(self, client, member, board, other_board):
        Membership.objects.create(user=member, board=board, role=Role.VIEWER)
        client.force_login(member)
        response = client.get(reverse("home"))
        assertContains(response, board.name)
        assertContains(response, "Board member, Viewer")
        assertNotContains(response, other_board.name)

    def test_a_user_with_no_role_is_told_how_to_get_one(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_user("new@example.org", "New"))
        assertContains(client.get(reverse("home")), "You do not hold a role on any board yet")

    def test_platform_admin_is_offered_board_creation(self, client, platform_admin):
        client.force_login(platform_admin)
        assertContains(client.get(reverse("home")), reverse("boards:create"))

    def test_queries_do_not_grow_with_boards(self, client, member, django_assert_max_num_queries):
        from boards.tests.factories import MembershipFactory

        for _ in range(20):
            MembershipFactory(user=member, role=Role.CHAIR)
        client.force_login(member)
        # The boards in one query; the lead reviewer programme's section reads five more; the
        # reviews they contribute to for an agency and the drafts they are asked to check, one
        # each; their work queue three (their roles, the bank holidays ahead, one query counting
        # every kind of work and their unread reminders: none to list here).
        with django_assert_max_num_queries(15):
            client.get(reverse("home"))


class TestBoardDetail:
    def test_shows_members_and_agencies(self, client, viewer, business_manager, agency, board):
        client.force_login(viewer)
        response = client.get(reverse("boards:detail", args=[board.pk]))
        assertContains(response, escape(business_manager.name))
        assertContains(response, agency.name)
        assertContains(response, "Safeguarding partners (Working Together 2018 and 2023)")
        assertNotContains(response, reverse("boards:agency_add", args=[board.pk]))
        assertNotContains(response, reverse("boards:member_add", args=[board.pk]))

    def test_business_manager_is_offered_changes(self, client, business_manager, agency, board):
        client.force_login(business_manager)
        response = client.get(reverse("boards:detail", args=[board.pk]))
        assertContains(response, reverse("boards:agency_add", args=[board.pk]))
        assertContains(response, reverse("boards:agency_edit", args=[board.pk, agency.pk]))
        assertContains(response, reverse("boards:member_add", args=[board.pk]))

    def test_a_trainee_in_training_is_shown_as_a_trainee_reviewer(
        self, client, business_manager, lead_reviewer, board
    ):
        """Finding 12: a trainee holds the lead reviewer role so that the board can appoint
        them; the members list says what they are, and the role still allows what it did."""
        from accreditation.tests.factories import enrol
        from boards.tests.factories import MembershipFactory

        trainee = MembershipFactory(board=board, role=Role.LEAD_REVIEWER, user__name="Tia").user
        enrol(trainee)
        client.force_login(business_manager)
        html = client.get(reverse("boards:detail", args=[board.pk])).content.decode()
        row = {
            name: html.split(f">{name}<", 1)[1].split("</tr>", 1)[0]
            for name in ("Tia", lead_reviewer.name)
        }
        assert ">Trainee reviewer<" in row["Tia"]
        assert ">Lead reviewer<" in row[lead_reviewer.name]
        assert Membership.objects.get(user=trainee).role == Role.LEAD_REVIEWER

    def test_queries_do_not_grow_with_members_and_agencies(
        self, client, business_manager, board, django_assert_max_num_queries
    ):
        from boards.tests.factories import AgencyFactory, MembershipFactory

        MembershipFactory.create_batch(25, board=board)
        AgencyFactory.create_batch(25, board=board)
        client.force_login(business_manager)
        # One of them finds which lead reviewers are trainees, for all the members at once; one
        # reads the board's own timescales, one the joint reviews proposed to it; two the
        # navigation's count of the user's work (their roles, the bank holidays ahead).
        with django_assert_max_num_queries(14):
            response = client.get(reverse("boards:detail", args=[board.pk]))
        assert response.status_code == 200


class TestBoardCreate:
    url = reverse("boards:create")

    def test_platform_admin_creates_a_board(
        self, client, platform_admin, mailoutbox, django_capture_on_commit_callbacks
    ):
        client.force_login(platform_admin)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                self.url,
                {
                    "name": "Westshire Safeguarding Adults Board",
                    "kind": "adults",
                    "nation": "england",
                    "regime": "sab-2014",
                    "business_manager_name": "Wes Manager",
                    "business_manager_email": "wes@example.org",
                },
            )
        board = Board.objects.get(name="Westshire Safeguarding Adults Board")
        assert response.status_code == 302
        assert response.url == reverse("boards:detail", args=[board.pk])
        assert board.memberships.get().user.email == "wes@example.org"
        assert len(mailoutbox) == 1

    def test_bad_input_shows_errors_saves_nothing_and_keeps_answers(self, client, platform_admin):
        client.force_login(platform_admin)
        response = client.post(
            self.url,
            {
                "name": "Westshire Board",
                "kind": "children",
                "nation": "wales",
                "regime": "partners-2018",
                "business_manager_name": "",
                "business_manager_email": "not-an-email",
            },
        )
        html = error_summary_of(response)
        assert "Enter the business manager&#x27;s full name" in html
        assert "Enter an email address in the correct format" in html
        assert 'value="Westshire Board"' in html
        assert not Board.objects.exists()

    def test_a_regime_that_does_not_fit_is_an_error_on_the_regime(self, client, platform_admin):
        client.force_login(platform_admin)
        response = client.post(
            self.url,
            {
                "name": "Westshire Board",
                "kind": "children",
                "nation": "wales",
                "regime": "partners-2018",
                "business_manager_name": "Wes",
                "business_manager_email": "wes@example.org",
            },
        )
        html = error_summary_of(response)
        assert 'href="#id_regime' in html
        assert not Board.objects.exists()

    def test_the_page_has_the_question_fields(self, client, platform_admin):
        client.force_login(platform_admin)
        response = client.get(self.url)
        assertContains(response, "<title>Create a board – Manage safeguarding case reviews</title>")
        assertContains(
            response,
            'type="radio"',
            count=len(Board.Kind) + len(Board.Nation) + len(Board.Regime) + len(settings.LANGUAGES),
        )


class TestBoardList:
    def test_platform_admin_sees_all_boards(self, client, platform_admin, board, other_board):
        client.force_login(platform_admin)
        response = client.get(reverse("boards:list"))
        assertContains(response, board.name)
        assertContains(response, other_board.name)

    def test_the_boards_are_paged(self, client, platform_admin):
        from boards.tests.factories import BoardFactory
        from core.tests.paging import assert_paged

        client.force_login(platform_admin)
        names = iter(range(1, 100))

        def add(n):
            for _ in range(n):
                BoardFactory(name=f"Board {next(names):02}")

        assert_paged(client, reverse("boards:list"), add=add)


class TestMemberAdd:
    def url(self, board):
        return reverse("boards:member_add", args=[board.pk])

    def test_business_manager_adds_a_member(self, client, business_manager, board, mailoutbox):
        client.force_login(business_manager)
        response = client.post(
            self.url(board),
            {"email": "rita@example.org", "name": "Rita Reviewer", "role": "lead_reviewer"},
        )
        assert response.status_code == 302
        assert board.memberships.filter(
            user__email="rita@example.org", role="lead_reviewer"
        ).exists()
        follow = client.get(response.url)
        assertContains(follow, "Rita Reviewer added as lead reviewer")

    def test_bad_input(self, client, business_manager, board):
        client.force_login(business_manager)
        response = client.post(self.url(board), {"email": "", "name": "Rita", "role": ""})
        html = error_summary_of(response)
        assert "Enter an email address" in html
        assert "Select a role" in html
        assert 'value="Rita"' in html
        assert board.memberships.count() == 1

    def test_a_service_refusal_lands_on_its_field(self, client, business_manager, board):
        client.force_login(business_manager)
        response = client.post(
            self.url(board),
            {"email": business_manager.email, "name": "", "role": "business_manager"},
        )
        html = error_summary_of(response)
        assert 'href="#id_role' in html
        assert "already a business manager of this board" in html


class TestMemberRemove:
    def url(self, board, membership):
        return reverse("boards:member_remove", args=[board.pk, membership.pk])

    def test_confirm_then_remove(self, client, business_manager, member, board):
        membership = member.memberships.get()
        client.force_login(business_manager)
        question = f"Remove {escape(member.name)} as board member?"
        assertContains(client.get(self.url(board, membership)), question)
        response = client.post(self.url(board, membership))
        assert response.status_code == 302
        assert not Membership.objects.filter(pk=membership.pk).exists()

    def test_last_business_manager_stays_with_an_error_summary(
        self, client, business_manager, board
    ):
        membership = business_manager.memberships.get()
        client.force_login(business_manager)
        response = client.post(self.url(board, membership))
        assert response.status_code == 400
        html = response.content.decode()
        assert '<div class="govuk-error-summary"' in html
        assert "<title>Error: " in html
        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_a_membership_of_another_board_is_404_even_through_my_board(
        self, client, business_manager, board, other_board_user, other_board
    ):
        foreign = other_board_user.memberships.first()
        client.force_login(business_manager)
        assert client.get(self.url(board, foreign)).status_code == 404
        assert client.post(self.url(board, foreign)).status_code == 404
        assert Membership.objects.filter(pk=foreign.pk).exists()


class TestAgencies:
    def test_add_an_agency(self, client, business_manager, board):
        client.force_login(business_manager)
        response = client.post(
            reverse("boards:agency_add", args=[board.pk]),
            {"name": "Northshire ICB", "sector": "health"},
        )
        assert response.status_code == 302
        assert board.agencies.get().name == "Northshire ICB"

    def test_add_an_agency_with_bad_input(self, client, business_manager, board):
        client.force_login(business_manager)
        response = client.post(
            reverse("boards:agency_add", args=[board.pk]), {"name": "", "sector": "navy"}
        )
        html = error_summary_of(response)
        assert "Enter the agency&#x27;s name" in html
        assert "Select a valid choice" in html
        assert not Agency.objects.exists()

    def test_edit_an_agency(self, client, business_manager, board, agency):
        client.force_login(business_manager)
        url = reverse("boards:agency_edit", args=[board.pk, agency.pk])
        assertContains(client.get(url), f'value="{agency.name}"')
        response = client.post(url, {"name": "Northshire Police", "sector": "police"})
        assert response.status_code == 302
        agency.refresh_from_db()
        assert agency.name == "Northshire Police"

    def test_edit_to_a_duplicate_name_is_refused(self, client, business_manager, board, agency):
        other = Agency.objects.create(board=board, name="Northshire ICB", sector="health")
        client.force_login(business_manager)
        url = reverse("boards:agency_edit", args=[board.pk, other.pk])
        html = error_summary_of(client.post(url, {"name": agency.name, "sector": "health"}))
        assert "already has an agency with this name" in html
        other.refresh_from_db()
        assert other.name == "Northshire ICB"

    def test_an_agency_of_another_board_is_404_through_my_board(
        self, client, business_manager, board, other_board
    ):
        foreign = Agency.objects.create(board=other_board, name="Far Police", sector="police")
        client.force_login(business_manager)
        url = reverse("boards:agency_edit", args=[board.pk, foreign.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Mine now", "sector": "police"}).status_code == 404
        foreign.refresh_from_db()
        assert foreign.name == "Far Police"

    @pytest.mark.parametrize("role", [Role.CHAIR, Role.MEMBER, Role.LEAD_REVIEWER, Role.VIEWER])
    def test_other_roles_get_403_and_nothing_changes(self, client, role_users, board, role):
        client.force_login(role_users[role])
        response = client.post(
            reverse("boards:agency_add", args=[board.pk]), {"name": "X", "sector": "police"}
        )
        assert response.status_code == 403
        assert not Agency.objects.exists()


class TestBoardLanguage:
    def test_a_welsh_board_writes_to_someone_with_no_language_in_welsh(
        self,
        client,
        platform_admin,
        business_manager,
        board,
        mailoutbox,
        django_capture_on_commit_callbacks,
    ):
        client.force_login(platform_admin)
        details = {"name": board.name, "kind": board.kind, "nation": "england"}
        response = client.post(
            reverse("boards:edit", args=[board.pk]),
            {**details, "regime": board.regime, "language": "cy"},
        )
        assert response.status_code == 302
        board.refresh_from_db()
        assert board.language == "cy"

        client.force_login(business_manager)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("boards:member_add", args=[board.pk]),
                {"email": "rhys@example.org", "name": "Rhys Adolygydd", "role": "lead_reviewer"},
            )
        (message,) = mailoutbox
        assert "Rheoli adolygiadau achosion diogelu" in message.body
        assert "Manage safeguarding case reviews" not in message.body

    def test_a_persons_own_language_comes_before_the_boards(
        self, client, business_manager, board, mailoutbox, django_capture_on_commit_callbacks
    ):
        from core.tests.factories import UserFactory

        board.language = "cy"
        board.save()
        UserFactory(email="ruth@example.org", language="en-gb")
        client.force_login(business_manager)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("boards:member_add", args=[board.pk]),
                {"email": "ruth@example.org", "name": "", "role": "viewer"},
            )
        (message,) = mailoutbox
        assert "Manage safeguarding case reviews" in message.body

    def test_an_unknown_language_is_refused(self, client, platform_admin, board):
        client.force_login(platform_admin)
        response = client.post(
            reverse("boards:edit", args=[board.pk]),
            {
                "name": board.name,
                "kind": board.kind,
                "nation": board.nation,
                "regime": board.regime,
                "language": "fr",
            },
        )
        assert response.status_code == 200
        assertContains(response, "govuk-error-summary")
        board.refresh_from_db()
        assert board.language == "en-gb"
