"""Holds on the purge (29 CFR 30.12(b)): a held applicant's records survive the five-year
purge and the run's report lists the hold; a hold on every record pauses the purge; a lifted
hold lets the purge take them; program admins only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, SelfIdentification
from retention.models import RecordsHold, RetentionRun
from retention.services import hold_lift, hold_place, retention_purge
from tests.applicants.factories import SubmittedApplicationFactory

SIX_YEARS_AGO = timezone.now() - timedelta(days=6 * 365)


def _old_application(**person):
    application = SubmittedApplicationFactory(step="not_eligible", **person)
    SelfIdentification.objects.create(application=application, sex="female")
    Application.objects.filter(pk=application.pk).update(
        created_at=SIX_YEARS_AGO, step_changed_at=SIX_YEARS_AGO
    )
    return application


def _hold(by, **kwargs):
    values = {
        "reason": RecordsHold.Reason.COMPLAINT,
        "note": "EEO complaint 2026-14",
        "starts_on": timezone.localdate() - timedelta(days=10),
        "ends_on": None,
        "whole_program": False,
        "emails": [],
        "by": by,
    }
    return hold_place(**{**values, **kwargs})


@pytest.mark.django_db
def test_a_held_applicant_survives_the_purge_and_the_report_lists_the_hold(
    grace, django_capture_on_commit_callbacks
):
    held = _old_application(person__email="Held@Example.org")
    gone = _old_application()
    _hold(grace, emails=["held@example.org"])
    with django_capture_on_commit_callbacks(execute=True):
        run = retention_purge()
    assert Application.objects.filter(pk=held.pk).exists()
    assert SelfIdentification.objects.filter(application=held).exists()
    assert not Application.objects.filter(pk=gone.pk).exists()
    assert run.counts["applications"] == 1 and run.held == 1
    assert run.holds == ["Complaint: EEO complaint 2026-14 (1 applicant(s))"]
    report = next(m for m in mail.outbox if m.to == [grace.email])
    assert "Kept under a hold (1 application(s) past their time)" in report.body
    assert "EEO complaint 2026-14" in report.body


@pytest.mark.django_db
def test_a_hold_on_every_record_pauses_the_purge_until_it_is_lifted(grace):
    application = _old_application()
    hold = _hold(grace, whole_program=True, reason=RecordsHold.Reason.REVIEW, note="OA review")
    run = retention_purge()
    assert Application.objects.filter(pk=application.pk).exists()
    assert run.total == 0 and run.held == 1
    hold_lift(hold=hold, by=grace)
    with pytest.raises(ValidationError, match="already lifted"):
        hold_lift(hold=hold, by=grace)
    retention_purge()
    assert not Application.objects.filter(pk=application.pk).exists()


@pytest.mark.django_db
def test_an_ended_hold_no_longer_holds(grace):
    application = _old_application(person__email="a@example.org")
    _hold(
        grace,
        emails=["a@example.org"],
        starts_on=timezone.localdate() - timedelta(days=100),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    retention_purge()
    assert not Application.objects.filter(pk=application.pk).exists()


@pytest.mark.django_db
def test_a_hold_names_someone_or_everything(grace):
    with pytest.raises(ValidationError, match="Name the applicants held"):
        _hold(grace)
    with pytest.raises(ValidationError, match=r"No applicant has these emails: nobody@x\.org"):
        _hold(grace, emails=["nobody@x.org"])
    with pytest.raises(ValidationError, match="ends before it starts"):
        _hold(grace, whole_program=True, ends_on=timezone.localdate() - timedelta(days=30))
    assert not RecordsHold.objects.exists()


@pytest.mark.django_db
def test_admins_place_and_lift_a_hold_on_the_page(client, grace, alice):
    _old_application(person__email="held@example.org")
    url = reverse("retention:hold_add")
    data = {
        "reason": "litigation",
        "note": "Case 4:26-cv-1",
        "starts_on": timezone.localdate().isoformat(),
        "emails": "held@example.org",
    }
    client.force_login(alice)
    assert client.post(url, data).status_code == 403
    client.force_login(grace)
    page = client.post(url, data, follow=True).content.decode()
    assert "Hold placed" in page and "Case 4:26-cv-1" in page
    hold = RecordsHold.objects.get()
    lift = reverse("retention:hold_lift", args=[hold.pk])
    page = client.post(lift, follow=True).content.decode()
    assert "Tick the box" in page
    hold.refresh_from_db()
    assert hold.lifted_at is None
    client.post(lift, {"confirm": "yes"})
    hold.refresh_from_db()
    assert hold.lifted_by == grace
    assert RetentionRun.objects.count() == 0
