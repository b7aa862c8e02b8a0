"""A review with a report ready for sign-off, made up for tests, the benchmark and the demo.

`fill_review` writes straight to the tables (quickly, for a hundred pages) what the reviewers,
the supervisor and the board would have recorded through the services: the people involved
with their real names, participants, episodes, findings that are quality-assured and answered,
actions, a chronology and the report's sections. Nothing it writes holds a real name, so the
anonymisation check passes until a test puts one in.
"""

import datetime as dt

from django.utils import timezone

from publication.models import Report
from reviews.models import (
    Action,
    ChronologyEntry,
    Finding,
    FindingCategory,
    IncidentPerson,
    KeyPracticeEpisode,
    ResearchQuestion,
    Review,
    ReviewParticipant,
)

# Real names recorded for the case: the report must never show them.
PEOPLE = [
    ("subject", "Amelia Thornbury", "Millie\nAmy Thornbury-Hale"),
    ("family", "Gareth Thornbury", "Gaz"),
    ("practitioner", "Priya Ramaswamy", ""),
]
PARTICIPANTS = [
    ("review_team", "Harriet Blackwood", "Head of safeguarding"),
    ("review_team", "Desmond Okonkwo", "Designated nurse"),
    ("case_group", "Fiona Castellane", "Social worker"),
    ("case_group", "Tobias Wrenfield", "Health visitor"),
]
PARAGRAPH = (
    "Practitioners worked hard to keep Child Q safe, and the review found much that was done "
    "well. Information about the home was held by several agencies, but no single agency saw "
    "the whole picture, and the risk that built up over the winter was not recognised. The "
    "case group described heavy caseloads, changes of worker and meetings that did not include "
    "the health professionals who knew the family best."
)
SECTIONS = {
    "introduction": "This review was commissioned because Child Q died and neglect was "
    "suspected. The board wanted to understand how agencies worked together.",
    "case_summary": PARAGRAPH,
    "methodology_notes": "The review used the Learning Together systems model, with "
    "conversations with practitioners and two case group meetings. The family were invited "
    "to contribute.",
    "appraisal": PARAGRAPH,
    "further_work": "The board will audit multi-agency referrals in a year's time.",
    "learning_brief": "Child Q's review shows how risk can be missed when each agency holds "
    "part of the picture.",
}


def fill_review(review: Review, *, supervisor, chair, findings=3, episodes=3, chronology=10):
    """Record a review's learning, ready for a report; `findings`, `episodes` and `chronology`
    set its length (40, 20 and 500 of them make a report of just over a hundred pages)."""
    incident = review.incident
    today = timezone.localdate()
    agencies = list(review.board.agencies.all()[:3])
    if not agencies:
        agencies = [review.board.agencies.create(name="Children's services", sector="other")]
    for role, name, aliases in PEOPLE:
        IncidentPerson.objects.create(incident=incident, role=role, name=name, aliases=aliases)
    for group, name, role in PARTICIPANTS:
        ReviewParticipant.objects.create(
            review=review, group=group, name=name, role=role, agency=agencies[0]
        )
    ResearchQuestion.objects.create(
        review=review, question="How well did agencies share what they knew about the home?"
    )
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(
            review=review,
            agency=agencies[n % len(agencies)],
            occurred_on=incident.incident_on - dt.timedelta(days=chronology - n),
            entry=f"Entry {n + 1}: a home visit was made; the home was cold and there was little "
            "food. The worker recorded concerns and discussed them with a manager.",
        )
        for n in range(chronology)
    )
    made_episodes = KeyPracticeEpisode.objects.bulk_create(
        KeyPracticeEpisode(
            review=review,
            occurred_on=incident.incident_on - dt.timedelta(days=60 - n),
            title=f"Episode {n + 1}: the strategy discussion",
            what_happened=f"{PARAGRAPH}\n\n{PARAGRAPH}",
            appraisal=PARAGRAPH,
            factors={"own_team": "Caseloads were high.", "inter_agency": "Health was not invited."},
        )
        for n in range(episodes)
    )
    categories = list(FindingCategory.objects.filter(active=True)) or [
        FindingCategory.objects.create(code="tools", name="Tools", order=1)
    ]
    made = []
    for n in range(findings):
        finding = Finding.objects.create(
            review=review,
            category=categories[n % len(categories)],
            title=f"Finding {n + 1}: health professionals are left out of strategy discussions",
            manifested=f"{PARAGRAPH}\n\n{PARAGRAPH}",
            not_peculiar=PARAGRAPH,
            how_widespread=PARAGRAPH,
            why_it_matters=PARAGRAPH,
            issues_for_board="How can the board be sure that health is part of every strategy "
            "discussion?",
            quality_assured_on=today,
            quality_assured_by=supervisor,
            board_response="The board accepts this finding and has asked partners to act.",
            responded_on=today,
        )
        finding.episodes.set(made_episodes[:2])
        # In the order written, even under a frozen clock (findings are ordered by creation).
        Finding.objects.filter(pk=finding.pk).update(
            created_at=finding.created_at + dt.timedelta(microseconds=n)
        )
        made.append(finding)
    for n, finding in enumerate(made):
        Action.objects.create(
            review=review,
            finding=finding,
            description="Invite the health visitor to every strategy discussion.",
            owner_agency=agencies[n % len(agencies)],
            due_on=today + dt.timedelta(days=90),
        )
    report, _ = Report.objects.get_or_create(review=review)
    for code, text in SECTIONS.items():
        setattr(report, code, text)
    report.save()
    return report


def approve(report: Report, *, supervisor, chair) -> Report:
    """Mark the report quality-assured and approved by the board, as the services would."""
    today = timezone.localdate()
    report.status = Report.Status.BOARD_APPROVED
    report.quality_assured_by, report.quality_assured_on = supervisor, today
    report.approved_by, report.approved_on = chair, today
    report.save()
    return report
