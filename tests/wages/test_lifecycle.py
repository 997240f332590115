"""The status lifecycle: every allowed and forbidden move, registration, probation ending
nightly (twice, one change), reports due in 45 days, completion refused with what is missing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Apprentice, ApprenticeEvent
from tests.cohorts.factories import ApprenticeFactory
from tests.progress import meet_the_standard, sign_the_agreement
from wages import lifecycle
from wages.lifecycle import TRANSITIONS, apprentice_move

Status = Apprentice.Status
ALL_MOVES = [(a, b) for a in Status.values for b in Status.values if a != b]


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), ALL_MOVES)
def test_every_move_is_allowed_or_refused_as_the_table_says(
    ed_apprentice, alice, from_status, to_status
):
    # Registered unless the move starts before registration (a re-entry needs a registration).
    registered = "" if from_status == Status.PENDING_REGISTRATION else "RAP-1"
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=from_status, rapids_id=registered)
    allowed = to_status in TRANSITIONS[from_status]
    kwargs = {
        "apprentice": ed_apprentice,
        "to_status": to_status,
        "effective_on": timezone.localdate(),
        "by": alice,
        "reason": "Moved away",
        "reason_code": "voluntary",
    }
    if to_status == Status.COMPLETED and allowed:
        with pytest.raises(ValidationError, match="Not ready to complete"):
            apprentice_move(**kwargs)
        return
    if allowed:
        event = apprentice_move(**kwargs)
        assert (event.from_status, event.to_status) == (from_status, to_status)
        assert Apprentice.objects.get(pk=ed_apprentice.pk).status == to_status
    else:
        with pytest.raises(ValidationError, match="cannot move from"):
            apprentice_move(**kwargs)
        assert Apprentice.objects.get(pk=ed_apprentice.pk).status == from_status


@pytest.mark.django_db
def test_a_cancellation_needs_a_reason_and_is_marked_during_probation(ed_apprentice, alice):
    with pytest.raises(ValidationError, match="Choose a reason"):
        apprentice_move(
            apprentice=ed_apprentice,
            to_status=Status.CANCELLED,
            effective_on=timezone.localdate(),
            by=alice,
        )
    event = apprentice_move(
        apprentice=ed_apprentice,
        to_status=Status.CANCELLED,
        effective_on=timezone.localdate(),
        by=alice,
        reason="Accepted another job",
        reason_code="voluntary",
    )
    assert event.during_probation and event.reason == "Left voluntarily: Accepted another job"


@pytest.mark.django_db
def test_recording_the_rapids_number_starts_probation(client, alice, grace, ed_apprentice):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PENDING_REGISTRATION)
    sign_the_agreement(ed_apprentice, grace)
    client.force_login(alice)
    client.post(
        reverse("wages:register", args=[ed_apprentice.pk]),
        {"rapids_id": "MO2026-00123", "registered_on": timezone.localdate().isoformat()},
    )
    ed_apprentice.refresh_from_db()
    assert (ed_apprentice.status, ed_apprentice.rapids_id) == ("probation", "MO2026-00123")
    # The status history reads as the official record: no select placeholder in front.
    event = ApprenticeEvent.objects.get(to_status="probation")
    assert event.reason == "Registered in RAPIDS as MO2026-00123"


@pytest.mark.django_db
def test_a_move_with_no_reason_chosen_keeps_only_the_text(client, alice, ed_apprentice):
    client.force_login(alice)
    client.post(
        reverse("wages:move", args=[ed_apprentice.pk]),
        {
            "to_status": "active",
            "effective_on": timezone.localdate().isoformat(),
            "reason_code": "",
            "reason": "Probation reviewed early",
        },
    )
    event = ApprenticeEvent.objects.get(to_status="active")
    assert event.reason == "Probation reviewed early"


@pytest.mark.django_db
def test_an_unknown_reason_code_is_refused(ed_apprentice, alice):
    with pytest.raises(ValidationError, match="from the list"):
        lifecycle.apprentice_move(
            apprentice=ed_apprentice,
            to_status=Status.ACTIVE,
            effective_on=timezone.localdate(),
            by=alice,
            reason="x",
            reason_code="Choose a reason",
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("ended_days_ago", "moves"), [(0, False), (1, True)])
def test_probation_ends_the_day_after_its_last_day_and_twice_changes_once(
    ed_apprentice, ended_days_ago, moves
):
    today = timezone.localdate()
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        status=Status.PROBATION, probation_end=today - timedelta(days=ended_days_ago)
    )
    assert lifecycle.probation_end_sweep(today=today) == int(moves)
    assert lifecycle.probation_end_sweep(today=today) == 0
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.status == ("active" if moves else "probation")
    assert ApprenticeEvent.objects.filter(to_status="active").count() == int(moves)
    if moves:
        assert ApprenticeEvent.objects.get(to_status="active").reason == "Probation ended"


@pytest.mark.django_db
def test_probation_cannot_be_extended_past_the_29_cfr_limit(ed_apprentice, alice):
    """29 CFR 29.5(b)(8): 25% of a 52-week term is 91 days, the first day being day one."""
    limit = ed_apprentice.employment_start + timedelta(days=90)
    assert ed_apprentice.standard.max_probation_days == 91
    with pytest.raises(ValidationError, match="at most"):
        lifecycle.probation_extend(
            apprentice=ed_apprentice, new_end=limit + timedelta(days=1), reason="x", by=alice
        )
    lifecycle.probation_extend(apprentice=ed_apprentice, new_end=limit, reason="Leave", by=alice)
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.probation_end == limit


@pytest.mark.django_db
@pytest.mark.parametrize(("days_ago", "late"), [(45, False), (46, True)])
def test_a_change_is_reported_within_45_days_or_flagged_late(ed_apprentice, alice, days_ago, late):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        employment_start=timezone.localdate() - timedelta(days=90)
    )
    event = apprentice_move(
        apprentice=ed_apprentice,
        to_status=Status.SUSPENDED,
        effective_on=timezone.localdate() - timedelta(days=days_ago),
        by=alice,
        reason="Leave of absence",
        reason_code="health",
    )
    rows = lifecycle.to_report(today=timezone.localdate())
    assert [(r.pk, r.late) for r in rows] == [(event.pk, late)]
    lifecycle.event_reported(event=event, reported_on=timezone.localdate(), by=alice)
    assert lifecycle.to_report(today=timezone.localdate()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("started_days_ago", "days_left"), [(44, 1), (45, 0), (46, -1)])
def test_unregistered_apprentices_show_the_days_left_of_45(
    ed_apprentice, started_days_ago, days_left
):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        status=Status.PENDING_REGISTRATION,
        employment_start=timezone.localdate() - timedelta(days=started_days_ago),
    )
    [row] = lifecycle.unregistered(today=timezone.localdate())
    assert row.days_left == days_left


@pytest.mark.django_db
def test_completion_is_refused_with_each_missing_item(client, alice, ed_apprentice):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.ACTIVE)
    client.force_login(alice)
    response = client.post(
        reverse("wages:move", args=[ed_apprentice.pk]),
        {"to_status": "completed", "effective_on": timezone.localdate().isoformat()},
        follow=True,
    )
    page = response.content.decode()
    for item in ("classroom hours", "on-the-job hours", "the certification exam passed"):
        assert item in page, item
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.status == "active"


@pytest.mark.django_db
def test_completion_goes_through_when_nothing_is_missing(ed_apprentice, alice):
    start = timezone.localdate() - timedelta(weeks=52)
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        status=Status.ACTIVE, employment_start=start, probation_end=start + timedelta(days=89)
    )
    ed_apprentice.refresh_from_db()
    meet_the_standard(ed_apprentice)
    event = apprentice_move(
        apprentice=ed_apprentice,
        to_status=Status.COMPLETED,
        effective_on=timezone.localdate(),
        by=alice,
    )
    assert event.to_status == "completed" and not event.during_probation


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "carol", "fay", "ivy", "ed", "cody"])
def test_only_staff_open_the_status_pages(client, request, who, ed_apprentice):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("wages:apprentice", args=[ed_apprentice.pk])).status_code in (
        403,
        404,
    )
    assert client.get(reverse("wages:registrations")).status_code == 403


@pytest.mark.django_db
def test_a_change_cannot_be_effective_before_the_apprentice_started(ed_apprentice, alice):
    with pytest.raises(ValidationError, match="before the apprentice started"):
        lifecycle.apprentice_move(
            apprentice=ed_apprentice,
            to_status=Status.ACTIVE,
            effective_on=ed_apprentice.employment_start - timedelta(days=1),
            by=alice,
        )
    lifecycle.apprentice_move(
        apprentice=ed_apprentice,
        to_status=Status.ACTIVE,
        effective_on=ed_apprentice.employment_start,
        by=alice,
    )


@pytest.mark.django_db
def test_registering_twice_keeps_the_first_rapids_number(ed_apprentice, alice, grace):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PENDING_REGISTRATION)
    sign_the_agreement(ed_apprentice, grace)
    today = timezone.localdate()
    lifecycle.apprentice_register(
        apprentice=ed_apprentice, rapids_id="MO2026-1", registered_on=today, by=alice
    )
    with pytest.raises(ValidationError, match="already registered"):
        lifecycle.apprentice_register(
            apprentice=ed_apprentice, rapids_id="MO2026-2", registered_on=today, by=alice
        )
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.rapids_id == "MO2026-1"


@pytest.mark.django_db
def test_a_hire_who_backs_out_before_day_one_is_cancelled_today(ed_apprentice, alice):
    """Before registration nothing has gone to the agency: a cancellation dated today, before
    the employment start, is taken (and frees the cohort seat)."""
    today = timezone.localdate()
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        status=Status.PENDING_REGISTRATION, employment_start=today + timedelta(days=40)
    )
    event = lifecycle.apprentice_move(
        apprentice=ed_apprentice,
        to_status=Status.CANCELLED,
        effective_on=today,
        by=alice,
        reason="Took another job before starting",
        reason_code="voluntary",
    )
    assert event.effective_on == today
    assert not Apprentice.objects.current().filter(pk=ed_apprentice.pk).exists()


@pytest.mark.django_db
def test_a_cancellation_effective_inside_probation_is_during_probation_after_the_sweep(
    ed_apprentice, alice
):
    """29 CFR 29.2: "during probation" is decided by the effective date, not by the status
    the record showed: effective on day 60 of 90, recorded after the sweep made him active."""
    from wages.lifecycle import probation_end_sweep

    today = timezone.localdate()
    start = today - timedelta(days=100)
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        employment_start=start,
        probation_end=ed_apprentice.standard.probation_end_from(start),
        status=Status.PROBATION,
    )
    assert probation_end_sweep(today=today) == 1
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.status == Status.ACTIVE
    event = apprentice_move(
        apprentice=ed_apprentice,
        to_status=Status.CANCELLED,
        effective_on=start + timedelta(days=59),
        by=alice,
        reason="Left for another job",
        reason_code="voluntary",
    )
    assert event.during_probation
    later = apprentice_move(
        apprentice=ApprenticeFactory(
            cohort=ed_apprentice.cohort, employment_start=start, status=Status.ACTIVE
        ),
        to_status=Status.CANCELLED,
        effective_on=start + timedelta(days=95),
        by=alice,
        reason="Left for another job",
        reason_code="voluntary",
    )
    assert not later.during_probation


@pytest.mark.django_db
def test_staff_record_an_employee_id_once_per_apprentice(client, alice, ed_apprentice, cohort):
    """The payroll import matches on it: one apprentice per id, in the database too."""
    from django.db import IntegrityError, transaction

    other = ApprenticeFactory(cohort=cohort, employee_id="E-500")
    client.force_login(alice)
    url = reverse("wages:identifiers", args=[ed_apprentice.pk])
    page = client.post(url, {"employee_id": "E-500"}, follow=True).content.decode()
    assert "Another apprentice has this employee id." in page
    page = client.post(url, {"employee_id": "E 501;"}, follow=True).content.decode()
    assert "Letters A-Z, digits 0-9 and dashes only." in page
    client.post(url, {"employee_id": "E-501"})
    ed_apprentice.refresh_from_db()
    assert ed_apprentice.employee_id == "E-501"
    with pytest.raises(IntegrityError), transaction.atomic():
        Apprentice.objects.filter(pk=other.pk).update(employee_id="E-501")
    # Empty ids are not duplicates of each other.
    ApprenticeFactory(cohort=cohort, employee_id="")
    ApprenticeFactory(cohort=cohort, employee_id="")
