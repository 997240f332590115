from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from programs import selectors, services
from programs.forms import DepartmentForm, ProgramForm, TrackForm
from programs.models import Department, Program, Track
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
        messages.success(request, _("Track %(name)s created.") % {"name": track.name})
        return redirect("programs:track_list")
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
