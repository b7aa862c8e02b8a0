"""What anonymising a closed case removes, and what it keeps (ADR 0005).

Removed: the people involved with their real names and aliases, the review's participants, its
conversations, chronology (and the agencies' imports of it) and research questions, its
documents with every version's file and the words read from it for the case search, the
agencies' answers to requests, every free text of the case (the summary, the reasons for
decisions, the panel's advice, meeting notes, requests to agencies, the views of those
involved, episodes, the findings' narrative, the report's sections...), the report's rendered
files that were never published, and the whole change history of every record of the case
(django-simple-history keeps a copy of every old value, so the data is not gone until its
history is).

Kept: the case reference, the board, the facts as codes and dates that the board's statistics,
the statutory timeliness figures and the annual report count (criteria, decisions, review type
and stages, deadlines, who was told when, findings by category, actions by agency and status),
and what was made public: the published report and learning brief (their files and web
version) and the findings copied into the learning library. A finding's title and an action's
words stay (the annual report lists actions completed with their impact) unless they hold a
real name recorded for the case, checked as a report is checked, before the names go.

`anonymise` runs inside the caller's transaction and is idempotent: a second run finds nothing
left to remove.
"""

from django.db.models import Q

from core.models import Withdrawable
from deadlines.models import ClockExtension, ClockPause, Deadline
from publication import anonymisation, assembly
from publication.models import (
    SECTION_CODES,
    AccuracyCheck,
    AccuracyComment,
    AccuracyInvitee,
    FlagDismissal,
    HomeOfficeQaStep,
    Publication,
    Rendering,
    Report,
    WelshPassage,
)
from quality.models import Assessment, MarkerJudgement
from reviews.models import (
    Action,
    ActionUpdate,
    AgencyContributor,
    AgencyRequest,
    AgencyReturn,
    ChronologyEntry,
    ChronologyImport,
    Conversation,
    Decision,
    Document,
    DocumentVersion,
    Finding,
    Incident,
    IncidentPerson,
    Involvement,
    JointReview,
    KeyPracticeEpisode,
    Meeting,
    Notification,
    PanelAdvice,
    ParallelProceeding,
    ReportingRestriction,
    ResearchQuestion,
    Review,
    ReviewerAppointment,
    ReviewParticipant,
)

# Records deleted, by how they reach the incident: nothing of them is needed once the case has
# closed. (label, model, path to the incident)
DELETED = (
    ("people involved (real names and aliases)", IncidentPerson, "incident"),
    ("review participants (names, roles, contact details)", ReviewParticipant, "review__incident"),
    ("conversations", Conversation, "review__incident"),
    ("chronology entries", ChronologyEntry, "review__incident"),
    ("agencies' chronology imports (file names)", ChronologyImport, "review__incident"),
    (
        "factual accuracy comments on drafts",
        AccuracyComment,
        "accuracy_check__report__review__incident",
    ),
    (
        "contributors asked to check drafts",
        AccuracyInvitee,
        "accuracy_check__report__review__incident",
    ),
    ("drafts shared for factual accuracy", AccuracyCheck, "report__review__incident"),
    ("research questions", ResearchQuestion, "review__incident"),
    ("progress notes on actions", ActionUpdate, "action__review__incident"),
    (
        "details of the report kept by the chair (reasons)",
        FlagDismissal,
        "report__review__incident",
    ),
    ("the report's Welsh", WelshPassage, "report__review__incident"),
)

# Deleted with their stored files, by `_documents`: the review's documents and their versions,
# with the words read from each version (`DocumentVersion.text`, `text_search`).
DELETED_WITH_THEIR_FILES = (Document, DocumentVersion)

