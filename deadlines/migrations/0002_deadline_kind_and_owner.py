"""A deadline names what it is of by kind and id (deadlines.kinds) instead of a nullable
foreign key per kind to the apps above. Every row and every history row is kept: the kind and
owner are worked out from the old keys, the case from the incident.
"""

from django.db import migrations, models
from django.db.models import F

# (old key, kind), the first set key wins; a deadline of none of them is a statutory clock of
# its incident.
OWNERS = (
    ("accreditation_id", "accreditation"),
    ("action_id", "action"),
    ("agency_request_id", "agency_request"),
)


def copy_owners(apps, schema_editor):
    for name in ("Deadline", "HistoricalDeadline"):
        rows = apps.get_model("deadlines", name).objects
        rows.update(case_id=F("incident_id"))
        claimed = models.Q()
        for key, kind in OWNERS:
            rows.filter(**{f"{key}__isnull": False}).exclude(claimed).update(
                kind=kind, owner_id=F(key)
            )
            claimed |= models.Q(**{f"{key}__isnull": False})
        rows.exclude(claimed).update(kind="clock", owner_id=F("incident_id"))


def copy_owners_back(apps, schema_editor):
    for name in ("Deadline", "HistoricalDeadline"):
        rows = apps.get_model("deadlines", name).objects
        rows.update(incident_id=F("case_id"))
        for key, kind in OWNERS:
            rows.filter(kind=kind).update(**{key: F("owner_id")})


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0001_initial"),
        ("reviews", "0011_deadlines_moved"),
        ("reminders", "0006_alter_reminder_deadline"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="deadline", name="one_deadline_per_clock"),
        migrations.RemoveConstraint(
            model_name="deadline", name="one_accreditation_deadline_a_year"
        ),
        migrations.RemoveConstraint(
            model_name="deadline", name="deadline_of_a_case_or_an_accreditation"
        ),
        *[
            operation
            for model in ("deadline", "historicaldeadline")
            for operation in (
                migrations.AddField(
                    model_name=model,
                    name="kind",
                    field=models.CharField(default="clock", max_length=30),
                    preserve_default=False,
                ),
                migrations.AddField(
                    model_name=model, name="owner_id", field=models.UUIDField(null=True)
                ),
                migrations.AddField(
                    model_name=model,
                    name="case_id",
                    field=models.UUIDField(blank=True, null=True),
                ),
            )
        ],
        migrations.RunPython(copy_owners, copy_owners_back),
    ]
