"""Provisioning from HR over SCIM 2.0 (/scim/v2/): what the institution's directory does to
accounts here, and who may call it."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.roles import Role
from api.models import ApiToken
from identity.models import DirectoryGroup, DirectoryUser, GroupRole

pytestmark = pytest.mark.django_db

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def hr(scim_key):
    return Client(HTTP_AUTHORIZATION=f"Bearer {scim_key}")


def post(client, path, body):
    return client.post(f"/scim/v2/{path}", json.dumps(body), content_type=SCIM)


def patch(client, path, *operations):
    body = {"schemas": [PATCH], "Operations": list(operations)}
    return client.patch(f"/scim/v2/{path}", json.dumps(body), content_type=SCIM)


def person(email, **extra):
    return {
        "schemas": [USER, ENTERPRISE],
        "userName": email,
        "name": {"givenName": "Nina", "familyName": "Patel"},
        "emails": [{"value": email}],
        "active": True,
        **extra,
    }


def test_without_a_token_or_the_scope_it_is_refused(make_scim_token):
    assert Client().get("/scim/v2/Users").status_code == 401
    wrong = Client(HTTP_AUTHORIZATION="Bearer apt_nothing_here")
    assert wrong.get("/scim/v2/Users").status_code == 401
    reader = Client(HTTP_AUTHORIZATION=f"Bearer {make_scim_token('read:program')}")
    assert reader.get("/scim/v2/Users").status_code == 403
    # the service's own description is public (RFC 7643 section 5)
    assert Client().get("/scim/v2/ServiceProviderConfig").status_code == 200


def test_hr_creates_a_person_who_can_then_sign_in_only_through_the_institution(hr):
    reply = post(hr, "Users", person("nina@health.example", externalId="E-77"))
    assert reply.status_code == 201, reply.content
    body = reply.json()
    assert body["userName"] == "nina@health.example"
    person_row = DirectoryUser.objects.get(scim_id=body["id"])
    assert person_row.user.full_name == "Nina Patel"
    assert person_row.user.is_active
    assert not person_row.user.has_usable_password()
    assert person_row.user.roles == frozenset()  # no group, no role
    found = hr.get("/scim/v2/Users", {"filter": 'userName eq "NINA@health.example"'}).json()
    assert found["totalResults"] == 1
    assert found["Resources"][0]["id"] == body["id"]
    assert post(hr, "Users", person("nina@health.example")).status_code == 409


def test_an_existing_account_is_adopted_not_duplicated(hr, fay):
    reply = post(hr, "Users", person(fay.email))
    assert reply.status_code == 201
    assert DirectoryUser.objects.get().user == fay
    fay.refresh_from_db()
    assert fay.roles == {Role.PRECEPTOR}  # hand-given roles stay


def test_deactivating_signs_the_person_out_on_their_next_request(hr, fay):
    browser = Client()
    browser.force_login(fay)
    assert browser.get("/clinic/").status_code == 200
    scim_id = post(hr, "Users", person(fay.email)).json()["id"]
    reply = patch(hr, f"Users/{scim_id}", {"op": "replace", "path": "active", "value": False})
    assert reply.status_code in (200, 204), reply.content
    assert hr.get(f"/scim/v2/Users/{scim_id}").json()["active"] is False
    response = browser.get("/clinic/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    fay.refresh_from_db()
    assert not fay.is_active
    # in the audit log: the change, by the directory's integration account
    change = fay.history.filter(is_active=False).select_related("pgh_context").get()
    assert change.pgh_context.metadata["user"] == ApiToken.objects.get(scopes=["scim"]).user_id


def test_deleting_keeps_the_account_deactivated_and_gone_from_the_directory(hr, fay):
    scim_id = post(hr, "Users", person(fay.email)).json()["id"]
    assert hr.delete(f"/scim/v2/Users/{scim_id}").status_code == 204
    assert hr.get(f"/scim/v2/Users/{scim_id}").status_code == 404
    fay.refresh_from_db()
    assert not fay.is_active  # kept for the program's records, not deleted


def test_group_membership_gives_and_takes_the_mapped_role(hr, grace):
    GroupRole.objects.create(group="Nursing Preceptors", role=Role.PRECEPTOR, created_by=grace)
    scim_id = post(hr, "Users", person("nina@health.example")).json()["id"]
    group = post(
        hr, "Groups", {"schemas": [GROUP], "displayName": "Nursing Preceptors", "members": []}
    ).json()
    reply = patch(
        hr, f"Groups/{group['id']}", {"op": "add", "path": "members", "value": [{"value": scim_id}]}
    )
    assert reply.status_code in (200, 204), reply.content
    nina = DirectoryUser.objects.get(scim_id=scim_id).user
    assert nina.roles == {Role.PRECEPTOR}
    patch(hr, f"Groups/{group['id']}", {"op": "remove", "path": f'members[value eq "{scim_id}"]'})
    assert DirectoryUser.objects.get(scim_id=scim_id).user.roles == frozenset()
    assert DirectoryGroup.objects.get().members.count() == 0


def test_an_unknown_member_is_refused(hr):
    reply = post(
        hr,
        "Groups",
        {
            "schemas": [GROUP],
            "displayName": "Nursing",
            "members": [{"value": "5b1c0c1e-0000-4000-8000-000000000000"}],
        },
    )
    assert reply.status_code == 400
    assert not DirectoryGroup.objects.exists()


def test_the_employee_number_fills_the_apprentice_employee_id(hr, ed, ed_apprentice):
    ed_apprentice.employee_id = ""
    ed_apprentice.save()
    reply = post(hr, "Users", person(ed.email, **{ENTERPRISE: {"employeeNumber": "E-1234"}}))
    assert reply.status_code == 201
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.employee_id == "E-1234"


def test_an_employee_id_already_set_is_not_overwritten(hr, ed, ed_apprentice):
    ed_apprentice.employee_id = "KEEP-1"
    ed_apprentice.save()
    post(hr, "Users", person(ed.email, **{ENTERPRISE: {"employeeNumber": "E-1234"}}))
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.employee_id == "KEEP-1"


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[]", b'{"schemas": ["nope"]}', b'{"userName": 5}', b"\x00\xff"],
)
def test_bad_input_is_a_scim_error_not_a_crash(hr, body):
    reply = hr.post("/scim/v2/Users", body, content_type=SCIM)
    assert reply.status_code == 400
    assert "urn:ietf:params:scim:api:messages:2.0:Error" in reply.json()["schemas"]


@pytest.mark.parametrize("path", ["Users/not-a-uuid", "Groups/123", "Nothing", "Users/../x"])
def test_unknown_resources_are_404(hr, path):
    assert hr.get(f"/scim/v2/{path}").status_code == 404


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=8,
)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    path=st.sampled_from(["Users", "Groups", "Users/.search", "Bulk", "Me"]),
    body=st.dictionaries(
        st.sampled_from(["schemas", "userName", "emails", "members", "displayName", "name",
                         "active", "Operations", "externalId", ENTERPRISE]),
        json_values,
    ),
)  # fmt: skip
def test_generated_bodies_never_break_scim(scim_key, path, body):
    hr = Client(HTTP_AUTHORIZATION=f"Bearer {scim_key}")
    for send in (hr.post, hr.put, hr.patch):
        reply = send(f"/scim/v2/{path}", json.dumps(body), content_type=SCIM)
        # 501 is SCIM's answer for what the service says it does not do (bulk, sorting)
        assert reply.status_code < 500 or reply.status_code == 501, (path, body, reply.content)


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=st.dictionaries(
    st.sampled_from(["filter", "startIndex", "count", "attributes", "excludedAttributes",
                     "sortBy", "cursor"]),
    st.text(max_size=40),
))  # fmt: skip
def test_generated_query_parameters_never_break_scim(scim_key, query):
    hr = Client(HTTP_AUTHORIZATION=f"Bearer {scim_key}")
    for path in ("Users", "Groups"):
        status = hr.get(f"/scim/v2/{path}", query).status_code
        assert status < 500 or status == 501, query


def test_a_user_name_that_is_not_the_email_is_found_and_lists_are_paged(hr):
    post(hr, "Users", person("nina@health.example", userName="NPATEL"))
    for n in range(3):
        post(hr, "Users", person(f"p{n}@health.example"))
    found = hr.get("/scim/v2/Users", {"filter": 'userName eq "npatel"'}).json()
    assert [r["userName"] for r in found["Resources"]] == ["NPATEL"]
    assert found["Resources"][0]["emails"] == [{"value": "nina@health.example"}]
    page = hr.get("/scim/v2/Users", {"startIndex": 2, "count": 2}).json()
    assert page["totalResults"] == 4
    assert [r["userName"] for r in page["Resources"]] == [
        "p0@health.example",
        "p1@health.example",
    ]


def test_the_last_program_admin_cannot_be_deactivated_or_removed_by_the_directory(hr, grace):
    scim_id = post(hr, "Users", person(grace.email)).json()["id"]
    reply = patch(hr, f"Users/{scim_id}", {"op": "replace", "path": "active", "value": False})
    assert reply.status_code == 400
    assert b"last active program admin" in reply.content
    assert hr.delete(f"/scim/v2/Users/{scim_id}").status_code == 400
    grace.refresh_from_db()
    assert grace.is_active


def test_a_new_address_from_the_directory_cannot_take_the_account_over(hr, fay, mailoutbox):
    browser = Client()
    browser.force_login(fay)
    scim_id = post(hr, "Users", person(fay.email)).json()["id"]
    patch(
        hr,
        f"Users/{scim_id}",
        {"op": "replace", "path": "userName", "value": "attacker@evil.example"},
        {"op": "replace", "path": "emails", "value": [{"value": "attacker@evil.example"}]},
    )
    fay.refresh_from_db()
    assert fay.email == "attacker@evil.example"
    assert not fay.has_usable_password()  # so no password reset goes to the new address
    Client().post("/accounts/password/reset/", {"email": "attacker@evil.example"})
    assert mailoutbox == []
    assert browser.get("/clinic/").status_code == 302  # her sessions ended


def test_an_integration_account_is_not_adopted(hr, make_scim_token):
    from api.models import ApiToken

    make_scim_token("read:program")
    integration = ApiToken.objects.exclude(scopes=["scim"]).get().user
    assert post(hr, "Users", person(integration.email)).status_code == 409
