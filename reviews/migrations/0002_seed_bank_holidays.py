import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    from reviews.bank_holidays import from_package

    BankHoliday = apps.get_model("reviews", "BankHoliday")
    known = set(BankHoliday.objects.values_list("date", flat=True))
    BankHoliday.objects.bulk_create(
        BankHoliday(date=date, name=name)
        for date, name in sorted(from_package(range(2012, dt.date.today().year + 6)).items())
        if date not in known
    )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
