from datetime import date

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from programs.models import Department, Program, Standard, Track

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = "WashU Medical Apprenticeship Program"
    sponsor_name = "Washington University in St. Louis"
    staff_email_domain = "example.org"
    dol_program_number = "2021-MO-104233"


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Clinical Medical Assistant {n}")
    slug = factory.Sequence(lambda n: f"clinical-medical-assistant-{n}")
    kind = Track.Kind.CLINICAL
    onet_code = "31-9092.00"
    rapids_occupation_code = "1090CB"
    certification_name = "NHA CCMA"

    @factory.post_generation
    def standard(self, create, extracted, **kwargs):
        """Version 1 of the track's standard, approved and in force (time-based, 2,000 h);
        `standard=False` leaves the track without one, `standard__<field>=` changes it."""
        if create and extracted is not False:
            StandardFactory(track=self, **kwargs)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard
        skip_postgeneration_save = True

    track = factory.SubFactory(TrackFactory, standard=False)
    version = factory.LazyAttribute(lambda s: s.track.standards.count() + 1)
    state = Standard.State.APPROVED
    approved_on = date(2020, 1, 6)
    effective_on = date(2020, 1, 6)

    @factory.post_generation
    def criteria(standard, create, extracted, **kwargs):
        """The default criteria of the periodic evaluation, as the product drafts them."""
        if create:
            from programs.services import standard_criteria_default

            standard_criteria_default(standard=standard)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Clinic {n}")
    location = "Center for Advanced Medicine"
