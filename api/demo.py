"""A demo token for the timekeeping integration, with a key printed by `make run`, so a new
user can call the API at once: read the apprentices and send hours through Kronos' rules."""

from __future__ import annotations

import os
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from api.demo_key import DEMO_PREFIX, DEMO_RECEIVER_PATH, DEMO_SECRET
from api.models import ApiToken, Event, Scope
from api.receivers import status_changed
from api.tokens import token_create
from api.webhooks import endpoint_create
from clinic.models import PayrollMapping
from cohorts.models import ApprenticeEvent


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
    # A subscription to the app's own demo receiver, whose log says each event and whether
    # its signature verified (make run's console).
    port = os.environ.get("PORT", "8000")
    endpoint_create(
        name="Demo receiver (this laptop)",
        url=f"http://127.0.0.1:{port}{DEMO_RECEIVER_PATH}",
        events=list(Event.values),
        allow_private=True,
        by=users["grace"],
    )
    # The latest status change, so the deliveries page has a row: sent when the worker starts
    # (before the web server is up it is retried 30 s later, then delivered).
    event = ApprenticeEvent.objects.exclude(from_status="").order_by("-at", "-pk").first()
    if event:
        status_changed(event)
