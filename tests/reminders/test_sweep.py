"""The sweep: due items become reminders once (a second sweep sends nothing), a thing done
between queueing and sending sends nothing, digests group a person's items, quiet hours
delay, unsubscribing works without signing in and cannot be forged, overdue items reach
program staff's digest, and the sweep's queries do not grow with the number of people."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classroom.models import Attendance, ClassSession
from notifications.models import OutboundEmail
from reminders import services
from reminders.models import Mute, Preference, Reminder
from tests.cohorts.factories import ApprenticeFactory, CohortFactory

EVENING = timezone.make_aware(datetime.combine(timezone.localdate(), time(18, 0)))


def _attendance_due(cohort):
    return list(
        ClassSession.objects.counting().filter(
            cohort=cohort,
            date__lte=timezone.localdate(),
            date__gte=timezone.localdate() - timedelta(days=14),
        )
    )


def _class_tomorrow(cohort):
    """The cohort's next class moves to tomorrow."""
    session = (
        ClassSession.objects.filter(cohort=cohort, date__gt=timezone.localdate())
        .order_by("date")
        .first()
    )
    session.date = timezone.localdate() + timedelta(days=1)
    session.save(update_fields=["date"])
    return session


@pytest.mark.django_db(transaction=True)
def test_a_sweep_run_twice_sends_once(cohort, ivy, mailoutbox):
    sessions = _attendance_due(cohort)
    assert sessions
    assert services.sweep(now=EVENING) >= len(sessions)
    mine = Reminder.objects.filter(user=ivy, rule="attendance_not_taken")
    assert mine.count() == len(sessions)
    sent = [m for m in mailoutbox if m.to == [ivy.email]]
    assert len(sent) == len(sessions)
    assert "Take attendance" in sent[0].subject
    assert "/classroom/sessions/" in sent[0].body
    assert services.sweep(now=EVENING) == 0
    assert len([m for m in mailoutbox if m.to == [ivy.email]]) == len(sessions)


@pytest.mark.django_db
def test_nothing_is_sent_when_the_thing_was_done_between_queueing_and_sending(
    cohort, ivy, mailoutbox, django_capture_on_commit_callbacks
):
    session = _attendance_due(cohort)[0]
    apprentice = ApprenticeFactory(cohort=cohort)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.sweep(now=EVENING)
    assert queued  # the sends are queued, not yet run
    Attendance.objects.create(
        session=session, apprentice=apprentice, status=Attendance.Status.PRESENT, marked_by=ivy
    )
    for callback in queued:
        callback()
    reminder = Reminder.objects.get(user=ivy, object_id=session.pk)
    assert reminder.done_at is not None and reminder.emailed == "done"
    assert not [m for m in mailoutbox if session.date.strftime("%b %d") in m.subject]


@pytest.mark.django_db(transaction=True)
def test_a_digest_groups_a_persons_items_into_one_email(cohort, ivy, mailoutbox):
    Preference.objects.create(user=ivy, mode=Preference.Mode.DIGEST, digest_hour=7)
    services.sweep(now=EVENING)
    assert not [m for m in mailoutbox if m.to == [ivy.email]]
    assert services.digest_send(user=ivy, now=EVENING) is True
    (digest,) = [m for m in mailoutbox if m.to == [ivy.email]]
    count = Reminder.objects.filter(user=ivy).count()
    assert f"{count} things due today" in digest.subject
    assert digest.body.count("Take attendance") == count
    # Once a day: a second digest the same day sends nothing new.
    services.digest_send(user=ivy, now=EVENING)
    assert len([m for m in mailoutbox if m.to == [ivy.email]]) == 1


@pytest.mark.django_db(transaction=True)
def test_quiet_hours_delay_the_email_until_they_end(cohort, ivy, mailoutbox):
    # The send checks the real clock: quiet hours around it, then moved away from it.
    now = timezone.localtime()
    around = (now - timedelta(hours=1)).time(), (now + timedelta(hours=1)).time()
    preference = Preference.objects.create(user=ivy, quiet_from=around[0], quiet_until=around[1])
    services.sweep(now=EVENING)
    assert not [m for m in mailoutbox if m.to == [ivy.email]]
    assert Reminder.objects.filter(user=ivy, emailed="").exists()
    preference.quiet_from = (now + timedelta(hours=2)).time()
    preference.quiet_until = (now + timedelta(hours=3)).time()
    preference.save()
    services.sweep(now=EVENING)
    assert [m for m in mailoutbox if m.to == [ivy.email]]
    assert not Reminder.objects.filter(user=ivy, emailed="").exists()


