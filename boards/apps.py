from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards"

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_delete

        from boards.models import Membership
        from core.services import sessions_end

        def end_sessions_of_removed_member(sender, instance, **kwargs):
            # However a membership goes (the service, the admin, a cascade), the person's open
            # sessions end at once: whatever they had open of the board's cases is closed.
            user = instance.user
            transaction.on_commit(lambda: sessions_end(user=user))

        post_delete.connect(
            end_sessions_of_removed_member,
            sender=Membership,
            dispatch_uid="boards.end_sessions_of_removed_member",
        )
