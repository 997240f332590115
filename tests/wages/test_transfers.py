"""Re-entry after a cancellation, transfer in (credit with the previous sponsor's transcript)
and out (the transcript for the next sponsor), and the amendments that follow a change of the
agreement's terms (29 CFR 29.5(b)(13), 29.5(b)(19), 29.7)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic.models import Competency, CompetencySignoff
from clinic.selectors import approved_ojl_hours
from clinic.services import term_extend
from cohorts.models import Apprentice, ApprenticeEvent
from reports import rapids
from reports.models import Report
from reports.services import _contents, transcript_request
from tests.cohorts.factories import ApprenticeFactory
from tests.progress import sign_the_agreement
from wages.agreements import agreement_prepare, amendments_due
from wages.lifecycle import apprentice_move, to_report, unregistered
from wages.models import Agreement, PriorExperienceCredit
from wages.steps import prior_experience_credit

Status = Apprentice.Status
Notice = ApprenticeEvent.Notice
PDF = b"%PDF-1.4\n% a transcript\n"


def _cancel(apprentice, by, days_ago=10):
    return apprentice_move(
        apprentice=apprentice,
        to_status=Status.CANCELLED,
        effective_on=timezone.localdate() - timedelta(days=days_ago),
        by=by,
        reason="Moved to another city",
        reason_code="voluntary",
    )


@pytest.fixture
def registered(ed_apprentice):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.ACTIVE, rapids_id="R-77")
    ed_apprentice.refresh_from_db()
    return ed_apprentice


@pytest.mark.django_db
def test_re_entry_after_a_cancellation_carries_the_hours_and_is_a_reinstatement(
    registered, alice, add_hours
):
    add_hours(registered, 300)
    _cancel(registered, alice)
    before = approved_ojl_hours([registered.pk])[registered.pk]
    event = apprentice_move(
        apprentice=registered,
        to_status=Status.ACTIVE,
        effective_on=timezone.localdate(),
        by=alice,
        reason="Back after moving home",
        reason_code="reentry",
    )
    assert Apprentice.objects.get(pk=registered.pk).status == Status.ACTIVE
    assert approved_ojl_hours([registered.pk])[registered.pk] == before == (Decimal(300), 0)
    # 29 CFR 29.5(b)(19): the agency hears of it, coded, once; the agreement is amended.
    assert (event.notice, event.reason_code, event.amends_agreement) == (
        Notice.REINSTATEMENT,
        "reentry",
        True,
    )
    listed = [e for e in to_report(today=timezone.localdate()) if e.notice == Notice.REINSTATEMENT]
    assert [e.pk for e in listed] == [event.pk]
    header, rows, _fields = rapids.rapids_rows("updates")
    mine = [r.values for r in rows if r.event.pk == event.pk]
    assert len(mine) == 1
    assert (mine[0]["Status"], mine[0]["Reason Code"]) == ("Reinstated", "reentry")
    assert "Reason Code" in header


@pytest.mark.django_db
def test_re_entry_needs_a_reason_and_a_registration(ed_apprentice, registered, alice):
    _cancel(registered, alice)
    with pytest.raises(ValidationError, match="Choose a reason"):
        apprentice_move(
            apprentice=registered,
            to_status=Status.ACTIVE,
            effective_on=timezone.localdate(),
            by=alice,
        )
    Apprentice.objects.filter(pk=registered.pk).update(rapids_id="")
    with pytest.raises(ValidationError, match="cancelled before registration"):
        apprentice_move(
            apprentice=registered,
            to_status=Status.ACTIVE,
            effective_on=timezone.localdate(),
            by=alice,
            reason="Back",
            reason_code="reentry",
        )
    assert Apprentice.objects.get(pk=registered.pk).status == Status.CANCELLED


@pytest.fixture
def on_probation(ed_apprentice, grace):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PROBATION, rapids_id="R-78")
    ed_apprentice.refresh_from_db()
    sign_the_agreement(ed_apprentice, grace)
    return ed_apprentice


@pytest.mark.django_db
def test_a_transfer_in_credits_hours_and_competencies_and_keeps_the_transcript(
    on_probation, alice, work_process, schedule
):
    rooming = Competency.objects.create(work_process=work_process, order=1, title="Rooms")
    vitals = Competency.objects.create(work_process=work_process, order=2, title="Vitals")
    Competency.objects.create(work_process=work_process, order=3, title="Not yet")
    credit = prior_experience_credit(
        apprentice=on_probation,
        hours=600,
        work_process=work_process,
        evidence="Six months at Mercy's registered MA program",
        by=alice,
        source=PriorExperienceCredit.Source.TRANSFER,
        from_sponsor="Mercy Health (2024-CA-1234)",
        competencies=[rooming, vitals],
        transcript=SimpleUploadedFile("anything.exe", PDF),
    )
    assert (credit.hours, credit.competencies, credit.transcript_type) == (
        600,
        2,
        "application/pdf",
    )
    assert credit.transcript.name.endswith(".pdf")  # the name comes from the detected type
    assert approved_ojl_hours([on_probation.pk])[on_probation.pk] == (Decimal(600), Decimal(600))
    signed = CompetencySignoff.objects.filter(apprentice=on_probation)
    assert sorted(signed.values_list("competency__title", flat=True)) == ["Rooms", "Vitals"]
    assert all("Mercy Health" in s.comment for s in signed)
    event = ApprenticeEvent.objects.get(apprentice=on_probation, notice=Notice.CREDIT)
    assert "Transfer from Mercy Health" in event.reason
    # The signed agreement's terms changed: an amendment is due, until one is prepared.
    assert [e.pk for e in amendments_due(on_probation)] == [event.pk]
    amendment = agreement_prepare(apprentice=on_probation, by=alice, reason=event.reason)
    assert amendment.kind == Agreement.Kind.AMENDMENT
    assert amendments_due(on_probation) == []


@pytest.mark.django_db
def test_a_transfer_needs_the_sponsor_and_the_transcript(on_probation, alice, work_process):
    base = {
        "apprentice": on_probation,
        "hours": 100,
        "work_process": work_process,
        "evidence": "Transcript",
        "by": alice,
    }
    with pytest.raises(ValidationError, match="Name the sponsor"):
        prior_experience_credit(**base, source="transfer", transcript=SimpleUploadedFile("t", PDF))
    with pytest.raises(ValidationError, match="Upload the transcript"):
        prior_experience_credit(**base, source="transfer", from_sponsor="Mercy")
    with pytest.raises(ValidationError, match="Upload a PDF"):
        prior_experience_credit(
            **base,
            source="transfer",
            from_sponsor="Mercy",
            transcript=SimpleUploadedFile("t.pdf", b"MZ not a pdf"),
        )
    with pytest.raises(ValidationError, match="with a transfer only"):
        prior_experience_credit(**base, from_sponsor="Mercy")
    assert not on_probation.prior_credits.exists()


@pytest.mark.django_db
def test_the_transcript_downloads_for_staff_and_the_apprentice_only(
    client, on_probation, alice, ed, bob, work_process
):
    credit = prior_experience_credit(
        apprentice=on_probation,
        hours=100,
        work_process=work_process,
        evidence="Transcript",
        by=alice,
        source="transfer",
        from_sponsor="Mercy",
        transcript=SimpleUploadedFile("t.pdf", PDF),
    )
    url = reverse("wages:credit_transcript", args=[credit.pk])
    for user in (alice, ed):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
    client.force_login(bob)  # a hiring manager of another department
    assert client.get(url).status_code == 404
    client.force_login(alice)
    assert client.get(reverse("wages:credit_transcript", args=[credit.pk + 99])).status_code == 404


@pytest.mark.django_db
def test_the_transfer_credit_form_on_the_wages_page(client, on_probation, alice, work_process):
    rooming = Competency.objects.create(work_process=work_process, order=1, title="Rooms")
    client.force_login(alice)
    response = client.post(
        reverse("wages:prior_credit", args=[on_probation.pk]),
        {
            "source": "transfer",
            "hours": "250",
            "work_process": work_process.pk,
            "evidence": "Transcript of 250 hours",
            "from_sponsor": "Mercy Health",
            "competencies": [rooming.pk],
            "transcript": SimpleUploadedFile("mercy.pdf", PDF),
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Credit granted." in text
    assert "Transfer from Mercy Health: 250 hours and 1 competencies credited" in text
    assert "Download the transcript from Mercy Health" in text


@pytest.mark.django_db
def test_the_transcript_for_a_transfer_out_leaves_the_wages_out(registered, alice):
    report, reused = transcript_request(apprentice=registered, by=alice)
    assert (report.kind, reused) == (Report.Kind.TRANSCRIPT, False)
    template, context, _header, _rows = _contents(report)
    page = render_to_string(template, context)
    assert "Apprenticeship transcript" in page
    assert "29 CFR 29.5(b)(13)" in page
    assert "Wage history" not in page
    progress = Report.objects.create(
        kind=Report.Kind.PROGRESS, params={"apprentice_id": registered.pk}, requested_by=alice
    )
    assert "Wage history" in render_to_string(*_contents(progress)[:2])


@pytest.mark.django_db
def test_the_apprentice_asks_for_their_own_transcript_and_no_one_else_s(client, registered, ed):
    other = ApprenticeFactory(cohort=registered.cohort)
    client.force_login(ed)
    response = client.post(reverse("reports:transcript", args=[registered.pk]), follow=True)
    assert response.status_code == 200
    assert Report.objects.filter(kind=Report.Kind.TRANSCRIPT, requested_by=ed).count() == 1
    assert client.post(reverse("reports:transcript", args=[other.pk])).status_code == 404
    assert client.post(reverse("reports:transcript", args=[registered.pk + 999])).status_code == 404


@pytest.mark.django_db
def test_a_term_extension_after_the_signature_makes_an_amendment_due(client, on_probation, alice):
    assert amendments_due(on_probation) == []
    term_extend(
        apprentice=on_probation,
        new_end_date=timezone.localdate() + timedelta(days=500),
        reason="Leave for surgery",
        by=alice,
    )
    due = amendments_due(on_probation)
    assert len(due) == 1 and "Leave for surgery" in due[0].reason
    client.force_login(alice)
    page = client.get(reverse("wages:apprentice", args=[on_probation.pk])).content.decode()
    assert "An amendment is due for this change" in page
    assert "Term extended to" in page  # the amendment's reason is suggested from the change


@pytest.mark.django_db
def test_before_the_signature_no_amendment_is_due(ed_apprentice, alice):
    """The original, prepared again from the records, carries the change."""
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PENDING_REGISTRATION)
    ed_apprentice.refresh_from_db()
    term_extend(
        apprentice=ed_apprentice,
        new_end_date=timezone.localdate() + timedelta(days=500),
        reason="Part-time",
        by=alice,
    )
    assert amendments_due(ed_apprentice) == []


@pytest.mark.django_db
def test_the_registration_list_says_where_each_agreement_stands(ed_apprentice, grace):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PENDING_REGISTRATION)
    today = timezone.localdate()
    assert [a.agreement_state for a in unregistered(today=today)] == ["none"]
    agreement_prepare(apprentice=ed_apprentice, by=grace)
    assert [a.agreement_state for a in unregistered(today=today)] == ["apprentice"]
    sign_the_agreement(ed_apprentice, grace)
    assert [a.agreement_state for a in unregistered(today=today)] == ["signed"]


@pytest.mark.django_db
def test_reminders_chase_each_signature_and_the_amendment(ed_apprentice, grace, alice, ed):
    """The apprentice is reminded two days after the agreement is ready, the signatory the day
    after the apprentice signed, staff three days after a change that needs an amendment; each
    reminder is cleared once it is done."""
    from reminders import services
    from reminders.models import Reminder
    from wages.agreements import agreement_countersign, agreement_sign

    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PROBATION, rapids_id="R-79")
    program = ed_apprentice.cohort.track.program
    program.agreement_signatory = grace
    program.save()
    agreement = agreement_prepare(apprentice=ed_apprentice, by=grace)
    services.sweep()
    assert not Reminder.objects.filter(rule="agreement_not_signed").exists()  # ready today
    Agreement.objects.filter(pk=agreement.pk).update(created_at=timezone.now() - timedelta(days=2))
    services.sweep()
    reminder = Reminder.objects.get(rule="agreement_not_signed")
    assert (reminder.user, reminder.title) == (ed, "Sign your apprenticeship agreement")
    agreement_sign(agreement=agreement, user=ed, typed_name="Ed Evans", consent=True, address=None)
    Agreement.objects.filter(pk=agreement.pk).update(
        apprentice_signed_at=timezone.now() - timedelta(days=1)
    )
    services.clear_done(now=timezone.now())
    services.sweep()
    assert Reminder.objects.get(rule="agreement_not_signed").done_at is not None
    countersign = Reminder.objects.get(rule="agreement_not_countersigned")
    assert countersign.user == grace and "Ed Evans" in countersign.title
    agreement_countersign(
        agreement=agreement, user=grace, typed_name="Grace Okafor", address=None, render=False
    )
    term_extend(
        apprentice=ed_apprentice,
        new_end_date=timezone.localdate() + timedelta(days=500),
        reason="Leave",
        by=alice,
    )
    Agreement.objects.filter(pk=agreement.pk).update(created_at=timezone.now() - timedelta(days=4))
    ApprenticeEvent.objects.filter(amends_agreement=True).update(
        at=timezone.now() - timedelta(days=3)
    )
    services.clear_done(now=timezone.now())
    services.sweep()
    assert Reminder.objects.get(rule="agreement_not_countersigned").done_at is not None
    due = Reminder.objects.filter(rule="amendment_due")
    assert {r.user for r in due} >= {alice, grace}
    agreement_prepare(apprentice=ed_apprentice, by=alice, reason="Term extended")
    services.clear_done(now=timezone.now())
    assert all(r.done_at is not None for r in due.all()) and due.exists()
