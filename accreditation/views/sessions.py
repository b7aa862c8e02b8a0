"""Group supervision: the rolling programme of sessions, booking places and attendance.

What a page offers follows the session's date (SupervisionSession's refusals): booking ahead
and up to the day; attendance from the day on. What is not offered is said, with why.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accreditation import forms, selectors
from accreditation.models import SupervisionBooking
from accreditation.services import training
from accreditation.views.base import ChangePage, FormPage, Page, WithdrawPage
from core import paging, permissions
from core.forms import editing
from core.ids import parse_uuid
from core.views import withdrawn_rows

Booking = SupervisionBooking.Status


class SessionListView(Page):
    template_name = "accreditation/session_list.html"
    page_title = gettext_lazy("Group supervision sessions")

    def get_back_url(self):
        return reverse("accreditation:overview")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sessions=selectors.sessions_from(),
            # The sessions ahead are those planned; those past pile up, a page at a time.
            past=paging.paginate(selectors.sessions_before(), self.request.GET.get("page")),
            withdrawn=withdrawn_rows(selectors.every_session(), str),
            **kwargs,
        )


class SessionAddView(FormPage):
    form_class = forms.SessionForm
    page_title = gettext_lazy("Add a group supervision session")
    success_message = gettext_lazy("Session added: {result}")

    def get_back_url(self):
        return reverse("accreditation:session_list")

    def get_success_url(self):
        return reverse("accreditation:session_detail", args=[self.result.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "A session ahead, for trainees to book; or one that has taken place, to record "
                "who attended."
            ),
            **kwargs,
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "facilitators": selectors.accreditation_staff()}

    def perform(self, form):
        return training.session_add(actor=self.request.user, **form.cleaned_data)


class SessionMixin:
    """A current session (staff only), or 404."""

    withdrawn = False

    def get_policy_object(self):
        self.session = selectors.session_get(
            user=self.request.user, session_id=self.kwargs["session_id"], withdrawn=self.withdrawn
        )
        return self.session

    def get_caption(self):
        return _("Group supervision")

    def get_back_url(self):
        return reverse("accreditation:session_detail", args=[self.session.pk])


class SessionDetailView(SessionMixin, Page):
    """Staff: the places and attendance, booking ahead and recording attendance, each offered
    when the date allows it, and otherwise said why. A withdrawn session's page stays."""

    template_name = "accreditation/session_detail.html"
    withdrawn = True

    def get_back_url(self):
        return reverse("accreditation:session_list")

    def get_context_data(self, **kwargs):
        session = self.session
        today = timezone.localdate()
        bookings = list(selectors.session_bookings(session))
        live = [b for b in bookings if b.status != Booking.CANCELLED]
        booked = {b.trainee_id for b in live}
        self.page_title = str(session)
        return super().get_context_data(
            session=session,
            bookings=bookings,
            places_left=max(session.capacity - len(live), 0),
            trainees=[t for t in selectors.current_trainees() if t.pk not in booked],
            booking_refusal=session.booking_refusal(today),
            attendance_refusal=session.attendance_refusal(today),
            cancel_refusal=session.cancel_refusal(today),
            **kwargs,
        )


class SessionEditView(SessionMixin, ChangePage):
    form_class = editing(forms.SessionForm)
    page_title = gettext_lazy("Change the session")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "facilitators": selectors.accreditation_staff()}

    def get_initial(self):
        session = self.session
        return {
            "date": session.date,
            "title": session.title,
            "venue": session.venue,
            "capacity": session.capacity,
            "facilitator": session.facilitator_id,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "Once attendance is recorded the date stays: a session held on another day is "
                "withdrawn and added again. Places never fall below those taken."
            ),
            **kwargs,
        )

    def perform(self, form):
        return training.session_update(
            actor=self.request.user, session=self.session, **form.cleaned_data
        )


class SessionWithdrawView(SessionMixin, WithdrawPage):
    what = gettext_lazy("the session")

    def get_success_url(self):
        return reverse("accreditation:session_list")

    @property
    def consequences(self):
        bookings = selectors.session_places(session=self.session)
        booked = bookings.filter(status=Booking.BOOKED).count()
        attended = bookings.filter(status=Booking.ATTENDED).count()
        lines = [_("It leaves the list of sessions.")]
        if booked:
            if self.session.date >= timezone.localdate():
                cancelled = ngettext(
                    "%(count)s booked place are cancelled and the trainees are e-mailed.",
                    "%(count)s booked places are cancelled and the trainees are e-mailed.",
                    booked,
                )
            else:
                cancelled = ngettext(
                    "%(count)s booked place are cancelled.",
                    "%(count)s booked places are cancelled.",
                    booked,
                )
            lines.append(cancelled % {"count": booked})
        if attended:
            lines.append(
                ngettext(
                    "The attendance of %(count)s trainee no longer counts toward their group "
                    "sessions.",
                    "The attendance of %(count)s trainees no longer counts toward their group "
                    "sessions.",
                    attended,
                )
                % {"count": attended}
            )
        return lines

    def summary(self):
        session = self.session
        return [(_("Session"), str(session)), (_("Venue"), session.venue)]

    def perform(self, form):
        return training.session_withdraw(
            actor=self.request.user, session=self.session, **form.cleaned_data
        )


