import pytest
from django.urls import reverse

from accounts.roles import Role


def url(user):
    return reverse("accounts:user_edit", args=[user.pk])


def data(**change):
    return {
        "full_name": "Bob Brennan",
        "roles": [Role.HIRING_MANAGER, Role.PRECEPTOR],
        "preferred_language": "en",
        "is_active": "on",
        **change,
    }


@pytest.mark.django_db
def test_admin_changes_roles_and_deactivates(client, grace, bob):
    client.force_login(grace)
    assert client.post(url(bob), data()).status_code == 302
    bob.refresh_from_db()
    assert bob.roles == {Role.HIRING_MANAGER, Role.PRECEPTOR}
    client.post(url(bob), data(is_active=""))
    bob.refresh_from_db()
    assert not bob.is_active


@pytest.mark.django_db
def test_admin_cannot_lock_themselves_out(client, grace):
    client.force_login(grace)
    response = client.post(url(grace), data(full_name="Grace", roles=[Role.PROGRAM_STAFF]))
    assert "cannot remove your own admin role" in response.content.decode()
    grace.refresh_from_db()
    assert grace.is_program_admin


@pytest.mark.django_db
def test_a_blank_name_is_refused_and_nothing_changes(client, grace, bob):
    client.force_login(grace)
    response = client.post(url(bob), data(full_name=""))
    assert response.status_code == 200
    bob.refresh_from_db()
    assert bob.full_name == "Bob Brennan"
    assert bob.roles == {Role.HIRING_MANAGER}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "carol", "dana", "ed", "fay"])
def test_only_admins_edit_people(client, request, who, bob):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url(bob), data(full_name="Hacked")).status_code == 403
    bob.refresh_from_db()
    assert bob.full_name == "Bob Brennan"


@pytest.mark.django_db
def test_an_unknown_person_is_404(client, grace):
    client.force_login(grace)
    assert client.get(reverse("accounts:user_edit", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_reinvite_sends_a_new_link_to_someone_without_a_password(
    client, grace, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.services import user_invite

    with django_capture_on_commit_callbacks(execute=True):
        nora = user_invite(
            email="nora@example.org", full_name="Nora", roles=[Role.COACH], invited_by=grace
        )
    assert len(mailoutbox) == 1
    client.force_login(grace)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:user_reinvite", args=[nora.pk]))
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_reinvite_does_nothing_for_someone_with_a_password(client, grace, bob, mailoutbox):
    client.force_login(grace)
    client.post(reverse("accounts:user_reinvite", args=[bob.pk]))
    assert mailoutbox == []
