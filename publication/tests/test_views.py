"""Every page of publication: the report and its buttons, the forms, the library and the
public listing. Outsiders get 404, signed-out users sign in (the public pages excepted)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from publication import sample
from publication.models import LibraryFinding, Publication, Report
from publication.services import publishing, reports
from publication.tests import test_publishing as shared
from reviews.models import Finding, Notification

D = dt.date
TODAY = D(2026, 6, 15)
at, publish = shared.at, shared.publish
# Fixtures of test_publishing, found by pytest under these names.
fake_pdf, final, ready = shared.fake_pdf, shared.final, shared.ready


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


def url(name, review, *args):
    return reverse(f"publication:{name}", args=[review.board_id, review.pk, *args])


def date_data(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def error_page(response, *messages):
    """A form page with the GOV.UK error summary, each message in it; nothing was saved."""
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert '<div class="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert "<title>Error: " in html
    for message in messages:
        assert message in html, message
    return html


def problem_on_report_page(client, response, message):
    """A refused button: back on the report page, the error summary says why."""
    assert response.status_code == 302
    page = client.get(response.url)
    assertContains(page, "There is a problem")
    assertContains(page, message)
    return page


def real_names() -> list[str]:
    """Every real name, alias and part of a name the sample records for the case."""
    names = set()
    for _, name, aliases in sample.PEOPLE:
        names.add(name)
        names.update(alias for alias in aliases.splitlines() if alias)
    for _, name, _ in sample.PARTICIPANTS:
        names.add(name)
    parts = {part for name in names for part in re.split(r"[\s-]+", name) if len(part) >= 3}
    return sorted(names | parts)


def assert_no_real_name(html: str):
    for name in real_names():
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", html, re.IGNORECASE), name


@pytest.fixture
def published(ready, chair, business_manager, frozen):
    """The partners board's report published on Tuesday 30 June 2026 (the clock is there)."""
    return publish(
        ready.review,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
        planned_on=D(2026, 6, 30),
        sent_on=TODAY,
        address="https://example.org/reports/child-q",
    )


def public_url(name, publication, *args):
    return reverse(f"publication:{name}", args=[publication.review.board_id, publication.pk, *args])


# --- The report page --------------------------------------------------------------------------


class TestReportPage:
    def test_the_lead_reviewer_sees_the_version_sections_check_and_render_buttons(
        self, client, report, pair
    ):
        client.force_login(pair[0])
        response = client.get(url("report", report.review))
        assertContains(response, f"version {report.version}")
        assertContains(response, "Draft")
        assertContains(response, "Introduction and why this case was chosen")
        assertContains(response, "No real names found")
        assertContains(response, "Render the report as a PDF")
        assertContains(response, url("report_section", report.review, "introduction"))
        assertNotContains(response, "Quality-assure the report")
        assertNotContains(response, "Decide on publication")
        assertContains(response, "The chair has not decided on publication.")

    def test_each_role_sees_its_own_buttons(
        self, client, report, supervisor, chair, business_manager, member
    ):
        review = report.review
        client.force_login(supervisor)
        response = client.get(url("report", review))
        assertContains(response, "Quality-assure the report")
        assertNotContains(response, "Render the report as a PDF")
        client.force_login(chair)
        response = client.get(url("report", review))
        assertContains(response, "Decide on publication")
        assertNotContains(response, "Quality-assure the report")
        client.force_login(business_manager)
        response = client.get(url("report", review))
        assertContains(response, "Render the report as a PDF")
        assertNotContains(response, url("report_section", review, "introduction"))
        client.force_login(member)
        response = client.get(url("report", review))
        assert response.status_code == 200
        for button in ("Render the report", "Quality-assure", "Decide on", "Change"):
            assertNotContains(response, button)

    def test_the_names_found_are_listed_by_place_and_role(self, client, report, pair):
        Report.objects.filter(pk=report.pk).update(
            appraisal="The social worker, Fiona Castellane, visited."
        )
        client.force_login(pair[0])
        response = client.get(url("report", report.review))
        assertContains(response, "1 real name found")
        assertContains(response, "Appraisal of practice")
        assertContains(response, "a member of the")

    def test_the_queries_do_not_grow_with_the_report(
        self, client, report, pair, django_assert_max_num_queries
    ):
        for finding in list(report.review.findings.all()) * 4:
            finding.pk = None
            finding.save()
        reports.rendering_request(actor=pair[0], report=report)
        client.force_login(pair[0])
        with django_assert_max_num_queries(20):
            response = client.get(url("report", report.review))
        assert response.status_code == 200

    def test_the_html_versions_of_the_report_and_brief(self, client, report, member):
        client.force_login(member)
        response = client.get(url("report_html", report.review))
        assertContains(response, "Succinct summary of the case")
        assertContains(response, "Finding 1: health professionals")
        brief = client.get(url("report_html", report.review) + "?kind=brief")
        assertContains(brief, sample.SECTIONS["learning_brief"].replace("'", "&#x27;"))
        assertNotContains(brief, "Succinct summary of the case")


