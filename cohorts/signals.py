"""Signals the cohorts app sends so apps above it (classroom) can follow, without an import
from below. The one place they are documented:

- cohort_created(cohort): a new cohort exists; classroom generates its class schedule.
- closure_added(closure): a closure day was added; classroom reschedules classes on it.
- apprentice_enrolled(apprentice, by): someone became an apprentice; clinic opens their first
  placement in the hiring department.
"""

from django.dispatch import Signal

cohort_created = Signal()
closure_added = Signal()
apprentice_enrolled = Signal()
