from django.db import migrations


def seed(apps, schema_editor):
    from guidance.methodologies import FINDING_CATEGORIES

    FindingCategory = apps.get_model("reviews", "FindingCategory")
    for order, (code, name) in enumerate(FINDING_CATEGORIES, start=1):
        FindingCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("reviews", "0003_action_actionupdate_agencyrequest_chronologyentry_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
