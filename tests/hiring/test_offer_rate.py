from decimal import Decimal

import pytest
from django.urls import reverse

from programs.models import WageRate
from programs.services import wage_schedule_save


@pytest.mark.django_db
def test_a_new_offer_proposes_the_hire_rate_of_the_schedule_in_force(
    client, grace, bob, clinical_track, rosa_release
):
    client.force_login(bob)
    page = client.get(reverse("hiring:candidate", args=[rosa_release.pk]))
    assert page.context["offer_form"].initial["hourly_rate"] is None
    for rate in ("18.50", "19.25"):
        wage_schedule_save(
            track=clinical_track,
            rates=[(WageRate.Trigger.HIRE, None, Decimal(rate))],
            note="",
            by=grace,
        )
    page = client.get(reverse("hiring:candidate", args=[rosa_release.pk]))
    assert page.context["offer_form"].initial["hourly_rate"] == Decimal("19.25")
