"""A report as a Word document (DOCX), for the reviewers and the board office to edit as a
draft: the same structure as the PDF (publication/templates/publication/pdf/report.html), its
headings as Word headings (so Word's navigation pane and contents work), its tables as Word
tables with a header row, and the findings in the Learning Together template. The published
PDF stays the record: the document says so on its cover.
"""

import datetime as dt
import io

import docx
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
        return f"{entry.occurred_on:%B %Y}"
    if entry.date_certainty == "year":
        return f"{entry.occurred_on:%Y}"
    return f"{entry.occurred_on:%-d %b %Y}"


def docx_of(content: ReportContent, *, draft: bool, made_on: dt.date) -> bytes:
    """The report as a DOCX file's bytes."""
    review, report = content.review, content.report
    document = docx.Document()
    properties = document.core_properties
    properties.title = content.title
    properties.author = review.board.name
    properties.subject = (
        f"The {review.get_review_type_display().lower()} report of {content.reference}"
    )
    properties.language = "en-GB"

    document.add_paragraph(review.board.name)
    document.add_heading(review.get_review_type_display(), level=0)
    document.add_paragraph(content.reference)
    document.add_paragraph(
        f"Report version {report.version} ({report.get_status_display().lower()}), "
        f"made on {made_on:%-d %B %Y}"
    )
    document.add_paragraph(
        "A Word version to edit as a draft. The published report is the PDF the service "
        "renders: change the report in the service, not here."
        + (" DRAFT: not for publication." if draft else "")
    )

    sections = content.sections
    document.add_heading(f"1. {sections['introduction'].title}", level=1)
    _paragraphs(document, sections["introduction"].text)
    document.add_heading(f"2. {sections['case_summary'].title}", level=1)
    _paragraphs(document, sections["case_summary"].text)

    document.add_heading("3. Methodology, review team, case group and research questions", 1)
    method = review.get_methodology_display()
    if review.lt_option:
        method += f" ({review.get_lt_option_display().lower()})"
    document.add_paragraph(f"The review used {method}.")
    _paragraphs(document, sections["methodology_notes"].text)
    document.add_heading("Review team", level=2)
    if content.review_team:
        _table(
            document,
            "Members of the review team, by role",
            ["Role", "Agency"],
            [
                [m.role or "Senior representative", m.agency.name if m.agency else "Independent"]
                for m in content.review_team
            ],
        )
    else:
        document.add_paragraph("No review team was recorded.")
    document.add_heading("Case group", level=2)
    if content.case_group_agencies:
        _table(
            document,
            "Practitioners in the case group, by agency",
            ["Agency", "Practitioners"],
            [[agency, str(count)] for agency, count in content.case_group_agencies],
        )
    else:
        document.add_paragraph("No case group was recorded.")
    document.add_heading("Research questions", level=2)
    for question in content.research_questions:
        document.add_paragraph(question.question, style="List Number")
    if not content.research_questions:
        document.add_paragraph("No research questions were recorded.")

    document.add_heading(f"4. {sections['appraisal'].title}", level=1)
    _paragraphs(document, sections["appraisal"].text)
    for episode in content.episodes:
        document.add_heading(f"Key practice episode {episode.number}: {episode.title}", 2)
        document.add_paragraph(f"{episode.occurred_on:%-d %B %Y}")
        _paragraphs(document, episode.what_happened)
        if episode.appraisal:
            document.add_heading("Appraisal of practice", level=3)
            _paragraphs(document, episode.appraisal)
        if episode.factor_list:
            document.add_heading("Contributory factors", level=3)
            for heading, text in episode.factor_list:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{heading}: ").bold = True
                paragraph.add_run(text)

    # The findings in the Learning Together template: each finding's parts as its headings.
    document.add_heading("5. Findings", level=1)
    for finding in content.findings:
        document.add_heading(f"Finding {finding.number}: {finding.title}", level=2)
        document.add_paragraph(f"Category: {finding.category.name}")
        for title, text in finding.parts:
            document.add_heading(title, level=3)
            _paragraphs(document, text)
    if not content.findings:
        document.add_paragraph("No findings were recorded.")

    document.add_heading("6. Issues for the board and the board's response", level=1)
    for finding in content.findings:
        document.add_heading(f"Finding {finding.number}: {finding.title}", level=2)
        if finding.issues_for_board:
            document.add_heading("Issues for the board", level=3)
            _paragraphs(document, finding.issues_for_board)
        document.add_heading("The board's response", level=3)
        _paragraphs(document, finding.board_response or "The board has not yet responded.")

    document.add_heading("7. Actions taken, their impact and what more will be done", level=1)
    if content.actions:
        _table(
            document,
            "The board's action plan",
            ["Action", "Agency", "Due", "Status", "Evidence of impact"],
            [
                [
                    action.description,
                    action.owner_agency.name,
                    f"{action.due_on:%-d %b %Y}" if action.due_on else "",
                    action.get_status_display(),
                    action.evidence_of_impact or "—",
                ]
                for action in content.actions
            ],
        )
    else:
        document.add_paragraph("No actions have been agreed yet.")
    document.add_heading(sections["further_work"].title, level=2)
    _paragraphs(document, sections["further_work"].text)

    if content.chronology:
        document.add_heading("Appendix: chronology", level=1)
        _table(
            document,
            "What the agencies recorded, in date order",
            ["Date", "Agency", "What happened"],
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
