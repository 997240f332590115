import pytest
from django.urls import reverse

from classroom.models import ClassSession
from cohorts.models import Cohort

URL = reverse("cohorts:plan_year")


def form(track, **change):
    return {
        "track": track.pk,
        "first_month": "2027-01",
        "capacity": 10,
        "classroom_location": "Room 204",
        "class_weekday": 2,
        "class_start_time": "08:00",
        **change,
    }


@pytest.mark.django_db
def test_staff_plan_twelve_cohorts_each_with_its_schedule(client, alice, clinical_track):
    client.force_login(alice)
    response = client.post(URL, form(clinical_track))
    assert response.status_code == 302
    starts = list(Cohort.objects.values_list("start_date", flat=True))
    assert len(starts) == 12
    assert all(d.weekday() == 0 and d.day <= 7 for d in starts)  # first Monday of each month
    assert ClassSession.objects.count() == 12 * 12


@pytest.mark.django_db
def test_planning_again_keeps_the_months_that_exist(client, alice, clinical_track):
    client.force_login(alice)
    client.post(URL, form(clinical_track))
    client.post(URL, form(clinical_track, first_month="2027-06"))
    assert Cohort.objects.count() == 17


@pytest.mark.django_db
@pytest.mark.parametrize("change", [{"capacity": 0}, {"first_month": "soon"}, {"class_weekday": 9}])
def test_bad_input_creates_nothing(client, alice, clinical_track, change):
    client.force_login(alice)
    response = client.post(URL, form(clinical_track, **change))
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert not Cohort.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ivy", "bob", "ed"])
def test_only_staff_plan_cohorts(client, request, who, clinical_track):
    client.force_login(request.getfixturevalue(who))
    assert client.post(URL, form(clinical_track)).status_code == 403
    assert not Cohort.objects.exists()
