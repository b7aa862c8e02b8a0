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
    "reviews:incident_detail": Audited(INCIDENT, "Incident page"),
    "reviews:incident_edit": Audited(INCIDENT, "Change the incident (form)"),
    "reviews:incident_withdraw": Audited(INCIDENT, "Withdraw the incident (form)"),
    "reviews:notification_add": Audited(INCIDENT, "Record a notification (form)"),
    "reviews:notification_edit": Audited(INCIDENT, "Change a notification (form)"),
    "reviews:notification_withdraw": Audited(INCIDENT, "Withdraw a notification (form)"),
    "reviews:proceeding_add": Audited(INCIDENT, "Record a parallel proceeding (form)"),
    "reviews:proceeding_edit": Audited(INCIDENT, "Change a parallel proceeding (form)"),
    "reviews:proceeding_withdraw": Audited(INCIDENT, "Withdraw a parallel proceeding (form)"),
    "reviews:restriction_add": Audited(INCIDENT, "Record a reporting restriction (form)"),
    "reviews:restriction_edit": Audited(INCIDENT, "Change a reporting restriction (form)"),
    "reviews:restriction_withdraw": Audited(INCIDENT, "Withdraw a reporting restriction (form)"),
    "reviews:decision": Audited(INCIDENT, "The chair's decision (form)"),
    "reviews:joint_propose": Audited(REVIEW, "Propose a joint review (form)"),
    "reviews:joint_end": Audited(REVIEW, "End a joint review (form)"),
    # The other board's answer shows the proposing board's case reference and note: an event
    # of the answering board (it holds no case of its own yet).
    "reviews:joint_accept": Audited(BOARD, "A proposal of a joint review (form)"),
    "reviews:joint_decline": Audited(BOARD, "Decline a joint review (form)"),
    # Excerpts of the board's cases: an event of the board (the search names no single case).
    "reviews:case_search": Audited(BOARD, "Search of the board's cases"),
    "reviews:decision_edit": Audited(INCIDENT, "Change the reasons for the decision (form)"),
    "reviews:panel_advice_add": Audited(INCIDENT, "National panel advice (form)"),
    "reviews:panel_advice_edit": Audited(INCIDENT, "Change national panel advice (form)"),
    "reviews:panel_advice_withdraw": Audited(INCIDENT, "Withdraw national panel advice (form)"),
    "reviews:people": Audited(INCIDENT, "People involved (real names)"),
    "reviews:person_add": Audited(INCIDENT, "Add a person involved (form)"),
    "reviews:person_edit": Audited(INCIDENT, "Change a person involved (real name)"),
    "reviews:person_withdraw": Audited(INCIDENT, "Withdraw a person involved (real name)"),
    "reviews:deadline_pause": Audited(INCIDENT, "Pause a clock (form)"),
    "reviews:deadline_resume": Audited(INCIDENT, "Restart a clock (form)"),
    "reviews:rapid_review_start": Audited(INCIDENT, "Start a rapid review (form)"),
    "audit:incident_access": Audited(INCIDENT, "Who has looked at this case"),
    # The review and every page of it.
    "reviews:review_detail": Audited(REVIEW, "Review page"),
    "reviews:setup": Audited(REVIEW, "Set up the review (form)"),
    "reviews:research_questions": Audited(REVIEW, "Research questions"),
    "reviews:appointments": Audited(REVIEW, "Reviewers"),
    "reviews:appointment_add": Audited(REVIEW, "Appoint a reviewer (form)"),
    "reviews:appointment_end": Audited(REVIEW, "End a reviewer's appointment (form)"),
    "reviews:appointment_edit": Audited(REVIEW, "Change a reviewer's appointment (form)"),
    "reviews:appointment_withdraw": Audited(REVIEW, "Withdraw a reviewer's appointment (form)"),
    "reviews:research_question_edit": Audited(REVIEW, "Change a research question (form)"),
    "reviews:research_question_withdraw": Audited(REVIEW, "Withdraw a research question (form)"),
    "reviews:clock": Audited(REVIEW, "Completion clock"),
    "reviews:clock_pause": Audited(REVIEW, "Pause the completion clock (form)"),
    "reviews:clock_resume": Audited(REVIEW, "Restart the completion clock (form)"),
    "reviews:clock_extend": Audited(REVIEW, "Extend the completion clock (form)"),
    "reviews:interim": Audited(REVIEW, "Improvements during an extension (form)"),
    "reviews:participants": Audited(REVIEW, "Review team and case group"),
    "reviews:participant_add": Audited(REVIEW, "Add to the review team or case group (form)"),
    "reviews:participant_edit": Audited(REVIEW, "Change a team or case group member (form)"),
    "reviews:participant_withdraw": Audited(REVIEW, "Withdraw a team or case group member (form)"),
    "reviews:meetings": Audited(REVIEW, "Meetings"),
    "reviews:meeting_add": Audited(REVIEW, "Plan a meeting (form)"),
    "reviews:meeting_record": Audited(REVIEW, "Record a meeting (form)"),
    "reviews:meeting_edit": Audited(REVIEW, "Change a meeting (form)"),
    "reviews:meeting_withdraw": Audited(REVIEW, "Withdraw a meeting (form)"),
    "reviews:agency_requests": Audited(REVIEW, "Requests to agencies"),
    "reviews:agency_request_add": Audited(REVIEW, "Ask an agency for information (form)"),
    "reviews:agency_request_chase": Audited(REVIEW, "Chase an agency request (form)"),
    "reviews:agency_request_receive": Audited(REVIEW, "Receive an agency's information (form)"),
    "reviews:agency_request_edit": Audited(REVIEW, "Change an agency request (form)"),
    "reviews:agency_request_withdraw": Audited(REVIEW, "Withdraw an agency request (form)"),
    "reviews:agency_request_send": Audited(REVIEW, "Send a request to an agency (form)"),
    "reviews:agency_return_send_back": Audited(REVIEW, "Send an agency's answer back (form)"),
    "reviews:contributors": Audited(REVIEW, "Agencies' contributors"),
    "reviews:contributor_invite": Audited(REVIEW, "Invite an agency's contributor (form)"),
    "reviews:contributor_end": Audited(REVIEW, "End a contributor's access (form)"),
    "reviews:documents": Audited(REVIEW, "Documents"),
    "reviews:chronology_export": Audited(REVIEW, "The merged chronology (spreadsheet)"),
    "reviews:chronology_import": Audited(REVIEW, "Import an agency's chronology (form)"),
    "agency:request_chronology": Audited(REVIEW, "Import an agency's chronology (form)"),
    "agency:action": Audited(REVIEW, "An action of an agency, and its progress"),
    "publication:accuracy_share": Audited(REVIEW, "Share the draft for factual accuracy (form)"),
    "publication:accuracy_check": Audited(REVIEW, "Factual accuracy comments on the draft"),
    "publication:accuracy_decide": Audited(REVIEW, "Accept or decline an accuracy comment"),
    "publication:accuracy_family": Audited(REVIEW, "Record the family's view (form)"),
    "publication:agency_accuracy": Audited(REVIEW, "The draft shared with an agency"),
    "reviews:action_repeat": Audited(REVIEW, "Mark an action as a repeat (form)"),
    "reviews:document_upload": Audited(REVIEW, "Upload a document (form)"),
    "reviews:document_download": Audited(REVIEW, "Download a document"),
    "reviews:document_version_add": Audited(REVIEW, "Upload a new version of a document (form)"),
    "reviews:document_withdraw": Audited(REVIEW, "Withdraw a document (form)"),
    "audit:document_access": Audited(REVIEW, "Who has opened a document"),
    "api:review-contributors": Audited(REVIEW, "Agencies' contributors (API)"),
    "api:review-agency-requests": Audited(REVIEW, "Requests to agencies (API)"),
    "api:review-chronology": Audited(REVIEW, "The merged chronology (API)"),
    "api:review-documents": Audited(REVIEW, "Documents (API)"),
    "api:review-document-file": Audited(REVIEW, "Download a document (API)"),
    # The agencies' contributors' own pages of the review.
    "agency:document_download": Audited(REVIEW, "Download a document (an agency's)"),
    "agency:request_document": Audited(REVIEW, "Upload a document for an agency (form)"),
    "agency:review": Audited(REVIEW, "The review as shared with an agency"),
    "agency:request": Audited(REVIEW, "A request to an agency, and its answers"),
    "reviews:chronology": Audited(REVIEW, "Chronology"),
    "reviews:chronology_add": Audited(REVIEW, "Add to the chronology (form)"),
    "reviews:chronology_edit": Audited(REVIEW, "Change a chronology entry (form)"),
    "reviews:chronology_withdraw": Audited(REVIEW, "Withdraw a chronology entry (form)"),
    "reviews:involvements": Audited(REVIEW, "Family and practitioner involvement"),
    "reviews:involvement_add": Audited(REVIEW, "Offer involvement (form)"),
    "reviews:involvement_respond": Audited(REVIEW, "Record an answer to an offer (form)"),
    "reviews:involvement_edit": Audited(REVIEW, "Change an offer of involvement (form)"),
    "reviews:involvement_withdraw": Audited(REVIEW, "Withdraw an offer of involvement (form)"),
    "reviews:conversations": Audited(REVIEW, "Conversations"),
    "reviews:conversation_add": Audited(REVIEW, "Record a conversation (form)"),
    "reviews:conversation_detail": Audited(REVIEW, "A conversation"),
    "reviews:conversation_edit": Audited(REVIEW, "Change a conversation (form)"),
    "reviews:conversation_withdraw": Audited(REVIEW, "Withdraw a conversation (form)"),
    "reviews:episodes": Audited(REVIEW, "Key practice episodes"),
    "reviews:episode_add": Audited(REVIEW, "Add a key practice episode (form)"),
    "reviews:episode_detail": Audited(REVIEW, "A key practice episode"),
    "reviews:episode_edit": Audited(REVIEW, "Change a key practice episode (form)"),
    "reviews:episode_withdraw": Audited(REVIEW, "Withdraw a key practice episode (form)"),
    "reviews:findings": Audited(REVIEW, "Findings"),
    "reviews:finding_add": Audited(REVIEW, "Add a finding (form)"),
    "reviews:finding_detail": Audited(REVIEW, "A finding"),
    "reviews:finding_edit": Audited(REVIEW, "Change a finding (form)"),
    "reviews:finding_withdraw": Audited(REVIEW, "Withdraw a finding (form)"),
    "reviews:finding_quality": Audited(REVIEW, "Quality-assure a finding (form)"),
    "reviews:finding_response": Audited(REVIEW, "The board's response to a finding (form)"),
    "reviews:actions": Audited(REVIEW, "Action plan"),
    "reviews:action_add": Audited(REVIEW, "Add an action (form)"),
    "reviews:action_progress": Audited(REVIEW, "Progress on an action (form)"),
    "reviews:action_edit": Audited(REVIEW, "Change an action (form)"),
    "reviews:action_withdraw": Audited(REVIEW, "Withdraw an action (form)"),
    "insight:timeline": Audited(REVIEW, "Review timeline"),
    # The report and its PDFs.
    "publication:report": Audited(REVIEW, "Report and publication"),
    "publication:report_html": Audited(REVIEW, "Report (web version)"),
    "publication:report_section": Audited(REVIEW, "Write a report section (form)"),
    "publication:flag_keep": Audited(REVIEW, "Keep a flagged detail in the report (form)"),
    "publication:rendering_download": Audited(REVIEW, "Report PDF download"),
    "publication:decision": Audited(REVIEW, "Publication decision (form)"),
    "publication:panel_copy": Audited(REVIEW, "Copy sent to the national panel (form)"),
    "publication:published": Audited(REVIEW, "Record the publication (form)"),
    "publication:withdraw": Audited(REVIEW, "Take the report off the website (form)"),
    "publication:home_office_qa_record": Audited(
        REVIEW, "A step with the Home Office Quality Assurance Panel (form)"
    ),
    "publication:home_office_qa_withdraw": Audited(
        REVIEW, "Withdraw a step with the Home Office Quality Assurance Panel (form)"
    ),
    "publication:wsr_export": Audited(REVIEW, "Wales Safeguarding Repository package"),
    # The API: one incident, one review and its lists, and the lists of whole records.
    "api:incident-detail": Audited(INCIDENT, "API: the incident"),
    "api:review-detail": Audited(REVIEW, "API: the review"),
    "api:review-episodes": Audited(REVIEW, "API: key practice episodes"),
    "api:review-findings": Audited(REVIEW, "API: findings"),
    "api:review-actions": Audited(REVIEW, "API: action plan"),
    "api:review-episode-detail": Audited(REVIEW, "API: a key practice episode"),
    "api:review-finding-detail": Audited(REVIEW, "API: a finding"),
    "api:review-action-detail": Audited(REVIEW, "API: an action"),
    "api:review-chronology-detail": Audited(REVIEW, "API: a chronology entry"),
    "api:review-report-check": Audited(REVIEW, "API: the anonymisation check"),
    "api:incident-people": Audited(INCIDENT, "API: people involved (real names)"),
    "api:incident-person-detail": Audited(INCIDENT, "API: a person involved (real name)"),
    "api:incident-list": Audited(LISTED_INCIDENTS, "API: list of incidents"),
    "api:review-list": Audited(LISTED_REVIEWS, "API: list of reviews"),
    # Board-wide: every case of the board at once.
    "insight:export": Audited(BOARD, "CSV export"),
    "insight:annual_report_web": Audited(BOARD, "Annual report (web version)"),
    "insight:annual_report_pdf": Audited(BOARD, "Annual report PDF download"),
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
