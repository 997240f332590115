"""The apprentice progress report: asked on the page, made by a worker (never the web
process), stored, the asker emailed; asked again within the hour, the same file; who may ask
and download."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import PersonalDataAccess
from reports.models import Report
from tests.cohorts.factories import ApprenticeFactory
from wages.models import CertificationExam, ExamAttempt


@pytest.fixture
def asked(client, alice, ed_apprentice, django_capture_on_commit_callbacks):
    exam = CertificationExam.objects.create(
        track=ed_apprentice.cohort.track, name="CCMA (NHA)", pass_mark=70, max_score=100
    )
    ExamAttempt.objects.create(
        apprentice=ed_apprentice, exam=exam, scheduled_on=timezone.localdate() + timedelta(days=9)
    )
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:progress", args=[ed_apprentice.pk]), follow=True)
    return response


@pytest.mark.django_db
def test_staff_ask_and_a_worker_makes_the_pdf(asked, alice, ed_apprentice, mailoutbox):
    assert "The report is being made" in asked.content.decode()
    report = Report.objects.get()
    assert (report.status, report.requested_by) == ("ready", alice)
    text = "\n".join(page.extract_text() for page in PdfReader(report.file.open("rb")).pages)
    assert "Apprentice progress report" in text and "Ed Evans" in text
    assert ed_apprentice.cohort.track.onet_code in text
    assert "Open items before completion" in text and "the certification exam passed" in text
    assert "CCMA (NHA)" in text and "scheduled" in text
    assert "Page 1 /" in text and "Program director" in text
    (mail,) = [m for m in mailoutbox if m.to == [alice.email]]
    assert f"/reports/{report.pk}/" in mail.body


@pytest.mark.django_db
def test_asking_again_within_the_hour_gives_the_same_report(client, asked, ed_apprentice):
    response = client.post(reverse("reports:progress", args=[ed_apprentice.pk]), follow=True)
    assert Report.objects.count() == 1
    made = timezone.localtime(Report.objects.get().data_as_of)
    assert f"Nothing has changed since {made:%H:%M}" in response.content.decode()
    Report.objects.update(requested_at=timezone.now() - timedelta(hours=2))
    client.post(reverse("reports:progress", args=[ed_apprentice.pk]))
    assert Report.objects.count() == 2


@pytest.mark.django_db
def test_asking_again_after_a_change_makes_a_new_report_with_it(
    client, asked, ed_apprentice, mailoutbox, django_capture_on_commit_callbacks
):
    """The exam passed since the first report: the second is made anew and says so."""
    ExamAttempt.objects.update(scheduled_on=timezone.localdate(), score=88, passed=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:progress", args=[ed_apprentice.pk]), follow=True)
    assert "The report is being made" in response.content.decode()
    first, second = Report.objects.order_by("pk")
    assert second.status == "ready" and first.data_version != second.data_version
    text = "\n".join(page.extract_text() for page in PdfReader(second.file.open("rb")).pages)
    assert "passed" in text and "Data as of" in text
    assert len(mailoutbox) == 2  # one email per report made, none for a report handed back


@pytest.mark.django_db
def test_a_second_worker_on_a_made_report_keeps_nothing_and_sends_nothing(asked, mailoutbox):
    from reports.services import report_render

    report = Report.objects.get()
    assert report_render(report_id=report.pk) is False
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_list_and_the_download(client, asked, alice):
    report = Report.objects.get()
    page = client.get(reverse("reports:list")).content.decode()
    assert "Download Progress report of Ed Evans (PDF)" in page
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    read = PersonalDataAccess.objects.get(subject_type="reports.report")
    assert (read.actor, read.action, read.subject_id) == (alice, "export", str(report.pk))


@pytest.mark.django_db
def test_the_apprentice_asks_for_their_own_and_no_one_elses(
    client, ed, ed_apprentice, cohort, django_capture_on_commit_callbacks
):
    other = ApprenticeFactory(cohort=cohort)
    client.force_login(ed)
    assert client.post(reverse("reports:progress", args=[other.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:progress", args=[ed_apprentice.pk]))
    report = Report.objects.get()
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "fay", "ivy", "cody", "dana"])
def test_others_neither_ask_nor_download(client, request, asked, ed_apprentice, who):
    report = Report.objects.get()
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("reports:progress", args=[ed_apprentice.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    if who != "dana":
        assert client.get(reverse("reports:list")).status_code == 404


@pytest.mark.django_db
def test_a_report_not_made_yet_is_not_found(client, alice, ed_apprentice):
    report = Report.objects.create(
        kind="progress",
        params={"apprentice_id": ed_apprentice.pk},
        params_key="x",
        title="t",
        requested_by=alice,
    )
    client.force_login(alice)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    report.file = SimpleUploadedFile("r.pdf", b"%PDF-1.4")
    report.status = "ready"
    report.save()
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 200


@pytest.mark.django_db
def test_a_failure_is_recorded_and_the_report_can_be_asked_again(
    client, alice, ed_apprentice, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("fonts missing")

    monkeypatch.setattr("reports.services.render_pdf", broken)
    client.force_login(alice)
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:progress", args=[ed_apprentice.pk]))
    assert Report.objects.get().status == "failed"
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:progress", args=[ed_apprentice.pk]))
    assert list(Report.objects.order_by("pk").values_list("status", flat=True)) == [
        "failed",
        "ready",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "carol", "ivy", "fay"])
def test_hiring_managers_instructors_and_preceptors_get_404_on_every_report_url(
    client, request, asked, ed_apprentice, who
):
    from django.urls import get_resolver

    report = Report.objects.get()
    ids = {
        "report_id": report.pk,
        "apprentice_id": ed_apprentice.pk,
        "track_id": ed_apprentice.cohort.track_id,
        "year": 2026,
    }
    (reports,) = [
        p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "reports"
    ]
    client.force_login(request.getfixturevalue(who))
    for pattern in reports.url_patterns:
        names = set(pattern.pattern.regex.groupindex)
        url = reverse(f"reports:{pattern.name}", kwargs={n: ids[n] for n in names})
        statuses = {client.get(url).status_code, client.post(url).status_code}
        assert 404 in statuses and statuses <= {404, 405}, (who, url, statuses)