# Free text removed from records that stay: their dates, codes and links are the statistics.
# (label, model, path to the incident, fields)
BLANKED = (
    ("incident (summary, who notified)", Incident, "pk", ("summary", "notifier")),
    ("notifications (summaries)", Notification, "incident", ("summary",)),
    (
        "decision (reasons, peer challenge)",
        Decision,
        "incident",
        ("rationale", "peer_challenge_by", "peer_challenge"),
    ),
    ("panel advice and replies", PanelAdvice, "decision__incident", ("advice", "response")),
    (
        "parallel proceedings (descriptions)",
        ParallelProceeding,
        "incident",
        ("description", "next_date_what"),
    ),
    (
        "reporting restrictions (who made them, what they forbid)",
        ReportingRestriction,
        "incident",
        ("made_by", "what_it_forbids"),
    ),
    ("clock pauses (details)", ClockPause, "deadline__case_id", ("details",)),
    ("clock extensions (reasons)", ClockExtension, "deadline__case_id", ("reason",)),
    (
        "review (terms of reference, interim improvements)",
        Review,
        "incident",
        ("terms_of_reference", "interim_improvements", "interim_corrective_action"),
    ),
    ("reviewers' declarations", ReviewerAppointment, "review__incident", ("declaration",)),
    ("meetings (notes)", Meeting, "review__incident", ("notes",)),
    ("requests to agencies (what was asked)", AgencyRequest, "review__incident", ("details",)),
    (
        "agencies' answers to requests (answers, why sent back)",
        AgencyReturn,
        "request__review__incident",
        ("answer", "sent_back_reason"),
    ),
    (
        "agencies' contributors (why their access ended)",
        AgencyContributor,
        "review__incident",
        ("end_reason",),
    ),
    ("involvement of family and practitioners", Involvement, "review__incident", ("views",)),
    # The lead's: what it told the other board. The other board's case keeps its own records.
    ("joint reviews (notes to the other board)", JointReview, "lead__incident", ("note",)),
    (
        "key practice episodes",
        KeyPracticeEpisode,
        "review__incident",
        ("title", "what_happened", "appraisal"),
    ),
    (
        "findings (narrative, quality notes, board response)",
        Finding,
        "review__incident",
        (
            "manifested",
            "not_peculiar",
            "how_widespread",
            "why_it_matters",
            "issues_for_board",
            "quality_notes",
            "board_response",
        ),
    ),
    ("report (sections)", Report, "review__incident", SECTION_CODES),
    ("publication decision (reasons)", Publication, "review__incident", ("reasons",)),
    (
        "steps with the Home Office Quality Assurance Panel (notes)",
        HomeOfficeQaStep,
        "review__incident",
        ("note",),
    ),
    (
        "quality markers self-assessment (why reopened)",
        Assessment,
        "review__incident",
        ("reopen_reason",),
    ),
    (
        "quality markers judgements (evidence)",
        MarkerJudgement,
        "assessment__review__incident",
        ("evidence",),
    ),
)
# Why records were withdrawn: free text, of every withdrawable record that stays.
_DELETED_MODELS = {model for _, model, _ in DELETED}
BLANKED += tuple(
    (f"{label.split(' (')[0]} (why withdrawn)", model, path, ("withdrawal_reason",))
    for label, model, path, _ in (*BLANKED, *(("actions", Action, "review__incident", ()),))
    if issubclass(model, Withdrawable) and model not in _DELETED_MODELS
)

# Kept unless they hold a real name recorded for the case.
CHECKED = (
    ("finding titles naming someone", Finding, "review__incident", ("title",)),
    (
        "actions naming someone",
        Action,
        "review__incident",
        ("description", "evidence_of_impact"),
    ),
)

# Changed rather than removed, by `_replace`: who was offered involvement becomes their kind
# ("Family member"); the notes of an episode's contributory factors are emptied, their headings
# kept; the date of the incident keeps only its month.
REPLACED = {
    Involvement: ("who",),
    KeyPracticeEpisode: ("factors",),
    Incident: ("incident_on",),
}

# Texts that stay, and why (a test checks that every text of a case record is decided here).
KEPT = {
    Incident: {
        "reference": "the case reference, which names no one",
        "rulebook": "the rulebook edition (a code)",
        "criteria_reason": "written by the rulebook from the criteria facts, which stay",
        "criteria_source": "the statute cited",
    },
    Deadline: {"rulebook": "a code", "clock": "a code", "kind": "a code"},
    Review: {"stage": "a stage code"},
    Rendering: {
        "html": "only published renderings stay: their web version is public",
        "failure_reason": "names no case detail (publication.services.reports)",
        "content_digest": "a digest",
    },
    Publication: {"address": "the public address of the published report"},
    Report: {"signed_off_digest": "a digest of the records signed off, which names no one"},
    MarkerJudgement: {"marker": "the code of a quality marker"},
}

