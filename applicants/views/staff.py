"""Program staff pages: the pipeline, an application, testing, screening, info sessions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.actions import reported
from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from applicants import selectors, services
from applicants.forms import (
    BulkMoveForm,
    EligibilityRulesForm,
    InfoSessionForm,
    OutreachSourceForm,
    OverrideForm,
    PresentationForm,
    ResultsImportForm,
    ScreeningForm,
    SessionInviteForm,
    SsnForm,
    TestingDayForm,
    TestingInviteForm,
)
from applicants.models import (
    Application,
    EligibilityRules,
    InfoSession,
    OutreachSource,
    SessionBooking,
)
from applicants.uploads import download_name
from apprenticeship.requests import posted_ids
from audit.services import personal_data_record
from programs.models import Track
from programs.selectors import current_program


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
            "approver_standing": application.track.program.approver_standing(
                application.approver_email
            )
            if application.is_current_employee and application.approver_email
            else None,
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


@role_required(*STAFF)
def outreach(request):
    """The outreach and recruitment record (29 CFR 30.8): events and sources, whom they reach,
    and the applicants each brought."""
    program = current_program()
    if program is None:
        raise Http404
    form = OutreachSourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.outreach_source_save(
            source=None, program=program, data=form.cleaned_data, by=request.user
        )
        messages.success(request, _("Outreach recorded."))
        return redirect("applicants:outreach")
    sources = selectors.outreach_sources(program=program)
    unnamed = Application.objects.filter(
        track__program=program, submitted_at__isnull=False, outreach_source__isnull=True
    ).count()
    return render(
        request,
        "applicants/outreach.html",
        {
            "form": form,
            "page": Paginator(sources, 50).get_page(request.GET.get("page")),
            "unnamed": unnamed,
        },
    )


@role_required(*STAFF)
def outreach_edit(request, source_id: int):
    source = get_object_or_404(OutreachSource, pk=source_id, program=current_program())
    form = OutreachSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        services.outreach_source_save(
            source=source, program=source.program, data=form.cleaned_data, by=request.user
        )
        messages.success(request, _("Outreach saved."))
        return redirect("applicants:outreach")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Outreach: %(name)s") % {"name": source.name},
            "cancel_url": reverse("applicants:outreach"),
        },
    )
