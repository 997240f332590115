"""Wage schedules, raises waiting for approval, the payroll file, an apprentice's wages (staff,
their hiring manager, themselves), prior experience, certificates and graduates."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.actions import form_action, reported
from accounts.decorators import role_required
from accounts.roles import HIRING, STAFF, Role
from applicants.uploads import download_name
from apprenticeship.csvfile import csv_download, csv_text
from apprenticeship.requests import posted_ids
from clinic.selectors import own_apprenticeship
from programs import services as program_services
from programs.models import Department, MinimumWage, Track
from programs.selectors import (
    current_program,
    minimum_wage_on,
    minimum_wages,
    schedules_below_floor,
    wage_schedule,
)
from programs.services import wage_schedule_save
from wages import certificates, selectors, steps
from wages.forms import (
    AgencyCertificateForm,
    CertificateUploadForm,
    FollowUpForm,
    FollowUpImportForm,
    MinimumWageForm,
    PeriodForm,
    PriorCreditForm,
    WageScheduleForm,
)
from wages.models import CompletionCertificate, ExamAttempt, PriorExperienceCredit
from wages.selectors import apprentice_for_wages
from wages.views import own_or_staff_apprentice, private_download, staff_apprentice


@role_required(*STAFF)
def schedules(request: HttpRequest) -> HttpResponse:
    tracks = list(
        Track.objects.order_by("program", "name").prefetch_related("wage_schedules__rates")
    )
    for track in tracks:
        versions = sorted(track.wage_schedules.all(), key=lambda s: -s.version)
        track.versions = [(s, sorted(s.rates.all(), key=lambda r: r.sort_key)) for s in versions]
    program = current_program()
    today = timezone.localdate()
    return render(
        request,
        "wages/schedules.html",
        {
            "tracks": tracks,
            "can_edit": request.user.is_program_admin,
            "floor": minimum_wage_on(program.pk, today) if program else None,
            "minimum_wages": minimum_wages(program_id=program.pk) if program else [],
            "below_floor": schedules_below_floor(program_id=program.pk, today=today)
            if program
            else [],
            "minimum_wage_form": MinimumWageForm(initial={"effective_on": today}),
            "today": today,
        },
    )


@require_POST
@role_required(Role.PROGRAM_ADMIN)
def minimum_wage_add(request: HttpRequest) -> HttpResponse:
    program = current_program()
    if program is None:
        raise Http404
    form = MinimumWageForm(request.POST)
    form_action(
        request,
        form,
        success=_("Minimum wage recorded."),
        invalid=_("Give the state or locality, the rate and the day it takes effect."),
        action=lambda data: program_services.minimum_wage_add(
            program=program, by=request.user, **data
        ),
    )
    return redirect("wages:schedules")


@require_POST
@role_required(Role.PROGRAM_ADMIN)
def minimum_wage_remove(request: HttpRequest, minimum_wage_id: int) -> HttpResponse:
    row = get_object_or_404(MinimumWage, pk=minimum_wage_id, program=current_program())
    with reported(request, _("Minimum wage removed.")):
        program_services.minimum_wage_remove(row=row)
    return redirect("wages:schedules")


@role_required(Role.PROGRAM_ADMIN)
def schedule_new(request: HttpRequest, track_id: int) -> HttpResponse:
    track = get_object_or_404(Track, pk=track_id)
    form = WageScheduleForm(
        request.POST or None, initial=WageScheduleForm.initial_from(wage_schedule(track.pk))
    )
    if request.method == "POST" and form.is_valid():
        with reported(
            request, _("New schedule saved: new offers and raises approved from now on use it.")
        ):
            wage_schedule_save(
                track=track, rates=form.rates(), note=form.cleaned_data["note"], by=request.user
            )
            return redirect("wages:schedules")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("New wage schedule for %(track)s") % {"track": track.name},
            "intro": _(
                "Raises already approved keep their rate; raises waiting for approval get the "
                "new one."
            ),
            "cancel_url": reverse("wages:schedules"),
        },
    )


@role_required(*STAFF)
def approvals(request: HttpRequest) -> HttpResponse:
    """Raises waiting for approval; approving asks for confirmation with the list."""
    today = timezone.localdate()
    queue = selectors.pending_steps(today=today)
    if request.method == "POST":
        chosen = [s for s in queue if s.pk in set(posted_ids(request, "selected"))]
        if not chosen:
            messages.error(request, _("Choose the raises to approve."))
        elif request.POST.get("confirm") == "yes":
            done, refused = steps.wage_steps_approve(steps=chosen, by=request.user)
            messages.success(
                request,
                ngettext("%(n)d raise approved.", "%(n)d raises approved.", done) % {"n": done},
            )
            if refused:
                messages.warning(request, "; ".join(refused))
            return redirect("wages:approvals")
        else:
            return render(request, "wages/approvals_confirm.html", {"chosen": chosen})
    return render(request, "wages/approvals.html", {"queue": queue, "today": today})


def _period(request: HttpRequest, program) -> date:
    """The pay period holding the day asked for (?period=YYYY-MM-DD), else today's."""
    form = PeriodForm(request.GET)
    day = form.cleaned_data["period"] if form.is_valid() else timezone.localdate()
    return program.pay_period_of(day)


