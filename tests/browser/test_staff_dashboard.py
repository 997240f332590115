import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_member_signs_in_and_sees_the_dashboard(
    sign_in, page: Page, live_server, alice, cardiology, pediatrics, clinical_track
):
    page.goto(live_server.url + "/")
    assert_accessible(page)

    sign_in(alice)

    expect(page.get_by_role("heading", name="Welcome, Alice")).to_be_visible()
    expect(page.get_by_text("tracks taking applications")).to_be_visible()
    departments_card = page.locator(".card", has_text="active departments")
    expect(departments_card.locator(".stat")).to_have_text("2")
    expect(page.get_by_role("link", name="People")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Departments", exact=True).click()
    expect(page.get_by_role("link", name="Cardiology")).to_be_visible()
    expect(page.get_by_role("link", name="Pediatrics")).to_be_visible()
    assert_accessible(page)


def test_wrong_password_is_refused_with_a_clear_message(sign_in, page: Page, live_server, alice):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(
        page.get_by_text(re.compile("enter a correct email address and password"))
    ).to_be_visible()
    assert_accessible(page)


def test_hiring_manager_sees_only_their_department(
    sign_in, page: Page, live_server, bob, cardiology, pediatrics
):
    sign_in(bob)
    page.get_by_role("link", name="My departments").click()

    expect(page.get_by_role("link", name="Cardiology")).to_be_visible()
    expect(page.get_by_role("link", name="Pediatrics")).to_have_count(0)

    response = page.goto(f"{live_server.url}/program/departments/{pediatrics.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("width", [1024, 1280, 1440])
def test_every_navigation_item_fits_the_screen(sign_in, page: Page, live_server, grace, width):
    """The program admin's navigation (the longest) wraps rather than running off the screen:
    every item, Sign out included, is inside the window and can be reached."""
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(grace)
    nav = page.get_by_role("navigation", name="Main")
    items = nav.locator(".nav-link")
    assert items.count() > 12
    for n in range(items.count()):
        box = items.nth(n).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, items.nth(n).inner_text()
    expect(nav.get_by_role("button", name="Sign out")).to_be_in_viewport()
    assert_accessible(page)


def test_an_admin_places_a_hold_on_an_applicant_s_records(page, live_server, grace):
    """29 CFR 30.12(b): a hold placed and lifted on the retention page, with axe."""
    from playwright.sync_api import expect

    from tests.applicants.factories import SubmittedApplicationFactory
    from tests.browser.conftest import assert_accessible, sign_in_on

    SubmittedApplicationFactory(person__email="held@example.org")
    sign_in_on(page, live_server.url, grace)
    page.goto(f"{live_server.url}/retention/")
    page.get_by_text("Place a hold").click()
    page.mouse.move(0, 0)  # off the button: axe reads its colours at rest, not mid-transition
    page.get_by_label("Reason").select_option(label="Complaint")
    page.get_by_label("What it concerns").fill("EEO complaint 2026-14")
    page.get_by_label("Or the applicants held").fill("held@example.org")
    assert_accessible(page)
    page.get_by_role("button", name="Place the hold").click()
    expect(page.get_by_text("Hold placed")).to_be_visible()
    expect(page.locator("#holds")).to_contain_text("EEO complaint 2026-14")
    page.get_by_label("Its records then follow the retention period.").check()
    page.get_by_role("button", name="Lift the hold on EEO complaint 2026-14").click()
    expect(page.get_by_text("Hold lifted")).to_be_visible()
    assert_accessible(page)
