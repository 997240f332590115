from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.decorators import role_required
from accounts.roles import STAFF, TEACHING, Role
from apprenticeship.qr import qr_svg
from classroom import selectors, services
from classroom.forms import (
    AttendanceSheetForm,
    GradeSheetForm,
    MakeupSessionForm,
    SessionCancelForm,
    SessionMoveForm,
)
from classroom.models import ClassSession, Grade, Module
from cohorts import selectors as cohort_selectors
from cohorts.models import Apprentice, Cohort


def _get_cohort_for_user(request, cohort_id: int) -> Cohort:
    return cohort_selectors.cohort_for_user(request.user, cohort_id)


def _get_session_for_user(request, session_id: int) -> ClassSession:
    return get_object_or_404(
        ClassSession.objects.visible_to(request.user).select_related("cohort__track", "module"),
        pk=session_id,
    )


def _form_page(request, form, title: str, cancel_url: str, intro: str = ""):
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "intro": intro,
        },
    )


@role_required(*TEACHING)
def cohort_detail(request, cohort_id: int):
    cohort = _get_cohort_for_user(request, cohort_id)
    today = timezone.localdate()
    roster = selectors.cohort_roster(cohort=cohort, today=today)
    sessions = (
        cohort.sessions.select_related("module")
        .annotate(marked=Count("attendance"))
        .order_by("date", "start_time")
    )
    enrolled = sum(1 for a in roster if a.status not in Apprentice.INACTIVE_STATUSES)
    return render(
        request,
        "classroom/cohort_detail.html",
        {
            "cohort": cohort,
            "roster": roster,
            "sessions": sessions,
            "today": today,
            "seats_left": max(cohort.capacity - enrolled, 0),
            "enrolled": enrolled,
            "modules": Module.objects.filter(track=cohort.track),
            "at_risk": sum(1 for a in roster if a.rti.at_risk),
        },
    )


@role_required(*TEACHING)
def today(request):
    on = timezone.localdate()
    sessions = selectors.sessions_for_instructor(user=request.user, on=on)
    last, upcoming = (
        (None, None) if sessions else selectors.last_and_next_session(user=request.user, on=on)
    )
    return render(
        request,
        "classroom/today.html",
        {"sessions": sessions, "last_session": last, "next_session": upcoming},
    )


@role_required(*TEACHING)
def session_attendance(request, session_id: int):
    session = _get_session_for_user(request, session_id)
    sheet = selectors.session_sheet(session=session)
    form = AttendanceSheetForm(request.POST or None, sheet=sheet)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.attendance_sheet_save(
                session=session,
                marks=form.marks(unmarked_present="all_present" in request.POST),
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved for %(n)d apprentice.",
                    "Attendance saved for %(n)d apprentices.",
                    saved,
                )
                % {"n": saved},
            )
            return redirect("classroom:session_attendance", session_id=session.pk)
    return render(
        request,
        "classroom/session_attendance.html",
        {
            "session": session,
            "form": form,
            "today": timezone.localdate(),
            "changes": selectors.session_changes(session=session),
        },
    )


@role_required(*TEACHING)
def session_checkin_code(request, session_id: int):
    session = _get_session_for_user(request, session_id)
    url = request.build_absolute_uri(reverse("classroom:checkin", args=[session.checkin_token]))
    return render(
        request,
        "classroom/session_qr.html",
        {
            "session": session,
            "checkin_url": url,
            "qr": qr_svg(url),
        },
    )


@role_required(*STAFF)
def session_move(request, session_id: int):
    session = _get_session_for_user(request, session_id)
    form = SessionMoveForm(
        request.POST or None,
        initial={
            "new_date": session.date,
            "new_start_time": session.start_time,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.class_session_move(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Class moved; apprentices and instructors were told."))
            return redirect("classroom:cohort_detail", cohort_id=session.cohort_id)
    return _form_page(
        request,
        form,
        _("Move the class of %(d)s") % {"d": date_format(session.date, "MONTH_DAY_FORMAT")},
        reverse("classroom:cohort_detail", args=[session.cohort_id]),
    )


@role_required(*STAFF)
def session_cancel(request, session_id: int):
    session = _get_session_for_user(request, session_id)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.class_session_cancel(
                session=session, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Class cancelled; a replacement was added and people told.")
            )
            return redirect("classroom:cohort_detail", cohort_id=session.cohort_id)
    return _form_page(
        request,
        form,
        _("Cancel the class of %(d)s") % {"d": date_format(session.date, "MONTH_DAY_FORMAT")},
        reverse("classroom:cohort_detail", args=[session.cohort_id]),
        intro=_("A regular class is replaced a week after the last one."),
    )


@role_required(*TEACHING)
def makeup_create(request, cohort_id: int):
    cohort = _get_cohort_for_user(request, cohort_id)
    form = MakeupSessionForm(
        request.POST or None,
        cohort=cohort,
        initial={
            "start_time": cohort.class_start_time,
            "hours": cohort.session_hours,
            "location": cohort.classroom_location,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.makeup_session_create(
                cohort=cohort, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Make-up session scheduled."))
            return redirect("classroom:session_attendance", session_id=session.pk)
    return _form_page(
        request,
        form,
        _("Schedule a make-up session"),
        reverse("classroom:cohort_detail", args=[cohort.pk]),
    )


@role_required(*TEACHING)
def grade_sheet(request, cohort_id: int, module_id: int):
    cohort = _get_cohort_for_user(request, cohort_id)
    module = get_object_or_404(Module, pk=module_id, track=cohort.track)
    apprentices = (
        cohort.apprentices.current().select_related("person").order_by("person__last_name")
    )
    grades = {
        g.apprentice_id: g for g in Grade.objects.filter(module=module, apprentice__cohort=cohort)
    }
    form = GradeSheetForm(request.POST or None, apprentices=apprentices, grades=grades)
    if request.method == "POST" and form.is_valid():
        saved = services.grade_sheet_save(
            cohort=cohort, module=module, scores=form.scores(), by=request.user
        )
        messages.success(
            request, ngettext("%(n)d grade saved.", "%(n)d grades saved.", saved) % {"n": saved}
        )
        return redirect("classroom:cohort_detail", cohort_id=cohort.pk)
    return render(
        request,
        "classroom/grade_sheet.html",
        {
            "cohort": cohort,
            "module": module,
            "form": form,
        },
    )


@role_required(Role.APPRENTICE)
def my_classes(request):
    apprentices = selectors.apprentices_with_rti(
        Apprentice.objects.filter(person__user=request.user), timezone.localdate()
    )
    schedules = [(a, selectors.apprentice_schedule(apprentice=a)) for a in apprentices]
    return render(
        request,
        "classroom/my_classes.html",
        {"schedules": schedules, "today": timezone.localdate()},
    )


@role_required(Role.APPRENTICE)
def checkin(request, token: str):
    if request.method == "POST":
        try:
            services.attendance_self_checkin(token=token, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You are checked in. Your instructor will confirm."))
            return redirect("classroom:my_classes")
    return render(request, "classroom/checkin.html", {"token": token})
