from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from applicants.models import Screening
from hiring import services
from hiring.models import Offer, Release, Requisition
from tests.applicants.factories import SubmittedApplicationFactory


def ready_for_hire(track, cleared: bool = True, **person):
    application = SubmittedApplicationFactory(track=track, step="ready_for_hire", **person)
    for kind in ("background", "drug"):
        Screening.objects.create(
            application=application,
            kind=kind,
            on=timezone.localdate() - timedelta(days=30),
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


def offer_made(release: Release, by, made_on: date | None = None) -> Offer:
    return services.offer_record(
        release=release,
        made_on=made_on or timezone.localdate() - timedelta(days=14),
        position_title="Patient Care Associate",
        hourly_rate=Decimal("18.50"),
        made_by=by,
    )


def offer_answered(
    release: Release, by, accepted: bool = True, on: date | None = None, reason: str = ""
) -> Offer:
    on = on or timezone.localdate() - timedelta(days=13)
    offer = offer_made(release, by, made_on=on)
    return services.offer_answer(
        offer=offer, accepted=accepted, answered_on=on, reason=reason, by=by
    )


def released(requisition: Requisition, **person) -> Release:
    return ReleaseFactory(
        requisition=requisition, application=ready_for_hire(requisition.track, **person)
    )
