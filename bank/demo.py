"""Demo data for `make run`: a few reports in the bank of completed reports, so that its search
and the learning library's can be tried. Their words are made up here, with no real names (a
case reference and roles only), and made into PDFs as a board would publish them; added,
read and confirmed as the services do it."""

from django.core.files.base import ContentFile
from django.utils.html import escape

from bank import services
from bank.models import BankedReport, Theme

# (title, published by, year, review type, age band, paragraphs of the report)
REPORTS = [
    (
        "Child V: a local child safeguarding practice review",
        "Northshire Safeguarding Children Partnership",
        2022,
        "lcspr",
        "under_1",
        [
            "Child V was seven weeks old when admitted to hospital with a fractured skull. The "
            "review looked at how agencies worked with the family in the first weeks of life.",
            "The health visitor saw bruising on the baby's ear and recorded it, but information "
            "sharing with the GP and children's social care did not follow. Bruising in a baby "
            "who is not yet mobile should always prompt a referral.",
            "Mother's mental health had been assessed in pregnancy; the assessment was not "
            "shared with the midwife after the birth. Information sharing between maternity and "
            "health visiting depended on a fax that was never sent.",
            "Non-accidental injury was considered by the hospital within hours; the strategy "
            "discussion did not include the health visitor, whose information sharing would "
            "have shown the earlier bruising.",
        ],
    ),
    (
        "Adult X: a safeguarding adults review",
        "Southshire Safeguarding Adults Board",
        2021,
        "sar_mandatory",
        "65_plus",
        [
            "Adult X, a man in his seventies, died at home of hypothermia and self-neglect. He "
            "had refused care after his wife's death.",
            "Professionals respected his right to refuse but did not assess his capacity for the "
            "decision to refuse heating repairs. Self-neglect was recorded by three agencies "
            "separately; no one called a multi-agency meeting.",
            "Escalation of concerns from the district nurses to the adult social care team went "
            "unanswered for five weeks. Self-neglect guidance was not used, and escalation to "
            "managers was not made when the house grew colder.",
            "The board asks how self-neglect cases will be held by one lead professional and "
            "how escalation between agencies will be made routine.",
        ],
    ),
    (
        "Child Y: a serious case review",
        "Eastshire Local Safeguarding Children Board",
        2017,
        "scr",
        "11_to_15",
        [
            "Child Y, aged fourteen, was found to be the victim of child criminal exploitation "
            "and was seriously injured in another county.",
            "Missing episodes were recorded by the police and the school, but the return "
            "interviews did not ask about exploitation. Domestic abuse at home had been "
            "known to the police for years; the domestic abuse was not linked to the missing "
            "episodes.",
            "Professionals saw an adolescent making choices rather than a child being groomed. "
            "Domestic abuse services and youth offending held information that was never put "
            "together in one assessment.",
            "The review asks the partnership to check that exploitation screening is used at "
            "every return interview, and that domestic abuse notifications reach schools.",
        ],
    ),
]


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    from weasyprint import HTML  # the service's PDF renderer (publication.rendering)

    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return HTML(string=f"<h1>{escape(title)}</h1>{body}").write_pdf()


def seed(*, board, manager, staff, warn=None) -> None:
    """The reports: the first kept by `board` (its business manager), the others in SCIE's own
    bank (the accreditation staff)."""
    for index, (title, published_by, year, review_type, age_band, paragraphs) in enumerate(REPORTS):
        if BankedReport.all_objects.filter(title=title).exists():
            continue
        actor, keeper = (manager, board) if index == 0 else (staff, None)
        try:
            file = ContentFile(_pdf(title, paragraphs), name=f"{title.split(':')[0]}.pdf")
        except (ImportError, OSError) as error:
            if warn:
                warn(f"The demo bank's reports are kept as links only: {error}\n")
            file = None
        report = services.report_add(
            actor=actor,
            board=keeper,
            title=title,
            published_by=published_by,
            year=year,
            review_type=review_type,
            age_band=age_band,
            file=file,
            published_url="" if file else "https://example.org/reports/demo.pdf",
        )
        if file is not None:
            services.report_read(report.pk)  # as the worker would, now
        report.refresh_from_db()
        themes = report.suggested_themes.all() or Theme.objects.none()
        services.report_confirm(actor=actor, report=report, themes=list(themes))
