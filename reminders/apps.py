from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders of every deadline: planned as rows, swept by beat, sent through an outbox."""

    name = "reminders"

    def ready(self):
        from core.access import access_lost
        from deadlines.changes import deadlines_changed
        from reminders.planning import plan_changed_deadlines

        # Reminders follow every write of a deadline, in its transaction.
        deadlines_changed.connect(plan_changed_deadlines, dispatch_uid="reminders.plan", weak=False)

        def withdraw_reminders(sender, *, user, **kwargs):
            from reminders.services import reminders_withdraw

            reminders_withdraw(user=user)

        access_lost.connect(
            withdraw_reminders, dispatch_uid="reminders.withdraw_reminders", weak=False
        )
