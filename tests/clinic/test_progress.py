"""Progress: approved hours against plan by work process, pace, projection, and the notice and
extension when the projection falls short."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import HoursAdjustment, TimeEntry, Timesheet
from clinic.selectors import apprentice_progress, cohort_clinic_roster
from clinic.services import term_extend


def _approved_weeks(apprentice, weeks, hours_a_day, processes):
    """``weeks`` approved weeks ending last week, five days a week, spread over processes."""
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    for n in range(weeks):
        monday = last_monday - timedelta(weeks=n)
        sheet = Timesheet.objects.create(
            apprentice=apprentice,
            week_start=monday,
            status=Timesheet.Status.APPROVED,
            total_hours=5 * Decimal(hours_a_day),  # as the services keep it
        )
        TimeEntry.objects.bulk_create(
            TimeEntry(
                timesheet=sheet,
                apprentice=apprentice,
                day=monday + timedelta(days=d),
                work_process=processes[d % len(processes)],
                hours=Decimal(hours_a_day),
            )
            for d in range(5)
        )


@pytest.mark.django_db
def test_totals_by_work_process_equal_the_rows(placed_ed, work_processes, fay):
    _approved_weeks(placed_ed, 3, "8", work_processes)
    HoursAdjustment.objects.create(
        apprentice=placed_ed,
        work_process=work_processes[0],
        day=timezone.localdate(),
        hours=Decimal("-2"),
        reason="Double-counted shift",
        by=fay,
    )
    progress = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    for process, hours in progress.by_process:
        rows = sum(e.hours for e in TimeEntry.objects.filter(work_process=process))
        adjusted = sum(a.hours for a in HoursAdjustment.objects.filter(work_process=process))
        assert hours == rows + adjusted
    assert progress.approved == Decimal(3 * 40 - 2)


@pytest.mark.django_db
def test_a_submitted_week_does_not_count_until_approved(placed_ed, work_processes):
    _approved_weeks(placed_ed, 1, "8", work_processes)
    Timesheet.objects.update(status=Timesheet.Status.SUBMITTED)
    assert apprentice_progress(apprentice=placed_ed, today=timezone.localdate()).approved == 0


def _started_weeks_ago(apprentice, weeks):
    apprentice.employment_start = timezone.localdate() - timedelta(weeks=weeks)
    apprentice.save()


@pytest.mark.django_db
@pytest.mark.parametrize(("hours_a_day", "short"), [("8", False), ("6", True)])
def test_the_notice_appears_exactly_when_the_projection_falls_short(
    client, alice, placed_ed, work_processes, hours_a_day, short
):
    """Forty weeks in with 8 weeks of pace: 40 h a week reaches 2,000 h in time, 30 does not."""
    _started_weeks_ago(placed_ed, 40)
    # Hours before the last eight weeks, as an adjustment: on plan (36 h x 12 + 40 h x 28).
    HoursAdjustment.objects.create(
        apprentice=placed_ed,
        work_process=work_processes[0],
        day=placed_ed.employment_start,
        hours=Decimal(1560) - 8 * 5 * Decimal(hours_a_day),
        reason="Earlier weeks",
    )
    _approved_weeks(placed_ed, 8, hours_a_day, work_processes)
    progress = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    assert progress.short is short
    client.force_login(alice)
    page = client.get(reverse("clinic:apprentice", args=[placed_ed.pk])).content.decode()
    assert ('id="ojl-short"' in page) is short
    roster = cohort_clinic_roster(cohort=placed_ed.cohort, today=timezone.localdate())
    row = next(a for a in roster if a.pk == placed_ed.pk)
    assert row.ojl.short is short
    assert row.at_risk is (short or row.rti.at_risk)


@pytest.mark.django_db
def test_an_extension_moves_the_end_and_clears_the_notice(client, alice, placed_ed, work_processes):
    _started_weeks_ago(placed_ed, 40)
    _approved_weeks(placed_ed, 8, "6", work_processes)
    progress = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    assert progress.short
    client.force_login(alice)
    client.post(
        reverse("clinic:extend", args=[placed_ed.pk]),
        {
            "new_end_date": (progress.projected_completion + timedelta(days=7)).isoformat(),
            "reason": "Hours short after leave",
        },
    )
    progress = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    assert not progress.short and progress.extensions[0].reason == "Hours short after leave"


@pytest.mark.django_db
def test_an_extension_must_move_the_end_later(placed_ed, alice):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="after the current one"):
        term_extend(
            apprentice=placed_ed, new_end_date=placed_ed.employment_start, reason="x", by=alice
        )


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_the_cohort_roster_and_progress_pages_keep_their_query_count(
    client, alice, placed_ed, cohort, work_processes, django_assert_max_num_queries, rows
):
    from tests.clinic.conftest import other_apprentice

    for _ in range(rows):
        _approved_weeks(other_apprentice(cohort), 2, "8", work_processes)
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("clinic:cohort", args=[cohort.pk])).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(reverse("clinic:apprentice", args=[placed_ed.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("weeks_in", "hours_a_day", "short"), [(5, "7.25", False), (5, "5", True)])
def test_a_newcomers_pace_counts_only_the_weeks_worked(
    placed_ed, work_processes, weeks_in, hours_a_day, short
):
    """Five complete classroom weeks at 36 h are on plan, and the pace is over those five."""
    _started_weeks_ago(placed_ed, weeks_in)
    _approved_weeks(placed_ed, weeks_in, hours_a_day, work_processes)
    progress = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    assert progress.pace == 5 * Decimal(hours_a_day)
    assert progress.short is short


@pytest.mark.django_db
def test_in_the_first_week_nothing_is_projected_or_flagged(placed_ed):
    _started_weeks_ago(placed_ed, 0)
    progress = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    assert progress.projected_completion is None and not progress.short
