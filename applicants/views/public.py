"""Applicant-facing pages: no sign-in, the private link (an unguessable token) is the only
key. The security boundary of the app: nothing here reads another applicant's data."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.abuse import email_may_be_sent, public_form_allowed
from applicants import selectors, services
from applicants.forms import (
    ApprovalForm,
    BackgroundForm,
    BookingForm,
    DisabilityForm,
    DocumentForm,
    EmploymentForm,
    SelfIdentificationForm,
    StartForm,
)
from applicants.models import (
    Application,
    EligibilityRules,
    InfoSession,
    Person,
    SessionBooking,
    TrackPresentation,
)
from programs.models import Track
from programs.notices import disability_invitation


def track_list(request):
    return render(request, "applicants/track_list.html", {"tracks": Track.objects.active()})


def track_page(request, slug: str):
    track = get_object_or_404(Track.objects.active(), slug=slug)
    form = StartForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        if form.is_bot() or not public_form_allowed(request, form_name="start"):
            return _too_many(request)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        send = email_may_be_sent(form_name="start", email=data["email"])
        application = services.application_start(track=track, send_email=send, **data)
        messages.success(
            request, _("Thank you! We emailed you a private link to come back to your application.")
        )
        return redirect("applicants:private", token=application.token)
    return render(
        request,
        "applicants/track_page.html",
        {
            "track": track,
            "form": form,
            "rules": _rules_of(track),
            "presentation": TrackPresentation.objects.filter(track=track).first(),
            "sessions": selectors.upcoming_sessions()[:3],
        },
    )


def _too_many(request):
    return render(request, "too_many.html", status=429)


def _rules_of(track: Track):

    return EligibilityRules.objects.filter(program=track.program).first() or EligibilityRules()


def _get_application_by_token(token: str, *, change: bool = True) -> Application:
    """The applicant's private link is the only key; an unknown, expired or (for a change)
    closed one is a 404."""
    return selectors.application_for_link(token, change=change)


def private(request, token: str):
    application = _get_application_by_token(token, change=False)
    chosen = application.person.preferred_language
    switch = (
        chosen in dict(settings.LANGUAGES)
        and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        and chosen != request.LANGUAGE_CODE
    )
    if switch:
        # Opened on another phone or browser: the language the applicant chose, not the
        # browser's, kept for the next pages by the cookie (the footer switch still wins).
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen
    if application.is_draft:
        step = (
            "background"
            if application.person.date_of_birth is None
            else ("employment" if not application.available_for_start else "review")
        )
        response = redirect(f"applicants:{step}", token=token)
    else:
        response = render(
            request,
            "applicants/status.html",
            {"application": application, "steps": _progress(application)},
        )
    if switch:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            chosen,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


def _progress(application: Application) -> list[tuple[str, str]]:
    order = [
        Application.Step.APPLIED,
        Application.Step.TESTING,
        Application.Step.SCREENING,
        Application.Step.READY_FOR_HIRE,
        Application.Step.INTERVIEWING,
        Application.Step.OFFERED,
        Application.Step.ACCEPTED,
        Application.Step.ONBOARDING,
        Application.Step.ENROLLED,
    ]
    current = order.index(application.step) if application.step in order else -1
    return [
        (step.label, "done" if i < current else "current" if i == current else "todo")
        for i, step in enumerate(order)
    ]


def _draft_or_status(application: Application):
    if not application.is_draft:
        raise Http404
    return application


@sensitive_post_parameters("date_of_birth")
def background(request, token: str):
    application = _draft_or_status(_get_application_by_token(token))
    first = application.experience.first()
    form = BackgroundForm(
        request.POST or None,
        initial={
            "date_of_birth": application.person.date_of_birth,
            **{
                field: getattr(application.person, field)
                for field in services.PERSON_ADDRESS_FIELDS
            },
            "education_level": application.education_level,
            "healthcare_months": application.healthcare_months,
            "employer": first.employer if first else "",
            "role": first.role if first else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        employer, role = data.pop("employer"), data.pop("role")
        experience = (
            [{"employer": employer, "role": role, "months": max(data["healthcare_months"], 1)}]
            if employer and role
            else []
        )
        services.application_draft_save(application=application, data=data, experience=experience)
        return redirect("applicants:employment", token=token)
    return render(
        request,
        "applicants/step.html",
        {
            "application": application,
            "form": form,
            "title": _("Your background"),
            "number": 2,
            "back_url": reverse("applicants:track_page", args=[application.track.slug]),
            "back_label": _("Back to the program page"),
        },
    )


def employment(request, token: str):
    application = _draft_or_status(_get_application_by_token(token))
    form = EmploymentForm(
        request.POST or None,
        initial={
            "is_current_employee": application.is_current_employee,
            "approver_email": application.approver_email,
            "available_for_start": application.available_for_start,
            "heard_about": application.heard_about,
            "outreach_source": application.outreach_source_id,
        },
        program=application.track.program,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_draft_save(application=application, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("applicants:documents", token=token)
    return render(
        request,
        "applicants/step.html",
        {
            "application": application,
            "form": form,
            "title": _("Work and availability"),
            "number": 3,
            "back_url": reverse("applicants:background", args=[token]),
            "back_label": _("Back to your background"),
        },
    )


def review(request, token: str):
    application = _draft_or_status(_get_application_by_token(token))
    error = ""
    if request.method == "POST":
        try:
            services.application_submit(application=application)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _(
                    "We received your application. We emailed you a copy of this link; "
                    "this page shows where your application stands."
                ),
            )
            return redirect("applicants:private", token=token)
    return render(request, "applicants/review.html", {"application": application, "error": error})


@require_POST
def withdraw(request, token: str):
    application = _get_application_by_token(token)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you withdraw."))
        return redirect("applicants:private", token=token)
    try:
        services.application_withdraw(
            application=application, reason=request.POST.get("reason", "")[:300]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Your application is withdrawn. You are welcome to apply again.")
        )
    return redirect("applicants:private", token=token)


def session_list(request):
    sessions = selectors.upcoming_sessions()
    return render(request, "applicants/session_list.html", {"sessions": sessions})


def session_book(request, session_id: int):
    session = get_object_or_404(
        InfoSession.objects.filter(starts_at__gt=timezone.now()), pk=session_id
    )
    form = BookingForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    full_next = None
    if request.method == "POST" and form.is_valid():
        if form.is_bot() or not public_form_allowed(request, form_name="booking"):
            return _too_many(request)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        send = email_may_be_sent(form_name="booking", email=data["email"])
        try:
            booking = services.session_book(session=session, send_email=send, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
            full_next = services.next_session_with_seats(after=session)
        else:
            request.session["booked_seat"] = booking.pk
            return redirect("applicants:session_booked")
    return render(
        request,
        "applicants/session_book.html",
        {
            "session": session,
            "form": form,
            "next_session": full_next,
        },
    )


def session_booked(request):
    """What was just booked, for the visitor whose session booked it (no id in the URL)."""
    booking = get_object_or_404(
        SessionBooking.objects.select_related("session"), pk=request.session.get("booked_seat")
    )
    return render(
        request, "applicants/session_booked.html", {"session": booking.session, "booking": booking}
    )


def booking_cancel(request, token: str):
    booking = selectors.booking_for_link(token)
    if request.method == "POST":
        services.booking_cancel(booking=booking)
        messages.success(request, _("Your seat is cancelled."))
        return redirect("applicants:session_list")
    return render(request, "applicants/booking_cancel.html", {"booking": booking})


def approval(request, token: str):
    approval = selectors.approval_for_link(token)
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and approval.approved is None and form.is_valid():
        try:
            services.approval_decide(
                approval=approval,
                approved=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you: your decision is recorded."))
            return redirect("applicants:approval", token=token)
    return render(request, "applicants/approval.html", {"approval": approval, "form": form})


def _self_identification_page(request, token: str, form_class, title: str):
    """Both voluntary forms: answers stored apart, never a condition of the application."""
    application = _get_application_by_token(token)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.self_identification_save(application=application, data=form.cleaned_data)
        messages.success(
            request, _("Thank you. Your answers are kept apart from your application.")
        )
        return redirect("applicants:private", token=token)
    return render(
        request,
        "applicants/self_identification.html",
        {"application": application, "form": form, "title": title},
    )


@sensitive_post_parameters()
def self_identification(request, token: str):
    return _self_identification_page(
        request, token, SelfIdentificationForm, _("Voluntary self-identification")
    )


def _disability_page(request, *, person, application, done):
    """29 CFR 30.11: the invitation in the program's prescribed words, the answer kept as a
    new row of a history, apart from the application."""
    form = DisabilityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.disability_answer(
            person=person, answer=form.cleaned_data["disability"], application=application
        )
        messages.success(request, _("Thank you. Your answer is kept apart from your records."))
        return done
    program = application.track.program if application else selectors.program_of(person)
    return render(
        request,
        "applicants/disability.html",
        {
            "application": application,
            "form": form,
            "invitation": disability_invitation(program),
            "program": program,
        },
    )


@sensitive_post_parameters()
def disability(request, token: str):
    application = _get_application_by_token(token)
    return _disability_page(
        request,
        person=application.person,
        application=application,
        done=redirect("applicants:private", token=token),
    )


@login_required
@sensitive_post_parameters()
def my_disability(request):
    """A current apprentice's own answer (the one-time invitation, the yearly reminder, or an
    update at any time); the person is the signed-in user's, never one from the URL."""
    person = Person.objects.filter(user=request.user, apprenticeships__isnull=False).first()
    if person is None:
        raise Http404
    return _disability_page(
        request, person=person, application=None, done=redirect("dashboard:home")
    )


def documents(request, token: str):
    application = _draft_or_status(_get_application_by_token(token))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not public_form_allowed(request, form_name="upload"):
            return _too_many(request)
        try:
            services.document_upload(
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as exc:
            form.add_error("upload", exc)
        else:
            messages.success(request, _("Document added."))
            return redirect("applicants:documents", token=token)
    return render(
        request,
        "applicants/documents.html",
        {
            "application": application,
            "form": form,
            "documents": application.documents.all(),
        },
    )


def presentation(request, slug: str):
    shown = get_object_or_404(
        TrackPresentation.objects.select_related("track"), track__slug=slug, track__is_active=True
    )
    response = FileResponse(
        shown.file.open("rb"), content_type="application/pdf", filename=f"{slug}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
