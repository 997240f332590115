"""Part-time and leave: the apprentice's own planned hours for a period. The plan, the pace
and the projection follow it, and a leave that pushes the projection past the end proposes
the extension."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apprenticeship.dates import week_start
from clinic.models import SchedulePeriod, Timesheet
from clinic.selectors import apprentice_progress, planned_week_hours
from cohorts.models import Apprentice


def _year_in_progress(apprentice, weeks_in: int, hours: Decimal, skip: set[int] = frozenset()):
    """Started `weeks_in` weeks ago, each past week approved at `hours` (weeks in `skip`: 0)."""
    today = timezone.localdate()
    start = week_start(today) - timedelta(weeks=weeks_in)
    Apprentice.objects.filter(pk=apprentice.pk).update(employment_start=start)
    apprentice.refresh_from_db()
    for n in range(weeks_in):
        Timesheet.objects.create(
            apprentice=apprentice,
            week_start=start + timedelta(weeks=n),
            status=Timesheet.Status.APPROVED,
            total_hours=Decimal(0) if n in skip else hours,
        )
    return start


@pytest.mark.django_db
def test_a_leave_is_neither_zeros_in_the_pace_nor_hours_in_the_plan(client, alice, placed_ed):
    start = _year_in_progress(placed_ed, 20, Decimal(40), skip={16, 17, 18})
    before = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    assert before.pace == Decimal("25.00")  # 5 weeks at 40 + 3 at 0, over 8
    client.force_login(alice)
    response = client.post(
        reverse("clinic:schedule_add", args=[placed_ed.pk]),
        {
            "kind": "leave",
            "starts_on": (start + timedelta(weeks=16)).isoformat(),
            "ends_on": (start + timedelta(weeks=19) - timedelta(days=1)).isoformat(),
            "weekly_hours": "",
            "reason": "Surgery and recovery",
        },
    )
    assert response.status_code == 302
    placed_ed = Apprentice.objects.select_related("standard", "cohort").get(pk=placed_ed.pk)
    assert planned_week_hours(placed_ed, start + timedelta(weeks=17)) == 0
    after = apprentice_progress(apprentice=placed_ed, today=timezone.localdate())
    assert after.pace == Decimal("40.00")  # the leave weeks are left out of the pace
    assert after.projected_completion < before.projected_completion
    page = client.get(reverse("clinic:apprentice", args=[placed_ed.pk])).content.decode()
    assert "Leave of absence from" in page and "Surgery and recovery" in page


@pytest.mark.django_db
def test_a_long_leave_ahead_proposes_the_extension(client, alice, placed_ed):
    start = _year_in_progress(placed_ed, 20, Decimal(40))
    today = timezone.localdate()
    SchedulePeriod.objects.create(
        apprentice=placed_ed,
        kind="leave",
        starts_on=week_start(today),
        ends_on=week_start(today) + timedelta(weeks=12, days=-1),
        weekly_hours=0,
        reason="Family leave",
    )
    progress = apprentice_progress(apprentice=placed_ed, today=today)
    assert progress.short and progress.projected_completion > progress.term_end
    client.force_login(alice)
    page = client.get(reverse("clinic:apprentice", args=[placed_ed.pk])).content.decode()
    assert f'value="{progress.projected_completion.isoformat()}"' in page  # the proposal
    assert start  # started twenty weeks ago


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "part_time", "weekly_hours": ""}, "between 1 and 39"),
        ({"kind": "part_time", "weekly_hours": "45"}, "between 1 and 39"),
        ({"ends_on": "2000-01-01"}, "ends before it starts"),
        ({"reason": ""}, "Give the kind"),
        ({"kind": "sabbatical"}, "Give the kind"),
    ],
)
def test_a_bad_period_is_refused(client, alice, placed_ed, change, message):
    client.force_login(alice)
    today = timezone.localdate()
    form = {
        "kind": "leave",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=30)).isoformat(),
        "weekly_hours": "",
        "reason": "Leave",
        **change,
    }
    page = client.post(
        reverse("clinic:schedule_add", args=[placed_ed.pk]), form, follow=True
    ).content.decode()
    assert message in page
    assert not SchedulePeriod.objects.exists()


@pytest.mark.django_db
def test_periods_do_not_overlap_and_only_staff_record_them(client, alice, fay, ed, placed_ed):
    today = timezone.localdate()
    form = {
        "kind": "part_time",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=60)).isoformat(),
        "weekly_hours": "24",
        "reason": "School term",
    }
    url = reverse("clinic:schedule_add", args=[placed_ed.pk])
    for who in (fay, ed):
        client.force_login(who)
        assert client.post(url, form).status_code == 403
    client.force_login(alice)
    client.post(url, form)
    page = client.post(url, {**form, "kind": "leave"}, follow=True).content.decode()
    assert "Another schedule period covers some of these days" in page
    assert SchedulePeriod.objects.get().weekly_hours == 24
