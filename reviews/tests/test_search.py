"""Search across a board's cases (reviews.selectors.search, reviews:case_search): what each
person finds, scoped in the query; never a real name found or shown to someone who may not see
the people; never the words searched in an address; the board's event in the access record."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from audit.models import AccessEvent
from boards.tests.factories import MembershipFactory
from config.celery import app as celery_app
from core.tests.test_document_text import word_document
from reviews.models import DocumentVersion, FindingCategory, IncidentPerson
from reviews.selectors.search import MASK, case_search
from reviews.services import actions, documents
from reviews.tests.factories import decide, invite, log_incident

D = dt.date


@pytest.fixture
def cases(business_manager, chair, board, agency):
    """Two cases of the board, the first reviewed, with a finding, an action and a chronology
    entry that name the subject's family (as agencies' records do)."""
    first = log_incident(
        actor=business_manager,
        board=board,
        reference="Child Q",
        summary="Found at home after a missed health visit; the Morrow family had moved twice.",
    )
    IncidentPerson.objects.create(incident=first, role="subject", name="Quinn Morrow")
    decide(actor=chair, incident=first, decided_on=D(2026, 3, 10))
    first.refresh_from_db()
    review = first.review
    review.findings.create(
        category=FindingCategory.objects.order_by("order").first(),
        title="Health visitors and police did not share what they knew",
        manifested="Each agency held part of the picture of the Morrow household.",
    )
    actions.action_add(
        actor=business_manager,
        review=review,
        description="Agree an information sharing protocol between health visitors and police",
        owner_agency=agency,
        due_on=D(2026, 9, 1),
    )
    review.chronology.create(
        agency=agency,
        occurred_on=D(2026, 1, 12),
        entry="Quinn seen at clinic; health visit missed the week after.",
    )
    second = log_incident(
        actor=business_manager,
        board=board,
        reference="Child S",
        summary="Neglect suspected by the school.",
    )
    return first, second


def search(client, user, board, words, follow=True):
    client.force_login(user)
    return client.post(
        reverse("reviews:case_search", args=[board.pk]), {"words": words}, follow=follow
    )


def test_the_board_finds_a_word_across_incidents_findings_actions_and_chronology(
    business_manager, board, cases
):
    results = case_search(user=business_manager, board=board, words="health")
    places = {(hit.case_reference, hit.place.split(":")[0].split(",")[0]) for hit in results.hits}
    assert ("Child Q", "The incident") in places
    assert ("Child Q", "A finding") in places
    assert ("Child Q", "An action of the plan") in places
    assert ("Child Q", "The chronology") in places
    assert all(hit.case_reference != "Child S" for hit in results.hits)
    # By the case reference, too.
    assert [h.place for h in case_search(user=business_manager, board=board, words="Child S").hits]


def test_the_results_page_names_each_place_links_to_it_and_keeps_the_words_out_of_the_address(
    client, business_manager, board, cases
):
    response = search(client, business_manager, board, "protocol")
    url = response.redirect_chain[-1][0]
    assert "protocol" not in url and "search=" in url
    review = cases[0].review
    assertContains(response, "Child Q: An action of the plan")
    assertContains(response, reverse("reviews:actions", args=[board.pk, review.pk]))
    assertContains(response, "information sharing protocol")
    # The board's access record says someone searched (an event of the board, no case).
    event = AccessEvent.objects.filter(url_name="reviews:case_search").get()
    assert event.incident_id is None


def test_empty_words_show_the_error_summary_and_search_nothing(
    client, business_manager, board, cases
):
    response = search(client, business_manager, board, "   ", follow=False)
    assert response.status_code == 200
    assertContains(response, "There is a problem")
    assertContains(response, "Enter the words to search for")
    assertNotContains(response, "result")


def test_someone_who_may_not_see_the_people_finds_no_one_by_name_and_reads_no_name(
    client, board, cases, member, chair
):
    # The chair may see the people: the name finds the case.
    assert case_search(user=chair, board=board, words="Morrow").hits
    # A board member may not: a name, or a part or longer form of one, finds nothing, and is
    # left out of a search with other words (which finds what those words find).
    for name in ("Morrow", "Quinn Morrow", "morr", "Morrows", "Quinn"):
        assert case_search(user=member, board=board, words=name).hits == [], name
    with_name = case_search(user=member, board=board, words="protocol Morrow").hits
    assert with_name == case_search(user=member, board=board, words="protocol").hits
    assert with_name
    # And the excerpts of other words show no name.
    hits = case_search(user=member, board=board, words="clinic").hits
    assert hits and all("Quinn" not in hit.excerpt for hit in hits)
    assert any(MASK in hit.excerpt for hit in hits)
    response = search(client, member, board, "household")
    assertContains(response, "A finding")
    assertNotContains(response, "Morrow")


def test_a_lead_reviewer_finds_only_the_reviews_they_are_appointed_to(
    board, cases, business_manager
):
    from accreditation.tests.factories import accredit
    from reviews.services.reviews import reviewer_appoint

    lead = MembershipFactory(board=board, role="lead_reviewer").user
    assert case_search(user=lead, board=board, words="health").hits == []
    accredit(lead)
    reviewer_appoint(
        actor=business_manager,
        review=cases[0].review,
        user=lead,
        role="lead",
        independence_declared=True,
        appointed_on=D(2026, 3, 11),
    )
    lead.__dict__.pop("_appointed_reviews", None)
    assert case_search(user=business_manager, board=board, words="neglect").hits
    assert case_search(user=lead, board=board, words="neglect").hits == []  # not theirs
    hits = case_search(user=lead, board=board, words="health").hits
    assert {hit.case_reference for hit in hits} == {"Child Q"}
    # Their review's records, never an incident's (a lead reviewer reads no incident page).
    assert hits and all(hit.place != "The incident" for hit in hits)


def test_another_boards_user_and_a_contributor_get_nothing(
    client, board, cases, other_board_user, business_manager, agency
):
    url = reverse("reviews:case_search", args=[board.pk])
    client.force_login(other_board_user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"words": "health"}).status_code == 404
    officer = invite(business_manager, cases[0].review, agency, "pc@police.example", "Pat").user
    client.force_login(officer)
    assert client.get(url).status_code == 404
    assert client.post(url, {"words": "health"}).status_code == 404


def test_a_search_kept_in_another_session_is_not_shown(client, business_manager, board, cases):
    response = search(client, business_manager, board, "protocol")
    url = response.redirect_chain[-1][0]
    client.logout()
    client.force_login(business_manager)
    page = client.get(url)
    assertContains(page, "That search is no longer kept")
    assertNotContains(page, "protocol")


# --- The words of the review's documents -----------------------------------------------------

POLICE_REPORT = (
    "Officers attended the address twice in January. Quinn Morrow was not spoken to alone, "
    "and no strategy discussion was held before the second visit."
)


@pytest.fixture
def read_at_once(monkeypatch, django_capture_on_commit_callbacks):
    """Uploads whose words the worker reads as their transaction commits (delay() runs here)."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)

    def upload(actor, review, text, *, title="Police agency report", document=None):
        file = SimpleUploadedFile("report.docx", word_document(text))
        with django_capture_on_commit_callbacks(execute=True):
            if document is not None:
                documents.document_version_add(actor=actor, document=document, file=file)
                return document
            return documents.document_upload(
                actor=actor, review=review, kind="agency_report", title=title, file=file
            )

    return upload


