import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.factories import PASSWORD

_axe = Axe()


PHONE = {"width": 390, "height": 844}
ALWAYS_FAIL = {"landmark-unique"}
DESKTOP = {"width": 1280, "height": 800}


def assert_accessible(page: Page) -> None:
    """Fail on serious or critical axe-core (WCAG) violations of the page as it is now, at the
    page's own size and at the other of phone and desktop (tables that scroll sideways, menus
    that collapse: the faults of one size only)."""
    size = page.viewport_size or DESKTOP
    other = DESKTOP if size["width"] < 768 else PHONE
    try:
        _assert_accessible_now(page)
        page.set_viewport_size(other)
        _assert_accessible_now(page)
    finally:
        page.set_viewport_size(size)


def _assert_accessible_now(page: Page) -> None:
    results = _axe.run(
        page,
        options={
            "resultTypes": ["violations"],
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            },
            # Best practice beside WCAG: two landmarks of one name cannot be told apart.
            "rules": {"landmark-unique": {"enabled": True}},
        },
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS_FAIL
    ]
    width = (page.viewport_size or DESKTOP)["width"]
    assert not bad, f"Accessibility violations on {page.url} at {width}px:\n" + "\n".join(bad)


def sign_in_on(page: Page, base_url: str, user) -> Page:
    """Sign `user` in on `page` (any browser context) with the test password, whoever was
    signed in there before."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


@pytest.fixture
def sign_in(live_server, page: Page):
    return lambda user: sign_in_on(page, live_server.url, user)
