from datetime import date

import factory

from applicants.models import Screening
from hiring.models import Release, Requisition
from tests.applicants.factories import SubmittedApplicationFactory


def ready_for_hire(track, cleared: bool = True, **person):
    application = SubmittedApplicationFactory(track=track, step="ready_for_hire", **person)
    for kind in ("background", "drug"):
        Screening.objects.create(
            application=application,
            kind=kind,
            on=date(2026, 11, 1),
            status="cleared" if cleared else "requested",
            details="Clear record",
        )
    return application


class RequisitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requisition

    positions = 1
    location = "Center for Advanced Medicine"
    status = Requisition.Status.OPEN


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Release