class TestSectionPage:
    def test_the_form_shows_the_text_and_saves_a_new_version(self, client, report, pair):
        review = report.review
        client.force_login(pair[0])
        page = client.get(url("report_section", review, "further_work"))
        assertContains(page, "<title>What more will be done")
        assertContains(page, "The board will audit multi-agency referrals")
        response = client.post(
            url("report_section", review, "further_work"), {"text": "An audit next spring."}
        )
        assert response.status_code == 302
        assert response.url == url("report", review)
        saved = Report.objects.get(pk=report.pk)
        assert (saved.further_work, saved.version) == ("An audit next spring.", report.version + 1)
        assertContains(client.get(response.url), "Section saved")

    def test_empty_text_shows_the_error_summary_and_saves_nothing(self, client, report, pair):
        client.force_login(pair[0])
        response = client.post(url("report_section", report.review, "further_work"), {"text": ""})
        error_page(response, "Enter the text of “What more will be done”")
        saved = Report.objects.get(pk=report.pk)
        assert (saved.further_work, saved.version) == (report.further_work, report.version)

    def test_a_final_report_refuses_the_edit_on_the_form(self, client, approved, pair, chair):
        reports.report_sign_off(actor=chair, report=approved)
        client.force_login(pair[0])
        response = client.post(url("report_section", approved.review, "appraisal"), {"text": "x"})
        error_page(response, "ask the chair to reopen it before changing it")
        assert Report.objects.get(pk=approved.pk).appraisal != "x"

    def test_an_unknown_section_is_not_found(self, client, report, pair):
        client.force_login(pair[0])
        assert client.get(url("report_section", report.review, "status")).status_code == 404

    def test_readers_cannot_edit(self, client, report, member, chair):
        for user in (member, chair):
            client.force_login(user)
            assert client.get(url("report_section", report.review, "appraisal")).status_code == 403
            response = client.post(url("report_section", report.review, "appraisal"), {"text": "x"})
            assert response.status_code == 403
        assert Report.objects.get(pk=report.pk).appraisal != "x"


