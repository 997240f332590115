import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import UserFactory

URL = reverse("accounts:user_list")


@pytest.mark.django_db
def test_staff_see_everyone_with_their_roles(client, alice, bob):
    client.force_login(alice)
    page = client.get(URL).content.decode()
    assert "Bob Brennan" in page
    assert "Hiring manager" in page


@pytest.mark.django_db
def test_it_filters_by_role_and_searches_by_name(client, alice, bob, fay):
    client.force_login(alice)
    page = client.get(URL, {"role": Role.PRECEPTOR}).content.decode()
    assert "Fay Foster" in page and "Bob Brennan" not in page
    page = client.get(URL, {"q": "brenn"}).content.decode()
    assert "Bob Brennan" in page and "Fay Foster" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "dana", "ed", "fay", "ivy", "cody", "gus"])
def test_people_outside_the_program_office_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow_with_people(client, alice, django_assert_max_num_queries, rows):
    UserFactory.create_batch(rows, roles=[Role.PRECEPTOR, Role.INSTRUCTOR])
    client.force_login(alice)
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    assert response.status_code == 200
