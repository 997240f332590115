"""Celery tasks: thin entry points over the services. Like every app's tasks.py, it imports the
services inside each task (the services queue these tasks, so the module graph stays acyclic)."""

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def sweep_reminders() -> int:
    """Beat: every rule evaluated, new reminders written and queued (idempotent)."""
    from reminders import services

    return services.sweep()


@shared_task(acks_late=True)
def send_reminder(reminder_id: int) -> str:
    """Checks the thing is still due, then emails it once. An SMTP failure is retried by the
    outbox with backoff; after the last try it shows on the staff page of failed sends."""
    from reminders import services

    return services.reminder_send(reminder_id=reminder_id)


@shared_task(acks_late=True)
def send_digests() -> int:
    """Beat, hourly: the digest of each person whose digest hour it is (once a day each)."""
    from accounts.models import User
    from reminders import services

    now = timezone.now()
    sent = 0
    for user in User.objects.filter(pk__in=services.digest_recipients(now=now)):
        sent += services.digest_send(user=user, now=now)
    return sent
