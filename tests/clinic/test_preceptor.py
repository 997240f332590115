"""The preceptor's workspace: their apprentices only, weeks oldest first, approve or return,
approve several at once, sign off competencies; anyone else's apprentice is a 404."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import CompetencySignoff, Timesheet
from clinic.services import timesheet_for_week, timesheet_save


def _submitted(apprentice, weeks_ago=1, hours="8"):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7 * weeks_ago)
    sheet = timesheet_for_week(apprentice=apprentice, monday=monday)
    wp = apprentice.cohort.track.work_processes.first().pk
    return timesheet_save(timesheet=sheet, hours={(monday, wp): Decimal(hours)}, submit=True)


@pytest.mark.django_db
def test_the_queue_lists_weeks_oldest_first_and_approves_selected(client, fay, placed_ed):
    older, newer = _submitted(placed_ed, 2), _submitted(placed_ed, 1)
    client.force_login(fay)
    page = client.get(reverse("clinic:queue")).content.decode()
    assert page.index(f'value="{older.pk}"') < page.index(f'value="{newer.pk}"')
    assert "36 h planned" in page or "40 h planned" in page
    client.post(reverse("clinic:queue"), {"selected": [older.pk, newer.pk]})
    assert set(Timesheet.objects.values_list("status", flat=True)) == {"approved"}


@pytest.mark.django_db
def test_return_needs_a_comment_then_the_apprentice_sees_it(client, fay, ed, placed_ed):
    sheet = _submitted(placed_ed)
    client.force_login(fay)
    url = reverse("clinic:timesheet", args=[sheet.pk])
    response = client.post(url, {"return": "1", "comment": ""})
    assert "Say what to change" in response.content.decode()
    client.post(url, {"return": "1", "comment": "Tuesday was a half day"})
    sheet.refresh_from_db()
    assert sheet.status == "returned"
    client.force_login(ed)
    assert "Tuesday was a half day" in client.get(reverse("clinic:my_hours")).content.decode()


@pytest.mark.django_db
def test_a_preceptor_signs_off_a_competency_once_per_level(client, fay, placed_ed, work_processes):
    competency = work_processes[0].competencies.first()
    client.force_login(fay)
    url = reverse("clinic:signoff", args=[placed_ed.pk])
    data = {
        "competency": competency.pk,
        "level": "observed",
        "signed_on": timezone.localdate().isoformat(),
        "comment": "",
    }
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "already signed off at that level" in response.content.decode()
    assert CompetencySignoff.objects.count() == 1


@pytest.mark.django_db
def test_another_departments_preceptor_gets_404_on_every_clinic_url(client, pia, placed_ed):
    sheet = _submitted(placed_ed)
    client.force_login(pia)
    for url in (
        reverse("clinic:timesheet", args=[sheet.pk]),
        reverse("clinic:apprentice", args=[placed_ed.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"approve": "1"}).status_code == 404
    for name in ("clinic:signoff", "clinic:adjust"):
        assert client.post(reverse(name, args=[placed_ed.pk]), {}).status_code == 404
    assert client.post(reverse("clinic:extend", args=[placed_ed.pk]), {}).status_code == 403
    client.post(reverse("clinic:queue"), {"selected": [sheet.pk]})
    sheet.refresh_from_db()
    assert sheet.status == "submitted"
    assert "Ed Evans" not in client.get(reverse("clinic:queue")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ivy", "cody", "dana", "gus"])
def test_other_roles_cannot_open_the_preceptor_pages(client, request, who, placed_ed):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("clinic:queue")).status_code == 403
    assert client.get(reverse("clinic:apprentice", args=[placed_ed.pk])).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_the_queue_query_count_does_not_grow(
    client, fay, placed_ed, cohort, django_assert_max_num_queries, rows
):
    from tests.clinic.conftest import other_apprentice

    for n in range(rows):
        apprentice = other_apprentice(cohort, department=placed_ed.department, preceptor=fay)
        _submitted(apprentice, 1 + n % 3)
    client.force_login(fay)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("clinic:queue")).status_code == 200


@pytest.mark.django_db
def test_after_a_rotation_past_weeks_stay_with_the_department_they_were_worked_in(
    client, fay, pia, placed_ed
):
    from clinic.services import placement_start
    from programs.models import Department

    sheet = _submitted(placed_ed)
    placement_start(
        apprentice=placed_ed,
        department=Department.objects.get(name="Oncology"),
        preceptor=pia,
        starts_on=timezone.localdate(),
        by=None,
    )
    url = reverse("clinic:timesheet", args=[sheet.pk])
    client.force_login(fay)
    assert client.get(url).status_code == 200
    client.force_login(pia)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_preceptor_cannot_credit_their_own_apprenticeship(
    client, placed_ed, cardiology, work_processes
):
    from django.contrib.auth.models import Group

    from accounts.roles import Role

    ed_user = placed_ed.person.user
    ed_user.groups.add(Group.objects.get(name=Role.PRECEPTOR))
    cardiology.preceptors.add(ed_user)
    client.force_login(ed_user)
    response = client.post(
        reverse("clinic:adjust", args=[placed_ed.pk]),
        {
            "work_process": work_processes[0].pk,
            "day": timezone.localdate().isoformat(),
            "hours": "8",
            "reason": "x",
        },
    )
    from clinic.models import HoursAdjustment

    assert response.status_code in (302, 404) and not HoursAdjustment.objects.exists()


@pytest.mark.django_db
def test_a_preceptor_adjusts_at_most_a_week_at_a_time(client, fay, placed_ed, work_processes):
    client.force_login(fay)
    data = {
        "work_process": work_processes[0].pk,
        "day": timezone.localdate().isoformat(),
        "reason": "Missed shift",
    }
    url = reverse("clinic:adjust", args=[placed_ed.pk])
    assert (
        "at most 60 hours"
        in client.post(url, {**data, "hours": "60.25"}, follow=True).content.decode()
    )
    client.post(url, {**data, "hours": "-8"})
    from clinic.models import HoursAdjustment

    assert HoursAdjustment.objects.get().hours == -8


@pytest.mark.django_db
def test_a_queue_longer_than_the_page_says_how_many_wait(client, fay, placed_ed, monkeypatch):
    monkeypatch.setattr("clinic.views.QUEUE_SHOWN", 2)
    for weeks_ago in (1, 2, 3):
        _submitted(placed_ed, weeks_ago)
    client.force_login(fay)
    page = client.get(reverse("clinic:queue")).content.decode()
    assert "The 2 oldest of 3 weeks waiting are shown" in page
    monkeypatch.setattr("clinic.views.QUEUE_SHOWN", 3)
    assert "queue-more" not in client.get(reverse("clinic:queue")).content.decode()
