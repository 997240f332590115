import pytest
from django.urls import reverse

from classroom.models import Attendance
from tests.cohorts.factories import ApprenticeFactory

URL = reverse("classroom:my_classes")


@pytest.mark.django_db
def test_the_apprentice_sees_their_own_hours_and_no_one_elses(
    client, ed, cohort, todays_session, ed_apprentice
):
    amy = ApprenticeFactory(cohort=cohort, person__first_name="Amy")
    Attendance.objects.create(
        session=todays_session,
        apprentice=ed_apprentice,
        status="late",
        minutes_late=20,
        hours_credited="3.5",
    )
    Attendance.objects.create(
        session=todays_session, apprentice=amy, status="present", hours_credited=4
    )
    client.force_login(ed)
    response = client.get(URL)
    page = response.content.decode()
    assert "Late (20 min)" in page
    assert "Present" not in page
    ((apprentice, _schedule),) = response.context["schedules"]
    assert str(apprentice.rti.attended) == "3.50"


@pytest.mark.django_db
def test_an_apprentice_without_a_cohort_is_told(client, ed):
    client.force_login(ed)
    assert "not enrolled in a cohort yet" in client.get(URL).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "ivy", "bob"])
def test_it_is_only_for_apprentices(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
def test_todays_classes_lists_only_the_instructors_own(
    client, ivy, other_instructor, todays_session
):
    client.force_login(ivy)
    assert list(client.get(reverse("classroom:today")).context["sessions"]) == [todays_session]
    client.force_login(other_instructor)
    assert list(client.get(reverse("classroom:today")).context["sessions"]) == []