class TestButtons:
    def test_the_report_goes_through_its_versions(self, client, report, supervisor, chair):
        review = report.review
        client.force_login(supervisor)
        response = client.post(url("report_quality_assure", review))
        assertContains(client.get(response.url), "The report is quality-assured")
        client.force_login(chair)
        response = client.post(url("report_approve", review))
        assertContains(client.get(response.url), "The report is approved by the board")
        response = client.post(url("report_sign_off", review))
        page = client.get(response.url)
        assertContains(page, "The report is signed off as final")
        assertContains(page, "Signed off as final")
        assert Report.objects.get(pk=report.pk).status == Report.Status.FINAL
        response = client.post(url("report_reopen", review))
        assertContains(client.get(response.url), "The report is a draft again")
        assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT

    def test_a_refused_quality_assurance_shows_why(self, client, report, supervisor):
        Report.objects.filter(pk=report.pk).update(introduction="")
        client.force_login(supervisor)
        response = client.post(url("report_quality_assure", report.review))
        problem_on_report_page(
            client, response, "“Introduction and why this case was chosen” is empty"
        )
        assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT

    def test_a_refused_approval_shows_why(self, client, report, supervisor, chair):
        reports.report_quality_assure(actor=supervisor, report=report)
        Finding.objects.filter(review=report.review).update(board_response="")
        client.force_login(chair)
        response = client.post(url("report_approve", report.review))
        problem_on_report_page(client, response, "the board has not responded to every finding")

    def test_a_refused_sign_off_shows_why(self, client, approved, chair):
        Report.objects.filter(pk=approved.pk).update(case_summary="Gareth Thornbury was at home.")
        client.force_login(chair)
        response = client.post(url("report_sign_off", approved.review))
        problem_on_report_page(client, response, "the anonymisation check found 1 real name")
        assert Report.objects.get(pk=approved.pk).status == Report.Status.BOARD_APPROVED

    def test_a_refused_reopen_shows_why(self, client, report, chair):
        client.force_login(chair)
        response = client.post(url("report_reopen", report.review))
        problem_on_report_page(client, response, "The report is already a draft")

    def test_buttons_need_their_role(self, client, report, approved, pair, business_manager):
        review = report.review
        for user, name in [
            (pair[0], "report_quality_assure"),
            (business_manager, "report_approve"),
            (business_manager, "report_sign_off"),
            (pair[0], "report_reopen"),
        ]:
            client.force_login(user)
            assert client.post(url(name, review)).status_code == 403, name
        assert Report.objects.get(pk=report.pk).status == Report.Status.BOARD_APPROVED

    def test_buttons_answer_post_only(self, client, report, supervisor):
        client.force_login(supervisor)
        assert client.get(url("report_quality_assure", report.review)).status_code in (403, 405)
        assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT


class TestRendering:
    def test_render_queues_the_pdf(self, client, report, pair):
        client.force_login(pair[0])
        response = client.post(url("report_render", report.review), {"kind": "brief"})
        page = client.get(response.url)
        assertContains(page, "The learning brief is queued for rendering")
        assertContains(page, "Refresh this page")
        rendering = report.renderings.get()
        assert (rendering.kind, rendering.state, rendering.requested_by) == (
            "brief",
            "queued",
            pair[0],
        )

    def test_an_unknown_kind_is_refused_on_the_page(self, client, report, business_manager):
        client.force_login(business_manager)
        response = client.post(url("report_render", report.review), {"kind": "poster"})
        problem_on_report_page(
            client, response, "Select the report, the learning brief or the Word version"
        )
        assert not report.renderings.exists()

    def test_readers_cannot_render(self, client, report, member, chair):
        for user in (member, chair):
            client.force_login(user)
            assert client.post(url("report_render", report.review)).status_code == 403
        assert not report.renderings.exists()

    def test_only_a_ready_pdf_downloads(self, client, report, pair, fake_pdf):
        queued = reports.rendering_request(actor=pair[0], report=report)
        client.force_login(pair[0])
        assert client.get(url("rendering_download", report.review, queued.pk)).status_code == 404
        reports.rendering_run(queued.pk)
        response = client.get(url("rendering_download", report.review, queued.pk))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "Child-Q-report-v" in response["Content-Disposition"]
        page = client.get(url("report", report.review))
        assertContains(page, "4 pages")
        assertContains(page, url("rendering_download", report.review, queued.pk))

    def test_a_pdf_kept_in_a_bucket_downloads_from_it(
        self, s3_private_storage, client, report, pair, fake_pdf, other_board_user
    ):
        rendering = reports.rendering_run(
            reports.rendering_request(actor=pair[0], report=report).pk
        )
        assert s3_private_storage.keys() == {rendering.pdf.name}
        client.force_login(pair[0])
        response = client.get(url("rendering_download", report.review, rendering.pk))
        assert response["Content-Type"] == "application/pdf"
        stored = s3_private_storage.read(rendering.pdf.name)
        assert b"".join(response.streaming_content) == stored
        client.force_login(other_board_user)
        assert client.get(url("rendering_download", report.review, rendering.pk)).status_code == 404

    def test_another_reviews_pdf_is_not_found(
        self, client, report, pair, business_manager, board, chair, supervisor, fake_pdf
    ):
        from reviews.tests.factories import decide, log_incident

        other = log_incident(actor=business_manager, board=board, reference="Child Z")
        decide(actor=chair, incident=other, decided_on=other.notified_on)
        other.refresh_from_db()
        other_report = sample.fill_review(other.review, supervisor=supervisor, chair=chair)
        theirs = reports.rendering_request(actor=business_manager, report=other_report)
        reports.rendering_run(theirs.pk)
        client.force_login(business_manager)
        assert client.get(url("rendering_download", report.review, theirs.pk)).status_code == 404
        assert client.get(url("rendering_download", other.review, theirs.pk)).status_code == 200


