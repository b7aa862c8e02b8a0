"""The pages: a business manager starts, judges, completes, exports and reopens; bad input is
said and nothing is saved; a member reads and cannot change; outsiders get 404."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from guidance import quality_markers as qm
from quality import services
from quality.models import Assessment, MarkerJudgement
from quality.tests.test_services import judge_all
from reviews.services.incidents import person_add

pytestmark = pytest.mark.django_db


def url(name, review, *args):
    return reverse(f"quality:{name}", args=[review.board_id, review.pk, *args])


def test_a_business_manager_starts_and_sees_the_markers_by_stage(
    signed_in, business_manager, review
):
    client = signed_in(business_manager)
    page = client.get(url("review", review))
    assertContains(page, "Serious Case Review Quality Markers")
    assertContains(page, url("start", review))
    response = client.post(url("start", review))
    assert response.status_code == 302
    page = client.get(url("review", review))
    assertContains(page, "Setting up the review")
    assertContains(page, "Running the review")
    assertContains(page, "18. Implementation and evaluation")
    assertContains(page, "What the service holds")
    assertContains(page, "The board was told on 3 March 2026")
    assertContains(page, "18 of 18 not judged yet")


def test_judging_a_marker_and_copying_what_the_service_holds(signed_in, business_manager, review):
    services.assessment_start(actor=business_manager, review=review)
    client = signed_in(business_manager)
    page = client.get(url("marker", review, "referral"))
    assertContains(page, "1. Referral")
    assertContains(page, "The board was told on 3 March 2026")
    response = client.post(
        url("marker", review, "referral"),
        {"judgement": qm.MET, "evidence": "Referred by children's services.", "add_held": "on"},
    )
    assert response.status_code == 302
    row = MarkerJudgement.objects.get(assessment__review=review, marker="referral")
    assert row.judgement == qm.MET
    assert row.evidence.startswith("Referred by children's services.\nThe board was told on")


def test_bad_input_shows_the_error_summary_and_saves_nothing(signed_in, business_manager, review):
    services.assessment_start(actor=business_manager, review=review)
    client = signed_in(business_manager)
    response = client.post(url("marker", review, "referral"), {"evidence": "Some"})
    assert response.status_code == 200
    assertContains(response, "govuk-error-summary")
    assertContains(response, "Select whether the marker is met")
    response = client.post(url("marker", review, "referral"), {"judgement": qm.MET})
    assertContains(response, "Enter the evidence for the judgement")
    row = MarkerJudgement.objects.get(assessment__review=review, marker="referral")
    assert row.judgement == "" and row.evidence == ""
    assert client.get(url("marker", review, "no-such-marker")).status_code == 404


def test_completing_with_markers_unjudged_is_refused(signed_in, business_manager, review):
    services.assessment_start(actor=business_manager, review=review)
    response = signed_in(business_manager).post(url("complete", review))
    assert response.status_code == 200
    assertContains(response, "govuk-error-summary")
    assertContains(response, "Judge every marker before you complete the self-assessment")
    assert Assessment.objects.get(review=review).state == Assessment.State.IN_PROGRESS


def test_complete_export_print_and_reopen(signed_in, business_manager, review):
    person_add(
        actor=business_manager, incident=review.incident, role="subject", name="Jamie Realname"
    )
    assessment = services.assessment_start(actor=business_manager, review=review)
    judge_all(business_manager, assessment)
    client = signed_in(business_manager)
    assert client.post(url("complete", review)).status_code == 302
    page = client.get(url("review", review))
    assertContains(page, "Completed")
    assertNotContains(page, url("marker", review, "referral"))

    response = client.get(url("export", review))
    assert response["Content-Disposition"] == 'attachment; filename="quality-markers-Child-Q.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    about = dict(workbook["Self-assessment"].iter_rows(values_only=True))
    assert about["Case reference"] == "Child Q"
    assert about["State"] == "Completed"
    rows = list(workbook["Markers"].iter_rows(values_only=True))
    assert rows[0][:6] == ("Number", "Stage", "Marker", "Its theme", "Judgement", "Evidence")
    assert len(rows) == 19
    assert rows[1][:3] == (1, "Setting up the review", "Referral")
    assert rows[1][4:6] == ("Met", "Evidence of referral")
    assert rows[18][2] == "Implementation and evaluation"
    every_cell = " ".join(
        str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row
    )
    assert "Jamie" not in every_cell and "Realname" not in every_cell

    printed = client.get(url("print", review))
    assertContains(printed, "Quality markers self-assessment")
    assertContains(printed, "Evidence of analysis")
    assertNotContains(printed, "Realname")

    response = client.post(url("reopen", review), {"reason": ""})
    assertContains(response, "Enter why you are reopening it")
    response = client.post(url("reopen", review), {"reason": "Ofsted asked for more"})
    assert response.status_code == 302
    assert Assessment.objects.get(review=review).state == Assessment.State.IN_PROGRESS


def test_withdraw_keeps_it_in_the_history(signed_in, business_manager, review):
    services.assessment_start(actor=business_manager, review=review)
    client = signed_in(business_manager)
    assertContains(client.post(url("withdraw", review), {"reason": ""}), "govuk-error-summary")
    assert client.post(url("withdraw", review), {"reason": "Started in error"}).status_code == 302
    page = client.get(url("review", review))
    assertContains(page, "Started in error")
    assertContains(page, url("start", review))


def test_a_member_reads_and_cannot_change(signed_in, business_manager, member, review):
    services.assessment_start(actor=business_manager, review=review)
    client = signed_in(member)
    page = client.get(url("review", review))
    assert page.status_code == 200
    assertNotContains(page, url("marker", review, "referral"))
    assertNotContains(page, url("export", review))
    assert client.get(url("marker", review, "referral")).status_code == 403
    assert client.post(url("marker", review, "referral"), {"judgement": "met"}).status_code == 403
    assert client.get(url("export", review)).status_code == 403
    assert client.post(url("complete", review)).status_code == 403


def test_another_boards_person_and_an_appointed_reviewer_get_404(
    signed_in, business_manager, other_board_user, lead_reviewer, review
):
    services.assessment_start(actor=business_manager, review=review)
    review.appointments.create(user=lead_reviewer, role="lead", appointed_on=review.initiated_on)
    for user in (other_board_user, lead_reviewer):
        client = signed_in(user)
        for name, args in (("review", ()), ("marker", ("referral",)), ("export", ())):
            assert client.get(url(name, review, *args)).status_code == 404, (user, name)


def test_a_domestic_homicide_review_offers_no_assessment(signed_in, business_manager, review):
    review.review_type = "dhr"
    review.save()
    client = signed_in(business_manager)
    page = client.get(url("review", review))
    assertContains(page, "No published set of quality markers covers a domestic homicide review")
    assertNotContains(page, url("start", review))
    response = client.post(url("start", review))
    assertContains(response, "No published set of quality markers covers this kind of review")
    assert not Assessment.objects.exists()


def test_the_quality_page_reads_a_bounded_number_of_queries(
    signed_in, business_manager, review, django_assert_max_num_queries
):
    assessment = services.assessment_start(actor=business_manager, review=review)
    judge_all(business_manager, assessment)
    client = signed_in(business_manager)
    with django_assert_max_num_queries(30):
        assert client.get(url("review", review)).status_code == 200
