"""The equal opportunity pledge (29 CFR 30.3(b)) and the complaint procedure (30.14) where
applicants and apprentices read them: the posted notice, the program page, the application,
the agreement and the apprentice's home; the regulation's words unless the program words its
own; English and Spanish."""

import pytest
from django.urls import reverse

from tests.applicants.factories import SubmittedApplicationFactory
from wages.agreements import agreement_document

PLEDGE = "will not discriminate against apprenticeship applicants or apprentices"


@pytest.mark.django_db
def test_the_posted_notice_is_public_with_the_pledge_and_how_to_complain(client, clinical_track):
    program = clinical_track.program
    program.eeo_officer = "Grace Okafor, grace@example.org"
    program.registration_agency_address = "1222 Spruce Street, St. Louis, MO 63103"
    program.save()
    page = client.get(reverse("eeo_notices")).content.decode()
    assert f"{program.sponsor_name} {PLEDGE}" in page
    assert "within 300 days" in page  # 29 CFR 30.14
    assert "Grace Okafor, grace@example.org" in page and "1222 Spruce Street" in page
    # Every page's footer links to it.
    assert reverse("eeo_notices") in client.get(reverse("applicants:track_list")).content.decode()


@pytest.mark.django_db
def test_the_notice_in_spanish(client, clinical_track):
    client.cookies["django_language"] = "es"
    page = client.get(reverse("eeo_notices")).content.decode()
    assert "no discriminará" in page and "300 días" in page


@pytest.mark.django_db
def test_a_program_words_its_own_pledge_in_each_language(client, clinical_track):
    program = clinical_track.program
    program.eeo_pledge = "Our own pledge in English."
    program.eeo_pledge_es = "Nuestro propio compromiso."
    program.save()
    assert b"Our own pledge in English." in client.get(reverse("eeo_notices")).content
    client.cookies["django_language"] = "es"
    assert b"Nuestro propio compromiso." in client.get(reverse("eeo_notices")).content


@pytest.mark.django_db
def test_the_application_carries_the_pledge(client, clinical_track):
    track_page = client.get(reverse("applicants:track_page", args=[clinical_track.slug]))
    assert PLEDGE in track_page.content.decode()
    application = SubmittedApplicationFactory(track=clinical_track)
    status = client.get(reverse("applicants:private", args=[application.token])).content.decode()
    assert PLEDGE in status and "within 300 days" in status


@pytest.mark.django_db
def test_the_agreement_carries_the_programs_pledge_and_agency(ed_apprentice):
    program = ed_apprentice.cohort.track.program
    program.eeo_pledge = "The sponsor's own pledge."
    program.registration_agency_address = "1222 Spruce Street"
    program.save()
    text = agreement_document(apprentice=ed_apprentice, kind="original", reason="")
    assert "The sponsor&#x27;s own pledge." in text and "1222 Spruce Street" in text
    assert "within 300 days" in text


@pytest.mark.django_db
def test_the_apprentices_home_shows_the_pledge(client, ed, ed_apprentice):
    client.force_login(ed)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert PLEDGE in page and reverse("eeo_notices") in page
