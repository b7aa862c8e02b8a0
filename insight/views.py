"""A board's dashboard: pictures of what is open, what is late and how timely the board is."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging, permissions
from core.emails import in_language_of
from core.views import PolicyMixin, ServiceFormView
from guidance import rulebooks
from insight import annual, charts, exports, heatmap, ical, selectors, services, timeline
from insight.forms import AnnualReportForm
from publication.views.reports import pdf_file_response, ready_pdf_or_404
from reviews.models import Action
from reviews.views.reviews import ReviewMixin
from sharing import selectors as sharing


class DashboardView(BoardMixin, TemplateView):
    template_name = "insight/dashboard.html"

    def get_context_data(self, **kwargs):
        board, today = self.board, timezone.localdate()
        quarters = selectors.quarters_back(today)
        figures = selectors.timeliness(board=board, today=today)
        clocks = [
            clock
            for clock in board.rules_under(rulebooks.CURRENT[board.regime]).clocks
            if clock.code in selectors.TIMELINESS_CLOCKS
        ]
        timeliness = []
        for clock in clocks:
            rates = [figures.get(clock.code, {}).get(q, selectors.Rate(0, 0)) for q in quarters]
            chart = charts.bar_chart(
                _("%(clock)s: share on time") % {"clock": clock.title},
                [
                    (selectors.quarter_label(*q), rate.percent)
                    for q, rate in zip(quarters, rates, strict=True)
                ],
                unit="%",
                colour=charts.GREEN,
            )
            timeliness.append({"clock": clock, "rates": rates, "chart": chart})
        now = selectors.deadlines_now(board=board, today=today)
        # Reach over the quarters the timeliness shows, the current one to date.
        first_year, first_quarter = quarters[0]
        since = dt.date(first_year, 3 * first_quarter - 2, 1)
        reach = sharing.reach(board=board, first=since, last=today)
        counts = selectors.board_counts(board=board, today=today)
        return super().get_context_data(
            quarters=[selectors.quarter_label(*q) for q in quarters],
            timeliness=timeliness,
            published=counts.published,
            deadlines_now=now,
            late_by_agency=heatmap.late_by_agency(board=board, today=today),
            incidents_chart=charts.bar_chart(_("Incidents by status"), counts.incidents),
            stages_chart=charts.bar_chart(
                _("Reviews by stage"), selectors.reviews_by_stage(board=board)
            ),
            findings_chart=charts.bar_chart(
                _("Findings by Learning Together category"),
                selectors.findings_by_category(board=board),
            ),
            reach=reach,
            reach_since=since,
            reach_by_agency_chart=charts.bar_chart(_("People reached by agency"), reach.by_agency),
            reach_by_category_chart=charts.bar_chart(
                _("People reached by finding category"), reach.by_category
            ),
            actions_chart=charts.bar_chart(
                _("Actions by status"),
                counts.actions,
                # By the labels as shown, in the language of the page.
                colours={
                    str(Action.Status.COMPLETED.label): charts.GREEN,
                    str(Action.Status.CANCELLED.label): charts.GREY,
                },
            ),
            **kwargs,
        )


class OverviewView(PolicyMixin, TemplateView):
    """Every board's counts and timeliness, for accreditation staff and platform admins: a page
    of boards at a time (core.paging), each page's figures read for its own boards, and the
    "All boards" totals as the beat last counted them (counted here only the first time)."""

    template_name = "insight/overview.html"

    def get_context_data(self, **kwargs):
        page = paging.paginate(selectors.overview_boards(), self.request.GET.get("page"))
        national = selectors.national_totals()
        if national is None:
            services.national_figures_count()
            national = selectors.national_totals()
        clocks = [rulebooks.CLOCK_KINDS[code] for code in selectors.TIMELINESS_CLOCKS]
        return super().get_context_data(
            page=page,
            figures=selectors.boards_overview(boards=page.object_list),
            late_by_board=heatmap.late_by_board(boards=page.object_list),
            totals=national.figures,
            totals_as_of=national.as_of,
            totals_of_today=timezone.localdate(national.as_of) == timezone.localdate(),
            clocks=clocks,
            **kwargs,
        )


class TimelineView(ReviewMixin, TemplateView):
    """One review's stages against its statutory clocks: planned, happened, paused, extended."""

    template_name = "insight/timeline.html"

    def get_context_data(self, **kwargs):
        picture, stages, clocks = timeline.review_timeline(self.review)
        return super().get_context_data(timeline=picture, stages=stages, clocks=clocks, **kwargs)


class AnnualReportsView(BoardMixin, ServiceFormView):
    """The board's annual reports: the PDFs made so far, and a form to make one."""

    template_name = "insight/annual_reports.html"
    form_class = AnnualReportForm

    def get_context_data(self, **kwargs):
        reports = self.board.annual_reports.select_related("requested_by").defer("html")
        return super().get_context_data(
            reports=reports,
            in_progress=any(report.in_progress for report in reports),
            can_make=permissions.can(self.request.user, "annual_report.make", self.board),
            years=services.annual_report_years(),
            **kwargs,
        )

    def perform(self, form):
        return services.annual_report_request(
            actor=self.request.user, board=self.board, year=form.cleaned_data["year"]
        )

    def get_success_message(self, result) -> str:
        return _("The annual report for %(year)s is queued: it takes a few seconds") % {
            "year": result.year_label
        }

    def get_success_url(self):
        return reverse("insight:annual_reports", args=[self.board.pk])


class AnnualReportWebView(BoardMixin, View):
    """The annual report of a year as a web page, from the records as they are now."""

    def get(self, request, *args, **kwargs):
        if self.kwargs["year"] not in services.annual_report_years():
            raise Http404
        content = annual.annual_content(self.board, annual.ReportingYear(self.kwargs["year"]))
        return HttpResponse(annual.html_for(content))


class AnnualReportDownloadView(BoardMixin, View):
    def get(self, request, *args, **kwargs):
        item = ready_pdf_or_404(self.board.annual_reports, self.kwargs["report_id"])
        return pdf_file_response(item, item.file_name)


class ExportView(BoardMixin, View):
    """A board's incidents, reviews, actions or deadlines as CSV, with the list's filters."""

    def get(self, request, *args, **kwargs):
        kind = self.kwargs["kind"]
        if kind not in exports.KINDS:
            raise Http404
        text = exports.csv_text(kind, board=self.board, params=request.GET)
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        name = f"{slugify(self.board.name)}-{kind}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CalendarView(PolicyMixin, TemplateView):
    """The signed-in user's calendar feed: its secret address, a new one, or none."""

    template_name = "insight/calendar.html"

    def get_context_data(self, **kwargs):
        feed = selectors.calendar_feed_of(user=self.request.user)
        address = (
            self.request.build_absolute_uri(reverse("insight:feed", args=[feed.token]))
            if feed
            else ""
        )
        return super().get_context_data(feed=feed, address=address, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(actor=request.user)
            messages.success(request, _("Your calendar address is turned off"))
        else:
            services.calendar_feed_renew(actor=request.user)
            messages.success(
                request, _("Your calendar has a new address; the old one no longer works")
            )
        return redirect("insight:calendar")


class FeedView(View):
    """The feed itself: the secret in the address is the only key (calendar programs cannot
    sign in), so it is long, random and revocable."""

    def get(self, request, token, *args, **kwargs):
        feed = selectors.calendar_feed_by_token(token=token)
        if feed is None or not feed.user.is_active:
            raise Http404
        # A calendar program signs in as no one: the feed is in its owner's language.
        with in_language_of(feed.user):
            text = ical.feed(feed.user)
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
