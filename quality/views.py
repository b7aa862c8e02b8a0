"""The pages of a review's quality markers: the assessment grouped by stage, a marker's
judgement, completing, reopening, withdrawing, and the exports."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core import permissions
from core.views import PolicyMixin, ServiceFormView, WithdrawView
from guidance import quality_markers as qm
from quality import exports, forms, selectors, services


class QualityMixin(PolicyMixin):
    """Pages of one review's quality markers: 404 for anyone who may not see them."""

    # Pages that need an assessment send those who open them without one to the review's
    # quality markers page, where it is started.
    needs_assessment = True

    def get_policy_object(self):
        self.review = selectors.review_get(
            user=self.request.user,
            board_id=self.kwargs["board_id"],
            review_id=self.kwargs["review_id"],
        )
        self.board = self.review.board
        return self.review

    def dispatch(self, request, *args, **kwargs):
        self.assessment = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.needs_assessment and self.load_assessment() is None:
            return redirect(self.quality_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.needs_assessment and self.load_assessment() is None:
            return redirect(self.quality_url())
        return super().post(request, *args, **kwargs)

    def load_assessment(self):
        self.assessment = selectors.assessment_of(self.review)
        return self.assessment

    def quality_url(self, name="quality:review", *args):
        return reverse(name, args=[self.board.pk, self.review.pk, *args])

    def get_success_url(self):
        return self.quality_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            board=self.board,
            review=self.review,
            incident=self.review.incident,
            assessment=self.assessment,
            **kwargs,
        )


class QualityView(QualityMixin, TemplateView):
    template_name = "quality/review.html"
    needs_assessment = False

    def get_context_data(self, **kwargs):
        assessment, withdrawn = selectors.assessments_of(self.review)
        self.assessment = assessment
        marker_set = assessment.markers if assessment else selectors.marker_set_of(self.review)
        stages, held = [], {}
        if assessment is not None:
            held = selectors.evidence_held(self.review)
            stages = [
                (stage, [(m, j, selectors.held_for(m, held)) for m, j in rows])
                for stage, rows in selectors.stages_of(assessment)
            ]
        return super().get_context_data(
            marker_set=marker_set,
            stages=stages,
            unjudged=selectors.unjudged(assessment) if assessment else [],
            withdrawn=[(_("Self-assessment"), record) for record in withdrawn],
            can_assess=permissions.can(self.request.user, "quality.assess", self.review),
            **kwargs,
        )


class StartView(QualityMixin, ServiceFormView):
    form_class = forms.StartForm
    template_name = "quality/form.html"
    needs_assessment = False

    def get_context_data(self, **kwargs):
        marker_set = selectors.marker_set_of(self.review)
        return super().get_context_data(
            page_title=_("Start a self-assessment against the quality markers"),
            lead=(
                _(
                    "The review will be assessed against the %(set)s: each marker judged, "
                    "with the board's evidence."
                )
                % {"set": marker_set.title}
                if marker_set
                else _("No published set of quality markers covers this kind of review.")
            ),
            **kwargs,
        )

    def perform(self, form):
        return services.assessment_start(actor=self.request.user, review=self.review)

    def get_success_message(self, result) -> str:
        return _("The self-assessment has started")


class MarkerView(QualityMixin, ServiceFormView):
    form_class = forms.MarkerForm
    template_name = "quality/marker.html"

    def load_assessment(self):
        assessment = super().load_assessment()
        if assessment is not None:
            self.marker = assessment.markers.marker(self.kwargs["marker"])
            if self.marker is None:
                raise Http404
            self.judgement = next(
                j for j in assessment.judgements.all() if j.marker == self.marker.code
            )
        return assessment

    def get_initial(self):
        return {"judgement": self.judgement.judgement, "evidence": self.judgement.evidence}

    def get_context_data(self, **kwargs):
        marker = self.marker
        return super().get_context_data(
            page_title=_("%(number)s. %(name)s") % {"number": marker.number, "name": marker.name},
            marker=marker,
            stage=self.assessment.markers.stage(marker.stage),
            held=selectors.held_for(
                marker, selectors.evidence_held(self.review, kinds=marker.evidence)
            ),
            **kwargs,
        )

    def perform(self, form):
        return services.marker_judge(
            actor=self.request.user,
            assessment=self.assessment,
            marker=self.marker.code,
            **form.cleaned_data,
        )

    def get_success_url(self):
        return self.quality_url() + f"#marker-{self.marker.code}"

    def get_success_message(self, result) -> str:
        return _("Judgement saved: %(name)s") % {"name": self.marker.name}


class CompleteView(QualityMixin, ServiceFormView):
    form_class = forms.CompleteForm
    template_name = "quality/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Complete the self-assessment"),
            lead=_(
                "Once completed, it can be exported for scrutiny. It changes again only if "
                "someone reopens it, with a reason."
            ),
            **kwargs,
        )

    def perform(self, form):
        return services.assessment_complete(actor=self.request.user, assessment=self.assessment)

    def get_success_message(self, result) -> str:
        return _("The self-assessment is completed")


class ReopenView(QualityMixin, ServiceFormView):
    form_class = forms.ReopenForm
    template_name = "quality/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Reopen the self-assessment"), **kwargs)

    def perform(self, form):
        return services.assessment_reopen(
            actor=self.request.user, assessment=self.assessment, reason=form.cleaned_data["reason"]
        )

    def get_success_message(self, result) -> str:
        return _("The self-assessment is open to change again")


class WithdrawAssessmentView(QualityMixin, WithdrawView):
    what = gettext_lazy("this self-assessment")
    consequences = (
        gettext_lazy("Its judgements and evidence stay in its history, not on the review's page."),
        gettext_lazy("A new self-assessment of the review can be started."),
    )

    def summary(self):
        return [
            (_("Case reference"), self.review.incident.reference),
            (_("State"), self.assessment.get_state_display()),
        ]

    def perform(self, form):
        return services.assessment_withdraw(
            actor=self.request.user, assessment=self.assessment, reason=form.cleaned_data["reason"]
        )


class ExportView(QualityMixin, View):
    """The spreadsheet: the review named by its case reference only."""

    def get(self, request, *args, **kwargs):
        assessment = self.load_assessment()
        if assessment is None:
            return redirect(self.quality_url())
        content = exports.assessment_xlsx(self.review, assessment)
        reference = "".join(c if c.isalnum() else "-" for c in self.review.incident.reference)
        response = HttpResponse(content, content_type=exports.XLSX)
        response["Content-Disposition"] = f'attachment; filename="quality-markers-{reference}.xlsx"'
        return response


class PrintView(QualityMixin, TemplateView):
    """The assessment on one page to print (or save as PDF from the browser)."""

    template_name = "quality/print.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stages=selectors.stages_of(self.assessment),
            summary=exports.summary_rows(self.review, self.assessment),
            judgements=qm.JUDGEMENTS,
            **kwargs,
        )
