"""Pages of incidents: list, log, view, edit; notifications; the people involved."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging, permissions
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
                lambda incident: (
                    _("%(reference)s, notified %(date)s")
                    % {"reference": incident.reference, "date": _short(incident.notified_on)}
                ),
            ),
            page=paging.paginate(
                selectors.incident_list_for_board(board=self.board, status=status),
                self.request.GET.get("page"),
            ),
            status=status,
            statuses=Incident.Status.choices,
            can_log=permissions.can(self.request.user, "incidents.manage", self.board),
            **kwargs,
        )


class IncidentLogView(BoardMixin, ServiceFormView):
    form_class = forms.IncidentForm
    extra_context = {"page_title": gettext_lazy("Log a notified incident")}

    def get_success_message(self, result):
        return _("Incident logged: %(reference)s") % {"reference": result.reference}

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
        # The board is checked (visible to the user, or 404) in the incident's query.
        self.incident = selectors.incident_detail(
            user=self.request.user,
            board_id=self.kwargs["board_id"],
            incident_id=self.kwargs["incident_id"],
        )
        self.board = self.incident.board
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
        criteria_reason, criteria_source = services.criteria_in_words(incident)
        return super().get_context_data(
            rules=incident.rules,
            criteria_reason=criteria_reason,
            criteria_source=criteria_source,
            facts_known=[
                label for name, label, _hint in forms.FACT_CHOICES if getattr(incident, name)
            ],
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
                lambda p: (
                    _("%(kind)s, started %(date)s")
                    % {"kind": p.get_kind_display(), "date": _short(p.started_on)}
                ),
            ),
            withdrawn_restrictions=withdrawn_listed(
                incident.every_restriction,
                lambda r: (
                    _("%(kind)s made %(date)s")
                    % {"kind": r.get_kind_display(), "date": _short(r.made_on)}
                ),
            ),
            withdrawn_notifications=withdrawn_listed(
                incident.every_notification,
                lambda n: f"{n.get_recipient_display()}, {_short(n.sent_on)}: {n.summary[:60]}",
            ),
            withdrawn_advice=withdrawn_listed(
                getattr(decision, "every_advice", []),
                lambda a: (
                    _("Received %(date)s: %(advice)s")
                    % {"date": _short(a.received_on), "advice": a.advice[:60]}
                ),
            ),
            can_start_rapid_review=review_services.rapid_review_may_start(incident, notifications)
            and permissions.can(user, "incidents.manage", incident),
            **kwargs,
        )


class IncidentEditView(IncidentMixin, ServiceFormView):
    form_class = forms.IncidentForm

    def get_success_message(self, result):
        return _("Incident saved: %(reference)s") % {"reference": result.reference}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change %(reference)s") % {"reference": self.incident.reference},
            **kwargs,
        )

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
        gettext_lazy("It leaves the board's incidents, and its deadlines and their reminders go."),
        gettext_lazy(
            "Use this for an incident logged in error (twice, or a case that is not this board's)."
        ),
    )

    @property
    def what(self):
        return _("the incident %(reference)s") % {"reference": self.incident.reference}

    def summary(self):
        incident = self.incident
        return [
            (
                _("Notified"),
                _("%(date)s by %(notifier)s")
                % {"date": _long(incident.notified_on), "notifier": incident.notifier},
            ),
            (_("Status"), incident.get_status_display()),
        ]

    def get_success_url(self):
        return reverse("reviews:incident_list", args=[self.board.pk])

    def perform(self, form):
        return services.incident_withdraw(
            actor=self.request.user, incident=self.incident, **form.cleaned_data
        )

    def get_success_message(self, result):
        return _("The incident %(reference)s has been withdrawn") % {"reference": result.reference}


class NotificationAddView(IncidentMixin, ServiceFormView):
    form_class = forms.NotificationForm
    success_message = gettext_lazy("Notification recorded")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Record a notification about %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
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
                lambda person: (
                    _("%(name)s (%(role)s)")
                    % {"name": person.name, "role": person.get_role_display().lower()}
                ),
            ),
            **kwargs,
        )


class PersonAddView(IncidentMixin, ServiceFormView):
    form_class = forms.PersonForm
    success_message = gettext_lazy("Person added")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Add a person involved in %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
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
    success_message = gettext_lazy("Person changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change %(reference)s") % {"reference": self.person.name}, **kwargs
        )

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
        gettext_lazy("They leave the list of people involved."),
        gettext_lazy(
            "Reports of this case are still checked for every name recorded for them, so a name "
            "left in a report is still found."
        ),
    )

    @property
    def what(self):
        return self.person.name

    def summary(self):
        person = self.person
        return [
            (_("In this case"), person.get_role_display()),
            (_("Other names"), person.aliases or "–"),
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
    success_message = gettext_lazy("Notification changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the notification"), **kwargs)

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
    what = gettext_lazy("the notification")
    consequences = (gettext_lazy("It no longer meets any clock: a clock it met is open again."),)

    def summary(self):
        notification = self.notification
        return [
            (_("To"), notification.get_recipient_display()),
            (_("About"), notification.get_about_display()),
            (_("Sent on"), _long(notification.sent_on)),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.incident.reference, **kwargs)

    def perform(self, form):
        return services.notification_withdraw(
            actor=self.request.user, notification=self.notification, **form.cleaned_data
        )


def _short(day) -> str:
    """A date as the lists show it ("5 Dec 2026"), in the reader's language."""
    return formats.date_format(day, "j M Y")


def _long(day) -> str:
    """A date in full ("5 December 2026"), in the reader's language."""
    return formats.date_format(day, "j F Y")