# --- The publication forms --------------------------------------------------------------------


class TestDecisionForm:
    def test_the_form_names_the_rule_and_the_earliest_date(self, client, final, chair):
        client.force_login(chair)
        response = client.get(url("decision", final.review))
        assertContains(response, "<title>Decide on publication")
        assertContains(response, "7 working days before publication")
        assertContains(response, "The earliest date you can plan is 24 June 2026")

    def test_publish_on_a_date(self, client, final, chair):
        client.force_login(chair)
        response = client.post(
            url("decision", final.review),
            {"decision": "publish", **date_data("planned_on", D(2026, 7, 1))},
        )
        assert response.status_code == 302
        publication = Publication.objects.get(review=final.review)
        assert (publication.decision, publication.planned_on) == ("publish", D(2026, 7, 1))
        page = client.get(response.url)
        assertContains(page, "Publication decision recorded")
        assertContains(page, "Publish on 1 July 2026")

    def test_no_decision(self, client, final, chair):
        client.force_login(chair)
        response = client.post(url("decision", final.review), {"reasons": ""})
        error_page(response, "Select whether to publish the report")
        assert not Publication.objects.exists()

    def test_publish_without_a_date(self, client, final, chair):
        client.force_login(chair)
        response = client.post(url("decision", final.review), {"decision": "publish"})
        error_page(response, "Enter the planned publication date")
        assert not Publication.objects.exists()

    def test_a_date_too_early_names_the_earliest(self, client, final, chair):
        client.force_login(chair)
        response = client.post(
            url("decision", final.review),
            {"decision": "publish", **date_data("planned_on", D(2026, 6, 23))},
        )
        error_page(
            response,
            "The national panel must have the report 7 working days before publication: plan it "
            "on or after 24 June 2026",
        )
        assert not Publication.objects.exists()

    def test_do_not_publish_without_reasons(self, client, report, chair):
        client.force_login(chair)
        response = client.post(url("decision", report.review), {"decision": "do_not_publish"})
        error_page(response, "Enter the reasons for not publishing the report")
        assert not Publication.objects.exists()
        assert not Notification.objects.filter(about="not_publishing").exists()

    def test_do_not_publish_with_reasons(self, client, report, chair):
        client.force_login(chair)
        response = client.post(
            url("decision", report.review),
            {"decision": "do_not_publish", "reasons": "The family asked us not to."},
        )
        assert response.status_code == 302
        assertContains(client.get(response.url), "The family asked us not to.")
        assert Notification.objects.filter(about="not_publishing").count() == 1

    def test_only_the_chair(self, client, final, business_manager, pair):
        for user in (business_manager, pair[0]):
            client.force_login(user)
            assert client.get(url("decision", final.review)).status_code == 403
            response = client.post(url("decision", final.review), {"decision": "do_not_publish"})
            assert response.status_code == 403


class TestPanelCopyForm:
    @pytest.fixture
    def decided(self, final, chair):
        publishing.publication_decide(
            actor=chair, review=final.review, decision="publish", planned_on=D(2026, 6, 30)
        )
        return final.review

    def test_the_report_page_says_when_the_copy_is_due(self, client, decided, business_manager):
        client.force_login(business_manager)
        page = client.get(url("report", decided))
        assertContains(page, "Due by 19 June 2026 (7 working days before publication)")
        assertContains(page, url("panel_copy", decided))

    def test_the_copy_is_recorded(self, client, decided, business_manager):
        client.force_login(business_manager)
        assertContains(client.get(url("panel_copy", decided)), "Sent to the national panel on")
        response = client.post(url("panel_copy", decided), date_data("sent_on", TODAY))
        assert response.status_code == 302
        page = client.get(response.url)
        assertContains(page, "Copy to the national panel recorded")
        assertContains(page, "Sent 15 June 2026")
        assert Notification.objects.filter(incident=decided.incident, about="report").exists()

    def test_bad_input(self, client, decided, business_manager):
        client.force_login(business_manager)
        response = client.post(url("panel_copy", decided), {})
        error_page(response, "Enter the date it was sent")
        response = client.post(url("panel_copy", decided), date_data("sent_on", D(2026, 6, 16)))
        error_page(response, "The date it was sent must be today or in the past")
        assert not Notification.objects.filter(about="report").exists()

    def test_only_the_business_manager(self, client, decided, chair):
        client.force_login(chair)
        assert client.get(url("panel_copy", decided)).status_code == 403


