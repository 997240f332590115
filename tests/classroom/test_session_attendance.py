import pytest
from django.urls import reverse

from classroom.models import Attendance
from tests.cohorts.factories import ApprenticeFactory


def url(session):
    return reverse("classroom:session_attendance", args=[session.pk])


@pytest.mark.django_db
def test_the_instructor_marks_the_whole_class(client, ivy, todays_session, ed_apprentice, cohort):
    amy = ApprenticeFactory(cohort=cohort, person__first_name="Amy")
    client.force_login(ivy)
    response = client.post(
        url(todays_session),
        {
            f"status_{ed_apprentice.pk}": "late",
            f"late_{ed_apprentice.pk}": "30",
            f"status_{amy.pk}": "present",
        },
    )
    assert response.status_code == 302
    marks = {a.apprentice_id: a for a in Attendance.objects.all()}
    assert str(marks[ed_apprentice.pk].hours_credited) == "3.50"
    assert str(marks[amy.pk].hours_credited) == "4.00"
    page = client.get(url(todays_session)).content.decode()
    assert "3.50 h" in page


@pytest.mark.django_db
def test_a_bad_row_saves_nothing_and_says_why(client, ivy, todays_session, ed_apprentice, cohort):
    amy = ApprenticeFactory(cohort=cohort)
    client.force_login(ivy)
    response = client.post(
        url(todays_session),
        {
            f"status_{amy.pk}": "present",
            f"status_{ed_apprentice.pk}": "late",
            f"late_{ed_apprentice.pk}": "",
        },
    )
    assert response.status_code == 200
    assert "minutes late" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_another_cohorts_instructor_gets_404(client, other_instructor, todays_session):
    client.force_login(other_instructor)
    assert client.get(url(todays_session)).status_code == 404
    assert client.post(url(todays_session), {}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "fay", "ed", "dana", "cody", "gus"])
def test_other_roles_get_403(client, request, who, todays_session):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(todays_session)).status_code == 403


@pytest.mark.django_db
def test_staff_may_take_attendance_too(client, alice, todays_session):
    client.force_login(alice)
    assert client.get(url(todays_session)).status_code == 200


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, todays_session):
    assert client.get(url(todays_session)).status_code == 302


@pytest.mark.django_db
def test_changes_after_the_day_are_listed_with_who_and_why(
    client, ivy, todays_session, ed_apprentice
):
    from datetime import timedelta

    from classroom.services import attendance_mark

    attendance_mark(session=todays_session, apprentice=ed_apprentice, status="absent", by=ivy)
    attendance_mark(
        session=todays_session,
        apprentice=ed_apprentice,
        status="excused",
        by=ivy,
        reason="Doctor's note",
        today=todays_session.date + timedelta(days=2),
    )
    client.force_login(ivy)
    page = client.get(url(todays_session)).content.decode()
    assert "Doctor&#x27;s note" in page and "Absent (0 h) → Excused (0 h)" in page
