"""A demo token for the timekeeping integration, with a key printed by `make run`, so a new
user can call the API at once: read the apprentices and send hours through Kronos' rules."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from api.demo_key import DEMO_PREFIX, DEMO_SECRET
from api.models import ApiToken, Scope
from api.tokens import token_create
from clinic.models import PayrollMapping


def seed(users: dict[str, User]) -> None:
    if ApiToken.objects.exists():
        return
    mapping = PayrollMapping.objects.order_by("pk").first()
    token, _key = token_create(
        name="Kronos timekeeping (demo)",
        scopes=[
            Scope.READ_PROGRAM,
            Scope.READ_APPRENTICES,
            Scope.READ_HOURS,
            Scope.WRITE_HOURS if mapping else Scope.READ_HOURS,
        ],
        mapping=mapping,
        expires_at=timezone.now() + timedelta(days=365),
        by=users["grace"],
        secret=DEMO_SECRET,
    )
    ApiToken.objects.filter(pk=token.pk).update(prefix=DEMO_PREFIX)
