"""Completion's documents: the certificate PDF made by a worker, once; the certification
certificate upload (checked like applicant documents); graduates' 6- and 12-month
follow-ups, one at a time or imported all or nothing; exam readiness."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from classroom.models import Grade, Module
from clinic.models import Competency, CompetencySignoff
from cohorts.models import Apprentice
from tests.progress import meet_the_standard
from wages.certificates import certificate_render, follow_up_record
from wages.lifecycle import apprentice_move
from wages.models import CompletionCertificate, ExamAttempt, GraduateFollowUp
from wages.selectors import exam_readiness
from wages.tasks import render_completion_certificate


@pytest.fixture
def graduate(ed_apprentice, alice, monkeypatch, django_capture_on_commit_callbacks):
    meet_the_standard(ed_apprentice)
    ed_apprentice.employee_id = "E-77"
    ed_apprentice.status = Apprentice.Status.ACTIVE
    # Started a year and a half ago, completed seven months ago (follow-ups are due).
    ed_apprentice.employment_start = timezone.localdate() - relativedelta(months=19)
    ed_apprentice.save(update_fields=["employee_id", "status", "employment_start"])
    with django_capture_on_commit_callbacks(execute=True):
        apprentice_move(
            apprentice=ed_apprentice,
            to_status="completed",
            effective_on=timezone.localdate() - relativedelta(months=7),
            by=alice,
        )
    ed_apprentice.refresh_from_db()
    return ed_apprentice


@pytest.mark.django_db
def test_completion_renders_the_certificate_once_and_the_apprentice_downloads_it(
    client, graduate, ed, bob
):
    certificate = CompletionCertificate.objects.get(apprentice=graduate)
    assert certificate.file.read(5) == b"%PDF-"
    assert certificate.number.endswith(f"-{graduate.pk:05d}")
    assert render_completion_certificate(certificate.pk) is False  # already made
    client.force_login(ed)
    response = client.get(reverse("wages:completion_certificate", args=[graduate.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="certificate-of-completion.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    page = client.get(reverse("wages:my_wages")).content.decode()
    assert "Download my certificate of completion" in page


@pytest.mark.django_db
def test_the_certificate_names_the_apprentice_and_the_occupation(graduate):
    certificate = CompletionCertificate.objects.get(apprentice=graduate)
    text = PdfReader(certificate.file.open("rb")).pages[0].extract_text()
    assert "Ed Evans" in text
    assert graduate.cohort.track.name in text
    assert certificate.number in text
    # 29 CFR 29.5(b)(15): the agency issues the Certificate of Completion of Apprenticeship;
    # this one is the program's own, and no line invites an agency signature on it.
    assert "Program Certificate of Completion" in text
    assert "issued by the registration agency" in " ".join(text.split())
    assert "Registration agency" not in text


@pytest.mark.django_db
def test_a_certificate_without_its_file_yet_is_not_found(client, alice, graduate):
    CompletionCertificate.objects.filter(apprentice=graduate).update(file="")
    client.force_login(alice)
    assert (
        client.get(reverse("wages:completion_certificate", args=[graduate.pk])).status_code == 404
    )
    certificate_render(certificate_id=graduate.completion_certificate.pk)
    assert (
        client.get(reverse("wages:completion_certificate", args=[graduate.pk])).status_code == 200
    )


@pytest.fixture
def passed(ed_apprentice, exam):
    return ExamAttempt.objects.create(
        apprentice=ed_apprentice,
        exam=exam,
        scheduled_on=date.today() - timedelta(days=3),
        score=88,
        passed=True,
        certificate_number="NHA-1",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cert.html", b"<script>alert(1)</script>", "Upload a PDF, JPG or PNG file."),
        ("cert.pdf", b"MZ\x90\x00", "Upload a PDF, JPG or PNG file."),
        ("cert.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_a_certificate_that_is_not_a_document_is_refused(
    client, alice, passed, name, content, message
):
    client.force_login(alice)
    response = client.post(
        reverse("wages:exam_certificate_upload", args=[passed.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in response.content.decode()
    passed.refresh_from_db()
    assert not passed.certificate_file


@pytest.mark.django_db
def test_staff_upload_the_certificate_and_the_apprentice_downloads_it(client, alice, ed, passed):
    client.force_login(alice)
    client.post(
        reverse("wages:exam_certificate_upload", args=[passed.pk]),
        {"file": SimpleUploadedFile("evil.html", b"\x89PNG\r\n\x1a\n0000")},
    )
    passed.refresh_from_db()
    assert passed.certificate_type == "image/png"
    client.force_login(ed)
    response = client.get(reverse("wages:exam_certificate", args=[passed.pk]))
    assert response["Content-Type"] == "image/png"
    assert 'filename="certification.png"' in response["Content-Disposition"]
    assert (
        "Download my certification certificate"
        in client.get(reverse("wages:my_exam")).content.decode()
    )


@pytest.mark.django_db
def test_a_failed_attempt_takes_no_certificate(client, alice, ed_apprentice, exam):
    failed = ExamAttempt.objects.create(
        apprentice=ed_apprentice, exam=exam, scheduled_on=date.today(), score=10, passed=False
    )
    client.force_login(alice)
    response = client.post(
        reverse("wages:exam_certificate_upload", args=[failed.pk]),
        {"file": SimpleUploadedFile("c.pdf", b"%PDF-1.4")},
        follow=True,
    )
    assert "A certificate belongs to a passed attempt." in response.content.decode()


@pytest.mark.django_db
def test_follow_ups_are_recorded_from_their_due_date(graduate, alice):
    follow_up_record(
        apprentice=graduate, months=6, employed=True, role="Medical assistant", by=alice
    )
    with pytest.raises(ValidationError, match="12-month follow-up can be recorded from"):
        follow_up_record(apprentice=graduate, months=12, employed=True, role="MA", by=alice)
    with pytest.raises(ValidationError, match="in what role"):
        follow_up_record(apprentice=graduate, months=6, employed=True, role=" ", by=alice)
    follow_up_record(apprentice=graduate, months=6, employed=False, role="", by=alice)
    assert GraduateFollowUp.objects.get().employed is False  # corrected, still one


@pytest.mark.django_db
def test_the_graduates_page_shows_what_is_due(client, alice, graduate):
    client.force_login(alice)
    page = client.get(reverse("wages:graduates")).content.decode()
    assert "Ed Evans" in page and "due " in page
    client.post(
        reverse("wages:follow_up", args=[graduate.pk]),
        {"months": "6", "employed": "yes", "role": "Medical assistant, Cardiology"},
    )
    page = client.get(reverse("wages:graduates")).content.decode()
    assert "employed: Medical assistant, Cardiology" in page


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("follow.csv", text.encode())


@pytest.mark.django_db
def test_an_import_saves_every_row_or_none(client, alice, graduate):
    client.force_login(alice)
    bad = client.post(
        reverse("wages:follow_ups_import"),
        {"file": _csv("employee_id,months,employed,role\nE-77,6,yes,MA\nE-404,6,yes,MA\n")},
        follow=True,
    ).content.decode()
    assert "Nothing was saved." in bad and "Row 3: no graduate has employee id E-404." in bad
    assert not GraduateFollowUp.objects.exists()
    good = client.post(
        reverse("wages:follow_ups_import"),
        {"file": _csv("employee_id,months,employed,role\nE-77,6,yes,MA\n")},
        follow=True,
    ).content.decode()
    assert "1 follow-up saved." in good
    assert GraduateFollowUp.objects.get().role == "MA"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,when\nx,y\n", "The file needs the columns: employed, employee_id, months."),
        (b"employee_id,months,employed\nE-77,7,yes\n", "Row 2: months is 6 or 12."),
        (b"employee_id,months,employed\nE-77,6,maybe\n", "Row 2: employed is yes or no."),
        (b"employee_id,months,employed\n", "The file has no rows."),
        (b"\xff\xfe\x00bad", "Save the file as CSV (UTF-8)."),
    ],
)
def test_a_bad_import_is_refused_with_the_reason(client, alice, graduate, content, message):
    client.force_login(alice)
    response = client.post(
        reverse("wages:follow_ups_import"),
        {"file": SimpleUploadedFile("f.csv", content)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not GraduateFollowUp.objects.exists()


@pytest.mark.django_db
def test_readiness_flags_grades_and_competencies_below_the_thresholds(
    ed_apprentice, exam, work_process, fay
):
    module = Module.objects.create(track=ed_apprentice.cohort.track, order=1, title="Vitals")
    Grade.objects.create(apprentice=ed_apprentice, module=module, score=60)
    competencies = [
        Competency.objects.create(work_process=work_process, title=f"C{i}") for i in range(4)
    ]
    CompetencySignoff.objects.create(
        apprentice=ed_apprentice,
        competency=competencies[0],
        level="observed",
        signed_on=date.today(),
        by=fay,
    )
    result = exam_readiness(
        apprentices=Apprentice.objects.filter(pk=ed_apprentice.pk), exam=exam, today=date.today()
    )[ed_apprentice.pk]
    assert not result.ready
    assert result.failing_modules == ["Vitals"]
    assert result.competencies_percent == 25
    assert any("competencies 25% signed off (needs 50%)" in r for r in result.reasons)
    Grade.objects.filter(apprentice=ed_apprentice).update(score=Decimal(90))
    for competency in competencies[1:2]:
        CompetencySignoff.objects.create(
            apprentice=ed_apprentice,
            competency=competency,
            level="observed",
            signed_on=date.today(),
            by=fay,
        )
    again = exam_readiness(
        apprentices=Apprentice.objects.filter(pk=ed_apprentice.pk), exam=exam, today=date.today()
    )[ed_apprentice.pk]
    assert (again.failing_modules, again.competencies_percent) == ([], 50)


@pytest.mark.django_db
def test_the_graduates_page_goes_page_by_page_and_says_how_many(client, alice, cohort):
    from tests.cohorts.factories import ApprenticeFactory
    from wages.models import CompletionCertificate

    completed = timezone.localdate() - relativedelta(months=2)
    for n in range(52):
        apprentice = ApprenticeFactory(cohort=cohort, status=Apprentice.Status.COMPLETED)
        CompletionCertificate.objects.create(
            apprentice=apprentice, number=f"C-{n}", completed_on=completed
        )
    client.force_login(alice)
    first = client.get(reverse("wages:graduates")).content.decode()
    assert first.count('id="graduate-') == 50 and "52 graduates in all" in first
    second = client.get(reverse("wages:graduates"), {"page": 2}).content.decode()
    assert second.count('id="graduate-') == 2
    assert client.get(reverse("wages:graduates"), {"page": "x%00"}).status_code == 200


@pytest.mark.django_db
def test_staff_record_the_agencys_certificate_and_the_graduate_downloads_it(
    client, alice, ed, graduate
):
    """29 CFR 29.5(b)(15): the agency issues the Certificate of Completion of Apprenticeship;
    the program records its number, date and a scan."""
    client.force_login(alice)
    page = client.get(reverse("wages:apprentice", args=[graduate.pk])).content.decode()
    assert "Requested: the completion is reported to the registration agency" in page
    url = reverse("wages:agency_certificate_record", args=[graduate.pk])
    bad = client.post(
        url,
        {
            "number": "OA-2027-0042",
            "received_on": timezone.localdate().isoformat(),
            "file": SimpleUploadedFile("scan.html", b"<script>alert(1)</script>"),
        },
        follow=True,
    )
    assert "Upload a PDF, JPG or PNG file." in bad.content.decode()
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    page = client.post(url, {"number": "OA-1", "received_on": future}, follow=True)
    assert "between the completion and today" in page.content.decode()
    client.post(
        url,
        {
            "number": "OA-2027-0042",
            "received_on": timezone.localdate().isoformat(),
            "file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 agency"),
        },
    )
    certificate = CompletionCertificate.objects.get(apprentice=graduate)
    assert certificate.agency_number == "OA-2027-0042"
    client.force_login(ed)
    response = client.get(reverse("wages:agency_certificate", args=[graduate.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4 agency")
