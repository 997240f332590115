from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.actions import form_action, reported
from accounts.decorators import role_required
from accounts.roles import PRECEPTING, STAFF, Role
from apprenticeship.dates import week_start
from apprenticeship.requests import posted_ids
from clinic import evaluations as evaluation_service
from clinic import imports, selectors, services
from clinic.forms import (
    AcknowledgeForm,
    AdjustmentForm,
    CompetencyForm,
    DecisionForm,
    EvaluationRatingForm,
    ExtensionForm,
    ImportForm,
    MappingForm,
    PlacementForm,
    SchedulePeriodForm,
    SignoffForm,
    WeekForm,
    WorkProcessForm,
)
from clinic.models import (
    Competency,
    ImportBatch,
    PayrollMapping,
    WorkProcess,
)
from cohorts.selectors import cohort_for_user
from programs.models import Track
from programs.selectors import current_program

# --- the apprentice (on a phone) ------------------------------------------------------------


QUEUE_SHOWN = 200  # weeks on the preceptor's queue page, oldest first


@role_required(Role.APPRENTICE)
def my_hours(request: HttpRequest) -> HttpResponse:
    apprentice = selectors.own_apprenticeship(request.user)
    today = timezone.localdate()
    return render(
        request,
        "clinic/my_hours.html",
        {
            "apprentice": apprentice,
            "this_week": week_start(today),
            "weeks": selectors.weeks_so_far(apprentice=apprentice, today=today),
            "progress": selectors.apprentice_progress(apprentice=apprentice, today=today),
            "board": selectors.competency_board(apprentice=apprentice),
        },
    )


def _monday(value: str) -> date:
    try:
        monday = date.fromisoformat(value)
    except ValueError as exc:
        raise Http404 from exc
    if monday != week_start(monday):
        raise Http404
    return monday


