import pytest
from django.urls import reverse


def form(**change):
    return {
        "name": "WashU Medical Apprenticeship Program",
        "sponsor_name": "WashU",
        "dol_program_number": "2021-MO-999",
        "registration_agency": "OA",
        "registration_agency_name": "",
        "address": "",
        "contact_email": "",
        "contact_phone": "",
        **change,
    }


@pytest.mark.django_db
def test_admin_updates_the_dol_program_number(client, grace, program):
    client.force_login(grace)
    client.post(reverse("programs:program_edit", args=[program.pk]), form())
    program.refresh_from_db()
    assert program.dol_program_number == "2021-MO-999"
    assert "2021-MO-999" in client.get(reverse("programs:overview")).content.decode()


@pytest.mark.django_db
def test_bad_email_is_refused(client, grace, program):
    client.force_login(grace)
    response = client.post(
        reverse("programs:program_edit", args=[program.pk]), form(contact_email="nope")
    )
    assert "Enter a valid email address." in response.content.decode()
    program.refresh_from_db()
    assert program.dol_program_number == "2021-MO-104233"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "ed"])
def test_only_admins_edit_the_program(client, request, who, program):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("programs:program_edit", args=[program.pk]), form())
    assert response.status_code == 403
    program.refresh_from_db()
    assert program.dol_program_number == "2021-MO-104233"


@pytest.mark.django_db
def test_staff_can_read_the_program_overview(client, alice, program, bob):
    client.force_login(alice)
    assert "2021-MO-104233" in client.get(reverse("programs:overview")).content.decode()
    client.force_login(bob)
    assert client.get(reverse("programs:overview")).status_code == 403
