"""A published Welsh review packed for the Wales Safeguarding Repository: the published
report's PDF and metadata.json in a ZIP, from the report page (docs/research/wales-susr.md,
section 6: the WSR's intake is not published). On the publication tests' frozen Monday
15 June 2026."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from boards.models import Board
from publication import sample, wsr
from publication.services import home_office_qa, publishing
from publication.tests.test_publishing import (
    TODAY,
    at,
    fake_pdf,
    final,
    publish,
    ready,
    render_final,
    review_on,
    signed_off,
)
from reviews.services import proceedings
from reviews.tests.conftest import board_with_manager

D = dt.date
__all__ = ["fake_pdf", "final", "ready"]  # fixtures of the publishing tests, used here


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


@pytest.fixture
def susr(db):
    board, manager, chair = board_with_manager(Board.Regime.WALES_SUSR_2024, nation="wales")
    board.name = "Cwm Taf Morgannwg Safeguarding Board"
    board.save()
    return board, manager, chair


def signed_off_on(board_and_people, supervisor, *, reference, **facts):
    board, manager, chair = board_and_people
    review = review_on(board_and_people, reference=reference, **facts)
    render_final(signed_off(review, supervisor=supervisor, chair=chair), manager)
    return review


@pytest.fixture
def published(susr, supervisor, fake_pdf, frozen):
    """A SUSR of a child's death, completed on 12 June and published on 30 June 2026."""
    board, manager, chair = susr
    review = signed_off_on(susr, supervisor, reference="Child W")
    review.completed_on = D(2026, 6, 12)
    review.save()
    publish(review, chair=chair, manager=manager, frozen=frozen, planned_on=D(2026, 6, 30))
    frozen.move_to(at(D(2026, 7, 1)))
    return review


def refused(response, message):
    """No package: a page of the case saying why."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assertContains(response, message)


def url(name, review):
    return reverse(f"publication:{name}", args=[review.board_id, review.pk])


def download(client, review):
    response = client.get(url("wsr_export", review))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="Child-W-wales-safeguarding-repository.zip"' in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_package_holds_the_published_report_and_its_metadata(client, published, susr):
    board, manager, chair = susr
    client.force_login(manager)
    package = download(client, published)
    assert sorted(package.namelist()) == ["Child-W-report.pdf", "metadata.json"]
    with published.publication.report_pdf.pdf.open("rb") as pdf:
        assert package.read("Child-W-report.pdf") == pdf.read()
    metadata = json.loads(package.read("metadata.json"))
    assert metadata["case_reference"] == "Child W"
    assert metadata["review_type"] == {"code": "susr", "name": "Single unified safeguarding review"}
    assert metadata["review_types_met"] == ["Child practice review"]
    assert metadata["board"] == {
        "name": "Cwm Taf Morgannwg Safeguarding Board",
        "region": "Cwm Taf Morgannwg Safeguarding Board",
        "nation": "Wales",
    }
    # The month and year of the incident (1 March 2026), never the day.
    assert metadata["incident_month"] == "2026-03"
    assert "2026-03-01" not in json.dumps(metadata)
    assert metadata["decision_date"] == "2026-03-03"  # review_on: decided the day notified
    assert metadata["completion_date"] == "2026-06-12"
    assert metadata["publication_date"] == "2026-06-30"
    assert metadata["published_at"] == "https://example.org/Child W"
    assert metadata["themes"]
    assert {"code", "name"} == set(metadata["themes"][0])
    assert len({theme["code"] for theme in metadata["themes"]}) == len(metadata["themes"])
    assert any("not published" in line for line in metadata["assumptions"])
    assert any("wales-susr.md" in line for line in metadata["assumptions"])
    # Never a real name: the case reference only.
    text = json.dumps(metadata)
    for _, name, aliases in sample.PEOPLE:
        for part in [name, *aliases.split("\n")]:
            assert not part or part not in text, part


def test_the_types_met_of_a_domestic_homicide(susr, supervisor, fake_pdf, frozen):
    board, manager, chair = susr
    review = signed_off_on(
        susr,
        supervisor,
        reference="Adult W",
        subject_kind="adult",
        died=True,
        domestic_homicide=True,
        mental_health_homicide=True,
    )
    home_office_qa.home_office_qa_record(
        actor=manager, review=review, kind="submitted", occurred_on=TODAY
    )
    home_office_qa.home_office_qa_record(
        actor=manager, review=review, kind="approved", occurred_on=TODAY
    )
    publication = publish(review, chair=chair, manager=manager, frozen=frozen, planned_on=TODAY)
    assert wsr.metadata(review, publication)["review_types_met"] == [
        "Adult practice review",
        "Domestic homicide review",
        "Mental health homicide review",
    ]


def test_the_report_page_offers_the_download_once_published(client, published, susr):
    client.force_login(susr[2])
    page = client.get(url("report", published))
    assertContains(page, "Download for the Wales Safeguarding Repository")
    assertContains(page, url("wsr_export", published))


def test_not_before_it_is_published(client, susr, supervisor, fake_pdf):
    board, manager, chair = susr
    review = signed_off_on(susr, supervisor, reference="Child W")
    client.force_login(manager)
    page = client.get(url("report", review))
    assertContains(page, "Wales Safeguarding Repository")
    assertNotContains(page, url("wsr_export", review))
    refused(client.get(url("wsr_export", review)), "The report has not been published")
    publishing.publication_decide(actor=chair, review=review, decision="publish", planned_on=TODAY)
    refused(client.get(url("wsr_export", review)), "The report has not been published")


def test_not_while_a_reporting_restriction_holds_it_back(client, published, susr):
    board, manager, chair = susr
    proceedings.restriction_record(
        actor=manager,
        incident=published.incident,
        kind="reporting_restriction",
        made_by="Crown Court",
        made_on=D(2026, 7, 1),
        ends_on=D(2026, 9, 30),
        what_it_forbids="Reporting anything that could identify the family",
    )
    client.force_login(manager)
    refused(client.get(url("wsr_export", published)), "applies until 30 September 2026")


def test_an_english_boards_report_is_not_for_the_repository(
    client, ready, chair, business_manager, frozen
):
    review = ready.review
    publish(
        review,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
        planned_on=D(2026, 6, 30),
        sent_on=TODAY,
    )
    client.force_login(business_manager)
    assertNotContains(client.get(url("report", review)), "Wales Safeguarding Repository")
    refused(client.get(url("wsr_export", review)), "Only the reviews of a Welsh board")


def test_someone_of_another_board_gets_404(client, published):
    other_board, other_manager, other_chair = board_with_manager(
        Board.Regime.WALES_SUSR_2024, nation="wales"
    )
    for user in (other_manager, other_chair):
        client.force_login(user)
        assert client.get(url("wsr_export", published)).status_code == 404
