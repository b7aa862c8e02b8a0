"""End the open appointments whose holder no longer holds the lead reviewer role on the review's
board (issue 16, finding 13). Until this release, removing the role left them open; from now on
removing it ends them (core/access.py) and `reviews.appointments.appointments_in_force` ignores
them. Ended today, with a history row giving the reason, as the service does.

It writes `reviews` rows: it depends on the last `reviews` migration that changes
ReviewerAppointment, so that the history row it writes has every column.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone

REASON = "The lead reviewer role on the board had been removed"


def end_appointments_without_the_role(apps, schema_editor):
    appointment_model = apps.get_model("reviews", "ReviewerAppointment")
    history_model = apps.get_model("reviews", "HistoricalReviewerAppointment")
    membership_model = apps.get_model("boards", "Membership")
    role_held = membership_model.objects.filter(
        user=OuterRef("user_id"), board=OuterRef("review__board_id"), role="lead_reviewer"
    )
    now = timezone.now()
    today = timezone.localdate(now)
    for appointment in appointment_model.objects.filter(ended_on__isnull=True).exclude(
        Exists(role_held)
    ):
        appointment.ended_on = max(today, appointment.appointed_on)
        appointment.updated_at = now
        appointment.save(update_fields=["ended_on", "updated_at"])
        history_model.objects.create(
            id=appointment.id,
            created_at=appointment.created_at,
            updated_at=now,
            review_id=appointment.review_id,
            user_id=appointment.user_id,
            role=appointment.role,
            independence_declared=appointment.independence_declared,
            declaration=appointment.declaration,
            appointed_on=appointment.appointed_on,
            ended_on=appointment.ended_on,
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0004_board_retention_years"),
        ("reviews", "0009_notification_recorded_by"),
    ]

    operations = [
        migrations.RunPython(end_appointments_without_the_role, migrations.RunPython.noop),
    ]
