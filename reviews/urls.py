"""Pages of one board's incidents and deadlines, under /boards/<board>/."""

from django.urls import path

from reviews.views import (
    actions,
    analysis,
    calendar,
    chronology,
    contributions,
    deadlines,
    decisions,
    documents,
    engagement,
    incidents,
    joint,
    proceedings,
    reviews,
    search,
)

app_name = "reviews"

INCIDENT = "incidents/<uuid:incident_id>/"
REVIEW = "reviews/<uuid:review_id>/"

urlpatterns = [
    path("actions/", actions.ActionTrackerView.as_view(), name="action_tracker"),
    path("incidents/", incidents.IncidentListView.as_view(), name="incident_list"),
    path("search/", search.CaseSearchView.as_view(), name="case_search"),
    path("incidents/new/", incidents.IncidentLogView.as_view(), name="incident_log"),
    path(INCIDENT, incidents.IncidentDetailView.as_view(), name="incident_detail"),
    path(INCIDENT + "edit/", incidents.IncidentEditView.as_view(), name="incident_edit"),
    path(
        INCIDENT + "withdraw/", incidents.IncidentWithdrawView.as_view(), name="incident_withdraw"
    ),
    path(
        INCIDENT + "notifications/add/",
        incidents.NotificationAddView.as_view(),
        name="notification_add",
    ),
    path(
        INCIDENT + "notifications/<uuid:notification_id>/change/",
        incidents.NotificationEditView.as_view(),
        name="notification_edit",
    ),
    path(
        INCIDENT + "notifications/<uuid:notification_id>/withdraw/",
        incidents.NotificationWithdrawView.as_view(),
        name="notification_withdraw",
    ),
    path(
        INCIDENT + "proceedings/add/",
        proceedings.ProceedingAddView.as_view(),
        name="proceeding_add",
    ),
    path(
        INCIDENT + "proceedings/<uuid:proceeding_id>/change/",
        proceedings.ProceedingEditView.as_view(),
        name="proceeding_edit",
    ),
    path(
        INCIDENT + "proceedings/<uuid:proceeding_id>/withdraw/",
        proceedings.ProceedingWithdrawView.as_view(),
        name="proceeding_withdraw",
    ),
    path(
        INCIDENT + "restrictions/add/",
        proceedings.RestrictionAddView.as_view(),
        name="restriction_add",
    ),
    path(
        INCIDENT + "restrictions/<uuid:restriction_id>/change/",
        proceedings.RestrictionEditView.as_view(),
        name="restriction_edit",
    ),
    path(
        INCIDENT + "restrictions/<uuid:restriction_id>/withdraw/",
        proceedings.RestrictionWithdrawView.as_view(),
        name="restriction_withdraw",
    ),
    path(INCIDENT + "decision/", decisions.DecisionView.as_view(), name="decision"),
    path(INCIDENT + "decision/change/", decisions.DecisionEditView.as_view(), name="decision_edit"),
    path(
        INCIDENT + "decision/advice/add/",
        decisions.PanelAdviceAddView.as_view(),
        name="panel_advice_add",
    ),
    path(
        INCIDENT + "decision/advice/<uuid:advice_id>/change/",
        decisions.PanelAdviceEditView.as_view(),
        name="panel_advice_edit",
    ),
    path(
        INCIDENT + "decision/advice/<uuid:advice_id>/withdraw/",
        decisions.PanelAdviceWithdrawView.as_view(),
        name="panel_advice_withdraw",
    ),
    path(INCIDENT + "people/", incidents.PeopleView.as_view(), name="people"),
    path(INCIDENT + "people/add/", incidents.PersonAddView.as_view(), name="person_add"),
    path(
        INCIDENT + "people/<uuid:person_id>/change/",
        incidents.PersonEditView.as_view(),
        name="person_edit",
    ),
    path(
        INCIDENT + "people/<uuid:person_id>/withdraw/",
        incidents.PersonWithdrawView.as_view(),
        name="person_withdraw",
    ),
    path(
        INCIDENT + "clocks/<uuid:deadline_id>/pause/",
        deadlines.DeadlinePauseView.as_view(),
        name="deadline_pause",
    ),
    path(
        INCIDENT + "clocks/<uuid:deadline_id>/restart/",
        deadlines.DeadlineResumeView.as_view(),
        name="deadline_resume",
    ),
    path(
        INCIDENT + "rapid-review/",
        reviews.RapidReviewStartView.as_view(),
        name="rapid_review_start",
    ),
    path("deadlines/", deadlines.DeadlineListView.as_view(), name="deadline_list"),
    # Reviews
    path("reviews/", reviews.ReviewListView.as_view(), name="review_list"),
    path(REVIEW, reviews.ReviewDetailView.as_view(), name="review_detail"),
    path(REVIEW + "setup/", reviews.ReviewSetupView.as_view(), name="setup"),
    path(
        REVIEW + "research-questions/",
        reviews.ResearchQuestionsView.as_view(),
        name="research_questions",
    ),
    path(
        REVIEW + "research-questions/<uuid:question_id>/change/",
        reviews.ResearchQuestionEditView.as_view(),
        name="research_question_edit",
    ),
    path(
        REVIEW + "research-questions/<uuid:question_id>/withdraw/",
        reviews.ResearchQuestionWithdrawView.as_view(),
        name="research_question_withdraw",
    ),
    path(REVIEW + "reviewers/", reviews.AppointmentsView.as_view(), name="appointments"),
    path(REVIEW + "reviewers/add/", reviews.AppointmentAddView.as_view(), name="appointment_add"),
    path(
        REVIEW + "reviewers/<uuid:appointment_id>/end/",
        reviews.AppointmentEndView.as_view(),
        name="appointment_end",
    ),
    path(
        REVIEW + "reviewers/<uuid:appointment_id>/change/",
        reviews.AppointmentEditView.as_view(),
        name="appointment_edit",
    ),
    path(
        REVIEW + "reviewers/<uuid:appointment_id>/withdraw/",
        reviews.AppointmentWithdrawView.as_view(),
        name="appointment_withdraw",
    ),
    path(REVIEW + "clock/", reviews.ClockView.as_view(), name="clock"),
    path(REVIEW + "clock/pause/", reviews.ClockPauseView.as_view(), name="clock_pause"),
    path(REVIEW + "clock/restart/", reviews.ClockResumeView.as_view(), name="clock_resume"),
    path(REVIEW + "clock/extend/", reviews.ClockExtendView.as_view(), name="clock_extend"),
    path(REVIEW + "clock/interim/", reviews.InterimView.as_view(), name="interim"),
    path(REVIEW + "people/", engagement.ParticipantsView.as_view(), name="participants"),
    path(REVIEW + "people/add/", engagement.ParticipantAddView.as_view(), name="participant_add"),
    path(
        REVIEW + "people/<uuid:participant_id>/change/",
        engagement.ParticipantEditView.as_view(),
        name="participant_edit",
    ),
    path(
        REVIEW + "people/<uuid:participant_id>/withdraw/",
        engagement.ParticipantWithdrawView.as_view(),
        name="participant_withdraw",
    ),
    path(REVIEW + "meetings/", engagement.MeetingsView.as_view(), name="meetings"),
    path(REVIEW + "meetings/add/", engagement.MeetingPlanView.as_view(), name="meeting_add"),
    path(
        REVIEW + "meetings/<uuid:meeting_id>/record/",
        engagement.MeetingRecordView.as_view(),
        name="meeting_record",
    ),
    path(
        REVIEW + "meetings/<uuid:meeting_id>/change/",
        engagement.MeetingEditView.as_view(),
        name="meeting_edit",
    ),
    path(
        REVIEW + "meetings/<uuid:meeting_id>/withdraw/",
        engagement.MeetingWithdrawView.as_view(),
        name="meeting_withdraw",
    ),
    path(REVIEW + "requests/", engagement.AgencyRequestsView.as_view(), name="agency_requests"),
    path(
        REVIEW + "requests/<uuid:request_id>/send/",
        contributions.AgencyRequestSendView.as_view(),
        name="agency_request_send",
    ),
    path(
        REVIEW + "requests/<uuid:request_id>/returns/<uuid:return_id>/send-back/",
        contributions.AgencyReturnSendBackView.as_view(),
        name="agency_return_send_back",
    ),
    path(REVIEW + "contributors/", contributions.ContributorsView.as_view(), name="contributors"),
    path(REVIEW + "documents/", documents.DocumentsView.as_view(), name="documents"),
    path(
        REVIEW + "documents/upload/",
        documents.DocumentUploadView.as_view(),
        name="document_upload",
    ),
    path(
        REVIEW + "documents/<uuid:document_id>/download/",
        documents.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        REVIEW + "documents/<uuid:document_id>/new-version/",
        documents.DocumentVersionAddView.as_view(),
        name="document_version_add",
    ),
    path(
        REVIEW + "documents/<uuid:document_id>/withdraw/",
        documents.DocumentWithdrawView.as_view(),
        name="document_withdraw",
    ),
    path(
        REVIEW + "contributors/invite/",
        contributions.ContributorInviteView.as_view(),
        name="contributor_invite",
    ),
    path(
        REVIEW + "contributors/<uuid:contributor_id>/end/",
        contributions.ContributorEndView.as_view(),
        name="contributor_end",
    ),
    path(
        REVIEW + "requests/add/",
        engagement.AgencyRequestAddView.as_view(),
        name="agency_request_add",
    ),
    path(
        REVIEW + "requests/<uuid:request_id>/chase/",
        engagement.AgencyRequestChaseView.as_view(),
        name="agency_request_chase",
    ),
    path(
        REVIEW + "requests/<uuid:request_id>/receive/",
        engagement.AgencyRequestReceiveView.as_view(),
        name="agency_request_receive",
    ),
    path(
        REVIEW + "requests/<uuid:request_id>/change/",
        engagement.AgencyRequestEditView.as_view(),
        name="agency_request_edit",
    ),
    path(
        REVIEW + "requests/<uuid:request_id>/withdraw/",
        engagement.AgencyRequestWithdrawView.as_view(),
        name="agency_request_withdraw",
    ),
    path(REVIEW + "chronology/", chronology.ChronologyView.as_view(), name="chronology"),
    path(
        REVIEW + "chronology/export/",
        chronology.ChronologyExportView.as_view(),
        name="chronology_export",
    ),
    path(
        REVIEW + "chronology/import/",
        chronology.ChronologyImportView.as_view(),
        name="chronology_import",
    ),
    path(REVIEW + "chronology/add/", engagement.ChronologyAddView.as_view(), name="chronology_add"),
    path(
        REVIEW + "chronology/<uuid:entry_id>/change/",
        engagement.ChronologyEditView.as_view(),
        name="chronology_edit",
    ),
    path(
        REVIEW + "chronology/<uuid:entry_id>/withdraw/",
        engagement.ChronologyWithdrawView.as_view(),
        name="chronology_withdraw",
    ),
    path(REVIEW + "involvement/", engagement.InvolvementsView.as_view(), name="involvements"),
    path(
        REVIEW + "involvement/add/",
        engagement.InvolvementOfferView.as_view(),
        name="involvement_add",
    ),
    path(
        REVIEW + "involvement/<uuid:involvement_id>/answer/",
        engagement.InvolvementRespondView.as_view(),
        name="involvement_respond",
    ),
    path(
        REVIEW + "involvement/<uuid:involvement_id>/change/",
        engagement.InvolvementEditView.as_view(),
        name="involvement_edit",
    ),
    path(
        REVIEW + "involvement/<uuid:involvement_id>/withdraw/",
        engagement.InvolvementWithdrawView.as_view(),
        name="involvement_withdraw",
    ),
    path(REVIEW + "conversations/", analysis.ConversationsView.as_view(), name="conversations"),
    path(
        REVIEW + "conversations/add/",
        analysis.ConversationAddView.as_view(),
        name="conversation_add",
    ),
    path(
        REVIEW + "conversations/<uuid:conversation_id>/",
        analysis.ConversationDetailView.as_view(),
        name="conversation_detail",
    ),
    path(
        REVIEW + "conversations/<uuid:conversation_id>/change/",
        analysis.ConversationEditView.as_view(),
        name="conversation_edit",
    ),
    path(
        REVIEW + "conversations/<uuid:conversation_id>/withdraw/",
        analysis.ConversationWithdrawView.as_view(),
        name="conversation_withdraw",
    ),
    path(REVIEW + "episodes/", analysis.EpisodesView.as_view(), name="episodes"),
    path(REVIEW + "episodes/add/", analysis.EpisodeAddView.as_view(), name="episode_add"),
    path(
        REVIEW + "episodes/<uuid:episode_id>/",
        analysis.EpisodeDetailView.as_view(),
        name="episode_detail",
    ),
    path(
        REVIEW + "episodes/<uuid:episode_id>/edit/",
        analysis.EpisodeEditView.as_view(),
        name="episode_edit",
    ),
    path(
        REVIEW + "episodes/<uuid:episode_id>/withdraw/",
        analysis.EpisodeWithdrawView.as_view(),
        name="episode_withdraw",
    ),
    path(REVIEW + "findings/", analysis.FindingsView.as_view(), name="findings"),
    path(REVIEW + "findings/add/", analysis.FindingAddView.as_view(), name="finding_add"),
    path(
        REVIEW + "findings/<uuid:finding_id>/",
        analysis.FindingDetailView.as_view(),
        name="finding_detail",
    ),
    path(
        REVIEW + "findings/<uuid:finding_id>/edit/",
        analysis.FindingEditView.as_view(),
        name="finding_edit",
    ),
    path(
        REVIEW + "findings/<uuid:finding_id>/withdraw/",
        analysis.FindingWithdrawView.as_view(),
        name="finding_withdraw",
    ),
    path(
        REVIEW + "findings/<uuid:finding_id>/quality/",
        analysis.FindingQualityView.as_view(),
        name="finding_quality",
    ),
    path(
        REVIEW + "findings/<uuid:finding_id>/response/",
        analysis.FindingResponseView.as_view(),
        name="finding_response",
    ),
    path(REVIEW + "actions/", actions.ActionsView.as_view(), name="actions"),
    path(REVIEW + "actions/add/", actions.ActionAddView.as_view(), name="action_add"),
    path(
        REVIEW + "actions/<uuid:action_id>/progress/",
        actions.ActionProgressView.as_view(),
        name="action_progress",
    ),
    path(
        REVIEW + "actions/<uuid:action_id>/repeats/",
        actions.ActionRepeatView.as_view(),
        name="action_repeat",
    ),
    path(
        REVIEW + "actions/<uuid:action_id>/change/",
        actions.ActionEditView.as_view(),
        name="action_edit",
    ),
    path(
        REVIEW + "actions/<uuid:action_id>/withdraw/",
        actions.ActionWithdrawView.as_view(),
        name="action_withdraw",
    ),
    path(
        "local-criteria/add/",
        calendar.LocalCriterionAddView.as_view(),
        name="local_criterion_add",
    ),
    path(REVIEW + "joint/propose/", joint.JointReviewProposeView.as_view(), name="joint_propose"),
    path(
        REVIEW + "joint/<uuid:joint_id>/end/",
        joint.JointReviewEndView.as_view(),
        name="joint_end",
    ),
    path(
        "joint-reviews/<uuid:joint_id>/",
        joint.JointReviewAcceptView.as_view(),
        name="joint_accept",
    ),
    path(
        "joint-reviews/<uuid:joint_id>/decline/",
        joint.JointReviewDeclineView.as_view(),
        name="joint_decline",
    ),
    path(
        "timescales/<str:rulebook>/<str:clock>/",
        calendar.TimescaleSetView.as_view(),
        name="timescale_set",
    ),
]

# Not of one board: the bank holiday table, for platform admins.
bank_holiday_urlpatterns = [
    path("", calendar.BankHolidayListView.as_view(), name="bank_holidays"),
    path("add/", calendar.BankHolidayAddView.as_view(), name="bank_holiday_add"),
    path("<str:on>/remove/", calendar.BankHolidayRemoveView.as_view(), name="bank_holiday_remove"),
]

# Not of one board: the national approved lists of reviewers, for platform admins.
approved_reviewer_urlpatterns = [
    path("", calendar.ApprovedReviewerListView.as_view(), name="approved_reviewers"),
    path("add/", calendar.ApprovedReviewerAddView.as_view(), name="approved_reviewer_add"),
    path(
        "<uuid:place_id>/end/",
        calendar.ApprovedReviewerEndView.as_view(),
        name="approved_reviewer_end",
    ),
]
