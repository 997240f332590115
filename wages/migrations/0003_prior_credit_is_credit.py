from django.db import migrations


def mark_credit(apps, schema_editor):
    """Prior-experience credit was an adjustment like any other: mark it as credit, which the
    pace leaves out."""
    HoursAdjustment = apps.get_model("clinic", "HoursAdjustment")
    HoursAdjustment.objects.filter(prior_credit__isnull=False).update(is_credit=True)


class Migration(migrations.Migration):
    dependencies = [
        ("wages", "0002_completioncertificate_graduatefollowup_and_more"),
        ("clinic", "0002_schedule_periods_and_credit"),
    ]

    operations = [migrations.RunPython(mark_credit, migrations.RunPython.noop)]
