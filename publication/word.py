"""A report as a Word document (DOCX), for the reviewers and the board office to edit as a
draft: the same structure as the PDF (publication/templates/publication/pdf/report.html), its
headings as Word headings (so Word's navigation pane and contents work), its tables as Word
tables with a header row, and the findings in the Learning Together template. The published
PDF stays the record: the document says so on its cover.
"""

import datetime as dt
import io

import docx
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from publication.assembly import ReportContent

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paragraphs(document, text: str) -> None:
    """Text as typed: a blank line starts a new paragraph, a single line break stays one."""
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        paragraph = document.add_paragraph()
        for number, line in enumerate(block.split("\n")):
            if number:
                paragraph.runs[-1].add_break(WD_BREAK.LINE)
            paragraph.add_run(line)


def _table(document, caption: str, headers: list[str], rows: list[list[str]]) -> None:
    """A Word table with its caption before it and a header row repeated on every page."""
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    # Word repeats the header row on each page, and reads it as the table's header.
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def _chronology_date(entry) -> str:
    if entry.date_as_written:
        return entry.date_as_written
    if entry.date_certainty == "month":
        return date_format(entry.occurred_on, "F Y")
    if entry.date_certainty == "year":
        return f"{entry.occurred_on:%Y}"
    return date_format(entry.occurred_on, "j M Y")


def _finding_heading(finding) -> str:
    return _("Finding %(number)s: %(title)s") % {"number": finding.number, "title": finding.title}


def docx_of(content: ReportContent, *, draft: bool, made_on: dt.date) -> bytes:
    """The report as a DOCX file's bytes."""
    review, report = content.review, content.report
    document = docx.Document()
    properties = document.core_properties
    properties.title = content.title
    properties.author = review.board.name
    properties.subject = _("The %(review_type)s report of %(reference)s") % {
        "review_type": review.get_review_type_display().lower(),
        "reference": content.reference,
    }
    properties.language = "en-GB"

    document.add_paragraph(review.board.name)
    document.add_heading(review.get_review_type_display(), level=0)
    document.add_paragraph(content.reference)
    document.add_paragraph(
        _("Report version %(version)s (%(status)s), made on %(date)s")
        % {
            "version": report.version,
            "status": report.get_status_display().lower(),
            "date": date_format(made_on, "j F Y"),
        }
    )
    document.add_paragraph(
        _(
            "A Word version to edit as a draft. The published report is the PDF the service "
            "renders: change the report in the service, not here. DRAFT: not for publication."
        )
        if draft
        else _(
            "A Word version to edit as a draft. The published report is the PDF the service "
            "renders: change the report in the service, not here."
        )
    )

    sections = content.sections
    document.add_heading(f"1. {sections['introduction'].title}", level=1)
    _paragraphs(document, sections["introduction"].text)
    document.add_heading(f"2. {sections['case_summary'].title}", level=1)
    _paragraphs(document, sections["case_summary"].text)

    document.add_heading(
        _("3. Methodology, review team, case group and research questions"), level=1
    )
    if review.lt_option:
        document.add_paragraph(
            _("The review used %(methodology)s (%(option)s).")
            % {
                "methodology": review.get_methodology_display(),
                "option": review.get_lt_option_display().lower(),
            }
        )
    else:
        document.add_paragraph(
            _("The review used %(methodology)s.")
            % {"methodology": review.get_methodology_display()}
        )
    _paragraphs(document, sections["methodology_notes"].text)
    document.add_heading(_("Review team"), level=2)
    if content.review_team:
        _table(
            document,
            _("Members of the review team, by role"),
            [_("Role"), _("Agency")],
            [
                [
                    m.role or _("Senior representative"),
                    m.agency.name if m.agency else _("Independent"),
                ]
                for m in content.review_team
            ],
        )
    else:
        document.add_paragraph(_("No review team was recorded."))
    document.add_heading(_("Case group"), level=2)
    if content.case_group_agencies:
        _table(
            document,
            _("Practitioners in the case group, by agency"),
            [_("Agency"), _("Practitioners")],
            [[agency, str(count)] for agency, count in content.case_group_agencies],
        )
    else:
        document.add_paragraph(_("No case group was recorded."))
    document.add_heading(_("Research questions"), level=2)
    for question in content.research_questions:
        document.add_paragraph(question.question, style="List Number")
    if not content.research_questions:
        document.add_paragraph(_("No research questions were recorded."))

    document.add_heading(f"4. {sections['appraisal'].title}", level=1)
    _paragraphs(document, sections["appraisal"].text)
    for episode in content.episodes:
        document.add_heading(
            _("Key practice episode %(number)s: %(title)s")
            % {"number": episode.number, "title": episode.title},
            2,
        )
        document.add_paragraph(date_format(episode.occurred_on, "j F Y"))
        _paragraphs(document, episode.what_happened)
        if episode.appraisal:
            document.add_heading(_("Appraisal of practice"), level=3)
            _paragraphs(document, episode.appraisal)
        if episode.factor_list:
            document.add_heading(_("Contributory factors"), level=3)
            for heading, text in episode.factor_list:
                paragraph = document.add_paragraph()
                paragraph.add_run(_("%(heading)s: ") % {"heading": heading}).bold = True
                paragraph.add_run(text)

    # The findings in the Learning Together template: each finding's parts as its headings.
    document.add_heading(_("5. Findings"), level=1)
    for finding in content.findings:
        document.add_heading(_finding_heading(finding), level=2)
        document.add_paragraph(_("Category: %(category)s") % {"category": finding.category.name})
        for title, text in finding.parts:
            document.add_heading(_(title), level=3)
            _paragraphs(document, text)
    if not content.findings:
        document.add_paragraph(_("No findings were recorded."))

    document.add_heading(_("6. Issues for the board and the board's response"), level=1)
    for finding in content.findings:
        document.add_heading(_finding_heading(finding), level=2)
        if finding.issues_for_board:
            document.add_heading(_("Issues for the board"), level=3)
            _paragraphs(document, finding.issues_for_board)
        document.add_heading(_("The board's response"), level=3)
        _paragraphs(document, finding.board_response or _("The board has not yet responded."))

    document.add_heading(_("7. Actions taken, their impact and what more will be done"), level=1)
    if content.actions:
        _table(
            document,
            _("The board's action plan"),
            [_("Action"), _("Agency"), _("Due"), _("Status"), _("Evidence of impact")],
            [
                [
                    action.description,
                    action.owner_agency.name,
                    date_format(action.due_on, "j M Y") if action.due_on else "",
                    action.get_status_display(),
                    action.evidence_of_impact or "—",
                ]
                for action in content.actions
            ],
        )
    else:
        document.add_paragraph(_("No actions have been agreed yet."))
    document.add_heading(sections["further_work"].title, level=2)
    _paragraphs(document, sections["further_work"].text)

    if content.chronology:
        document.add_heading(_("Appendix: chronology"), level=1)
        _table(
            document,
            _("What the agencies recorded, in date order"),
            [_("Date"), _("Agency"), _("What happened")],
            [
                [
                    _chronology_date(entry),
                    entry.agency.name
                    + (f", {entry.practitioner_role}" if entry.practitioner_role else ""),
                    entry.entry + (f" {entry.action_taken}" if entry.action_taken else ""),
                ]
                for entry in content.chronology
            ],
        )

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
