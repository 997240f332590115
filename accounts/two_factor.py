"""Two-step sign-in: an authenticator app (TOTP) plus ten single-use backup codes.

django-otp stores the devices and checks the codes (with its own throttling); this module
is the program's policy around it. Optional for everyone, required for program admins when
settings.OTP_REQUIRED_FOR_ADMINS is on.
"""

from __future__ import annotations

import base64

import django_otp
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sso
from accounts.models import User
from accounts.services import sessions_end_all, sessions_end_others

BACKUP_CODE_COUNT = 10
# Whether the signed-in user has an authenticator, noted in the session at sign-in so pages
# need no query to know. It cannot go stale: turning two-step sign-in on ends every other
# session, and the services below keep it right in the session that changes it.
HAS_DEVICE_SESSION_KEY = "otp_has_device"


def two_factor_enabled(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def session_has_device(request) -> bool:
    if HAS_DEVICE_SESSION_KEY not in request.session:
        session_note_device(request)
    return request.session[HAS_DEVICE_SESSION_KEY]


def session_note_device(request, user: User | None = None) -> None:
    request.session[HAS_DEVICE_SESSION_KEY] = two_factor_enabled(user or request.user)


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    """Connected to user_logged_in (accounts.apps)."""
    if request is not None and hasattr(request, "session"):
        session_note_device(request, user)
        # A sign-in starts without single sign-on's notes; identity's callback adds them after.
        request.session.pop(sso.MFA_SESSION_KEY, None)
        request.session.pop(sso.END_SESSION_KEY, None)


def session_verified(request) -> bool:
    """The second step is done: a code here, or multi-factor sign-in at the institution's
    provider (identity.services.sso_sign_in notes it)."""
    return request.user.is_verified() or bool(request.session.get(sso.MFA_SESSION_KEY))


def two_factor_required(user: User) -> bool:
    return settings.OTP_REQUIRED_FOR_ADMINS and user.is_program_admin


def secret_for_display(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for people who type it instead of scanning."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def totp_device_pending(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same key until it is confirmed or replaced."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Turn two-step sign-in on when `token` is right; returns the new backup codes.

    Every other session of the user ends: they signed in without the second step.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _backup_codes_replace(request.user)
    django_otp.login(request, device)
    request.session[HAS_DEVICE_SESSION_KEY] = True
    sessions_end_others(user=request.user, request=request)
    return codes


def _backup_codes_replace(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Backup codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def backup_codes_regenerate(*, user: User) -> list[str]:
    return _backup_codes_replace(user)


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def token_verify(*, request, token: str) -> bool:
    """Complete the second step of this session with an app code or a backup code."""
    token = token.replace(" ", "").replace("-", "").lower()
    device = django_otp.match_token(request.user, token)
    if device is None:
        return False
    django_otp.login(request, device)
    return True


@transaction.atomic
def two_factor_turn_off(*, user: User, request=None) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    if request is not None:
        request.session[HAS_DEVICE_SESSION_KEY] = False


@transaction.atomic
def two_factor_reset(*, user: User) -> None:
    """An admin's help for someone who lost their phone: devices gone, sessions ended."""
    two_factor_turn_off(user=user)
    sessions_end_all(user=user)
