"""The apprentice's week: every rule at its boundary, drafts, submission, locks."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clinic.models import TimeEntry, Timesheet
from clinic.services import timesheet_decide, timesheet_for_week, timesheet_save


def _last_week(apprentice):
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() + 7)


def _save(apprentice, hours, **kwargs):
    monday = _last_week(apprentice)
    sheet = timesheet_for_week(apprentice=apprentice, monday=monday)
    wp = apprentice.cohort.track.work_processes.first().pk
    grid = {
        (monday + timedelta(days=d), kwargs.pop("wp", wp)): Decimal(h) for d, h in hours.items()
    }
    return timesheet_save(timesheet=sheet, hours=grid, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(("hours", "ok"), [("16", True), ("16.25", False)])
def test_no_day_over_16_hours(placed_ed, hours, ok):
    if ok:
        assert _save(placed_ed, {0: hours}).total_hours == Decimal(hours)
    else:
        with pytest.raises(ValidationError, match="16 at most"):
            _save(placed_ed, {0: hours})


@pytest.mark.django_db
@pytest.mark.parametrize(("last_day", "ok"), [("12", True), ("12.25", False)])
def test_no_week_over_60_hours(placed_ed, last_day, ok):
    week = {0: "12", 1: "12", 2: "12", 3: "12", 4: last_day}
    if ok:
        assert _save(placed_ed, week).total_hours == Decimal(60)
    else:
        with pytest.raises(ValidationError, match="60 at most"):
            _save(placed_ed, week)


@pytest.mark.django_db
@pytest.mark.parametrize(("hours", "ok"), [("7.75", True), ("7.5", True), ("7.3", False)])
def test_quarter_hours_only(placed_ed, hours, ok):
    if ok:
        _save(placed_ed, {1: hours})
    else:
        with pytest.raises(ValidationError, match="quarter hours"):
            _save(placed_ed, {1: hours})


@pytest.mark.django_db
def test_the_program_s_own_caps_and_steps_apply(placed_ed, program):
    program.max_day_hours, program.max_week_hours = Decimal(10), Decimal(30)
    program.hours_increment = Decimal("0.10")
    program.save()
    with pytest.raises(ValidationError, match="12 hours in one day: 10 at most"):
        _save(placed_ed, {0: "12"})
    with pytest.raises(ValidationError, match=r"30\.1 hours in the week: 30 at most"):
        _save(placed_ed, {0: "10", 1: "10", 2: "10.1"})
    with pytest.raises(ValidationError, match=r"Use steps of 0\.10 hours"):
        _save(placed_ed, {1: "7.25"})
    assert _save(placed_ed, {1: "7.3"}).total_hours == Decimal("7.3")


@pytest.mark.django_db
def test_nothing_for_a_day_still_to_come(placed_ed):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    sheet = timesheet_for_week(apprentice=placed_ed, monday=monday)
    wp = placed_ed.cohort.track.work_processes.first().pk
    timesheet_save(timesheet=sheet, hours={(today, wp): Decimal(8)})  # today is fine
    with pytest.raises(ValidationError, match="still to come"):
        timesheet_save(timesheet=sheet, hours={(today + timedelta(days=1), wp): Decimal(8)})


@pytest.mark.django_db
def test_nothing_before_employment_started(placed_ed):
    start = placed_ed.employment_start
    monday = start - timedelta(days=start.weekday())
    sheet = timesheet_for_week(apprentice=placed_ed, monday=monday)
    wp = placed_ed.cohort.track.work_processes.first().pk
    timesheet_save(timesheet=sheet, hours={(start, wp): Decimal(8)})
    with pytest.raises(ValidationError, match="Before your employment started"):
        timesheet_save(timesheet=sheet, hours={(start - timedelta(days=1), wp): Decimal(8)})


@pytest.mark.django_db
def test_nothing_after_the_apprenticeship_ends(placed_ed):
    placed_ed.employment_start = timezone.localdate() - timedelta(weeks=52, days=3)
    placed_ed.save()
    end = placed_ed.employment_start + timedelta(weeks=52) - timedelta(days=1)
    monday = end - timedelta(days=end.weekday())
    sheet = timesheet_for_week(apprentice=placed_ed, monday=monday)
    wp = placed_ed.cohort.track.work_processes.first().pk
    timesheet_save(timesheet=sheet, hours={(end, wp): Decimal(8)})
    later = end + timedelta(days=1)
    sheet = timesheet_for_week(apprentice=placed_ed, monday=later - timedelta(days=later.weekday()))
    with pytest.raises(ValidationError, match="After the end"):
        timesheet_save(timesheet=sheet, hours={(later, wp): Decimal(8)})


@pytest.mark.django_db
def test_a_week_without_hours_is_submitted_with_a_reason(placed_ed):
    with pytest.raises(ValidationError, match="needs a reason"):
        _save(placed_ed, {}, submit=True)
    sheet = _save(placed_ed, {}, submit=True, no_hours_reason="Sick leave")
    assert sheet.status == Timesheet.Status.SUBMITTED


@pytest.mark.django_db
def test_an_approved_week_cannot_be_edited_in_place(placed_ed, fay):
    sheet = _save(placed_ed, {0: "8"}, submit=True)
    timesheet_decide(timesheet=sheet, approve=True, by=fay)
    with pytest.raises(ValidationError, match="can no longer change"):
        _save(placed_ed, {0: "9"})
    assert TimeEntry.objects.get().hours == Decimal(8)


@pytest.mark.django_db
def test_the_week_total_equals_its_entries(placed_ed, work_processes):
    monday = _last_week(placed_ed)
    sheet = timesheet_for_week(apprentice=placed_ed, monday=monday)
    grid = {
        (monday + timedelta(days=d), wp.pk): Decimal("1.75")
        for d in range(5)
        for wp in work_processes
    }
    sheet = timesheet_save(timesheet=sheet, hours=grid)
    assert sheet.total_hours == sum(e.hours for e in TimeEntry.objects.all()) == Decimal("43.75")


@pytest.mark.django_db
def test_the_apprentice_saves_a_draft_then_submits_on_the_page(
    client, ed, placed_ed, work_processes
):
    client.force_login(ed)
    monday = _last_week(placed_ed)
    url = reverse("clinic:my_week", args=[monday.isoformat()])
    field = f"h_0_{work_processes[0].pk}"
    response = client.post(url, {field: "8", "save": "1"}, follow=True)
    assert "Draft saved." in response.content.decode()
    response = client.post(url, {field: "8.1", "submit": "1"})
    assert "Use quarter hours" in response.content.decode()
    client.post(url, {field: "8", "submit": "1"})
    sheet = Timesheet.objects.get()
    assert (sheet.status, sheet.total_hours) == ("submitted", Decimal(8))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["2026-13-01", "not-a-date", "x%00"])
def test_a_bad_week_in_the_address_is_404(client, ed, placed_ed, path):
    client.force_login(ed)
    assert client.get(f"/clinic/me/weeks/{path}/").status_code == 404


@pytest.mark.django_db
def test_a_week_that_is_not_a_monday_is_404(client, ed, placed_ed):
    client.force_login(ed)
    tuesday = _last_week(placed_ed) + timedelta(days=1)
    assert client.get(reverse("clinic:my_week", args=[tuesday.isoformat()])).status_code == 404


@pytest.mark.django_db
def test_every_week_total_stays_equal_to_its_entries_after_saves_and_imports(placed_ed, fay):
    """The invariant the cohort roster relies on (it sums the weeks' totals)."""
    from django.db.models import Sum

    sheet = _save(placed_ed, {0: "8", 1: "7.5"}, submit=True)
    timesheet_decide(timesheet=sheet, approve=True, by=fay)
    for week in Timesheet.objects.all():
        entries = week.entries.aggregate(t=Sum("hours"))["t"] or 0
        assert week.total_hours == entries


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sunday_is", "ok"), [("yesterday", True), ("today", True), ("tomorrow", False)]
)
def test_a_week_is_submitted_once_it_is_over(placed_ed, sunday_is, ok):
    """The week's last day (Sunday) decides: no submitting a week with days still ahead."""
    monday = _last_week(placed_ed)
    sunday = monday + timedelta(days=6)
    today = sunday + {"yesterday": timedelta(days=1), "today": timedelta(0)}.get(
        sunday_is, timedelta(days=-1)
    )
    if ok:
        assert _save(placed_ed, {0: "8"}, submit=True, today=today).status == "submitted"
    else:
        with pytest.raises(ValidationError, match="not over yet"):
            _save(placed_ed, {0: "8"}, submit=True, today=today)
        assert not Timesheet.objects.filter(status="submitted").exists()


