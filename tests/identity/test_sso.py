"""Who a single sign-on is here (identity.services), the pages around it, and the program
admin's group mapping. The sign-in itself against a real provider is in test_sso_journeys."""

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_roles_set
from identity import services
from identity.models import ExternalIdentity, GroupRole, MappedRole
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
ISSUER = "https://login.health.example/tenant"


@pytest.fixture
def sso_on(settings):
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_CLIENT_ID = "app"
    settings.OIDC_CLIENT_SECRET = "secret"
    settings.SSO_ENABLED = True
    settings.SSO_REQUIRED_DOMAINS = ["example.org"]
    settings.OIDC_PROVIDER_NAME = "Demo Health"
    return settings


def claims(email, groups, sub="s-1", **extra):
    return {"sub": sub, "email": email, "email_verified": True, "groups": groups, **extra}


def test_a_first_sign_in_links_an_existing_account_by_verified_email(fay, group_roles):
    user = services.sso_sign_in(issuer=ISSUER, claims=claims(fay.email, ["preceptors"]))
    assert user == fay
    assert ExternalIdentity.objects.get(user=fay).subject == "s-1"
    assert user.roles == {Role.PRECEPTOR}
    assert not MappedRole.objects.filter(user=fay).exists()  # she had it by hand already


def test_an_unverified_email_is_not_linked(fay, group_roles):
    with pytest.raises(services.SignInRefused) as refusal:
        services.sso_sign_in(
            issuer=ISSUER,
            claims={**claims("fay@other.example", ["preceptors"]), "email_verified": False},
        )
    assert refusal.value.code == "no_verified_email"
    assert not ExternalIdentity.objects.exists()


def test_an_address_at_the_institution_domain_counts_as_verified(settings, group_roles):
    settings.SSO_REQUIRED_DOMAINS = ["health.example"]
    no_claim = {"sub": "e-9", "email": "nina@health.example", "groups": ["preceptors"]}
    user = services.sso_sign_in(issuer=ISSUER, claims=no_claim)  # Entra ID sends no flag
    assert user.roles == {Role.PRECEPTOR}


def test_a_deactivated_account_is_refused(fay, group_roles):
    fay.is_active = False
    fay.save()
    with pytest.raises(services.SignInRefused) as refusal:
        services.sso_sign_in(issuer=ISSUER, claims=claims(fay.email, ["preceptors"]))
    assert refusal.value.code == "inactive"


def test_losing_the_last_group_takes_the_mapped_role_even_though_sign_in_is_refused(
    group_roles,
):
    nina = services.sso_sign_in(issuer=ISSUER, claims=claims("nina@example.org", ["preceptors"]))
    assert nina.roles == {Role.PRECEPTOR}
    with pytest.raises(services.SignInRefused) as refusal:
        services.sso_sign_in(issuer=ISSUER, claims=claims("nina@example.org", ["facilities"]))
    assert refusal.value.code == "no_role"
    assert User.objects.get(pk=nina.pk).roles == frozenset()


def test_a_role_given_by_hand_is_never_taken_by_the_mapping(group_roles):
    nina = services.sso_sign_in(issuer=ISSUER, claims=claims("nina@example.org", ["preceptors"]))
    user_roles_set(user=nina, roles={Role.PRECEPTOR, Role.INSTRUCTOR})
    services.sso_sign_in(issuer=ISSUER, claims=claims("nina@example.org", ["apprentices"]))
    assert User.objects.get(pk=nina.pk).roles == {Role.APPRENTICE, Role.INSTRUCTOR}


@pytest.mark.parametrize(
    ("extra", "mfa"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["pwd"]}, False),
        ({"amr": "mfa"}, True),
        ({}, False),
        ({"acr": "urn:okta:loa:2fa:any"}, True),
    ],
)
def test_multi_factor_is_read_from_amr_or_a_listed_acr(settings, extra, mfa):
    settings.OIDC_MFA_ACR = ["urn:okta:loa:2fa:any"]
    assert services.multi_factor(extra) is mfa


def test_sign_in_pages_are_404_when_single_sign_on_is_off(client):
    assert client.get("/sso/start/").status_code == 404
    assert client.get("/sso/callback/?state=x&code=y").status_code == 404


