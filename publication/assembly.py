"""Assembling a review's report from its records, in the Learning Together structure.

One function reads everything the report shows, in a fixed number of queries; the PDF, the
HTML version, the learning brief and the anonymisation check all use what it returns, so what
is checked is exactly what is published.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Value
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from guidance import methodologies
from publication.anonymisation import Name, Passage
from publication.models import SECTIONS, WELSH, Report
from reviews.models import Incident, IncidentPerson, Review, ReviewParticipant

# The titles stay in English here (they are part of the places of the anonymisation check and
# of the library's copy of a finding); a page or document translates them as it shows them.
FINDING_PARTS = (
    ("manifested", gettext_noop("How the issue showed in this case")),
    ("not_peculiar", gettext_noop("How we know it is not peculiar to this case")),
    ("how_widespread", gettext_noop("How widespread it is")),
    ("why_it_matters", gettext_noop("Why it matters")),
    ("issues_for_board", gettext_noop("Issues for the board to consider")),
)


@dataclass
class Section:
    code: str
    title: str
    text: str


@dataclass(frozen=True)
class AgencyName:
    name: str


@dataclass(slots=True)
class ChronologyRow:
    """One entry of the chronology appendix, as the report shows it (the same attributes as a
    `ChronologyEntry`'s): read as plain values, since an appendix may hold 10,000 entries."""

    pk: object
    occurred_on: object
    date_certainty: str
    date_as_written: str
    agency: AgencyName
    practitioner_role: str
    entry: str
    action_taken: str


def chronology_rows(review: Review) -> list[ChronologyRow]:
    """The review's current chronology, in its order, for the appendix: one query."""
    agencies: dict[str, AgencyName] = {}
    return [
        ChronologyRow(
            pk,
            occurred_on,
            certainty,
            as_written,
            agencies.setdefault(agency, AgencyName(agency)),
            role,
            entry,
            action_taken,
        )
        for pk, occurred_on, certainty, as_written, agency, role, entry, action_taken in (
            review.chronology.values_list(
                "pk",
                "occurred_on",
                "date_certainty",
                "date_as_written",
                "agency__name",
                "practitioner_role",
                "entry",
                "action_taken",
            )
        )
    ]


@dataclass
class ReportContent:
    review: Review
    report: Report
    sections: dict[str, Section]
    participants: list  # ReviewParticipant rows: the report shows their roles, never names
    review_team: list
    case_group_agencies: list[tuple[str, int]]
    research_questions: list
    episodes: list
    findings: list
    actions: list
    chronology: list
    welsh: dict = field(default_factory=dict)  # {passage key: WelshPassage}, if held in Welsh
    language: str = settings.LANGUAGE_CODE  # the document's: Welsh once `put_in_welsh`
    # `texts_of` kept: the pieces and their holders do not change once assembled (their
    # words may: `put_in_welsh`), and a report with its chronology has tens of thousands.
    texts: list | None = field(default=None, repr=False, compare=False)

    @property
    def reference(self) -> str:
        return self.review.incident.reference

    @property
    def title(self) -> str:
        return f"{self.review.get_review_type_display()}: {self.reference}"


def report_for(review: Review) -> Report:
    """The review's report, started (empty) the first time anyone opens it."""
    report = getattr(review, "report", None)  # a missing reverse one-to-one is an AttributeError
    if report is None:
        report, _ = Report.objects.get_or_create(review=review)
        review.report = report
    return report


def assemble(review: Review, report: Report | None = None) -> ReportContent:
    report = report or report_for(review)
    participants = list(review.participants.select_related("agency"))
    case_group: dict[str, int] = {}
    for person in participants:
        if person.group == "case_group":
            agency = person.agency.name if person.agency else gettext("Other")
            case_group[agency] = case_group.get(agency, 0) + 1
    episodes = list(review.episodes.all())
    for number, episode in enumerate(episodes, start=1):
        episode.number = number
        factors = [(code, text) for code, text in (episode.factors or {}).items() if text]
        episode.factor_codes = [code for code, _text in factors]
        episode.factor_list = [
            (methodologies.CONTRIBUTORY_FACTORS.get(code, code), text) for code, text in factors
        ]
    findings = list(review.findings.select_related("category"))
    for number, finding in enumerate(findings, start=1):
        finding.number = number
        parts = [(code, title) for code, title in FINDING_PARTS if getattr(finding, code)]
        finding.part_codes = [code for code, _title in parts]
        finding.parts = [(title, getattr(finding, code)) for code, title in parts]
    return ReportContent(
        review=review,
        report=report,
        sections={
            code: Section(code, title, getattr(report, code)) for code, title, _hint in SECTIONS
        },
        participants=participants,
        review_team=[p for p in participants if p.group == "review_team"],
        case_group_agencies=sorted(case_group.items()),
        research_questions=list(review.research_questions.all()),
        episodes=episodes,
        findings=findings,
        actions=list(review.actions.select_related("owner_agency", "finding")),
        chronology=chronology_rows(review) if report.chronology_appendix else [],
        welsh=(
            {welsh.key: welsh for welsh in report.welsh_passages.all()}
            if report.in_welsh and report.pk
            else {}
        ),
    )


@dataclass(frozen=True)
class Text:
    """One piece of the report a person wrote: where it is (`place`, in English words), where it
    comes from (`key`: its record's id and field, stable whatever the words), and where it is
    held in the assembled content (`holder`'s attribute, or item of a list of pairs), so that
    its Welsh can take its place."""

    key: str
    place: str
    holder: object
    name: str | int

    @property
    def text(self) -> str:
        if isinstance(self.name, int):
            return self.holder[self.name][1]
        return getattr(self.holder, self.name)

    def replace(self, text: str) -> None:
        if isinstance(self.name, int):
            self.holder[self.name] = (self.holder[self.name][0], text)
        else:
            setattr(self.holder, self.name, text)


def passages(content: ReportContent) -> list[Passage]:
    """Every piece of text the published report and brief show, with its place; of a report
    held in Welsh too, then every Welsh passage written for it (placed "Welsh: …")."""
    # The places are in English whoever asks: a flag's key and the report's digest are made
    # of them, and a dismissal or a sign-off must hold in either language.
    with translation.override(settings.LANGUAGE_CODE):
        found = [Passage("Cover: case reference", content.reference)]
        texts = [text for text in texts_of(content) if text.text]
        found += [Passage(text.place, text.text) for text in texts]
        for text in texts:
            welsh = content.welsh.get(text.key)
            if welsh is not None and welsh.text:
                found.append(Passage(f"Welsh: {text.place}", welsh.text, welsh=True))
    return [passage for passage in found if passage.text]


def texts_of(content: ReportContent) -> list[Text]:
    """Every piece of the report a person wrote, in the report's order (empty ones too)."""
    if content.texts is None:
        content.texts = _texts_of(content)
    return content.texts


def _texts_of(content: ReportContent) -> list[Text]:
    found = [
        Text(f"section:{code}", str(section.title), section, "text")
        for code, section in content.sections.items()
    ]
    for person in content.review_team:
        found.append(Text(f"participant:{person.pk}:role", "Review team", person, "role"))
    for question in content.research_questions:
        found.append(Text(f"question:{question.pk}", "Research questions", question, "question"))
    for episode in content.episodes:
        # By its number, never its title: a place goes into messages and the check's record,
        # and a title is text a reviewer typed (it could hold the very name being reported).
        place = f"Key practice episode {episode.number}"
        for name in ("title", "what_happened", "appraisal"):
            found.append(Text(f"episode:{episode.pk}:{name}", place, episode, name))
        for index, (code, heading) in enumerate(
            zip(episode.factor_codes, episode.factor_list, strict=True)
        ):
            found.append(
                Text(
                    f"episode:{episode.pk}:factor:{code}",
                    f"{place}: {heading[0]}",
                    episode.factor_list,
                    index,
                )
            )
    for finding in content.findings:
        place = f"Finding {finding.number}"
        found.append(Text(f"finding:{finding.pk}:title", f"{place}: title", finding, "title"))
        # By the finding's own field (the brief reads them there), `parts` made again after.
        for code, (title, _text) in zip(finding.part_codes, finding.parts, strict=True):
            found.append(
                Text(f"finding:{finding.pk}:{code}", f"{place}: {title.lower()}", finding, code)
            )
        found.append(
            Text(
                f"finding:{finding.pk}:board_response",
                f"{place}: the board's response",
                finding,
                "board_response",
            )
        )
    for action in content.actions:
        found.append(Text(f"action:{action.pk}:description", "Actions", action, "description"))
        found.append(
            Text(
                f"action:{action.pk}:evidence_of_impact",
                "Actions: evidence of impact",
                action,
                "evidence_of_impact",
            )
        )
    places: dict = {}  # of each day once: 10,000 entries fall on far fewer days
    for entry in content.chronology:
        place = places.get(entry.occurred_on)
        if place is None:
            place = places[entry.occurred_on] = f"Chronology: {entry.occurred_on:%-d %B %Y}"
        found.append(Text(f"chronology:{entry.pk}:entry", place, entry, "entry"))
        found.append(
            Text(
                f"chronology:{entry.pk}:action_taken",
                f"{place}: what was done",
                entry,
                "action_taken",
            )
        )
        found.append(
            Text(
                f"chronology:{entry.pk}:practitioner_role",
                f"{place}: practitioner",
                entry,
                "practitioner_role",
            )
        )
    return found


def english_digest(text: str) -> str:
    """What a Welsh passage translates: the English as it was when the Welsh was written."""
    return hashlib.sha256(text.encode()).hexdigest()


WELSH_MISSING = "missing"
WELSH_OUT_OF_DATE = "out_of_date"
WELSH_WRITTEN = "written"


@dataclass(frozen=True)
class WelshRow:
    text: Text
    english: str
    welsh: object  # its WelshPassage, or None
    state: str  # WELSH_MISSING, WELSH_OUT_OF_DATE or WELSH_WRITTEN


def welsh_rows(content: ReportContent) -> list[WelshRow]:
    """Each passage of the report to write in Welsh (every one with English text), its Welsh
    and whether that is missing, out of date (the English changed since) or written."""
    rows = []
    for text in texts_of(content):
        english = text.text
        if not english:
            continue
        welsh = content.welsh.get(text.key)
        if welsh is None or not welsh.text:
            state = WELSH_MISSING
        elif welsh.english_digest != english_digest(english):
            state = WELSH_OUT_OF_DATE
        else:
            state = WELSH_WRITTEN
        rows.append(WelshRow(text, english, welsh, state))
    return rows


def put_in_welsh(content: ReportContent) -> ReportContent:
    """`content` made the Welsh document: each passage's Welsh in place of its English (a
    draft's passage with none yet keeps its English). Changes `content`: take its passages
    and digest first."""
    for text in texts_of(content):
        welsh = content.welsh.get(text.key)
        if welsh is not None and welsh.text and text.text:
            text.replace(welsh.text)
    for finding in content.findings:
        finding.parts = [
            (title, getattr(finding, code))
            for code, (title, _text) in zip(finding.part_codes, finding.parts, strict=True)
        ]
    content.language = WELSH
    return content


def digest(content: ReportContent) -> str:
    """A fingerprint of every passage of the report, with its place."""
    text = "\x1e".join(f"{passage.place}\x1f{passage.text}" for passage in passages(content))
    return hashlib.sha256(text.encode()).hexdigest()


# Whose name a match is, in English (the API gives it so); a page translates it as it shows it.
ROLE_NAMES = {
    IncidentPerson.Role.SUBJECT: gettext_noop("the subject"),
    IncidentPerson.Role.FAMILY: gettext_noop("a family member"),
    IncidentPerson.Role.PRACTITIONER: gettext_noop("a practitioner"),
    IncidentPerson.Role.OTHER: gettext_noop("someone involved"),
}
GROUP_ROLE_NAMES = {
    ReviewParticipant.Group.REVIEW_TEAM: gettext_noop("a member of the review team"),
    ReviewParticipant.Group.CASE_GROUP: gettext_noop("a member of the case group"),
}


def names_for(review: Review) -> list[Name]:
    """Every real name and alias ever recorded for the case: of the people involved in the
    incident and of the practitioners and managers of the review team and case group, as they
    are now and as they were in every earlier version, withdrawn people included. Removing or
    renaming someone never takes a name out of the check."""
    return names_by_review([review])[review.pk]


@dataclass(frozen=True)
class CasePerson:
    """One version of someone recorded for a case (a person involved, or a member of the
    review team or case group), or one agency involved in it (`role` AGENCY_INVOLVED), as
    `case_people` reads them."""

    review_id: object
    name: str
    role: str  # IncidentPerson.Role, ReviewParticipant.Group, or AGENCY_INVOLVED
    aliases: str
    job: str  # a practitioner's relationship or role, a participant's job title
    agency_name: str
    agency_sector: str


AGENCY_INVOLVED = "agency_involved"


def case_people(reviews) -> list[CasePerson]:
    """Every version of everyone recorded for `reviews` (the people involved and the review
    team and case group, now, withdrawn included, and in their history), with their agencies,
    and the agencies involved in the incidents: one query."""
    reviews = list(reviews)
    of_incident = {review.incident_id: review.pk for review in reviews}
    review_ids = list(of_incident.values())
    agency = ("agency__name", "agency__sector")
    people = ("incident_id", "name", "role", "aliases", "relationship", *agency)
    participants = ("review_id", "name", "group", Value(""), "role", *agency)
    involved = (
        "incident_id",
        "agency__name",
        Value(AGENCY_INVOLVED),
        Value(""),
        Value(""),
        *agency,
    )
    # Unordered: a compound statement takes no ORDER BY in its parts (the models have one).
    parts = [
        IncidentPerson.all_objects.filter(incident_id__in=of_incident).values_list(*people),
        IncidentPerson.history.filter(incident_id__in=of_incident).values_list(*people),
        ReviewParticipant.all_objects.filter(review_id__in=review_ids).values_list(*participants),
        ReviewParticipant.history.filter(review_id__in=review_ids).values_list(*participants),
        Incident.agencies.through.objects.filter(incident_id__in=of_incident).values_list(
            *involved
        ),
    ]
    first, *others = (part.order_by() for part in parts)
    by_review = set(ReviewParticipant.Group.values)
    return [
        CasePerson(
            review_id=scope if role in by_review else of_incident[scope],
            name=name or "",
            role=role,
            aliases=aliases or "",
            job=job or "",
            agency_name=agency_name or "",
            agency_sector=agency_sector or "",
        )
        for scope, name, role, aliases, job, agency_name, agency_sector in first.union(*others)
    ]


def names_by_review(reviews, people: list[CasePerson] | None = None) -> dict:
    """`names_for` of each of `reviews` at once, in one query whatever their number."""
    reviews = list(reviews)
    people = case_people(reviews) if people is None else people
    found: dict = {review.pk: {} for review in reviews}
    for person in people:
        if person.role == AGENCY_INVOLVED:
            continue
        role = GROUP_ROLE_NAMES.get(person.role) or ROLE_NAMES.get(
            person.role, ROLE_NAMES[IncidentPerson.Role.OTHER]
        )
        for text in (person.name, *person.aliases.splitlines()):
            text = text.strip()
            if text:
                found[person.review_id].setdefault(text.casefold(), Name(text, role))
    return {review_id: list(names.values()) for review_id, names in found.items()}
