import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from boards.tests.factories import MembershipFactory
from core.tests.clients import VerifiedClient
from reviews.models import Finding, FindingCategory, StageChange
from reviews.services import analysis, reviews

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def url(name, review, *args):
    return reverse(name, args=[review.board_id, review.pk, *args])


def date_data(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def error_page(response):
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


class TestReviewPage:
    def test_the_lead_reviewers_page_has_the_task_list_deadlines_and_guard(
        self, client, review, pair
    ):
        client.force_login(pair[0])
        response = client.get(url("reviews:review_detail", review))
        assertContains(response, "govuk-task-list")
        assertContains(response, "Appoint the reviewer pair")
        assertContains(response, "no terms of reference agreed")
        assertContains(response, "local reviews are expected to be completed within six months")
        assertNotContains(response, "partners-2023.complete")
        assertContains(response, "Move on to data collection")

    def test_a_refused_transition_lists_every_unmet_condition(self, client, review, pair):
        client.force_login(pair[0])
        response = client.post(url("reviews:review_detail", review), {"to": "data_collection"})
        assert response.status_code == 400
        html = error_page(response)
        assert "This review cannot move on: no terms of reference agreed" in html
        assert "This review cannot move on: no research questions set" in html
        review.refresh_from_db()
        assert review.stage == "preparation"

    def test_a_transition_moves_the_review_and_records_who(
        self, client, review, pair, business_manager
    ):
        reviews.review_setup(
            actor=business_manager,
            review=review,
            review_type="lcspr",
            methodology="learning_together",
            lt_option="full",
            terms_of_reference="ToR",
        )
        reviews.research_question_add(actor=business_manager, review=review, question="Why?")
        client.force_login(pair[0])
        response = client.post(url("reviews:review_detail", review), {"to": "data_collection"})
        assert response.status_code == 302
        change = StageChange.objects.filter(review=review).last()
        assert (change.to_stage, change.actor) == ("data_collection", pair[0])
        assertContains(client.get(response.url), "The review is now at: Data collection")

    def test_readers_see_the_page_but_not_the_buttons(self, client, review, member):
        client.force_login(member)
        response = client.get(url("reviews:review_detail", review))
        assert response.status_code == 200
        assertNotContains(response, "Move on to")
        assert (
            client.post(url("reviews:review_detail", review), {"to": "data_collection"}).status_code
            == 403
        )

    def test_a_lead_reviewer_sees_only_the_reviews_they_are_appointed_to(
        self, client, review, pair, lead_reviewer, board
    ):
        client.force_login(lead_reviewer)
        assert client.get(url("reviews:review_detail", review)).status_code == 403
        assertNotContains(client.get(reverse("reviews:review_list", args=[board.pk])), "Child Q")
        client.force_login(pair[0])
        assertContains(client.get(reverse("reviews:review_list", args=[board.pk])), "Child Q")
        assertContains(client.get(reverse("home")), "Your reviews")

    def test_the_supervisor_sees_the_review_without_a_board_role(self, client, review, supervisor):
        review.supervisor = supervisor
        review.save()
        client.force_login(supervisor)
        assert client.get(url("reviews:review_detail", review)).status_code == 200
        assert client.get(url("reviews:findings", review)).status_code == 200
        assert (
            client.get(
                reverse("reviews:incident_detail", args=[review.board_id, review.incident_id])
            ).status_code
            == 404
        )

    def test_the_page_queries_do_not_grow_with_the_work(
        self, client, review, pair, django_assert_max_num_queries, agency
    ):
        for day in range(1, 20):
            review.chronology.create(agency=agency, occurred_on=D(2026, 1, day), entry="x")
            review.episodes.create(occurred_on=D(2026, 1, day), title=f"E{day}", what_happened="x")
        client.force_login(pair[0])
        # The page's 15 (one of them its joint reviews), its second factor's device and the
        # INSERT of its access event (audit); the navigation's count of the user's work (their
        # roles and the bank holidays ahead).
        with django_assert_max_num_queries(19):
            client.get(url("reviews:review_detail", review))


class TestForms:
    def test_appointment_with_bad_input(self, client, review, business_manager, board, member):
        client.force_login(business_manager)
        html = error_page(
            client.post(
                url("reviews:appointment_add", review),
                {"role": "", **date_data("appointed_on", D(2026, 6, 1))},
            )
        )
        assert "Select the reviewer" in html
        assert "Select the reviewer&#x27;s role" in html
        assert not review.appointments.exists()

    def test_appointment_refused_for_a_conflict_names_it(
        self, client, review, business_manager, board, member
    ):
        MembershipFactory(board=board, role="lead_reviewer", user=member)
        client.force_login(business_manager)
        html = error_page(
            client.post(
                url("reviews:appointment_add", review),
                {
                    "user": member.pk,
                    "role": "lead",
                    "independence_declared": "on",
                    **date_data("appointed_on", D(2026, 6, 1)),
                },
            )
        )
        assert "is not independent: they are a member of the board" in html
        assert not review.appointments.exists()

    def test_setup_form(self, client, review, business_manager, supervisor):
        client.force_login(business_manager)
        page = url("reviews:setup", review)
        html = error_page(
            client.post(
                page, {"review_type": "lcspr", "methodology": "learning_together", "lt_option": ""}
            )
        )
        assert "Select the Learning Together option" in html
        response = client.post(
            page,
            {
                "review_type": "lcspr",
                "methodology": "learning_together",
                "lt_option": "speed_plus",
                "terms_of_reference": "ToR",
                "supervisor": supervisor.pk,
            },
        )
        assert response.status_code == 302
        review.refresh_from_db()
        assert (review.lt_option, review.supervisor) == ("speed_plus", supervisor)

    def test_reviewers_set_up_their_work_but_not_what_is_commissioned(
        self, client, review, pair, supervisor
    ):
        client.force_login(pair[0])
        page = url("reviews:setup", review)
        html = client.get(page).content.decode()
        assert html.count("Set by the business manager.") == 2
        response = client.post(
            page,
            {
                "review_type": "learning_review",
                "methodology": "learning_together",
                "lt_option": "full",
                "terms_of_reference": "ToR",
                "supervisor": supervisor.pk,
            },
        )
        assert response.status_code == 302
        review.refresh_from_db()
        assert (review.review_type, review.supervisor, review.terms_of_reference) == (
            "lcspr",
            None,
            "ToR",
        )

    def test_research_questions_add_and_withdraw(self, client, review, pair):
        client.force_login(pair[0])
        page = url("reviews:research_questions", review)
        html = error_page(client.post(page, {"question": ""}))
        assert "Enter the research question" in html
        assert client.post(page, {"question": "How was risk shared?"}).status_code == 302
        question = review.research_questions.get()
        assertContains(client.get(page), "How was risk shared?")
        withdraw = url("reviews:research_question_withdraw", review, question.pk)
        assertContains(client.get(withdraw), "Withdraw the research question?")
        assert client.post(withdraw, {"reason": "Asked twice"}).status_code == 302
        assert not review.research_questions.exists()
        assertContains(client.get(page), "Asked twice")

    def test_chronology_is_merged_and_sortable(self, client, review, pair, agency, board):
        from boards.tests.factories import AgencyFactory

        school = AgencyFactory(board=board, name="Riverside School")
        client.force_login(pair[0])
        add = url("reviews:chronology_add", review)
        html = error_page(client.post(add, {"agency": "", "entry": "x"}))
        assert "Select the agency" in html
        client.post(
            add,
            {
                "agency": agency.pk,
                "entry": "Police call",
                **date_data("occurred_on", D(2026, 1, 9)),
            },
        )
        client.post(
            add,
            {
                "agency": school.pk,
                "entry": "Absent from school",
                **date_data("occurred_on", D(2026, 1, 2)),
            },
        )
        page = url("reviews:chronology", review)
        html = client.get(page).content.decode()
        assert html.index("Absent from school") < html.index("Police call")
        html = client.get(page, {"order": "newest"}).content.decode()
        assert html.index("Police call") < html.index("Absent from school")
        only_school = client.get(page, {"agency": str(school.pk)}).content.decode()
        assert "Absent from school" in only_school and "Police call" not in only_school

    def test_episode_with_factors_and_chronology(self, client, review, pair, agency):
        entry = review.chronology.create(agency=agency, occurred_on=D(2026, 1, 5), entry="Visit")
        client.force_login(pair[0])
        add = url("reviews:episode_add", review)
        html = error_page(
            client.post(add, {"title": "", **date_data("occurred_on", D(2026, 1, 5))})
        )
        assert "Enter a title for the episode" in html
        response = client.post(
            add,
            {
                "title": "The visit",
                "what_happened": "Ended early",
                "factor_own_team": "Short-staffed",
                "chronology_entries": [entry.pk],
                **date_data("occurred_on", D(2026, 1, 5)),
            },
        )
        assert response.status_code == 302
        page = client.get(response.url)
        assertContains(page, "Own team factors")
        assertContains(page, "Short-staffed")

    def test_finding_form_bad_input(self, client, review, pair):
        client.force_login(pair[0])
        html = error_page(client.post(url("reviews:finding_add", review), {"title": "x"}))
        assert "Select the category of the finding" in html
        assert "Enter how the issue showed in this case" in html
        assert not Finding.objects.exists()

    def test_actions_with_bad_input_and_progress(self, client, review, business_manager, agency):
        client.force_login(business_manager)
        add = url("reviews:action_add", review)
        html = error_page(
            client.post(add, {"description": "", **date_data("due_on", D(2026, 9, 1))})
        )
        assert "Enter the action" in html
        assert "Select the agency that owns the action" in html
        assert (
            client.post(
                add,
                {
                    "description": "Audit",
                    "owner_agency": agency.pk,
                    **date_data("due_on", D(2026, 9, 1)),
                },
            ).status_code
            == 302
        )
        action = review.actions.get()
        progress = url("reviews:action_progress", review, action.pk)
        html = error_page(
            client.post(progress, {"status": "completed", **date_data("on", D(2026, 6, 15))})
        )
        assert "Enter the date the action was completed" in html
        assert (
            client.post(
                progress,
                {
                    "status": "completed",
                    "evidence_of_impact": "Better visits",
                    **date_data("on", D(2026, 6, 15)),
                    **date_data("completed_on", D(2026, 6, 14)),
                },
            ).status_code
            == 302
        )
        assertContains(client.get(url("reviews:actions", review)), "Better visits")

    def test_extension_and_interim_improvements(self, client, review, business_manager):
        client.force_login(business_manager)
        html = error_page(
            client.post(
                url("reviews:clock_extend", review),
                {
                    "reason": "",
                    **date_data("extended_to", D(2026, 12, 1)),
                    **date_data("agreed_on", D(2026, 6, 15)),
                },
            )
        )
        assert "Enter the reason for the extension" in html
        assert (
            client.post(
                url("reviews:clock_extend", review),
                {
                    "reason": "Trial",
                    **date_data("extended_to", D(2026, 12, 1)),
                    **date_data("agreed_on", D(2026, 6, 15)),
                },
            ).status_code
            == 302
        )
        page = client.get(url("reviews:clock", review))
        assertContains(page, "the board must still capture improvements")
        assertContains(
            client.get(url("reviews:review_detail", review)),
            "Completion is extended to 1 December 2026 (Trial)",
        )
        assert (
            client.post(
                url("reviews:interim", review),
                {"improvements": "Training", "corrective_action": "Audit"},
            ).status_code
            == 302
        )
        assertContains(client.get(url("reviews:clock", review)), "Training")


class TestNoLostUpdates:
    def test_two_people_edit_one_finding_the_second_sees_a_conflict_with_their_text(
        self, review, pair
    ):
        finding = analysis.finding_add(
            actor=pair[0],
            review=review,
            category=FindingCategory.objects.get(code="tools"),
            title="Forms hide risk",
            manifested="Page 9",
        )
        lena, colin = VerifiedClient(), VerifiedClient()
        lena.force_login(pair[0])
        colin.force_login(pair[1])
        edit = url("reviews:finding_edit", review, finding.pk)
        # Both open the form at version 1.
        for client in (lena, colin):
            assertContains(client.get(edit), 'name="version" value="1"')
        data = {"category": finding.category_id, "version": 1, "manifested": "Page 9"}
        human_reasoning = FindingCategory.objects.get(code="human_reasoning")
        colin_saves = {**data, "title": "Colin's wording", "category": human_reasoning.pk}
        assert colin.post(edit, colin_saves).status_code == 302
        response = lena.post(edit, {**data, "title": "Lena's wording"})
        assert response.status_code == 409
        html = response.content.decode()
        assert "<title>Error: " in html
        assert "Someone else saved this while you were editing it" in html
        assert "Colin&#x27;s wording" in html  # the saved version
        assert "Human reasoning" in html  # and its category, which she would change back
        assert 'value="Lena&#x27;s wording"' in html  # her text, kept in the form
        assert 'name="version" value="2"' in html  # ready to save over it
        finding.refresh_from_db()
        assert finding.title == "Colin's wording"
        assert lena.post(edit, {**data, "version": 2, "title": "Lena's wording"}).status_code == 302
        finding.refresh_from_db()
        assert (finding.title, finding.version) == ("Lena's wording", 3)

    def test_two_people_edit_one_episode(self, review, pair):
        episode = analysis.episode_add(
            actor=pair[0],
            review=review,
            occurred_on=D(2026, 1, 5),
            title="Visit",
            what_happened="x",
        )
        first, second = VerifiedClient(), VerifiedClient()
        first.force_login(pair[0])
        second.force_login(pair[1])
        edit = url("reviews:episode_edit", review, episode.pk)
        data = {"title": "Visit", "version": 1, **date_data("occurred_on", D(2026, 1, 5))}
        first_saves = {**data, "what_happened": "First", "factor_own_team": "Two vacancies"}
        assert first.post(edit, first_saves).status_code == 302
        response = second.post(edit, {**data, "what_happened": "Second"})
        assert response.status_code == 409
        html = response.content.decode()
        assert "Second" in html
        assert "Two vacancies" in html  # the saved contributory factors are shown too
        episode.refresh_from_db()
        assert episode.what_happened == "First"


def test_overdue_actions_show_on_the_boards_deadlines(
    client, review, business_manager, agency, board, django_assert_max_num_queries
):
    from reviews.services import actions

    for day in range(1, 8):
        actions.action_add(
            actor=business_manager,
            review=review,
            description=f"Audit {day}",
            owner_agency=agency,
            due_on=D(2026, 6, day),
        )
    client.force_login(business_manager)
    # The actions' titles and pages are read in one query, as their kind describes them
    # (deadlines.kinds): one per kind listed, whatever the number of rows; and the rows are
    # counted for the list's pages.
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("reviews:deadline_list", args=[board.pk]), {"status": "overdue"}
        )
    assertContains(response, "Audit 1")
    assertContains(response, reverse("reviews:actions", args=[board.pk, review.pk]))
    # A deadline of the board's own is named by what it is, never by an internal rule id.
    assertNotContains(response, "board.action")
    filtered = client.get(reverse("reviews:deadline_list", args=[board.pk]), {"clock": "action"})
    assertContains(filtered, "Audit 7")
    assertNotContains(filtered, "partners-2023.complete")


