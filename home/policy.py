"""Who may do what: the table. docs/permissions.md is this table in words.

- the rules: actions (such as "members.manage") and who may take them, as `rules` predicates
  over roles on boards (`boards.roles`), appointments to reviews (`reviews.appointments`) and
  the person's own standing (`core.permissions`);
- `URL_POLICY`: which action every URL of the project needs, by URL name and method. A URL
  without an entry is refused (deny by default) and a test fails;
- `PUBLIC_URLS`: the URLs open to everyone.

`core.permissions` is the mechanism (`can`, `require`, `visible`, `PolicyMixin`'s check) and
names no domain model; this table names them, so it sits where it may import them: at the top
of the layers (docs/architecture.md). `HomeConfig.ready` loads it, so every process (web,
worker, command) has it before it checks anything.
"""

from bank.rules import of_the_services_own_bank
from boards.roles import (
    belongs_to_a_board,
    commissions_reviews,
    has_any_role,
    is_business_manager,
    is_chair,
    manages_a_board,
    reads_board_cases,
    represents_owner_agency,
)
from core import permissions
from core.permissions import (
    is_accreditation_staff,
    is_owner,
    is_platform_admin,
    is_signed_in,
    policy,
)
from reviews.appointments import is_appointed_reviewer, is_review_supervisor
from reviews.contributors import contributes_for_its_agency, is_contributor

