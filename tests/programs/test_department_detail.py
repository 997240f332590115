import pytest
from django.urls import reverse


def url(department):
    return reverse("programs:department_detail", args=[department.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "grace"])
def test_program_office_sees_every_department(client, request, who, cardiology, pediatrics):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(cardiology)).status_code == 200
    assert client.get(url(pediatrics)).status_code == 200


@pytest.mark.django_db
def test_a_hiring_manager_sees_their_department_with_its_people(client, bob, cardiology):
    client.force_login(bob)
    page = client.get(url(cardiology)).content.decode()
    assert "Cardiology" in page and "Fay Foster" in page


@pytest.mark.django_db
def test_a_hiring_manager_gets_404_on_another_department(client, bob, cardiology, pediatrics):
    client.force_login(bob)
    assert client.get(url(pediatrics)).status_code == 404


@pytest.mark.django_db
def test_a_preceptor_sees_only_the_clinic_they_precept_in(client, fay, cardiology, pediatrics):
    client.force_login(fay)
    assert client.get(url(cardiology)).status_code == 200
    assert client.get(url(pediatrics)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["dana", "ed", "ivy", "cody"])
def test_roles_without_departments_get_403(client, request, who, cardiology):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(cardiology)).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, cardiology):
    assert client.get(url(cardiology)).status_code == 302
