"""The self-assessment as a spreadsheet, for independent scrutiny and inspection.

The review is named by its case reference only: the workbook leaves the service, so it holds
no name of anyone the review is about. Cells that a spreadsheet would read as a formula are
neutralised, as the chronology's export does.
"""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from guidance import quality_markers as qm
from quality import selectors
from reviews.chronology_export import neutralised

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def summary_rows(review, assessment) -> list[tuple[str, str]]:
    markers = assessment.markers
    return [
        (_("Case reference"), review.incident.reference),
        (_("Type of review"), str(review.get_review_type_display())),
        (_("Board"), review.board.name),
        (_("Quality markers"), f"{markers.title} ({markers.published})"),
        (_("Source"), " ; ".join(markers.sources)),
        (_("State"), str(assessment.get_state_display())),
        (_("Started by"), assessment.started_by.name),
        (_("Started on"), _day(assessment.created_at.date())),
        (_("Completed by"), assessment.completed_by.name if assessment.completed_by else ""),
        (_("Completed on"), _day(assessment.completed_on)),
    ]


def assessment_xlsx(review, assessment) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = _("Self-assessment")
    for label, value in summary_rows(review, assessment):
        about.append([label, neutralised(value)])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 80

    sheet = workbook.create_sheet(_("Markers"))
    headings = [
        _("Number"),
        _("Stage"),
        _("Marker"),
        _("Its theme"),
        _("Judgement"),
        _("Evidence"),
        _("Judged by"),
        _("Judged on"),
        _("Source"),
    ]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for stage, rows in selectors.stages_of(assessment):
        for marker, judgement in rows:
            sheet.append(
                [
                    marker.number,
                    str(stage.title),
                    str(marker.name),
                    str(marker.theme),
                    str(qm.JUDGEMENTS.get(judgement.judgement, _("Not judged"))),
                    neutralised(judgement.evidence),
                    judgement.judged_by.name if judgement.judged_by else "",
                    _day(judgement.judged_on),
                    marker.source,
                ]
            )
    for column, width in zip("ABCDEFGHI", (8, 22, 30, 50, 14, 80, 20, 16, 40), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