def document_hits(user, board, words):
    return [
        hit
        for hit in case_search(user=user, board=board, words=words).hits
        if hit.place.startswith("A document")
    ]


def test_the_board_finds_words_in_a_documents_text_with_its_place_and_an_excerpt(
    client, business_manager, board, cases, read_at_once
):
    review = cases[0].review
    read_at_once(business_manager, review, POLICE_REPORT)
    (hit,) = document_hits(business_manager, board, "strategy discussion")
    assert hit.case_reference == "Child Q"
    assert hit.place == "A document's text: agency report"
    assert "no strategy discussion was held" in hit.excerpt
    assert hit.path == reverse("reviews:documents", args=[board.pk, review.pk])
    # The title is still searched, and named as the title.
    (hit,) = document_hits(business_manager, board, "police")
    assert hit.place == "A document: agency report"
    response = search(client, business_manager, board, "strategy discussion")
    assertContains(response, "Child Q: A document&#x27;s text: agency report")
    assertContains(response, "no strategy discussion was held")


def test_only_the_latest_version_of_a_current_document_is_searched(
    business_manager, board, cases, read_at_once
):
    review = cases[0].review
    document = read_at_once(business_manager, review, POLICE_REPORT)
    read_at_once(
        business_manager, review, "The corrected report: a joint visit.", document=document
    )
    assert document_hits(business_manager, board, "strategy") == []  # superseded
    (hit,) = document_hits(business_manager, board, "joint visit")
    assert "corrected report" in hit.excerpt
    documents.document_withdraw(actor=business_manager, document=document, reason="Wrong case")
    assert document_hits(business_manager, board, "joint visit") == []