class SessionAttendanceView(SessionMixin, FormPage):
    """Staff record who attended a session that has taken place: trainees in training, booked
    or not, and anyone recorded already."""

    form_class = forms.AttendanceForm
    success_message = gettext_lazy("Attendance saved")

    def get_policy_object(self):
        session = super().get_policy_object()
        self.page_title = _("Who attended %(session)s?") % {"session": session}
        return session

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "people": selectors.session_attendance_choices(session=self.session),
            "label": _("Trainees who attended"),
        }

    def get_initial(self):
        return {
            "people": selectors.session_places_taken(session=self.session)
            .filter(status=Booking.ATTENDED)
            .values_list("trainee_id", flat=True)
        }

    def get_context_data(self, **kwargs):
        refusal = self.session.attendance_refusal(timezone.localdate())
        lead = (
            _("%(refusal)s.") % {"refusal": refusal}
            if refusal
            else _("Booked trainees not selected did not attend.")
        )
        return super().get_context_data(lead=lead, **kwargs)

    def perform(self, form):
        return training.session_attendance_record(
            actor=self.request.user, session=self.session, trainees=form.cleaned_data["people"]
        )


class SessionBookView(Page):
    """Book a place (POST): a trainee for themselves, staff for any trainee. Refusals (full,
    already booked, another session that day, taken place) come back as a message on the
    page."""

    def post(self, request, *args, **kwargs):
        session = selectors.session_to_book(session_id=kwargs["session_id"])
        trainee = selectors.trainee_to_book_for(
            user=request.user, trainee_id=parse_uuid(request.POST.get("trainee"))
        )
        if trainee is None:
            if permissions.can(request.user, "accreditation.manage"):
                messages.error(request, _("Select the trainee to book a place for"))
                return redirect("accreditation:session_detail", session.pk)
            raise Http404  # someone else's trainee record does not exist for them
        try:
            training.session_book(actor=request.user, session=session, trainee=trainee)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Place booked: %(session)s") % {"session": session})
        return redirect(*_back(request, trainee, session=session))


def _back(request, trainee, *, session=None):
    if session is not None and permissions.can(request.user, "accreditation.manage"):
        return ("accreditation:session_detail", session.pk)
    return ("accreditation:trainee_detail", trainee.pk)


class BookingUpdateView(Page):
    """POST: the trainee (or staff) cancels a place; staff record attended or absent."""

    def post(self, request, *args, **kwargs):
        # Someone else's place does not exist for them (404).
        booking = selectors.booking_get(
            user=request.user, session_id=kwargs["session_id"], booking_id=kwargs["booking_id"]
        )
        action = request.POST.get("action")
        try:
            if action == "cancel":
                training.booking_cancel(actor=request.user, booking=booking)
                messages.success(request, _("Place cancelled"))
            elif action in ("attended", "absent"):
                training.booking_record(
                    actor=request.user, booking=booking, attended=action == "attended"
                )
                messages.success(request, _("Attendance recorded"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(*_back(request, booking.trainee, session=booking.session))


class BookingWithdrawView(SessionMixin, WithdrawPage):
    """Attendance recorded in error: staff withdraw it with the reason."""

    what = gettext_lazy("the attendance")

    def get_policy_object(self):
        session = super().get_policy_object()
        self.booking = selectors.booking_recorded_get(
            session=session, booking_id=self.kwargs["booking_id"]
        )
        return session

    @property
    def consequences(self):
        return (
            _("It no longer counts toward the group sessions of %(name)s.")
            % {"name": self.booking.trainee.user.name},
        )

    def summary(self):
        return [
            (_("Trainee"), self.booking.trainee.user.name),
            (_("Session"), str(self.session)),
            (_("Recorded as"), self.booking.get_status_display()),
        ]

    def perform(self, form):
        return training.booking_withdraw(
            actor=self.request.user, booking=self.booking, **form.cleaned_data
        )
