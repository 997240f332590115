from datetime import date, timedelta

import factory

from applicants.models import Application, Person
from cohorts.models import Apprentice, Cohort
from tests.factories import TrackFactory


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"apprentice{n}@example.net")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    person = factory.SubFactory(PersonFactory)
    track = factory.SubFactory(TrackFactory)
    intake_month = date(2026, 10, 1)
    step = Application.Step.ENROLLED


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    track = factory.SubFactory(TrackFactory)
    start_date = factory.Sequence(lambda n: date(2026, 1, 5) + timedelta(weeks=5 * n))
    capacity = 12
    classroom_location = "Workforce Development, Room 204"


class ApprenticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Apprentice

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(PersonFactory)
    application = factory.SubFactory(
        ApplicationFactory,
        person=factory.SelfAttribute("..person"),
        track=factory.SelfAttribute("..cohort.track"),
    )
    employment_start = factory.SelfAttribute("cohort.start_date")
    standard = factory.LazyAttribute(lambda a: a.cohort.track.standard_on(a.employment_start))
    probation_end = factory.LazyAttribute(
        lambda a: a.standard.probation_end_from(a.employment_start)
    )
    status = Apprentice.Status.PROBATION
