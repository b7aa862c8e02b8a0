"""Group supervision: the rolling programme of sessions, booking places and attendance."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from accreditation import forms, selectors
from accreditation.models import SupervisionBooking, SupervisionSession, Trainee
from accreditation.services import training
from accreditation.views.base import FormPage, Page
from core import permissions
from core.ids import parse_uuid


class SessionListView(Page):
    template_name = "accreditation/session_list.html"
    page_title = "Group supervision sessions"

    def get_back_url(self):
        return reverse("accreditation:overview")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sessions=selectors.sessions_from(),
            past=SupervisionSession.objects.order_by("-date")[:20],
            **kwargs,
        )


class SessionAddView(FormPage):
    form_class = forms.SessionForm
    page_title = "Add a group supervision session"
    success_message = "Session added: {result}"

    def get_back_url(self):
        return reverse("accreditation:session_list")

    def get_form_kwargs(self):
        staff = get_user_model().objects.filter(is_accreditation_staff=True, is_active=True)
        return {**super().get_form_kwargs(), "facilitators": staff}

    def perform(self, form):
        return training.session_add(actor=self.request.user, **form.cleaned_data)


class SessionMixin:
    def get_policy_object(self):
        self.session = selectors.session_get(
            user=self.request.user, session_id=self.kwargs["session_id"]
        )
        return self.session


class SessionDetailView(SessionMixin, Page):
    """Staff: who booked, places left, attendance; and a booking for a trainee."""

    template_name = "accreditation/session_detail.html"

    def get_back_url(self):
        return reverse("accreditation:session_list")

    def get_context_data(self, **kwargs):
        bookings = list(selectors.session_bookings(self.session))
        live = [b for b in bookings if b.status != SupervisionBooking.Status.CANCELLED]
        booked = {b.trainee_id for b in live}
        self.page_title = str(self.session)
        return super().get_context_data(
            session=self.session,
            bookings=bookings,
            places_left=max(self.session.capacity - len(live), 0),
            trainees=[t for t in selectors.current_trainees() if t.pk not in booked],
            **kwargs,
        )


class SessionBookView(Page):
    """Book a place (POST): a trainee for themselves, staff for any trainee. Refusals (full,
    already booked, another session that day) come back as a message on the page."""

    def post(self, request, *args, **kwargs):
        session = get_object_or_404(SupervisionSession, pk=kwargs["session_id"])
        trainee = (
            Trainee.objects.select_related("user")
            .filter(pk=parse_uuid(request.POST.get("trainee")))
            .first()
        )
        if trainee is None or not permissions.can(request.user, "accreditation.own", trainee):
            if permissions.can(request.user, "accreditation.manage"):
                messages.error(request, "Select the trainee to book a place for")
                return redirect("accreditation:session_detail", session.pk)
            raise Http404  # someone else's trainee record does not exist for them
        try:
            training.session_book(actor=request.user, session=session, trainee=trainee)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Place booked: {session}")
        return redirect(*_back(request, trainee, session=session))


def _back(request, trainee, *, session=None):
    if session is not None and permissions.can(request.user, "accreditation.manage"):
        return ("accreditation:session_detail", session.pk)
    return ("accreditation:trainee_detail", trainee.pk)


class BookingUpdateView(Page):
    """POST: the trainee cancels their place; staff record attended or absent."""

    def post(self, request, *args, **kwargs):
        booking = get_object_or_404(
            SupervisionBooking.objects.select_related("session", "trainee"),
            pk=kwargs["booking_id"],
            session_id=kwargs["session_id"],
        )
        if not permissions.can(request.user, "accreditation.own", booking.trainee):
            raise Http404
        action = request.POST.get("action")
        try:
            if action == "cancel":
                training.booking_cancel(actor=request.user, booking=booking)
                messages.success(request, "Place cancelled")
            elif action in ("attended", "absent"):
                training.booking_record(
                    actor=request.user, booking=booking, attended=action == "attended"
                )
                messages.success(request, "Attendance recorded")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(*_back(request, booking.trainee, session=booking.session))
