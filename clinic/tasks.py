from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def open_evaluations() -> int:
    """Nightly: the periodic evaluations due within a week exist (idempotent)."""
    from clinic.evaluations import evaluations_open

    return evaluations_open(today=timezone.localdate())
