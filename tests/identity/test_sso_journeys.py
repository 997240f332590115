"""Single sign-on in real Chromium against a real OpenID Connect provider (devsso, a separate
process on loopback; no mocked token endpoint): first sign-in with group mapping, a changed
group at the next sign-in, a tampered ID token, a wrong audience, an expired state, a domain
account refused the password form, the admin with and without multi-factor, and single
sign-out."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from accounts.roles import Role
from accounts.services import user_roles_set
from devsso.users import PASSWORD
from identity.models import ExternalIdentity, MappedRole
from tests.browser.conftest import PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
User = get_user_model()


def sso_sign_in(page: Page, base_url: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_role("link", name="Sign in with Demo Health").click()
    page.get_by_label("Email").fill(email)  # the provider's own form
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to Demo Health").click()


def test_a_new_preceptor_signs_in_and_her_group_gives_her_role(
    page: Page, live_server, sso, group_roles
):
    sso_sign_in(page, live_server.url, "nina@example.org")
    expect(page.get_by_role("link", name="Weeks to approve")).to_be_visible()
    nina = User.objects.get(email="nina@example.org")
    assert nina.full_name == "Nina Patel"
    assert nina.roles == {Role.PRECEPTOR}
    assert not nina.has_usable_password()
    identity = ExternalIdentity.objects.get(user=nina)
    assert identity.issuer == sso.issuer
    # the link, the account and the role are in the history the audit log reads
    assert identity.history.count() >= 1
    assert nina.history.filter(pgh_label="insert").exists()
    assert_accessible(page)


def test_a_changed_group_changes_the_mapped_role_and_hand_given_roles_stay(
    page: Page, live_server, sso, group_roles
):
    sso_sign_in(page, live_server.url, "nina@example.org")
    nina = User.objects.get(email="nina@example.org")
    user_roles_set(user=nina, roles={Role.PRECEPTOR, Role.COACH})  # coach given by hand
    sso.control(groups={"nina@example.org": ["program-staff"]})
    sso_sign_in(page, live_server.url, "nina@example.org")
    expect(page.get_by_role("link", name="Pipeline")).to_be_visible()
    nina = User.objects.get(pk=nina.pk)
    assert nina.roles == {Role.PROGRAM_STAFF, Role.COACH}
    assert set(MappedRole.objects.filter(user=nina).values_list("role", flat=True)) == {
        Role.PROGRAM_STAFF
    }


def test_a_group_without_a_role_gets_the_program_office_page(
    page: Page, live_server, sso, group_roles
):
    sso_sign_in(page, live_server.url, "otto@example.org")
    expect(page.get_by_role("heading", name="You are not signed in")).to_be_visible()
    expect(page.get_by_text("Ask your program office to give your group a role")).to_be_visible()
    assert not User.objects.filter(email="otto@example.org").exists()
    assert_accessible(page)


@pytest.mark.parametrize(
    "misbehaviour", [{"tamper": True}, {"audience": "someone-else"}], ids=["tampered", "audience"]
)
def test_an_id_token_that_does_not_verify_is_refused(
    page: Page, live_server, sso, group_roles, fay, misbehaviour
):
    sso.control(**misbehaviour)
    sso_sign_in(page, live_server.url, "fay@example.org")
    expect(page.get_by_text("could not be verified, so you are not signed in")).to_be_visible()
    page.goto(f"{live_server.url}/clinic/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/clinic/")
    assert not ExternalIdentity.objects.exists()


def test_an_expired_state_is_refused(page: Page, live_server, sso, group_roles, fay, settings):
    settings.OIDC_STATE_SECONDS = 0  # gone by the time the browser comes back
    sso_sign_in(page, live_server.url, "fay@example.org")
    expect(page.get_by_text("took too long or was started in another browser")).to_be_visible()
    assert not ExternalIdentity.objects.exists()


def test_an_institution_account_is_refused_the_password_form(page: Page, live_server, sso, alice):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill("the-test-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("Accounts at example.org sign in with Demo Health")).to_be_visible()
    assert_accessible(page)


def test_the_admin_with_multi_factor_at_the_provider_is_not_asked_again(
    page: Page, live_server, sso, group_roles, grace, settings
):
    settings.OTP_REQUIRED_FOR_ADMINS = True
    sso_sign_in(page, live_server.url, "grace@example.org")  # the provider says amr: mfa
    expect(page.get_by_role("link", name="Audit log")).to_be_visible()
    page.goto(f"{live_server.url}/audit/")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()

    sso.control(amr={"grace@example.org": ["pwd"]})
    sso_sign_in(page, live_server.url, "grace@example.org")
    expect(page.get_by_text("Program admins sign in in two steps")).to_be_visible()
    page.goto(f"{live_server.url}/audit/")
    expect(page).to_have_url(f"{live_server.url}/accounts/two-step/")


def test_an_apprentice_signs_in_on_a_phone_and_signing_out_ends_the_provider_session(
    page: Page, live_server, sso, group_roles, ed_apprentice
):
    page.set_viewport_size(PHONE)
    sso_sign_in(page, live_server.url, "ed@example.org")
    page.get_by_role("button", name="Toggle navigation").click()
    expect(page.get_by_role("link", name="My clinic hours", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(rf"^{live_server.url}/accounts/login/"), timeout=10_000)
    # The provider's session ended too: the next sign-in asks for the password again.
    page.get_by_role("link", name="Sign in with Demo Health").click()
    expect(page.get_by_label("Password")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in to Demo Health")).to_be_visible()