class TestPublishedForm:
    @pytest.fixture
    def due(self, ready, chair, business_manager, frozen):
        review = ready.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        frozen.move_to(at(D(2026, 6, 30)))
        return review

    def test_the_publication_is_recorded(self, client, due, business_manager):
        client.force_login(business_manager)
        assertContains(client.get(url("published", due)), "Web address of the report")
        response = client.post(
            url("published", due),
            {**date_data("published_on", D(2026, 6, 30)), "address": "example.org/child-q"},
        )
        assert response.status_code == 302
        page = client.get(response.url)
        assertContains(page, "Publication recorded")
        assertContains(page, "Until at least 30 June 2027")
        assert Publication.objects.get(review=due).address == "https://example.org/child-q"

    def test_a_bad_web_address(self, client, due, business_manager):
        client.force_login(business_manager)
        response = client.post(
            url("published", due),
            {**date_data("published_on", D(2026, 6, 30)), "address": "not a web address"},
        )
        error_page(
            response, "Enter a web address in the correct format, like https://example.org/report"
        )
        assert not Publication.objects.get(review=due).is_published
        assert not LibraryFinding.objects.exists()

    def test_a_refusal_of_the_service_shows_on_the_form(
        self, client, final, chair, business_manager
    ):
        publishing.publication_decide(
            actor=chair, review=final.review, decision="publish", planned_on=D(2026, 6, 30)
        )
        client.force_login(business_manager)
        response = client.post(
            url("published", final.review),
            {**date_data("published_on", TODAY), "address": "https://example.org/q"},
        )
        error_page(response, "Render the final report and its learning brief")
        assert not Publication.objects.get(review=final.review).is_published

    def test_only_the_business_manager(self, client, due, chair):
        client.force_login(chair)
        assert client.get(url("published", due)).status_code == 403


class TestWithdrawForm:
    def test_refused_before_12_months(self, client, published, business_manager):
        client.force_login(business_manager)
        review = published.review
        page = client.get(url("withdraw", review))
        assertContains(page, 'value="30"')  # today's date as the default
        response = client.post(url("withdraw", review), date_data("withdrawn_on", D(2026, 6, 30)))
        error_page(response, "The report must stay on the website until 30 June 2027")
        assert not Publication.objects.get(pk=published.pk).on_request_only

    def test_taken_off_after_12_months(self, client, published, business_manager, frozen):
        frozen.move_to(at(D(2027, 7, 1)))
        client.force_login(business_manager)
        response = client.post(
            url("withdraw", published.review), date_data("withdrawn_on", D(2027, 7, 1))
        )
        assert response.status_code == 302
        page = client.get(response.url)
        assertContains(page, "The report is now available on request")
        assertContains(page, "Taken off 1 July 2027: available on request")
        assertNotContains(page, url("withdraw", published.review))

    def test_bad_input(self, client, published, business_manager):
        client.force_login(business_manager)
        response = client.post(url("withdraw", published.review), {"withdrawn_on_0": "31"})
        error_page(
            response,
            "The date it was taken off the website must include a month",
            "The date it was taken off the website must include a year",
        )
        assert not Publication.objects.get(pk=published.pk).on_request_only


# --- The learning library ---------------------------------------------------------------------


def copies_of(template, each: list[dict], **common):
    """More findings in the library like `template` (its report, board, category, type and
    reference), one for each of `each`'s fields, with `common` fields for all."""
    common = {"published_on": template.published_on, **common}
    LibraryFinding.objects.bulk_create(
        LibraryFinding(
            publication_id=template.publication_id,
            board_id=template.board_id,
            category_id=template.category_id,
            review_type=template.review_type,
            case_reference=template.case_reference,
            **common,
            **fields,
        )
        for fields in each
    )