@role_required(*STAFF)
def payroll(request: HttpRequest) -> HttpResponse:
    program = current_program()
    if program is None:
        raise Http404
    today = timezone.localdate()
    period = _period(request, program)
    return render(
        request,
        "wages/payroll.html",
        {
            "program": program,
            "periods": selectors.payroll_periods(program=program, today=today),
            "period": period,
            "steps": selectors.payroll_steps(program=program, period_start=period),
        },
    )


@role_required(*STAFF)
def payroll_file(request: HttpRequest) -> HttpResponse:
    program = current_program()
    if program is None:
        raise Http404
    period = _period(request, program)
    rows = [
        (
            s.apprentice.employee_id,
            s.apprentice.person.last_name,
            s.apprentice.person.first_name,
            s.apprentice.department.name if s.apprentice.department else "",
            s.apprentice.cohort.track.name,
            s.get_trigger_display(),
            s.previous_rate,
            s.hourly_rate,
            s.effective_on.isoformat(),
            s.approved_by.get_full_name() if s.approved_by else "",
            timezone.localtime(s.approved_at).date().isoformat() if s.approved_at else "",
        )
        for s in selectors.payroll_steps(program=program, period_start=period)
    ]
    header = [
        "employee_id",
        "last_name",
        "first_name",
        "department",
        "track",
        "step",
        "previous_rate",
        "new_rate",
        "effective_on",
        "approved_by",
        "approved_on",
    ]
    return csv_download(csv_text(header, rows), filename=f"wage-steps-{period.isoformat()}.csv")


