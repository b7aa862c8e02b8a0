"""The Word version of a report (publication/word.py): made by the worker like the PDF, for
the reviewers and the board office; headings as Word headings, tables as Word tables, the
findings in the Learning Together template; downloaded under the case reference; never made
of a final report with a real name in it; nobody outside the board or the review gets it."""

import io

import docx
import pytest
from django.urls import reverse

from publication.models import Rendering, Report
from publication.services import reports
from publication.word import CONTENT_TYPE
from reviews.models import IncidentPerson

pytestmark = pytest.mark.usefixtures("frozen")


def made(report, actor):
    queued = reports.rendering_request(actor=actor, report=report, kind="word")
    done = reports.rendering_run(queued.pk)
    assert done.state == Rendering.State.READY, done.failure_reason
    with done.pdf.open("rb") as stored:
        return done, docx.Document(io.BytesIO(stored.read()))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_word_version_holds_the_reports_headings_and_tables(report, pair):
    done, document = made(report, pair[0])
    review = report.review
    assert done.pdf.name.endswith(f"-report-v{report.version}.docx")
    assert done.pages is None and done.html == ""
    assert document.core_properties.title.endswith(review.incident.reference)
    chapters = headings(document, 1)
    assert [chapter[:3] for chapter in chapters[:7]] == [f"{n}. " for n in range(1, 8)]
    assert chapters[2] == "3. Methodology, review team, case group and research questions"
    assert "5. Findings" in headings(document, 1)
    assert "7. Actions taken, their impact and what more will be done" in headings(document, 1)
    # Each finding in the Learning Together template: its parts as headings of its own.
    findings = list(review.findings.all())
    assert findings
    for number, finding in enumerate(findings, start=1):
        assert f"Finding {number}: {finding.title}" in headings(document, 2)
    assert "Why it matters" in headings(document, 3)
    # The action plan as a Word table with its header row.
    tables = {tuple(cell.text for cell in table.rows[0].cells): table for table in document.tables}
    plan = tables[("Action", "Agency", "Due", "Status", "Evidence of impact")]
    assert [row.cells[0].text for row in plan.rows[1:]] == [
        action.description for action in review.actions.all()
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DRAFT: not for publication" in text
    assert "The published report is the PDF the service renders" in text


def test_a_final_report_with_a_real_name_makes_no_word_version_and_keeps_its_sign_off(
    approved, chair, pair
):
    final = reports.report_sign_off(actor=chair, report=approved)
    subject = IncidentPerson.objects.filter(incident=final.review.incident, role="subject").first()
    # The name reaches the text after sign-off, through a record the report is made of.
    action = final.review.actions.first()
    action.evidence_of_impact = f"Seen by {subject.name}'s school."
    action.save()
    queued = reports.rendering_request(actor=pair[0], report=final, kind="word")
    done = reports.rendering_run(queued.pk)
    assert done.state == Rendering.State.FAILED
    assert "The Word version was not made" in done.failure_reason
    assert subject.name not in done.failure_reason
    assert not done.pdf
    assert Report.objects.get(pk=final.pk).status == Report.Status.FINAL


def test_the_report_page_offers_it_and_the_download_is_a_word_file(client, report, pair, board):
    client.force_login(pair[0])
    page_url = reverse("publication:report", args=[board.pk, report.review_id])
    page = client.get(page_url).content.decode()
    assert "Make a Word version to edit" in page
    response = client.post(
        reverse("publication:report_render", args=[board.pk, report.review_id]), {"kind": "word"}
    )
    assert response.status_code == 302
    queued = report.renderings.get(kind="word")
    assert reports.rendering_run(queued.pk).state == Rendering.State.READY
    page = client.get(page_url).content.decode()
    download = reverse(
        "publication:rendering_download", args=[board.pk, report.review_id, queued.pk]
    )
    assert f'href="{download}"' in page and "(Word)" in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert report.review.incident.reference.replace(" ", "-") in disposition
    docx.Document(io.BytesIO(b"".join(response.streaming_content)))


def test_someone_outside_the_board_or_the_review_gets_nothing(
    client, report, pair, board, other_board_user, viewer
):
    queued = reports.rendering_request(actor=pair[0], report=report, kind="word")
    reports.rendering_run(queued.pk)
    download = reverse(
        "publication:rendering_download", args=[board.pk, report.review_id, queued.pk]
    )
    make = reverse("publication:report_render", args=[board.pk, report.review_id])
    client.force_login(other_board_user)
    assert client.get(download).status_code == 404
    assert client.post(make, {"kind": "word"}).status_code == 404
    # A viewer of the board reads reports but makes nothing.
    client.force_login(viewer)
    assert client.post(make, {"kind": "word"}).status_code == 403
    assert report.renderings.filter(kind="word").count() == 1


def test_an_unknown_kind_is_refused_with_nothing_queued(client, report, pair, board):
    client.force_login(pair[0])
    url = reverse("publication:report_render", args=[board.pk, report.review_id])
    response = client.post(url, {"kind": "spreadsheet"}, follow=True)
    assert "Select the report, the learning brief or the Word version" in (
        response.content.decode()
    )
    assert not report.renderings.exists()
