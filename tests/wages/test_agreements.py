"""The apprenticeship agreement (29 CFR 29.7): its content from the standard, who may sign,
what a signature stores, the signed PDF, amendments, and registration resting on it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cohorts.models import Apprentice
from tests.progress import sign_the_agreement
from wages.agreements import (
    agreement_countersign,
    agreement_prepare,
    agreement_render,
    agreement_sign,
)
from wages.lifecycle import apprentice_register

Status = Apprentice.Status


@pytest.fixture
def pending(ed_apprentice, grace):
    Apprentice.objects.filter(pk=ed_apprentice.pk).update(status=Status.PENDING_REGISTRATION)
    ed_apprentice.refresh_from_db()
    program = ed_apprentice.cohort.track.program
    program.agreement_signatory = grace
    program.save()
    return ed_apprentice


@pytest.mark.django_db
def test_the_agreement_holds_what_29_cfr_29_7_lists(pending, grace):
    agreement = agreement_prepare(apprentice=pending, by=grace)
    for part in (
        "Ed Evans",
        pending.cohort.track.name,
        pending.cohort.track.rapids_occupation_code,
        "52 weeks, Time-based",
        "90 days",
        "48 hours over 12 weeks",
        "will not discriminate",
        "registration agency",
    ):
        assert part in agreement.document, part
    assert len(agreement.sha256) == 64


@pytest.mark.django_db
def test_only_the_apprentice_signs_with_consent_and_their_name(pending, grace, alice, ed):
    agreement = agreement_prepare(apprentice=pending, by=grace)
    sign = {"agreement": agreement, "consent": True, "address": "192.0.2.1"}
    with pytest.raises(ValidationError, match="Only the apprentice"):
        agreement_sign(user=alice, typed_name="Ed Evans", **sign)
    with pytest.raises(ValidationError, match="Type your name as the agreement gives it"):
        agreement_sign(user=ed, typed_name="Edward", **sign)
    with pytest.raises(ValidationError, match="Agree to sign electronically"):
        agreement_sign(user=ed, typed_name="Ed Evans", **{**sign, "consent": False})
    with pytest.raises(ValidationError, match="The apprentice signs first"):
        agreement_countersign(
            agreement=agreement, user=grace, typed_name=grace.full_name, address=None
        )
    signed = agreement_sign(user=ed, typed_name="  ed   EVANS ", **sign)
    assert (signed.apprentice_name, signed.apprentice_address) == ("ed EVANS", "192.0.2.1")
    with pytest.raises(ValidationError, match="already signed"):
        agreement_sign(user=ed, typed_name="Ed Evans", **sign)
    # What he signed cannot be made again under him.
    with pytest.raises(ValidationError, match="countersigns first"):
        agreement_prepare(apprentice=pending, by=grace)


@pytest.mark.django_db
def test_only_the_sponsors_signatory_countersigns_and_the_pdf_shows_both(pending, grace, alice, ed):
    agreement = agreement_prepare(apprentice=pending, by=grace)
    agreement_sign(agreement=agreement, user=ed, typed_name="Ed Evans", consent=True, address=None)
    with pytest.raises(ValidationError, match="signs agreements for the sponsor"):
        agreement_countersign(
            agreement=agreement, user=alice, typed_name=alice.full_name, address=None
        )
    agreement_countersign(
        agreement=agreement, user=grace, typed_name=grace.full_name, address="bad", render=False
    )
    assert agreement_render(agreement_id=agreement.pk)
    agreement.refresh_from_db()
    assert agreement.sponsor_address is None  # not an address: not stored
    text = " ".join(p.extract_text() for p in PdfReader(agreement.pdf.open("rb")).pages)
    assert "Ed Evans" in text and grace.full_name in text
    assert agreement.sha256 in "".join(text.split())
    assert not agreement_render(agreement_id=agreement.pk)  # made once


@pytest.mark.django_db
def test_registration_rests_on_the_signed_agreement_and_changes_are_amendments(
    pending, grace, alice
):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match=r"29 CFR 29\.7"):
        apprentice_register(apprentice=pending, rapids_id="MO-1", registered_on=today, by=alice)
    sign_the_agreement(pending, grace)
    apprentice_register(apprentice=pending, rapids_id="MO-1", registered_on=today, by=alice)
    with pytest.raises(ValidationError, match="Say what the amendment changes"):
        agreement_prepare(apprentice=pending, by=grace)
    amendment = agreement_prepare(apprentice=pending, by=grace, reason="Part-time for a term")
    assert amendment.kind == "amendment"
    assert "Part-time for a term" in amendment.document


@pytest.mark.django_db
def test_the_apprentice_signs_from_their_page_and_others_cannot_open_the_pdf(
    client, pending, grace, ed, bob, django_capture_on_commit_callbacks
):
    agreement_prepare(apprentice=pending, by=grace)
    client.force_login(ed)
    page = client.get(reverse("wages:my_agreement")).content.decode()
    assert "Sign the agreement" in page
    client.post(
        reverse("wages:my_agreement"), {"typed_name": "Ed Evans", "consent": "yes"}, follow=True
    )
    pending.agreements.get().refresh_from_db()
    assert pending.agreements.get().apprentice_signed_at is not None
    client.force_login(grace)
    agreement = pending.agreements.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wages:agreement_countersign", args=[agreement.pk]),
            {"typed_name": grace.full_name},
        )
    agreement.refresh_from_db()
    assert agreement.is_signed and agreement.pdf  # the worker (eager here) made it
    client.force_login(bob)
    assert client.get(reverse("wages:agreement_pdf", args=[agreement.pk])).status_code in (
        403,
        404,
    )
    assert pending.employment_start <= timezone.localdate() + timedelta(days=1)


@pytest.mark.django_db
def test_the_agreement_is_in_the_apprentices_language(pending, grace):
    pending.person.preferred_language = "es"
    pending.person.save()
    agreement = agreement_prepare(apprentice=pending, by=grace)
    assert agreement.language == "es"
    assert "Acuerdo de aprendizaje" in agreement.document
    assert "Igualdad de oportunidades" in agreement.document
