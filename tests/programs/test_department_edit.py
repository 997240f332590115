import pytest
from django.urls import reverse

from programs.models import Department


def form(program, **change):
    return {
        "program": program.pk,
        "name": "Oncology",
        "location": "Siteman",
        "phone": "",
        "is_active": "on",
        **change,
    }


@pytest.mark.django_db
def test_admin_creates_a_department_with_its_hiring_manager(client, grace, program, bob):
    client.force_login(grace)
    response = client.post(
        reverse("programs:department_create"), form(program, hiring_managers=[bob.pk])
    )
    department = Department.objects.get(name="Oncology")
    assert response.url == reverse("programs:department_detail", args=[department.pk])
    assert list(department.hiring_managers.all()) == [bob]


@pytest.mark.django_db
def test_someone_without_the_role_cannot_be_made_hiring_manager(client, grace, program, dana):
    client.force_login(grace)
    response = client.post(
        reverse("programs:department_create"), form(program, hiring_managers=[dana.pk])
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Department.objects.filter(name="Oncology").exists()


@pytest.mark.django_db
def test_a_duplicate_name_is_refused(client, grace, program, cardiology):
    client.force_login(grace)
    response = client.post(reverse("programs:department_create"), form(program, name="Cardiology"))
    assert response.status_code == 200
    assert Department.objects.filter(name="Cardiology").count() == 1


@pytest.mark.django_db
def test_admin_edits_a_department(client, grace, cardiology, carol):
    client.force_login(grace)
    client.post(
        reverse("programs:department_edit", args=[cardiology.pk]),
        form(cardiology.program, name="Cardiology & Vascular", hiring_managers=[carol.pk]),
    )
    cardiology.refresh_from_db()
    assert cardiology.name == "Cardiology & Vascular"
    assert list(cardiology.hiring_managers.all()) == [carol]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "fay", "ed"])
def test_only_admins_create_or_edit_departments(client, request, who, cardiology):
    client.force_login(request.getfixturevalue(who))
    edit = reverse("programs:department_edit", args=[cardiology.pk])
    assert client.post(edit, form(cardiology.program, name="X")).status_code == 403
    assert (
        client.post(reverse("programs:department_create"), form(cardiology.program)).status_code
        == 403
    )
    cardiology.refresh_from_db()
    assert cardiology.name == "Cardiology"
    assert not Department.objects.filter(name="Oncology").exists()
