"""GET /api/v1/me/reminders/: the caller's reminders, sent and pending (API.md)."""

from rest_framework import mixins, serializers, viewsets

from core import permissions
from core.api import ModelSerializer
from reminders import messages, selectors
from reminders.models import Reminder


class ReminderSerializer(ModelSerializer):
    reference = serializers.CharField(source="deadline.reference")
    board = serializers.UUIDField(source="deadline.board_id", allow_null=True)
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = Reminder
        fields = [
            "id",
            "kind",
            "status",
            "send_at",
            "sent_at",
            "late",
            "email_status",
            "read_at",
            "reference",
            "board",
            "deadline",
        ]

    def get_deadline(self, reminder) -> dict:
        deadline = reminder.deadline
        return {
            "title": messages.deadline_title(deadline),
            "due": deadline.due_on.isoformat(),
            "met_on": deadline.met_on.isoformat() if deadline.met_on else None,
            "rule": deadline.rule,
        }


class MyRemindersViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ReminderSerializer

    def paginate_queryset(self, queryset):
        """The page's deadlines described at once (a query per kind, not per reminder)."""
        page = super().paginate_queryset(queryset)
        return page if page is None else selectors.described(page)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema being drawn
            return selectors.reminder_list_for_user(user=None)
        user = self.request.user
        return permissions.confine(
            selectors.reminder_list_for_user(user=user), user, "deadline__board"
        )
