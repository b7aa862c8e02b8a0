from django.db import migrations

# One search reads every banked report's words (2,000 reports of about 40 pages: bench/):
# through a GIN index on PostgreSQL. SQLite searches the text as typed.
FORWARDS = "CREATE INDEX bank_bankedreport_text_gin ON bank_bankedreport USING gin (text_search);"
BACKWARDS = "DROP INDEX IF EXISTS bank_bankedreport_text_gin;"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def seed_themes(apps, schema_editor):
    from guidance.themes import THEMES

    Theme = apps.get_model("bank", "Theme")
    for order, (code, name, phrases) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            code=code, defaults={"name": name, "phrases": phrases, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("bank", "0001_initial")]

    operations = [
        migrations.RunPython(seed_themes, migrations.RunPython.noop),
        migrations.RunPython(_on_postgresql(FORWARDS), _on_postgresql(BACKWARDS)),
    ]