@role_required(Role.APPRENTICE)
def my_week(request: HttpRequest, monday: str) -> HttpResponse:
    apprentice = selectors.own_apprenticeship(request.user)
    day = _monday(monday)
    if day > timezone.localdate() or day < week_start(apprentice.employment_start):
        raise Http404
    # Opening a week creates nothing; the first accepted save does (an empty draft would
    # otherwise stand in the way of that week's payroll import).
    timesheet = selectors.week_or_blank(apprentice=apprentice, monday=day)
    processes = selectors.work_processes(apprentice.cohort.track_id)
    form = WeekForm(
        request.POST or None,
        monday=day,
        processes=processes,
        grid=selectors.week_grid(timesheet, processes),
        initial={"no_hours_reason": timesheet.no_hours_reason},
    )
    rule_errors: dict[str, list[str]] = {}
    if request.method == "POST" and timesheet.is_editable and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.week_save(
                apprentice=apprentice,
                monday=day,
                hours=form.hours(),
                no_hours_reason=form.cleaned_data["no_hours_reason"],
                submit=submit,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                rule_errors = {
                    k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()
                }
            else:
                rule_errors = {"week": exc.messages}
        else:
            messages.success(
                request,
                _("Week submitted to your preceptor.") if submit else _("Draft saved."),
            )
            return redirect(
                "clinic:my_hours" if submit else "clinic:my_week",
                **({} if submit else {"monday": monday}),
            )
    return render(
        request,
        "clinic/my_week.html",
        {
            "apprentice": apprentice,
            "timesheet": timesheet,
            "form": form,
            "rule_errors": rule_errors,
            "day_errors": {
                d.isoformat(): rule_errors.get(d.isoformat(), []) for d, _b in form.days
            },
            "plan": selectors.planned_week_hours(apprentice, day),
            "today": timezone.localdate(),
            "last_day": day + timedelta(days=6),
            "program": (program := services.program_of(apprentice)),
            "class_days": selectors.class_notes(apprentice=apprentice, monday=day),
            "max_day": program.max_day_hours,
            "max_week": program.max_week_hours,
        },
    )


# --- the preceptor ----------------------------------------------------------------------------


@role_required(*PRECEPTING)
def queue(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        chosen = selectors.approval_queue(user=request.user).filter(
            pk__in=posted_ids(request, "selected")
        )
        approved, refused = services.timesheets_approve(timesheets=chosen, by=request.user)
        messages.success(
            request,
            ngettext("%(n)d week approved.", "%(n)d weeks approved.", approved) % {"n": approved},
        )
        if refused:
            messages.warning(request, services.summary_of_refusals(refused))
        return redirect("clinic:queue")
    queue = selectors.approval_queue(user=request.user)
    waiting = list(queue[:QUEUE_SHOWN])
    # Said, never silent: past the page's length, how many wait in all (oldest shown first).
    waiting_total = queue.count() if len(waiting) == QUEUE_SHOWN else len(waiting)
    for timesheet in waiting:
        timesheet.plan = selectors.planned_week_hours(timesheet.apprentice, timesheet.week_start)
    staff = request.user.is_program_staff
    return render(
        request,
        "clinic/queue.html",
        {
            "waiting": waiting,
            "waiting_total": waiting_total,
            "apprentices": [] if staff else selectors.precepted_apprentices(user=request.user),
            "cohorts": selectors.running_cohorts(today=timezone.localdate()) if staff else [],
            "tracks": Track.objects.active() if staff else [],
        },
    )


@role_required(*PRECEPTING)
def timesheet_review(request: HttpRequest, timesheet_id: int) -> HttpResponse:
    timesheet = selectors.timesheet_for_user(request.user, timesheet_id)
    form = DecisionForm(request.POST or None)
    processes = selectors.work_processes(timesheet.apprentice.cohort.track_id)
    unassigned = list(timesheet.entries.filter(work_process__isnull=True).order_by("day", "pk"))
    if request.method == "POST" and form.is_valid():
        approve = "approve" in request.POST
        by_id = {str(p.pk): p for p in processes}
        assignments = {
            entry.pk: by_id[request.POST[f"assign-{entry.pk}"]]
            for entry in unassigned
            if request.POST.get(f"assign-{entry.pk}") in by_id
        }
        try:
            services.timesheet_decide(
                timesheet=timesheet,
                approve=approve,
                by=request.user,
                comment=form.cleaned_data["comment"],
                assignments=assignments,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Week approved.") if approve else _("Week returned."))
            return redirect("clinic:queue")
    grid = selectors.week_grid(timesheet, processes)
    days = [timesheet.week_start + timedelta(days=n) for n in range(7)]
    notes = selectors.class_notes(apprentice=timesheet.apprentice, monday=timesheet.week_start)
    return render(
        request,
        "clinic/timesheet_review.html",
        {
            "timesheet": timesheet,
            "form": form,
            "processes": processes,
            "rows": [(p, [grid.get((d, p.pk)) for d in days]) for p in processes],
            "days": days,
            "plan": selectors.planned_week_hours(timesheet.apprentice, timesheet.week_start),
            "unassigned": unassigned,
            "class_row": [notes.get(d.isoformat()) for d in days] if notes else [],
            "class_and_clinic": [
                (d, notes[d.isoformat()])
                for d in days
                if d.isoformat() in notes and any(grid.get((d, p.pk)) for p in processes)
            ]
            + [(e.day, notes[e.day.isoformat()]) for e in unassigned if e.day.isoformat() in notes],
        },
    )


@role_required(*PRECEPTING)
def apprentice_detail(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = selectors.apprentice_for_user(request.user, apprentice_id)
    if apprentice.person.user_id == request.user.pk:
        raise Http404
    today = timezone.localdate()
    track_id = apprentice.cohort.track_id
    progress = selectors.apprentice_progress(apprentice=apprentice, today=today)
    # Short of the standard by the end (a leave, a slow pace): the projection is the proposal.
    suggested = progress.projected_completion if progress.short else None
    return render(
        request,
        "clinic/apprentice.html",
        {
            "apprentice": apprentice,
            "progress": progress,
            "board": selectors.competency_board(apprentice=apprentice),
            "weeks": selectors.apprentice_weeks(apprentice=apprentice)[:20],
            "placements": selectors.placement_history(apprentice=apprentice),
            "signoff_form": SignoffForm(track_id=track_id, initial={"signed_on": today}),
            "adjust_form": AdjustmentForm(track_id=track_id),
            "extension_form": ExtensionForm(initial={"new_end_date": suggested}),
            "schedule_form": SchedulePeriodForm(),
            "schedule": apprentice.schedule_periods.all(),
            "adjustments": apprentice.hours_adjustments.select_related("work_process", "by")[:20],
            "evaluations": [
                _marked_overdue(e, today) for e in apprentice.evaluations.order_by("week")
            ],
            "today": today,
        },
    )


@require_POST
@role_required(*PRECEPTING)
def signoff(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = selectors.apprentice_for_user(request.user, apprentice_id)
    form = SignoffForm(request.POST, track_id=apprentice.cohort.track_id)
    form_action(
        request,
        form,
        success=_("Competency signed off."),
        invalid=_("Choose the competency, the level and the date."),
        action=lambda data: services.competency_sign_off(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("clinic:apprentice", apprentice_id=apprentice.pk)


@require_POST
@role_required(*PRECEPTING)
def adjust(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = selectors.apprentice_for_user(request.user, apprentice_id)
    form = AdjustmentForm(request.POST, track_id=apprentice.cohort.track_id)
    form_action(
        request,
        form,
        success=_("Adjustment recorded."),
        invalid=_("Give the work process, the day, the hours and the reason."),
        action=lambda data: services.hours_adjust(apprentice=apprentice, by=request.user, **data),
    )
    return redirect("clinic:apprentice", apprentice_id=apprentice.pk)


@require_POST
@role_required(*STAFF)
def extend(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = selectors.apprentice_for_user(request.user, apprentice_id)
    form = ExtensionForm(request.POST)
    form_action(
        request,
        form,
        success=_("End date extended."),
        invalid=_("Give the new end date and the reason."),
        action=lambda data: services.term_extend(apprentice=apprentice, by=request.user, **data),
    )
    return redirect("clinic:apprentice", apprentice_id=apprentice.pk)


@require_POST
@role_required(*STAFF)
def schedule_add(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = selectors.apprentice_for_user(request.user, apprentice_id)
    form = SchedulePeriodForm(request.POST)
    form_action(
        request,
        form,
        success=_("Schedule period recorded: the plan and the projection follow it."),
        invalid=_("Give the kind, the dates, the hours of a part-time period and the reason."),
        action=lambda data: services.schedule_period_add(
            apprentice=apprentice, by=request.user, **data
        ),
    )
    return redirect("clinic:apprentice", apprentice_id=apprentice.pk)


@require_POST
@role_required(*STAFF)
def schedule_remove(request: HttpRequest, apprentice_id: int, period_id: int) -> HttpResponse:
    apprentice = selectors.apprentice_for_user(request.user, apprentice_id)
    period = get_object_or_404(apprentice.schedule_periods, pk=period_id)
    services.schedule_period_remove(period=period, by=request.user)
    messages.success(request, _("Schedule period removed."))
    return redirect("clinic:apprentice", apprentice_id=apprentice.pk)


# --- program staff ----------------------------------------------------------------------------


@role_required(*STAFF)
def cohort_roster(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_for_user(request.user, cohort_id)
    return render(
        request,
        "clinic/cohort_roster.html",
        {
            "cohort": cohort,
            "roster": selectors.cohort_clinic_roster(cohort=cohort, today=timezone.localdate()),
        },
    )


@role_required(*STAFF)
def placements(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_for_user(request.user, cohort_id)
    form = PlacementForm(request.POST or None, program_id=cohort.track.program_id)
    ratio = None
    if request.method == "POST" and form.is_valid():
        chosen = cohort.apprentices.current().filter(pk__in=posted_ids(request, "selected"))
        # 29 CFR 29.5(b)(7): a placement that puts the department over its ratio of
        # apprentices to preceptors is said before it is saved.
        ratio = selectors.ratio_after_placing(
            department=form.cleaned_data["department"],
            apprentices=chosen.select_related("standard"),
        )
    if ratio is not None and (not ratio.over or request.POST.get("over_ratio") == "yes"):
        done, refused = services.placements_start(
            apprentices=chosen, by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            ngettext("%(n)d apprentice placed.", "%(n)d apprentices placed.", done) % {"n": done},
        )
        if refused:
            messages.warning(request, services.summary_of_refusals(refused))
        return redirect("clinic:placements", cohort_id=cohort.pk)
    return render(
        request,
        "clinic/placements.html",
        {
            "cohort": cohort,
            "form": form,
            "apprentices": selectors.placements_of(cohort=cohort),
            "ratio": ratio,
            "selected_ids": set(posted_ids(request, "selected")) if ratio else set(),
        },
    )


@role_required(*STAFF)
def work_processes(request: HttpRequest, track_id: int) -> HttpResponse:
    track = get_object_or_404(Track, pk=track_id)
    can_edit = request.user.is_program_admin
    form = WorkProcessForm(request.POST or None, prefix="wp")
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            with reported(request, _("Work process added.")):
                services.work_process_save(
                    work_process=WorkProcess(track=track), data=form.cleaned_data
                )
            return redirect("clinic:work_processes", track_id=track.pk)
    processes = WorkProcess.objects.filter(track=track).prefetch_related("competencies")
    return render(
        request,
        "clinic/work_processes.html",
        {"track": track, "processes": processes, "form": form, "can_edit": can_edit},
    )


@role_required(Role.PROGRAM_ADMIN)
def work_process_edit(request: HttpRequest, work_process_id: int) -> HttpResponse:
    process = get_object_or_404(WorkProcess, pk=work_process_id)
    form = WorkProcessForm(request.POST or None, instance=process, prefix="wp")
    competency_form = CompetencyForm(
        request.POST if "add_competency" in request.POST else None, prefix="c"
    )
    if request.method == "POST":
        if "add_competency" in request.POST:
            if competency_form.is_valid():
                with reported(request, _("Competency added.")):
                    services.competency_save(
                        competency=Competency(work_process=process),
                        data=competency_form.cleaned_data,
                    )
                return redirect("clinic:work_process_edit", work_process_id=process.pk)
        elif form.is_valid():
            with reported(request, _("Work process saved.")):
                services.work_process_save(
                    work_process=WorkProcess.objects.get(pk=process.pk), data=form.cleaned_data
                )
            return redirect("clinic:work_processes", track_id=process.track_id)
    return render(
        request,
        "clinic/work_process_edit.html",
        {"process": process, "form": form, "competency_form": competency_form},
    )


@role_required(*STAFF)
def payroll_import(request: HttpRequest) -> HttpResponse:
    program = current_program()
    if program is None:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, program_id=program.pk)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.import_upload(
                mapping=form.cleaned_data["mapping"],
                upload=form.cleaned_data["upload"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("upload", exc)
        else:
            return redirect("clinic:import_preview", batch_id=batch.pk)
    return render(
        request,
        "clinic/import.html",
        {
            "form": form,
            "mappings": selectors.mappings_of(program.pk),
            "batches": ImportBatch.objects.select_related("mapping", "uploaded_by")[:20],
        },
    )


@role_required(*STAFF)
def import_preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch.objects.select_related("mapping"), pk=batch_id)
    if request.method == "POST":
        if batch.confirmed_at is not None:
            messages.info(request, _("This file was already imported: nothing was added."))
            return redirect("clinic:import")
        try:
            written = imports.import_confirm(batch=batch, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("clinic:import")
        messages.success(
            request,
            ngettext("%(n)d row imported.", "%(n)d rows imported.", written) % {"n": written},
        )
        return redirect("clinic:import")
    try:
        rows = imports.batch_check(batch=batch) if batch.confirmed_at is None else []
    except ValidationError as exc:  # the mapping changed since the upload
        messages.error(
            request,
            _("%(error)s Upload the file again.") % {"error": " ".join(exc.messages)},
        )
        return redirect("clinic:import")
    return render(
        request,
        "clinic/import_preview.html",
        {"batch": batch, "rows": rows, "counts": batch.counts, "program": batch.mapping.program},
    )


@role_required(*STAFF)
def mapping_edit(request: HttpRequest, mapping_id: int | None = None) -> HttpResponse:
    program = current_program()
    if program is None:
        raise Http404
    mapping = (
        get_object_or_404(PayrollMapping, pk=mapping_id, program=program)
        if mapping_id
        else PayrollMapping(program=program)
    )
    form = MappingForm(request.POST or None, instance=mapping, program_id=program.pk)
    if request.method == "POST" and form.is_valid():
        with reported(request, _("Column mapping saved.")):
            services.payroll_mapping_save(mapping=mapping, data=form.cleaned_data)
        return redirect("clinic:import")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Column mapping of a timekeeping export"),
            "intro": _(
                "Type each column's name exactly as the export's header row writes it. "
                "Saved once per system, chosen at every import."
            ),
            "cancel_url": reverse("clinic:import"),
        },
    )


# --- periodic evaluations (29 CFR 29.5(b)(6)) ----------------------------------------------------


def _marked_overdue(evaluation, today):
    evaluation.overdue = evaluation.overdue_on(today)
    return evaluation


@role_required(*PRECEPTING, Role.INSTRUCTOR, Role.APPRENTICE)
def evaluations(request: HttpRequest) -> HttpResponse:
    """The evaluations still to rate or acknowledge that the user takes part in, overdue
    first to the eye; an apprentice sees theirs, done ones included."""
    today = timezone.localdate()
    mine = Role.APPRENTICE in request.user.roles and not (
        request.user.is_program_staff or {Role.PRECEPTOR, Role.INSTRUCTOR} & set(request.user.roles)
    )
    rows = (
        list(evaluation_service.evaluations_visible_to(request.user).order_by("week"))
        if mine
        else evaluation_service.open_evaluations(user=request.user)
    )
    rows = [_marked_overdue(row, today) for row in rows]
    return render(
        request,
        "clinic/evaluations.html",
        {"evaluations": rows, "mine": mine, "today": today},
    )


@login_required
def evaluation(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """One evaluation: each part rated by whom it belongs to, then acknowledged by the
    apprentice."""
    item = evaluation_service.evaluation_for_user(request.user, evaluation_id)
    parts = evaluation_service.evaluation_parts(item, request.user)
    forms = {
        part.area: EvaluationRatingForm(
            request.POST if request.POST.get("area") == part.area else None,
            criteria=part.criteria,
            prefix=part.area,
        )
        for part in parts
        if part.can_rate
    }
    if request.method == "POST" and request.POST.get("area") in forms:
        area = request.POST["area"]
        form = forms[area]
        if form.is_valid():
            try:
                evaluation_service.evaluation_rate(
                    evaluation=item,
                    area=area,
                    ratings=form.ratings(),
                    comment=form.cleaned_data["comment"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Ratings saved."))
                return redirect("clinic:evaluation", evaluation_id=item.pk)
    own = item.apprentice.person.user_id == request.user.pk
    return render(
        request,
        "clinic/evaluation.html",
        {
            "evaluation": item,
            "parts": [(part, forms.get(part.area)) for part in parts],
            "acknowledge_form": AcknowledgeForm() if own and item.rated else None,
            "own": own,
        },
    )


@require_POST
@role_required(Role.APPRENTICE)
def evaluation_acknowledge(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    item = evaluation_service.evaluation_for_user(request.user, evaluation_id)
    form = AcknowledgeForm(request.POST)
    form_action(
        request,
        form,
        success=_("Acknowledged: your preceptor and the program office see it."),
        invalid=_("Type your name to acknowledge."),
        action=lambda data: evaluation_service.evaluation_acknowledge(
            evaluation=item, user=request.user, **data
        ),
    )
    return redirect("clinic:evaluation", evaluation_id=item.pk)
