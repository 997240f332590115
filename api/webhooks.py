"""Webhooks: an event becomes a delivery row per subscribed endpoint in the same transaction
as the change (its key makes it once), sent by the worker after commit, signed, retried with
backoff (30 s, 1, 2, 4 ... minutes, up to an hour; 8 tries), with an SSRF guard."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from api.models import Event, WebhookDelivery, WebhookEndpoint
from api.tasks import deliver_webhook

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,v1=<HMAC-SHA256 of "<t>." + body, hex>`: the receiver recomputes it and
    refuses a timestamp older than five minutes (a replay)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def signature_valid(secret: str, header: str, body: bytes, *, tolerance: int = 300) -> bool:
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


@transaction.atomic
def endpoint_create(
    *, name: str, url: str, events: list[str], allow_private: bool, by: User
) -> tuple[WebhookEndpoint, str]:
    """(endpoint, its signing secret, shown once)."""
    if not events or set(events) - set(Event.values):
        raise ValidationError(_("Choose at least one event."))
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValidationError(_("The URL must start with https:// (or http://)."))
    secret = "whsec_" + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint(
        name=name.strip(),
        url=url,
        secret=secret,
        events=sorted(set(events)),
        allow_private=allow_private,
        created_by=by,
    )
    endpoint.full_clean()
    endpoint.save()
    subscriptions_changed()
    return endpoint, secret


# Which events any active endpoint wants, read again every few seconds: most changes have no
# subscriber, and a query per saved week or raise would be paid for nothing.
_SUBSCRIBED: dict = {"read_at": 0.0, "events": frozenset()}
SUBSCRIBED_FOR_SECONDS = 5.0


def subscriptions_changed() -> None:
    _SUBSCRIBED["read_at"] = 0.0


def _subscribed() -> frozenset[str]:
    now = time.monotonic()
    if now - _SUBSCRIBED["read_at"] > SUBSCRIBED_FOR_SECONDS or _SUBSCRIBED["read_at"] == 0.0:
        _SUBSCRIBED["events"] = frozenset(
            e
            for events in WebhookEndpoint.objects.filter(is_active=True).values_list(
                "events", flat=True
            )
            for e in events
        )
        _SUBSCRIBED["read_at"] = now
    return _SUBSCRIBED["events"]


def webhook_emit(*, event: str, key: str, data: dict) -> int:
    """Record the event for every active endpoint subscribed to it (once per key) and send
    each after commit. Returns how many deliveries were made."""
    if event not in _subscribed():
        return 0
    made = 0
    for endpoint in WebhookEndpoint.objects.filter(is_active=True, events__contains=[event]):
        delivery, created = WebhookDelivery.objects.get_or_create(
            endpoint=endpoint,
            key=f"{event}:{key}",
            defaults={
                "event": event,
                "payload": {
                    "event": event,
                    "key": f"{event}:{key}",
                    "occurred_at": timezone.now().isoformat(),
                    "data": data,
                },
            },
        )
        if created:
            made += 1
            transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.delay(pk))
    return made


def _refused_address(url: str) -> str:
    """Why the URL's host may not be called (an SSRF guard), or ""."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return "The host does not resolve."
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if (
            ip.is_loopback
            or ip.is_private
            or ip.is_link_local
            or ip.is_reserved
            or ip.is_multicast
            or ip.is_unspecified
        ):
            return f"{host} is a loopback, link-local or private address."
    return ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect could lead past the guard
        return None


def delivery_send(*, delivery_id: int) -> bool:
    """Send one delivery if it is still pending and due (a retry waits for its time); True
    when delivered. Safe to run twice (the row is locked and its state checked)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(
                pk=delivery_id,
                status=WebhookDelivery.Status.PENDING,
                next_try_at__lte=timezone.now(),
            )
            .first()
        )
        if delivery is None:
            return False
        endpoint = delivery.endpoint
        body = json.dumps(delivery.payload, cls=DjangoJSONEncoder).encode()
        refused = "" if endpoint.allow_private else _refused_address(endpoint.url)
        status, error = None, refused
        if not refused:
            request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
                endpoint.url,
                data=body,
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "User-Agent": "apprenticeship-webhooks/1",
                    "Webhook-Id": str(delivery.pk),
                    "Webhook-Event": delivery.event,
                    "Webhook-Signature": signature(endpoint.secret, int(time.time()), body),
                },
            )
            opener = urllib.request.build_opener(_NoRedirect)
            try:
                with opener.open(request, timeout=TIMEOUT_SECONDS) as response:  # nosec B310
                    status = response.status
            except urllib.error.HTTPError as exc:
                status, error = exc.code, f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                error = str(getattr(exc, "reason", exc))[:300]
        delivery.attempts += 1
        delivery.last_status, delivery.last_error = status, error[:300]
        if status is not None and 200 <= status < 300:
            delivery.status, delivery.delivered_at = (
                WebhookDelivery.Status.DELIVERED,
                timezone.now(),
            )
        elif refused or delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
        else:
            delivery.next_try_at = timezone.now() + timedelta(
                seconds=min(30 * 2 ** (delivery.attempts - 1), 3600)
            )
        delivery.save()
        if delivery.status != WebhookDelivery.Status.DELIVERED:
            logger.warning("Webhook %s not delivered: %s", delivery.pk, delivery.last_error)
        return delivery.status == WebhookDelivery.Status.DELIVERED


def deliveries_due() -> list[int]:
    return list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_try_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:500]
    )


@transaction.atomic
def delivery_resend(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again (a failed one, or a delivered one the receiver lost)."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    delivery.status, delivery.next_try_at = WebhookDelivery.Status.PENDING, timezone.now()
    delivery.attempts = 0
    delivery.save(update_fields=["status", "next_try_at", "attempts"])
    transaction.on_commit(lambda: deliver_webhook.delay(delivery.pk))
    return delivery
