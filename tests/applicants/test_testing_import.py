import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applicants.models import TestResult
from tests.applicants.factories import SubmittedApplicationFactory

URL = reverse("applicants:testing_import")
HEADER = (
    "email,tested_on,entrance_exam,typing_wpm,applied_math,graphic_literacy,workplace_documents\n"
)


def post(client, text):
    return client.post(URL, {"csv_file": SimpleUploadedFile("day.csv", text.encode(), "text/csv")})


@pytest.fixture
def two(clinical_track):
    return [
        SubmittedApplicationFactory(track=clinical_track, person__email="a@example.net"),
        SubmittedApplicationFactory(track=clinical_track, person__email="b@example.net"),
    ]


@pytest.mark.django_db
def test_a_clean_file_records_every_row(client, alice, two):
    client.force_login(alice)
    response = post(
        client, HEADER + "A@example.net,2026-11-20,85,45,4,4,5\nb@example.net,2026-11-20,80,,,,\n"
    )
    assert response.status_code == 302
    assert TestResult.objects.count() == 6
    two[0].refresh_from_db()
    assert two[0].step == "screening"


@pytest.mark.django_db
def test_row_errors_are_listed_and_nothing_is_saved(client, alice, two):
    client.force_login(alice)
    page = post(
        client,
        HEADER + "a@example.net,2026-11-20,85,45,9,4,5\nnobody@example.net,20/11/2026,80,,,,\n",
    ).content.decode()
    assert "Row 2: applied_math must be a whole number from 3 to 7." in page
    assert "Row 3: no applicant waiting for tests has the email" in page
    assert "Row 3: tested_on must be a date" in page
    assert not TestResult.objects.exists()


@pytest.mark.django_db
def test_a_file_without_the_header_is_refused(client, alice, two):
    client.force_login(alice)
    assert "starting with email" in post(client, "a@example.net,2026-11-20,85\n").content.decode()
    assert not TestResult.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ivy", "dana"])
def test_only_staff_import(client, request, who, two):
    client.force_login(request.getfixturevalue(who))
    assert post(client, HEADER + "a@example.net,2026-11-20,85,45,4,4,5\n").status_code == 403
    assert not TestResult.objects.exists()


@pytest.mark.django_db
def test_the_testing_day_pages_fifty_at_a_time_and_searches(client, alice, clinical_track):
    for n in range(60):
        SubmittedApplicationFactory(
            track=clinical_track, step="applied", person__last_name=f"Zed{n:02d}"
        )
    SubmittedApplicationFactory(track=clinical_track, step="testing", person__last_name="Abara")
    client.force_login(alice)
    url = reverse("applicants:testing_day")
    first = client.get(url).content.decode()
    assert "61 applicants waiting for tests." in first and "Showing 1 to 50." in first
    assert "Abara" in first and "Zed59" not in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Zed59" in second
    found = client.get(url, {"q": "zed07"}).content.decode()
    assert "Zed07" in found and "Abara" not in found


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_the_testing_day_query_count_does_not_grow(
    client, alice, clinical_track, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        SubmittedApplicationFactory(track=clinical_track, step="applied")
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("applicants:testing_day")).status_code == 200
