from urllib.parse import urlparse

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role

URL = reverse("accounts:user_invite")
VALID = {
    "full_name": "Nora Nguyen",
    "email": "Nora@Example.org",
    "roles": [Role.PRECEPTOR],
    "preferred_language": "es",
}


@pytest.mark.django_db
def test_admin_invites_a_preceptor_who_gets_a_link_to_choose_a_password(
    client, grace, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(grace)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID)
    assert response.status_code == 302

    nora = User.objects.get(email="nora@example.org")
    assert nora.roles == {Role.PRECEPTOR}
    assert not nora.has_usable_password()
    assert nora.invited_by == grace
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nora@example.org"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)

    client.logout()
    response = client.get(urlparse(link.strip()).path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "nora-chooses-this-1", "new_password2": "nora-chooses-this-1"}
    )
    nora.refresh_from_db()
    assert nora.check_password("nora-chooses-this-1")


@pytest.mark.django_db
def test_the_invitation_task_sends_once_even_when_delivered_twice(
    grace, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.services import user_invite
    from accounts.tasks import send_invitation

    with django_capture_on_commit_callbacks(execute=True):
        user = user_invite(
            email="x@example.org", full_name="X", roles=[Role.COACH], invited_by=grace
        )
    send_invitation(user.pk)
    send_invitation(user.pk)
    assert len(mailoutbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, message",
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"full_name": ""}, "This field is required."),
        ({"roles": []}, "This field is required."),
        ({"roles": ["superhero"]}, "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client, grace, mailoutbox, change, message):
    client.force_login(grace)
    response = client.post(URL, {**VALID, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(full_name="Nora Nguyen").exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_an_email_already_in_use_is_refused(client, grace, alice, mailoutbox):
    client.force_login(grace)
    response = client.post(URL, {**VALID, "email": "ALICE@example.org"})
    assert "already has an account" in response.content.decode()
    assert User.objects.filter(email__iexact="alice@example.org").count() == 1
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "dana", "ed", "fay", "ivy", "cody", "gus"])
def test_only_program_admins_can_invite(client, request, who, mailoutbox):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, VALID).status_code == 403
    assert not User.objects.filter(email="nora@example.org").exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_name_with_quotes_reads_as_typed_in_the_text_email(
    client, grace, mailoutbox, django_capture_on_commit_callbacks
):
    grace.full_name = 'Grace "G" O\'Kafor & Co'
    grace.save(update_fields=["full_name"])
    client.force_login(grace)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**VALID, "full_name": 'Nora "Nonie" O\'Neil', "preferred_language": "en"})
    (mail,) = mailoutbox
    assert "&quot;" not in mail.body and "&#x27;" not in mail.body and "&amp;" not in mail.body
    assert 'Nora "Nonie" O\'Neil' in mail.body or 'Grace "G"' in mail.body
