from datetime import date

import pytest
from django.urls import reverse

from tests.hiring.factories import offer_answered, offer_made, released


@pytest.mark.django_db
def test_offers_waiting_for_an_answer_oldest_first(client, alice, bob, cardiology_requisition):
    newer = released(cardiology_requisition, person__first_name="Newer")
    older = released(cardiology_requisition, person__first_name="Older")
    offer_made(newer, bob, date(2026, 11, 20))
    offer_made(older, bob, date(2026, 11, 2))
    client.force_login(alice)
    response = client.get(reverse("hiring:offers"))
    names = [o.release.application.person.first_name for o in response.context["page"]]
    assert names == ["Older", "Newer"]
    assert "Days waiting" in response.content.decode()


@pytest.mark.django_db
def test_declines_are_listed_with_their_reasons(client, alice, bob, cardiology_requisition):
    declined = released(cardiology_requisition)
    offer_answered(declined, bob, accepted=False, reason="Took a job nearer")
    offer_made(released(cardiology_requisition), bob)
    client.force_login(alice)
    page = client.get(reverse("hiring:offers"), {"answer": "declined"}).content.decode()
    assert "Took a job nearer" in page
    assert client.get(reverse("hiring:offers"), {"answer": "bogus"}).context["answer"] == "pending"


@pytest.mark.django_db
def test_a_manager_sees_only_offers_of_their_departments(
    client, bob, carol, cardiology_requisition, pediatrics_requisition
):
    offer_made(released(cardiology_requisition, person__first_name="Cardio"), bob)
    offer_made(released(pediatrics_requisition, person__first_name="Pedia"), carol)
    client.force_login(carol)
    page = client.get(reverse("hiring:offers")).content.decode()
    assert "Pedia" in page and "Cardio" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fay", "ivy", "ed", "dana", "gus", "cody"])
def test_other_roles_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("hiring:offers")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_offer_list_query_count_is_constant(
    client, alice, bob, cardiology_requisition, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        offer_made(released(cardiology_requisition), bob)
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("hiring:offers"))
    assert len(response.context["page"]) == rows
