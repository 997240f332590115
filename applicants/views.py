from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.abuse import email_may_be_sent, public_form_allowed
from accounts.actions import reported
from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from applicants import selectors, services
from applicants.forms import (
    ApprovalForm,
    BackgroundForm,
    BookingForm,
    BulkMoveForm,
    DisabilityForm,
    DocumentForm,
    EligibilityRulesForm,
    EmploymentForm,
    InfoSessionForm,
    OverrideForm,
    PresentationForm,
    ResultsImportForm,
    ScreeningForm,
    SelfIdentificationForm,
    SessionInviteForm,
    SsnForm,
    StartForm,
    TestingDayForm,
    TestingInviteForm,
)
from applicants.models import (
    Application,
    EligibilityRules,
    InfoSession,
    SessionBooking,
    TrackPresentation,
)
from applicants.uploads import download_name
from apprenticeship.requests import posted_ids
from audit.services import personal_data_record
from programs.models import Track
from programs.selectors import current_program

# --- public ------------------------------------------------------------------------------


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
    return render(request, "applicants/too_many.html", status=429)


def _rules_of(track: Track):
    from applicants.models import EligibilityRules

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
            "education": application.education,
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
        },
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


# --- program staff -----------------------------------------------------------------------


def _get_application_for_user(request, application_id: int) -> Application:
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related("person", "track"),
        pk=application_id,
    )


@role_required(*STAFF)
def pipeline(request):
    filters = {k: request.GET.get(k, "").strip() for k in ("month", "track_id", "step", "query")}
    applications = selectors.pipeline_board(viewer=request.user, **filters)
    form = BulkMoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = applications.filter(pk__in=posted_ids(request, "selected"))
        try:
            moved, refused = services.applications_bulk_move(
                applications=chosen, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext("%(n)d application moved.", "%(n)d applications moved.", moved)
                % {"n": moved},
            )
            if refused:
                messages.warning(request, _("Not allowed from their step: ") + "; ".join(refused))
            return redirect(request.get_full_path())
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "applicants/pipeline.html",
        {
            "page": page,
            "filters": filters,
            "steps": Application.Step.choices,
            "tracks": Track.objects.all(),
            "form": form,
            "upcoming_sessions": selectors.upcoming_sessions(),
            "step_counts": selectors.pipeline_step_counts(
                applications=selectors.pipeline_board(
                    viewer=request.user, **{**filters, "step": ""}
                )
            ),
        },
    )


@role_required(*STAFF)
def application_detail(request, application_id: int):
    application = _get_application_for_user(request, application_id)
    personal_data_record(
        actor=request.user,
        obj=application.person,
        fields=["date_of_birth", "screening_details", "ssn (last four)"],
        purpose="pipeline review",
    )
    return render(
        request,
        "applicants/application_detail.html",
        {
            "application": application,
            "timeline": selectors.application_timeline(application=application),
            "duplicates": selectors.application_duplicates(application=application),
            "tests": application.tests.all(),
            "moves": services.moves_from(application.step),
            "screenings": application.screenings.all(),
            "screening_form": ScreeningForm(initial={"on": timezone.localdate()}),
            "override_form": OverrideForm(),
        },
    )


@require_POST
@role_required(*STAFF)
def application_override(request, application_id: int):
    application = _get_application_for_user(request, application_id)
    form = OverrideForm(request.POST)
    with reported(request, _("Eligibility overridden; the application is back in the pipeline.")):
        if not form.is_valid():
            raise ValidationError(_("Say why the rules are overridden."))
        services.eligibility_override(
            application=application, reason=form.cleaned_data["reason"], by=request.user
        )
    return redirect("applicants:application_detail", application_id=application.pk)


@sensitive_post_parameters("details")
@require_POST
@role_required(*STAFF)
def application_screening(request, application_id: int):
    application = _get_application_for_user(request, application_id)
    form = ScreeningForm(request.POST)
    with reported(request, _("Screening recorded.")):
        if not form.is_valid():
            raise ValidationError(_("Choose the screening, its result and the date."))
        services.screening_record(application=application, by=request.user, **form.cleaned_data)
    return redirect("applicants:application_detail", application_id=application.pk)