policy.add_rule("signed_in", is_signed_in)
policy.add_rule("service.status", is_platform_admin)
policy.add_rule("board.create", is_platform_admin)
policy.add_rule("board.list_all", is_platform_admin)
policy.add_rule("board.view", is_platform_admin | has_any_role)
policy.add_rule("members.view", is_platform_admin | has_any_role)
policy.add_rule("members.manage", is_platform_admin | is_business_manager)
# API tokens for a board's systems, acting as one of its members on that board only.
policy.add_rule("api_tokens.manage", is_platform_admin | is_business_manager)
policy.add_rule("agencies.view", is_platform_admin | has_any_role)
policy.add_rule("agencies.manage", is_business_manager)
policy.add_rule("board.edit", is_platform_admin)
policy.add_rule("bank_holidays.manage", is_platform_admin)
# The national approved lists of reviewers (the Welsh Government's, for SUSRs).
policy.add_rule("approved_lists.manage", is_platform_admin)
policy.add_rule("local_criteria.manage", is_business_manager)
# A joint review with another board's review of the same death: each board's business manager
# proposes, accepts, declines or ends it for their own board.
policy.add_rule("joint_reviews.manage", is_business_manager)
# The board's own length for a clock no primary source fixes (guidance/rulebooks/).
policy.add_rule("timescales.manage", is_business_manager)
policy.add_rule("incidents.view", reads_board_cases)
# Search across the board's cases: everyone with a role; what each finds is scoped in the
# query (reviews.selectors.search): every case for those who read the board's cases, a lead
# reviewer's own reviews, no real name for anyone who may not see the people.
policy.add_rule("cases.search", has_any_role)
policy.add_rule("incidents.manage", is_business_manager)
policy.add_rule("people.view", is_business_manager | is_chair)
policy.add_rule("people.manage", is_business_manager)
# Who has looked at a case (audit.AccessEvent): the board's business manager and chair, the
# same two who may see the real names.
policy.add_rule("access_log.view", is_business_manager | is_chair)
policy.add_rule("decisions.record", is_chair)
policy.add_rule("panel_advice.record", is_business_manager | is_chair)
policy.add_rule("deadlines.view", reads_board_cases)
policy.add_rule("clocks.pause", is_business_manager)
# Reviews. Lead reviewers see only the reviews they are appointed to; the accreditation staff
# member supervising a review sees it too (DESIGN.md section 1).
policy.add_rule("reviews.list", has_any_role)
policy.add_rule("reviews.view", reads_board_cases | is_appointed_reviewer | is_review_supervisor)
policy.add_rule("reviews.setup", is_business_manager | is_appointed_reviewer)
# What the board commissions: the type of review and who supervises it, not the reviewers'.
policy.add_rule("reviews.commission", is_business_manager)
policy.add_rule("reviews.analyse", is_appointed_reviewer)
# Learning Together's conversations are a confidential space: what a practitioner said is read
# by the reviewers and, for quality assurance, their supervisor; nobody of the board.
policy.add_rule("conversations.read", is_appointed_reviewer | is_review_supervisor)
policy.add_rule("reviews.transition", is_business_manager | is_appointed_reviewer)
policy.add_rule("reviews.appoint", is_business_manager)
policy.add_rule("reviews.clock", is_business_manager)
policy.add_rule("findings.quality_assure", is_review_supervisor)
policy.add_rule("findings.respond", is_business_manager | is_chair)
# The partner agencies' contributors, each invited to one review for one agency. They hold no
# role on the board and are in no scope of `visible`: they reach only their own pages (the
# review as shared with the agencies; their agency's requests), whatever else the rules say.
policy.add_rule("contributors.view", reads_board_cases | is_appointed_reviewer)
policy.add_rule("contributors.invite", is_business_manager | is_appointed_reviewer)
policy.add_rule("contributors.end", is_business_manager)
policy.add_rule("contribution.view", is_contributor)
policy.add_rule("requests.answer", contributes_for_its_agency)
# The API's lists and files of a review that both the board's people and the agencies'
# contributors read: each sees their own (the views scope what a contributor gets).
_reads_review = reads_board_cases | is_appointed_reviewer | is_review_supervisor
policy.add_rule("agency_requests.view", _reads_review | is_contributor)
policy.add_rule("documents.view", _reads_review | is_contributor)
policy.add_rule("documents.upload", is_business_manager | is_appointed_reviewer | is_contributor)
# An agency's chronology file: its contributors, or the board on the agency's behalf.
policy.add_rule(
    "requests.import", contributes_for_its_agency | is_business_manager | is_appointed_reviewer
)
policy.add_rule("actions.manage", is_business_manager)
# The owner agency's people: a board member of the agency, or its contributor to the review.
policy.add_rule(
    "actions.progress",
    is_business_manager | represents_owner_agency | contributes_for_its_agency,
)
# The same, on the contributor's own page of the action (the board's people use the board's).
policy.add_rule("agency_actions.progress", contributes_for_its_agency)
# Every action of the board's reviews in one tracker.
policy.add_rule("actions.track", reads_board_cases)
policy.add_rule("reminders.policy", is_business_manager)
# The board's retention period, the cases falling due and the record of the job's runs.
policy.add_rule("retention.manage", is_business_manager)
# Reports and publication (docs/permissions.md): the reviewers write the report, the supervisor
# quality-assures it, the chair approves, signs off and decides; the business manager sends the
# panel its copy and records the publication.
policy.add_rule("reports.view", reads_board_cases | is_appointed_reviewer | is_review_supervisor)
policy.add_rule("reports.edit", is_appointed_reviewer)
policy.add_rule("reports.quality_assure", is_review_supervisor)
policy.add_rule("reports.approve", is_chair)
policy.add_rule("reports.render", is_business_manager | is_appointed_reviewer)
policy.add_rule("publication.decide", is_chair)
policy.add_rule("publication.manage", is_business_manager)
# The steps of a domestic homicide review with the Home Office Quality Assurance Panel
# (docs/research/dhr.md, section 4): the business manager or the chair records them.
policy.add_rule("publication.home_office_qa", is_business_manager | is_chair)
# A board's self-assessment of a review against the quality markers (quality/): its business
# manager and chair assess and export it, the board's members read it; a reviewer appointed to
# the review does not see it (it is the board's view of the review, theirs included).
policy.add_rule("quality.view", reads_board_cases)
policy.add_rule("quality.assess", is_business_manager | is_chair)
policy.add_rule("dashboard.view", reads_board_cases)
policy.add_rule("exports.download", reads_board_cases)
policy.add_rule("annual_report.view", reads_board_cases)
policy.add_rule("annual_report.make", is_business_manager | is_chair)
# Counts and timeliness of every board, with nothing of any case.
policy.add_rule("overview.view", is_platform_admin | is_accreditation_staff)
policy.add_rule("library.view", is_platform_admin | is_accreditation_staff | belongs_to_a_board)
# The bank of completed reports (bank/): for the people of every board and the accreditation
# staff; a board's business manager keeps their board's entries, the accreditation staff
# SCIE's own bank.
policy.add_rule("bank.view", is_accreditation_staff | belongs_to_a_board)
# Adding a report: for one of the boards someone manages, or to SCIE's own bank.
policy.add_rule("bank.add", is_accreditation_staff | manages_a_board)
policy.add_rule(
    "bank.manage", is_business_manager | (is_accreditation_staff & of_the_services_own_bank)
)
# Sharing the learning (sharing/): every member of the board sees what was done to share its
# published reviews' learning; the business manager and the chair record it and send the
# learning brief to the agencies.
policy.add_rule("sharing.view", has_any_role)
policy.add_rule("sharing.manage", is_business_manager | is_chair)
# Accreditation: the national body's staff run it; applicants, trainees and reviewers see their
# own records; boards' business managers and chairs see the reviewer directory. Staff see case
# content of a review only when they supervise it (reviews.view above).
policy.add_rule("accreditation.manage", is_accreditation_staff)
policy.add_rule("accreditation.own", is_accreditation_staff | is_owner)
policy.add_rule("accreditation.apply", is_signed_in)
policy.add_rule("directory.view", is_accreditation_staff | commissions_reviews)


