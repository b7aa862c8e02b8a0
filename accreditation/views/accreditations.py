"""Accreditations: the staff list, each reviewer's page (theirs to see), the annual review,
suspension, network meetings and what the directory shows boards."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accreditation import forms, selectors
from accreditation.services import accreditations
from accreditation.views.base import ChangePage, FormPage, Page, WithdrawPage
from core import paging, permissions
from core.forms import editing
from core.views import withdrawn_rows


class AccreditationListView(Page):
    template_name = "accreditation/accreditation_list.html"
    page_title = gettext_lazy("Accredited reviewers")

    def get_back_url(self):
        return reverse("accreditation:overview")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=paging.paginate(selectors.accreditation_list(), self.request.GET.get("page")),
            **kwargs,
        )


class AccreditationAddView(FormPage):
    """Record a reviewer accredited before the service, or elsewhere."""

    form_class = forms.ExistingAccreditationForm
    page_title = gettext_lazy("Record an existing accreditation")
    success_message = gettext_lazy("Accreditation recorded: {result.user.name}")

    def get_back_url(self):
        return reverse("accreditation:accreditation_list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "For reviewers accredited before the service. Someone without an account gets "
                "one, with an e-mail to set their password."
            ),
            **kwargs,
        )

    def perform(self, form):
        return accreditations.accreditation_record_existing(
            actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("accreditation:accreditation_detail", args=[self.result.pk])


class AccreditationMixin:
    """An accreditation: the reviewer's own or staff; anyone else 404."""

    def get_policy_object(self):
        self.accreditation = selectors.accreditation_get(
            user=self.request.user, accreditation_id=self.kwargs["accreditation_id"]
        )
        return self.accreditation

    def get_caption(self):
        return _("Accreditation of %(name)s") % {"name": self.accreditation.user.name}

    def get_back_url(self):
        return reverse("accreditation:accreditation_detail", args=[self.accreditation.pk])


class AccreditationDetailView(AccreditationMixin, Page):
    template_name = "accreditation/accreditation_detail.html"

    def get_back_url(self):
        if permissions.can(self.request.user, "accreditation.manage"):
            return reverse("accreditation:accreditation_list")
        return reverse("home")

    def get_caption(self):
        return _("Lead reviewer programme")

    def get_context_data(self, **kwargs):
        accreditation = self.accreditation
        self.page_title = _("Accreditation of %(name)s") % {"name": accreditation.user.name}
        return super().get_context_data(
            accreditation=accreditation,
            attended=accreditations.meetings_in_year(accreditation),
            required=settings.ACCREDITATION_NETWORK_MEETINGS_PER_YEAR,
            # This year's: earlier years' are closed.
            deadlines=selectors.accreditation_year_deadlines(accreditation=accreditation),
            reviews=accreditation.annual_reviews.select_related("reviewer"),
            meetings=accreditation.meetings_attended.filter(meeting__withdrawn_at__isnull=True)
            .select_related("meeting")
            .order_by("-meeting__date"),
            is_staff=permissions.can(self.request.user, "accreditation.manage"),
            **kwargs,
        )