@sensitive_post_parameters("ssn")
@role_required(*STAFF)
def application_ssn(request, application_id: int):
    """Staff record the SSN for RAPIDS registration. The number on file is never shown."""
    application = _get_application_for_user(request, application_id)
    person = application.person
    form = SsnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_ssn_set(person=person, ssn=form.cleaned_data["ssn"], by=request.user)
        messages.success(request, _("Social Security number saved."))
        return redirect("applicants:application_detail", application_id=application.pk)
    if person.ssn:
        personal_data_record(
            actor=request.user, obj=person, fields=["ssn (last four)"], purpose="SSN page"
        )
    on_file = (
        _("On file: %(masked)s. Saving replaces it.") % {"masked": person.ssn_masked}
        if person.ssn
        else _("Needed for the RAPIDS registration. It is stored encrypted.")
    )
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Social Security number of %(name)s") % {"name": person},
            "intro": on_file,
            "cancel_url": reverse("applicants:application_detail", args=[application.pk]),
        },
    )


@require_POST
@role_required(*STAFF)
def application_move(request, application_id: int):
    """Staff move one applicant from their own page (the steps the rules allow from here)."""
    application = _get_application_for_user(request, application_id)
    form = BulkMoveForm(request.POST)
    with reported(request, _("Moved.")):
        if not form.is_valid():
            raise ValidationError(_("Choose the step to move to."))
        services.application_move(
            application=application,
            to_step=form.cleaned_data["to_step"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    return redirect("applicants:application_detail", application_id=application.pk)


@require_POST
@role_required(*STAFF)
def application_roll(request, application_id: int):
    application = _get_application_for_user(request, application_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the move to next month's intake."))
        return redirect("applicants:application_detail", application_id=application.pk)
    try:
        services.application_roll_to_next_month(application=application, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Moved to the %(m)s intake.") % {"m": application.intake_month.strftime("%B %Y")},
        )
    return redirect("applicants:application_detail", application_id=application.pk)


@role_required(*STAFF)
def testing_day(request):
    query = request.GET.get("q", "").strip()[:100]
    waiting = selectors.waiting_for_tests(viewer=request.user, query=query)
    page = Paginator(waiting, 50).get_page(request.GET.get("page"))
    in_testing = list(page)
    form = TestingDayForm(
        request.POST or None, applications=in_testing, initial={"tested_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        by_id = {a.pk: a for a in in_testing}
        saved, refused = services.testing_day_record(
            results={by_id[pk]: values for pk, values in form.results().items()},
            tested_on=form.cleaned_data["tested_on"],
            by=request.user,
        )
        if saved:
            messages.success(
                request,
                ngettext(
                    "Results saved for %(n)d applicant.",
                    "Results saved for %(n)d applicants.",
                    saved,
                )
                % {"n": saved},
            )
        for application, reason in refused:
            messages.error(
                request,
                _("Not saved for %(person)s: %(reason)s")
                % {"person": application.person, "reason": reason},
            )
        if refused or page.has_next():  # the next fifty, or the rows to correct
            return redirect(request.get_full_path())
        return redirect("applicants:pipeline")
    return render(
        request, "applicants/testing_day.html", {"form": form, "page": page, "query": query}
    )


@role_required(*STAFF)
def testing_import(request):
    form = ResultsImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = form.rows()
        except forms.ValidationError as exc:
            errors = exc.messages
        else:
            saved, errors = services.testing_results_import(rows=rows, by=request.user)
            if not errors:
                messages.success(
                    request,
                    ngettext(
                        "Results imported for %(n)d applicant.",
                        "Results imported for %(n)d applicants.",
                        saved,
                    )
                    % {"n": saved},
                )
                return redirect("applicants:pipeline")
    return render(request, "applicants/testing_import.html", {"form": form, "errors": errors})


# --- info sessions -----------------------------------------------------------------------


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


@role_required(*STAFF)
def session_manage(request):
    form = InfoSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.info_session_create(data=form.cleaned_data)
        messages.success(request, _("Info session added."))
        return redirect("applicants:session_manage")
    return render(
        request,
        "applicants/session_manage.html",
        {
            "form": form,
            "sessions": selectors.sessions_with_counts(),
        },
    )


@role_required(*STAFF)
def session_roster(request, session_id: int):
    session = get_object_or_404(InfoSession, pk=session_id)
    bookings = session.bookings.exclude(status=SessionBooking.Status.CANCELLED)
    if request.method == "POST":
        attended = set(posted_ids(request, "attended"))
        services.session_roster_save(session=session, attended=attended, by=request.user)
        messages.success(request, _("Attendance saved."))
        return redirect("applicants:session_roster", session_id=session.pk)
    return render(
        request, "applicants/session_roster.html", {"session": session, "bookings": bookings}
    )


# --- department approval and self-identification ------------------------------------------


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


@sensitive_post_parameters()
def disability(request, token: str):
    return _self_identification_page(
        request, token, DisabilityForm, _("Voluntary self-identification of disability")
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


@role_required(*STAFF)
def document_download(request, application_id: int, document_id: int):
    application = _get_application_for_user(request, application_id)
    document = get_object_or_404(application.documents, pk=document_id)
    personal_data_record(
        actor=request.user, obj=document, fields=["file"], purpose="document download"
    )
    person = application.person
    stem = f"{document.kind}-{person.first_name}-{person.last_name}"
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=download_name(stem, document.content_type),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@role_required(*STAFF)
def application_merge(request, application_id: int, duplicate_id: int):
    keep = _get_application_for_user(request, application_id)
    duplicate = _get_application_for_user(request, duplicate_id)
    with reported(request, _("The duplicate was merged into this application.")):
        services.application_merge(keep=keep, duplicate=duplicate, by=request.user)
    return redirect("applicants:application_detail", application_id=keep.pk)


@require_POST
@role_required(*STAFF)
def testing_invite(request):
    form = TestingInviteForm(request.POST)
    chosen = (
        Application.objects.visible_to(request.user)
        .filter(pk__in=posted_ids(request, "selected"))
        .select_related("person")
    )
    if form.is_valid() and chosen:
        sent = services.testing_invite(applications=chosen, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            ngettext(
                "Testing invitation sent to %(n)d applicant.",
                "Testing invitation sent to %(n)d applicants.",
                sent,
            )
            % {"n": sent},
        )
    else:
        messages.error(request, _("Choose applicants and give the testing date, time and place."))
    return redirect("applicants:pipeline")


@role_required(Role.PROGRAM_ADMIN)
def eligibility_rules(request):
    program = current_program()
    rules, _created = EligibilityRules.objects.get_or_create(program=program)
    form = EligibilityRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        services.eligibility_rules_update(rules=rules, data=form.cleaned_data)
        messages.success(
            request, _("Eligibility rules saved. They apply to applications sent from now on.")
        )
        return redirect("applicants:pipeline")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Eligibility rules"),
            "cancel_url": reverse("applicants:pipeline"),
        },
    )


@require_POST
@role_required(*STAFF)
def session_invite(request):
    form = SessionInviteForm(request.POST)
    chosen = list(
        Application.objects.visible_to(request.user)
        .filter(pk__in=posted_ids(request, "selected"))
        .select_related("person")
    )
    if form.is_valid() and chosen:
        sent = services.session_invite(applications=chosen, session=form.cleaned_data["session"])
        messages.success(
            request,
            ngettext(
                "Info session invitation sent to %(n)d person.",
                "Info session invitation sent to %(n)d people.",
                sent,
            )
            % {"n": sent},
        )
    else:
        messages.error(request, _("Choose people and an upcoming info session."))
    return redirect("applicants:pipeline")


@role_required(*STAFF)
def presentation_upload(request, slug: str):
    track = get_object_or_404(Track, slug=slug)
    form = PresentationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.presentation_upload(track=track, upload=form.cleaned_data["presentation"])
        except ValidationError as exc:
            form.add_error("presentation", exc)
        else:
            messages.success(request, _("Presentation published on the track's page."))
            return redirect("applicants:track_page", slug=slug)
    title = _("Presentation for %(track)s") % {"track": track.name}
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "multipart": True,
            "cancel_url": reverse("applicants:track_page", args=[slug]),
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
