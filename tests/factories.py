import factory
from django.contrib.auth.models import Group

from accounts.models import User
from programs.models import Department, Program, Track

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

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Clinical Medical Assistant {n}")
    slug = factory.Sequence(lambda n: f"clinical-medical-assistant-{n}")
    kind = Track.Kind.CLINICAL
    onet_code = "31-9092.00"
    rapids_occupation_code = "1090CB"
    certification_name = "NHA CCMA"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Clinic {n}")
    location = "Center for Advanced Medicine"
