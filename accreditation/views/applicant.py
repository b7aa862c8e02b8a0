"""Applying to the programme: the open cohorts, an account for someone new, the form."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation import forms, selectors
from accreditation.services import applications
from accreditation.views.base import FormPage, Page, PublicMixin


class ApplyStartView(Page):
    """The cohorts open for applications, and the applications of the signed-in user."""

    template_name = "accreditation/apply_start.html"
    page_title = gettext_lazy("Apply to the lead reviewer programme")

    def get_back_url(self):
        return reverse("home")

    def get_context_data(self, **kwargs):
        mine = selectors.my_applications(user=self.request.user)
        return super().get_context_data(
            cohorts=selectors.open_cohorts(),
            applied={a.cohort_id: a for a in mine},
            applications=mine,
            **kwargs,
        )


class AccountRequestView(PublicMixin, FormPage):
    """Public: someone without an account asks for one to apply. Signed-in users go on."""

    form_class = forms.AccountRequestForm
    page_title = gettext_lazy("Create an account to apply")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accreditation:apply_start")
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("login")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_("We will e-mail you a link to set your password. Then sign in to apply."),
            **kwargs,
        )

    def perform(self, form):
        applications.account_request(**form.cleaned_data)

    def get_success_url(self):
        return reverse("accreditation:account_requested")


class AccountRequestedView(PublicMixin, Page):
    template_name = "accreditation/account_requested.html"
    page_title = gettext_lazy("Check your email")


class ApplyView(FormPage):
    form_class = forms.ApplicationForm
    success_message = gettext_lazy("Application sent. We will e-mail you the decision.")

    def get_policy_object(self):
        self.cohort = selectors.cohort_to_apply_to(cohort_id=self.kwargs["cohort_id"])
        self.page_title = _("Apply to %(cohort)s") % {"cohort": self.cohort.name}
        return None

    def get_back_url(self):
        return reverse("accreditation:apply_start")

    def get_caption(self):
        return self.cohort.programme.name

    def get_context_data(self, **kwargs):
        cohort = self.cohort
        today = timezone.localdate()
        opens = date_format(cohort.applications_open_on, "j F Y")
        closes = date_format(cohort.applications_close_on, "j F Y")
        facts = {"opens": opens, "closes": closes, "fee": cohort.fee_text, "places": cohort.places}
        if cohort.is_open_on(today):
            lead = _(
                "Applications close on %(closes)s. The fee is %(fee)s per trainee. "
                "%(places)s places."
            )
        else:
            lead = _(
                "Applications are open from %(opens)s to %(closes)s. The fee is %(fee)s per "
                "trainee. %(places)s places."
            )
        return super().get_context_data(lead=lead % facts, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cohort": self.cohort}

    def perform(self, form):
        return applications.application_submit(
            actor=self.request.user,
            cohort=self.cohort,
            answers=form.answers(),
            cv=form.cleaned_data["cv"],
        )

    def get_success_url(self):
        return reverse("accreditation:application_detail", args=[self.result.pk])
