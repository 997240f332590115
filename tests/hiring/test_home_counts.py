import pytest
from django.urls import reverse

from tests.hiring.factories import offer_answered, offer_made, released


@pytest.mark.django_db
def test_the_staff_home_counts_hiring(client, alice, bob, cardiology_requisition):
    cardiology_requisition.positions = 3
    cardiology_requisition.save()
    offer_made(released(cardiology_requisition), bob)
    offer_answered(released(cardiology_requisition), bob)
    client.force_login(alice)
    response = client.get(reverse("dashboard:home"))
    hiring = response.context["summary"]["hiring"]
    assert (hiring["open"], hiring["offers_outstanding"], hiring["onboarding"]) == (1, 1, 1)
    assert hiring["positions_open"] == 2
    assert "offers waiting for an answer" in response.content.decode()
