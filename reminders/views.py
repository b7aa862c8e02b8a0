from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging
from core.views import PolicyMixin, ServiceFormView
from reminders import forms, selectors, services
from reminders import messages as words


class ReminderListView(PolicyMixin, TemplateView):
    template_name = "reminders/list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        # Sent reminders pile up: a page at a time. Those to come are one row a deadline still
        # open (`coming_up`), so they are bounded by the user's open work and listed whole.
        sent = paging.paginate(selectors.reminders_sent(user=user), self.request.GET.get("page"))
        pending = list(selectors.reminders_pending(user=user))
        reminders = selectors.described([*sent.object_list, *pending])
        for reminder in reminders:
            reminder.title = words.deadline_title(reminder.deadline)
            reminder.when = words.kind_label(reminder.kind)
        return super().get_context_data(
            sent=sent,
            coming_up=selectors.coming_up(pending),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """Mark everything read, or choose the daily digest."""
        if "digest" in request.POST:
            daily = request.POST["digest"] == "daily"
            services.digest_choose(user=request.user, daily=daily)
            messages.success(
                request,
                _("You will get one e-mail a day listing your reminders")
                if daily
                else _("You will get an e-mail for each reminder"),
            )
        else:
            services.reminders_mark_all_read(user=request.user)
        return redirect("reminders:list")


class ReminderOpenView(PolicyMixin, View):
    """Open a reminder: it is marked read and the user goes to the deadline's page."""

    def get(self, request, reminder_id):
        reminder = selectors.reminder_get(user=request.user, reminder_id=reminder_id)
        services.reminder_open(user=request.user, reminder=reminder)
        return redirect(words.deadline_path(reminder.deadline))


class PolicyView(BoardMixin, ServiceFormView):
    form_class = forms.PolicyForm
    success_message = gettext_lazy("Reminder policy saved: pending reminders have moved")
    extra_context = {"page_title": gettext_lazy("Reminder policy")}

    def get_initial(self):
        policy = selectors.policy_for(board=self.board)
        return {
            "working_days_before": ", ".join(str(d) for d in policy.working_days_before),
            "on_due_day": policy.on_due_day,
            "when_overdue": policy.when_overdue,
            "escalate_weekly": policy.escalate_weekly,
        }

    def perform(self, form):
        return services.policy_update(
            actor=self.request.user, board=self.board, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("boards:detail", args=[self.board.pk])
