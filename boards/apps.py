from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards"

    def ready(self):
        from django.conf import settings
        from django.db import transaction
        from django.db.models.signals import post_delete
        from django.utils import translation

        from boards.models import Membership
        from boards.roles import board_ids_seen_by
        from core import permissions
        from core.access import access_lose
        from core.services import sessions_end

        # Which boards' records someone sees: those they hold a role on (core.permissions).
        permissions.register_scope("board", board_ids_seen_by)

        def end_sessions_of_removed_member(sender, instance, origin=None, **kwargs):
            # However a membership goes (the service, the admin, a cascade), the person's open
            # sessions end at once: whatever they had open of the board's cases is closed.
            user = instance.user
            transaction.on_commit(lambda: sessions_end(user=user))
            if getattr(origin, "model", type(origin)) is not Membership:
                # A board or a user deleted: their appointments and reminders go with them.
                return
            # The role removed (by the service or in the admin): in this transaction, what it
            # gave them goes too: appointments, reminders, e-mails not yet sent
            # (core/access.py).
            # Kept in the history in English, whoever removed the role (labels are translated).
            with translation.override(settings.LANGUAGE_CODE):
                role = str(instance.get_role_display()).lower()
            access_lose(
                user=user,
                board_id=instance.board_id,
                actor=getattr(instance, "_history_user", None),
                reason=f"Their {role} role on the board was removed",
            )

        post_delete.connect(
            end_sessions_of_removed_member,
            sender=Membership,
            dispatch_uid="boards.end_sessions_of_removed_member",
            weak=False,
        )
