import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import DepartmentFactory, UserFactory

URL = reverse("programs:department_list")


@pytest.mark.django_db
def test_a_hiring_manager_lists_only_their_departments(client, bob, cardiology, pediatrics):
    client.force_login(bob)
    page = client.get(URL).content.decode()
    assert "Cardiology" in page
    assert "Pediatrics" not in page


@pytest.mark.django_db
def test_staff_list_every_department(client, alice, cardiology, pediatrics):
    client.force_login(alice)
    page = client.get(URL).content.decode()
    assert "Cardiology" in page and "Pediatrics" in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["dana", "ed", "ivy", "cody"])
def test_roles_without_departments_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow_with_departments(
    client, alice, program, django_assert_max_num_queries, rows
):
    manager = UserFactory(roles=[Role.HIRING_MANAGER])
    for department in DepartmentFactory.create_batch(rows, program=program):
        department.hiring_managers.add(manager)
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert response.status_code == 200
