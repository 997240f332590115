"""Status events saved with the reason select's placeholder in front of their text
("Choose a reason: Registered in RAPIDS as ..."): the placeholder is not a reason."""

from django.db import migrations

PLACEHOLDERS = ("Choose a reason: ", "Elija un motivo: ")


def strip_placeholder(apps, schema_editor):
    ApprenticeEvent = apps.get_model("cohorts", "ApprenticeEvent")
    for prefix in PLACEHOLDERS:
        for event in ApprenticeEvent.objects.filter(reason__startswith=prefix).only("reason"):
            event.reason = event.reason[len(prefix) :]
            event.save(update_fields=["reason"])


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0006_apprentice_prior_wage")]

    operations = [migrations.RunPython(strip_placeholder, migrations.RunPython.noop)]