class AnnualReviewView(AccreditationMixin, FormPage):
    form_class = forms.AnnualReviewForm
    page_title = gettext_lazy("Record the annual review")
    success_message = gettext_lazy("Annual review recorded")

    def get_initial(self):
        return {"reviewed_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        attended = len(accreditations.meetings_in_year(self.accreditation))
        required = settings.ACCREDITATION_NETWORK_MEETINGS_PER_YEAR
        return super().get_context_data(
            lead=_(
                "%(attended)s of %(required)s network meetings attended this accreditation "
                "year. Review due by %(due)s."
            )
            % {
                "attended": attended,
                "required": required,
                "due": date_format(self.accreditation.annual_review_due_on, "j F Y"),
            },
            **kwargs,
        )

    def perform(self, form):
        return accreditations.annual_review_record(
            actor=self.request.user, accreditation=self.accreditation, **form.cleaned_data
        )


class SuspendView(AccreditationMixin, FormPage):
    form_class = forms.SuspendForm
    page_title = gettext_lazy("Suspend the accreditation")
    success_message = gettext_lazy("Accreditation suspended")

    def perform(self, form):
        return accreditations.accreditation_suspend(
            actor=self.request.user, accreditation=self.accreditation, **form.cleaned_data
        )


class ReinstateView(AccreditationMixin, FormPage):
    form_class = forms.ReinstateForm
    page_title = gettext_lazy("Reinstate the accreditation")
    success_message = gettext_lazy("Accreditation reinstated: a new accreditation year starts")

    def get_initial(self):
        return {"on": timezone.localdate()}

    def perform(self, form):
        return accreditations.accreditation_reinstate(
            actor=self.request.user, accreditation=self.accreditation, **form.cleaned_data
        )


class AvailabilityView(AccreditationMixin, FormPage):
    form_class = forms.AvailabilityForm
    page_title = gettext_lazy("Where and when you take reviews")
    success_message = gettext_lazy("Saved: boards see this in the reviewer directory")

    def get_initial(self):
        return {
            "regions": self.accreditation.regions,
            "availability": self.accreditation.availability,
            "note": self.accreditation.availability_note,
        }

    def perform(self, form):
        return accreditations.availability_update(
            actor=self.request.user, accreditation=self.accreditation, **form.cleaned_data
        )


class MeetingListView(FormPage):
    """The network meetings, and a form to add one."""

    template_name = "accreditation/meeting_list.html"
    form_class = forms.MeetingForm
    page_title = gettext_lazy("Network meetings")
    success_message = gettext_lazy("Meeting added: {result}")

    def get_back_url(self):
        return reverse("accreditation:overview")

    def get_success_url(self):
        return reverse("accreditation:meeting_attendance", args=[self.result.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=paging.paginate(selectors.meetings(), self.request.GET.get("page")),
            required=settings.ACCREDITATION_NETWORK_MEETINGS_PER_YEAR,
            withdrawn=withdrawn_rows(selectors.every_meeting(), str),
            **kwargs,
        )

    def perform(self, form):
        return accreditations.meeting_add(actor=self.request.user, **form.cleaned_data)


class MeetingAttendanceView(FormPage):
    form_class = forms.AttendanceForm
    success_message = gettext_lazy("Attendance saved")

    def get_policy_object(self):
        self.meeting = selectors.meeting_get(meeting_id=self.kwargs["network_meeting_id"])
        self.page_title = _("Who attended %(meeting)s?") % {"meeting": self.meeting}
        return None

    def get_back_url(self):
        return reverse("accreditation:meeting_list")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            # Those accredited now, and anyone recorded already (since lapsed, say).
            "people": selectors.meeting_attendance_choices(meeting=self.meeting),
            "label": _("Accredited reviewers who attended"),
        }

    def get_initial(self):
        return {"people": self.meeting.attendance.values_list("accreditation_id", flat=True)}

    def perform(self, form):
        return accreditations.meeting_attendance_record(
            actor=self.request.user,
            meeting=self.meeting,
            accreditations=form.cleaned_data["people"],
        )


class MeetingMixin:
    """A current network meeting (staff only), or 404."""

    def get_policy_object(self):
        self.meeting = selectors.meeting_get(meeting_id=self.kwargs["network_meeting_id"])
        return None

    def get_back_url(self):
        return reverse("accreditation:meeting_list")


class MeetingEditView(MeetingMixin, ChangePage):
    form_class = editing(forms.MeetingForm)
    page_title = gettext_lazy("Change the network meeting")

    def get_initial(self):
        meeting = self.meeting
        return {"date": meeting.date, "title": meeting.title, "venue": meeting.venue}

    def perform(self, form):
        return accreditations.meeting_update(
            actor=self.request.user, meeting=self.meeting, **form.cleaned_data
        )


class MeetingWithdrawView(MeetingMixin, WithdrawPage):
    what = gettext_lazy("the network meeting")

    @property
    def consequences(self):
        attended = self.meeting.attendance.count()
        lines = [_("It leaves the list of network meetings.")]
        if attended:
            lines.append(
                ngettext(
                    "The attendance of %(count)s reviewer no longer counts toward their meetings "
                    "this year, and their deadlines follow.",
                    "The attendance of %(count)s reviewers no longer counts toward their "
                    "meetings this year, and their deadlines follow.",
                    attended,
                )
                % {"count": attended}
            )
        return lines

    def summary(self):
        return [(_("Meeting"), str(self.meeting)), (_("Venue"), self.meeting.venue)]

    def perform(self, form):
        return accreditations.meeting_withdraw(
            actor=self.request.user, meeting=self.meeting, **form.cleaned_data
        )