# Every model with a change history holding a copy of a case's records, with the field of the
# historical row that leads to the case: (model, field, key), the key naming the set of ids
# (collected from the history itself, so rows deleted long ago are found too).
HISTORY = (
    (Incident, "id", "incident"),
    (IncidentPerson, "incident_id", "incident"),
    (Notification, "incident_id", "incident"),
    (ParallelProceeding, "incident_id", "incident"),
    (ReportingRestriction, "incident_id", "incident"),
    (Decision, "incident_id", "incident"),
    (Deadline, "case_id", "incident"),
    (Review, "incident_id", "incident"),
    (PanelAdvice, "decision_id", "decision"),
    (ClockPause, "deadline_id", "deadline"),
    (ClockExtension, "deadline_id", "deadline"),
    *(
        (model, "review_id", "review")
        for model in (
            ResearchQuestion,
            ReviewerAppointment,
            ReviewParticipant,
            Meeting,
            AgencyRequest,
            AgencyContributor,
            ChronologyEntry,
            ChronologyImport,
            Document,
            Involvement,
            Conversation,
            KeyPracticeEpisode,
            Finding,
            Action,
            Report,
            Publication,
            HomeOfficeQaStep,
            Assessment,
        )
    ),
    (JointReview, "lead_id", "review"),
    (Rendering, "report_id", "report"),
    (FlagDismissal, "report_id", "report"),
    (WelshPassage, "report_id", "report"),
    (AgencyReturn, "request_id", "request"),
    (DocumentVersion, "document_id", "document"),
    (AccuracyCheck, "report_id", "report"),
    (AccuracyComment, "accuracy_check_id", "accuracy_check"),
    (AccuracyInvitee, "accuracy_check_id", "accuracy_check"),
    (MarkerJudgement, "assessment_id", "assessment"),
)


def of_case(model, path: str, incident: Incident):
    # Every record, withdrawn ones included (their default manager leaves them out).
    return model._base_manager.filter(**{path: incident.pk})


def anonymise(incident: Incident) -> dict:
    """Remove the case's personal data and free text; return what was removed, as counts by
    kind of record (never the content). Call it in a transaction, the incident locked."""
    deleted: dict[str, int] = {}
    cleared: dict[str, int] = {}
    _check_names(incident, cleared)
    for label, model, path in DELETED:
        _, by_model = of_case(model, path, incident).delete()
        if by_model.get(model._meta.label):
            deleted[label] = by_model[model._meta.label]
    for label, model, path, fields in BLANKED:
        empty = dict.fromkeys(fields, "")
        count = of_case(model, path, incident).filter(~Q(**empty)).update(**empty)
        if count:
            cleared[label] = count
    _replace(incident, cleared)
    files, renderings = _unpublished_renderings(incident)
    if renderings:
        deleted["report and brief renderings never published"] = renderings
    document_files, documents = _documents(incident)
    files += document_files
    if documents:
        deleted["documents of the review, with every version's file"] = documents
    return {
        "deleted": deleted,
        "text_removed_from": cleared,
        "files_deleted": files,
        "history_rows_deleted": _purge_history(incident),
    }


def _check_names(incident: Incident, cleared: dict) -> None:
    """Blank the kept texts (finding titles, actions) that hold a real name of the case."""
    review = Review.objects.filter(incident=incident).first()
    if review is None:
        return
    names = assembly.names_for(review)
    if not names:
        return
    for label, model, path, fields in CHECKED:
        count = 0
        for record in of_case(model, path, incident).only("pk", *fields):
            naming = [
                field
                for field in fields
                if anonymisation.check(
                    [anonymisation.Passage(label, getattr(record, field))], names
                )
            ]
            if naming:
                model._base_manager.filter(pk=record.pk).update(**dict.fromkeys(naming, ""))
                count += 1
        if count:
            cleared[label] = count


