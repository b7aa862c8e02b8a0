"""A Welsh board's report held in Welsh as well as English: each passage's Welsh written beside
its English and out of date when the English changes, both languages checked for real names
(mutated Welsh forms included) before sign-off, and both rendered and published together."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from publication import anonymisation, assembly
from publication.models import Rendering, Report, WelshPassage
from publication.services import reports
from publication.services import welsh as welsh_services
from publication.tests.test_publishing import (  # noqa: F401 (fixtures: the PDF stub, the clock)
    TODAY,
    fake_pdf,
    publish,
    refusal,
    today,
)
from reviews.services.incidents import person_add

D = dt.date


@pytest.fixture
def in_wales(board):
    board.nation = board.Nation.WALES
    board.save()
    return board


@pytest.fixture
def welsh(report, in_wales, pair):
    """The report, held in Welsh too (no Welsh written yet)."""
    return welsh_services.report_welsh_hold(actor=pair[0], report=report, in_welsh=True)


def rows_of(report):
    report = Report.objects.get(pk=report.pk)
    return assembly.welsh_rows(assembly.assemble(report.review, report))


def write_the_welsh(report, actor, *, leave_out=0) -> dict[str, str]:
    written = {}
    for number, row in enumerate(rows_of(report)[leave_out:], start=1):
        written[row.text.key] = f"Testun Cymraeg {row.text.key.split(':')[0]} rhif {number}"
        welsh_services.welsh_passage_save(
            actor=actor, report=report, key=row.text.key, text=written[row.text.key]
        )
    return written


def signed_off_in_both(report, *, pair, supervisor, chair) -> Report:
    from publication import sample

    write_the_welsh(report, pair[0])
    sample.approve(Report.objects.get(pk=report.pk), supervisor=supervisor, chair=chair)
    return reports.report_sign_off(actor=chair, report=Report.objects.get(pk=report.pk))


def published_in_both(report, *, pair, supervisor, chair, manager, frozen):
    """Signed off in both languages, its four PDFs rendered, and published on 30 June."""
    report = signed_off_in_both(report, pair=pair, supervisor=supervisor, chair=chair)
    for rendering in list(report.renderings.all()):
        reports.rendering_run(rendering.pk)
    publication = publish(
        report.review,
        chair=chair,
        manager=manager,
        frozen=frozen,
        planned_on=D(2026, 6, 30),
        sent_on=TODAY,
    )
    return report, publication


# --- Holding the report in Welsh ----------------------------------------------------------------


def test_a_welsh_boards_report_is_held_in_welsh_too_with_every_passage_to_write(
    report, in_wales, pair
):
    version = report.version
    report = welsh_services.report_welsh_hold(actor=pair[0], report=report, in_welsh=True)
    assert report.in_welsh and report.status == Report.Status.DRAFT
    assert report.version == version + 1  # what is published changed: a new draft
    rows = rows_of(report)
    content = assembly.assemble(report.review, report)
    written_by_people = [text for text in assembly.texts_of(content) if text.text]
    assert len(written_by_people) > 20
    assert [row.text.key for row in rows] == [text.key for text in written_by_people]
    assert {row.state for row in rows} == {assembly.WELSH_MISSING}
    keys = {row.text.key for row in rows}
    assert {"section:introduction", "section:learning_brief"} <= keys
    assert any(key.startswith("finding:") and key.endswith(":why_it_matters") for key in keys)
    assert any(key.startswith("chronology:") for key in keys)


def test_a_board_in_england_cannot_hold_its_report_in_welsh(report, pair):
    assert refusal(
        welsh_services.report_welsh_hold, actor=pair[0], report=report, in_welsh=True
    ) == ["Only the report of a board in Wales is held in Welsh too"]
    assert not Report.objects.get(pk=report.pk).in_welsh


def test_someone_who_does_not_write_the_report_cannot_hold_it_in_welsh(
    report, in_wales, business_manager
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        welsh_services.report_welsh_hold(actor=business_manager, report=report, in_welsh=True)


def test_welsh_is_kept_with_its_history_and_goes_out_of_date_when_the_english_changes(welsh, pair):
    lead = pair[0]
    welsh_services.welsh_passage_save(
        actor=lead, report=welsh, key="section:introduction", text="Cyflwyniad i'r adolygiad."
    )
    (row,) = [r for r in rows_of(welsh) if r.text.key == "section:introduction"]
    assert (row.state, row.welsh.text, row.welsh.written_by) == (
        assembly.WELSH_WRITTEN,
        "Cyflwyniad i'r adolygiad.",
        lead,
    )
    reports.report_section_save(
        actor=lead, report=welsh, code="introduction", text="A new introduction."
    )
    (row,) = [r for r in rows_of(welsh) if r.text.key == "section:introduction"]
    assert row.state == assembly.WELSH_OUT_OF_DATE
    assert row.welsh.text == "Cyflwyniad i'r adolygiad."  # kept, to be checked, never lost

    welsh_services.welsh_passage_save(
        actor=lead, report=welsh, key="section:introduction", text="Cyflwyniad newydd."
    )
    (row,) = [r for r in rows_of(welsh) if r.text.key == "section:introduction"]
    assert row.state == assembly.WELSH_WRITTEN
    history = WelshPassage.history.filter(id=row.welsh.pk).order_by("history_date")
    assert [h.text for h in history] == ["Cyflwyniad i'r adolygiad.", "Cyflwyniad newydd."]


def test_empty_welsh_or_a_passage_not_in_the_report_is_refused(welsh, pair):
    assert refusal(
        welsh_services.welsh_passage_save,
        actor=pair[0],
        report=welsh,
        key="section:introduction",
        text=" ",
    ) == {"text": ["Enter the Welsh of this passage"]}
    assert refusal(
        welsh_services.welsh_passage_save,
        actor=pair[0],
        report=welsh,
        key="finding:nope:title",
        text="Hi",
    ) == ["This passage is no longer in the report"]
    assert not WelshPassage.objects.exists()


def test_welsh_of_an_english_that_changed_while_it_was_written_is_refused(welsh, pair):
    (row,) = [r for r in rows_of(welsh) if r.text.key == "section:introduction"]
    shown = assembly.english_digest(row.english)
    reports.report_section_save(
        actor=pair[1], report=welsh, code="introduction", text="Rewritten meanwhile."
    )
    assert refusal(
        welsh_services.welsh_passage_save,
        actor=pair[0],
        report=welsh,
        key="section:introduction",
        text="Cyflwyniad.",
        translates=shown,
    ) == {
        "text": [
            "The English of this passage changed while you wrote its Welsh: read it again "
            "above, change the Welsh if it needs to, then save"
        ]
    }
    assert not WelshPassage.objects.exists()


def test_welsh_cannot_be_written_for_a_report_held_in_english_only(report, in_wales, pair):
    assert refusal(
        welsh_services.welsh_passage_save,
        actor=pair[0],
        report=report,
        key="section:introduction",
        text="Cyflwyniad.",
    ) == ["The report is held in English only"]


# --- Names, in both languages -------------------------------------------------------------------


def test_welsh_mutations_of_a_name():
    assert anonymisation.welsh_mutations("Bethan") == ["Fethan", "Methan"]
    assert anonymisation.welsh_mutations("Gareth") == ["Areth", "Ngareth"]
    assert anonymisation.welsh_mutations("Llinos") == ["Linos"]
    assert anonymisation.welsh_mutations("Rhys") == ["Rys"]
    assert anonymisation.welsh_mutations("Tomos") == ["Domos", "Nhomos", "Thomos"]
    assert anonymisation.welsh_mutations("Dafydd") == ["Ddafydd", "Nafydd"]
    assert anonymisation.welsh_mutations("Gwen") == ["Wen", "Ngwen"]
    # Letters of their own that do not mutate, and a vowel.
    for name in ("Chris", "Thomas", "Ffion", "Phil", "Ifan"):
        assert anonymisation.welsh_mutations(name) == [], name


def test_a_name_is_found_with_or_without_its_accents(welsh, pair, business_manager):
    person_add(
        actor=business_manager, incident=welsh.review.incident, role="family", name="Siân Llŷr"
    )
    welsh_services.welsh_passage_save(
        actor=pair[0], report=welsh, key="section:appraisal", text="Gwelodd Sian y meddyg."
    )
    reports.report_section_save(
        actor=pair[0], report=welsh, code="further_work", text="Llyr will be offered support."
    )
    review = Report.objects.get(pk=welsh.pk).review  # read again, as a page would
    found = [(m.place, m.found) for m in reports.anonymisation_matches(review)]
    assert found == [
        ("What more will be done", "Llyr"),
        ("Welsh: Appraisal of practice", "Sian"),
    ]


def test_a_mutated_name_in_the_welsh_is_flagged_for_the_chair(
    welsh, pair, supervisor, chair, business_manager
):
    from publication import sample

    # "Gareth Thornbury" is the subject's father (publication.sample): "ag Areth" is "with
    # Gareth"; "Areth" is no Welsh word, but many mutated names are, so the chair looks.
    write_the_welsh(welsh, pair[0])
    welsh_services.welsh_passage_save(
        actor=pair[0], report=welsh, key="section:introduction", text="Siaradodd yr athro ag Areth."
    )
    check = reports.report_check(welsh.review)
    assert check.matches == []
    assert [(f.kind, f.place, f.found) for f in check.flags] == [
        ("welsh_name_form", "Welsh: Introduction and why this case was chosen", "Areth")
    ]
    # The English is never read for a mutated form ("Areth" is not a name in English).
    reports.report_section_save(
        actor=pair[0], report=welsh, code="appraisal", text="The teacher spoke to Areth."
    )
    assert [f.place for f in reports.report_check(welsh.review).flags] == [
        "Welsh: Introduction and why this case was chosen"
    ]
    write_the_welsh(welsh, pair[0])
    welsh_services.welsh_passage_save(
        actor=pair[0], report=welsh, key="section:introduction", text="Siaradodd yr athro ag Areth."
    )

    sample.approve(Report.objects.get(pk=welsh.pk), supervisor=supervisor, chair=chair)
    assert refusal(reports.report_sign_off, actor=chair, report=welsh) == [
        "The report cannot be signed off: 1 detail that may identify someone is flagged for "
        "your attention. Change the text, or keep each one with a reason"
    ]
    (flag,) = reports.report_check(welsh.review).flags
    reports.flag_dismiss(
        actor=chair, report=welsh, key=flag.key, reason="The teacher's name, not the father's."
    )
    report = reports.report_sign_off(actor=chair, report=welsh)
    assert report.status == Report.Status.FINAL


def test_welsh_dates_ages_addresses_and_schools_are_flagged(welsh, pair):
    welsh_services.welsh_passage_save(
        actor=pair[0],
        report=welsh,
        key="section:case_summary",
        text=(
            "Ganwyd y plentyn ar 5 Mawrth 2021. Roedd yn 3 oed ar 1 Mai 2024. Roedd y teulu'n "
            "byw yn 14 Heol y Bont. Aeth ei frawd i Ysgol Gynradd Bryn Teg."
        ),
    )
    kinds = {(f.kind, f.found) for f in reports.report_check(welsh.review).flags}
    assert {
        ("date_of_birth_or_death", "5 Mawrth 2021"),
        ("age_with_date", "3 oed"),
        ("school", "Ysgol Gynradd Bryn Teg"),
    } <= kinds
    assert any(kind == "address" and found.startswith("14 Heol y Bont") for kind, found in kinds)


def test_a_name_recorded_later_is_flagged_in_the_welsh_too(welsh, pair, business_manager):
    welsh_services.welsh_passage_save(
        actor=pair[0], report=welsh, key="section:appraisal", text="Gwelodd Fethan y meddyg."
    )
    assert reports.report_check(welsh.review).flags == []
    person_add(
        actor=business_manager, incident=welsh.review.incident, role="family", name="Bethan Rees"
    )
    (flag,) = reports.report_check(welsh.review).flags
    assert (flag.kind, flag.place, flag.found) == (
        "welsh_name_form",
        "Welsh: Appraisal of practice",
        "Fethan",
    )


# --- Sign-off, rendering and publication in both languages ------------------------------------


def test_sign_off_is_refused_until_every_passage_has_welsh_of_its_english(
    welsh, pair, supervisor, chair
):
    from publication import sample

    write_the_welsh(welsh, pair[0], leave_out=2)
    reports.report_section_save(
        actor=pair[0], report=welsh, code="further_work", text="More work, changed."
    )
    sample.approve(Report.objects.get(pk=welsh.pk), supervisor=supervisor, chair=chair)
    assert refusal(reports.report_sign_off, actor=chair, report=welsh) == [
        "The report cannot be signed off: 2 passages have no Welsh yet",
        "The report cannot be signed off: the English of 1 passage has changed since its "
        "Welsh was written",
    ]
    assert Report.objects.get(pk=welsh.pk).status == Report.Status.BOARD_APPROVED


@pytest.mark.usefixtures("fake_pdf")
def test_signing_off_renders_the_report_and_brief_in_both_languages(welsh, pair, supervisor, chair):
    report = signed_off_in_both(welsh, pair=pair, supervisor=supervisor, chair=chair)
    queued = report.renderings.filter(state=Rendering.State.QUEUED)
    assert sorted(queued.values_list("kind", "language")) == [
        ("brief", "cy"),
        ("brief", "en-gb"),
        ("report", "cy"),
        ("report", "en-gb"),
    ]
    done = {(r.kind, r.language): reports.rendering_run(r.pk) for r in queued}
    assert {r.state for r in done.values()} == {Rendering.State.READY}
    welsh_html, english_html = done["report", "cy"].html, done["report", "en-gb"].html
    introduction = WelshPassage.objects.get(report=report, key="section:introduction").text
    assert '<html lang="cy">' in welsh_html and '<html lang="en-GB">' in english_html
    assert introduction in welsh_html and introduction not in english_html
    assert report.introduction not in welsh_html and report.introduction in english_html
    assert "Cyflwyniad" in welsh_html  # the section's title, in Welsh
    assert (
        done["report", "cy"].pdf.name.endswith(".pdf") and "-cy-" in done["report", "cy"].pdf.name
    )
    # The brief too: its findings' "why it matters" are read from the findings themselves.
    finding = report.review.findings.first()
    why = WelshPassage.objects.get(report=report, key=f"finding:{finding.pk}:why_it_matters").text
    assert why in done["brief", "cy"].html and why not in done["brief", "en-gb"].html
    assert finding.why_it_matters[:30] not in done["brief", "cy"].html
    # One digest of the report in both languages, whichever document it is.
    assert len({r.content_digest for r in done.values()}) == 1


def test_the_welsh_pdf_is_asked_for_only_of_a_report_held_in_welsh(report, business_manager):
    assert refusal(
        reports.rendering_request,
        actor=business_manager,
        report=report,
        kind="report",
        language="cy",
    ) == {"language": ["Select a language the report is held in"]}


@pytest.mark.usefixtures("fake_pdf")
def test_both_languages_are_published_together(
    welsh, pair, supervisor, chair, business_manager, frozen, client
):
    report, publication = published_in_both(
        welsh,
        pair=pair,
        supervisor=supervisor,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
    )
    assert (publication.welsh_report_pdf.language, publication.welsh_report_pdf.kind) == (
        "cy",
        "report",
    )
    assert (publication.welsh_brief_pdf.language, publication.welsh_brief_pdf.kind) == (
        "cy",
        "brief",
    )
    assert publication.report_pdf.language == "en-gb"

    board = report.review.board
    page = client.get(reverse("publication:public_board", args=[board.pk])).content.decode()
    assert "yn Gymraeg (PDF" in page
    for kind, published in (
        ("report", publication.report_pdf),
        ("brief", publication.brief_pdf),
        ("report-cy", publication.welsh_report_pdf),
        ("brief-cy", publication.welsh_brief_pdf),
    ):
        response = client.get(
            reverse("publication:public_pdf", args=[board.pk, publication.pk, kind])
        )
        with published.pdf.open("rb") as made:
            assert b"".join(response.streaming_content) == made.read(), kind
    welsh_page = client.get(
        reverse("publication:public_html_welsh", args=[board.pk, publication.pk])
    )
    assert welsh_page.status_code == 200
    assert '<html lang="cy">' in welsh_page.content.decode()


@pytest.mark.usefixtures("fake_pdf")
def test_publishing_is_refused_without_the_welsh_pdfs(
    welsh, pair, supervisor, chair, business_manager, frozen
):
    from publication import selectors

    report = signed_off_in_both(welsh, pair=pair, supervisor=supervisor, chair=chair)
    for rendering in report.renderings.filter(language="en-gb"):
        reports.rendering_run(rendering.pk)
    report.renderings.filter(language="cy").update(state=Rendering.State.FAILED)
    with pytest.raises(ValidationError) as error:
        publish(
            report.review,
            chair=chair,
            manager=business_manager,
            frozen=frozen,
            planned_on=D(2026, 6, 30),
            sent_on=TODAY,
        )
    assert error.value.messages == [
        "Render the final report and its learning brief, in English and in Welsh, before "
        "recording the publication"
    ]
    assert not selectors.public_publications(report.review.board).exists()


# --- The pages ----------------------------------------------------------------------------------


def welsh_url(report):
    return reverse("publication:report_welsh", args=[report.review.board_id, report.review_id])


def passage_url(report, key):
    return reverse(
        "publication:report_welsh_passage", args=[report.review.board_id, report.review_id, key]
    )


def test_the_reviewer_holds_the_report_in_welsh_and_writes_a_passage(
    client, report, in_wales, pair
):
    client.force_login(pair[0])
    page = client.get(welsh_url(report)).content.decode()
    assert "The report is held in English only" in page
    response = client.post(welsh_url(report), {"in_welsh": "yes"})
    assert response.status_code == 302
    page = client.get(welsh_url(report)).content.decode()
    assert "held in Welsh and English" in page
    assert "Not written" in page and "Introduction" in page

    form = client.get(passage_url(report, "section:introduction")).content.decode()
    assert Report.objects.get(pk=report.pk).introduction.split("\n")[0][:40] in form
    assert 'lang="cy"' in form
    response = client.post(passage_url(report, "section:introduction"), {"text": "Cyflwyniad."})
    assert response.status_code == 302 and response.url == welsh_url(report)
    assert WelshPassage.objects.get(report=report, key="section:introduction").text == "Cyflwyniad."


def test_empty_welsh_shows_the_error_summary_and_saves_nothing(client, welsh, pair):
    client.force_login(pair[0])
    response = client.post(passage_url(welsh, "section:introduction"), {"text": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter the Welsh of this passage" in page
    assert not WelshPassage.objects.exists()


def test_the_form_says_when_the_english_changed_while_the_welsh_was_written(client, welsh, pair):
    client.force_login(pair[0])
    url = passage_url(welsh, "section:introduction")
    form = client.get(url).content.decode()
    (row,) = [r for r in rows_of(welsh) if r.text.key == "section:introduction"]
    shown = assembly.english_digest(row.english)
    assert f'value="{shown}"' in form
    reports.report_section_save(actor=pair[1], report=welsh, code="introduction", text="New.")

    response = client.post(url, {"text": "Cyflwyniad.", "translates": shown})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "changed while you wrote its Welsh" in page and "Cyflwyniad." in page
    # Shown again with the English as it is now: sending it again saves it.
    assert f'value="{assembly.english_digest("New.")}"' in page
    response = client.post(url, {"text": "Newydd.", "translates": assembly.english_digest("New.")})
    assert response.status_code == 302
    assert WelshPassage.objects.get(report=welsh, key="section:introduction").text == "Newydd."


def test_a_passage_not_in_the_report_is_not_found(client, welsh, pair):
    client.force_login(pair[0])
    assert client.get(passage_url(welsh, "finding:nope:title")).status_code == 404


def test_another_boards_people_get_nothing_of_the_welsh(client, welsh, other_board_user):
    client.force_login(other_board_user)
    assert client.get(welsh_url(welsh)).status_code == 404
    assert client.get(passage_url(welsh, "section:introduction")).status_code == 404
    assert client.post(welsh_url(welsh), {"in_welsh": "no"}).status_code == 404
    assert Report.objects.get(pk=welsh.pk).in_welsh


def test_the_welsh_page_reads_as_many_queries_for_a_long_report_as_a_short_one(client, welsh, pair):
    client.force_login(pair[0])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(welsh_url(welsh)).status_code == 200
        return len(captured)

    short = queries()
    for number in range(10):
        welsh.review.chronology.create(
            agency=welsh.review.board.agencies.first(),
            occurred_on=D(2026, 1, 1 + number),
            entry=f"Entry {number}",
        )
    write_the_welsh(welsh, pair[0], leave_out=5)
    assert queries() == short


@pytest.mark.usefixtures("fake_pdf")
def test_the_welsh_wales_safeguarding_repository_package_holds_both_pdfs(
    welsh, pair, supervisor, chair, business_manager, frozen
):
    import io
    import json
    import zipfile

    from publication import wsr

    report, publication = published_in_both(
        welsh,
        pair=pair,
        supervisor=supervisor,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
    )
    archive = zipfile.ZipFile(io.BytesIO(wsr.package(report.review, publication)))
    metadata = json.loads(archive.read("metadata.json"))
    assert set(archive.namelist()) == {
        metadata["files"]["report"],
        metadata["files"]["report_welsh"],
        "metadata.json",
    }
    assert metadata["files"]["report_welsh"].endswith("-report-cy.pdf")


@pytest.mark.pdf
def test_the_welsh_pdf_is_tagged_in_welsh_and_passes_pdf_ua(welsh, pair, tmp_path):
    from core.tests.pdf_ua import assert_pdf_ua
    from publication import rendering

    written = write_the_welsh(welsh, pair[0])
    report = Report.objects.get(pk=welsh.pk)
    content = assembly.put_in_welsh(assembly.assemble(report.review, report))
    document = rendering.pdf_from_html(rendering.html_for(content, draft=True))
    assert_pdf_ua(document.pdf, tmp_path)
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(document.pdf))
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    assert written["section:introduction"] in " ".join(text.split())
    assert "Tudalen 2" in text  # the page numbers, in Welsh
