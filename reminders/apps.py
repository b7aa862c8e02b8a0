from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders of every deadline: planned as rows, swept by beat, sent through an outbox."""

    name = "reminders"

    def ready(self):
        from core.access import access_lost

        def withdraw_reminders(sender, *, user, **kwargs):
            from reminders.services import reminders_withdraw

            reminders_withdraw(user=user)

        access_lost.connect(
            withdraw_reminders, dispatch_uid="reminders.withdraw_reminders", weak=False
        )
