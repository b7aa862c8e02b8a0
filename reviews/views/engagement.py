"""Pages of who takes part in a review and what agencies provide."""

from django.views.generic import TemplateView

from core.forms import editing
from core.views import ServiceFormView, withdrawn_rows
from reviews import review_forms as forms
from reviews import selectors
from reviews.models import AgencyRequest, ChronologyEntry, Involvement, Meeting, ReviewParticipant
from reviews.selectors import contributions as contribution_selectors
from reviews.selectors import joint as joint_selectors
from reviews.services import engagement as services
from reviews.services import workflow
from reviews.views.reviews import ReviewChildMixin, ReviewMixin, ReviewWithdrawView


class _ListView(ReviewMixin, TemplateView):
    # Which stage guard says whether the list's records may still change.
    guard = staticmethod(workflow.require_actions_open)

    def get_context_data(self, **kwargs):
        can_setup = self.can("reviews.setup")
        return super().get_context_data(
            can_setup=can_setup,
            can_change=can_setup and workflow.allows(self.guard, self.review),
            **kwargs,
        )


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
            participants=self.review.participants.select_related("agency"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=ReviewParticipant
                ),
                lambda person: f"{person.name} ({person.get_group_display().lower()})",
            ),
            **kwargs,
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


class ParticipantEditView(_ChildFormView):
    child_model, child_kwarg = ReviewParticipant, "participant_id"
    form_class = editing(forms.ParticipantForm)
    list_url_name = "reviews:participants"
    success_message = "Saved the changes to {result.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=f"Change {self.object.name}", **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def get_initial(self):
        person = self.object
        return {
            "group": person.group,
            "name": person.name,
            "agency": person.agency_id,
            "role": person.role,
            "contact": person.contact,
        }

    def perform(self, form):
        return services.participant_update(
            actor=self.request.user, participant=self.object, **form.cleaned_data
        )


class ParticipantWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = ReviewParticipant, "participant_id"
    list_url_name = "reviews:participants"
    consequences = (
        "They leave the review team or case group.",
        "Their conversations still say who they were, and reports are still checked for "
        "their name.",
    )

    @property
    def what(self):
        return self.object.name

    def summary(self):
        person = self.object
        return [
            ("Group", person.get_group_display()),
            ("Agency and role", ", ".join(filter(None, [str(person.agency or ""), person.role]))),
        ]

    def perform(self, form):
        return services.participant_withdraw(
            actor=self.request.user, participant=self.object, **form.cleaned_data
        )


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.get_kind_display()} of {meeting.held_on or meeting.planned_on:%-d %b %Y}"


class MeetingsView(_ListView):
    template_name = "reviews/meetings.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=self.review.meetings.prefetch_related("attendees"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(review=self.review, model=Meeting),
                _meeting_label,
            ),
            **kwargs,
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


class MeetingEditView(_ChildFormView):
    child_model, child_kwarg = Meeting, "meeting_id"
    form_class = editing(forms.MeetingPlanForm)
    list_url_name = "reviews:meetings"
    success_message = "Meeting changed"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Change the meeting", **kwargs)

    def get_initial(self):
        return {"kind": self.object.kind, "planned_on": self.object.planned_on}

    def perform(self, form):
        return services.meeting_update(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
        )


class MeetingWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Meeting, "meeting_id"
    list_url_name = "reviews:meetings"
    what = "the meeting"
    consequences = ("It leaves the list of meetings, with its notes and who attended.",)

    def summary(self):
        return [("Meeting", _meeting_label(self.object))]

    def perform(self, form):
        return services.meeting_withdraw(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
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


def _request_label(request: AgencyRequest) -> str:
    return f"Request to {request.agency.name} of {request.requested_on:%-d %b %Y}"


class AgencyRequestsView(_ListView):
    template_name = "reviews/agency_requests.html"

    def get_context_data(self, **kwargs):
        requests = list(
            self.review.agency_requests.select_related("agency", "sent_by").prefetch_related(
                "documents"
            )
        )
        returns = contribution_selectors.returns_of_requests(requests=requests)
        for request in requests:
            request.submitted = returns.get(request.pk, [])
        return super().get_context_data(
            requests=requests,
            can_invite=self.can("contributors.invite"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=AgencyRequest, related=("agency",)
                ),
                _request_label,
            ),
            **kwargs,
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


class AgencyRequestEditView(_ChildFormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = editing(forms.AgencyRequestForm)
    list_url_name = "reviews:agency_requests"
    success_message = "Request changed"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Change the request", **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def get_initial(self):
        request = self.object
        return {
            "agency": request.agency_id,
            "asks": request.asks,
            "details": request.details,
            "period_from": request.period_from,
            "period_to": request.period_to,
            "requested_on": request.requested_on,
            "due_on": request.due_on,
        }

    def perform(self, form):
        return services.agency_request_update(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )


class AgencyRequestWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    list_url_name = "reviews:agency_requests"
    what = "the request"
    consequences = (
        "It leaves the list of requests and the board's deadlines, and its reminders stop.",
    )

    def summary(self):
        request = self.object
        return [
            ("Request", _request_label(request)),
            ("What was asked for", request.details),
            ("Due by", f"{request.due_on:%-d %B %Y}"),
        ]

    def perform(self, form):
        return services.agency_request_withdraw(
            actor=self.request.user, request=self.object, **form.cleaned_data
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


def _entry_label(entry: ChronologyEntry) -> str:
    return f"{entry.occurred_on:%-d %b %Y}, {entry.agency.name}"


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


class ChronologyEditView(_ChildFormView):
    child_model, child_kwarg = ChronologyEntry, "entry_id"
    form_class = editing(forms.ChronologyForm)
    list_url_name = "reviews:chronology"
    success_message = "Chronology entry changed"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Change the chronology entry", **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def get_initial(self):
        entry = self.object
        return {
            "agency": entry.agency_id,
            "occurred_on": entry.occurred_on,
            "entry": entry.entry,
            "source": entry.source,
        }

    def perform(self, form):
        values = dict(form.cleaned_data)
        values["what_happened"] = values.pop("entry")
        return services.chronology_update(actor=self.request.user, entry=self.object, **values)


class ChronologyWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = ChronologyEntry, "entry_id"
    list_url_name = "reviews:chronology"
    what = "the chronology entry"
    consequences = (
        "It leaves the chronology, the key practice episodes that drew on it and the report.",
    )

    def summary(self):
        entry = self.object
        return [("Entry", _entry_label(entry)), ("What happened", entry.entry)]

    def perform(self, form):
        return services.chronology_withdraw(
            actor=self.request.user, entry=self.object, **form.cleaned_data
        )


def _involvement_label(involvement: Involvement) -> str:
    return f"Offer to the {involvement.who} of {involvement.offered_on:%-d %b %Y}"


class InvolvementsView(_ListView):
    template_name = "reviews/involvements.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            involvements=self.review.involvements.all(),
            shared=joint_selectors.shared_involvements(review=self.review),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(review=self.review, model=Involvement),
                _involvement_label,
            ),
            **kwargs,
        )


class InvolvementOfferView(_FormView):
    form_class = forms.InvolvementOfferForm
    list_url_name = "reviews:involvements"
    success_message = "Offer recorded"
    extra_context = {"page_title": "Record an offer of involvement"}

    def perform(self, form):
        return services.involvement_offer(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class InvolvementEditView(_ChildFormView):
    child_model, child_kwarg = Involvement, "involvement_id"
    form_class = editing(forms.InvolvementOfferForm)
    list_url_name = "reviews:involvements"
    success_message = "Offer changed"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Change the offer of involvement", **kwargs)

    def get_initial(self):
        involvement = self.object
        return {
            "kind": involvement.kind,
            "who": involvement.who,
            "offered_on": involvement.offered_on,
        }

    def perform(self, form):
        return services.involvement_update(
            actor=self.request.user, involvement=self.object, **form.cleaned_data
        )


class InvolvementWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Involvement, "involvement_id"
    list_url_name = "reviews:involvements"
    what = "the offer of involvement"
    consequences = ("It leaves the list of offers, with the answer and views recorded.",)

    def summary(self):
        return [("Offer", _involvement_label(self.object))]

    def perform(self, form):
        return services.involvement_withdraw(
            actor=self.request.user, involvement=self.object, **form.cleaned_data
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