class TestLinksLeadWhereThePersonMayGo:
    def test_a_supervisor_without_a_board_role_goes_back_to_their_reviews(
        self, client, review, supervisor
    ):
        review.supervisor = supervisor
        review.save()
        client.force_login(supervisor)
        html = client.get(url("reviews:review_detail", review)).content.decode()
        assert 'href="/" class="govuk-back-link">Back to your reviews' in html
        assert f'href="{reverse("reviews:review_list", args=[review.board_id])}"' not in html
        home = client.get("/").content.decode()
        assert url("reviews:review_detail", review) in home

    @pytest.mark.parametrize("who", ["chair", "supervisor"])
    def test_tasks_link_only_to_pages_the_person_may_open(
        self, client, review, chair, supervisor, who
    ):
        review.supervisor = supervisor
        review.save()
        user = {"chair": chair, "supervisor": supervisor}[who]
        client.force_login(user)
        html = client.get(url("reviews:review_detail", review)).content.decode()
        assert "Agree the terms of reference" in html
        assert url("reviews:setup", review) not in html  # the business manager's page
        for link in re.findall(r'govuk-task-list__link" href="([^"]+)"', html):
            assert client.get(link).status_code == 200, link

    def test_the_business_manager_is_sent_to_set_the_terms_of_reference(
        self, client, review, business_manager
    ):
        client.force_login(business_manager)
        html = client.get(url("reviews:review_detail", review)).content.decode()
        assert f'href="{url("reviews:setup", review)}"' in html
