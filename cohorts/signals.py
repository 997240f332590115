"""Signals the cohorts app sends so apps above it (classroom) can follow, without an import
from below. The one place they are documented:

- cohort_created(cohort): a new cohort exists; classroom generates its class schedule.
- closure_added(closure): a closure day was added; classroom reschedules classes on it.
- apprentice_enrolled(apprentice, by): someone became an apprentice; clinic opens their first
  placement in the hiring department; wages records the hire rate as the first wage step and
  prepares the apprenticeship agreement for the apprentice to sign.

Sent by clinic (clinic/signals.py), for the apps above it:

- ojl_hours_changed(apprentice_ids): approved on-the-job hours changed (a week approved, an
  adjustment, a payroll import); wages makes the hours steps now reached and awards the
  interim credentials counted in hours.
- competency_signed_off(apprentice_id): a competency was signed off; wages awards an interim
  credential whose work process it completes.
"""

from django.dispatch import Signal

cohort_created = Signal()
closure_added = Signal()
apprentice_enrolled = Signal()
