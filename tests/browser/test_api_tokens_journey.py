"""The program admin makes a token for an integration in real Chromium: the key is shown once,
works against the API, and stops working when revoked; the API's documentation renders from
local assets under the Content-Security-Policy."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from api.models import ApiToken
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
