from urllib.parse import urlparse

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


@pytest.mark.django_db
def test_it_signs_in_with_email_and_password(client, alice):
    response = client.post(LOGIN, {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard:home")
    assert client.get(reverse("dashboard:home")).context["user"] == alice


@pytest.mark.django_db
def test_it_accepts_the_email_in_any_case(client, alice):
    response = client.post(LOGIN, {"username": "ALICE@Example.org", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_with_a_message(client, alice):
    response = client.post(LOGIN, {"username": alice.email, "password": "wrong-password-1"})
    assert response.status_code == 200
    assert "enter a correct email address and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_locks_out_after_five_failures_even_with_the_right_password(client, alice):
    for _ in range(5):
        client.post(LOGIN, {"username": alice.email, "password": "wrong-password-1"})
    response = client.post(LOGIN, {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_behind_the_proxy_a_stranger_cannot_lock_the_account_for_everyone(client, alice, settings):
    """Behind the documented proxy every request comes from its address: the lockout follows
    the visitor's address the proxy vouches for, as the rate limits do."""
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.9"}
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": alice.email, "password": "wrong-password-1"},
            HTTP_X_FORWARDED_FOR="203.0.113.5",
            **proxy,
        )
    locked = client.post(
        LOGIN,
        {"username": alice.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    assert locked.status_code == 429
    alice_at_her_desk = Client().post(
        LOGIN,
        {"username": alice.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert alice_at_her_desk.status_code == 302


@pytest.mark.django_db
def test_logout_needs_a_post_and_ends_the_session(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_emails_a_working_link(client, alice, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    response = client.get(urlparse(link.strip()).path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    assert "at least 12 characters" in response.content.decode()
    client.post(
        form_url,
        {"new_password1": "a-much-longer-secret-42", "new_password2": "a-much-longer-secret-42"},
    )
    alice.refresh_from_db()
    assert alice.check_password("a-much-longer-secret-42")


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_in_production_settings():
    from apprenticeship import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_the_password_reset_link_uses_site_url_not_the_host_header(
    client, alice, mailoutbox, settings
):
    settings.SITE_URL = "https://apprentice.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    client.post(
        reverse("accounts:password_reset"), {"email": alice.email}, HTTP_HOST="evil.example.com"
    )
    body = mailoutbox[0].body
    assert "https://apprentice.example.org/accounts/password/reset/" in body
    assert "evil.example.com" not in body


@pytest.mark.django_db
def test_password_reset_emails_stop_per_address_and_per_visitor(
    client, alice, mailoutbox, settings
):
    """Eight requests in a second sent eight emails: now an address gets at most the hourly
    number (the page still says sent), and a visitor past the limit is refused."""
    settings.PUBLIC_FORM_EMAILS_PER_HOUR = 2
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 5
    url = reverse("accounts:password_reset")
    responses = [client.post(url, {"email": alice.email}) for _ in range(5)]
    assert [r.status_code for r in responses] == [302] * 5
    assert len(mailoutbox) == 2
    assert client.post(url, {"email": alice.email}).status_code == 429
