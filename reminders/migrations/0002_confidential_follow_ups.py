"""Reminders made before a confidential check-in's follow-ups followed the note's visibility
named the action to every coach (and escalated it to staff): those to anyone but the note's
author are closed, and the author's no longer say what the action is."""

from django.db import migrations
from django.utils import timezone


def hide_confidential_actions(apps, schema_editor):
    Reminder = apps.get_model("reminders", "Reminder")
    SupportAction = apps.get_model("support", "SupportAction")
    confidential = {
        action.pk: action
        for action in SupportAction.objects.filter(check_in__confidential=True).select_related(
            "check_in", "apprentice__person"
        )
    }
    open_ones = Reminder.objects.filter(
        rule="support_follow_up", done_at__isnull=True, object_id__in=list(confidential)
    )
    for reminder in open_ones:
        action = confidential[reminder.object_id]
        if reminder.user_id != action.check_in.author_id:
            reminder.done_at = timezone.now()
            reminder.save(update_fields=["done_at"])
        else:
            person = action.apprentice.person
            reminder.title = (
                f"Follow up with {person.first_name} {person.last_name}: an action of your "
                "confidential note"
            )
            reminder.save(update_fields=["title"])


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("support", "0001_initial"),
    ]

    operations = [migrations.RunPython(hide_confidential_actions, migrations.RunPython.noop)]
