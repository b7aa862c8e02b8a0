"""Pages of who takes part in a review and what agencies provide."""

from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from core.views import ServiceFormView
from reviews import review_forms as forms
from reviews.models import AgencyRequest, Involvement, Meeting, ReviewParticipant
from reviews.services import engagement as services
from reviews.views.reviews import ReviewChildMixin, ReviewMixin


class _ListView(ReviewMixin, TemplateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(can_setup=self.can("reviews.setup"), **kwargs)


class _FormView(ReviewMixin, ServiceFormView):
    """A form of the review whose success returns to `list_url_name`."""

    list_url_name = ""

    def get_success_url(self):
        return self.review_url(self.list_url_name)


class _ChildFormView(ReviewChildMixin, _FormView):
    pass


class ParticipantsView(_ListView):
    template_name = "reviews/participants.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participants=self.review.participants.select_related("agency"), **kwargs
        )


class ParticipantAddView(_FormView):
    form_class = forms.ParticipantForm
    list_url_name = "reviews:participants"
    success_message = "Added {result.name}"
    extra_context = {"page_title": "Add someone to the review team or case group"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def perform(self, form):
        return services.participant_add(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class ParticipantRemoveView(ReviewChildMixin, View):
    child_model, child_kwarg = ReviewParticipant, "participant_id"

    def post(self, request, *args, **kwargs):
        services.participant_remove(actor=request.user, participant=self.object)
        return redirect(self.review_url("reviews:participants"))


class MeetingsView(_ListView):
    template_name = "reviews/meetings.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=self.review.meetings.prefetch_related("attendees"), **kwargs
        )


class MeetingPlanView(_FormView):
    form_class = forms.MeetingPlanForm
    list_url_name = "reviews:meetings"
    success_message = "Meeting planned"
    extra_context = {"page_title": "Plan a meeting"}

    def perform(self, form):
        return services.meeting_plan(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class MeetingRecordView(_ChildFormView):
    child_model, child_kwarg = Meeting, "meeting_id"
    form_class = forms.MeetingRecordForm
    list_url_name = "reviews:meetings"
    success_message = "Meeting recorded"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=f"Record the {self.object.get_kind_display().lower()}", **kwargs
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participants": self.review.participants.all()}

    def get_initial(self):
        return {
            "held_on": self.object.held_on or self.object.planned_on,
            "attendees": [str(pk) for pk in self.object.attendees.values_list("pk", flat=True)],
            "notes": self.object.notes,
        }

    def perform(self, form):
        return services.meeting_record(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
        )


class AgencyRequestsView(_ListView):
    template_name = "reviews/agency_requests.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            requests=self.review.agency_requests.select_related("agency"), **kwargs
        )


class AgencyRequestAddView(_FormView):
    form_class = forms.AgencyRequestForm
    list_url_name = "reviews:agency_requests"
    success_message = "Request recorded"
    extra_context = {"page_title": "Request information from an agency"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def perform(self, form):
        return services.agency_request_add(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class AgencyRequestChaseView(_ChildFormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = forms.ChaseForm
    list_url_name = "reviews:agency_requests"
    success_message = "Chase recorded"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=f"Chase {self.object.agency.name}", **kwargs)

    def perform(self, form):
        return services.agency_request_chase(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )


class AgencyRequestReceiveView(_ChildFormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = forms.ReceiveForm
    list_url_name = "reviews:agency_requests"
    success_message = "Receipt recorded"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=f"Record what {self.object.agency.name} sent", **kwargs
        )

    def get_initial(self):
        return {
            "received_on": self.object.received_on,
            "files_locked_on": self.object.files_locked_on,
        }

    def perform(self, form):
        return services.agency_request_receive(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )


class ChronologyView(_ListView):
    """The merged multi-agency chronology, by date (oldest or newest first), one agency or all."""

    template_name = "reviews/chronology.html"

    def get_context_data(self, **kwargs):
        newest_first = self.request.GET.get("order") == "newest"
        entries = self.review.chronology.select_related("agency").prefetch_related("episodes")
        agency = self.request.GET.get("agency", "")
        agencies = self.board.agencies.all()
        if agency in {str(a.pk) for a in agencies}:
            entries = entries.filter(agency_id=agency)
        else:
            agency = ""
        order = ("-occurred_on", "-created_at") if newest_first else ("occurred_on", "created_at")
        return super().get_context_data(
            entries=entries.order_by(*order),
            newest_first=newest_first,
            agencies=agencies,
            agency=agency,
            **kwargs,
        )


class ChronologyAddView(_FormView):
    form_class = forms.ChronologyForm
    list_url_name = "reviews:chronology"
    success_message = "Chronology entry added"
    extra_context = {"page_title": "Add a chronology entry"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def perform(self, form):
        return services.chronology_add(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class InvolvementsView(_ListView):
    template_name = "reviews/involvements.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(involvements=self.review.involvements.all(), **kwargs)


class InvolvementOfferView(_FormView):
    form_class = forms.InvolvementOfferForm
    list_url_name = "reviews:involvements"
    success_message = "Offer recorded"
    extra_context = {"page_title": "Record an offer of involvement"}

    def perform(self, form):
        return services.involvement_offer(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class InvolvementRespondView(_ChildFormView):
    child_model, child_kwarg = Involvement, "involvement_id"
    form_class = forms.InvolvementResponseForm
    list_url_name = "reviews:involvements"
    success_message = "Answer recorded"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=f"Record the answer of the {self.object.who}", **kwargs
        )

    def perform(self, form):
        return services.involvement_respond(
            actor=self.request.user, involvement=self.object, **form.cleaned_data
        )
