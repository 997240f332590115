from celery import shared_task

from retention.services import retention_purge


@shared_task(acks_late=True)
def purge_expired_records() -> dict:
    """Daily. Idempotent: a second run the same day finds nothing more to purge."""
    return retention_purge().counts