@pytest.mark.django_db
def test_this_weeks_page_shows_the_rules_and_submits_from_sunday(
    client, ed, placed_ed, work_processes
):
    """On the Wednesday of the suite's week: the rules beside each day, submission from Sunday."""
    import time_machine

    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    wednesday = timezone.make_aware(datetime.combine(monday + timedelta(days=2), time(10)))
    with time_machine.travel(wednesday, tick=False):
        client.force_login(ed)  # signed in that day (a session from another day may be over)
        page = client.get(reverse("clinic:my_week", args=[monday.isoformat()])).content.decode()
    assert "up to 16 h a day and 60 h in the week" in page
    assert page.count("Up to 16 h this day") == 3 and page.count("Still to come") == 4
    assert "can be submitted from Sunday" in page and "disabled aria-describedby" in page


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["٨", "\uff18", "NaN", "Infinity", "8e0", "sNaN"])
def test_hours_are_typed_with_the_digits_0_to_9(client, ed, placed_ed, work_processes, typed):
    """Python reads other scripts' digits as numbers: the form does not, nothing is saved."""
    client.force_login(ed)
    monday = _last_week(placed_ed)
    url = reverse("clinic:my_week", args=[monday.isoformat()])
    response = client.post(url, {f"h_0_{work_processes[0].pk}": typed, "save": "1"})
    assert response.status_code == 200
    assert "Enter a number with the digits 0-9" in response.content.decode()
    assert not TimeEntry.objects.exists()


@pytest.mark.django_db
def test_the_hours_step_is_a_number_the_browser_reads_in_spanish_too(client, placed_ed, ed):
    """The step of the hour boxes is written unlocalized (0.25, never 0,25)."""
    from apprenticeship.dates import week_start

    ed.preferred_language = "es"
    ed.save()
    client.force_login(ed)
    monday = week_start(timezone.localdate())
    page = client.get(
        reverse("clinic:my_week", args=[monday.isoformat()]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert 'step="0.25"' in page and 'step="0,25"' not in page
