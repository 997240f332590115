"""wages follows the apps below it through the signals documented in cohorts/signals.py."""

from django.dispatch import receiver
from django.utils import timezone

from clinic.signals import competency_signed_off, ojl_hours_changed
from cohorts.signals import apprentice_enrolled
from wages.agreements import agreement_prepare
from wages.credentials import credentials_award
from wages.steps import hire_step_record, hours_steps_trigger


@receiver(apprentice_enrolled, dispatch_uid="wages.hire_step")
def hire_step(sender, apprentice, by=None, **kwargs) -> None:
    """The accepted offer's rate is the apprentice's first wage step."""
    hire_step_record(apprentice=apprentice)


@receiver(apprentice_enrolled, dispatch_uid="wages.agreement")
def agreement(sender, apprentice, by=None, **kwargs) -> None:
    """The agreement is prepared from the standard at enrolment, for the apprentice to sign
    on their first day (registration waits for it, 29 CFR 29.7)."""
    agreement_prepare(apprentice=apprentice, by=by)


@receiver(ojl_hours_changed, dispatch_uid="wages.hours_steps")
def hours_steps(sender, apprentice_ids, **kwargs) -> None:
    """Hours reached earn the schedule's hours steps (pending approval) and the interim
    credentials counted in hours."""
    hours_steps_trigger(today=timezone.localdate(), apprentice_ids=apprentice_ids)
    credentials_award(today=timezone.localdate(), apprentice_ids=apprentice_ids)


@receiver(competency_signed_off, dispatch_uid="wages.credentials")
def credentials(sender, apprentice_id, **kwargs) -> None:
    """A sign-off can complete a work process an interim credential names."""
    credentials_award(today=timezone.localdate(), apprentice_ids=[apprentice_id])
