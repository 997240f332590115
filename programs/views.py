from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.actions import form_action, reported
from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from programs import selectors, services
from programs.forms import (
    CredentialForm,
    CriterionForm,
    DepartmentForm,
    ProgramForm,
    StandardDateForm,
    StandardForm,
    TrackForm,
)
from programs.models import Department, EvaluationCriterion, Program, Standard, Track
from programs.selectors import current_program

ADMIN = Role.PROGRAM_ADMIN
DEPARTMENT_PEOPLE = (*STAFF, Role.HIRING_MANAGER, Role.PRECEPTOR, Role.DEPARTMENT_APPROVER)


def _get_department_for_user(request, department_id: int) -> Department:
    return get_object_or_404(Department.objects.visible_to(request.user), pk=department_id)


def _get_track_for_user(request, track_id: int) -> Track:
    return get_object_or_404(Track.objects.visible_to(request.user), pk=track_id)


@role_required(*STAFF)
def program_overview(request):
    programs = Program.objects.prefetch_related("tracks").order_by("name")
    return render(request, "programs/program_overview.html", {"programs": programs})


@role_required(ADMIN)
def program_edit(request, program_id: int):
    program = get_object_or_404(Program, pk=program_id)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        services.program_update(program=program, data=services.form_data(form))
        messages.success(request, _("Program details saved."))
        return redirect("programs:overview")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Edit program"), "cancel_url": reverse("programs:overview")},
    )


@role_required(*STAFF)
def track_list(request):
    tracks = selectors.track_list(viewer=request.user)
    return render(request, "programs/track_list.html", {"tracks": tracks})


@role_required(ADMIN)
def track_create(request):
    form = TrackForm(request.POST or None, initial={"program": current_program()})
    if request.method == "POST" and form.is_valid():
        track = services.track_save(track=Track(), data=services.form_data(form))
        draft = services.standard_draft(track=track, by=request.user)
        messages.success(
            request,
            _("Track %(name)s created. Set out its registered standard.") % {"name": track.name},
        )
        return redirect("programs:standard_edit", standard_id=draft.pk)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("New track"), "cancel_url": reverse("programs:track_list")},
    )


@role_required(ADMIN)
def track_edit(request, track_id: int):
    track = _get_track_for_user(request, track_id)
    form = TrackForm(request.POST or None, instance=track)
    if request.method == "POST" and form.is_valid():
        services.track_save(track=track, data=services.form_data(form))
        messages.success(request, _("Track %(name)s saved.") % {"name": track.name})
        return redirect("programs:track_list")
    title = _("Edit track %(name)s") % {"name": track.name}
    return render(
        request,
        "form_page.html",
        {"form": form, "title": title, "cancel_url": reverse("programs:track_list")},
    )


@role_required(*DEPARTMENT_PEOPLE)
def department_list(request):
    page = Paginator(selectors.department_list(viewer=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "programs/department_list.html", {"page": page})


@role_required(*DEPARTMENT_PEOPLE)
def department_detail(request, department_id: int):
    department = _get_department_for_user(request, department_id)
    return render(request, "programs/department_detail.html", {"department": department})


@role_required(ADMIN)
def department_create(request):
    form = DepartmentForm(request.POST or None, initial={"program": current_program()})
    if request.method == "POST" and form.is_valid():
        department = services.department_save(
            department=Department(), data=services.form_data(form)
        )
        messages.success(request, _("Department %(name)s created.") % {"name": department})
        return redirect("programs:department_detail", department_id=department.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("New department"),
            "cancel_url": reverse("programs:department_list"),
        },
    )


@role_required(ADMIN)
def department_edit(request, department_id: int):
    department = _get_department_for_user(request, department_id)
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        services.department_save(department=department, data=services.form_data(form))
        messages.success(request, _("Department %(name)s saved.") % {"name": department})
        return redirect("programs:department_detail", department_id=department.pk)
    title = _("Edit %(name)s") % {"name": department.name}
    cancel_url = reverse("programs:department_detail", args=[department.pk])
    return render(
        request, "form_page.html", {"form": form, "title": title, "cancel_url": cancel_url}
    )


# --- the registered standard of each track ----------------------------------------------------


def _get_standard_for_user(request, standard_id: int) -> Standard:
    return get_object_or_404(
        Standard.objects.filter(track__in=Track.objects.visible_to(request.user)).select_related(
            "track__program", "wage_schedule"
        ),
        pk=standard_id,
    )


@role_required(*STAFF)
def standard_list(request, track_id: int):
    track = _get_track_for_user(request, track_id)
    return render(
        request,
        "programs/standard_list.html",
        {"track": track, "versions": selectors.standard_versions(track=track)},
    )


