"""Two-step sign-in: turning it on, signing in with it, backup codes, the admin rule, the
admin's reset for a lost phone."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from tests.factories import PASSWORD

SETUP = reverse("accounts:two_factor")
VERIFY = reverse("accounts:otp_verify")
HOME = reverse("dashboard:home")


@pytest.fixture(autouse=True)
def _no_wait_after_a_wrong_code(settings):
    """django-otp makes you wait 2^n seconds after n wrong codes; tested on its own below."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, drift=drift):06d}"


def _sign_in(user) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def _turn_on(client: Client, user) -> list[str]:
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"token": _code(device)})
    assert response.status_code == 200
    return response.context["codes"]


@pytest.mark.django_db
def test_turning_it_on_shows_a_qr_code_and_key_then_ten_backup_codes_once(alice):
    client = _sign_in(alice)
    page = client.get(SETUP)
    assert "<svg" in page.content.decode() and page.context["secret"]
    assert page["Cache-Control"].startswith("max-age=0")
    device = TOTPDevice.objects.get(user=alice, confirmed=False)

    codes = _turn_on(client, alice)

    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=alice).count() == 10
    again = client.get(SETUP).content.decode()
    assert "You have 10 backup codes left." in again
    assert codes[0] not in again


@pytest.mark.django_db
def test_a_wrong_or_empty_code_leaves_it_off_with_a_message(alice):
    client = _sign_in(alice)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert "That code is not right" in response.content.decode()
    response = client.post(SETUP, {"token": ""})
    assert "This field is required." in response.content.decode()
    assert not two_factor.two_factor_enabled(alice)
    assert not StaticToken.objects.exists()


@pytest.mark.django_db
def test_after_the_password_every_page_asks_for_the_code_until_it_is_given(alice):
    _turn_on(_sign_in(alice), alice)
    device = TOTPDevice.objects.get(user=alice)

    client = _sign_in(alice)
    response = client.get(reverse("cohorts:list"))
    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next={reverse('cohorts:list')}"
    assert "That code is not right" in client.post(VERIFY, {"token": "123456"}).content.decode()
    assert client.get(HOME).status_code == 302

    response = client.post(
        VERIFY, {"token": _code(device, drift=1), "next": reverse("cohorts:list")}
    )
    assert response.status_code == 302 and response.url == reverse("cohorts:list")
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_the_verify_page_never_redirects_to_another_site(alice):
    _turn_on(_sign_in(alice), alice)
    client = _sign_in(alice)
    device = TOTPDevice.objects.get(user=alice)
    response = client.post(VERIFY, {"token": _code(device, 1), "next": "https://evil.example/"})
    assert response.url == HOME


@pytest.mark.django_db
def test_a_backup_code_works_once(alice):
    codes = _turn_on(_sign_in(alice), alice)
    client = _sign_in(alice)
    assert client.post(VERIFY, {"token": codes[3].upper()}).status_code == 302
    assert client.get(HOME).status_code == 200

    other = _sign_in(alice)
    assert "That code is not right" in other.post(VERIFY, {"token": codes[3]}).content.decode()
    assert StaticToken.objects.filter(device__user=alice).count() == 9


@pytest.mark.django_db
def test_turning_it_on_signs_out_every_other_session(alice):
    phone = _sign_in(alice)
    laptop = _sign_in(alice)
    _turn_on(laptop, alice)
    account = reverse("accounts:password_change")
    assert laptop.get(account).status_code == 200
    response = phone.get(account)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_new_backup_codes_replace_the_old_ones(alice):
    client = _sign_in(alice)
    old = _turn_on(client, alice)
    new = client.post(reverse("accounts:two_factor_backup_codes")).context["codes"]
    assert set(old).isdisjoint(new)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


@pytest.mark.django_db
def test_turning_it_off_needs_a_code(alice):
    client = _sign_in(alice)
    codes = _turn_on(client, alice)
    client.post(reverse("accounts:two_factor_off"), {"token": "nope"})
    assert two_factor.two_factor_enabled(alice)
    client.post(reverse("accounts:two_factor_off"), {"token": codes[0]})
    assert not two_factor.two_factor_enabled(alice)
    assert not StaticToken.objects.exists()
    assert _sign_in(alice).get(HOME).status_code == 200


@pytest.mark.django_db
@override_settings(OTP_REQUIRED_FOR_ADMINS=True)
def test_admins_must_set_it_up_before_anything_else_and_cannot_turn_it_off(grace, alice):
    client = _sign_in(grace)
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 302 and response.url == SETUP
    # The bell's background request gets nothing (not the setup page swapped into the menu).
    bell = client.get(reverse("reminders:bell"), headers={"HX-Request": "true"})
    assert bell.status_code == 204 and not bell.content
    codes = _turn_on(client, grace)
    assert client.get(reverse("accounts:user_list")).status_code == 200

    client.post(reverse("accounts:two_factor_off"), {"token": codes[0]})
    assert two_factor.two_factor_enabled(grace)
    assert _sign_in(alice).get(reverse("accounts:user_list")).status_code == 200


@pytest.mark.django_db
def test_an_admin_resets_a_lost_phone_and_ends_that_persons_sessions(grace, alice):
    _turn_on(_sign_in(alice), alice)
    alices_browser = _sign_in(alice)
    admin = Client()
    admin.force_login(grace)
    page = admin.get(reverse("accounts:user_edit", args=[alice.pk])).content.decode()
    assert "Reset two-step sign-in" in page

    admin.post(reverse("accounts:user_two_factor_reset", args=[alice.pk]))

    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticToken.objects.exists()
    assert alices_browser.get(VERIFY).url.startswith(reverse("accounts:login"))
    assert _sign_in(alice).get(HOME).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "ed"])
def test_only_admins_reset_someone_elses_two_step_sign_in(request, who, grace):
    _turn_on(_sign_in(grace), grace)
    client = Client()
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("accounts:user_two_factor_reset", args=[grace.pk]))
    assert response.status_code == 403
    assert two_factor.two_factor_enabled(grace)


@pytest.mark.django_db
def test_after_wrong_codes_even_the_right_one_waits(alice, settings):
    _turn_on(_sign_in(alice), alice)
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    client = _sign_in(alice)
    device = TOTPDevice.objects.get(user=alice)
    client.post(VERIFY, {"token": "111111"})
    response = client.post(VERIFY, {"token": _code(device, 1)})
    assert "wait a minute" in response.content.decode()
    assert client.get(HOME).status_code == 302
