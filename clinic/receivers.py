"""clinic follows cohorts through the signals documented in cohorts/signals.py."""

from django.dispatch import receiver

from clinic.services import placement_start
from cohorts.signals import apprentice_enrolled


@receiver(apprentice_enrolled, dispatch_uid="clinic.first_placement")
def first_placement(sender, apprentice, by=None, **kwargs) -> None:
    """The hiring department is the apprentice's first placement, from the first day."""
    if apprentice.department_id and not apprentice.placements.exists():
        placement_start(
            apprentice=apprentice,
            department=apprentice.department,
            preceptor=apprentice.preceptor,
            starts_on=apprentice.employment_start,
            by=by,
        )