@role_required(*STAFF)
def standard_detail(request, standard_id: int):
    standard = _get_standard_for_user(request, standard_id)
    return render(
        request,
        "programs/standard_detail.html",
        {
            "standard": standard,
            "in_force": standard.track.current_standard,
            "credentials": standard.interim_credentials.all(),
            "apprentices": standard.apprentices.count(),
            "date_form": StandardDateForm(initial={"on": timezone.localdate()}),
            "credential_form": CredentialForm(standard=standard) if standard.is_editable else None,
            "criteria": standard.criteria.all(),
            "criterion_areas": EvaluationCriterion.Area.choices,
            "criterion_form": CriterionForm(),
        },
    )


@role_required(ADMIN)
@require_POST
def standard_draft(request, track_id: int):
    track = _get_track_for_user(request, track_id)
    draft = services.standard_draft(track=track, by=request.user)
    messages.success(
        request,
        _("Version %(v)d drafted: change it, then send it to the agency.") % {"v": draft.version},
    )
    return redirect("programs:standard_edit", standard_id=draft.pk)


@role_required(ADMIN)
def standard_edit(request, standard_id: int):
    standard = _get_standard_for_user(request, standard_id)
    detail = reverse("programs:standard_detail", args=[standard.pk])
    if not standard.is_editable:
        messages.error(request, _("Only a draft can be changed: draft a new version."))
        return redirect(detail)
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_update(standard=standard, data=services.form_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect(detail)
    title = _("Edit %(standard)s") % {"standard": standard}
    return render(request, "form_page.html", {"form": form, "title": title, "cancel_url": detail})


# Each step of a modification: the service that records it, its date's name, what is said.
STANDARD_STEPS = {
    "send": (
        services.standard_send,
        "sent_on",
        gettext_lazy("Recorded as sent to the registration agency."),
    ),
    "approve": (
        services.standard_approve,
        "approved_on",
        gettext_lazy("Recorded as approved by the registration agency."),
    ),
    "in-force": (
        services.standard_put_in_force,
        "effective_on",
        gettext_lazy("The version is in force from that date."),
    ),
}


@role_required(ADMIN)
@require_POST
def standard_step(request, standard_id: int, step: str):
    standard = _get_standard_for_user(request, standard_id)
    if step not in STANDARD_STEPS:
        raise Http404
    form = StandardDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
    else:
        try:
            record, argument, done = STANDARD_STEPS[step]
            record(standard=standard, **{argument: form.cleaned_data["on"]})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    return redirect("programs:standard_detail", standard_id=standard.pk)


@role_required(ADMIN)
@require_POST
def credential_add(request, standard_id: int):
    standard = _get_standard_for_user(request, standard_id)
    form = CredentialForm(request.POST, standard=standard)
    if form.is_valid():
        try:
            services.credential_add(
                standard=standard,
                data={name: form.cleaned_data[name] for name in CredentialForm.Meta.fields},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Interim credential added."))
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect("programs:standard_detail", standard_id=standard.pk)


@role_required(ADMIN)
@require_POST
def criterion_add(request, standard_id: int):
    standard = _get_standard_for_user(request, standard_id)
    form_action(
        request,
        CriterionForm(request.POST),
        success=_("Criterion added."),
        invalid=_("Choose the area and write the criterion."),
        action=lambda data: services.criterion_add(standard=standard, **data),
    )
    return redirect("programs:standard_detail", standard_id=standard.pk)


@role_required(ADMIN)
@require_POST
def criterion_remove(request, standard_id: int, criterion_id: int):
    standard = _get_standard_for_user(request, standard_id)
    criterion = get_object_or_404(standard.criteria, pk=criterion_id)
    with reported(request, _("Criterion removed.")):
        services.criterion_remove(criterion=criterion)
    return redirect("programs:standard_detail", standard_id=standard.pk)


@role_required(ADMIN)
@require_POST
def credential_remove(request, standard_id: int, credential_id: int):
    standard = _get_standard_for_user(request, standard_id)
    credential = get_object_or_404(standard.interim_credentials, pk=credential_id)
    try:
        services.credential_remove(credential=credential)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Interim credential removed."))
    return redirect("programs:standard_detail", standard_id=standard.pk)


@role_required(*STAFF)
def modifications(request):
    """Every version of the standards and wage schedules, as modifications for the agency."""
    return render(
        request,
        "programs/modifications.html",
        {
            "standards": selectors.standard_modifications(viewer=request.user),
            "schedules": selectors.wage_schedule_versions(viewer=request.user),
        },
    )


def eeo_notices(request):
    """The posted notice (29 CFR 30.3(b), 30.14): each program's equal opportunity pledge and
    complaint procedure, public, in the reader's language."""
    return render(
        request, "programs/eeo_notices.html", {"programs": Program.objects.order_by("name")}
    )