@login_required
def apprentice_wages(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    """An apprentice's wage history and next step: staff, their hiring manager, themselves."""
    apprentice = apprentice_for_wages(request.user, apprentice_id)
    today = timezone.localdate()
    return render(
        request,
        "wages/apprentice_wages.html",
        {
            "apprentice": apprentice,
            "history": selectors.wage_history(apprentice=apprentice, today=today),
            "credits": apprentice.prior_credits.select_related("granted_by"),
            "is_staff": request.user.is_program_staff,
            "is_staff_or_self": request.user.is_program_staff
            or apprentice.person.user_id == request.user.pk,
            "credit_form": PriorCreditForm(track_id=apprentice.cohort.track_id),
            "today": today,
        },
    )


@role_required(*HIRING)
def team(request: HttpRequest) -> HttpResponse:
    """The apprentices of one's departments with the rate paid today and what comes next."""
    departments = Department.objects.visible_to(request.user).filter(apprentices__isnull=False)
    department_id = request.GET.get("department", "")
    chosen = int(department_id) if department_id.isascii() and department_id.isdigit() else None
    return render(
        request,
        "wages/team.html",
        {
            "apprentices": selectors.team_wages(
                user=request.user, today=timezone.localdate(), department_id=chosen
            ),
            "departments": departments.distinct().order_by("name"),
            "chosen": chosen,
        },
    )


@role_required(Role.APPRENTICE)
def my_wages(request: HttpRequest) -> HttpResponse:
    apprentice = own_apprenticeship(request.user)
    today = timezone.localdate()
    return render(
        request,
        "wages/my_wages.html",
        {
            "apprentice": apprentice,
            "history": selectors.wage_history(apprentice=apprentice, today=today),
            "certificate": CompletionCertificate.objects.filter(apprentice=apprentice).first(),
        },
    )


@require_POST
@login_required
def prior_credit(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = PriorCreditForm(request.POST, request.FILES, track_id=apprentice.cohort.track_id)
    form_action(
        request,
        form,
        success=_("Credit granted."),
        invalid=_("Give the hours, the work process and the evidence."),
        action=lambda data: steps.prior_experience_credit(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("wages:apprentice_wages", apprentice_id=apprentice.pk)


@login_required
def completion_certificate(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    """The program's certificate of completion: staff and the apprentice."""
    apprentice = own_or_staff_apprentice(request, apprentice_id)
    certificate = get_object_or_404(CompletionCertificate, apprentice=apprentice)
    return private_download(
        certificate.file, filename="certificate-of-completion.pdf", content_type="application/pdf"
    )


@require_POST
@login_required
def agency_certificate_record(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = AgencyCertificateForm(request.POST, request.FILES)
    form_action(
        request,
        form,
        success=_("The agency's certificate is recorded."),
        invalid=_("Give the certificate's number and the date it was received."),
        action=lambda data: certificates.agency_certificate_record(
            apprentice=apprentice,
            number=data["number"],
            received_on=data["received_on"],
            upload=data["file"],
            by=request.user,
        ),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@login_required
def agency_certificate(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    """The scan of the agency's certificate: staff and the apprentice."""
    apprentice = own_or_staff_apprentice(request, apprentice_id)
    certificate = get_object_or_404(CompletionCertificate, apprentice=apprentice)
    return private_download(
        certificate.agency_scan,
        filename=download_name("agency-certificate", certificate.agency_scan_type),
        content_type=certificate.agency_scan_type,
    )


@login_required
def credit_transcript(request: HttpRequest, credit_id: int) -> HttpResponse:
    """The previous sponsor's transcript a transfer credit rests on: staff and the apprentice."""
    credit = get_object_or_404(PriorExperienceCredit, pk=credit_id)
    own_or_staff_apprentice(request, credit.apprentice_id)
    return private_download(
        credit.transcript,
        filename=download_name("transcript", credit.transcript_type),
        content_type=credit.transcript_type,
    )


@login_required
def exam_certificate(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """The certification certificate of a passed attempt: staff and the apprentice."""
    attempt = get_object_or_404(ExamAttempt, pk=attempt_id)
    own_or_staff_apprentice(request, attempt.apprentice_id)
    return private_download(
        attempt.certificate_file,
        filename=download_name("certification", attempt.certificate_type),
        content_type=attempt.certificate_type,
    )


@require_POST
@login_required
def exam_certificate_upload(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = get_object_or_404(ExamAttempt, pk=attempt_id)
    staff_apprentice(request, attempt.apprentice_id)
    form = CertificateUploadForm(request.POST, request.FILES)
    form_action(
        request,
        form,
        success=_("Certificate uploaded."),
        invalid=_("Choose the certificate file."),
        action=lambda data: certificates.exam_certificate_attach(
            attempt=attempt, upload=data["file"], by=request.user
        ),
    )
    return redirect("wages:apprentice", apprentice_id=attempt.apprentice_id)


@role_required(*STAFF)
def graduates(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.graduate_certificates(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "wages/graduates.html",
        {
            "page": page,
            "graduates": selectors.graduates(
                today=timezone.localdate(), certificates=page.object_list
            ),
            "today": timezone.localdate(),
            "form": FollowUpForm(),
            "import_form": FollowUpImportForm(),
        },
    )


@require_POST
@login_required
def follow_up(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = FollowUpForm(request.POST)
    form_action(
        request,
        form,
        success=_("Follow-up recorded."),
        invalid=_("Choose 6 or 12 months and whether the graduate is still employed."),
        action=lambda data: certificates.follow_up_record(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("wages:graduates")


@require_POST
@role_required(*STAFF)
def follow_ups_import(request: HttpRequest) -> HttpResponse:
    form = FollowUpImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the CSV file."))
        return redirect("wages:graduates")
    try:
        result = certificates.follow_ups_import(upload=form.cleaned_data["file"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("wages:graduates")
    if result.errors:
        messages.error(request, " ".join([_("Nothing was saved."), *result.errors[:20]]))
    else:
        messages.success(
            request,
            ngettext("%(n)d follow-up saved.", "%(n)d follow-ups saved.", result.saved)
            % {"n": result.saved},
        )
    return redirect("wages:graduates")
