from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import InfoSession, Person, SessionBooking


def start(client, track, email="rosa@example.net", **extra):
    return client.post(
        reverse("applicants:track_page", args=[track.slug]),
        {
            "first_name": "Rosa",
            "last_name": "Diaz",
            "email": email,
            "phone": "314-555-0101",
            "language": "en",
            **extra,
        },
    )


@pytest.mark.django_db
def test_the_honeypot_refuses_a_bot_and_saves_nothing(client, clinical_track):
    response = start(client, clinical_track, website="http://spam.example")
    assert response.status_code == 429
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_one_address_is_limited_per_hour(client, clinical_track, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 2
    assert start(client, clinical_track, "a@example.net").status_code == 302
    assert start(client, clinical_track, "b@example.net").status_code == 302
    response = start(client, clinical_track, "c@example.net")
    assert response.status_code == 429
    assert "try again" in response.content.decode()
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_one_email_is_limited_across_addresses(client, clinical_track, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1
    assert (
        start(client, clinical_track, "same@example.net", REMOTE_ADDR="10.0.0.1").status_code == 302
    )
    other = client.post(
        reverse("applicants:track_page", args=[clinical_track.slug]),
        {
            "first_name": "R",
            "last_name": "D",
            "email": "same@example.net",
            "phone": "1",
            "language": "en",
        },
        REMOTE_ADDR="10.0.0.2",
    )
    assert other.status_code == 429


@pytest.mark.django_db
def test_booking_is_protected_too(client, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1
    start_at = timezone.now() + timedelta(days=2)
    session = InfoSession.objects.create(
        location_name="WD",
        address="x",
        starts_at=start_at,
        ends_at=start_at + timedelta(hours=1),
        capacity=50,
    )
    url = reverse("applicants:session_book", args=[session.pk])
    data = {"name": "R", "email": "r@example.net", "phone": "", "language": "en"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "email": "s@example.net"}).status_code == 429
    assert client.post(url, {**data, "website": "x"}).status_code == 429
    assert SessionBooking.objects.count() == 1


@pytest.mark.django_db
def test_with_the_cache_down_the_public_form_still_takes_the_application(
    client, clinical_track, settings
):
    """Redis is both cache and broker in production: its outage must not lose an applicant."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = start(client, clinical_track)
    assert response.status_code == 302
    assert Person.objects.filter(email="rosa@example.net").exists()
