"""The old keys of a deadline's owner go, now that its kind, owner and case hold them
(migration 0002). A migration of its own: PostgreSQL will not alter a table in the
transaction that updated its rows.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_deadline_kind_and_owner")]

    operations = [
        *[
            migrations.RemoveField(model_name=model, name=name)
            for model in ("deadline", "historicaldeadline")
            for name in ("accreditation", "action", "agency_request", "incident")
        ],
        *[
            migrations.AlterField(model_name=model, name="owner_id", field=models.UUIDField())
            for model in ("deadline", "historicaldeadline")
        ],
        migrations.AddConstraint(
            model_name="deadline",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "clock")),
                fields=("owner_id", "clock"),
                name="one_deadline_per_clock",
            ),
        ),
        migrations.AddConstraint(
            model_name="deadline",
            constraint=models.UniqueConstraint(
                fields=("kind", "owner_id", "clock", "starts_on"),
                name="one_deadline_per_owner_clock_and_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="deadline",
            constraint=models.CheckConstraint(
                condition=models.Q(("case_id__isnull", True), ("board__isnull", False), _connector="OR"),
                name="deadline_of_a_case_has_its_board",
            ),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(fields=["case_id", "kind"], name="deadlines_d_case_id_98d023_idx"),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(fields=["owner_id", "kind"], name="deadlines_d_owner_i_b5fbdb_idx"),
        ),
    ]
