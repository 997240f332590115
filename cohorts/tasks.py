from celery import shared_task


@shared_task(acks_late=True)
def disability_invitations() -> int:
    """Nightly: current apprentices invited to self-identify a disability, once and then
    yearly (29 CFR 30.11(c)); idempotent."""
    from cohorts.disability import disability_invitations_send

    return disability_invitations_send()
