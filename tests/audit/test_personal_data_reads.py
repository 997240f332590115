"""Every view that shows personal data records the read, with exactly the fields it shows."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applicants.models import Document
from audit.models import PersonalDataAccess
from tests.applicants.factories import SubmittedApplicationFactory
from tests.cohorts.factories import ApprenticeFactory, CohortFactory


def _reads(actor):
    return [
        (entry.subject_type, entry.fields)
        for entry in PersonalDataAccess.objects.filter(actor=actor, action="read")
    ]


@pytest.mark.django_db
def test_the_application_page_records_date_of_birth_screening_and_ssn(client, alice):
    application = SubmittedApplicationFactory(person__ssn="123-45-6789")
    client.force_login(alice)
    client.get(reverse("applicants:application_detail", args=[application.pk]))
    assert _reads(alice) == [
        ("applicants.person", ["date_of_birth", "screening_details", "ssn (last four)"])
    ]


@pytest.mark.django_db
def test_the_ssn_page_records_the_masked_number_it_shows(client, alice):
    application = SubmittedApplicationFactory(person__ssn="123-45-6789")
    client.force_login(alice)
    page = client.get(reverse("applicants:ssn", args=[application.pk])).content.decode()
    assert "•••-••-6789" in page
    assert _reads(alice) == [("applicants.person", ["ssn (last four)"])]


@pytest.mark.django_db
def test_the_ssn_page_without_a_number_on_file_records_nothing(client, alice):
    application = SubmittedApplicationFactory(person__ssn=None)
    client.force_login(alice)
    client.get(reverse("applicants:ssn", args=[application.pk]))
    assert _reads(alice) == []


@pytest.mark.django_db
def test_the_rapids_page_records_each_masked_ssn_it_lists(client, grace, clinical_track):
    cohort = CohortFactory(track=clinical_track, start_date=date(2027, 1, 4))
    ApprenticeFactory(cohort=cohort, person__ssn="123-45-6789")
    ApprenticeFactory(cohort=cohort, person__ssn="234-56-7890")
    client.force_login(grace)
    client.get(reverse("reports:rapids"), {"cohort": cohort.pk})
    assert _reads(grace) == [("applicants.person", ["ssn (last four)"])] * 2


@pytest.mark.django_db
def test_a_document_download_records_the_file(client, alice):
    application = SubmittedApplicationFactory()
    document = Document.objects.create(
        application=application,
        kind="resume",
        file=SimpleUploadedFile("x.pdf", b"%PDF-1.4"),
        original_name="cv.pdf",
        content_type="application/pdf",
        size=8,
    )
    client.force_login(alice)
    client.get(reverse("applicants:document_download", args=[application.pk, document.pk]))
    assert _reads(alice) == [("applicants.document", ["file"])]
