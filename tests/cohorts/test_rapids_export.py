"""The RAPIDS registration file: checked row by row, all or nothing, SSNs in full only in the
file, every download audited, program admins only."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from applicants.models import SelfIdentification
from audit.models import PersonalDataAccess
from tests.cohorts.factories import ApprenticeFactory, CohortFactory


def _url(cohort) -> str:
    return reverse("cohorts:rapids_export", args=[cohort.pk])


def _ready(cohort, **person):
    defaults = {"ssn": "123-45-6789", "date_of_birth": date(1995, 3, 7)}
    return ApprenticeFactory(
        cohort=cohort,
        starting_hourly_rate=Decimal("17.50"),
        **{f"person__{k}": v for k, v in {**defaults, **person}.items()},
    )


@pytest.fixture
def january(clinical_track):
    return CohortFactory(track=clinical_track, start_date=date(2027, 1, 4))


@pytest.mark.django_db
def test_the_file_has_the_coded_fields_and_every_download_is_audited(client, grace, january):
    maria = _ready(january, first_name="Maria", last_name="Lopez")
    SelfIdentification.objects.create(
        application=maria.application,
        sex="female",
        ethnicity="hispanic",
        races=["white"],
        disability="no",
    )
    _ready(january, first_name="Sam", last_name="Young", ssn="234-56-7890")
    ApprenticeFactory(cohort=january, rapids_id="RA-1", person__ssn="345-67-8901")
    client.force_login(grace)

    page = client.get(_url(january)).content.decode()
    assert "•••-••-6789" in page and "123-45-6789" not in page
    response = client.post(_url(january))

    assert response["Content-Disposition"].startswith('attachment; filename="rapids-')
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["Apprentice Last Name"] for r in rows] == ["Lopez", "Young"]
    lopez = rows[0]
    assert lopez["Social Security Number"] == "123-45-6789"
    assert lopez["Date of Birth"] == "03/07/1995"
    assert lopez["Date Apprenticeship Begins"] == "01/04/2027"
    assert (lopez["Gender"], lopez["Ethnicity Hispanic / Latino"], lopez["White"]) == (
        "F",
        "1",
        "1",
    )
    assert (lopez["Asian"], lopez["Apprentice Disability Status"]) == ("0", "0")
    assert (lopez["Entry Wages"], lopez["Entry Wage Units"]) == ("17.50", "Hourly")
    assert rows[1]["Gender"] == "9" and rows[1]["White"] == "9"  # did not self-identify
    exports = PersonalDataAccess.objects.filter(action="export", actor=grace)
    assert exports.count() == 2
    assert "ssn" in exports.first().fields


@pytest.mark.django_db
def test_a_row_with_problems_blocks_the_whole_file_and_says_why(client, grace, january):
    _ready(january)
    _ready(january, first_name="Kid", ssn=None, date_of_birth=date(2012, 1, 1))
    client.force_login(grace)
    page = client.get(_url(january)).content.decode()
    assert "Social Security number is missing." in page
    assert "Younger than 16 on the start date." in page
    assert "disabled" in page

    response = client.post(_url(january))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "nothing was exported" in response.content.decode()
    assert not PersonalDataAccess.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_a_fully_registered_cohort_has_nothing_to_export(client, grace, january):
    ApprenticeFactory(cohort=january, rapids_id="RA-9")
    client.force_login(grace)
    response = client.post(_url(january))
    assert "already registered in RAPIDS" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "ivy", "bob", "ed", "dana"])
def test_only_program_admins_export(client, request, who, january):
    _ready(january)
    client.force_login(request.getfixturevalue(who))
    assert client.post(_url(january)).status_code in (403, 404)
    assert not PersonalDataAccess.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_a_missing_cohort_is_404(client, grace):
    client.force_login(grace)
    assert client.get(reverse("cohorts:rapids_export", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow_with_apprentices(
    client, grace, january, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        _ready(january)
    client.force_login(grace)
    with django_assert_max_num_queries(10):
        assert client.get(_url(january)).status_code == 200


@pytest.mark.django_db
def test_a_name_typed_as_a_formula_reaches_the_file_as_text(client, grace, january):
    _ready(january, first_name='=HYPERLINK("http://x")', last_name="@SUM(A1)")
    client.force_login(grace)
    response = client.post(_url(january))
    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["Apprentice First Name"] == '\'=HYPERLINK("http://x")'
    assert row["Apprentice Last Name"] == "'@SUM(A1)"