def library_url(**params):
    from urllib.parse import urlencode

    return reverse("publication:library") + (f"?{urlencode(params)}" if params else "")


class TestLibraryPage:
    def test_any_signed_in_user_reads_every_boards_findings(
        self, client, published, other_board_user
    ):
        client.force_login(other_board_user)
        response = client.get(library_url())
        assertContains(response, "3 findings")
        assertContains(response, "Finding 1: health professionals are left out")
        assertContains(response, "Child Q")
        assertContains(response, "Human–tool operation (1)")

    def test_each_finding_links_to_its_published_report(self, client, published, member):
        publication = Publication.objects.get()
        client.force_login(member)
        response = client.get(library_url())
        web = reverse("publication:public_html", args=[publication.review.board_id, publication.pk])
        assertContains(response, f'href="{web}"', count=3)
        assert client.get(web).status_code == 200

    def test_filters(self, client, published, member):
        client.force_login(member)
        response = client.get(library_url(q="strategy", category="tools"))
        assertContains(response, "1 finding<")
        assertContains(response, '<option value="tools" selected>')
        response = client.get(library_url(q="xylophone"))
        assertContains(response, "0 findings")
        assertContains(response, "No published findings match")
        assertContains(client.get(library_url(review_type="lcspr", year="2026")), "3 findings")
        assertContains(client.get(library_url(review_type="scr")), "0 findings")
        assertContains(client.get(library_url(year="2025")), "0 findings")
        # Nonsense filters are ignored, not errors.
        response = client.get(library_url(review_type="nonsense", year="20x6", page="many"))
        assertContains(response, "3 findings")

    def test_pagination(self, client, published, member, django_assert_max_num_queries):
        template = LibraryFinding.objects.filter(publication=published).first()
        copies_of(
            template,
            [{"position": 10 + n, "title": f"Extra finding {n:02}"} for n in range(30)],
            body="About strategy discussions.",
        )
        client.force_login(member)
        # With the second factor's device (django-otp), the navigation's count of the user's
        # work (their roles, the bank holidays ahead), and the bank's reports beside the
        # findings (none here: one query).
        with django_assert_max_num_queries(13):
            first = client.get(library_url(q="strategy"))
        assertContains(first, "33 findings")
        assertContains(first, 'rel="next"')
        assert first.content.decode().count('govuk-summary-card__title"') == 25
        # Without words: the counts by category count the findings for the pager too.
        with django_assert_max_num_queries(12):
            assertContains(client.get(library_url()), "33 findings")
        second = client.get(library_url(q="strategy", page=2))
        assertContains(second, 'rel="prev"')
        assertContains(second, "q=strategy&amp;page=1")
        assert second.content.decode().count('govuk-summary-card__title"') == 8

    def test_without_words_the_page_and_the_api_page_in_a_stable_order(
        self, client, published, member, api_client_for
    ):
        from core.tests.paging import assert_api_paged, assert_paged
        from publication import selectors

        template = LibraryFinding.objects.filter(publication=published).first()
        numbers = iter(range(1, 100))

        def add(n):
            # Of one report, one day and one place in it: the library's order ties but for
            # the key. Another year than the published fixture's, to filter them alone.
            copies_of(
                template,
                [{"title": f"Finding {next(numbers):02}"} for _ in range(n)],
                published_on=D(2030, 1, 15),
                position=99,
                body="About the extra findings.",
            )

        def titles(response):
            assert response.status_code == 200
            return re.findall(r'govuk-summary-card__title">(.*?)</h3>', response.content.decode())

        client.force_login(member)
        params = {"year": "2030"}
        assert_paged(
            client,
            reverse("publication:library"),
            add=add,
            rows=titles,
            params=params,
            size=(selectors, "LIBRARY_PAGE_SIZE"),
        )
        LibraryFinding.objects.filter(published_on__year=2030).delete()
        api = api_client_for(member)
        assert_api_paged(api, reverse("api:library-list"), add=add, params=params)

    def test_signed_out_users_sign_in(self, client, published):
        response = client.get(library_url())
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# --- The public listing -----------------------------------------------------------------------


