from decimal import Decimal

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
        "max_day_hours": "16",
        "max_week_hours": "60",
        "hours_increment": "0.25",
        "late_grace_minutes": "0",
        "late_unit_minutes": "15",
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


@pytest.mark.django_db
def test_the_admin_sets_the_hours_rules_and_they_apply(client, grace, program):
    """The caps, the step hours are kept in and the lateness rule are the program's settings,
    each shown with its default."""
    client.force_login(grace)
    url = reverse("programs:program_edit", args=[program.pk])
    page = client.get(url).content.decode()
    assert "Default 16" in page and "Default 60" in page and "Default a quarter hour" in page
    response = client.post(url, form(max_week_hours="0", hours_increment="0.3"))
    page = response.content.decode()
    assert "Ensure this value is greater than or equal to 1" in page
    assert "Select a valid choice" in page
    client.post(
        url,
        form(
            max_day_hours="12",
            max_week_hours="48",
            hours_increment="0.10",
            late_grace_minutes="5",
            late_unit_minutes="6",
        ),
    )
    program.refresh_from_db()
    assert (program.max_day_hours, program.max_week_hours, program.hours_increment) == (
        12,
        48,
        Decimal("0.10"),
    )
    assert program.class_hours_lost(11) == Decimal("0.10")  # 6 minutes beyond the grace
    assert program.rounded(Decimal("7.83")) == Decimal("7.80")