@pytest.mark.django_db(transaction=True)
def test_unsubscribe_works_without_signing_in_and_cannot_be_forged(
    client, cohort, ed_apprentice, ed, mailoutbox
):
    _class_tomorrow(cohort)
    services.sweep(now=EVENING)
    (mail,) = [m for m in mailoutbox if m.to == [ed.email] and "Class tomorrow" in m.subject][:1]
    link = next(line for line in mail.body.splitlines() if "/reminders/unsubscribe/" in line)
    path = link[link.index("/reminders/") :].strip()
    page = client.get(path)
    assert "Stop the “Class tomorrow” emails" in page.content.decode()
    client.post(path)
    assert Mute.objects.filter(email=ed.email, rule="class_tomorrow").exists()
    # A token for another person, made by changing the signed one, is refused.
    token = path.split("/")[3]
    forged = token.replace(token[2], "A" if token[2] != "A" else "B", 1)
    assert client.get(f"/reminders/unsubscribe/{forged}/").status_code == 404
    other = services.unsubscribe_token(email="someone@example.org", rule="class_tomorrow")
    assert client.get(f"/reminders/unsubscribe/{other[:-3]}abc/").status_code == 404
    # A compliance reminder has no unsubscribe link.
    bad = services.unsubscribe_token(email=ed.email, rule="not_registered")
    assert client.get(f"/reminders/unsubscribe/{bad}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_muted_reminder_stays_in_the_bell_but_is_not_emailed(
    cohort, ed_apprentice, ed, mailoutbox
):
    Mute.objects.create(email=ed.email, rule="class_tomorrow")
    _class_tomorrow(cohort)
    services.sweep(now=EVENING)
    assert Reminder.objects.get(user=ed, rule="class_tomorrow").emailed == "muted"
    assert not [m for m in mailoutbox if m.to == [ed.email] and "Class tomorrow" in m.subject]


@pytest.mark.django_db(transaction=True)
def test_overdue_items_reach_program_staffs_digest(cohort, ivy, alice, mailoutbox):
    services.sweep(now=EVENING)
    Reminder.objects.update(created_at=EVENING - timedelta(days=3))  # past the 2-day threshold
    assert services.digest_send(user=alice, now=EVENING) is True
    (digest,) = [m for m in mailoutbox if m.to == [alice.email]]
    assert "Overdue with others" in digest.body and "Take attendance" in digest.body
    assert alice.pk in services.digest_recipients(now=EVENING.replace(hour=7))


@pytest.mark.django_db
def test_a_rule_switched_off_finds_nothing_and_thresholds_apply(cohort, ivy):
    services.rule_setting_save(code="attendance_not_taken", enabled=False, days=0, escalate_days=2)
    services.sweep(now=EVENING)
    assert not Reminder.objects.filter(rule="attendance_not_taken").exists()
    services.rule_setting_save(code="attendance_not_taken", enabled=True, days=10, escalate_days=2)
    services.sweep(now=EVENING)
    dates = list(
        ClassSession.objects.filter(pk__in=Reminder.objects.values("object_id")).values_list(
            "date", flat=True
        )
    )
    assert dates  # an empty list would pass the next line whatever the sweep did
    assert all(d <= timezone.localdate() - timedelta(days=10) for d in dates)


@pytest.mark.django_db
def test_the_sweep_takes_the_same_queries_for_one_cohort_or_many(clinical_track, ivy):
    made = []

    def cohort():
        today = timezone.localdate()
        made.append(1)
        c = CohortFactory(
            track=clinical_track,
            start_date=today - timedelta(days=21 + today.weekday() + 7 * len(made)),
            class_weekday=today.weekday(),
        )
        c.instructors.add(ivy)
        from classroom.services import class_schedule_generate

        class_schedule_generate(cohort=c)
        ApprenticeFactory.create_batch(3, cohort=c)
        return c

    cohort()
    with CaptureQueriesContext(connection) as one:
        services.sweep(now=EVENING)
    Reminder.objects.all().delete()
    for _ in range(5):
        cohort()
    with CaptureQueriesContext(connection) as many:
        services.sweep(now=EVENING)
    assert len(many.captured_queries) <= len(one.captured_queries) + 2
    assert Reminder.objects.count() > 6


