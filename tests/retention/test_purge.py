"""Records retention: five years, then purged by a beat task, with a report; apprentice
records kept; running twice purges nothing more."""

import os
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import UserHistory
from applicants.models import (
    Application,
    ApplicationHistory,
    Document,
    Person,
    SelfIdentification,
    StatusEvent,
)
from hiring.models import ReleaseHistory
from notifications.models import OutboundEmail
from retention.models import RetentionRun
from retention.tasks import purge_expired_records
from tests.applicants.factories import SubmittedApplicationFactory
from tests.cohorts.factories import ApprenticeFactory, CohortFactory
from tests.factories import UserFactory
from tests.hiring.factories import ReleaseFactory, RequisitionFactory

SIX_YEARS_AGO = timezone.now() - timedelta(days=6 * 365)


def _age(application, when=SIX_YEARS_AGO):
    Application.objects.filter(pk=application.pk).update(created_at=when, step_changed_at=when)


@pytest.fixture
def old_applicant(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    application = SubmittedApplicationFactory(step="not_eligible")
    SelfIdentification.objects.create(application=application, sex="female")
    StatusEvent.objects.create(application=application, to_step="not_eligible")
    document = Document(
        application=application,
        kind="resume",
        original_name="cv.pdf",
        content_type="application/pdf",
        size=8,
    )
    document.file.save("cv.pdf", ContentFile(b"%PDF-1.4"), save=True)
    _age(application)
    return application


@pytest.mark.django_db
def test_a_non_hired_applicant_is_purged_after_five_years_with_a_report(
    old_applicant, grace, django_capture_on_commit_callbacks
):
    path = old_applicant.documents.get().file.path
    recent = SubmittedApplicationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        counts = purge_expired_records()

    assert not Application.objects.filter(pk=old_applicant.pk).exists()
    assert not Person.objects.filter(pk=old_applicant.person_id).exists()
    assert not SelfIdentification.objects.exists()
    assert not Document.objects.exists()
    assert not os.path.exists(path)
    assert Application.objects.filter(pk=recent.pk).exists()
    assert counts["applications"] == 1 and counts["documents"] == 1 and counts["people"] == 1
    run = RetentionRun.objects.get()
    assert ("Applications", 1) in run.purged
    report = [m for m in mail.outbox if m.to == [grace.email]]
    assert len(report) == 1 and "Applications: 1" in report[0].body
    assert old_applicant.person.last_name not in report[0].body


@pytest.mark.django_db
def test_running_twice_purges_nothing_more_and_sends_no_second_report(
    old_applicant, grace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        purge_expired_records()
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired_records()["applications"] == 0
    assert RetentionRun.objects.count() == 2
    assert mail.outbox == []


@pytest.mark.django_db
def test_apprentice_records_are_kept_but_their_eeo_answers_go_after_five_years():
    apprentice = ApprenticeFactory()
    SelfIdentification.objects.create(application=apprentice.application, sex="male")
    SelfIdentification.objects.filter(application=apprentice.application).update(
        answered_at=SIX_YEARS_AGO
    )
    _age(apprentice.application)

    purge_expired_records()

    assert Application.objects.filter(pk=apprentice.application_id).exists()
    assert Person.objects.filter(pk=apprentice.person_id).exists()
    assert not SelfIdentification.objects.exists()


@pytest.mark.django_db
def test_recently_active_old_applications_are_kept():
    application = SubmittedApplicationFactory()
    Application.objects.filter(pk=application.pk).update(created_at=SIX_YEARS_AGO)
    purge_expired_records()
    assert Application.objects.filter(pk=application.pk).exists()


@pytest.mark.django_db
def test_an_applicant_only_account_is_closed_and_emptied(old_applicant):
    user = UserFactory(
        email="applicant@example.net", full_name="Old Applicant", roles=["applicant"]
    )
    Person.objects.filter(pk=old_applicant.person_id).update(user=user)
    staff_member = UserFactory(roles=["applicant", "program_staff"])
    other = SubmittedApplicationFactory(step="withdrawn")
    Person.objects.filter(pk=other.person_id).update(user=staff_member)
    _age(other)

    purge_expired_records()

    user.refresh_from_db()
    assert not user.is_active and user.full_name == "Purged applicant"
    assert user.email == f"purged-{user.pk}@invalid.example"
    staff_member.refresh_from_db()
    assert staff_member.is_active and "@invalid" not in staff_member.email


@pytest.mark.django_db
def test_old_emails_are_purged(old_applicant):
    OutboundEmail.objects.create(key="old", to="a@example.org", subject="s", body="b")
    OutboundEmail.objects.filter(key="old").update(created_at=SIX_YEARS_AGO)
    OutboundEmail.objects.create(key="new", to="a@example.org", subject="s", body="b")
    purge_expired_records()
    assert list(OutboundEmail.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.django_db
def test_admins_see_each_purge(client, grace, old_applicant):
    purge_expired_records()
    client.force_login(grace)
    page = client.get(reverse("retention:runs")).content.decode()
    assert "Applications: 1" in page and "Self-identification answers: 1" in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob", "ed"])
def test_only_admins_see_the_purges(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("retention:runs")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow_with_runs(client, grace, django_assert_max_num_queries, rows):
    RetentionRun.objects.bulk_create(
        RetentionRun(cutoff=SIX_YEARS_AGO, counts={"applications": 1}) for _ in range(rows)
    )
    client.force_login(grace)
    with django_assert_max_num_queries(9):  # the runs, and the holds in force
        assert client.get(reverse("retention:runs")).status_code == 200


@pytest.mark.django_db
def test_a_purged_applicant_leaves_no_name_email_or_note_in_the_change_history(
    old_applicant, cardiology
):
    user = UserFactory(email="old@example.net", full_name="Old Applicant", roles=["applicant"])
    Person.objects.filter(pk=old_applicant.person_id).update(user=user)
    cohort = CohortFactory(track=old_applicant.track)
    requisition = RequisitionFactory(
        track=old_applicant.track, cohort=cohort, department=cardiology
    )
    ReleaseFactory(requisition=requisition, application=old_applicant, shareable_note="Shy")
    kept = SubmittedApplicationFactory()

    purge_expired_records()

    assert not UserHistory.objects.filter(email="old@example.net").exists()
    assert not UserHistory.objects.filter(full_name="Old Applicant").exists()
    assert not ApplicationHistory.objects.filter(pgh_obj_id=old_applicant.pk).exists()
    assert ApplicationHistory.objects.filter(pgh_obj_id=kept.pk).exists()
    assert not ReleaseHistory.objects.filter(shareable_note="Shy").exists()
    assert RetentionRun.objects.get().counts["history_entries"] > 0
