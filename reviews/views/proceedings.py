"""Pages of the register of parallel proceedings and reporting restrictions of an incident."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import editing
from core.views import ServiceFormView, WithdrawView
from reviews import proceeding_forms as forms
from reviews import selectors
from reviews.services import proceedings as services
from reviews.views.incidents import IncidentMixin


class ProceedingAddView(IncidentMixin, ServiceFormView):
    form_class = forms.ProceedingForm
    success_message = gettext_lazy("Proceeding recorded")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "clocks": list(services.running_clocks(self.incident))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Record a parallel proceeding of %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
        )

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.proceeding_record(
            actor=self.request.user,
            incident=self.incident,
            pause_clocks=data.pop("clocks", []),
            **data,
        )


class _ProceedingMixin(IncidentMixin):
    def get_policy_object(self):
        incident = super().get_policy_object()
        self.proceeding = selectors.proceeding_get(
            incident=incident, proceeding_id=self.kwargs["proceeding_id"]
        )
        return incident


class ProceedingEditView(_ProceedingMixin, ServiceFormView):
    form_class = editing(forms.ProceedingChangeForm)
    success_message = gettext_lazy("Proceeding changed")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "clocks": list(services.paused_clocks(self.incident))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the proceeding"), **kwargs)

    def get_initial(self):
        p = self.proceeding
        return {
            "kind": p.kind,
            "description": p.description,
            "started_on": p.started_on,
            "next_date": p.next_date,
            "next_date_what": p.next_date_what,
            "concluded_on": p.concluded_on,
        }

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.proceeding_update(
            actor=self.request.user,
            proceeding=self.proceeding,
            resume_clocks=data.pop("clocks", []),
            **data,
        )


class ProceedingWithdrawView(_ProceedingMixin, WithdrawView):
    what = gettext_lazy("the proceeding")
    consequences = (gettext_lazy("The clocks it paused stay paused until they are restarted."),)

    def summary(self):
        return [
            (_("What"), self.proceeding.get_kind_display()),
            (_("Court, coroner or body"), self.proceeding.description),
            (_("Started on"), formats.date_format(self.proceeding.started_on, "j F Y")),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.incident.reference, **kwargs)

    def perform(self, form):
        return services.proceeding_withdraw(
            actor=self.request.user, proceeding=self.proceeding, **form.cleaned_data
        )


class RestrictionAddView(IncidentMixin, ServiceFormView):
    form_class = forms.RestrictionForm
    success_message = gettext_lazy("Restriction recorded")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Record a reporting restriction or court order of %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
        )

    def perform(self, form):
        return services.restriction_record(
            actor=self.request.user, incident=self.incident, **form.cleaned_data
        )


class _RestrictionMixin(IncidentMixin):
    def get_policy_object(self):
        incident = super().get_policy_object()
        self.restriction = selectors.restriction_get(
            incident=incident, restriction_id=self.kwargs["restriction_id"]
        )
        return incident


class RestrictionEditView(_RestrictionMixin, ServiceFormView):
    form_class = editing(forms.RestrictionForm)
    success_message = gettext_lazy("Restriction changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the restriction"), **kwargs)

    def get_initial(self):
        r = self.restriction
        return {
            "kind": r.kind,
            "made_by": r.made_by,
            "made_on": r.made_on,
            "ends_on": r.ends_on,
            "what_it_forbids": r.what_it_forbids,
        }

    def perform(self, form):
        return services.restriction_update(
            actor=self.request.user, restriction=self.restriction, **form.cleaned_data
        )


class RestrictionWithdrawView(_RestrictionMixin, WithdrawView):
    what = gettext_lazy("the restriction")
    consequences = (gettext_lazy("It no longer holds back the report's publication."),)

    def summary(self):
        return [
            (_("What"), self.restriction.get_kind_display()),
            (_("Made by"), self.restriction.made_by),
            (_("Ends on"), formats.date_format(self.restriction.ends_on, "j F Y")),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.incident.reference, **kwargs)

    def perform(self, form):
        return services.restriction_withdraw(
            actor=self.request.user, restriction=self.restriction, **form.cleaned_data
        )
