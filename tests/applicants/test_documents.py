import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applicants.models import Document
from audit.models import PersonalDataAccess
from tests.applicants.factories import SubmittedApplicationFactory

PDF = b"%PDF-1.4\n% a resume\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.fixture
def draft(clinical_track):
    return SubmittedApplicationFactory(track=clinical_track, step="interest", submitted_at=None)


def upload(client, application, name, content, content_type="application/pdf"):
    return client.post(
        reverse("applicants:documents", args=[application.token]),
        {"kind": "resume", "upload": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name, content", [("resume.pdf", PDF), ("diploma.png", PNG)])
def test_pdf_and_png_are_kept_under_a_random_name(client, draft, name, content):
    assert upload(client, draft, name, content).status_code == 302
    document = Document.objects.get()
    assert document.original_name == name
    assert name not in document.file.name
    assert document.file.read() == content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("resume.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("resume.html", b"<!doctype html><h1>x</h1>", "text/html"),
        ("photo.png", b"GIF89a....", "image/png"),
        ("resume.exe", b"MZ\x90\x00", "application/octet-stream"),
    ],
)
def test_hostile_uploads_are_refused_by_content(client, draft, name, content, content_type):
    response = upload(client, draft, name, content, content_type)
    assert "Upload a PDF, JPG or PNG file." in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_file_over_5_mb_is_refused(client, draft):
    response = upload(client, draft, "big.pdf", PDF + b"0" * (5 * 1024 * 1024))
    assert "larger than 5 MB" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_staff_download_as_an_attachment_and_it_is_audited(client, alice, draft):
    upload(client, draft, "resume.pdf", PDF)
    document = Document.objects.get()
    client.force_login(alice)
    response = client.get(reverse("applicants:document_download", args=[draft.pk, document.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert PersonalDataAccess.objects.filter(
        actor=alice, subject_type="applicants.document"
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "ed", "ivy", "dana"])
def test_no_one_else_can_download(client, request, who, draft):
    upload(client, draft, "resume.pdf", PDF)
    document = Document.objects.get()
    client.force_login(request.getfixturevalue(who))
    assert (
        client.get(
            reverse("applicants:document_download", args=[draft.pk, document.pk])
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_a_document_of_another_application_is_404(client, alice, draft, clinical_track):
    upload(client, draft, "resume.pdf", PDF)
    other = SubmittedApplicationFactory(track=clinical_track)
    client.force_login(alice)
    url = reverse("applicants:document_download", args=[other.pk, Document.objects.get().pk])
    assert client.get(url).status_code == 404


def test_media_is_not_served_by_any_url():
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/media/documents/1/x.pdf")


@pytest.mark.django_db
def test_the_download_is_named_from_the_detected_type_not_the_uploaded_name(client, alice, draft):
    """A PDF uploaded as evil.html must reach staff as a .pdf, never as an .html file."""
    upload(client, draft, "evil.html", PDF, "text/html")
    document = Document.objects.get()
    client.force_login(alice)
    response = client.get(reverse("applicants:document_download", args=[draft.pk, document.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.endswith('.pdf"') and "html" not in disposition
    assert "resume-" in disposition


@pytest.mark.django_db
def test_an_application_holds_a_limited_number_of_documents(client, draft, settings):
    settings.DOCUMENTS_PER_APPLICATION = 2
    assert upload(client, draft, "a.pdf", PDF).status_code == 302
    assert upload(client, draft, "b.pdf", PDF).status_code == 302
    response = upload(client, draft, "c.pdf", PDF)
    assert "at most 2 documents" in response.content.decode()
    assert Document.objects.count() == 2


@pytest.mark.django_db
def test_uploads_are_rate_limited_per_visitor(client, draft, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1
    assert upload(client, draft, "a.pdf", PDF).status_code == 302
    assert upload(client, draft, "b.pdf", PDF).status_code == 429
    assert Document.objects.count() == 1
