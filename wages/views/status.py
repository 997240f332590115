from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.actions import form_action, reported
from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from apprenticeship.requests import posted_ids
from clinic.selectors import own_apprenticeship, running_cohorts
from cohorts.models import Apprentice, ApprenticeEvent
from cohorts.selectors import cohort_for_user
from cohorts.services import apprentice_identifiers_set, apprentice_standard_move
from programs.models import Track
from wages import lifecycle, selectors, services
from wages.agreements import (
    agreement_signed,
    agreements_of,
    amendment_reason,
    amendments_due,
)
from wages.credentials import credentials_of
from wages.forms import (
    AgencyCertificateForm,
    AgreementPrepareForm,
    CountersignForm,
    ExamSettingsForm,
    IdentifiersForm,
    MoveForm,
    ProbationForm,
    RegisterForm,
    ResultForm,
    ScheduleForm,
    StandardMoveForm,
)
from wages.models import CertificationExam, CompletionCertificate, ExamAttempt
from wages.views import staff_apprentice


@login_required
def apprentice_record(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    today = timezone.localdate()
    exam = CertificationExam.objects.filter(track=apprentice.cohort.track_id).first()
    attempts = list(apprentice.exam_attempts.select_related("exam", "recorded_by"))
    due = amendments_due(apprentice)
    return render(
        request,
        "wages/apprentice.html",
        {
            "apprentice": apprentice,
            "events": apprentice.events.select_related("by").order_by("-at", "-pk"),
            "move_form": MoveForm(status=apprentice.status, initial={"effective_on": today}),
            "register_form": RegisterForm(initial={"registered_on": today}),
            "probation_form": ProbationForm(),
            "standard_form": StandardMoveForm(apprentice=apprentice),
            "identifiers_form": IdentifiersForm(
                apprentice=apprentice,
                initial={"employee_id": apprentice.employee_id, "rapids_id": apprentice.rapids_id},
            ),
            "schedule_form": ScheduleForm(),
            "result_form": ResultForm(),
            "attempts": attempts,
            "exam": exam,
            "passed": any(a.passed for a in attempts),
            "readiness": selectors.exam_readiness(
                apprentices=Apprentice.objects.filter(pk=apprentice.pk), exam=exam, today=today
            ).get(apprentice.pk),
            "certificate": CompletionCertificate.objects.filter(apprentice=apprentice).first(),
            "agency_form": AgencyCertificateForm(initial={"received_on": today}),
            "agreements": agreements_of(apprentice),
            "agreement_signed": agreement_signed(apprentice),
            "amendments_due": due,
            "prepare_form": AgreementPrepareForm(initial={"reason": amendment_reason(due)}),
            "countersign_form": CountersignForm(),
            "is_signatory": apprentice.cohort.track.program.agreement_signatory_id
            == request.user.pk,
            "missing": lifecycle.completion_missing(apprentice=apprentice, today=today),
            "credentials": credentials_of(apprentice),
            "today": today,
        },
    )


@require_POST
@login_required
def move(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = MoveForm(request.POST, status=apprentice.status)
    form_action(
        request,
        form,
        success=_("Status changed."),
        invalid=_("Choose a status the apprentice can move to and its date."),
        action=lambda data: lifecycle.apprentice_move(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@require_POST
@login_required
def register(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = RegisterForm(request.POST)
    form_action(
        request,
        form,
        success=_("Registered: probation has begun."),
        invalid=_("Enter the RAPIDS number and the date."),
        action=lambda data: lifecycle.apprentice_register(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@require_POST
@login_required
def probation(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = ProbationForm(request.POST)
    form_action(
        request,
        form,
        success=_("Probation extended."),
        invalid=_("Give the new end of probation and the reason."),
        action=lambda data: lifecycle.probation_extend(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@require_POST
@login_required
def identifiers(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = IdentifiersForm(request.POST, apprentice=apprentice)
    form_action(
        request,
        form,
        success=_("Identifiers saved."),
        invalid=_("Letters A-Z, digits 0-9 and dashes only."),
        action=lambda data: apprentice_identifiers_set(apprentice=apprentice, **data),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@require_POST
@login_required
def standard_move(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = StandardMoveForm(request.POST, apprentice=apprentice)
    form_action(
        request,
        form,
        success=_("The apprentice is held to that version of the standard."),
        invalid=_("Choose an approved version and give the reason."),
        action=lambda data: apprentice_standard_move(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@require_POST
@login_required
def event_reported(request: HttpRequest, event_id: int) -> HttpResponse:
    event = get_object_or_404(ApprenticeEvent, pk=event_id)
    staff_apprentice(request, event.apprentice_id)
    form = ScheduleForm(request.POST)
    form_action(
        request,
        form,
        success=_("Marked as reported."),
        invalid=_("Give the date it was reported."),
        action=lambda data: lifecycle.event_reported(
            event=event, reported_on=data["on"], by=request.user
        ),
    )
    if request.POST.get("next") == "list":
        return redirect("wages:registrations")
    return redirect("wages:apprentice", apprentice_id=event.apprentice_id)


@require_POST
@login_required
def exam_schedule(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = staff_apprentice(request, apprentice_id)
    form = ScheduleForm(request.POST)
    form_action(
        request,
        form,
        success=_("Exam date saved."),
        invalid=_("Give the exam date."),
        action=lambda data: services.exam_schedule(apprentice=apprentice, on=data["on"]),
    )
    return redirect("wages:apprentice", apprentice_id=apprentice.pk)


@require_POST
@login_required
def exam_result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = get_object_or_404(ExamAttempt, pk=attempt_id)
    staff_apprentice(request, attempt.apprentice_id)
    form = ResultForm(request.POST)
    form_action(
        request,
        form,
        success=_("Result recorded."),
        invalid=_("Give the score (and the certificate number for a pass)."),
        action=lambda data: services.exam_result_record(attempt=attempt, by=request.user, **data),
    )
    return redirect("wages:apprentice", apprentice_id=attempt.apprentice_id)


@role_required(*STAFF)
def registrations(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "wages/registrations.html",
        {
            "unregistered": lifecycle.unregistered(today=today),
            "events": lifecycle.to_report(today=today),
            "today": today,
            "cohorts": running_cohorts(today=today),
            "tracks": Track.objects.active(),
        },
    )


@role_required(*STAFF)
def cohort_exam(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_for_user(request.user, cohort_id)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = cohort.apprentices.current().filter(pk__in=posted_ids(request, "selected"))
        done, refused = services.cohort_exam_schedule(
            apprentices=chosen, on=form.cleaned_data["on"]
        )
        messages.success(
            request,
            ngettext("%(n)d apprentice scheduled.", "%(n)d apprentices scheduled.", done)
            % {"n": done},
        )
        if refused:
            messages.warning(request, "; ".join(refused))
        return redirect("wages:cohort_exam", cohort_id=cohort.pk)
    apprentices = list(
        cohort.apprentices.current().select_related("person").order_by("person__last_name")
    )
    attempts = {}
    for attempt in ExamAttempt.objects.filter(apprentice__in=apprentices).order_by("scheduled_on"):
        attempts[attempt.apprentice_id] = attempt
    readiness = selectors.exam_readiness(
        apprentices=cohort.apprentices.current(),
        exam=CertificationExam.objects.filter(track=cohort.track_id).first(),
        today=timezone.localdate(),
    )
    rows = [(a, attempts.get(a.pk), readiness[a.pk]) for a in apprentices]
    return render(request, "wages/cohort_exam.html", {"cohort": cohort, "form": form, "rows": rows})


@role_required(*STAFF)
def exam_settings(request: HttpRequest, track_id: int) -> HttpResponse:
    track = get_object_or_404(Track, pk=track_id)
    exam = CertificationExam.objects.filter(track=track).first()
    form = ExamSettingsForm(request.POST or None, instance=exam)
    if request.method == "POST":
        if not request.user.is_program_admin:
            raise Http404
        if form.is_valid():
            with reported(request, _("Exam settings saved.")):
                services.exam_settings_save(track=track, data=form.cleaned_data)
            return redirect("wages:exam_settings", track_id=track.pk)
    return render(
        request,
        "form_page.html" if request.user.is_program_admin else "wages/exam_settings.html",
        {
            "form": form,
            "exam": exam,
            "track": track,
            "title": _("Certification exam of %(track)s") % {"track": track.name},
            "intro": _("Name, pass mark and retake wait, and what makes an apprentice ready."),
            "cancel_url": "/",
        },
    )


@role_required(Role.APPRENTICE)
def my_exam(request: HttpRequest) -> HttpResponse:
    apprentice = own_apprenticeship(request.user)
    return render(
        request,
        "wages/my_exam.html",
        {
            "apprentice": apprentice,
            "attempts": apprentice.exam_attempts.select_related("exam"),
            "exam": CertificationExam.objects.filter(track=apprentice.cohort.track_id).first(),
            "events": apprentice.events.order_by("-at"),
            "credentials": credentials_of(apprentice),
        },
    )
