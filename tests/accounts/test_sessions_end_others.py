import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_signing_out_everywhere_ends_the_other_sessions_only(alice):
    laptop, phone = Client(), Client()
    for client in (laptop, phone):
        assert (
            client.post(
                reverse("accounts:login"), {"username": alice.email, "password": PASSWORD}
            ).status_code
            == 302
        )
    laptop.post(reverse("accounts:sessions_end_others"))
    assert laptop.get(reverse("accounts:password_change")).status_code == 200
    response = phone.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_it_needs_a_post_and_a_signed_in_user(client, alice):
    assert client.post(reverse("accounts:sessions_end_others")).status_code == 302
    client.force_login(alice)
    assert client.get(reverse("accounts:sessions_end_others")).status_code == 405
