from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import InfoSession, Person, SessionBooking


def start(client, track, email="rosa@example.net", **extra):
    """Posts the start form; upper-case keywords are request headers (REMOTE_ADDR, ...)."""
    meta = {k: extra.pop(k) for k in list(extra) if k.isupper()}
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
        **meta,
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
def test_a_stranger_cannot_lock_an_email_out_but_the_emails_stop(
    client, clinical_track, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """The per-email limit used to refuse the form: typing someone's address 20 times from
    other addresses blocked them for an hour. Now the form works and only the emails stop."""
    settings.PUBLIC_FORM_EMAILS_PER_HOUR = 2
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = start(client, clinical_track, "same@example.net", REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 302
    assert Person.objects.filter(email="same@example.net").count() == 3
    assert len([m for m in mailoutbox if m.to == ["same@example.net"]]) == 2


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_has_their_own_bucket(client, clinical_track, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.9"}
    first = start(
        client, clinical_track, "a@example.net", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy
    )
    second = start(
        client, clinical_track, "b@example.net", HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy
    )
    assert (first.status_code, second.status_code) == (302, 302)
    # The same visitor again, pretending to be someone else in a header they wrote themselves.
    spoofed = start(
        client,
        clinical_track,
        "c@example.net",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
        **proxy,
    )
    assert spoofed.status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, clinical_track, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 0
    assert (
        start(client, clinical_track, "a@example.net", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code
        == 302
    )
    assert (
        start(client, clinical_track, "b@example.net", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code
        == 429
    )


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
