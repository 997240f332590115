"""Social Security numbers: stored encrypted, shown masked, entered by staff, audited."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from applicants.models import Person
from audit.models import PersonalDataAccess
from tests.applicants.factories import SubmittedApplicationFactory


def _url(application) -> str:
    return reverse("applicants:ssn", args=[application.pk])


@pytest.mark.django_db
def test_staff_record_an_ssn_which_is_encrypted_at_rest_and_shown_masked(client, alice):
    application = SubmittedApplicationFactory()
    client.force_login(alice)
    response = client.post(_url(application), {"ssn": "123456789"})
    assert response.status_code == 302

    person = Person.objects.get(pk=application.person_id)
    assert person.ssn == "123-45-6789"
    with connection.cursor() as cursor:
        cursor.execute("SELECT ssn FROM applicants_person WHERE id = %s", [person.pk])
        stored = cursor.fetchone()[0]
    assert "6789" not in stored and stored.startswith("gAAAA")  # a Fernet token

    detail = client.get(reverse("applicants:application_detail", args=[application.pk]))
    page = detail.content.decode()
    assert "•••-••-6789" in page and "123-45-6789" not in page
    form_page = client.get(_url(application)).content.decode()
    assert "•••-••-6789" in form_page and "123-45" not in form_page
    change = PersonalDataAccess.objects.get(action="change", subject_id=str(person.pk))
    assert change.actor == alice and change.fields == ["ssn"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12345678", "Enter nine digits"),
        ("abc-de-fghi", "Enter nine digits"),
        ("١٢٣-٤٥-٦٧٨٩", "Enter nine digits"),  # Arabic-Indic digits: RAPIDS takes ASCII only
        ("१२३-४५-६७८९", "Enter nine digits"),  # Devanagari
        ("000-12-3456", "not a number the SSA issues"),
        ("666-12-3456", "not a number the SSA issues"),
        ("912-12-3456", "not a number the SSA issues"),
        ("123-00-4567", "not a number the SSA issues"),
        ("123-45-0000", "not a number the SSA issues"),
        ("", "This field is required"),
    ],
)
def test_a_wrong_number_is_refused_with_a_reason_and_nothing_saved(client, alice, typed, message):
    application = SubmittedApplicationFactory(person__ssn="123-45-6789")
    client.force_login(alice)
    response = client.post(_url(application), {"ssn": typed})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.get(pk=application.person_id).ssn == "123-45-6789"
    assert not PersonalDataAccess.objects.filter(action="change").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ivy", "ed", "dana", "fay"])
def test_only_program_staff_record_an_ssn(client, request, who):
    application = SubmittedApplicationFactory(person__date_of_birth=date(1990, 1, 1))
    client.force_login(request.getfixturevalue(who))
    assert client.post(_url(application), {"ssn": "123-45-6789"}).status_code == 403
    assert Person.objects.get(pk=application.person_id).ssn is None
