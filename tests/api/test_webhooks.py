"""Webhooks: a status change arrives signed at a local receiver and verifies; a private address
is refused unless allowed; failures are retried with backoff, and a delivery can be resent."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import WebhookDelivery
from api.webhooks import delivery_send, endpoint_create, signature_valid
from cohorts.models import ApprenticeEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    """A real HTTP server on loopback that keeps what it is sent and answers `status`."""
    got = []

    class Handler(BaseHTTPRequestHandler):
        status = 204

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.append((dict(self.headers), body))
            self.send_response(Handler.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", got, Handler
    server.shutdown()


def _status_change(apprentice):
    return ApprenticeEvent.objects.create(
        apprentice=apprentice,
        from_status="probation",
        to_status="active",
        effective_on=timezone.localdate(),
    )


def test_a_status_change_arrives_signed_and_verified(
    receiver, grace, ed_apprentice, django_capture_on_commit_callbacks
):
    url, got, _handler = receiver
    endpoint, secret = endpoint_create(
        name="HR", url=url, events=["apprentice.status_changed"], allow_private=True, by=grace
    )
    with django_capture_on_commit_callbacks(execute=True):
        _status_change(ed_apprentice)
    assert len(got) == 1
    headers, body = got[0]
    assert signature_valid(secret, headers["Webhook-Signature"], body)
    assert not signature_valid("whsec_other", headers["Webhook-Signature"], body)
    assert not signature_valid(secret, headers["Webhook-Signature"], body + b" ")
    payload = json.loads(body)
    assert payload["event"] == "apprentice.status_changed"
    assert payload["data"]["apprentice"] == ed_apprentice.pk
    assert payload["data"]["to_status"] == "active"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.last_status == 204
    # Not subscribed to raises: nothing else was sent.
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 1


def test_a_private_address_is_refused_unless_allowed(
    receiver, grace, ed_apprentice, django_capture_on_commit_callbacks
):
    url, got, _handler = receiver
    endpoint_create(
        name="Sneaky", url=url, events=["apprentice.status_changed"], allow_private=False, by=grace
    )
    with django_capture_on_commit_callbacks(execute=True):
        _status_change(ed_apprentice)
    assert got == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "private address" in delivery.last_error


def test_a_failure_is_retried_with_backoff_then_resent(
    client, receiver, grace, ed_apprentice, django_capture_on_commit_callbacks
):
    url, got, handler = receiver
    handler.status = 500
    endpoint, _secret = endpoint_create(
        name="HR", url=url, events=["apprentice.status_changed"], allow_private=True, by=grace
    )
    with django_capture_on_commit_callbacks(execute=True):
        _status_change(ed_apprentice)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("pending", 1, 500)
    assert delivery.next_try_at > timezone.now() + timedelta(seconds=25)
    assert delivery_send(delivery_id=delivery.pk) is False  # not due yet: left alone
    assert len(got) == 1
    handler.status = 200
    client.force_login(grace)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("api_tokens:webhook_resend", args=[endpoint.pk, delivery.pk])
        )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and len(got) == 2


def test_the_same_change_is_delivered_once(grace, ed_apprentice, receiver):
    url, _got, _handler = receiver
    endpoint_create(
        name="HR", url=url, events=["apprentice.status_changed"], allow_private=True, by=grace
    )
    event = _status_change(ed_apprentice)
    event.save()  # saved again: the same key
    assert WebhookDelivery.objects.count() == 1


def test_only_program_admins_manage_webhooks(client, alice, grace):
    client.force_login(alice)
    assert client.get(reverse("api_tokens:webhooks")).status_code == 404
    client.force_login(grace)
    bad = client.post(
        reverse("api_tokens:webhooks"),
        {"name": "X", "url": "ftp://example.org/", "events": ["apprentice.status_changed"]},
    )
    assert bad.status_code == 200 and not WebhookDelivery.objects.exists()


def test_a_report_made_is_announced(
    receiver, grace, ed_apprentice, django_capture_on_commit_callbacks
):
    from reports.services import progress_report_request, report_render

    url, got, _handler = receiver
    _endpoint, secret = endpoint_create(
        name="Warehouse", url=url, events=["report.ready"], allow_private=True, by=grace
    )
    with django_capture_on_commit_callbacks(execute=True):
        report, _reused = progress_report_request(apprentice=ed_apprentice, by=grace)
    with django_capture_on_commit_callbacks(execute=True):
        report_render(report_id=report.pk)
    headers, body = got[-1]
    assert signature_valid(secret, headers["Webhook-Signature"], body)
    assert json.loads(body)["data"]["report"] == report.pk
    assert headers["Webhook-Event"] == "report.ready"


def test_the_demo_receiver_checks_the_signature(client, grace, settings):
    """make run's receiver (DEBUG only): a signed delivery of the demo subscription verifies."""
    import time

    from api.demo_key import DEMO_RECEIVER_PATH
    from api.webhooks import signature

    _endpoint, secret = endpoint_create(
        name="Demo",
        url=f"http://127.0.0.1:8000{DEMO_RECEIVER_PATH}",
        events=["report.ready"],
        allow_private=True,
        by=grace,
    )
    body = b'{"event": "report.ready"}'
    url = reverse("api_tokens:demo_receiver")
    assert client.post(url, body, content_type="application/json").status_code == 404
    settings.DEBUG = True
    signed = signature(secret, int(time.time()), body)
    ok = client.post(url, body, content_type="application/json", HTTP_WEBHOOK_SIGNATURE=signed)
    assert ok.status_code == 204
    forged = signature("whsec_other", int(time.time()), body)
    bad = client.post(url, body, content_type="application/json", HTTP_WEBHOOK_SIGNATURE=forged)
    assert bad.status_code == 400
