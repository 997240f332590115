"""Signals the clinic app sends so apps above it (wages) can follow without an import from
below; documented with the cohorts signals in cohorts/signals.py."""

from django.dispatch import Signal

# ojl_hours_changed(apprentice_ids): approved OJL hours of these apprentices changed (a week
# approved, an adjustment, a payroll import). wages checks the hours steps of the schedule.
ojl_hours_changed = Signal()
# competency_signed_off(apprentice_id): a preceptor signed off one of the apprentice's
# competencies (an interim credential may be earned).
competency_signed_off = Signal()
