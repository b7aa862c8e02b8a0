"""Agencies' chronologies: the template, the import (taken whole or refused row by row, nothing
saved), matching a file's own headings once, replacing an earlier import, and the merged
chronology with its gaps, shared days, filters, pages and export."""

import csv
import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from reviews import chronology_files
from reviews.chronology_files import COLUMNS
from reviews.models import ChronologyEntry, ChronologyImport, Document
from reviews.services import chronology
from reviews.tests.test_contributions import agency_url
from reviews.tests.test_views import error_page

pytestmark = pytest.mark.usefixtures("agency_day")
D = dt.date
HEADINGS = [heading for _, heading, _ in COLUMNS]


def xlsx(rows, headings=HEADINGS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, headings=HEADINGS, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def row(date, what="Home visit", **values):
    cells = dict.fromkeys(HEADINGS, "")
    cells.update({"Date": date, "What happened": what})
    cells.update({HEADINGS[[c for c, _, _ in COLUMNS].index(k)]: v for k, v in values.items()})
    return [cells[h] for h in HEADINGS]


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def import_url(review, request):
    return agency_url("request_chronology", review.pk, request.pk)


class TestTheTemplate:
    def test_xlsx_and_csv_have_the_columns_and_no_name_column(self, client, officer):
        client.force_login(officer)
        response = client.get(agency_url("chronology_template"))
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert [cell.value for cell in sheet[1]] == HEADINGS
        assert "attachment" in response["Content-Disposition"]
        text = client.get(agency_url("chronology_template") + "?format=csv").content
        assert text.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as Excel opens it
        assert next(csv.reader(io.StringIO(text.decode("utf-8-sig")))) == HEADINGS
        assert not any("name" in heading.lower() for heading in HEADINGS)


class TestImporting:
    def test_a_contributor_imports_their_xlsx_with_uncertain_dates_kept(
        self, client, review, officer, police_request
    ):
        content = xlsx(
            [
                # Excel keeps dates without a time zone.
                row(dt.datetime(2026, 3, 1, 0, 0), "Seen at A&E", time="14:30"),  # noqa: DTZ001
                row("?05/2016", "Referral from school"),
                row("early May 2016", "Home visit, no answer", practitioner_role="Social worker"),
                row("2015", "Registered with the GP", date_certainty="year"),
            ]
        )
        client.force_login(officer)
        response = client.post(
            import_url(review, police_request), {"file": upload("ours.xlsx", content)}
        )
        assert response.status_code == 302
        entries = {e.entry: e for e in ChronologyEntry.objects.all()}
        assert entries["Seen at A&E"].occurred_at == dt.time(14, 30)
        assert (entries["Seen at A&E"].date_certainty, entries["Seen at A&E"].occurred_on) == (
            "exact",
            D(2026, 3, 1),
        )
        referral = entries["Referral from school"]
        assert (referral.occurred_on, referral.date_certainty, referral.date_as_written) == (
            D(2016, 5, 1),
            "approximate",
            "?05/2016",
        )
        assert entries["Home visit, no answer"].date_as_written == "early May 2016"
        assert entries["Registered with the GP"].date_certainty == "year"
        assert {e.agency for e in entries.values()} == {police_request.agency}
        imported = ChronologyImport.objects.get()
        assert (imported.rows, imported.imported_by) == (4, officer)
        # The file is kept with the review's documents, the agency's to see.
        assert Document.objects.get(kind="chronology").agency == police_request.agency

    @pytest.mark.parametrize(
        ("encoding", "prefix"), [("utf-8", b""), ("utf-8-sig", b""), ("cp1252", b"")]
    )
    def test_csv_in_utf8_with_or_without_bom_or_windows_1252(
        self, officer, review, police_request, encoding, prefix
    ):
        content = prefix + csv_bytes([row("03/05/2016", "Café visit — noted")], encoding=encoding)
        chronology.chronology_import(
            actor=officer, review=review, request=police_request, file=upload("c.csv", content)
        )
        assert ChronologyEntry.objects.get().entry == "Café visit — noted"

    def test_a_word_chronology_is_read_from_its_first_table(self, officer, review, police_request):
        document = docx.Document()
        document.add_paragraph("Northshire Police: chronology for the review")
        table = document.add_table(rows=1, cols=len(HEADINGS))
        for cell, heading in zip(table.rows[0].cells, HEADINGS, strict=True):
            cell.text = heading
        for values in (row("03/05/2016", "Welfare check"), row("June 2016", "Referral made")):
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
        buffer = io.BytesIO()
        document.save(buffer)

        chronology.chronology_import(
            actor=officer,
            review=review,
            request=police_request,
            file=upload("chronology.docx", buffer.getvalue()),
        )
        entries = dict(ChronologyEntry.objects.values_list("entry", "date_certainty"))
        assert entries == {"Welfare check": "exact", "Referral made": "month"}

    def test_a_word_document_without_a_table_is_refused(self, officer, review, police_request):
        document = docx.Document()
        document.add_paragraph("3 May 2016: welfare check")
        buffer = io.BytesIO()
        document.save(buffer)
        with pytest.raises(ValidationError, match="no table"):
            chronology.chronology_import(
                actor=officer,
                review=review,
                request=police_request,
                file=upload("chronology.docx", buffer.getvalue()),
            )
        assert not ChronologyEntry.objects.exists()

    def test_every_bad_row_is_listed_and_nothing_is_saved(
        self, client, review, officer, police_request
    ):
        content = xlsx(
            [
                row("03/05/2016", "Fine"),
                row("32/13/2016", "Bad date"),
                row("01/07/2026", "Future"),
                row("03/05/1950", "Too early"),
                row("03/05/2016", ""),
                row("05/13/2016", "Month first"),
                row("May 3rd", "No year"),
            ]
        )
        client.force_login(officer)
        html = error_page(
            client.post(import_url(review, police_request), {"file": upload("c.xlsx", content)})
        )
        assert "6 rows need correcting" in html
        for expected in (
            "is not a real date",
            "The date is in the future",
            "far outside the review",
            "Enter what happened",
            "written month first",
            "Enter the date day first",
        ):
            assert expected in html, expected
        assert not ChronologyEntry.objects.exists() and not ChronologyImport.objects.exists()
        assert not Document.objects.exists()

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "The selected file is empty"),
            (csv_bytes([]), "has only headings"),
            (csv_bytes([row("1/1/2016")], headings=[*HEADINGS[:-1], "Child's name"]), "personal"),
            (b"MZ\x90\x00" + b"\x00" * 100, "is a program"),
        ],
    )
    def test_files_refused_whole(self, officer, review, police_request, content, message):
        with pytest.raises(ValidationError) as refused:
            chronology.chronology_import(
                actor=officer, review=review, request=police_request, file=upload("c.csv", content)
            )
        assert message in refused.value.message_dict["file"][0]
        assert not ChronologyEntry.objects.exists()

    def test_too_many_rows_are_refused_without_reading_on(
        self, officer, review, police_request, settings
    ):
        settings.CHRONOLOGY_MAX_ROWS = 5
        content = xlsx([row("03/05/2016", f"Visit {n}") for n in range(6)])
        with pytest.raises(ValidationError, match="more than 5 rows"):
            chronology.chronology_import(
                actor=officer, review=review, request=police_request, file=upload("c.xlsx", content)
            )

    def test_a_zip_that_would_unzip_too_large_is_refused(
        self, officer, review, police_request, monkeypatch
    ):
        monkeypatch.setattr(chronology_files, "UNZIPPED_LIMIT", 64 * 1024)
        content = xlsx([row("03/05/2016", "x" * 9000) for _ in range(10)])
        with pytest.raises(ValidationError, match="too large once unzipped"):
            chronology.chronology_import(
                actor=officer, review=review, request=police_request, file=upload("c.xlsx", content)
            )

    def test_a_formula_is_never_evaluated(self, officer, review, police_request):
        # openpyxl saves a formula without its value: read as empty, so refused, not run.
        content = xlsx([row("03/05/2016", "=1+1")])
        with pytest.raises(ValidationError):
            chronology.chronology_import(
                actor=officer, review=review, request=police_request, file=upload("c.xlsx", content)
            )
        assert not ChronologyEntry.objects.exists()

    def test_another_agencys_contributor_gets_404(self, client, review, nurse, police_request):
        client.force_login(nurse)
        content = csv_bytes([row("03/05/2016")])
        response = client.post(
            import_url(review, police_request), {"file": upload("c.csv", content)}
        )
        assert response.status_code == 404
        assert not ChronologyEntry.objects.exists()


