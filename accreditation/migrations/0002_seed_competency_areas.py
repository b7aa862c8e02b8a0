"""Seed the six default competency areas (accreditation/competencies.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from accreditation.competencies import DEFAULT_AREAS

    CompetencyArea = apps.get_model("accreditation", "CompetencyArea")
    for order, (code, name, description) in enumerate(DEFAULT_AREAS, start=1):
        CompetencyArea.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
