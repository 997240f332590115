import pytest
from django.urls import reverse

from classroom.models import Attendance
from tests.cohorts.factories import ApprenticeFactory


@pytest.mark.django_db
def test_an_apprentice_checks_in_with_the_code_and_the_instructor_confirms(
    client, ed, ivy, todays_session, ed_apprentice
):
    client.force_login(ivy)
    page = client.get(reverse("classroom:session_code", args=[todays_session.pk])).content.decode()
    assert "<svg" in page and todays_session.checkin_token in page

    client.force_login(ed)
    response = client.post(reverse("classroom:checkin", args=[todays_session.checkin_token]))
    assert response.status_code == 302
    mark = Attendance.objects.get()
    assert mark.status == Attendance.Status.CHECKED_IN and mark.hours_credited == 0

    client.force_login(ivy)
    sheet = client.get(reverse("classroom:session_attendance", args=[todays_session.pk]))
    assert "checked in" in sheet.content.decode()
    client.post(
        reverse("classroom:session_attendance", args=[todays_session.pk]),
        {f"status_{ed_apprentice.pk}": "present"},
    )
    mark.refresh_from_db()
    assert mark.status == Attendance.Status.PRESENT and str(mark.hours_credited) == "4.00"


@pytest.mark.django_db
def test_a_wrong_code_is_refused(client, ed, ed_apprentice):
    client.force_login(ed)
    response = client.post(reverse("classroom:checkin", args=["x" * 22]), follow=True)
    assert "not for a class today" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_an_apprentice_of_another_cohort_cannot_check_in(client, clinical_track, todays_session):
    from accounts.roles import Role
    from tests.factories import UserFactory

    zoe = UserFactory(email="zoe@example.org", roles=[Role.APPRENTICE])
    other = ApprenticeFactory(cohort__track=clinical_track)
    other.person.user = zoe
    other.person.save()
    client.force_login(zoe)
    response = client.post(
        reverse("classroom:checkin", args=[todays_session.checkin_token]), follow=True
    )
    assert "not in this class" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ivy", "alice", "bob"])
def test_only_apprentices_check_in(client, request, who, todays_session):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.post(reverse("classroom:checkin", args=[todays_session.checkin_token])).status_code
        == 403
    )


@pytest.mark.django_db
def test_another_instructor_cannot_show_the_code(client, other_instructor, todays_session):
    client.force_login(other_instructor)
    assert (
        client.get(reverse("classroom:session_code", args=[todays_session.pk])).status_code == 404
    )
