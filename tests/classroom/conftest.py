from datetime import timedelta

import pytest
from django.utils import timezone

from classroom.models import ClassSession
from classroom.services import class_schedule_generate
from tests.cohorts.factories import ApprenticeFactory, CohortFactory


@pytest.fixture
def cohort(clinical_track, ivy):
    """A clinical cohort three weeks into its classroom weeks, taught by Ivy."""
    today = timezone.localdate()
    start = today - timedelta(days=21 + today.weekday())
    cohort = CohortFactory(track=clinical_track, start_date=start, class_weekday=today.weekday())
    cohort.instructors.add(ivy)
    class_schedule_generate(cohort=cohort)
    return cohort


@pytest.fixture
def ed_apprentice(cohort, ed):
    apprentice = ApprenticeFactory(
        cohort=cohort, person__first_name="Ed", person__last_name="Evans"
    )
    apprentice.person.user = ed
    apprentice.person.save()
    return apprentice


@pytest.fixture
def todays_session(cohort):
    return cohort.sessions.get(date=timezone.localdate(), kind=ClassSession.Kind.REGULAR)


@pytest.fixture
def other_instructor():
    from accounts.roles import Role
    from tests.factories import UserFactory

    return UserFactory(email="olga@example.org", full_name="Olga Other", roles=[Role.INSTRUCTOR])