# Which action every URL needs: a name, or a mapping from HTTP method to name. Methods not
# listed are refused. Keep docs/permissions.md in step.
URL_POLICY: dict[str, str | dict[str, str]] = {
    "home": "signed_in",
    # Signing in, second step, and the user's own sign-in security (docs/security.md).
    "mfa_verify": "signed_in",
    "mfa_setup": "signed_in",
    "account_security": {"GET": "signed_in", "POST": "signed_in"},
    # The user's own API tokens: the queryset holds only theirs, so another's answers 404.
    "account_api_token_revoke": {"GET": "signed_in", "POST": "signed_in"},
    "session_keep_alive": {"GET": "signed_in", "POST": "signed_in"},
    "service_status": "service.status",
    "boards:list": "board.list_all",
    "boards:create": "board.create",
    "boards:detail": "board.view",
    "boards:member_add": "members.manage",
    "boards:member_remove": "members.manage",
    "boards:agency_add": "agencies.manage",
    "boards:agency_edit": "agencies.manage",
    "boards:api_access": {"GET": "api_tokens.manage"},
    "boards:api_token_issue": "api_tokens.manage",
    "boards:api_token_revoke": "api_tokens.manage",
    "boards:edit": "board.edit",
    "boards:reminder_policy": "reminders.policy",
    "retention:board": "retention.manage",
    # A user's own reminders: the queryset holds only theirs, so another's answers 404.
    "reminders:list": {"GET": "signed_in", "POST": "signed_in"},
    "reminders:open": {"GET": "signed_in"},
    "api:me-reminder-list": {"GET": "signed_in"},
    "bank_holidays": "bank_holidays.manage",
    "bank_holiday_add": "bank_holidays.manage",
    "bank_holiday_remove": "bank_holidays.manage",
    "approved_reviewers": "approved_lists.manage",
    "approved_reviewer_add": "approved_lists.manage",
    "approved_reviewer_end": "approved_lists.manage",
    "reviews:incident_list": {"GET": "incidents.view"},
    "reviews:case_search": {"GET": "cases.search", "POST": "cases.search"},
    "reviews:incident_log": "incidents.manage",
    "reviews:incident_detail": {"GET": "incidents.view"},
    "reviews:incident_edit": "incidents.manage",
    "reviews:incident_withdraw": "incidents.manage",
    "reviews:notification_add": "incidents.manage",
    "reviews:notification_edit": "incidents.manage",
    "reviews:notification_withdraw": "incidents.manage",
    "reviews:proceeding_add": "incidents.manage",
    "reviews:proceeding_edit": "incidents.manage",
    "reviews:proceeding_withdraw": "incidents.manage",
    "reviews:restriction_add": "incidents.manage",
    "reviews:restriction_edit": "incidents.manage",
    "reviews:restriction_withdraw": "incidents.manage",
    "reviews:decision": "decisions.record",
    "reviews:decision_edit": "decisions.record",
    "reviews:panel_advice_add": "panel_advice.record",
    "reviews:panel_advice_edit": "panel_advice.record",
    "reviews:panel_advice_withdraw": "panel_advice.record",
    "reviews:people": {"GET": "people.view"},
    "reviews:person_add": "people.manage",
    "reviews:person_edit": "people.manage",
    "reviews:person_withdraw": "people.manage",
    "audit:incident_access": {"GET": "access_log.view"},
    "audit:document_access": {"GET": "access_log.view"},
    "reviews:deadline_pause": "clocks.pause",
    "reviews:deadline_resume": "clocks.pause",
    "reviews:deadline_list": {"GET": "deadlines.view"},
    "reviews:local_criterion_add": "local_criteria.manage",
    "reviews:timescale_set": "timescales.manage",
    "reviews:joint_propose": "joint_reviews.manage",
    "reviews:joint_end": "joint_reviews.manage",
    "reviews:joint_accept": "joint_reviews.manage",
    "reviews:joint_decline": "joint_reviews.manage",
    "reviews:rapid_review_start": "incidents.manage",
    "reviews:review_list": {"GET": "reviews.list"},
    "reviews:review_detail": {"GET": "reviews.view", "POST": "reviews.transition"},
    "reviews:setup": "reviews.setup",
    "reviews:research_questions": {"GET": "reviews.view", "POST": "reviews.setup"},
    "reviews:research_question_edit": "reviews.setup",
    "reviews:research_question_withdraw": "reviews.setup",
    "reviews:appointments": {"GET": "reviews.view"},
    "reviews:appointment_add": "reviews.appoint",
    "reviews:appointment_end": "reviews.appoint",
    "reviews:appointment_edit": "reviews.appoint",
    "reviews:appointment_withdraw": "reviews.appoint",
    "reviews:clock": {"GET": "reviews.view"},
    "reviews:clock_pause": "reviews.clock",
    "reviews:clock_resume": "reviews.clock",
    "reviews:clock_extend": "reviews.clock",
    "reviews:interim": "reviews.clock",
    "reviews:participants": {"GET": "reviews.view"},
    "reviews:participant_add": "reviews.setup",
    "reviews:participant_edit": "reviews.setup",
    "reviews:participant_withdraw": "reviews.setup",
    "reviews:meetings": {"GET": "reviews.view"},
    "reviews:meeting_add": "reviews.setup",
    "reviews:meeting_record": "reviews.setup",
    "reviews:meeting_edit": "reviews.setup",
    "reviews:meeting_withdraw": "reviews.setup",
    "reviews:agency_requests": {"GET": "reviews.view"},
    "reviews:agency_request_add": "reviews.setup",
    "reviews:agency_request_chase": "reviews.setup",
    "reviews:agency_request_receive": "reviews.setup",
    "reviews:agency_request_edit": "reviews.setup",
    "reviews:agency_request_withdraw": "reviews.setup",
    "reviews:agency_request_send": "reviews.setup",
    "reviews:agency_return_send_back": "reviews.setup",
    "reviews:contributors": {"GET": "contributors.view"},
    "reviews:contributor_invite": "contributors.invite",
    "reviews:contributor_end": "contributors.end",
    # The contributor's own pages: the review as shared with the agencies, and a request to
    # their agency (GET), answered by POST. Others of the review, or of another agency, 404.
    "reviews:documents": {"GET": "reviews.view"},
    "reviews:document_download": {"GET": "reviews.view"},
    "reviews:document_upload": "reviews.setup",
    "reviews:document_version_add": "reviews.setup",
    "reviews:document_withdraw": "reviews.setup",
    "agency:review": {"GET": "contribution.view"},
    # Their agency's documents; one sent with the answer to a request sent to their agency.
    "agency:document_download": {"GET": "contribution.view"},
    "agency:request_document": {"GET": "contribution.view", "POST": "requests.answer"},
    "agency:request": {"GET": "contribution.view", "POST": "requests.answer"},
    # A request's address in e-mails: it sends each reader to the page they may see, or 404.
    "agency:request_open": {"GET": "signed_in"},
    "reviews:chronology": {"GET": "reviews.view"},
    "reviews:chronology_export": {"GET": "reviews.view"},
    "reviews:chronology_import": "reviews.setup",
    # An agency's chronology file imported in answer to a request sent to the agency.
    "agency:request_chronology": {"GET": "contribution.view", "POST": "requests.answer"},
    # The empty template (XLSX or CSV): the same for everyone, naming no case.
    "agency:chronology_template": {"GET": "signed_in"},
    "reviews:chronology_add": "reviews.setup",
    "reviews:chronology_edit": "reviews.setup",
    "reviews:chronology_withdraw": "reviews.setup",
    "reviews:involvements": {"GET": "reviews.view"},
    "reviews:involvement_add": "reviews.setup",
    "reviews:involvement_respond": "reviews.setup",
    "reviews:involvement_edit": "reviews.setup",
    "reviews:involvement_withdraw": "reviews.setup",
    "reviews:conversations": {"GET": "reviews.view"},
    "reviews:conversation_add": "reviews.analyse",
    # What was said is confidential to the reviewers and their supervisor; the board office
    # sees on the list that a conversation took place, not what was said (docs/permissions.md).
    "reviews:conversation_detail": {"GET": "conversations.read"},
    "reviews:conversation_edit": "reviews.analyse",
    "reviews:conversation_withdraw": "reviews.analyse",
    "reviews:episodes": {"GET": "reviews.view"},
    "reviews:episode_add": "reviews.analyse",
    "reviews:episode_detail": {"GET": "reviews.view"},
    "reviews:episode_edit": "reviews.analyse",
    "reviews:episode_withdraw": "reviews.analyse",
    "reviews:findings": {"GET": "reviews.view"},
    "reviews:finding_add": "reviews.analyse",
    "reviews:finding_detail": {"GET": "reviews.view"},
    "reviews:finding_edit": "reviews.analyse",
    "reviews:finding_withdraw": "reviews.analyse",
    "reviews:finding_quality": "findings.quality_assure",
    "reviews:finding_response": "findings.respond",
    "reviews:actions": {"GET": "reviews.view"},
    "reviews:action_add": "actions.manage",
    "reviews:action_progress": "actions.progress",
    "reviews:action_repeat": "actions.manage",
    "reviews:action_tracker": {"GET": "actions.track"},
    # An action of the contributor's agency: its progress, and recording more.
    "agency:action": {"GET": "contribution.view", "POST": "agency_actions.progress"},
    "reviews:action_edit": "actions.manage",
    "reviews:action_withdraw": "actions.manage",
    "publication:report": {"GET": "reports.view"},
    "publication:report_html": {"GET": "reports.view"},
    "publication:report_section": "reports.edit",
    # A Welsh board's report in Welsh too: its passages' Welsh, read by those who read the
    # report, written (and the report held in both languages or one) by those who write it.
    "publication:report_welsh": {"GET": "reports.view", "POST": "reports.edit"},
    "publication:report_welsh_passage": "reports.edit",
    # Factual accuracy: the reviewers share the draft and answer the comments; the business
    # manager records the family's view; the contributors asked comment on their own page.
    "publication:report_chronology": {"POST": "reports.edit"},
    "publication:accuracy_share": "reports.edit",
    "publication:accuracy_check": {"GET": "reports.view"},
    "publication:accuracy_decide": "reports.edit",
    "publication:accuracy_family": "publication.manage",
    "publication:agency_accuracy": {"GET": "contribution.view", "POST": "contribution.view"},
    "publication:report_quality_assure": {"POST": "reports.quality_assure"},
    "publication:report_approve": {"POST": "reports.approve"},
    "publication:report_sign_off": {"POST": "reports.approve"},
    # A detail the anonymisation check flagged, kept in the report by the chair with a reason.
    "publication:flag_keep": "reports.approve",
    "publication:report_reopen": {"POST": "reports.approve"},
    "publication:report_render": {"POST": "reports.render"},
    "publication:rendering_download": {"GET": "reports.view"},
    "publication:decision": "publication.decide",
    "publication:panel_copy": "publication.manage",
    "publication:published": "publication.manage",
    "publication:withdraw": "publication.manage",
    # The Home Office Quality Assurance Panel's steps of a domestic homicide review; the
    # package of a published Welsh review for the Wales Safeguarding Repository.
    "publication:home_office_qa_record": "publication.home_office_qa",
    "publication:home_office_qa_withdraw": "publication.home_office_qa",
    "publication:wsr_export": {"GET": "reports.view"},
    "publication:library": {"GET": "library.view"},
    # The bank of completed reports (bank/): the entry's own rule decides (bank.selectors).
    "bank:list": {"GET": "bank.view"},
    "bank:add": "bank.add",
    "bank:detail": {"GET": "bank.view"},
    "bank:file": {"GET": "bank.view"},
    "bank:confirm": "bank.manage",
    "bank:correct": "bank.manage",
    "bank:withdraw": "bank.manage",
    # Bulk import: started by those who may add; an import is its bank's keepers' alone (404
    # for anyone else, bank.imports.selectors).
    "bank:imports": {"GET": "bank.add"},
    "bank:import_start": "bank.add",
    "bank:import_example": {"GET": "bank.add"},
    "bank:import": {"GET": "bank.manage"},
    "bank:import_report": {"GET": "bank.manage"},
    # A review's quality markers (quality/): read by the board's members; assessed, and
    # exported for scrutiny, by its business manager and chair.
    "quality:review": {"GET": "quality.view"},
    "quality:start": "quality.assess",
    "quality:marker": "quality.assess",
    "quality:complete": "quality.assess",
    "quality:reopen": "quality.assess",
    "quality:withdraw": "quality.assess",
    "quality:export": {"GET": "quality.assess"},
    "quality:print": {"GET": "quality.assess"},
    # Sharing the learning: the board's activities, their documents, a review's sharing.
    "sharing:list": {"GET": "sharing.view"},
    "sharing:add": "sharing.manage",
    "sharing:detail": {"GET": "sharing.view"},
    "sharing:edit": "sharing.manage",
    "sharing:withdraw": "sharing.manage",
    "sharing:material_add": "sharing.manage",
    "sharing:material_download": {"GET": "sharing.view"},
    "sharing:material_withdraw": "sharing.manage",
    "sharing:review": {"GET": "sharing.view"},
    "sharing:brief_send": "sharing.manage",
    "insight:dashboard": {"GET": "dashboard.view"},
    "insight:timeline": {"GET": "reviews.view"},
    "insight:overview": {"GET": "overview.view"},
    "insight:annual_reports": {"GET": "annual_report.view", "POST": "annual_report.make"},
    "insight:annual_report_web": {"GET": "annual_report.view"},
    "insight:annual_report_pdf": {"GET": "annual_report.view"},
    "insight:export": {"GET": "exports.download"},
    # A user's own calendar feed address; the feed itself is opened by its secret.
    "insight:calendar": {"GET": "signed_in", "POST": "signed_in"},
    "api:review-report-render": {"POST": "reports.render"},
    # The anonymisation check of the draft; the text around a name only with people.view.
    "api:review-report-check": {"GET": "reports.view"},
    "api:review-report-sign-off": {"POST": "reports.approve"},
    # One record of a review or a person of an incident: read, correct, withdraw.
    "api:review-episode-detail": {
        "GET": "reviews.view",
        "PATCH": "reviews.analyse",
        "DELETE": "reviews.analyse",
    },
    "api:review-finding-detail": {
        "GET": "reviews.view",
        "PATCH": "reviews.analyse",
        "DELETE": "reviews.analyse",
    },
    "api:review-action-detail": {
        "GET": "reviews.view",
        "PATCH": "actions.manage",
        "DELETE": "actions.manage",
    },
    "api:review-chronology-detail": {
        "GET": "reviews.view",
        "PATCH": "reviews.setup",
        "DELETE": "reviews.setup",
    },
    "api:incident-people": {"GET": "people.view", "POST": "people.manage"},
    "api:incident-person-detail": {
        "GET": "people.view",
        "PATCH": "people.manage",
        "DELETE": "people.manage",
    },
    "api:review-publication": {"POST": "publication.decide"},
    "api:library-list": {"GET": "library.view"},
    "api:bank-list": {"GET": "bank.view", "POST": "bank.add"},
    "api:bank-detail": {"GET": "bank.view"},
    # Accreditation. Staff pages; pages of one person's record (their own, or staff); the
    # application pages for anyone signed in; the directory for those who commission.
    "accreditation:overview": {"GET": "accreditation.manage"},
    "accreditation:programme_add": "accreditation.manage",
    "accreditation:cohort_add": "accreditation.manage",
    "accreditation:cohort_detail": {"GET": "accreditation.manage"},
    "accreditation:cohort_edit": "accreditation.manage",
    "accreditation:cohort_withdraw": "accreditation.manage",
    "accreditation:training_day_add": "accreditation.manage",
    "accreditation:training_attendance": "accreditation.manage",
    "accreditation:training_day_edit": "accreditation.manage",
    "accreditation:training_day_withdraw": "accreditation.manage",
    "accreditation:question_add": "accreditation.manage",
    "accreditation:question_edit": "accreditation.manage",
    "accreditation:question_withdraw": "accreditation.manage",
    "accreditation:criterion_add": "accreditation.manage",
    "accreditation:criterion_edit": "accreditation.manage",
    "accreditation:criterion_withdraw": "accreditation.manage",
    "accreditation:application_detail": {"GET": "accreditation.own"},
    "accreditation:cv_download": {"GET": "accreditation.own"},
    "accreditation:application_score": "accreditation.manage",
    "accreditation:application_decide": "accreditation.manage",
    "accreditation:application_withdraw": {"POST": "accreditation.own"},
    "accreditation:trainee_detail": {"GET": "accreditation.own"},
    "accreditation:practice_review": "accreditation.manage",
    "accreditation:individual_supervision_add": "accreditation.manage",
    "accreditation:assessment": {"GET": "accreditation.manage"},
    "accreditation:evidence_add": "accreditation.manage",
    "accreditation:judgement": "accreditation.manage",
    "accreditation:moderation": "accreditation.manage",
    "accreditation:competency_areas": "accreditation.manage",
    "accreditation:competency_area_toggle": {"POST": "accreditation.manage"},
    "accreditation:session_list": {"GET": "accreditation.manage"},
    "accreditation:session_add": "accreditation.manage",
    "accreditation:session_detail": {"GET": "accreditation.manage"},
    "accreditation:session_edit": "accreditation.manage",
    "accreditation:session_withdraw": "accreditation.manage",
    "accreditation:session_attendance": "accreditation.manage",
    "accreditation:booking_withdraw": "accreditation.manage",
    # Booking: a trainee for themselves, staff for anyone (checked on the trainee named).
    "accreditation:session_book": {"POST": "signed_in"},
    "accreditation:booking_update": {"POST": "signed_in"},
    "accreditation:accreditation_list": {"GET": "accreditation.manage"},
    "accreditation:accreditation_add": "accreditation.manage",
    "accreditation:accreditation_detail": {"GET": "accreditation.own"},
    "accreditation:annual_review": "accreditation.manage",
    "accreditation:suspend": "accreditation.manage",
    "accreditation:reinstate": "accreditation.manage",
    "accreditation:availability": "accreditation.own",
    "accreditation:meeting_list": "accreditation.manage",
    "accreditation:meeting_attendance": "accreditation.manage",
    "accreditation:meeting_edit": "accreditation.manage",
    "accreditation:meeting_withdraw": "accreditation.manage",
    "accreditation:apply_start": {"GET": "accreditation.apply"},
    "accreditation:apply": "accreditation.apply",
    "accreditation:directory": {"GET": "directory.view"},
    "accreditation:propose": "directory.view",
    "api:board-list": {"GET": "signed_in", "POST": "board.create"},
    "api:board-detail": {"GET": "board.view"},
    "api:board-members": {"GET": "members.view", "POST": "members.manage"},
    "api:board-agencies": {"GET": "agencies.view", "POST": "agencies.manage"},
    # The list holds incidents of boards where the caller may read cases; creating one checks
    # incidents.manage on the board named in the body.
    "api:incident-list": {"GET": "signed_in", "POST": "signed_in"},
    "api:incident-detail": {"GET": "incidents.view", "PATCH": "incidents.manage"},
    "api:incident-notifications": {"POST": "incidents.manage"},
    "api:incident-decision": {"POST": "decisions.record"},
    # Reviews the caller may read: their boards' (if they read cases), appointed, supervised.
    "api:review-list": {"GET": "signed_in"},
    "api:review-detail": {"GET": "reviews.view", "PATCH": "reviews.setup"},
    "api:review-transition": {"POST": "reviews.transition"},
    "api:review-pause": {"POST": "reviews.clock"},
    "api:review-resume": {"POST": "reviews.clock"},
    "api:review-reviewers": {"POST": "reviews.appoint"},
    "api:review-episodes": {"GET": "reviews.view", "POST": "reviews.analyse"},
    "api:review-findings": {"GET": "reviews.view", "POST": "reviews.analyse"},
    "api:review-actions": {"GET": "reviews.view", "POST": "actions.manage"},
    "api:review-contributors": {"GET": "contributors.view", "POST": "contributors.invite"},
    "api:review-contributor-detail": {"DELETE": "contributors.end"},
    "api:review-agency-requests": {"GET": "agency_requests.view", "POST": "reviews.setup"},
    "api:agency-request-chronology": {"POST": "requests.import"},
    "api:agency-request-submit": {"POST": "requests.answer"},
    "api:review-chronology": {"GET": "reviews.view"},
    "api:review-documents": {"GET": "documents.view", "POST": "documents.upload"},
    "api:review-document-file": {"GET": "documents.view"},
    "api:cohort-list": {"GET": "accreditation.manage", "POST": "accreditation.manage"},
    "api:cohort-detail": {
        "GET": "accreditation.manage",
        "PATCH": "accreditation.manage",
        "DELETE": "accreditation.manage",
    },
    "api:application-list": {"GET": "accreditation.manage", "POST": "accreditation.manage"},
    "api:application-detail": {"GET": "accreditation.manage", "PATCH": "accreditation.manage"},
    "api:supervision-session-list": {
        "GET": "accreditation.manage",
        "POST": "accreditation.manage",
    },
    "api:supervision-session-detail": {
        "GET": "accreditation.manage",
        "PATCH": "accreditation.manage",
        "DELETE": "accreditation.manage",
    },
    "api:accreditation-list": {"GET": "accreditation.manage", "POST": "accreditation.manage"},
    "api:accreditation-detail": {"GET": "accreditation.manage"},
}


# URLs open to everyone, signed in or not. Every other URL of the project is in URL_POLICY.
PUBLIC_URLS = frozenset(
    {
        "login",
        "logout",
        # The language switcher of every page (English or Cymraeg), signed in or not.
        "language",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "accessibility",
        "privacy",
        "schema",
        "swagger-ui",
        # Someone without an account asks for one, to apply to the lead reviewer programme.
        "accreditation:account_request",
        "accreditation:account_requested",
        # Published reports: every board's list, each report and learning brief, no sign-in.
        "publication:public_index",
        "publication:public_board",
        "publication:public_pdf",
        "publication:public_html",
        "publication:public_html_welsh",
        # A calendar program reads a user's deadlines by the secret in the address.
        "insight:feed",
        # A load balancer asks whether the instance is up and ready (no session, no data).
        "healthz",
        "readyz",
    }
)


permissions.register_table(url_policy=URL_POLICY, public_urls=PUBLIC_URLS)