class TestOwnHeadings:
    def test_matched_once_then_remembered(self, client, review, officer, police_request):
        content = csv_bytes([["03/05/2016", "Visit by GP"]], headings=["When", "Notes"])
        client.force_login(officer)
        url = import_url(review, police_request)
        html = error_page(client.post(url, {"file": upload("c.csv", content)}))
        assert "say which column holds what" in html
        assert "Which column holds “Date”?" in html
        assert not ChronologyEntry.objects.exists()

        response = client.post(
            url,
            {
                "file": upload("c.csv", content),
                "headers": ["When", "Notes"],
                "column_date": "When",
                "column_what_happened": "Notes",
            },
        )
        assert response.status_code == 302
        assert ChronologyEntry.objects.get().entry == "Visit by GP"

        # The agency's next file with the same headings is matched the same way.
        again = csv_bytes([["04/05/2016", "Second visit"]], headings=["When", "Notes"])
        client.post(url, {"file": upload("c.csv", again)})
        assert ChronologyEntry.objects.get().entry == "Second visit"


class TestReplacing:
    def test_a_new_import_replaces_the_agencys_earlier_one_and_keeps_its_history(
        self, business_manager, review, officer, police_request, health
    ):
        first = chronology.chronology_import(
            actor=officer,
            review=review,
            request=police_request,
            file=upload("one.csv", csv_bytes([row("03/05/2016", "First")])),
        )
        theirs = chronology.chronology_import(
            actor=business_manager,
            review=review,
            agency=health,
            file=upload("h.csv", csv_bytes([row("04/05/2016", "Health's")])),
        )
        chronology.chronology_import(
            actor=officer,
            review=review,
            request=police_request,
            file=upload("two.csv", csv_bytes([row("05/05/2016", "Second")])),
        )
        assert set(ChronologyEntry.objects.values_list("entry", flat=True)) == {
            "Health's",
            "Second",
        }
        old = ChronologyEntry.all_objects.get(entry="First")
        assert "Replaced by the chronology two.csv" in old.withdrawal_reason
        assert old.history.count() == 2
        first.refresh_from_db()
        theirs.refresh_from_db()
        assert first.replaced_at is not None and theirs.replaced_at is None


