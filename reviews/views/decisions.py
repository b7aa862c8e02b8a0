"""The chair's decision and the national panel's advice on it."""

from django.shortcuts import redirect
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import editing
from core.views import ServiceFormView, WithdrawView
from reviews import forms, selectors
from reviews.services import decisions as services
from reviews.services import incidents as incident_services
from reviews.views.incidents import IncidentMixin


class DecisionView(IncidentMixin, ServiceFormView):
    form_class = forms.DecisionForm
    template_name = "reviews/decision_form.html"

    def get(self, request, *args, **kwargs):
        if selectors.decision_exists(incident=self.incident):
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        criteria_reason, criteria_source = incident_services.criteria_in_words(self.incident)
        return super().get_context_data(
            criteria_reason=criteria_reason,
            criteria_source=criteria_source,
            page_title=_("Record the decision on %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "incident": self.incident}

    def get_success_message(self, decision):
        return _("Decision recorded: %(outcome)s") % {
            "outcome": decision.get_outcome_display().lower()
        }

    def perform(self, form):
        return services.decision_record(
            actor=self.request.user, incident=self.incident, **form.cleaned_data
        )


class PanelAdviceAddView(IncidentMixin, ServiceFormView):
    form_class = forms.PanelAdviceForm
    success_message = gettext_lazy("Panel advice recorded")

    def get_policy_object(self):
        incident = super().get_policy_object()
        self.decision = selectors.decision_get(incident=incident)
        return incident

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Record the national panel's advice on %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
        )

    def perform(self, form):
        return services.panel_advice_record(
            actor=self.request.user, decision=self.decision, **form.cleaned_data
        )


class DecisionEditView(IncidentMixin, ServiceFormView):
    """Correct the reasons for the decision and the peer challenge."""

    form_class = forms.DecisionChangeForm
    success_message = gettext_lazy("Decision changed")

    def get_policy_object(self):
        incident = super().get_policy_object()
        self.decision = selectors.decision_get(incident=incident)
        return incident

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change the reasons for the decision on %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
        )

    def get_initial(self):
        decision = self.decision
        return {
            "rationale": decision.rationale,
            "peer_challenge_by": decision.peer_challenge_by,
            "peer_challenge": decision.peer_challenge,
        }

    def perform(self, form):
        return services.decision_update(
            actor=self.request.user, decision=self.decision, **form.cleaned_data
        )


class _AdviceMixin(IncidentMixin):
    def get_policy_object(self):
        incident = super().get_policy_object()
        self.advice = selectors.panel_advice_get(
            incident=incident, advice_id=self.kwargs["advice_id"]
        )
        return incident


class PanelAdviceEditView(_AdviceMixin, ServiceFormView):
    form_class = editing(forms.PanelAdviceForm)
    success_message = gettext_lazy("Panel advice changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change the national panel's advice"), **kwargs
        )

    def get_initial(self):
        advice = self.advice
        return {
            "received_on": advice.received_on,
            "advice": advice.advice,
            "response": advice.response,
        }

    def perform(self, form):
        return services.panel_advice_update(
            actor=self.request.user, advice_record=self.advice, **form.cleaned_data
        )


class PanelAdviceWithdrawView(_AdviceMixin, WithdrawView):
    what = gettext_lazy("the panel's advice")
    consequences = (gettext_lazy("It leaves the decision's record of advice."),)

    def summary(self):
        return [
            (_("Received on"), formats.date_format(self.advice.received_on, "j F Y")),
            (_("Advice"), self.advice.advice),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.incident.reference, **kwargs)

    def perform(self, form):
        return services.panel_advice_withdraw(
            actor=self.request.user, advice_record=self.advice, **form.cleaned_data
        )
