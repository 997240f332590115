"""The program admin makes a token for an integration in real Chromium: the key is shown once,
works against the API, and stops working when revoked; the API's documentation renders from
local assets under the Content-Security-Policy."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from api.models import ApiToken
from cohorts.models import ApprenticeEvent
from tests.browser.conftest import assert_accessible, sign_in_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_makes_and_revokes_a_token(page: Page, live_server, grace, cardiology):
    sign_in_on(page, live_server.url, grace)
    page.goto(f"{live_server.url}/api-tokens/")
    page.get_by_label("Integration").fill("Data warehouse")
    page.get_by_label("Read apprentices, their status events").check()
    page.get_by_label("Cardiology").check()
    assert_accessible(page)
    page.get_by_role("button", name="Make the token").click()
    expect(page.get_by_text("copy the key now")).to_be_visible()
    key = page.locator("code").inner_text()
    assert key.startswith("apt_")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/apprentices/").status_code == 200
    assert_accessible(page)
    page.reload()
    expect(page.locator("code")).to_have_count(0)  # shown once
    page.locator("summary", has_text="Revoke Data warehouse").click()
    page.get_by_role("button", name="Yes, revoke it").click()
    expect(page.get_by_text("Data warehouse can no longer use the API.")).to_be_visible()
    assert ApiToken.objects.get().revoked_at is not None
    assert api.get("/api/v1/apprentices/").status_code == 401


def test_the_api_documentation_renders(page: Page, live_server):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_text("Apprenticeship program API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/time-entries/").first).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e]


def test_the_admin_subscribes_a_url_and_reads_its_deliveries(
    page: Page, live_server, grace, ed_apprentice
):
    got = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            got.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sign_in_on(page, live_server.url, grace)
        page.goto(f"{live_server.url}/api-tokens/webhooks/")
        page.get_by_label("Integration").fill("Workday HR")
        page.get_by_label("URL to send events to").fill(
            f"http://127.0.0.1:{server.server_port}/hook"
        )
        page.get_by_label("An apprentice's status changed").check()
        page.get_by_label("The host is on our own network").check()
        assert_accessible(page)
        page.get_by_role("button", name="Subscribe").click()
        expect(page.get_by_text("copy the signing secret now")).to_be_visible()
        assert page.locator("code").inner_text().startswith("whsec_")
        ApprenticeEvent.objects.create(
            apprentice=ed_apprentice,
            from_status="probation",
            to_status="active",
            effective_on=timezone.localdate(),
        )
        page.get_by_role("link", name="Workday HR: deliveries").click()
        expect(page.get_by_role("cell", name="Delivered")).to_be_visible()
        assert len(got) == 1
        assert_accessible(page)
    finally:
        server.shutdown()
