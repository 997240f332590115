from decimal import Decimal

import pytest
from django.urls import reverse

from hiring.models import StartingWage


@pytest.mark.django_db
def test_the_admin_sets_the_wage_and_a_new_offer_proposes_it(
    client, grace, bob, clinical_track, rosa_release
):
    client.force_login(grace)
    response = client.post(reverse("hiring:wages"), {f"rate_{clinical_track.pk}": "19.25"})
    assert response.status_code == 302
    assert StartingWage.objects.get(track=clinical_track).hourly_rate == Decimal("19.25")
    client.force_login(bob)
    page = client.get(reverse("hiring:candidate", args=[rosa_release.pk]))
    assert page.context["offer_form"].initial["hourly_rate"] == Decimal("19.25")


@pytest.mark.django_db
def test_a_wage_below_the_federal_minimum_is_refused(client, grace, clinical_track):
    client.force_login(grace)
    response = client.post(reverse("hiring:wages"), {f"rate_{clinical_track.pk}": "3"})
    assert response.status_code == 200
    assert "greater than or equal to 7.25" in response.content.decode()
    assert not StartingWage.objects.exists()


@pytest.mark.django_db
def test_staff_read_the_wages_and_cannot_change_them(client, alice, bob, clinical_track):
    StartingWage.objects.create(track=clinical_track, hourly_rate=Decimal("18.50"))
    client.force_login(alice)
    assert "$18.50" in client.get(reverse("hiring:wages")).content.decode()
    response = client.post(reverse("hiring:wages"), {f"rate_{clinical_track.pk}": "30"})
    assert response.status_code == 403
    client.force_login(bob)
    assert client.get(reverse("hiring:wages")).status_code == 403
    assert StartingWage.objects.get().hourly_rate == Decimal("18.50")
