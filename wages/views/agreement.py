"""The apprenticeship agreement: the apprentice reads and signs it on their phone; staff
prepare it (or an amendment) and the sponsor's signatory countersigns; both download the PDF."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.abuse import client_address
from accounts.actions import form_action, reported
from accounts.decorators import role_required
from accounts.roles import Role
from clinic.selectors import own_apprenticeship
from wages import agreements
from wages.forms import AgreementPrepareForm, CountersignForm
from wages.models import Agreement
from wages.views import own_or_staff_apprentice, private_download, staff_apprentice


class _SignForm(forms.Form):
    typed_name = forms.CharField(max_length=170)
    consent = forms.BooleanField(required=False)


@role_required(Role.APPRENTICE)
def my_agreement(request: HttpRequest) -> HttpResponse:
    apprentice = own_apprenticeship(request.user)
    agreement = agreements.agreement_to_sign(apprentice)
    if request.method == "POST" and agreement is not None:
        form = _SignForm(request.POST)
        with reported(request, _("Signed. The sponsor countersigns next.")):
            if not form.is_valid():
                raise ValidationError(_("Type your full name to sign."))
            agreements.agreement_sign(
                agreement=agreement,
                user=request.user,
                typed_name=form.cleaned_data["typed_name"],
                consent=form.cleaned_data["consent"],
                address=client_address(request) or None,
            )
        return redirect("wages:my_agreement")
    all_agreements = agreements.agreements_of(apprentice)
    return render(
        request,
        "wages/my_agreement.html",
        {
            "apprentice": apprentice,
            "agreement": agreement,
            "consent_text": agreements.ESIGN_CONSENT,
            "signed_agreements": [a for a in all_agreements if a.is_signed],
            "waiting": [a for a in all_agreements if a.apprentice_signed_at and not a.is_signed],
        },
    )


@require_POST
@login_required
def agreement_prepare(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = AgreementPrepareForm(request.POST)
    form_action(
        request,
        form,
        success=_("The agreement is ready for the apprentice to sign."),
        invalid=_("Say what the amendment changes."),
        action=lambda data: agreements.agreement_prepare(
            apprentice=apprentice, by=request.user, reason=data["reason"]
        ),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@require_POST
@login_required
def agreement_countersign(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    staff_apprentice(request, agreement.apprentice_id)
    form = CountersignForm(request.POST)
    form_action(
        request,
        form,
        success=_("Countersigned. The signed PDF is being made."),
        invalid=_("Type your name to sign."),
        action=lambda data: agreements.agreement_countersign(
            agreement=agreement,
            user=request.user,
            typed_name=data["typed_name"],
            address=client_address(request) or None,
        ),
    )
    return redirect("wages:apprentice", apprentice_id=agreement.apprentice_id)


@login_required
def agreement_pdf(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The signed agreement: staff and the apprentice (a hiring manager never)."""
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    own_or_staff_apprentice(request, agreement.apprentice_id)
    return private_download(
        agreement.pdf,
        filename=f"apprenticeship-agreement-{agreement.pk}.pdf",
        content_type="application/pdf",
    )
