"""Which URLs write an access event, and how each finds its case. The one table of the audit.

Every successful GET of a URL named here writes one `AccessEvent` (audit.middleware). A URL
whose address names a case record (an incident, a review, one of their records, a report or
its PDF) must be here, or in `NOT_AUDITED` with the reason: `audit/tests/test_coverage.py`
walks every URL of the project and fails otherwise.

How a URL finds its case (`case_from`):
- "incident_id": the incident in the address is the case;
- "review_id": the review in the address, whose incident is the case (a review belongs to one
  incident, so its events show on that incident's page);
- "board_id": a board-wide view (CSV exports, the annual report): an event of the board, of no
  single case;
- "results.id" / "results.incident": an API list; one event for each case it returned, read
  from the listed records (their own id for incidents, their `incident` for reviews).
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy

INCIDENT = "incident_id"
REVIEW = "review_id"
BOARD = "board_id"
LISTED_INCIDENTS = "results.id"
LISTED_REVIEWS = "results.incident"


class Audited(NamedTuple):
    case_from: str
    label: str  # what the user opened, as the "who has looked at this case" page says it


AUDITED_URLS: dict[str, Audited] = {
    # The incident and its pages. Forms count: they show the record or at least the case.
    "reviews:incident_detail": Audited(INCIDENT, gettext_lazy("Incident page")),
    "reviews:incident_edit": Audited(INCIDENT, gettext_lazy("Change the incident (form)")),
    "reviews:incident_withdraw": Audited(INCIDENT, gettext_lazy("Withdraw the incident (form)")),
    "reviews:notification_add": Audited(INCIDENT, gettext_lazy("Record a notification (form)")),
    "reviews:notification_edit": Audited(INCIDENT, gettext_lazy("Change a notification (form)")),
    "reviews:notification_withdraw": Audited(
        INCIDENT, gettext_lazy("Withdraw a notification (form)")
    ),
    "reviews:proceeding_add": Audited(
        INCIDENT, gettext_lazy("Record a parallel proceeding (form)")
    ),
    "reviews:proceeding_edit": Audited(
        INCIDENT, gettext_lazy("Change a parallel proceeding (form)")
    ),
    "reviews:proceeding_withdraw": Audited(
        INCIDENT, gettext_lazy("Withdraw a parallel proceeding (form)")
    ),
    "reviews:restriction_add": Audited(
        INCIDENT, gettext_lazy("Record a reporting restriction (form)")
    ),
    "reviews:restriction_edit": Audited(
        INCIDENT, gettext_lazy("Change a reporting restriction (form)")
    ),
    "reviews:restriction_withdraw": Audited(
        INCIDENT, gettext_lazy("Withdraw a reporting restriction (form)")
    ),
    "reviews:decision": Audited(INCIDENT, gettext_lazy("The chair's decision (form)")),
    "reviews:joint_propose": Audited(REVIEW, gettext_lazy("Propose a joint review (form)")),
    "reviews:joint_end": Audited(REVIEW, gettext_lazy("End a joint review (form)")),
    # The other board's answer shows the proposing board's case reference and note: an event
    # of the answering board (it holds no case of its own yet).
    "reviews:joint_accept": Audited(BOARD, gettext_lazy("A proposal of a joint review (form)")),
    "reviews:joint_decline": Audited(BOARD, gettext_lazy("Decline a joint review (form)")),
    # Excerpts of the board's cases: an event of the board (the search names no single case).
    "reviews:case_search": Audited(BOARD, gettext_lazy("Search of the board's cases")),
    "reviews:decision_edit": Audited(
        INCIDENT, gettext_lazy("Change the reasons for the decision (form)")
    ),
    "reviews:panel_advice_add": Audited(INCIDENT, gettext_lazy("National panel advice (form)")),
    "reviews:panel_advice_edit": Audited(
        INCIDENT, gettext_lazy("Change national panel advice (form)")
    ),
    "reviews:panel_advice_withdraw": Audited(
        INCIDENT, gettext_lazy("Withdraw national panel advice (form)")
    ),
    "reviews:people": Audited(INCIDENT, gettext_lazy("People involved (real names)")),
    "reviews:person_add": Audited(INCIDENT, gettext_lazy("Add a person involved (form)")),
    "reviews:person_edit": Audited(INCIDENT, gettext_lazy("Change a person involved (real name)")),
    "reviews:person_withdraw": Audited(
        INCIDENT, gettext_lazy("Withdraw a person involved (real name)")
    ),
    "reviews:deadline_pause": Audited(INCIDENT, gettext_lazy("Pause a clock (form)")),
    "reviews:deadline_resume": Audited(INCIDENT, gettext_lazy("Restart a clock (form)")),
    "reviews:rapid_review_start": Audited(INCIDENT, gettext_lazy("Start a rapid review (form)")),
    "audit:incident_access": Audited(INCIDENT, gettext_lazy("Who has looked at this case")),
    # The review and every page of it.
    "reviews:review_detail": Audited(REVIEW, gettext_lazy("Review page")),
    "reviews:setup": Audited(REVIEW, gettext_lazy("Set up the review (form)")),
    "reviews:research_questions": Audited(REVIEW, gettext_lazy("Research questions")),
    "reviews:appointments": Audited(REVIEW, gettext_lazy("Reviewers")),
    "reviews:appointment_add": Audited(REVIEW, gettext_lazy("Appoint a reviewer (form)")),
    "reviews:appointment_end": Audited(REVIEW, gettext_lazy("End a reviewer's appointment (form)")),
    "reviews:appointment_edit": Audited(
        REVIEW, gettext_lazy("Change a reviewer's appointment (form)")
    ),
    "reviews:appointment_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw a reviewer's appointment (form)")
    ),
    "reviews:research_question_edit": Audited(
        REVIEW, gettext_lazy("Change a research question (form)")
    ),
    "reviews:research_question_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw a research question (form)")
    ),
    "reviews:clock": Audited(REVIEW, gettext_lazy("Completion clock")),
    "reviews:clock_pause": Audited(REVIEW, gettext_lazy("Pause the completion clock (form)")),
    "reviews:clock_resume": Audited(REVIEW, gettext_lazy("Restart the completion clock (form)")),
    "reviews:clock_extend": Audited(REVIEW, gettext_lazy("Extend the completion clock (form)")),
    "reviews:interim": Audited(REVIEW, gettext_lazy("Improvements during an extension (form)")),
    "reviews:participants": Audited(REVIEW, gettext_lazy("Review team and case group")),
    "reviews:participant_add": Audited(
        REVIEW, gettext_lazy("Add to the review team or case group (form)")
    ),
    "reviews:participant_edit": Audited(
        REVIEW, gettext_lazy("Change a team or case group member (form)")
    ),
    "reviews:participant_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw a team or case group member (form)")
    ),
    "reviews:meetings": Audited(REVIEW, gettext_lazy("Meetings")),
    "reviews:meeting_add": Audited(REVIEW, gettext_lazy("Plan a meeting (form)")),
    "reviews:meeting_record": Audited(REVIEW, gettext_lazy("Record a meeting (form)")),
    "reviews:meeting_edit": Audited(REVIEW, gettext_lazy("Change a meeting (form)")),
    "reviews:meeting_withdraw": Audited(REVIEW, gettext_lazy("Withdraw a meeting (form)")),
    "reviews:agency_requests": Audited(REVIEW, gettext_lazy("Requests to agencies")),
    "reviews:agency_request_add": Audited(
        REVIEW, gettext_lazy("Ask an agency for information (form)")
    ),
    "reviews:agency_request_chase": Audited(REVIEW, gettext_lazy("Chase an agency request (form)")),
    "reviews:agency_request_receive": Audited(
        REVIEW, gettext_lazy("Receive an agency's information (form)")
    ),
    "reviews:agency_request_edit": Audited(REVIEW, gettext_lazy("Change an agency request (form)")),
    "reviews:agency_request_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw an agency request (form)")
    ),
    "reviews:agency_request_send": Audited(
        REVIEW, gettext_lazy("Send a request to an agency (form)")
    ),
    "reviews:agency_return_send_back": Audited(
        REVIEW, gettext_lazy("Send an agency's answer back (form)")
    ),
    "reviews:contributors": Audited(REVIEW, gettext_lazy("Agencies' contributors")),
    "reviews:contributor_invite": Audited(
        REVIEW, gettext_lazy("Invite an agency's contributor (form)")
    ),
    "reviews:contributor_end": Audited(REVIEW, gettext_lazy("End a contributor's access (form)")),
    "reviews:documents": Audited(REVIEW, gettext_lazy("Documents")),
    "reviews:chronology_export": Audited(
        REVIEW, gettext_lazy("The merged chronology (spreadsheet)")
    ),
    "reviews:chronology_import": Audited(
        REVIEW, gettext_lazy("Import an agency's chronology (form)")
    ),
    "agency:request_chronology": Audited(
        REVIEW, gettext_lazy("Import an agency's chronology (form)")
    ),
    "agency:action": Audited(REVIEW, gettext_lazy("An action of an agency, and its progress")),
    "publication:accuracy_share": Audited(
        REVIEW, gettext_lazy("Share the draft for factual accuracy (form)")
    ),
    "publication:accuracy_check": Audited(
        REVIEW, gettext_lazy("Factual accuracy comments on the draft")
    ),
    "publication:accuracy_decide": Audited(
        REVIEW, gettext_lazy("Accept or decline an accuracy comment")
    ),
    "publication:accuracy_family": Audited(REVIEW, gettext_lazy("Record the family's view (form)")),
    "publication:agency_accuracy": Audited(REVIEW, gettext_lazy("The draft shared with an agency")),
    "reviews:action_repeat": Audited(REVIEW, gettext_lazy("Mark an action as a repeat (form)")),
    "reviews:document_upload": Audited(REVIEW, gettext_lazy("Upload a document (form)")),
    "reviews:document_download": Audited(REVIEW, gettext_lazy("Download a document")),
    "reviews:document_version_add": Audited(
        REVIEW, gettext_lazy("Upload a new version of a document (form)")
    ),
    "reviews:document_withdraw": Audited(REVIEW, gettext_lazy("Withdraw a document (form)")),
    "audit:document_access": Audited(REVIEW, gettext_lazy("Who has opened a document")),
    "api:review-contributors": Audited(REVIEW, gettext_lazy("Agencies' contributors (API)")),
    "api:review-agency-requests": Audited(REVIEW, gettext_lazy("Requests to agencies (API)")),
    "api:review-chronology": Audited(REVIEW, gettext_lazy("The merged chronology (API)")),
    "api:review-documents": Audited(REVIEW, gettext_lazy("Documents (API)")),
    "api:review-document-file": Audited(REVIEW, gettext_lazy("Download a document (API)")),
    # The agencies' contributors' own pages of the review.
    "agency:document_download": Audited(REVIEW, gettext_lazy("Download a document (an agency's)")),
    "agency:request_document": Audited(
        REVIEW, gettext_lazy("Upload a document for an agency (form)")
    ),
    "agency:review": Audited(REVIEW, gettext_lazy("The review as shared with an agency")),
    "agency:request": Audited(REVIEW, gettext_lazy("A request to an agency, and its answers")),
    "reviews:chronology": Audited(REVIEW, gettext_lazy("Chronology")),
    "reviews:chronology_add": Audited(REVIEW, gettext_lazy("Add to the chronology (form)")),
    "reviews:chronology_edit": Audited(REVIEW, gettext_lazy("Change a chronology entry (form)")),
    "reviews:chronology_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw a chronology entry (form)")
    ),
    "reviews:involvements": Audited(REVIEW, gettext_lazy("Family and practitioner involvement")),
    "reviews:involvement_add": Audited(REVIEW, gettext_lazy("Offer involvement (form)")),
    "reviews:involvement_respond": Audited(
        REVIEW, gettext_lazy("Record an answer to an offer (form)")
    ),
    "reviews:involvement_edit": Audited(
        REVIEW, gettext_lazy("Change an offer of involvement (form)")
    ),
    "reviews:involvement_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw an offer of involvement (form)")
    ),
    "reviews:conversations": Audited(REVIEW, gettext_lazy("Conversations")),
    "reviews:conversation_add": Audited(REVIEW, gettext_lazy("Record a conversation (form)")),
    "reviews:conversation_detail": Audited(REVIEW, gettext_lazy("A conversation")),
    "reviews:conversation_edit": Audited(REVIEW, gettext_lazy("Change a conversation (form)")),
    "reviews:conversation_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw a conversation (form)")
    ),
    "reviews:episodes": Audited(REVIEW, gettext_lazy("Key practice episodes")),
    "reviews:episode_add": Audited(REVIEW, gettext_lazy("Add a key practice episode (form)")),
    "reviews:episode_detail": Audited(REVIEW, gettext_lazy("A key practice episode")),
    "reviews:episode_edit": Audited(REVIEW, gettext_lazy("Change a key practice episode (form)")),
    "reviews:episode_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw a key practice episode (form)")
    ),
    "reviews:findings": Audited(REVIEW, gettext_lazy("Findings")),
    "reviews:finding_add": Audited(REVIEW, gettext_lazy("Add a finding (form)")),
    "reviews:finding_detail": Audited(REVIEW, gettext_lazy("A finding")),
    "reviews:finding_edit": Audited(REVIEW, gettext_lazy("Change a finding (form)")),
    "reviews:finding_withdraw": Audited(REVIEW, gettext_lazy("Withdraw a finding (form)")),
    "reviews:finding_quality": Audited(REVIEW, gettext_lazy("Quality-assure a finding (form)")),
    "reviews:finding_response": Audited(
        REVIEW, gettext_lazy("The board's response to a finding (form)")
    ),
    "reviews:actions": Audited(REVIEW, gettext_lazy("Action plan")),
    "reviews:action_add": Audited(REVIEW, gettext_lazy("Add an action (form)")),
    "reviews:action_progress": Audited(REVIEW, gettext_lazy("Progress on an action (form)")),
    "reviews:action_edit": Audited(REVIEW, gettext_lazy("Change an action (form)")),
    "reviews:action_withdraw": Audited(REVIEW, gettext_lazy("Withdraw an action (form)")),
    "insight:timeline": Audited(REVIEW, gettext_lazy("Review timeline")),
    # What the board did to share a published review's learning, and the brief sent on.
    "sharing:review": Audited(REVIEW, gettext_lazy("Sharing the learning")),
    "sharing:brief_send": Audited(REVIEW, gettext_lazy("Send the learning brief (form)")),
    # The report and its PDFs.
    "publication:report": Audited(REVIEW, gettext_lazy("Report and publication")),
    "publication:report_html": Audited(REVIEW, gettext_lazy("Report (web version)")),
    "publication:report_section": Audited(REVIEW, gettext_lazy("Write a report section (form)")),
    "publication:report_welsh": Audited(REVIEW, gettext_lazy("Report in Welsh")),
    "publication:report_welsh_passage": Audited(
        REVIEW, gettext_lazy("Write the Welsh of a passage of the report (form)")
    ),
    "publication:flag_keep": Audited(
        REVIEW, gettext_lazy("Keep a flagged detail in the report (form)")
    ),
    "publication:rendering_download": Audited(REVIEW, gettext_lazy("Report PDF download")),
    "publication:decision": Audited(REVIEW, gettext_lazy("Publication decision (form)")),
    "publication:panel_copy": Audited(
        REVIEW, gettext_lazy("Copy sent to the national panel (form)")
    ),
    "publication:published": Audited(REVIEW, gettext_lazy("Record the publication (form)")),
    "publication:withdraw": Audited(REVIEW, gettext_lazy("Take the report off the website (form)")),
    "publication:home_office_qa_record": Audited(
        REVIEW, gettext_lazy("A step with the Home Office Quality Assurance Panel (form)")
    ),
    "publication:home_office_qa_withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw a step with the Home Office Quality Assurance Panel (form)")
    ),
    "publication:wsr_export": Audited(
        REVIEW, gettext_lazy("Wales Safeguarding Repository package")
    ),
    # The board's self-assessment against the quality markers: judgements, evidence and what
    # the service holds of the case.
    "quality:review": Audited(REVIEW, gettext_lazy("Quality markers")),
    "quality:start": Audited(
        REVIEW, gettext_lazy("Start a quality markers self-assessment (form)")
    ),
    "quality:marker": Audited(REVIEW, gettext_lazy("Judge a quality marker (form)")),
    "quality:complete": Audited(
        REVIEW, gettext_lazy("Complete the quality markers self-assessment (form)")
    ),
    "quality:reopen": Audited(
        REVIEW, gettext_lazy("Reopen the quality markers self-assessment (form)")
    ),
    "quality:withdraw": Audited(
        REVIEW, gettext_lazy("Withdraw the quality markers self-assessment (form)")
    ),
    "quality:export": Audited(REVIEW, gettext_lazy("Quality markers spreadsheet")),
    "quality:print": Audited(REVIEW, gettext_lazy("Quality markers, printable")),
    # The API: one incident, one review and its lists, and the lists of whole records.
    "api:incident-detail": Audited(INCIDENT, gettext_lazy("API: the incident")),
    "api:review-detail": Audited(REVIEW, gettext_lazy("API: the review")),
    "api:review-episodes": Audited(REVIEW, gettext_lazy("API: key practice episodes")),
    "api:review-findings": Audited(REVIEW, gettext_lazy("API: findings")),
    "api:review-actions": Audited(REVIEW, gettext_lazy("API: action plan")),
    "api:review-episode-detail": Audited(REVIEW, gettext_lazy("API: a key practice episode")),
    "api:review-finding-detail": Audited(REVIEW, gettext_lazy("API: a finding")),
    "api:review-action-detail": Audited(REVIEW, gettext_lazy("API: an action")),
    "api:review-chronology-detail": Audited(REVIEW, gettext_lazy("API: a chronology entry")),
    "api:review-report-check": Audited(REVIEW, gettext_lazy("API: the anonymisation check")),
    "api:incident-people": Audited(INCIDENT, gettext_lazy("API: people involved (real names)")),
    "api:incident-person-detail": Audited(
        INCIDENT, gettext_lazy("API: a person involved (real name)")
    ),
    "api:incident-list": Audited(LISTED_INCIDENTS, gettext_lazy("API: list of incidents")),
    "api:review-list": Audited(LISTED_REVIEWS, gettext_lazy("API: list of reviews")),
    # Board-wide: every case of the board at once.
    "insight:export": Audited(BOARD, gettext_lazy("CSV export")),
    "insight:annual_report_web": Audited(BOARD, gettext_lazy("Annual report (web version)")),
    "insight:annual_report_pdf": Audited(BOARD, gettext_lazy("Annual report PDF download")),
}

# URLs that show something of the board's cases but write no event, and why. Besides these,
# URLs that answer no GET write none: a POST changes a record, and its history names who.
NOT_AUDITED: dict[str, str] = {
    # Sends its reader on to the page of the request they may see, which is audited.
    "agency:request_open": "a redirect to an audited page",
    "agency:chronology_template": "the empty template, of no case",
    # Lists of the board's cases: references, statuses and dates, no case record. Opening
    # a case from them is audited.
    "reviews:incident_list": "a list of references and statuses",
    "reviews:review_list": "a list of references and stages",
    "reviews:deadline_list": "a list of deadlines by reference (its CSV is audited)",
    "reviews:action_tracker": "a list of the board's actions by case reference",
    "insight:dashboard": "counts, no case",
    "insight:annual_reports": "the list of annual reports and the form to make one",
    "reminders:open": "sends the user on to the deadline's page, which is audited",
    "api:me-reminder-list": "the caller's own reminders: references and deadlines",
    # Published reports and findings are public: anyone may read them, signed in or not.
    "publication:library": "published findings, public",
    "api:library-list": "published findings, public",
}


def label_of(url_name: str) -> str:
    """What the page was, in words; the URL name itself for a page no longer in the table."""
    audited = AUDITED_URLS.get(url_name)
    return audited.label if audited else url_name