def _replace(incident: Incident, cleared: dict) -> None:
    changed = 0
    for kind, label in Involvement.Kind.choices:
        changed += (
            of_case(Involvement, "review__incident", incident)
            .filter(kind=kind)
            .exclude(who=label)
            .update(who=label)
        )
    if changed:
        cleared["involvement of family and practitioners (who: now only their kind)"] = changed
    episodes = [
        episode
        for episode in of_case(KeyPracticeEpisode, "review__incident", incident).only("factors")
        if any(episode.factors.values())
    ]
    for episode in episodes:
        episode.factors = dict.fromkeys(episode.factors, "")
    if episodes:
        KeyPracticeEpisode._base_manager.bulk_update(episodes, ["factors"])
        cleared["key practice episodes (notes on contributory factors)"] = len(episodes)
    month = incident.incident_on.replace(day=1)
    incidents = Incident.all_objects.filter(pk=incident.pk)
    if incidents.exclude(incident_on=month).update(incident_on=month):
        cleared["incident (date reduced to its month)"] = 1


def _documents(incident: Incident) -> tuple[int, int]:
    """Delete the review's documents (agency reports, chronology files, minutes...) and every
    version's file, files first, as for the renderings below. The versions go with their
    documents, and with them the words read from each (a version still waiting to be read is
    no longer there when the worker comes to it)."""
    versions = list(
        DocumentVersion._base_manager.filter(document__review__incident=incident).only("file")
    )
    files = 0
    for version in versions:
        if version.file:
            version.file.storage.delete(version.file.name)
            files += 1
    _, by_model = of_case(Document, "review__incident", incident).delete()
    return files, by_model.get(Document._meta.label, 0)


def _unpublished_renderings(incident: Incident) -> tuple[int, int]:
    """Delete the renderings of the report that were never published, with their PDFs.

    The files go first: if the transaction then fails, the rows point at missing files of a
    case the next run anonymises anyway. The published report and brief stay (public), in
    each language they were published in."""
    published = [f"{name}_id" for name in Publication.PUBLISHED_RENDERINGS]
    kept = {
        pk
        for row in of_case(Publication, "review__incident", incident).values_list(*published)
        for pk in row
        if pk is not None
    }
    renderings = list(
        of_case(Rendering, "report__review__incident", incident)
        .exclude(pk__in=kept)
        .only("pk", "pdf")
    )
    files = 0
    for rendering in renderings:
        if rendering.pdf:
            rendering.pdf.storage.delete(rendering.pdf.name)
            files += 1
    if renderings:
        Rendering.objects.filter(pk__in=[r.pk for r in renderings]).delete()
    return files, len(renderings)


def _ids(model, field: str, values) -> set:
    """The ids of `model`'s records whose `field` is in `values`, now or in their history."""
    live = set(model._base_manager.filter(**{f"{field}__in": values}).values_list("pk", flat=True))
    past = model.history.model.objects.filter(**{f"{field}__in": values})
    return live | set(past.values_list("id", flat=True).distinct())


def _purge_history(incident: Incident) -> int:
    ids = {"incident": {incident.pk}}
    ids["decision"] = _ids(Decision, "incident_id", ids["incident"])
    ids["deadline"] = _ids(Deadline, "case_id", ids["incident"])
    ids["review"] = _ids(Review, "incident_id", ids["incident"])
    ids["report"] = _ids(Report, "review_id", ids["review"])
    ids["request"] = _ids(AgencyRequest, "review_id", ids["review"])
    ids["document"] = _ids(Document, "review_id", ids["review"])
    ids["accuracy_check"] = _ids(AccuracyCheck, "report_id", ids["report"])
    ids["assessment"] = _ids(Assessment, "review_id", ids["review"])
    total = 0
    for model, field, key in HISTORY:
        if ids[key]:
            total += model.history.model.objects.filter(**{f"{field}__in": ids[key]}).delete()[0]
    return total
