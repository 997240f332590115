"""The program dashboard: figures from the rows, a chart beside each table, a CSV of each
table, a bounded number of queries whatever the size, staff only."""

from datetime import date

import pytest
from django.urls import reverse

from tests.applicants.factories import SubmittedApplicationFactory
from tests.cohorts.factories import ApprenticeFactory


def _year_of(month: date) -> dict[str, str]:
    return {"start": f"{month.year}-01-01", "end": f"{month.year}-12-31"}


@pytest.fixture
def flow(clinical_track, cohort):
    month = cohort.start_date.replace(day=1)
    SubmittedApplicationFactory(
        track=clinical_track, intake_month=month, step="interest", submitted_at=None
    )
    for step in ("applied", "testing", "screening", "declined", "enrolled"):
        SubmittedApplicationFactory(track=clinical_track, intake_month=month, step=step)
    return month


@pytest.mark.django_db
def test_the_funnel_counts_who_reached_each_step(client, alice, flow, cohort):
    client.force_login(alice)
    response = client.get(reverse("reports:dashboard"), _year_of(flow))
    funnel = {t.key: t for t in response.context["tables"]}["funnel"]
    row = next(r for r in funnel.rows if r[0] == flow.strftime("%Y-%m"))
    # interest, applied, past testing (a declined offer too), offered (declined too), hired
    assert row[1:] == [6, 5, 3, 2, 1]
    assert funnel.chart.startswith("data:image/svg+xml;")
    assert 'alt="Chart: From interest to hire' in response.content.decode()


@pytest.mark.django_db
def test_each_table_downloads_as_csv(client, alice, flow):
    client.force_login(alice)
    response = client.get(reverse("reports:dashboard"), {**_year_of(flow), "csv": "funnel"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("Intake month,Interest,Applied")
    assert client.get(reverse("reports:dashboard"), {"csv": "nope"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_the_dashboard_stays_within_its_query_budget(
    client, alice, clinical_track, cohort, rows, django_assert_max_num_queries
):
    ApprenticeFactory.create_batch(rows, cohort=cohort, starting_hourly_rate=18)
    SubmittedApplicationFactory.create_batch(
        rows, track=clinical_track, intake_month=date(2026, 5, 1)
    )
    client.force_login(alice)
    # The completion rate of every track: the tracks and four queries.
    with django_assert_max_num_queries(21):
        assert client.get(reverse("reports:dashboard")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"start": "x"}, {"track": "999999"}, {"end": "2026-02-30"}])
def test_bad_filters_fall_back_to_the_defaults(client, alice, params):
    client.force_login(alice)
    assert client.get(reverse("reports:dashboard"), params).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ivy", "fay", "ed"])
def test_staff_only(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("reports:dashboard")).status_code == 404
