"""Pages of a review's report (under a board), the library and the public listing."""

from django.urls import path

from publication.views import accuracy, home_office_qa, library, public, reports

app_name = "publication"

REPORT = "boards/<uuid:board_id>/reviews/<uuid:review_id>/report/"

ACCURACY = REPORT + "accuracy/<uuid:check_id>/"

urlpatterns = [
    path(REPORT, reports.ReportView.as_view(), name="report"),
    path(
        REPORT + "chronology-appendix/",
        reports.ChronologyAppendixView.as_view(),
        name="report_chronology",
    ),
    path(REPORT + "accuracy/share/", accuracy.AccuracyShareView.as_view(), name="accuracy_share"),
    path(ACCURACY, accuracy.AccuracyCheckView.as_view(), name="accuracy_check"),
    path(
        ACCURACY + "comments/<uuid:comment_id>/decide/",
        accuracy.AccuracyDecideView.as_view(),
        name="accuracy_decide",
    ),
    path(ACCURACY + "family/", accuracy.FamilyViewView.as_view(), name="accuracy_family"),
    # An agency's contributor asked to check the draft (outside the board's pages).
    path(
        "agency/reviews/<uuid:review_id>/accuracy/<uuid:check_id>/",
        accuracy.AgencyAccuracyView.as_view(),
        name="agency_accuracy",
    ),
    path(REPORT + "html/", reports.ReportHtmlView.as_view(), name="report_html"),
    # The report in Welsh too (a Welsh board's): its passages, and each one's Welsh.
    path(REPORT + "welsh/", reports.WelshView.as_view(), name="report_welsh"),
    path(
        REPORT + "welsh/<str:passage>/",
        reports.WelshPassageView.as_view(),
        name="report_welsh_passage",
    ),
    path(REPORT + "sections/<slug:section>/", reports.SectionView.as_view(), name="report_section"),
    path(
        REPORT + "quality-assure/",
        reports.QualityAssureView.as_view(),
        name="report_quality_assure",
    ),
    path(REPORT + "approve/", reports.ApproveView.as_view(), name="report_approve"),
    path(REPORT + "sign-off/", reports.SignOffView.as_view(), name="report_sign_off"),
    path(REPORT + "reopen/", reports.ReopenView.as_view(), name="report_reopen"),
    path(REPORT + "render/", reports.RenderView.as_view(), name="report_render"),
    path(REPORT + "flags/<slug:flag_key>/keep/", reports.FlagKeepView.as_view(), name="flag_keep"),
    path(
        REPORT + "pdf/<uuid:rendering_id>/",
        reports.RenderingDownloadView.as_view(),
        name="rendering_download",
    ),
    path(REPORT + "decision/", reports.DecisionView.as_view(), name="decision"),
    path(REPORT + "panel-copy/", reports.PanelCopyView.as_view(), name="panel_copy"),
    path(REPORT + "published/", reports.PublishedView.as_view(), name="published"),
    path(REPORT + "withdraw/", reports.WithdrawView.as_view(), name="withdraw"),
    # The Home Office Quality Assurance Panel (domestic homicide reviews), before publication.
    path(
        REPORT + "home-office-qa/<slug:qa_kind>/",
        home_office_qa.HomeOfficeQaRecordView.as_view(),
        name="home_office_qa_record",
    ),
    path(
        REPORT + "home-office-qa/steps/<uuid:qa_step_id>/withdraw/",
        home_office_qa.HomeOfficeQaWithdrawView.as_view(),
        name="home_office_qa_withdraw",
    ),
    # A published Welsh review, packed for the Wales Safeguarding Repository.
    path(
        REPORT + "wales-safeguarding-repository.zip",
        home_office_qa.WsrExportView.as_view(),
        name="wsr_export",
    ),
    path("library/", library.LibraryView.as_view(), name="library"),
    path("published/", public.PublicIndexView.as_view(), name="public_index"),
    path("published/<uuid:board_id>/", public.PublicBoardView.as_view(), name="public_board"),
    path(
        "published/<uuid:board_id>/<uuid:publication_id>/<str:kind>.pdf",
        public.PublicPdfView.as_view(),
        name="public_pdf",
    ),
    path(
        "published/<uuid:board_id>/<uuid:publication_id>/",
        public.PublicHtmlView.as_view(),
        name="public_html",
    ),
    path(
        "published/<uuid:board_id>/<uuid:publication_id>/cymraeg/",
        public.PublicHtmlView.as_view(in_welsh=True),
        name="public_html_welsh",
    ),
]
