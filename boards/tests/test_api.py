import pytest
from django.urls import reverse

from boards.models import Agency, Board, Membership

Role = Membership.Role


@pytest.fixture
def new_board():
    return {
        "name": "Eastshire LSCB",
        "kind": "children",
        "nation": "england",
        "regime": "lscb-2015",
    }


class TestBoards:
    def test_list_holds_only_my_boards_with_my_roles(
        self, api_client_for, member, board, other_board
    ):
        response = api_client_for(member).get(reverse("api:board-list"))
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 1
        assert body["results"][0]["id"] == str(board.pk)
        assert body["results"][0]["roles"] == ["member"]

    def test_list_queries_do_not_grow_with_boards(
        self, api_client_for, member, django_assert_max_num_queries
    ):
        from boards.tests.factories import MembershipFactory

        for _ in range(15):
            MembershipFactory(user=member, role=Role.CHAIR)
        client = api_client_for(member)
        with django_assert_max_num_queries(5):
            body = client.get(reverse("api:board-list")).json()
        assert body["count"] == 16  # and the member fixture's own board
        assert {tuple(b["roles"]) for b in body["results"]} == {("chair",), ("member",)}

    def test_platform_admin_creates_a_board(self, api_client_for, platform_admin, new_board):
        response = api_client_for(platform_admin).post(
            reverse("api:board-list"), new_board, format="json"
        )
        assert response.status_code == 201
        assert Board.objects.get(pk=response.json()["id"]).regime == "lscb-2015"

    def test_others_may_not_create_boards(self, api_client_for, business_manager, new_board):
        response = api_client_for(business_manager).post(
            reverse("api:board-list"), new_board, format="json"
        )
        assert response.status_code == 403
        assert not Board.objects.filter(name=new_board["name"]).exists()

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"kind": "cats"}, "kind"),
            ({"regime": "sab-2014"}, "regime"),
            ({"name": ""}, "name"),
        ],
    )
    def test_bad_input_is_400_by_field_and_changes_nothing(
        self, api_client_for, platform_admin, new_board, change, field
    ):
        response = api_client_for(platform_admin).post(
            reverse("api:board-list"), {**new_board, **change}, format="json"
        )
        assert response.status_code == 400
        assert field in response.json()
        assert not Board.objects.exists()

    def test_duplicate_name_is_400(self, api_client_for, platform_admin, board, new_board):
        response = api_client_for(platform_admin).post(
            reverse("api:board-list"), {**new_board, "name": board.name}, format="json"
        )
        assert response.status_code == 400
        assert "name" in response.json()

    def test_detail(self, api_client_for, viewer, board):
        response = api_client_for(viewer).get(reverse("api:board-detail", args=[board.pk]))
        assert response.json()["name"] == board.name

    def test_session_auth_works_too(self, client, viewer, board):
        client.force_login(viewer)
        assert client.get(reverse("api:board-detail", args=[board.pk])).status_code == 200


class TestMembers:
    def url(self, board):
        return reverse("api:board-members", args=[board.pk])

    def test_business_manager_adds_a_member_creating_the_user(
        self, api_client_for, business_manager, board
    ):
        response = api_client_for(business_manager).post(
            self.url(board),
            {"email": "Nina@Example.org", "name": "Nina New", "role": "lead_reviewer"},
            format="json",
        )
        assert response.status_code == 201
        body = response.json()
        assert body["user"]["email"] == "nina@example.org"
        assert body["role"] == "lead_reviewer"
        assert Membership.objects.filter(pk=body["id"], board=board).exists()

    def test_list_members(self, api_client_for, viewer, business_manager, board):
        response = api_client_for(viewer).get(self.url(board))
        assert response.status_code == 200
        emails = {m["user"]["email"] for m in response.json()["results"]}
        assert emails == {viewer.email, business_manager.email}

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"email": "bad", "name": "N", "role": "chair"}, "email"),
            ({"email": "n@example.org", "name": "N", "role": "king"}, "role"),
            ({"email": "n@example.org", "name": "", "role": "chair"}, "name"),
        ],
    )
    def test_bad_input(self, api_client_for, business_manager, board, payload, field):
        before = Membership.objects.count()
        response = api_client_for(business_manager).post(self.url(board), payload, format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert Membership.objects.count() == before

    def test_viewer_may_see_but_not_add(self, api_client_for, viewer, board):
        response = api_client_for(viewer).post(
            self.url(board), {"email": "x@example.org", "name": "X", "role": "chair"}, format="json"
        )
        assert response.status_code == 403


class TestAgencies:
    def url(self, board):
        return reverse("api:board-agencies", args=[board.pk])

    def test_business_manager_adds_an_agency(self, api_client_for, business_manager, board):
        response = api_client_for(business_manager).post(
            self.url(board), {"name": "Northshire ICB", "sector": "health"}, format="json"
        )
        assert response.status_code == 201
        assert response.json()["board"] == str(board.pk)
        assert board.agencies.get().name == "Northshire ICB"

    def test_duplicate_is_400(self, api_client_for, business_manager, board, agency):
        response = api_client_for(business_manager).post(
            self.url(board), {"name": agency.name, "sector": "police"}, format="json"
        )
        assert response.status_code == 400
        assert "name" in response.json()
        assert Agency.objects.count() == 1

    def test_chair_gets_403(self, api_client_for, chair, board):
        response = api_client_for(chair).post(
            self.url(board), {"name": "X", "sector": "police"}, format="json"
        )
        assert response.status_code == 403
        assert not Agency.objects.exists()

    def test_list_is_paginated(self, api_client_for, chair, board, agency):
        body = api_client_for(chair).get(self.url(board)).json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["results"][0]["name"] == agency.name


def test_garbage_input_never_causes_a_500(api_client_for, business_manager, platform_admin, board):
    client = api_client_for(business_manager)
    for payload in ["not json", [], {"name": None, "sector": ["x"]}, {"email": {"a": 1}}]:
        for url in [
            reverse("api:board-agencies", args=[board.pk]),
            reverse("api:board-members", args=[board.pk]),
        ]:
            response = client.post(url, payload, format="json")
            assert response.status_code == 400, (url, payload)
    admin = api_client_for(platform_admin)
    assert admin.post(reverse("api:board-list"), ["x"], format="json").status_code == 400
