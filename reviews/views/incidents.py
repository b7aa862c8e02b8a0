"""Pages of incidents: list, log, view, edit; notifications; the people involved."""

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import permissions
from core.forms import editing
from core.views import ServiceFormView, WithdrawView, withdrawn_listed, withdrawn_rows
from guidance import rulebooks
from reviews import forms, selectors
from reviews.models import Incident, Notification
from reviews.services import incidents as services
from reviews.services import reviews as review_services


class IncidentMixin(BoardMixin):
    """Pages of one incident: the incident must belong to the board in the URL and be visible
    to the user, or 404. Rules are tested against the incident."""

    def get_policy_object(self):
        board = super().get_policy_object()
        self.incident = selectors.incident_get(
            user=self.request.user, board=board, incident_id=self.kwargs["incident_id"]
        )
        return self.incident

    def get_context_data(self, **kwargs):
        return super().get_context_data(incident=self.incident, **kwargs)

    def get_success_url(self):
        return reverse("reviews:incident_detail", args=[self.board.pk, self.incident.pk])


class IncidentListView(BoardMixin, TemplateView):
    template_name = "reviews/incident_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        if status not in Incident.Status.values:
            status = ""
        return super().get_context_data(
            withdrawn=withdrawn_rows(
                selectors.incident_list_with_withdrawn(board=self.board),
                lambda incident: f"{incident.reference}, notified {incident.notified_on:%-d %b %Y}",
            ),
            incidents=selectors.incident_list_for_board(board=self.board, status=status),
            status=status,
            statuses=Incident.Status.choices,
            can_log=permissions.can(self.request.user, "incidents.manage", self.board),
            **kwargs,
        )


class IncidentLogView(BoardMixin, ServiceFormView):
    form_class = forms.IncidentForm
    extra_context = {"page_title": "Log a notified incident"}
    success_message = "Incident logged: {result.reference}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def perform(self, form):
        return services.incident_log(
            actor=self.request.user, board=self.board, **form.service_values()
        )

    def get_success_url(self):
        return reverse("reviews:incident_detail", args=[self.board.pk, self.result.pk])


class IncidentDetailView(IncidentMixin, TemplateView):
    template_name = "reviews/incident_detail.html"

    def get_policy_object(self):
        board = BoardMixin.get_policy_object(self)
        self.incident = selectors.incident_detail(
            user=self.request.user, board=board, incident_id=self.kwargs["incident_id"]
        )
        return self.incident

    def get_context_data(self, **kwargs):
        user, incident = self.request.user, self.incident
        decision = getattr(incident, "decision", None)
        notifications = [n for n in incident.every_notification if not n.is_withdrawn]
        advice = [a for a in getattr(decision, "every_advice", []) if not a.is_withdrawn]
        today = timezone.localdate()
        restrictions = [r for r in incident.every_restriction if not r.is_withdrawn]
        for restriction in restrictions:
            restriction.in_force = restriction.in_force_on(today)
        return super().get_context_data(
            rules=incident.rules,
            facts_known=[label for name, label, _ in forms.FACT_CHOICES if getattr(incident, name)],
            deadlines=incident.clocks,
            decision=decision,
            review=getattr(incident, "review", None),
            review_types=rulebooks.REVIEW_TYPES,
            can_manage=permissions.can(user, "incidents.manage", incident),
            can_decide=decision is None and permissions.can(user, "decisions.record", incident),
            can_change_decision=decision is not None
            and permissions.can(user, "decisions.record", incident),
            can_record_advice=decision is not None
            and permissions.can(user, "panel_advice.record", incident),
            can_see_people=permissions.can(user, "people.view", incident),
            can_see_access_log=permissions.can(user, "access_log.view", incident),
            can_pause=permissions.can(user, "clocks.pause", incident),
            notifications=notifications,
            panel_advice=advice,
            proceedings=[p for p in incident.every_proceeding if not p.is_withdrawn],
            restrictions=restrictions,
            withdrawn_proceedings=withdrawn_listed(
                incident.every_proceeding,
                lambda p: f"{p.get_kind_display()}, started {p.started_on:%-d %b %Y}",
            ),
            withdrawn_restrictions=withdrawn_listed(
                incident.every_restriction,
                lambda r: f"{r.get_kind_display()} made {r.made_on:%-d %b %Y}",
            ),
            withdrawn_notifications=withdrawn_listed(
                incident.every_notification,
                lambda n: f"{n.get_recipient_display()}, {n.sent_on:%-d %b %Y}: {n.summary[:60]}",
            ),
            withdrawn_advice=withdrawn_listed(
                getattr(decision, "every_advice", []),
                lambda a: f"Received {a.received_on:%-d %b %Y}: {a.advice[:60]}",
            ),
            can_start_rapid_review=review_services.rapid_review_may_start(incident, notifications)
            and permissions.can(user, "incidents.manage", incident),
            **kwargs,
        )


class IncidentEditView(IncidentMixin, ServiceFormView):
    form_class = forms.IncidentForm
    success_message = "Incident saved: {result.reference}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=f"Change {self.incident.reference}", **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def get_initial(self):
        return forms.IncidentForm.initial_for(self.incident)

    def perform(self, form):
        return services.incident_update(
            actor=self.request.user, incident=self.incident, **form.service_values()
        )


