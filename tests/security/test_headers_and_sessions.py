import time

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_staff_are_signed_out_after_30_idle_minutes(client, alice):
    client.force_login(alice)
    assert client.get(reverse("dashboard:home")).status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("applicants:pipeline"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_activity_keeps_staff_signed_in(client, alice):
    client.force_login(alice)
    client.get(reverse("dashboard:home"))
    session = client.session
    session["last_seen"] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("applicants:pipeline")).status_code == 200


@pytest.mark.django_db
def test_the_notifications_bell_polling_does_not_keep_staff_signed_in(client, alice):
    client.force_login(alice)
    client.get(reverse("dashboard:home"))
    session = client.session
    idle_since = int(time.time()) - 29 * 60
    session["last_seen"] = idle_since
    session.save()
    assert client.get(reverse("reminders:bell"), headers={"HX-Request": "true"}).status_code == 200
    assert client.session["last_seen"] == idle_since  # a poll is not activity
    session = client.session
    session["last_seen"] = int(time.time()) - 31 * 60
    session.save()
    poll = client.get(reverse("reminders:bell"), headers={"HX-Request": "true"})
    assert (poll.status_code, poll["HX-Refresh"]) == (204, "true")  # the page reloads: sign in
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_apprentices_are_not_subject_to_the_staff_idle_rule(client, ed):
    client.force_login(ed)
    session = client.session
    session["last_seen"] = int(time.time()) - 60 * 60
    session.save()
    assert client.get(reverse("dashboard:home")).status_code == 200


@pytest.mark.django_db
def test_pages_and_downloads_with_personal_data_are_not_stored(client, alice, ed_apprentice):
    """No copy in a browser's or a proxy's cache: the application page, an apprentice's page,
    the public pages too (they carry private links and the applicant's answers)."""
    from django.urls import reverse

    client.force_login(alice)
    for url in (
        reverse("wages:apprentice", args=[ed_apprentice.pk]),
        reverse("dashboard:home"),
        reverse("reports:list"),
    ):
        assert client.get(url)["Cache-Control"] == "no-store, private", url
    client.logout()
    assert "no-store" in client.get(reverse("accounts:login"))["Cache-Control"]


@pytest.mark.django_db
def test_a_body_over_the_cap_is_refused_before_it_is_read(client, alice, settings):
    from django.urls import reverse

    settings.MAX_REQUEST_BYTES = 1000
    client.force_login(alice)
    response = client.post(
        reverse("clinic:import"), data=b"x" * 2000, content_type="application/octet-stream"
    )
    assert response.status_code == 413
    assert client.get(reverse("dashboard:home")).status_code == 200