@pytest.mark.django_db
def test_a_failed_send_shows_and_staff_resend_it(client, alice, settings):
    email = OutboundEmail.objects.create(
        key="x:1", to="r@example.org", subject="S", body="B", attempts=8, last_error="refused"
    )
    client.force_login(alice)
    page = client.get(reverse("reminders:activity")).content.decode()
    assert "Resend to r@example.org" in page
    client.post(reverse("reminders:resend", args=[email.pk]))
    email.refresh_from_db()
    assert email.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_an_applicant_who_chose_spanish_is_reminded_in_spanish(mailoutbox):
    from applicants.models import InfoSession, SessionBooking

    start = timezone.now() + timedelta(days=1)
    session = InfoSession.objects.create(
        location_name="Centro de Empleo",
        address="x",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    booking = SessionBooking.objects.create(
        session=session, name="Rosa", email="rosa@example.org", language="es"
    )
    services.sweep()
    (mail,) = [m for m in mailoutbox if m.to == ["rosa@example.org"]]
    assert mail.subject == "Recordatorio: Su sesión informativa es mañana en Centro de Empleo"
    assert f"/apply/booking/{booking.token}" in mail.body or booking.token in mail.body
    assert "No more emails" not in mail.body


@pytest.mark.django_db(transaction=True)
def test_a_digest_leaves_out_what_the_person_unsubscribed_from(
    cohort, ed_apprentice, ed, mailoutbox
):
    Preference.objects.create(user=ed, mode=Preference.Mode.DIGEST)
    _class_tomorrow(cohort)
    Mute.objects.create(email=ed.email, rule="class_tomorrow")
    services.sweep(now=EVENING)
    services.digest_send(user=ed, now=EVENING)
    assert not [m for m in mailoutbox if m.to == [ed.email] and "Class tomorrow" in m.body]


@pytest.mark.django_db
def test_each_panel_member_is_reminded_until_their_own_scorecard_is_in(
    bob, carol, cardiology, clinical_track, cohort
):
    from hiring.models import Interview, Scorecard
    from tests.hiring.factories import ReleaseFactory, RequisitionFactory, ready_for_hire

    release = ReleaseFactory(
        requisition=RequisitionFactory(department=cardiology, track=clinical_track, cohort=cohort),
        application=ready_for_hire(clinical_track),
    )
    interview = Interview.objects.create(
        release=release, starts_at=timezone.now() - timedelta(days=2), place="Room 2"
    )
    interview.panel.add(bob, carol)
    services.sweep()
    assert set(
        Reminder.objects.filter(rule="scorecard_missing").values_list("user", flat=True)
    ) == {
        bob.pk,
        carol.pk,
    }
    Scorecard.objects.create(interview=interview, panelist=bob, ratings={}, recommendation="yes")
    services.clear_done(now=timezone.now())
    open_for = set(
        Reminder.objects.filter(rule="scorecard_missing", done_at__isnull=True).values_list(
            "user", flat=True
        )
    )
    assert open_for == {carol.pk}


@pytest.mark.django_db
def test_staff_hear_of_test_results_missing_the_day_after_the_testing_day(alice, clinical_track):
    from applicants.models import TestResult
    from tests.applicants.factories import SubmittedApplicationFactory

    application = SubmittedApplicationFactory(track=clinical_track, step="testing")
    TestResult.objects.create(
        application=application,
        kind=TestResult.Kind.ENTRANCE_EXAM,
        value=80,
        tested_on=timezone.localdate(),
    )
    services.sweep()
    assert not Reminder.objects.filter(rule="test_results_missing").exists()  # same day
    TestResult.objects.update(tested_on=timezone.localdate() - timedelta(days=1))
    services.sweep()
    reminder = Reminder.objects.get(rule="test_results_missing", user=alice)
    assert "incomplete since the testing day" in reminder.title
    TestResult.objects.create(
        application=application,
        kind=TestResult.Kind.TYPING_WPM,
        value=40,
        tested_on=timezone.localdate() - timedelta(days=1),
    )
    services.clear_done(now=timezone.now())
    reminder.refresh_from_db()
    assert reminder.done_at is not None


def test_an_unsubscribe_token_hides_the_address_and_expires_after_90_days():
    import base64
    from datetime import timedelta

    import time_machine
    from django.core import signing

    token = services.unsubscribe_token(email="Rosa.Diaz@example.net", rule="class_tomorrow")
    readable = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b"rosa" not in readable.lower() and "rosa" not in token.lower()
    assert services.unsubscribe_read(token) == ("rosa.diaz@example.net", "class_tomorrow")
    with time_machine.travel(timezone.now() + timedelta(days=89), tick=False):
        assert services.unsubscribe_read(token) is not None
    with time_machine.travel(timezone.now() + timedelta(days=91), tick=False):
        assert services.unsubscribe_read(token) is None
    # A link of the older signed kind, already in someone's mailbox, works while it is young.
    old = signing.dumps(
        {"e": "rosa.diaz@example.net", "r": "class_tomorrow"}, salt=services.UNSUBSCRIBE_SALT
    )
    assert services.unsubscribe_read(old) == ("rosa.diaz@example.net", "class_tomorrow")