class IncidentWithdrawView(IncidentMixin, WithdrawView):
    consequences = (
        "It leaves the board's incidents, and its deadlines and their reminders go.",
        "Use this for an incident logged in error (twice, or a case that is not this board's).",
    )

    @property
    def what(self):
        return f"the incident {self.incident.reference}"

    def summary(self):
        incident = self.incident
        return [
            ("Notified", f"{incident.notified_on:%-d %B %Y} by {incident.notifier}"),
            ("Status", incident.get_status_display()),
        ]

    def get_success_url(self):
        return reverse("reviews:incident_list", args=[self.board.pk])

    def perform(self, form):
        return services.incident_withdraw(
            actor=self.request.user, incident=self.incident, **form.cleaned_data
        )

    def get_success_message(self, result):
        return f"The incident {result.reference} has been withdrawn"


class NotificationAddView(IncidentMixin, ServiceFormView):
    form_class = forms.NotificationForm
    success_message = "Notification recorded"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=f"Record a notification about {self.incident.reference}", **kwargs
        )

    def get_initial(self):
        # From a page that knows what is to be told (the reviewers appointed, say).
        wanted = {
            "about": Notification.About.values,
            "recipient": rulebooks.NOTIFICATION_RECIPIENTS,
        }
        return {
            name: self.request.GET[name]
            for name, allowed in wanted.items()
            if self.request.GET.get(name) in allowed
        }

    def perform(self, form):
        return services.notification_record(
            actor=self.request.user, incident=self.incident, **form.cleaned_data
        )


class PeopleView(IncidentMixin, TemplateView):
    template_name = "reviews/people.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            people=selectors.person_list(incident=self.incident),
            can_manage=permissions.can(self.request.user, "people.manage", self.incident),
            withdrawn=withdrawn_rows(
                selectors.person_list_with_withdrawn(incident=self.incident),
                lambda person: f"{person.name} ({person.get_role_display().lower()})",
            ),
            **kwargs,
        )


class PersonAddView(IncidentMixin, ServiceFormView):
    form_class = forms.PersonForm
    success_message = "Person added"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=f"Add a person involved in {self.incident.reference}", **kwargs
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def perform(self, form):
        return services.person_add(
            actor=self.request.user, incident=self.incident, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("reviews:people", args=[self.board.pk, self.incident.pk])


class _PersonMixin(IncidentMixin):
    def get_policy_object(self):
        incident = super().get_policy_object()
        self.person = selectors.person_get(
            user=self.request.user, incident=incident, person_id=self.kwargs["person_id"]
        )
        return incident

    def get_success_url(self):
        return reverse("reviews:people", args=[self.board.pk, self.incident.pk])


class PersonEditView(_PersonMixin, ServiceFormView):
    form_class = editing(forms.PersonForm)
    success_message = "Person changed"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=f"Change {self.person.name}", **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.board}

    def get_initial(self):
        person = self.person
        return {
            "role": person.role,
            "name": person.name,
            "aliases": person.aliases,
            "relationship": person.relationship,
            "agency": person.agency_id,
        }

    def perform(self, form):
        return services.person_update(
            actor=self.request.user, person=self.person, **form.cleaned_data
        )


class PersonWithdrawView(_PersonMixin, WithdrawView):
    consequences = (
        "They leave the list of people involved.",
        "Reports of this case are still checked for every name recorded for them, so a name "
        "left in a report is still found.",
    )

    @property
    def what(self):
        return self.person.name

    def summary(self):
        person = self.person
        return [
            ("In this case", person.get_role_display()),
            ("Other names", person.aliases or "–"),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.incident.reference, **kwargs)

    def perform(self, form):
        return services.person_withdraw(
            actor=self.request.user, person=self.person, **form.cleaned_data
        )


class _NotificationMixin(IncidentMixin):
    def get_policy_object(self):
        incident = super().get_policy_object()
        self.notification = selectors.notification_get(
            incident=incident, notification_id=self.kwargs["notification_id"]
        )
        return incident


class NotificationEditView(_NotificationMixin, ServiceFormView):
    form_class = editing(forms.NotificationForm)
    success_message = "Notification changed"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title="Change the notification", **kwargs)

    def get_initial(self):
        notification = self.notification
        return {
            "recipient": notification.recipient,
            "about": notification.about,
            "sent_on": notification.sent_on,
            "summary": notification.summary,
        }

    def perform(self, form):
        return services.notification_update(
            actor=self.request.user, notification=self.notification, **form.cleaned_data
        )


class NotificationWithdrawView(_NotificationMixin, WithdrawView):
    what = "the notification"
    consequences = ("It no longer meets any clock: a clock it met is open again.",)

    def summary(self):
        notification = self.notification
        return [
            ("To", notification.get_recipient_display()),
            ("About", notification.get_about_display()),
            ("Sent on", f"{notification.sent_on:%-d %B %Y}"),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.incident.reference, **kwargs)

    def perform(self, form):
        return services.notification_withdraw(
            actor=self.request.user, notification=self.notification, **form.cleaned_data
        )
