"""classroom follows cohorts through the signals documented in cohorts/signals.py."""

from django.dispatch import receiver

from classroom.services import class_schedule_generate, closure_reschedule
from cohorts.signals import closure_added, cohort_created


@receiver(cohort_created, dispatch_uid="classroom.schedule_for_new_cohort")
def schedule_for_new_cohort(sender, cohort, **kwargs) -> None:
    class_schedule_generate(cohort=cohort)


@receiver(closure_added, dispatch_uid="classroom.reschedule_for_closure")
def reschedule_for_closure(sender, closure, by=None, **kwargs) -> None:
    closure_reschedule(closure=closure, by=by)
