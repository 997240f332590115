from datetime import timedelta

import pytest
from django.urls import reverse

from classroom.models import Attendance, ClassSession


@pytest.fixture
def next_class(cohort, todays_session):
    return cohort.sessions.get(date=todays_session.date + timedelta(days=7))


@pytest.mark.django_db
def test_moving_a_class_tells_apprentices_and_instructors(
    client, alice, next_class, ed_apprentice, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    new_date = next_class.date + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("classroom:session_move", args=[next_class.pk]),
            {
                "new_date": new_date.isoformat(),
                "new_start_time": "13:00",
                "reason": "Room booked",
            },
        )
    assert response.status_code == 302
    next_class.refresh_from_db()
    assert next_class.date == new_date
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [ed_apprentice.person.email, "ivy@example.org"]
    )
    assert "Room booked" in mailoutbox[0].body


@pytest.mark.django_db
def test_cancelling_adds_a_replacement_after_the_last_class(client, alice, cohort, next_class):
    last = cohort.sessions.order_by("-date").first()
    client.force_login(alice)
    client.post(reverse("classroom:session_cancel", args=[next_class.pk]), {"reason": "Snow"})
    next_class.refresh_from_db()
    assert next_class.status == ClassSession.Status.CANCELLED
    replacement = cohort.sessions.order_by("-date").first()
    assert replacement.date == last.date + timedelta(days=7)
    assert cohort.sessions.counting().filter(kind="regular").count() == 12


@pytest.mark.django_db
def test_a_class_with_attendance_cannot_be_cancelled(client, alice, todays_session, ed_apprentice):
    Attendance.objects.create(
        session=todays_session, apprentice=ed_apprentice, status="present", hours_credited=4
    )
    client.force_login(alice)
    response = client.post(
        reverse("classroom:session_cancel", args=[todays_session.pk]), {"reason": "Snow"}
    )
    assert "Attendance was already taken" in response.content.decode()
    todays_session.refresh_from_db()
    assert todays_session.status == ClassSession.Status.SCHEDULED


@pytest.mark.django_db
def test_a_move_without_a_reason_is_refused(client, alice, next_class):
    client.force_login(alice)
    before = next_class.date
    response = client.post(
        reverse("classroom:session_move", args=[next_class.pk]),
        {
            "new_date": (before + timedelta(days=1)).isoformat(),
            "new_start_time": "13:00",
        },
    )
    assert response.status_code == 200
    next_class.refresh_from_db()
    assert next_class.date == before


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ivy", "bob", "ed"])
def test_only_staff_move_or_cancel(client, request, who, next_class):
    client.force_login(request.getfixturevalue(who))
    assert (
        client.post(
            reverse("classroom:session_cancel", args=[next_class.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    next_class.refresh_from_db()
    assert next_class.status == ClassSession.Status.SCHEDULED
