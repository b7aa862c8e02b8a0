"""A published Welsh review packed for the Wales Safeguarding Repository (WSR).

The WSR (run for the Welsh Government, docs/research/wales-susr.md section 6) gathers the
safeguarding reviews published in Wales; "as they are published, SUSRs will be uploaded to the
WSR". Its intake is not public: no list of fields, file format or upload route was found, and
it is open to registered users only. So the service makes a package the board's staff upload
by hand: the published report's PDF and `metadata.json`, in a shape of the service's own,
which says so in its `assumptions`. When the WSR publishes its intake, this is the one place
to change.

Nothing in it names anyone: the case reference, the board, dates (the incident's as a month
and year only, which identifies less), the review's type, the criteria met as the rulebook
wrote them, and the categories of the findings as published.
"""

import io
import json
import zipfile

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from publication import rendering, selectors
from publication.models import Publication
from publication.services import publishing
from reviews.models import Review

FORMAT = "safeguarding-case-reviews/wsr-export/1"
ASSUMPTIONS = (
    "The Wales Safeguarding Repository's intake format (its fields, file format and upload "
    "route) is not published (docs/research/wales-susr.md, section 6): this metadata's shape "
    "is the service's own, and the package is uploaded by hand.",
    "The region is the board's: Welsh safeguarding boards are regional, and the service "
    "records no region apart from the board.",
    "The incident date is given as a month and year only, which identifies less.",
    "The themes are the Learning Together categories of the findings as published, not the "
    "WSR's own coding of themes and keywords.",
    "The review types whose criteria were met are read from the reasons the rulebook gave when "
    "the incident was assessed; where none is named there, the review's own type is given.",
)
# The kinds of review the WSR holds, as the rulebooks name them in their reasons (a SUSR
# stands in for each one whose criteria are met).
KINDS_MET = (
    ("child practice review", "Child practice review"),
    ("adult practice review", "Adult practice review"),
    ("domestic homicide review", "Domestic homicide review"),
    ("mental health homicide review", "Mental health homicide review"),
    ("offensive weapons homicide review", "Offensive weapons homicide review"),
)


def is_welsh(review: Review) -> bool:
    return review.board.in_wales


def refusal(review: Review, publication: Publication | None) -> str:
    """Why the package cannot be made now; empty when it can."""
    if not is_welsh(review):
        return _("Only the reviews of a Welsh board go to the Wales Safeguarding Repository")
    if publication is None or not publication.is_published or publication.report_pdf_id is None:
        return _(
            "The report has not been published: it goes to the Wales Safeguarding Repository "
            "once it is"
        )
    restriction = publishing.restricted_until(review)
    if restriction is not None:
        return _(
            "A %(restriction)s applies until %(date)s: the report cannot go to the Wales "
            "Safeguarding Repository before it ends"
        ) % {
            "restriction": restriction.get_kind_display().lower(),
            "date": date_format(restriction.ends_on, "j F Y"),
        }
    return ""


def criteria_met(review: Review) -> list[str]:
    incident = review.incident
    reason = incident.criteria_reason.lower() if incident.criteria_outcome != "not_met" else ""
    met = [label for phrase, label in KINDS_MET if phrase in reason]
    return met or [review.get_review_type_display()]


def file_names(review: Review) -> tuple[str, str]:
    """The package's name and the report's name inside it."""
    reference = rendering.safe_file_name(review.incident.reference)
    return f"{reference}-wales-safeguarding-repository.zip", f"{reference}-report.pdf"


def metadata(review: Review, publication: Publication) -> dict:
    """The package's metadata.json, a file for another system: in English (its labels, like
    its assumptions and the criteria's reasons), whoever downloads it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _metadata(review, publication)


def _metadata(review: Review, publication: Publication) -> dict:
    incident, board = review.incident, review.board
    decision = getattr(incident, "decision", None)
    _, report_name = file_names(review)
    return {
        "format": FORMAT,
        "case_reference": incident.reference,
        "review_type": {"code": review.review_type, "name": review.get_review_type_display()},
        "review_types_met": criteria_met(review),
        "criteria_reason": incident.criteria_reason,
        "board": {"name": board.name, "region": board.name, "nation": board.get_nation_display()},
        "incident_month": f"{incident.incident_on:%Y-%m}",
        "decision_date": decision.decided_on.isoformat() if decision else None,
        "completion_date": review.completed_on.isoformat() if review.completed_on else None,
        "publication_date": publication.published_on.isoformat(),
        "published_at": publication.address,
        "themes": [
            {"code": category.code, "name": category.name}
            for category in selectors.published_themes(publication)
        ],
        "files": {
            "report": report_name,
            **(
                {"report_welsh": _welsh_name(report_name)}
                if publication.welsh_report_pdf_id
                else {}
            ),
        },
        "exported_on": timezone.localdate().isoformat(),
        "assumptions": list(ASSUMPTIONS),
    }


def _welsh_name(report_name: str) -> str:
    return report_name.removesuffix(".pdf") + "-cy.pdf"


def package(review: Review, publication: Publication) -> bytes:
    """The ZIP: the published report's PDF (and its Welsh, of a report published in both
    languages) and metadata.json. Raises FileNotFoundError when the file store has lost a PDF."""
    _, report_name = file_names(review)
    files = {report_name: publication.report_pdf}
    if publication.welsh_report_pdf_id:
        files[_welsh_name(report_name)] = publication.welsh_report_pdf
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, item in files.items():
            with item.pdf.open("rb") as pdf:
                archive.writestr(name, pdf.read())
        archive.writestr(
            "metadata.json", json.dumps(metadata(review, publication), indent=2, ensure_ascii=False)
        )
    return buffer.getvalue()