class TestPublicPages:
    def test_the_index_lists_boards_with_published_reports(self, client, published, board):
        response = client.get(reverse("publication:public_index"))
        assertContains(response, board.name)
        assertContains(response, "(1 report)")
        assertContains(response, reverse("publication:public_board", args=[board.pk]))

    def test_the_index_with_nothing_published(self, client, db):
        assertContains(
            client.get(reverse("publication:public_index")), "No reports have been published yet."
        )

    def test_a_board_with_nothing_published_is_not_found(self, client, final, chair, board):
        publishing.publication_decide(
            actor=chair, review=final.review, decision="publish", planned_on=D(2026, 6, 30)
        )
        assert client.get(reverse("publication:public_board", args=[board.pk])).status_code == 404

    def test_the_board_page_lists_its_published_reports_with_links(
        self, client, published, board, business_manager, chair, supervisor
    ):
        from reviews.tests.factories import decide, log_incident

        # Another review of the board, decided but not yet published, is not listed.
        other = log_incident(actor=business_manager, board=board, reference="Child Z")
        decide(actor=chair, incident=other, decided_on=other.notified_on)
        other.refresh_from_db()
        sample.fill_review(other.review, supervisor=supervisor, chair=chair)
        publishing.publication_decide(
            actor=chair, review=other.review, decision="do_not_publish", reasons="No."
        )
        response = client.get(reverse("publication:public_board", args=[board.pk]))
        assertContains(response, "Child Q: ")
        assertNotContains(response, "Child Z")
        assertContains(response, "30 June 2026")
        assertContains(response, "(PDF, 4 pages)")
        assertContains(response, public_url("public_pdf", published, "report"))
        assertContains(response, public_url("public_pdf", published, "brief"))
        assertContains(response, public_url("public_html", published))
        assertNotContains(response, "Available on request")
        # Only the report and the brief have a PDF address.
        assert client.get(public_url("public_pdf", published, "chronology")).status_code == 404

    def test_a_withdrawn_report_is_on_request_without_links(
        self, client, published, board, business_manager, frozen
    ):
        frozen.move_to(at(D(2027, 6, 30)))
        publishing.publication_withdraw(
            actor=business_manager, review=published.review, withdrawn_on=D(2027, 6, 30)
        )
        response = client.get(reverse("publication:public_board", args=[board.pk]))
        assertContains(response, "Available on request")
        assertContains(response, "Child Q")
        assertContains(response, "No reports are on the website now.")
        assertNotContains(response, public_url("public_html", published))
        assertNotContains(response, public_url("public_pdf", published, "report"))
        assert client.get(public_url("public_html", published)).status_code == 404
        assert client.get(public_url("public_pdf", published, "report")).status_code == 404
        assert client.get(public_url("public_pdf", published, "brief")).status_code == 404

    def test_the_pdfs_and_web_page_open_without_sign_in(self, client, published):
        response = client.get(public_url("public_pdf", published, "report"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        with published.report_pdf.pdf.open("rb") as stored:
            assert b"".join(response.streaming_content) == stored.read()
        brief = client.get(public_url("public_pdf", published, "brief"))
        with published.brief_pdf.pdf.open("rb") as stored:
            assert b"".join(brief.streaming_content) == stored.read()
        html = client.get(public_url("public_html", published))
        assertContains(html, "Finding 1: health professionals")
        assertNotContains(html, "DRAFT")

    def test_the_web_page_is_what_was_published_not_later_edits(self, client, published):
        Finding.objects.filter(review=published.review).update(title="Changed after publishing")
        html = client.get(public_url("public_html", published))
        assertContains(html, "Finding 1: health professionals")
        assertNotContains(html, "Changed after publishing")

    def test_nothing_not_yet_published_opens(self, client, final, chair, board):
        publication = publishing.publication_decide(
            actor=chair, review=final.review, decision="publish", planned_on=D(2026, 6, 30)
        )
        assert client.get(public_url("public_html", publication)).status_code == 404
        assert client.get(public_url("public_pdf", publication, "report")).status_code == 404

    def test_a_publication_under_another_board_is_not_found(self, client, published, other_board):
        wrong = reverse("publication:public_html", args=[other_board.pk, published.pk])
        assert client.get(wrong).status_code == 404
        wrong = reverse("publication:public_pdf", args=[other_board.pk, published.pk, "report"])
        assert client.get(wrong).status_code == 404

    def test_the_board_page_queries_do_not_grow(
        self, client, published, board, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(3):
            response = client.get(reverse("publication:public_board", args=[board.pk]))
        assert response.status_code == 200


def test_no_real_name_is_published(client, published, board, member, api_client_for):
    assert real_names()  # the check has names to look for
    pages = [
        client.get(reverse("publication:public_board", args=[board.pk])),
        client.get(public_url("public_html", published)),
    ]
    client.force_login(member)
    pages.append(client.get(library_url()))
    pages.append(client.get(library_url(q="strategy")))
    for response in pages:
        assert response.status_code == 200
        assert_no_real_name(response.content.decode())
    body = api_client_for(member).get(reverse("api:library-list")).content.decode()
    assert '"count":3' in body
    assert_no_real_name(body)


# --- Who gets what ---------------------------------------------------------------------------


def private_pages(review, rendering):
    """(method, url) of every private page of a review's report."""
    return [
        ("get", url("report", review)),
        ("get", url("report_html", review)),
        ("get", url("report_html", review) + "?kind=brief"),
        ("get", url("report_section", review, "appraisal")),
        ("post", url("report_section", review, "appraisal")),
        ("post", url("report_quality_assure", review)),
        ("post", url("report_approve", review)),
        ("post", url("report_sign_off", review)),
        ("post", url("report_reopen", review)),
        ("post", url("report_render", review)),
        ("get", url("rendering_download", review, rendering.pk)),
        ("get", url("decision", review)),
        ("post", url("decision", review)),
        ("get", url("panel_copy", review)),
        ("post", url("panel_copy", review)),
        ("get", url("published", review)),
        ("post", url("published", review)),
        ("get", url("withdraw", review)),
        ("post", url("withdraw", review)),
    ]


def test_someone_of_another_board_gets_404_on_every_private_page(
    client, ready, pair, other_board_user
):
    rendering = ready.renderings.get(kind="report")
    client.force_login(other_board_user)
    for method, address in private_pages(ready.review, rendering):
        response = getattr(client, method)(address, {"text": "x", "decision": "publish"})
        assert response.status_code == 404, (method, address)
    assert Report.objects.get(pk=ready.pk).status == Report.Status.FINAL
    assert not Publication.objects.exists()


def test_signed_out_users_are_sent_to_sign_in_from_every_private_page(client, ready):
    rendering = ready.renderings.get(kind="report")
    for method, address in private_pages(ready.review, rendering):
        response = getattr(client, method)(address)
        assert response.status_code == 302, (method, address)
        assert response.url.startswith(reverse("login")), (method, address)


def test_public_pages_open_to_everyone(client, published, board, other_board_user):
    addresses = [
        reverse("publication:public_index"),
        reverse("publication:public_board", args=[board.pk]),
        public_url("public_html", published),
        public_url("public_pdf", published, "report"),
        public_url("public_pdf", published, "brief"),
    ]
    for address in addresses:
        assert client.get(address).status_code == 200, address
    client.force_login(other_board_user)
    for address in addresses:
        assert client.get(address).status_code == 200, address


def test_the_passage_around_a_real_name_shows_only_to_those_who_see_the_people(
    client, report, pair, chair
):
    """Reviewers are told where to correct (place, line, whose name); the text around it,
    which says who is who, is for the business manager and the chair."""
    Report.objects.filter(pk=report.pk).update(case_summary="We met Gareth Thornbury at home.")
    page = url("report", report.review)
    excerpt = "…We met Gareth Thornbury at home.…"
    client.force_login(pair[0])
    response = client.get(page)
    assertContains(response, '<td class="govuk-table__cell">a family member</td>', html=True)
    assertNotContains(response, excerpt)
    client.force_login(chair)
    assertContains(client.get(page), excerpt)


def test_odd_filters_in_the_library_are_ignored_not_an_error(client, member, api_client_for):
    client.force_login(member)
    for year in ("²²²²", "20x6", "99999"):
        assert client.get(library_url(year=year)).status_code == 200
        assert api_client_for(member).get("/api/v1/library/", {"year": year}).status_code == 200
