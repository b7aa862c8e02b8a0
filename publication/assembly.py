"""Assembling a review's report from its records, in the Learning Together structure.

One function reads everything the report shows, in a fixed number of queries; the PDF, the
HTML version, the learning brief and the anonymisation check all use what it returns, so what
is checked is exactly what is published.
"""

import hashlib
from dataclasses import dataclass

from publication.anonymisation import Name, Passage
from publication.models import SECTIONS, Report
from reviews import methodologies
from reviews.models import IncidentPerson, Review, ReviewParticipant

FINDING_PARTS = (
    ("manifested", "How the issue showed in this case"),
    ("not_peculiar", "How we know it is not peculiar to this case"),
    ("how_widespread", "How widespread it is"),
    ("why_it_matters", "Why it matters"),
    ("issues_for_board", "Issues for the board to consider"),
)


@dataclass
class Section:
    code: str
    title: str
    text: str


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
            agency = person.agency.name if person.agency else "Other"
            case_group[agency] = case_group.get(agency, 0) + 1
    episodes = list(review.episodes.all())
    for episode in episodes:
        episode.factor_list = [
            (methodologies.CONTRIBUTORY_FACTORS.get(code, code), text)
            for code, text in (episode.factors or {}).items()
            if text
        ]
    findings = list(review.findings.select_related("category"))
    for number, finding in enumerate(findings, start=1):
        finding.number = number
        finding.parts = [
            (title, getattr(finding, code))
            for code, title in FINDING_PARTS
            if getattr(finding, code)
        ]
    return ReportContent(
        review=review,
        report=report,
        sections={code: Section(code, title, getattr(report, code)) for code, title, _ in SECTIONS},
        participants=participants,
        review_team=[p for p in participants if p.group == "review_team"],
        case_group_agencies=sorted(case_group.items()),
        research_questions=list(review.research_questions.all()),
        episodes=episodes,
        findings=findings,
        actions=list(review.actions.select_related("owner_agency", "finding")),
        chronology=list(review.chronology.select_related("agency")),
    )


def passages(content: ReportContent) -> list[Passage]:
    """Every piece of text the published report and brief show, with its place."""
    found = [Passage("Cover: case reference", content.reference)]
    for section in content.sections.values():
        found.append(Passage(section.title, section.text))
    for person in content.review_team:
        found.append(Passage("Review team", person.role))
    for question in content.research_questions:
        found.append(Passage("Research questions", question.question))
    for episode in content.episodes:
        place = f"Key practice episode: {episode.title}"
        found.append(Passage(place, episode.title))
        found.append(Passage(place, episode.what_happened))
        found.append(Passage(place, episode.appraisal))
        for heading, text in episode.factor_list:
            found.append(Passage(f"{place}: {heading}", text))
    for finding in content.findings:
        place = f"Finding {finding.number}"
        found.append(Passage(f"{place}: title", finding.title))
        for title, text in finding.parts:
            found.append(Passage(f"{place}: {title.lower()}", text))
        found.append(Passage(f"{place}: the board's response", finding.board_response))
    for action in content.actions:
        found.append(Passage("Actions", action.description))
        found.append(Passage("Actions: evidence of impact", action.evidence_of_impact))
    for entry in content.chronology:
        found.append(Passage(f"Chronology: {entry.occurred_on:%-d %B %Y}", entry.entry))
    return [passage for passage in found if passage.text]


def digest(content: ReportContent) -> str:
    """A fingerprint of every passage of the report, with its place."""
    text = "\x1e".join(f"{passage.place}\x1f{passage.text}" for passage in passages(content))
    return hashlib.sha256(text.encode()).hexdigest()


ROLE_NAMES = {
    IncidentPerson.Role.SUBJECT: "the subject",
    IncidentPerson.Role.FAMILY: "a family member",
    IncidentPerson.Role.PRACTITIONER: "a practitioner",
    IncidentPerson.Role.OTHER: "someone involved",
}


def names_for(review: Review) -> list[Name]:
    """Every real name and alias ever recorded for the case: of the people involved in the
    incident and of the practitioners and managers of the review team and case group, as they
    are now and as they were in every earlier version, withdrawn people included. Removing or
    renaming someone never takes a name out of the check."""
    return names_by_review([review])[review.pk]


def names_by_review(reviews) -> dict:
    """`names_for` of each of `reviews` at once, in four queries whatever their number."""
    reviews = list(reviews)
    of_incident = {review.incident_id: review.pk for review in reviews}
    found: dict = {review.pk: {} for review in reviews}

    def add(review_id, text, role):
        text = (text or "").strip()
        if text:
            found[review_id].setdefault(text.casefold(), Name(text, role))

    people_fields = ("incident_id", "name", "aliases", "role")
    people = [
        *IncidentPerson.all_objects.filter(incident_id__in=of_incident).values_list(*people_fields),
        *IncidentPerson.history.filter(incident_id__in=of_incident).values_list(*people_fields),
    ]
    for incident_id, name, aliases, role in people:
        role_name = ROLE_NAMES.get(role, "someone involved")
        add(of_incident[incident_id], name, role_name)
        for alias in (aliases or "").splitlines():
            add(of_incident[incident_id], alias, role_name)
    group_names = dict(ReviewParticipant.Group.choices)
    participant_fields = ("review_id", "name", "group")
    participants = [
        *ReviewParticipant.all_objects.filter(review_id__in=found).values_list(*participant_fields),
        *ReviewParticipant.history.filter(review_id__in=found).values_list(*participant_fields),
    ]
    for review_id, name, group in participants:
        add(review_id, name, f"a member of the {group_names.get(group, group).lower()}")
    return {review_id: list(names.values()) for review_id, names in found.items()}
