from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, InfoSession, SessionBooking
from tests.applicants.factories import SubmittedApplicationFactory


def make_session(capacity=2, days=3):
    start = timezone.now() + timedelta(days=days)
    return InfoSession.objects.create(
        location_name="Workforce Development",
        address="4480 Clayton Ave",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=capacity,
    )


def book(client, session, email="rosa@example.net"):
    return client.post(
        reverse("applicants:session_book", args=[session.pk]),
        {"name": "Rosa Diaz", "email": email, "phone": "", "language": "en"},
    )


@pytest.mark.django_db
def test_booking_sends_a_calendar_invite_and_a_cancel_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    session = make_session()
    with django_capture_on_commit_callbacks(execute=True):
        assert book(client, session).status_code == 302
    booking = SessionBooking.objects.get()
    name, content, mimetype = mailoutbox[0].attachments[0]
    assert name == "info-session.ics" and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "Workforce Development" in content
    assert booking.token in mailoutbox[0].body
    client.post(reverse("applicants:booking_cancel", args=[booking.token]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"


@pytest.mark.django_db
def test_a_full_session_says_so_and_offers_the_next(client):
    full = make_session(capacity=1)
    later = make_session(days=10)
    book(client, full, "first@example.net")
    response = book(client, full, "second@example.net")
    page = response.content.decode()
    assert "This session is full." in page
    assert reverse("applicants:session_book", args=[later.pk]) in page
    assert SessionBooking.objects.count() == 1


@pytest.mark.django_db
def test_the_same_email_books_once(client):
    session = make_session()
    book(client, session)
    assert "already have a seat" in book(client, session).content.decode()


@pytest.mark.django_db
def test_a_bad_cancel_link_is_404(client):
    assert client.get(reverse("applicants:booking_cancel", args=["x" * 40])).status_code == 404


@pytest.mark.django_db
def test_staff_take_attendance_and_interested_people_move_on(client, alice, clinical_track):
    session = make_session()
    interested = SubmittedApplicationFactory(
        track=clinical_track, step="interest", person__email="rosa@example.net"
    )
    book(client, session)
    book(client, session, "other@example.net")
    rosa = SessionBooking.objects.get(email="rosa@example.net")
    client.force_login(alice)
    client.post(reverse("applicants:session_roster", args=[session.pk]), {"attended": [rosa.pk]})
    interested.refresh_from_db()
    assert interested.step == Application.Step.SESSION_ATTENDED
    assert SessionBooking.objects.get(email="other@example.net").status == "no_show"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ivy", "ed", "dana"])
def test_only_staff_manage_sessions(client, request, who):
    session = make_session()
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("applicants:session_manage")).status_code == 403
    assert client.get(reverse("applicants:session_roster", args=[session.pk])).status_code == 403


@pytest.mark.django_db
def test_a_session_ending_before_it_starts_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("applicants:session_manage"),
        {
            "kind": "workforce",
            "title": "Info",
            "location_name": "WD",
            "address": "x",
            "starts_at": "2027-01-10T10:00",
            "ends_at": "2027-01-10T09:00",
            "capacity": 20,
        },
    )
    assert "ends after it starts" in response.content.decode()
    assert not InfoSession.objects.exists()