def test_a_callback_without_a_state_this_browser_started_is_refused(client, sso_on):
    response = client.get("/sso/callback/", {"state": "forged", "code": "abc"})
    assert response.status_code == 400
    assert b"took too long or was started in another browser" in response.content
    assert "_auth_user_id" not in client.session


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=st.dictionaries(st.sampled_from(["state", "code", "error", "next"]), st.text()))
def test_generated_callback_parameters_never_break_it(sso_on, query):
    assert Client().get("/sso/callback/", query).status_code == 400


def test_the_password_form_refuses_an_institution_account(client, sso_on, alice):
    response = client.post("/accounts/login/", {"username": alice.email, "password": "x"})
    assert response.status_code == 200
    assert b"Accounts at example.org sign in with Demo Health" in response.content
    assert b"Sign in with Demo Health" in response.content
    assert "_auth_user_id" not in client.session


def test_applicants_and_partners_keep_their_passwords(client, sso_on, dana):
    dana.email = "dana@gmail.example"
    dana.save()
    response = client.post("/accounts/login/", {"username": dana.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(dana.pk)


def test_no_password_reset_email_for_an_institution_account(client, sso_on, alice):
    client.post("/accounts/password/reset/", {"email": alice.email})
    assert mail.outbox == []


def test_the_admin_maps_a_group_and_removes_it(client, grace):
    client.force_login(grace)
    response = client.post("/sso/groups/", {"group": " Nursing Preceptors ", "role": "preceptor"})
    assert response.status_code == 302
    mapping = GroupRole.objects.get()
    assert (mapping.group, mapping.role, mapping.created_by) == (
        "Nursing Preceptors",
        Role.PRECEPTOR,
        grace,
    )
    page = client.get("/sso/groups/")
    assert b"Nursing Preceptors" in page.content
    duplicate = client.post("/sso/groups/", {"group": "Nursing Preceptors", "role": "preceptor"})
    assert b"That group already gives that role." in duplicate.content
    assert client.get(f"/sso/groups/{mapping.pk}/remove/").status_code == 405
    assert client.post(f"/sso/groups/{mapping.pk}/remove/").status_code == 302
    assert not GroupRole.objects.exists()
    assert client.post(f"/sso/groups/{mapping.pk}/remove/").status_code == 404


@pytest.mark.parametrize(
    "data", [{"group": "", "role": "preceptor"}, {"group": "x", "role": "superuser"}, {}]
)
def test_a_bad_mapping_is_refused(client, grace, data):
    client.force_login(grace)
    response = client.post("/sso/groups/", data)
    assert response.status_code == 200
    assert not GroupRole.objects.exists()


@pytest.mark.parametrize("persona", ["alice", "fay", "ed", "dana"])
def test_only_a_program_admin_sees_the_mapping(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/sso/groups/").status_code == 404


def test_the_sign_in_page_offers_the_institution_in_spanish(client, sso_on):
    client.cookies["django_language"] = "es"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es")
    assert b"Iniciar sesi\xc3\xb3n con Demo Health" in page.content
    assert b"Solicitantes y socios" in page.content


def test_an_invited_institution_account_is_told_to_sign_in_with_the_institution(
    client, grace, sso_on, mailoutbox, django_capture_on_commit_callbacks
):
    sso_on.SITE_URL = "https://apprenticeship.health.example"
    client.force_login(grace)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/users/invite/",
            {
                "full_name": "Nora Nguyen",
                "email": "nora@example.org",
                "roles": [Role.PRECEPTOR],
                "preferred_language": "en",
            },
        )
    body = mailoutbox[0].body
    assert 'choose "Sign in with Demo Health"' in body
    assert "https://apprenticeship.health.example/accounts/login/" in body
    assert "/password/reset/" not in body


def test_a_password_sign_in_after_single_sign_on_does_not_keep_its_multi_factor(client, dana):
    session = client.session
    session["sso_mfa"] = True
    session["sso_end_session_url"] = "https://login.health.example/logout"
    session.save()
    client.post("/accounts/login/", {"username": dana.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(dana.pk)
    assert "sso_mfa" not in client.session
    assert "sso_end_session_url" not in client.session
