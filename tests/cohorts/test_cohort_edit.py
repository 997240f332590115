import pytest
from django.urls import reverse

from tests.cohorts.factories import ApprenticeFactory


def form(**change):
    return {
        "capacity": 8,
        "classroom_location": "Room 9",
        "class_weekday": 2,
        "class_start_time": "09:00",
        **change,
    }


@pytest.mark.django_db
def test_staff_change_capacity_and_instructors(client, alice, cohort, ivy):
    client.force_login(alice)
    client.post(reverse("cohorts:edit", args=[cohort.pk]), form(instructors=[ivy.pk]))
    cohort.refresh_from_db()
    assert cohort.capacity == 8 and cohort.classroom_location == "Room 9"


@pytest.mark.django_db
def test_capacity_cannot_go_below_the_enrolled(client, alice, cohort):
    ApprenticeFactory.create_batch(3, cohort=cohort)
    client.force_login(alice)
    response = client.post(reverse("cohorts:edit", args=[cohort.pk]), form(capacity=2))
    assert "3 apprentices are enrolled" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.capacity == 12


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ivy", "bob", "ed"])
def test_only_staff_edit_cohorts(client, request, who, cohort):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("cohorts:edit", args=[cohort.pk]), form()).status_code == 403
    cohort.refresh_from_db()
    assert cohort.capacity == 12
