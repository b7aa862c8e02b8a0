from django.urls import path

from accreditation.views import accreditations, applicant, cohorts, directory, sessions, trainees

app_name = "accreditation"

urlpatterns = [
    # Staff
    path("", cohorts.OverviewView.as_view(), name="overview"),
    path("programmes/new/", cohorts.ProgrammeAddView.as_view(), name="programme_add"),
    path("cohorts/new/", cohorts.CohortAddView.as_view(), name="cohort_add"),
    path("cohorts/<uuid:cohort_id>/", cohorts.CohortDetailView.as_view(), name="cohort_detail"),
    path(
        "cohorts/<uuid:cohort_id>/days/add/",
        cohorts.TrainingDayAddView.as_view(),
        name="training_day_add",
    ),
    path(
        "cohorts/<uuid:cohort_id>/days/<uuid:day_id>/attendance/",
        cohorts.TrainingAttendanceView.as_view(),
        name="training_attendance",
    ),
    path(
        "cohorts/<uuid:cohort_id>/questions/add/",
        cohorts.QuestionAddView.as_view(),
        name="question_add",
    ),
    path(
        "cohorts/<uuid:cohort_id>/criteria/add/",
        cohorts.CriterionAddView.as_view(),
        name="criterion_add",
    ),
    path(
        "applications/<uuid:application_id>/",
        cohorts.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "applications/<uuid:application_id>/cv/",
        cohorts.CvDownloadView.as_view(),
        name="cv_download",
    ),
    path(
        "applications/<uuid:application_id>/score/",
        cohorts.ApplicationScoreView.as_view(),
        name="application_score",
    ),
    path(
        "applications/<uuid:application_id>/decision/",
        cohorts.ApplicationDecideView.as_view(),
        name="application_decide",
    ),
    path(
        "applications/<uuid:application_id>/withdraw/",
        cohorts.ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
    path(
        "trainees/<uuid:trainee_id>/", trainees.TraineeDetailView.as_view(), name="trainee_detail"
    ),
    path(
        "trainees/<uuid:trainee_id>/practice-review/",
        trainees.PracticeReviewView.as_view(),
        name="practice_review",
    ),
    path(
        "trainees/<uuid:trainee_id>/individual-supervision/add/",
        trainees.IndividualSupervisionAddView.as_view(),
        name="individual_supervision_add",
    ),
    path(
        "trainees/<uuid:trainee_id>/assessment/",
        trainees.AssessmentView.as_view(),
        name="assessment",
    ),
    path(
        "trainees/<uuid:trainee_id>/assessment/evidence/add/",
        trainees.EvidenceAddView.as_view(),
        name="evidence_add",
    ),
    path(
        "trainees/<uuid:trainee_id>/assessment/judgement/",
        trainees.JudgementView.as_view(),
        name="judgement",
    ),
    path(
        "trainees/<uuid:trainee_id>/assessment/moderation/",
        trainees.ModerationView.as_view(),
        name="moderation",
    ),
    path(
        "competency-areas/",
        trainees.CompetencyAreasView.as_view(),
        name="competency_areas",
    ),
    path(
        "competency-areas/<int:area_id>/toggle/",
        trainees.CompetencyAreaToggleView.as_view(),
        name="competency_area_toggle",
    ),
    path("supervision/", sessions.SessionListView.as_view(), name="session_list"),
    path("supervision/new/", sessions.SessionAddView.as_view(), name="session_add"),
    path(
        "supervision/<uuid:session_id>/",
        sessions.SessionDetailView.as_view(),
        name="session_detail",
    ),
    path(
        "supervision/<uuid:session_id>/book/",
        sessions.SessionBookView.as_view(),
        name="session_book",
    ),
    path(
        "supervision/<uuid:session_id>/bookings/<uuid:booking_id>/",
        sessions.BookingUpdateView.as_view(),
        name="booking_update",
    ),
    path(
        "reviewers/",
        accreditations.AccreditationListView.as_view(),
        name="accreditation_list",
    ),
    path(
        "reviewers/new/",
        accreditations.AccreditationAddView.as_view(),
        name="accreditation_add",
    ),
    path(
        "reviewers/<uuid:accreditation_id>/",
        accreditations.AccreditationDetailView.as_view(),
        name="accreditation_detail",
    ),
    path(
        "reviewers/<uuid:accreditation_id>/annual-review/",
        accreditations.AnnualReviewView.as_view(),
        name="annual_review",
    ),
    path(
        "reviewers/<uuid:accreditation_id>/suspend/",
        accreditations.SuspendView.as_view(),
        name="suspend",
    ),
    path(
        "reviewers/<uuid:accreditation_id>/reinstate/",
        accreditations.ReinstateView.as_view(),
        name="reinstate",
    ),
    path(
        "reviewers/<uuid:accreditation_id>/availability/",
        accreditations.AvailabilityView.as_view(),
        name="availability",
    ),
    path("network-meetings/", accreditations.MeetingListView.as_view(), name="meeting_list"),
    path(
        "network-meetings/<uuid:network_meeting_id>/",
        accreditations.MeetingAttendanceView.as_view(),
        name="meeting_attendance",
    ),
    # Applicants
    path("apply/", applicant.ApplyStartView.as_view(), name="apply_start"),
    path("apply/account/", applicant.AccountRequestView.as_view(), name="account_request"),
    path(
        "apply/account/sent/",
        applicant.AccountRequestedView.as_view(),
        name="account_requested",
    ),
    path("apply/<uuid:cohort_id>/", applicant.ApplyView.as_view(), name="apply"),
    # Boards
    path("directory/", directory.DirectoryView.as_view(), name="directory"),
    path(
        "directory/<uuid:accreditation_id>/propose/",
        directory.ProposeView.as_view(),
        name="propose",
    ),
]
