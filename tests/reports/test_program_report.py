"""The program report: its totals equal the sums of its rows, its self-check lists a planted
mismatch, the compliance flags, the CSV with the same figures, who may ask, and the
management commands for scheduled use."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from classroom.models import Attendance, ClassSession
from cohorts.models import Apprentice, ApprenticeEvent
from reports.models import Report
from reports.program import program_report, report_rows
from tests.cohorts.factories import ApprenticeFactory

# The year up to the suite's today (tests/clock.py): it holds the fixture cohort's whole life.
END = timezone.localdate()
START = END - timedelta(days=364)


@pytest.fixture
def roster(cohort, ed_apprentice, alice):
    today = timezone.localdate()
    others = ApprenticeFactory.create_batch(3, cohort=cohort)
    Apprentice.objects.filter(pk=others[0].pk).update(status=Apprentice.Status.ACTIVE)
    Apprentice.objects.filter(pk=others[1].pk).update(status=Apprentice.Status.CANCELLED)
    ApprenticeEvent.objects.create(
        apprentice=others[1],
        from_status="probation",
        to_status="cancelled",
        effective_on=today - timedelta(days=60),
        during_probation=True,
        notice="cancellation",
        by=alice,
    )
    session = ClassSession.objects.filter(cohort=cohort, date__lt=today).first()
    Attendance.objects.create(
        session=session, apprentice=ed_apprentice, status="present", hours_credited=Decimal(4)
    )
    return [ed_apprentice, *others]


@pytest.mark.django_db
def test_the_totals_equal_the_sums_of_the_rows(roster, clinical_track):
    report = program_report(track=clinical_track, start=START, end=END, today=timezone.localdate())
    assert report.total == 4
    assert sum(n for _name, _row, n in report.by_cohort) == report.total
    assert sum(report.totals.values()) == report.total
    assert report.totals == {"probation": 2, "active": 1, "cancelled": 1}
    figures = dict(report.figures)
    assert figures["Cancellations during probation"] == "1"
    assert figures["Cancellations after probation"] == "0"
    assert report.mismatches == []
    header, rows = report_rows(report)
    assert header == ["section", "label", "value"]
    assert ["figure", "Apprentices (started by the end of the period)", "4"] in rows


@pytest.mark.django_db
def test_the_self_check_lists_a_planted_mismatch(roster, clinical_track):
    ed = roster[0]
    # A status changed behind the lifecycle's back: the last event no longer says it.
    ApprenticeEvent.objects.create(
        apprentice=ed, from_status="probation", to_status="suspended", effective_on=START
    )
    report = program_report(track=clinical_track, start=START, end=END, today=timezone.localdate())
    assert any(
        "Ed Evans is Probation but the last status event says Suspended" in m
        for m in report.mismatches
    )


@pytest.mark.django_db
def test_compliance_flags_late_registration_and_unreported_changes(roster, clinical_track):
    ed = roster[0]
    Apprentice.objects.filter(pk=ed.pk).update(
        status="pending_registration", employment_start=timezone.localdate() - timedelta(days=50)
    )
    ApprenticeEvent.objects.filter(to_status="cancelled").update(
        effective_on=timezone.localdate() - timedelta(days=46)
    )
    report = program_report(track=clinical_track, start=START, end=END, today=timezone.localdate())
    rules = {(f.rule, f.who) for f in report.flags}
    assert ("Not registered within 45 days", "Ed Evans") in rules
    assert any(rule == "Change not reported within 45 days" for rule, _who in rules)


@pytest.mark.django_db
def test_staff_ask_and_get_the_pdf_and_the_csv(
    client, alice, roster, clinical_track, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:program"),
            {"track": clinical_track.pk, "start": START.isoformat(), "end": END.isoformat()},
            follow=True,
        )
    assert "The report is being made" in response.content.decode()
    report = Report.objects.get(kind="program")
    text = "\n".join(p.extract_text() for p in PdfReader(report.file.open("rb")).pages)
    assert "Program report" in text and "Apprentices by cohort and status" in text
    assert "Self-check" in text
    csv = b"".join(client.get(reverse("reports:table", args=[report.pk])).streaming_content)
    assert csv.decode().startswith("section,label,value")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": "2026-12-31", "end": "2026-01-01"}, "ends before it starts"),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "at most three years"),
        ({"start": "nope", "end": "2026-01-01"}, "Enter a valid date"),
    ],
)
def test_a_bad_period_is_refused(client, alice, clinical_track, data, message):
    client.force_login(alice)
    response = client.post(reverse("reports:program"), {"track": clinical_track.pk, **data})
    assert message in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "fay", "ivy", "ed"])
def test_only_staff_ask_for_the_program_report(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("reports:program")).status_code == 404


@pytest.mark.django_db
def test_the_commands_write_the_pdfs(tmp_path, roster, clinical_track):
    out = tmp_path / "program.pdf"
    call_command(
        "report_program",
        track=clinical_track.slug,
        start=START.isoformat(),
        end=END.isoformat(),
        out=str(out),
    )
    assert out.read_bytes().startswith(b"%PDF-")
    one = tmp_path / "ed.pdf"
    call_command("report_apprentice", str(roster[0].pk), out=str(one))
    assert "Ed Evans" in PdfReader(str(one)).pages[0].extract_text()


@pytest.mark.django_db
def test_leaving_during_probation_is_not_counted_in_retention(roster, clinical_track, alice):
    later = roster[3]
    Apprentice.objects.filter(pk=later.pk).update(status=Apprentice.Status.CANCELLED)
    ApprenticeEvent.objects.create(
        apprentice=later,
        from_status="active",
        to_status="cancelled",
        effective_on=START + timedelta(days=200),
        during_probation=False,
        by=alice,
    )
    report = program_report(track=clinical_track, start=START, end=END, today=timezone.localdate())
    # Past probation: the active one and the one cancelled after it (the one cancelled during
    # probation is apart): 1 retained of 2.
    assert dict(report.figures)["Retention after probation"] == "50%"


@pytest.mark.django_db
def test_someone_who_is_no_longer_staff_keeps_no_reports(
    client, alice, roster, clinical_track, django_capture_on_commit_callbacks
):
    from reports.services import program_report_request

    with django_capture_on_commit_callbacks(execute=True):
        program_report_request(track=clinical_track, start=START, end=END, by=alice)
    from django.contrib.auth.models import Group

    from accounts.roles import Role

    report = Report.objects.get(kind="program")
    alice.groups.set(Group.objects.filter(name=Role.HIRING_MANAGER))
    client.force_login(alice)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
