"""The bank in the API (API.md): the search with the passage that matched, an entry, adding a
report by a multipart upload; and the learning library's search finding banked reports beside
its findings."""

import pytest
from django.urls import reverse

from bank import services, tasks
from bank.models import BankedReport, Theme
from bank.tests.test_services import a_pdf
from boards.models import Membership
from boards.tests.factories import BoardFactory, MembershipFactory
from core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BANK = "/api/v1/bank/"


def banked(manager, board, *, file=None, title="Child Q", themes=("neglect",), url=""):
    report = services.report_add(
        actor=manager,
        board=board,
        title=title,
        published_by="Northshire Safeguarding Children Partnership",
        year=2024,
        review_type="lcspr",
        age_band="5_to_10",
        file=file,
        published_url=url or ("" if file else "https://example.org/q.pdf"),
    )
    if file:
        tasks.read_report(str(report.pk))
    return services.report_confirm(
        actor=manager, report=report, themes=Theme.objects.filter(code__in=themes)
    )


@pytest.fixture
def reviewer_elsewhere(db):
    """A lead reviewer of another board."""
    return MembershipFactory(
        board=BoardFactory(name="Southshire"), role=Membership.Role.LEAD_REVIEWER
    ).user


def test_the_url_is_the_contracts():
    assert reverse("api:bank-list") == BANK


@pytest.mark.pdf
def test_a_person_of_another_board_finds_a_report_by_a_phrase_and_a_theme(
    api_client_for, business_manager, board, reviewer_elsewhere
):
    report = banked(
        business_manager, board, file=a_pdf(), themes=("neglect", "information_sharing")
    )
    banked(business_manager, board, title="Adult R", themes=("mental_health",))
    client = api_client_for(reviewer_elsewhere)

    body = client.get(BANK, {"q": "health visitors"}).json()
    assert body["count"] == 1
    found = body["results"][0]
    assert {
        "id",
        "board",
        "title",
        "year",
        "review_type",
        "themes",
        "published_url",
        "searchable",
    } <= set(found)
    assert found["id"] == str(report.pk)
    assert found["board"] == str(board.pk)
    assert found["themes"] == ["neglect", "information_sharing"]
    assert found["searchable"] is True
    assert "Health visitors saw signs of neglect" in found["passage"]

    assert [r["title"] for r in client.get(BANK, {"theme": "mental_health"}).json()["results"]] == [
        "Adult R"
    ]
    assert client.get(BANK, {"theme": "neglect", "year": "2023"}).json()["count"] == 0
    assert client.get(BANK, {"board": str(board.pk)}).json()["count"] == 2
    assert client.get(BANK, {"board": "not-an-id"}).json()["count"] == 2  # ignored

    detail = client.get(f"{BANK}{report.pk}/").json()
    assert (detail["title"], detail["in_the_bank"]) == ("Child Q", True)


def test_a_link_only_entry_is_not_searchable(api_client_for, business_manager, board, member):
    report = banked(business_manager, board)
    found = api_client_for(member).get(f"{BANK}{report.pk}/").json()
    assert (found["searchable"], found["published_url"]) == (False, "https://example.org/q.pdf")


def test_an_entry_waiting_for_confirmation_is_its_keepers_alone(
    api_client_for, business_manager, board, reviewer_elsewhere
):
    report = services.report_add(
        actor=business_manager,
        board=board,
        title="Child S",
        published_by="Northshire",
        year=2024,
        review_type="lcspr",
        published_url="https://example.org/s.pdf",
    )
    assert api_client_for(reviewer_elsewhere).get(f"{BANK}{report.pk}/").status_code == 404
    assert api_client_for(reviewer_elsewhere).get(BANK).json()["count"] == 0
    keeper = api_client_for(business_manager).get(f"{BANK}{report.pk}/")
    assert (keeper.status_code, keeper.json()["in_the_bank"]) == (200, False)


