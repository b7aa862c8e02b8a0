"""A board's dashboard: pictures of what is open, what is late and how timely the board is."""

from django.utils import timezone
from django.views.generic import TemplateView

from boards.views import BoardMixin
from insight import charts, selectors
from reviews import rulebooks


class DashboardView(BoardMixin, TemplateView):
    template_name = "insight/dashboard.html"

    def get_context_data(self, **kwargs):
        board, today = self.board, timezone.localdate()
        quarters = selectors.quarters_back(today)
        figures = selectors.timeliness(board=board, today=today)
        clocks = [
            clock
            for clock in rulebooks.for_regime(board.regime).clocks
            if clock.code in selectors.TIMELINESS_CLOCKS
        ]
        timeliness = []
        for clock in clocks:
            rates = [figures.get(clock.code, {}).get(q, selectors.Rate(0, 0)) for q in quarters]
            chart = charts.bar_chart(
                f"{clock.title}: share on time",
                [
                    (selectors.quarter_label(*q), rate.percent)
                    for q, rate in zip(quarters, rates, strict=True)
                ],
                unit="%",
                colour=charts.GREEN,
            )
            timeliness.append({"clock": clock, "rates": rates, "chart": chart})
        now = selectors.deadlines_now(board=board, today=today)
        return super().get_context_data(
            quarters=[selectors.quarter_label(*q) for q in quarters],
            timeliness=timeliness,
            published=selectors.published_on_time(board=board, today=today),
            deadlines_now=now,
            incidents_chart=charts.bar_chart(
                "Incidents by status", selectors.open_incidents(board=board)
            ),
            stages_chart=charts.bar_chart(
                "Reviews by stage", selectors.reviews_by_stage(board=board)
            ),
            findings_chart=charts.bar_chart(
                "Findings by Learning Together category",
                selectors.findings_by_category(board=board),
            ),
            actions_chart=charts.bar_chart(
                "Actions by status",
                selectors.actions_by_status(board=board),
                colours={"Completed": charts.GREEN, "Cancelled": charts.GREY},
            ),
            **kwargs,
        )
