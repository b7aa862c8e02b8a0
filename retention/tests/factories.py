"""Closed cases to anonymise, made through the services (and `publication.sample` for a review's
learning) on a frozen clock, so that their change history holds the real names as it would."""

import datetime as dt

import time_machine
from django.core.files.base import ContentFile

from core.tests.factories import UserFactory
from publication import sample
from publication.models import LibraryFinding, Publication, Rendering
from reviews.models import Incident, StageChange
from reviews.services import incidents as incident_services
from reviews.tests.factories import decide, log_incident

D = dt.date
# The real name planted in every text of the case (and its history) that could hold one.
SUBJECT = "Amelia Thornbury"


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)


NO_REVIEW_ON = D(2026, 3, 10)
PUBLISHED_ON = D(2026, 9, 1)


def case_without_review(
    *, board, manager, chair, reference, decided_on=NO_REVIEW_ON, subject=SUBJECT
):
    """Logged on 3 March 2026, `subject` named in its texts and people; the chair decides on
    `decided_on` not to hold a review: it closes that day."""
    family = f"Gareth {subject.split()[-1]}"
    with time_machine.travel(at(decided_on), tick=False):
        incident = log_incident(
            actor=manager,
            board=board,
            reference=reference,
            summary=f"{subject}, aged 4, was found at home on 1 March.",
            notifier="Dr Priya Ramaswamy",
        )
        incident_services.person_add(
            actor=manager, incident=incident, role="subject", name=subject, aliases="Millie"
        )
        # Removed long ago: only the history still holds the name.
        gone = incident_services.person_add(
            actor=manager, incident=incident, role="family", name=family
        )
        incident_services.person_withdraw(actor=manager, person=gone, reason="Not involved")
        incident_services.notification_record(
            actor=manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 5),
            summary=f"Told the panel about {subject}.",
        )
        decide(
            actor=chair,
            incident=incident,
            outcome="no_review",
            decided_on=decided_on,
            rationale=f"The criteria are not met for {subject}.",
        )
    return Incident.objects.get(pk=incident.pk)


def published_case(*, board, manager, chair, supervisor, reference, published_on=PUBLISHED_ON):
    """A review held, its learning recorded, a draft and the final report rendered, the
    report published on `published_on` and the review closed the same day."""
    with time_machine.travel(at(D(2026, 3, 10)), tick=False):
        incident = log_incident(actor=manager, board=board, reference=reference)
        decide(actor=chair, incident=incident, decided_on=D(2026, 3, 10))
        review = Incident.objects.get(pk=incident.pk).review
        report = sample.fill_review(review, supervisor=supervisor, chair=chair)
        review.terms_of_reference = f"How agencies worked with {SUBJECT}'s family."
        review.save()
        finding = review.findings.first()
        finding.manifested = f"{SUBJECT} was seen by four agencies."
        finding.save()
        action = review.actions.first()
        action.description = f"Visit Gareth Thornbury's new home. {action.description}"
        action.save()
        review.involvements.create(
            kind="family", who="Gareth, father", offered_on=D(2026, 3, 20), views="He felt unheard."
        )
        review.conversations.create(held_on=D(2026, 4, 1), overview=f"About {SUBJECT}.")
        review.meetings.create(kind="joint", planned_on=D(2026, 4, 2), notes=f"{SUBJECT} discussed")
        # An agency's contributor, their answer sent back once, and their access ended.
        agency = action.owner_agency
        request = review.agency_requests.create(
            agency=agency,
            details="Your records",
            requested_on=D(2026, 3, 10),
            due_on=D(2026, 3, 31),
            sent_at=at(D(2026, 3, 10)),
        )
        contributor = review.contributors.create(
            agency=agency,
            user=UserFactory(name="Pat Police"),
            job="return_author",
            invited_on=D(2026, 3, 10),
            invited_by=manager,
            ended_on=D(2026, 4, 2),
            ended_by=manager,
            end_reason=f"Knew {SUBJECT}'s family",
        )
        document = review.documents.create(
            kind="agency_report", title=f"Police report on {SUBJECT}", agency=agency
        )
        version = document.versions.create(
            number=1,
            name=f"{SUBJECT}.pdf",
            size=8,
            file_kind="pdf",
            sha256="0" * 64,
            uploaded_by=contributor.user,
        )
        version.file.save("report.pdf", ContentFile(b"%PDF-1.7"))
        review.chronology_imports.create(
            agency=agency,
            file_name=f"{SUBJECT} chronology.xlsx",
            file_kind="xlsx",
            rows=0,
            imported_by=contributor.user,
        )
        shared = report.accuracy_checks.create(
            report_version=report.version,
            sections={"case_summary": f"{SUBJECT} lived with her father."},
            due_on=D(2026, 4, 1),
            shared_by=manager,
        )
        shared.invitees.create(contributor=contributor)
        shared.comments.create(
            section="case_summary",
            comment=f"{SUBJECT} lived with her mother.",
            author=contributor.user,
            agency=agency,
            decision="declined",
            decision_reason=f"{SUBJECT}'s school records say father",
        )
        request.returns.create(
            answer=f"{SUBJECT} was seen twice.",
            submitted_at=at(D(2026, 3, 20)),
            submitted_by=contributor.user,
            sent_back_at=at(D(2026, 3, 21)),
            sent_back_by=manager,
            sent_back_reason=f"Say more of {SUBJECT}",
        )
    with time_machine.travel(at(published_on), tick=False):
        # A draft that still named the subject: never published, it goes with its history.
        draft = _rendering(report, manager, "report", "draft", b"draft", f"<p>{SUBJECT}</p>")
        final = _rendering(report, manager, "report", "final", b"final")
        brief = _rendering(report, manager, "brief", "final", b"brief")
        publication = Publication.objects.create(
            review=review,
            decision=Publication.Decision.PUBLISH,
            planned_on=published_on,
            decided_by=chair,
            decided_on=published_on - dt.timedelta(days=30),
            report_pdf=final,
            brief_pdf=brief,
            published_on=published_on,
            address="https://example.org/reviews/child-q.pdf",
        )
        LibraryFinding.objects.create(
            publication=publication,
            board=board,
            category=finding.category,
            review_type=review.review_type,
            case_reference=incident.reference,
            published_on=published_on,
            position=1,
            title=finding.title,
            body="Health professionals are left out of strategy discussions.",
        )
        review.stage, review.completed_on = "closed", published_on
        review.save()
        StageChange.objects.create(
            review=review, from_stage="publication", to_stage="closed", actor=manager
        )
    return Incident.objects.get(pk=incident.pk), {"draft": draft, "final": final, "brief": brief}


def _rendering(report, actor, kind, status, content, html="") -> Rendering:
    rendering = report.renderings.create(
        kind=kind,
        report_version=report.version,
        report_status=status,
        requested_by=actor,
        state=Rendering.State.READY,
        html=html or f"<p>{kind} {status}</p>",
    )
    rendering.pdf.save(f"{kind}.pdf", ContentFile(b"%PDF-1.7\n% " + content + b"\n%%EOF\n"))
    return rendering