@pytest.fixture
def merged(business_manager, review, police, health):
    """The police and health trust's chronologies: a shared day (3 May 2016), a gap of more
    than 90 days (to 1 Oct 2016) and an uncertain date."""
    chronology.chronology_import(
        actor=business_manager,
        review=review,
        agency=police,
        file=upload(
            "p.csv",
            csv_bytes(
                [
                    row("03/05/2016", "Police called to the home"),
                    row("01/10/2016", '=HYPERLINK("http://x")'),
                ]
            ),
        ),
    )
    chronology.chronology_import(
        actor=business_manager,
        review=review,
        agency=health,
        file=upload(
            "h.csv",
            csv_bytes([row("03/05/2016", "Seen by GP"), row("June 2016", "Missed appointment")]),
        ),
    )


class TestTheMergedChronology:
    def url(self, board, review, query=""):
        return reverse("reviews:chronology", args=[board.pk, review.pk]) + query

    def test_one_timeline_with_the_gap_and_the_shared_day_marked(
        self, client, business_manager, board, review, merged
    ):
        client.force_login(business_manager)
        response = client.get(self.url(board, review))
        html = response.content.decode()
        assert (
            html.index("Police called") < html.index("Missed appointment") < html.index("HYPERLINK")
        )
        assertContains(response, "Several agencies", count=2)
        assertContains(response, "1 gap longer than 90 days")
        assertContains(response, "Month only")

    def test_filters_by_agency_period_and_words(
        self, client, business_manager, board, review, merged, health
    ):
        client.force_login(business_manager)
        by_agency = client.get(self.url(board, review, f"?agency={health.pk}"))
        assertContains(by_agency, "Seen by GP")
        assertNotContains(by_agency, "Police called")
        by_words = client.get(self.url(board, review, "?q=GP"))
        assertContains(by_words, "Seen by GP")
        assertNotContains(by_words, "Missed appointment")
        by_period = client.get(self.url(board, review, "?date_from=2016-06-01&date_to=2016-12-31"))
        assertNotContains(by_period, "Seen by GP")
        assertContains(by_period, "Missed appointment")

    def test_a_bad_filter_date_says_so(self, client, business_manager, board, review, merged):
        client.force_login(business_manager)
        response = client.get(self.url(board, review, "?date_from=31-31-2016"))
        assertContains(response, "There is a problem with the filters")
        assertContains(response, "Seen by GP")

    def test_pages_hold_a_hundred_and_the_queries_do_not_grow(
        self, client, business_manager, board, review, police, django_assert_max_num_queries
    ):
        def page_queries():
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert client.get(self.url(board, review)).status_code == 200
            return len(queries)

        client.force_login(business_manager)
        ChronologyEntry.objects.bulk_create(
            ChronologyEntry(review=review, agency=police, occurred_on=D(2016, 1, 1), entry="x")
            for _ in range(5)
        )
        few = page_queries()
        ChronologyEntry.objects.bulk_create(
            ChronologyEntry(
                review=review,
                agency=police,
                occurred_on=D(2016, 1, 1) + dt.timedelta(days=n),
                entry=f"Entry {n}",
            )
            for n in range(250)
        )
        assert page_queries() == few
        assertContains(client.get(self.url(board, review, "?page=3")), "Page 3 of 3")

    def test_the_export_neutralises_formulas(self, client, business_manager, board, review, merged):
        client.force_login(business_manager)
        response = client.get(reverse("reviews:chronology_export", args=[board.pk, review.pk]))
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        texts = [r[6] for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert '\'=HYPERLINK("http://x")' in texts
        assert [r[9] for r in sheet.iter_rows(min_row=2, max_row=3, values_only=True)] == [
            "Yes",
            "Yes",
        ]

    def test_the_board_imports_on_an_agencys_behalf_from_the_page(
        self, client, business_manager, board, review, police
    ):
        client.force_login(business_manager)
        url = reverse("reviews:chronology_import", args=[board.pk, review.pk])
        html = error_page(client.post(url, {"file": upload("c.csv", csv_bytes([row("1/1/2016")]))}))
        assert "Select the agency" in html
        response = client.post(
            url,
            {"agency": str(police.pk), "file": upload("c.csv", csv_bytes([row("1/1/2016")]))},
        )
        assert response.status_code == 302
        assert ChronologyEntry.objects.get().agency == police
