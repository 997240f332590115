import pytest
from django.urls import reverse

from tests.cohorts.factories import ApprenticeFactory, CohortFactory

URL = reverse("cohorts:list")


@pytest.mark.django_db
def test_staff_see_every_cohort_with_seats(client, alice, clinical_track):
    cohort = CohortFactory(track=clinical_track, capacity=5)
    ApprenticeFactory.create_batch(2, cohort=cohort)
    client.force_login(alice)
    page = client.get(URL).content.decode()
    assert "2 / 5" in page


@pytest.mark.django_db
def test_an_instructor_sees_only_their_cohorts(client, ivy, clinical_track):
    mine = CohortFactory(track=clinical_track)
    mine.instructors.add(ivy)
    CohortFactory(track=clinical_track)
    client.force_login(ivy)
    assert list(client.get(URL).context["page"]) == [mine]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "fay", "ed", "dana", "cody"])
def test_other_roles_get_403(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow(
    client, alice, clinical_track, ivy, rows, django_assert_max_num_queries
):
    for cohort in CohortFactory.create_batch(rows, track=clinical_track):
        cohort.instructors.add(ivy)
        ApprenticeFactory(cohort=cohort)
    client.force_login(alice)
    with django_assert_max_num_queries(11):
        assert client.get(URL).status_code == 200
