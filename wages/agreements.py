"""The apprenticeship agreement (29 CFR 29.7): generated from the apprentice's standard in
their language, signed electronically by the apprentice (typed name, consent to sign
electronically, time, address and the document's SHA-256) and countersigned the same way by
the sponsor's signatory; registration waits for both signatures. The signed PDF carries a
signature page with the hash; a change is an amendment, signed the same way."""

from __future__ import annotations

import hashlib
import ipaddress

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from apprenticeship.pdf import html_to_pdf
from apprenticeship.validators import same_name
from cohorts.models import Apprentice, ApprenticeEvent
from programs.notices import notices
from programs.selectors import schedule_rates, wage_schedule
from wages.models import Agreement, PriorExperienceCredit
from wages.tasks import render_agreement

# The consent the signer gives (ESIGN Act, 15 U.S.C. 7001; UETA), shown beside the box.
ESIGN_CONSENT = gettext_lazy(
    "I agree to sign this agreement electronically. My typed name is my signature and has "
    "the same effect as a handwritten one. I can download a copy of the signed agreement, "
    "and I may ask the program for a paper copy at no cost."
)


def _address(value: str | None) -> str | None:
    """The signer's network address as stored with a signature (None when it is not one)."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def _digest(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def agreement_document(*, apprentice: Apprentice, kind: str, reason: str) -> str:
    """The agreement's text as HTML, in the apprentice's language: the content 29 CFR 29.7
    lists (names, contact, date of birth, sponsor, occupation and codes, term, approach,
    probation, related instruction, wage schedule, credit granted, the equal opportunity
    pledge, the complaint procedure and the agency's address)."""
    apprentice = Apprentice.objects.select_related(
        "person", "standard", "cohort__track__program"
    ).get(pk=apprentice.pk)
    track = apprentice.cohort.track
    with translation.override(apprentice.person.preferred_language or "en"):
        return render_to_string(
            "wages/agreement_document.html",
            {
                "apprentice": apprentice,
                "person": apprentice.person,
                "standard": apprentice.standard,
                "track": track,
                "program": track.program,
                "kind": kind,
                "reason": reason,
                "rates": schedule_rates(wage_schedule(track.pk)),
                "credits": PriorExperienceCredit.objects.filter(apprentice=apprentice),
                "notices": notices(track.program),
            },
        )


@transaction.atomic
def agreement_prepare(*, apprentice: Apprentice, by: User | None, reason: str = "") -> Agreement:
    """The agreement to sign: the original, or once it is signed an amendment (with what it
    changes). An unsigned one is made again from today's records (nobody has signed it yet)."""
    apprentice = Apprentice.objects.select_for_update().get(pk=apprentice.pk)
    agreements = list(apprentice.agreements.order_by("created_at", "pk"))
    open_one = next((a for a in agreements if not a.apprentice_signed_at), None)
    signed_original = any(a.kind == Agreement.Kind.ORIGINAL and a.is_signed for a in agreements)
    if any(not a.is_signed and a.apprentice_signed_at for a in agreements):
        raise ValidationError(_("The apprentice has signed: the sponsor countersigns first."))
    kind = Agreement.Kind.AMENDMENT if signed_original else Agreement.Kind.ORIGINAL
    if kind == Agreement.Kind.AMENDMENT and not reason.strip():
        raise ValidationError(_("Say what the amendment changes."))
    document = agreement_document(apprentice=apprentice, kind=kind, reason=reason.strip())
    agreement = open_one or Agreement(apprentice=apprentice)
    agreement.standard_id = apprentice.standard_id
    agreement.kind, agreement.reason = kind, reason.strip()
    agreement.language = apprentice.person.preferred_language or "en"
    agreement.document, agreement.sha256 = document, _digest(document)
    agreement.created_by = by
    agreement.save()
    return agreement


@transaction.atomic
def agreement_sign(
    *, agreement: Agreement, user: User, typed_name: str, consent: bool, address: str | None
) -> Agreement:
    """The apprentice signs (on their phone, signed in)."""
    agreement = (
        Agreement.objects.select_for_update()
        .select_related("apprentice__person")
        .get(pk=agreement.pk)
    )
    person = agreement.apprentice.person
    if person.user_id != user.pk:
        raise ValidationError(_("Only the apprentice signs their agreement."))
    if agreement.apprentice_signed_at:
        raise ValidationError(_("You have already signed this agreement."))
    if not consent:
        raise ValidationError(_("Agree to sign electronically to sign."))
    if not same_name(typed_name, person.full_name):
        raise ValidationError(
            _("Type your name as the agreement gives it: %(name)s.") % {"name": person.full_name}
        )
    if _digest(agreement.document) != agreement.sha256:
        raise ValidationError(_("The agreement changed since it was prepared: ask the program."))
    agreement.apprentice_name = " ".join(typed_name.split())
    agreement.apprentice_signed_at = timezone.now()
    agreement.apprentice_address = _address(address)
    agreement.save(update_fields=["apprentice_name", "apprentice_signed_at", "apprentice_address"])
    return agreement


@transaction.atomic
def agreement_countersign(
    *, agreement: Agreement, user: User, typed_name: str, address: str | None, render: bool = True
) -> Agreement:
    """The sponsor's signatory countersigns after the apprentice; the signed PDF is made by
    a worker."""
    agreement = (
        Agreement.objects.select_for_update()
        .select_related("apprentice__cohort__track__program")
        .get(pk=agreement.pk)
    )
    program = agreement.apprentice.cohort.track.program
    if program.agreement_signatory_id is None:
        raise ValidationError(_("Choose the sponsor's signatory in the program's settings."))
    if program.agreement_signatory_id != user.pk:
        raise ValidationError(
            _("%(name)s signs agreements for the sponsor.") % {"name": program.agreement_signatory}
        )
    if not agreement.apprentice_signed_at:
        raise ValidationError(_("The apprentice signs first."))
    if agreement.sponsor_signed_at:
        raise ValidationError(_("This agreement is already countersigned."))
    if not same_name(typed_name, user.full_name):
        raise ValidationError(
            _("Type your name as your account gives it: %(name)s.") % {"name": user.full_name}
        )
    if _digest(agreement.document) != agreement.sha256:
        raise ValidationError(_("The agreement changed since the apprentice signed it."))
    agreement.sponsor_signer = user
    agreement.sponsor_name = " ".join(typed_name.split())
    agreement.sponsor_signed_at = timezone.now()
    agreement.sponsor_address = _address(address)
    agreement.save(
        update_fields=["sponsor_signer", "sponsor_name", "sponsor_signed_at", "sponsor_address"]
    )
    if render:
        pk = agreement.pk
        transaction.on_commit(lambda: render_agreement.delay(pk), robust=True)
    return agreement


def agreement_render(*, agreement_id: int) -> bool:
    """The signed PDF: the document and a signature page with both signatures and the
    document's SHA-256. Made once; False when it was already made or is not signed yet."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
        if agreement.pdf or not agreement.is_signed:
            return False
        with translation.override(agreement.language):
            html = render_to_string(
                "wages/agreement_pdf.html", {"agreement": agreement, "document": agreement.document}
            )
        agreement.pdf.save(
            f"agreement-{agreement.pk}.pdf", ContentFile(html_to_pdf(html)), save=False
        )
        agreement.rendered_at = timezone.now()
        agreement.save(update_fields=["pdf", "rendered_at"])
        return True


def agreement_signed(apprentice: Apprentice) -> bool:
    """The original agreement is signed by both (registration rests on it, 29 CFR 29.7)."""
    return any(
        a.is_signed
        for a in Agreement.objects.filter(apprentice=apprentice, kind=Agreement.Kind.ORIGINAL)
    )


def agreement_to_sign(apprentice: Apprentice) -> Agreement | None:
    """The agreement waiting for the apprentice's signature, if any."""
    return (
        Agreement.objects.filter(apprentice=apprentice, apprentice_signed_at__isnull=True)
        .order_by("-created_at")
        .first()
    )


def amendment_events() -> QuerySet[ApprenticeEvent]:
    """The changes of apprentices' terms (term extended, credit granted, another standard
    version, a part-time schedule, re-entry) no agreement was prepared after, of apprentices
    whose original is signed (before, the original, prepared again, carries them): an
    amendment is due for each (29 CFR 29.7)."""
    agreements = Agreement.objects.filter(apprentice=OuterRef("apprentice"))
    return ApprenticeEvent.objects.filter(
        Exists(agreements.filter(kind=Agreement.Kind.ORIGINAL, sponsor_signed_at__isnull=False)),
        amends_agreement=True,
    ).exclude(Exists(agreements.filter(created_at__gt=OuterRef("at"))))


def amendments_due(apprentice: Apprentice) -> list[ApprenticeEvent]:
    """The apprentice's changes an amendment is due for, oldest first."""
    return list(amendment_events().filter(apprentice=apprentice).order_by("at"))


def amendment_reason(events: list[ApprenticeEvent]) -> str:
    """What an amendment changes, from the events it follows (the form's suggestion)."""
    return "; ".join(event.reason for event in events)[:300]


def agreements_of(apprentice: Apprentice) -> list[Agreement]:
    return list(apprentice.agreements.select_related("sponsor_signer").order_by("created_at"))
