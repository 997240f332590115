"""Every change the registration agency must hear of within 45 days (29 CFR 29.5(b)(19)) is
on the "to report" list and in the RAPIDS updates file exactly once, with its coded status;
a cancellation before registration is not reported and says why."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import WorkProcess
from clinic.services import term_extend
from cohorts.models import Apprentice
from cohorts.services import apprentice_standard_move
from reports.rapids import update_queryset, update_rows
from tests.factories import StandardFactory
from tests.progress import meet_the_standard
from wages.lifecycle import apprentice_move, to_report
from wages.steps import prior_experience_credit

Status = Apprentice.Status


@pytest.fixture
def registered(ed_apprentice):
    start = timezone.localdate() - timedelta(weeks=53)
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(
        rapids_id="MO2026-00042",
        status=Status.ACTIVE,
        employment_start=start,
        probation_end=start + timedelta(days=89),
    )
    ed_apprentice.refresh_from_db()
    return ed_apprentice


def _move(apprentice, to_status, by, **extra):
    return apprentice_move(
        apprentice=apprentice,
        to_status=to_status,
        effective_on=timezone.localdate(),
        by=by,
        reason=extra.pop("reason", "Family leave"),
        reason_code=extra.pop("reason_code", "health"),
    )


def _suspension(apprentice, alice):
    _move(apprentice, Status.SUSPENDED, alice)


def _reinstatement(apprentice, alice):
    Apprentice.objects.filter(pk=apprentice.pk).update(status=Status.SUSPENDED)
    _move(apprentice, Status.ACTIVE, alice, reason="Back from leave", reason_code="return")


def _cancellation(apprentice, alice):
    _move(apprentice, Status.CANCELLED, alice, reason="Moved away", reason_code="voluntary")


def _completion(apprentice, alice):
    meet_the_standard(apprentice)
    _move(apprentice, Status.COMPLETED, alice)


def _transfer(apprentice, alice):
    _move(apprentice, Status.TRANSFERRED_OUT, alice, reason="To BJC", reason_code="transfer")


def _extension(apprentice, alice):
    term_extend(
        apprentice=apprentice,
        new_end_date=timezone.localdate() + timedelta(weeks=8),
        reason="Twelve weeks of leave",
        by=alice,
    )


def _credit(apprentice, alice):
    Apprentice.objects.filter(pk=apprentice.pk).update(status=Status.PROBATION)
    apprentice.status = Status.PROBATION
    process = WorkProcess.objects.create(
        track=apprentice.cohort.track, order=1, title="Rooming", planned_hours=2000
    )
    prior_experience_credit(
        apprentice=apprentice, hours=300, work_process=process, evidence="CNA", by=alice
    )


def _modification(apprentice, alice):
    apprentice_standard_move(
        apprentice=apprentice,
        standard=StandardFactory(track=apprentice.cohort.track),
        reason="Moved to the new standard",
        by=alice,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "notice", "status"),
    [
        (_suspension, "suspension", "Suspended"),
        (_reinstatement, "reinstatement", "Reinstated"),
        (_cancellation, "cancellation", "Cancelled"),
        (_completion, "completion", "Completed"),
        (_transfer, "transfer", "Transferred"),
        (_extension, "extension", "Extended"),
        (_credit, "credit", "Credit"),
        (_modification, "modification", "Modified"),
    ],
)
def test_each_notice_is_to_report_once_and_in_the_updates_file(
    registered, alice, change, notice, status
):
    change(registered, alice)
    listed = [e for e in to_report(today=timezone.localdate()) if e.apprentice_id == registered.pk]
    assert [e.notice for e in listed] == [notice]
    assert listed[0].due_on == listed[0].effective_on + timedelta(days=45)
    rows = update_rows(update_queryset().filter(apprentice=registered))
    assert [row.values["Status"] for row in rows] == [status]
    assert not rows[0].errors


@pytest.mark.django_db
def test_a_cancellation_before_registration_is_not_reported_and_says_why(
    client, alice, ed_apprentice
):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PENDING_REGISTRATION)
    ed_apprentice.refresh_from_db()
    _cancellation(ed_apprentice, alice)
    assert not update_queryset().filter(apprentice=ed_apprentice).exists()
    client.force_login(alice)
    page = client.get(reverse("wages:apprentice", args=[ed_apprentice.pk])).content.decode()
    assert "Not reported: cancelled before registration" in page
