from datetime import date

import factory
from django.utils import timezone

from applicants.models import Application
from tests.cohorts.factories import PersonFactory
from tests.factories import TrackFactory


class SubmittedApplicationFactory(factory.django.DjangoModelFactory):
    """An application that was sent and met the rules: at the APPLIED step."""

    class Meta:
        model = Application

    person = factory.SubFactory(PersonFactory, date_of_birth=date(1995, 5, 17))
    track = factory.SubFactory(TrackFactory)
    intake_month = date(2026, 12, 1)
    step = Application.Step.APPLIED
    education = Application.Education.HIGH_SCHOOL
    healthcare_months = 30
    available_for_start = True
    submitted_at = factory.LazyFunction(timezone.now)