def test_names_in_a_documents_text_are_masked_for_those_who_may_not_see_the_people(
    client, business_manager, chair, member, board, cases, read_at_once
):
    read_at_once(business_manager, cases[0].review, POLICE_REPORT)
    assert document_hits(chair, board, "Morrow")
    assert "Quinn Morrow" in document_hits(chair, board, "spoken")[0].excerpt
    assert document_hits(member, board, "Morrow") == []
    (hit,) = document_hits(member, board, "spoken")
    assert "Quinn" not in hit.excerpt and "Morrow" not in hit.excerpt
    assert f"January. {MASK} was not spoken to alone" in hit.excerpt
    response = search(client, member, board, "spoken alone")
    assertContains(response, "A document&#x27;s text")
    assertNotContains(response, "Morrow")


def test_a_long_documents_excerpt_is_cut_around_the_word_found_with_its_names_masked(
    member, business_manager, board, cases, read_at_once
):
    padding = "The family moved house. " * 2000
    read_at_once(business_manager, cases[0].review, padding + POLICE_REPORT + " " + padding)
    (hit,) = document_hits(member, board, "strategy")
    assert hit.excerpt.startswith("…") and hit.excerpt.endswith("…")
    assert "no strategy discussion" in hit.excerpt and "Morrow" not in hit.excerpt
    assert len(hit.excerpt) < 200


def test_no_one_finds_a_document_they_may_not_see(
    client, business_manager, board, cases, read_at_once, other_board_user, agency
):
    review = cases[0].review
    read_at_once(business_manager, review, POLICE_REPORT)
    assert case_search(user=other_board_user, board=board, words="strategy").hits == []
    lead = MembershipFactory(board=board, role="lead_reviewer").user
    assert case_search(user=lead, board=board, words="strategy").hits == []  # not appointed
    officer = invite(business_manager, review, agency, "pc@police.example", "Pat").user
    assert case_search(user=officer, board=board, words="strategy").hits == []
    client.force_login(officer)
    url = reverse("reviews:case_search", args=[board.pk])
    assert client.post(url, {"words": "strategy"}).status_code == 404


def test_a_version_not_read_yet_is_found_by_its_title_only(business_manager, board, cases):
    documents.document_upload(
        actor=business_manager,
        review=cases[0].review,
        kind="minutes",
        title="Panel minutes",
        file=SimpleUploadedFile("minutes.txt", b"The panel met on Tuesday."),
    )
    assert DocumentVersion.objects.get().text_state == DocumentVersion.TextState.PENDING
    assert document_hits(business_manager, board, "Tuesday") == []
    (hit,) = document_hits(business_manager, board, "panel minutes")
    assert hit.place == "A document: minutes"


def test_the_searchs_queries_do_not_grow_with_the_documents(
    business_manager, board, cases, read_at_once
):
    review = cases[0].review

    def queries():
        with CaptureQueriesContext(connection) as captured:
            case_search(user=business_manager, board=board, words="strategy")
        return len(captured)

    read_at_once(business_manager, review, POLICE_REPORT)
    one = queries()
    for number in range(4):
        read_at_once(business_manager, review, POLICE_REPORT, title=f"Report {number}")
    assert len(document_hits(business_manager, board, "strategy")) == 5
    assert queries() == one
