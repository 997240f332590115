from celery import shared_task


@shared_task(acks_late=True)
def purge_expired_records() -> dict:
    """Daily. Idempotent: a second run the same day finds nothing more to purge."""
    from retention.services import retention_purge

    return retention_purge().counts
