from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from hiring import services
from tests.hiring.factories import offer_answered, released


@pytest.mark.django_db
def test_staff_and_the_manager_see_who_is_onboarding_and_what_is_overdue(
    client, alice, bob, carol, cardiology_requisition
):
    release = released(cardiology_requisition, person__first_name="Rosa")
    offer_answered(release, bob, on=date(2026, 1, 5))
    services.onboarding_item_done(item=release.onboarding.first(), by=bob)
    for user in (alice, bob):
        client.force_login(user)
        response = client.get(reverse("hiring:onboarding"))
        (row,) = response.context["page"]
        assert (row.items_done, row.items) == (1, 6)
        page = response.content.decode()
        assert "Rosa" in page and "overdue" in page
    client.force_login(carol)
    assert not client.get(reverse("hiring:onboarding")).context["page"]


@pytest.mark.django_db
def test_a_candidate_with_every_item_done_is_ready_to_enrol(client, alice, bob, rosa_release):
    offer_answered(rosa_release, bob, on=timezone.localdate())
    for item in rosa_release.onboarding.all():
        services.onboarding_item_done(item=item, by=alice)
    client.force_login(alice)
    assert "Ready to enrol" in client.get(reverse("hiring:onboarding")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fay", "ed", "dana"])
def test_other_roles_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("hiring:onboarding")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_onboarding_list_query_count_is_constant(
    client, alice, bob, cardiology_requisition, rows, django_assert_max_num_queries
):
    cardiology_requisition.positions = 60
    cardiology_requisition.save()
    for _ in range(rows):
        offer_answered(released(cardiology_requisition), bob)
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("hiring:onboarding"))
    assert len(response.context["page"]) == rows
