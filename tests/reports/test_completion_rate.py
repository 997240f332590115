"""29 CFR 29.2's completion rate, counted by hand over a seeded registration cohort: of the
apprentices registered in the window, those who completed within one year of their projected
completion date; cancellations during probation left out of both counts."""

from datetime import date, timedelta

import pytest

from cohorts.models import Apprentice, ApprenticeEvent
from reports.program import program_report
from tests.cohorts.factories import ApprenticeFactory, CohortFactory
from wages.lifecycle import completion_rate

Status = Apprentice.Status
START = date(2024, 1, 1)  # a Monday; 52 weeks: projected completion 2024-12-29


def _apprentice(cohort, *events):
    apprentice = ApprenticeFactory(cohort=cohort, employment_start=START, status=events[-1][1])
    ApprenticeEvent.objects.create(
        apprentice=apprentice,
        from_status=Status.PENDING_REGISTRATION,
        to_status=Status.PROBATION,
        effective_on=START + timedelta(days=10),
    )
    for on, to_status, during in events:
        ApprenticeEvent.objects.create(
            apprentice=apprentice,
            from_status=Status.ACTIVE,
            to_status=to_status,
            effective_on=on,
            during_probation=during,
        )
    return apprentice


@pytest.mark.django_db
def test_the_rate_matches_a_hand_count(clinical_track):
    cohort = CohortFactory(track=clinical_track, start_date=START)
    _apprentice(cohort, (date(2024, 2, 1), Status.CANCELLED, True))  # left out of both
    _apprentice(cohort, (date(2024, 12, 29), Status.COMPLETED, False))  # on time
    _apprentice(cohort, (date(2025, 12, 29), Status.COMPLETED, False))  # the last day of the year
    _apprentice(cohort, (date(2025, 12, 30), Status.COMPLETED, False))  # a day too late
    _apprentice(cohort, (date(2024, 7, 1), Status.CANCELLED, False))  # after probation: counted
    today = date(2026, 3, 1)
    rate = completion_rate(
        track_id=clinical_track.pk,
        registered_from=date(2024, 1, 1),
        registered_to=date(2024, 12, 31),
        today=today,
    )
    assert (rate.registered, rate.left_in_probation, rate.counted) == (5, 1, 4)
    assert (rate.completed_in_time, rate.still_open, rate.percent) == (2, 0, 50)
    report = program_report(
        track=clinical_track, start=date(2024, 1, 1), end=date(2024, 12, 31), today=today
    )
    label, value = next(f for f in report.figures if str(f[0]).startswith("Completion rate"))
    assert value == "50%"
    assert "less 1 cancelled during probation" in str(label)


@pytest.mark.django_db
def test_a_cohort_still_in_its_year_says_how_many_are_open(clinical_track):
    cohort = CohortFactory(track=clinical_track, start_date=START)
    _apprentice(cohort, (date(2024, 12, 20), Status.COMPLETED, False))
    ApprenticeFactory(cohort=cohort, employment_start=START, status=Status.ACTIVE)
    ApprenticeEvent.objects.create(
        apprentice=Apprentice.objects.latest("pk"),
        from_status=Status.PENDING_REGISTRATION,
        to_status=Status.PROBATION,
        effective_on=START + timedelta(days=10),
    )
    rate = completion_rate(
        track_id=clinical_track.pk,
        registered_from=START,
        registered_to=date(2024, 12, 31),
        today=date(2025, 6, 1),
    )
    assert (rate.completed_in_time, rate.still_open, rate.counted) == (1, 1, 2)


@pytest.mark.django_db
def test_the_dashboard_shows_the_rate_with_its_definition(client, alice, clinical_track):
    from django.urls import reverse

    cohort = CohortFactory(track=clinical_track, start_date=START)
    _apprentice(cohort, (date(2024, 12, 29), Status.COMPLETED, False))
    _apprentice(cohort, (date(2024, 2, 1), Status.CANCELLED, True))
    client.force_login(alice)
    response = client.get(
        reverse("reports:dashboard"), {"start": "2024-01-01", "end": "2024-12-31"}
    )
    table = {t.key: t for t in response.context["tables"]}["completion_rate"]
    assert table.rows == [[clinical_track.name, 2, 1, 1, 1, 0, "100%"]]
    assert "29 CFR 29.2" in response.content.decode()
