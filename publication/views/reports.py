"""The report of a review: its sections, versions, anonymisation check, PDFs and publication."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from core.views import ServiceFormView, withdrawn_listed
from publication import assembly, forms, rendering, selectors, word, wsr
from publication.models import SECTIONS, WELSH, PdfJob, Publication, Rendering
from publication.services import home_office_qa, publishing, reports, steps, welsh
from reviews.views.reviews import ReviewMixin

SECTION_INFO = {code: (title, hint) for code, title, hint in SECTIONS}


class ReportMixin(ReviewMixin):
    template_name = "publication/report_form.html"
    review_related = ("report", "publication")

    def get_policy_object(self):
        review = super().get_policy_object()
        self.report = assembly.report_for(review)
        return review

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)

    def get_success_url(self):
        return self.review_url("publication:report")


class ReportView(ReportMixin, TemplateView):
    template_name = "publication/report.html"

    def get_context_data(self, **kwargs):
        review, report = self.review, self.report
        content = assembly.assemble(review, report)
        publication = getattr(review, "publication", None)
        renderings = selectors.latest_renderings(report)
        planned = publication.planned_on if publication else None
        publishing_it = (
            publication is not None and publication.decision == Publication.Decision.PUBLISH
        )
        return super().get_context_data(
            content=content,
            sections=[(s, SECTION_INFO[s.code][1]) for s in content.sections.values()],
            check=(check := reports.report_check(review, content)),
            matches=check.matches,
            flag_rows=[(flag, check.dismissed.get(flag.key)) for flag in check.flags],
            changed_since_sign_off=reports.changed_since_sign_off(report, content),
            # The passage around a match shows whose name is where: only for those who may
            # see the people involved; the others get the place and line to correct.
            show_excerpts=self.can("people.view", review.incident),
            renderings=renderings,
            in_progress=any(r.in_progress for r in renderings.values()),
            publication=publication,
            panel_copy_sent_on=publishing.panel_copy_sent_on(review) if publishing_it else None,
            panel_copy_due=publishing.panel_copy_due(review, planned) if planned else None,
            panel_copy_rule=(panel_copy_rule := publishing.panel_copy_clock(review)),
            online_until=publishing.online_until(review, publication) if publication else None,
            # What may happen next: the service says, as the review page's workflow does.
            next_steps=steps.report_steps(
                user=self.request.user,
                report=report,
                publication=publication,
                panel_copy_due=panel_copy_rule is not None,
            ),
            can_render=self.can("reports.render"),
            accuracy_checks=selectors.accuracy_checks_listed(report=report),
            can_share=self.can("reports.edit") and report.is_draft,
            **self._home_office_qa(publication),
            # Only a Welsh board's published report goes to the Wales Safeguarding Repository.
            wsr_board=(wsr_board := wsr.is_welsh(review)),
            welsh_rows=(welsh_rows := assembly.welsh_rows(content) if report.in_welsh else []),
            welsh_written=sum(row.state == assembly.WELSH_WRITTEN for row in welsh_rows),
            wsr_refusal=wsr.refusal(review, publication) if wsr_board else "",
            **kwargs,
        )

    def _home_office_qa(self, publication):
        qa = home_office_qa.status(self.review)
        if not qa.required:
            return {"home_office_qa": qa}
        may_change = self.can("publication.home_office_qa")
        published = publication is not None and publication.is_published
        return {
            "home_office_qa": qa,
            "home_office_qa_next": home_office_qa.may_record(
                qa, report=self.report, publication=publication
            )
            if may_change
            else (),
            "home_office_qa_withdraw": may_change and not published,
            "home_office_qa_withdrawn": withdrawn_listed(
                qa.withdrawn, lambda step: step.get_kind_display()
            ),
        }


class ReportHtmlView(ReportMixin, View):
    """The report as a web page, beside the PDF: the same document (`?language=cy`: its Welsh,
    of a report held in both)."""

    def get(self, request, *args, **kwargs):
        content = assembly.assemble(self.review, self.report)
        if request.GET.get("language") == WELSH and self.report.in_welsh:
            content = assembly.put_in_welsh(content)
        draft = self.report.status != self.report.Status.FINAL
        kind = "brief" if request.GET.get("kind") == "brief" else "report"
        return HttpResponse(rendering.html_for(content, kind=kind, draft=draft))


class SectionView(ReportMixin, ServiceFormView):
    form_class = forms.SectionForm

    def get_policy_object(self):
        review = super().get_policy_object()
        if self.kwargs["section"] not in SECTION_INFO:
            raise Http404
        return review

    def get_form_kwargs(self):
        title, hint = SECTION_INFO[self.kwargs["section"]]
        return {**super().get_form_kwargs(), "title": title, "hint": hint}

    def get_initial(self):
        return {"text": getattr(self.report, self.kwargs["section"])}

    def get_context_data(self, **kwargs):
        title, _hint = SECTION_INFO[self.kwargs["section"]]
        return super().get_context_data(page_title=title, **kwargs)

    def perform(self, form):
        return reports.report_section_save(
            actor=self.request.user,
            report=self.report,
            code=self.kwargs["section"],
            text=form.cleaned_data["text"],
        )

    success_message = _("Section saved")


class ReportStepView(ReportMixin, View):
    """A button on the report page that runs one service; a refusal shows on the page."""

    step = None
    done = ""

    def post(self, request, *args, **kwargs):
        try:
            type(self).step(actor=request.user, report=self.report)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.done)
        return redirect(self.get_success_url())


class QualityAssureView(ReportStepView):
    step, done = reports.report_quality_assure, _("The report is quality-assured")


class ApproveView(ReportStepView):
    step, done = reports.report_approve, _("The report is approved by the board")


class SignOffView(ReportStepView):
    step, done = reports.report_sign_off, _("The report is signed off as final")


class ReopenView(ReportStepView):
    step, done = reports.report_reopen, _("The report is a draft again")


class RenderView(ReportMixin, View):
    def post(self, request, *args, **kwargs):
        kind = request.POST.get("kind", Rendering.Kind.REPORT)
        language = request.POST.get("language", welsh.ENGLISH)
        try:
            reports.rendering_request(
                actor=request.user, report=self.report, kind=kind, language=language
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, QUEUED[kind])
        return redirect(self.get_success_url())


QUEUED = {
    Rendering.Kind.REPORT: _("The report is queued for rendering"),
    Rendering.Kind.BRIEF: _("The learning brief is queued for rendering"),
    Rendering.Kind.WORD: _("The Word version of the report is queued for rendering"),
}


class WelshView(ReportMixin, TemplateView):
    """A Welsh board's report in Welsh too: whether it is held in both languages (POST to
    change it), and each passage with its Welsh, missing, out of date or written."""

    template_name = "publication/report_welsh.html"

    def get_context_data(self, **kwargs):
        report = self.report
        rows = (
            assembly.welsh_rows(assembly.assemble(self.review, report)) if report.in_welsh else []
        )
        may_change = welsh.may_change_welsh(
            user=self.request.user,
            report=report,
            publication=getattr(self.review, "publication", None),
        )
        return super().get_context_data(
            rows=rows,
            missing=sum(row.state == assembly.WELSH_MISSING for row in rows),
            out_of_date=sum(row.state == assembly.WELSH_OUT_OF_DATE for row in rows),
            written=sum(row.state == assembly.WELSH_WRITTEN for row in rows),
            in_wales=wsr.is_welsh(self.review),
            may_change=may_change,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        in_welsh = request.POST.get("in_welsh") == "yes"
        try:
            welsh.report_welsh_hold(actor=request.user, report=self.report, in_welsh=in_welsh)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                gettext("The report is held in Welsh and English: it is a new draft version")
                if in_welsh
                else gettext("The report is held in English only: it is a new draft version"),
            )
        return redirect(self.review_url("publication:report_welsh"))


class WelshPassageView(ReportMixin, ServiceFormView):
    """The Welsh of one passage, written beside its English."""

    form_class = forms.WelshPassageForm
    template_name = "publication/welsh_passage_form.html"
    success_message = _("The Welsh is saved: the report is a new draft version")

    def get_policy_object(self):
        review = super().get_policy_object()
        if self.report.in_welsh:
            content = assembly.assemble(review, self.report)
            rows = {row.text.key: row for row in assembly.welsh_rows(content)}
            self.row = rows.get(self.kwargs["passage"])
            if self.row is None:
                raise Http404
        return review

    def get(self, request, *args, **kwargs):
        if not self.report.in_welsh:
            return redirect(self.review_url("publication:report_welsh"))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.report.in_welsh:
            return redirect(self.review_url("publication:report_welsh"))
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {
            "text": self.row.welsh.text if self.row.welsh else "",
            "translates": assembly.english_digest(self.row.english),
        }

    def form_invalid(self, form):
        # Shown again with the English as it is now: saving then translates that English.
        form.data = form.data.copy()
        form.data["translates"] = assembly.english_digest(self.row.english)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            row=self.row, page_title=gettext("Welsh of the passage"), **kwargs
        )

    def perform(self, form):
        return welsh.welsh_passage_save(
            actor=self.request.user,
            report=self.report,
            key=self.kwargs["passage"],
            text=form.cleaned_data["text"],
            translates=form.cleaned_data["translates"] or None,
        )

    def get_success_url(self):
        return self.review_url("publication:report_welsh")


class FlagKeepView(ReportMixin, ServiceFormView):
    """The chair looks at a detail the check flagged and keeps it in the report, saying why."""

    form_class = forms.FlagKeepForm
    success_message = _("The detail is kept, with your reason")

    def get_policy_object(self):
        review = super().get_policy_object()
        check = reports.report_check(review, names=False)
        self.flag = next((f for f in check.flags if f.key == self.kwargs["flag_key"]), None)
        if self.flag is None:
            raise Http404("This flag is not raised")
        self.dismissal = check.dismissed.get(self.flag.key)
        return review

    def get_initial(self):
        return {"reason": self.dismissal.reason} if self.dismissal else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=gettext("%(flag)s: keep it in the report?")
            % {"flag": gettext(self.flag.label)},
            flag=self.flag,
            **kwargs,
        )

    def perform(self, form):
        return reports.flag_dismiss(
            actor=self.request.user,
            report=self.report,
            key=self.flag.key,
            reason=form.cleaned_data["reason"],
        )


class RenderingDownloadView(ReportMixin, View):
    def get(self, request, *args, **kwargs):
        return pdf_response(ready_pdf_or_404(self.report.renderings, self.kwargs["rendering_id"]))


def ready_pdf_or_404(jobs, pk):
    """The job of `jobs` with its PDF ready, or 404 (queued, failed, someone else's)."""
    item = jobs.filter(pk=pk, state=PdfJob.State.READY).exclude(pdf="").first()
    if item is None:
        raise Http404
    return item


def pdf_response(item: Rendering) -> FileResponse:
    reference = item.report.review.incident.reference
    if item.kind == Rendering.Kind.WORD:
        # A file to edit: downloaded, named by the case reference (never a name).
        name = rendering.safe_file_name(f"{reference}-report-v{item.report_version}.docx")
        try:
            data = item.pdf.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(data, content_type=word.CONTENT_TYPE, filename=name, as_attachment=True)
    return pdf_file_response(item, f"{reference}-{item.kind}-v{item.report_version}.pdf")


def pdf_file_response(item, name: str) -> FileResponse:
    """A rendered PDF (a PdfJob's file), shown in the browser under a safe file name."""
    try:
        pdf = item.pdf.open("rb")
    except FileNotFoundError as missing:  # the file store lost it: render again
        raise Http404 from missing
    name = rendering.safe_file_name(name)
    return FileResponse(pdf, content_type="application/pdf", filename=name, as_attachment=False)


class DecisionView(ReportMixin, ServiceFormView):
    form_class = forms.DecisionForm
    success_message = _("Publication decision recorded")

    def get_initial(self):
        publication = selectors.publication_of(self.review)
        if publication is None:
            return {}
        return {
            "decision": publication.decision,
            "planned_on": publication.planned_on,
            "reasons": publication.reasons,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=gettext("Decide on publication"),
            earliest=publishing.earliest_publication(self.review),
            panel_copy_rule=publishing.panel_copy_clock(self.review),
            restriction=publishing.restricted_until(self.review),
            home_office_qa=home_office_qa.status(self.review),
            **kwargs,
        )

    def perform(self, form):
        return publishing.publication_decide(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class PanelCopyView(ReportMixin, ServiceFormView):
    form_class = forms.PanelCopyForm
    success_message = _("Copy to the national panel recorded")
    extra_context = {"page_title": _("Record the copy sent to the national panel")}

    def perform(self, form):
        return publishing.panel_copy_record(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class PublishedView(ReportMixin, ServiceFormView):
    form_class = forms.PublishedForm
    success_message = _("Publication recorded")
    extra_context = {"page_title": _("Record the publication")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(home_office_qa=home_office_qa.status(self.review), **kwargs)

    def perform(self, form):
        return publishing.publication_record(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class WithdrawView(ReportMixin, ServiceFormView):
    form_class = forms.WithdrawForm
    success_message = _("The report is now available on request")
    extra_context = {"page_title": _("Take the report off the website")}

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def perform(self, form):
        return publishing.publication_withdraw(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class ChronologyAppendixView(ReportMixin, View):
    """The reviewers choose whether the merged chronology is the report's appendix."""

    def post(self, request, *args, **kwargs):
        try:
            reports.report_chronology_appendix(
                actor=request.user, report=self.report, include=request.POST.get("include") == "yes"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("Saved: the report is a new draft version"))
        return redirect(self.get_success_url())
