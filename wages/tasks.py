from celery import shared_task

from wages.lifecycle import probation_end_sweep


@shared_task(acks_late=True)
def end_probations() -> int:
    """Nightly: apprentices whose probation ended become active (idempotent)."""
    return probation_end_sweep()
