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
        "pay_period_start": "2026-01-04",
        "pay_period_days": "14",
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


@pytest.mark.django_db
def test_the_admin_sets_the_pay_calendar(client, grace, program):
    client.force_login(grace)
    client.post(
        reverse("programs:program_edit", args=[program.pk]),
        form(pay_period_start="2026-11-01", pay_period_days="7"),
    )
    program.refresh_from_db()
    assert (program.pay_period_start.isoformat(), program.pay_period_days) == ("2026-11-01", 7)


@pytest.mark.django_db
def test_a_pay_period_other_than_a_week_or_two_is_refused(client, grace, program):
    client.force_login(grace)
    response = client.post(
        reverse("programs:program_edit", args=[program.pk]), form(pay_period_days="10")
    )
    assert "Select a valid choice" in response.content.decode()
    program.refresh_from_db()
    assert program.pay_period_days == 14