@pytest.mark.pdf
def test_a_business_manager_adds_their_boards_report_by_upload(
    api_client_for, business_manager, board
):
    client = api_client_for(business_manager)
    response = client.post(
        BANK,
        {
            "board": str(board.pk),
            "title": "Child T",
            "published_by": "Northshire Safeguarding Children Partnership",
            "year": "2022",
            "review_type": "lcspr",
            "file": a_pdf(name="child-t.pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["board"], body["in_the_bank"], body["searchable"]) == (str(board.pk), False, False)
    report = BankedReport.objects.get(pk=body["id"])
    assert (report.file_name, report.added_by) == ("child-t.pdf", business_manager)

    # The same file again: refused, and said where it is.
    again = client.post(
        BANK,
        {
            "board": str(board.pk),
            "title": "Child T again",
            "published_by": "Northshire",
            "year": "2022",
            "review_type": "lcspr",
            "file": a_pdf(name="copy.pdf"),
        },
        format="multipart",
    )
    assert again.status_code == 400
    assert "already in the bank" in again.json()["file"][0]
    assert BankedReport.objects.count() == 1


def test_themes_given_put_the_entry_in_the_bank(api_client_for, business_manager, board):
    response = api_client_for(business_manager).post(
        BANK,
        {
            "board": str(board.pk),
            "title": "Adult U",
            "published_by": "Northshire",
            "year": "2021",
            "review_type": "lcspr",
            "published_url": "https://example.org/u.pdf",
            "themes": ["neglect", "domestic_abuse"],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["in_the_bank"] is True
    assert sorted(response.json()["themes"]) == ["domestic_abuse", "neglect"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": "1890"}, "year"),
        ({"review_type": "gossip"}, "review_type"),
        ({"themes": ["no-such-theme"]}, "themes"),
        ({"published_url": ""}, "file"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    api_client_for, business_manager, board, changes, field
):
    data = {
        "board": str(board.pk),
        "title": "Adult V",
        "published_by": "Northshire",
        "year": "2021",
        "review_type": "lcspr",
        "published_url": "https://example.org/v.pdf",
        **changes,
    }
    response = api_client_for(business_manager).post(BANK, data, format="multipart")
    assert response.status_code == 400
    assert field in response.json()
    assert BankedReport.all_objects.count() == 0


def test_nobody_adds_for_a_board_they_do_not_manage(
    api_client_for, business_manager, board, member
):
    other = BoardFactory(name="Southshire")
    MembershipFactory(board=other, user=member)
    data = {
        "title": "Adult W",
        "published_by": "Southshire",
        "year": "2021",
        "review_type": "lcspr",
        "published_url": "https://example.org/w.pdf",
    }
    # Another board's business manager names a board that is not theirs: not one they keep.
    response = api_client_for(business_manager).post(
        BANK, {**data, "board": str(other.pk)}, format="multipart"
    )
    assert (response.status_code, list(response.json())) == (400, ["board"])
    # A board member who manages no board may not add at all.
    assert api_client_for(member).post(BANK, data, format="multipart").status_code == 403
    # Without a board, the entry would be SCIE's own: for the accreditation staff only.
    assert api_client_for(business_manager).post(BANK, data, format="multipart").status_code == 403
    assert BankedReport.all_objects.count() == 0


def test_the_staff_add_to_scies_own_bank(api_client_for):
    staff = UserFactory(is_accreditation_staff=True)
    response = api_client_for(staff).post(
        BANK,
        {
            "title": "Child X",
            "published_by": "Eastshire",
            "year": "2019",
            "review_type": "scr",
            "published_url": "https://example.org/x.pdf",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["board"] is None


def test_a_person_with_no_board_role_gets_nothing(api_client_for, business_manager, board):
    report = banked(business_manager, board)
    nobody = UserFactory()
    assert api_client_for(nobody).get(BANK).status_code == 403
    # As the pages: the bank is no board's, so a person with no role is refused (403) rather
    # than told there is nothing (an entry not yet confirmed is a 404 to all but its keepers).
    assert api_client_for(nobody).get(f"{BANK}{report.pk}/").status_code == 403


@pytest.mark.pdf
def test_the_library_search_finds_a_banked_passage_beside_findings(
    api_client_for, business_manager, board, reviewer_elsewhere
):
    banked(business_manager, board, file=a_pdf())
    body = api_client_for(reviewer_elsewhere).get("/api/v1/library/", {"q": "neglect"}).json()
    assert body["count"] == 0  # no finding published through the service says it
    assert body["bank"]["count"] == 1
    assert "neglect" in body["bank"]["results"][0]["passage"]
    # Filtered by a finding category, which is a theme of the bank too.
    filtered = api_client_for(reviewer_elsewhere).get(
        "/api/v1/library/", {"q": "neglect", "category": "tools"}
    )
    assert filtered.json()["bank"]["count"] == 0


def test_the_library_api_holds_no_bank_for_those_it_is_not_for(
    api_client_for, business_manager, board, platform_admin
):
    banked(business_manager, board)
    body = api_client_for(platform_admin).get("/api/v1/library/").json()
    assert body["bank"] is None
