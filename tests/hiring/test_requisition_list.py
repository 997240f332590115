from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hiring.models import Requisition
from tests.hiring.factories import RequisitionFactory, offer_answered, offer_made, released


@pytest.mark.django_db
def test_staff_see_every_requisition_with_offers_declines_and_time_to_fill(
    client, alice, bob, cardiology_requisition, pediatrics_requisition
):
    offer_made(released(cardiology_requisition), bob)
    offer_answered(released(cardiology_requisition), bob, accepted=False, reason="Moved away")
    filled = RequisitionFactory(
        department=cardiology_requisition.department,
        track=cardiology_requisition.track,
        cohort=cardiology_requisition.cohort,
        status=Requisition.Status.FILLED,
    )
    Requisition.objects.filter(pk=filled.pk).update(
        opened_at=timezone.now() - timedelta(days=12), filled_at=timezone.now()
    )
    client.force_login(alice)
    response = client.get(reverse("hiring:requisition_list"))
    summary = response.context["summary"]
    assert summary["offers_outstanding"] == 1
    assert summary["open"] == 2
    assert summary["average_days_to_fill"] == 12
    page = response.content.decode()
    assert "Cardiology" in page and "Pediatrics" in page
    assert "offers waiting for an answer" in page


@pytest.mark.django_db
def test_the_status_filter_shows_one_status(client, alice, cardiology_requisition, pediatrics):
    RequisitionFactory(
        department=pediatrics,
        track=cardiology_requisition.track,
        cohort=cardiology_requisition.cohort,
        status=Requisition.Status.PENDING,
    )
    client.force_login(alice)
    page = client.get(reverse("hiring:requisition_list"), {"status": "pending"}).content.decode()
    assert "Pediatrics" in page and ">Cardiology<" not in page
    everything = client.get(reverse("hiring:requisition_list"), {"status": "nonsense"})
    assert len(everything.context["page"]) == 2


@pytest.mark.django_db
def test_a_manager_counts_only_their_own_departments(
    client, bob, carol, cardiology_requisition, pediatrics_requisition
):
    offer_made(released(pediatrics_requisition), carol)
    client.force_login(bob)
    response = client.get(reverse("hiring:requisition_list"))
    assert response.context["summary"]["offers_outstanding"] == 0
    assert response.context["summary"]["open"] == 1
    assert "Pediatrics" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_requisition_list_query_count_is_constant(
    client, alice, cardiology, clinical_track, january, rows, django_assert_max_num_queries
):
    RequisitionFactory.create_batch(
        rows, department=cardiology, track=clinical_track, cohort=january
    )
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("hiring:requisition_list")).status_code == 200
