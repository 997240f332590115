"""Creating, finding and revoking API tokens. A token reads `apt_<prefix>_<secret>`: the
prefix finds the row, the secret is compared with its SHA-256 (constant time); only the hash
is stored, so the secret is shown once, when it is made."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from api.models import ApiToken, Scope
from audit.services import personal_data_record

PREFIX = "apt_"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(
    *,
    name: str,
    scopes: list[str],
    expires_at: datetime,
    by: User,
    departments=(),
    tracks=(),
    mapping=None,
    secret: str | None = None,
) -> tuple[ApiToken, str]:
    """(token, the key to hand to the integration, shown once). `secret` is for the demo."""
    name = name.strip()
    if not scopes or set(scopes) - set(Scope.values):
        raise ValidationError(_("Choose at least one scope."))
    if expires_at <= timezone.now():
        raise ValidationError(_("The expiry must be in the future."))
    if ApiToken.objects.filter(name__iexact=name).exists():
        raise ValidationError(_("An integration of that name exists already."))
    if Scope.WRITE_HOURS in scopes and mapping is None:
        raise ValidationError(
            _("Sending hours needs timekeeping rules: choose the payroll mapping it follows.")
        )
    prefix = secrets.token_hex(4)
    secret = secret or secrets.token_urlsafe(32)
    account = User.objects.create(
        email=f"api-{prefix}@integrations.invalid",
        full_name=_("Integration: %(name)s") % {"name": name},
        password=make_password(None),  # never signs in
    )
    token = ApiToken.objects.create(
        name=name,
        prefix=prefix,
        secret_hash=_hash(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        mapping=mapping,
        user=account,
        created_by=by,
    )
    token.departments.set(departments)
    token.tracks.set(tracks)
    personal_data_record(
        actor=by, obj=token, fields=["api token"], action="change", purpose="API token created"
    )
    return token, f"{PREFIX}{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """It stops working at once; the row stays for the audit log."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), by
        token.save(update_fields=["revoked_at", "revoked_by"])
        personal_data_record(
            actor=by, obj=token, fields=["api token"], action="change", purpose="API token revoked"
        )
    return token


def token_used(token: ApiToken) -> None:
    """Note when the token was last used (at most a write a minute)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def token_for(raw: str) -> ApiToken | None:
    """The active token a key belongs to, or None (unknown, wrong secret, revoked, expired)."""
    if not raw.startswith(PREFIX) or raw.count("_") < 2:
        return None
    prefix, _sep, secret = raw[len(PREFIX) :].partition("_")
    token = (
        ApiToken.objects.select_related("user", "mapping")
        .filter(
            prefix=prefix,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,  # its account deactivated on the people page: it stops too
        )
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    return token
