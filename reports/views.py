"""Reports: ask for one (made by a worker), see yours with their state, download."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.actions import reported
from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from applicants.services import PERSON_ADDRESS_FIELDS
from apprenticeship.csvfile import csv_download, csv_text
from audit.models import PersonalDataAccess
from audit.services import personal_data_record, personal_data_record_many
from cohorts.models import Access, Apprentice
from programs.models import Track
from programs.selectors import current_program
from reports import dashboard as dashboard_report
from reports import equal_opportunity as equal_opportunity_report
from reports import rapids, services
from reports.affirmative_action import outreach_figures, review_figures
from reports.forms import (
    AffirmativeActionReviewForm,
    AvailabilityForm,
    DashboardForm,
    PeriodForm,
    ProgramReportForm,
    RapidsFilterForm,
    RegistrationDetailsForm,
)
from reports.models import AffirmativeActionReview, Availability, AvailabilityBasis, Report


def _apprentice_for_report(request: HttpRequest, apprentice_id: int) -> Apprentice:
    """Staff ask for anyone's; an apprentice for their own; anyone else gets 404."""
    apprentices = Apprentice.objects.visible_to(request.user, Access.RECORDS)
    return get_object_or_404(apprentices.select_related("person"), pk=apprentice_id)


@require_POST
@login_required
def progress(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    apprentice = _apprentice_for_report(request, apprentice_id)
    report, reused = services.progress_report_request(apprentice=apprentice, by=request.user)
    _say_what_happened(request, report, reused)
    return redirect("reports:list")


@require_POST
@login_required
def transcript(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    """The transcript for a transfer: staff, or the apprentice for their own."""
    apprentice = _apprentice_for_report(request, apprentice_id)
    report, reused = services.transcript_request(apprentice=apprentice, by=request.user)
    _say_what_happened(request, report, reused)
    return redirect("reports:list")


def _say_what_happened(request: HttpRequest, report: Report, reused: bool) -> None:
    """Handed back as it is (nothing changed since), still being made, or being made now."""
    if reused and report.status == Report.Status.READY:
        made = timezone.localtime(report.data_as_of or report.finished_at)
        messages.info(
            request,
            _("Nothing has changed since %(time)s: here is the report made then, below.")
            % {"time": date_format(made, "H:i")},
        )
    elif reused:
        messages.info(
            request,
            _(
                "The same report you asked for is still being made: it appears below and we "
                "will email you."
            ),
        )
    else:
        messages.success(
            request, _("The report is being made: it appears below and we will email you.")
        )


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_program_staff or Role.APPRENTICE in request.user.roles):
        raise Http404  # hiring managers, instructors, preceptors: no reports here
    return render(
        request,
        "reports/list.html",
        {"reports": Report.objects.filter(requested_by=request.user)[:50]},
    )


@role_required(*STAFF, hidden=True)
def program(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ProgramReportForm(
        request.POST or None,
        initial={"start": today.replace(month=1, day=1), "end": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report, reused = services.program_report_request(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _say_what_happened(request, report, reused)
            return redirect("reports:list")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Program report"),
            "intro": _(
                "Apprentices by cohort and status, the period's registrations, completions and "
                "cancellations, rates, wages, pace and compliance flags, as PDF and CSV. The "
                "report checks its own figures and lists any mismatch on its first page."
            ),
            "cancel_url": reverse("reports:list"),
        },
    )


def _report_for(request: HttpRequest, report_id: int) -> Report:
    reports = Report.objects.all()
    if Role.PROGRAM_ADMIN not in request.user.roles:
        # The yearly affirmative action review holds EEO figures: program admins only.
        reports = reports.exclude(kind=Report.Kind.AFFIRMATIVE_ACTION)
    if not request.user.is_program_staff:
        own = Apprentice.objects.filter(person__user=request.user).values_list("pk", flat=True)
        reports = reports.filter(requested_by=request.user) | reports.filter(
            kind__in=[Report.Kind.PROGRESS, Report.Kind.TRANSCRIPT],
            params__apprentice_id__in=list(own),
        )
    return get_object_or_404(reports, pk=report_id)


def _report_file(request: HttpRequest, report_id: int, *, csv: bool) -> HttpResponse:
    """A ready report's PDF (or its CSV), to whoever asked for it and staff; logged."""
    if not (request.user.is_program_staff or Role.APPRENTICE in request.user.roles):
        raise Http404  # someone who was staff once keeps no reports
    report = _report_for(request, report_id)
    stored = report.table_file if csv else report.file
    if report.status != Report.Status.READY or not stored:
        raise Http404
    personal_data_record(
        actor=request.user,
        obj=report,
        fields=[f"{report.kind} report{' CSV' if csv else ''}"],
        action=PersonalDataAccess.Action.EXPORT,
        purpose="report downloaded",
    )
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{report.kind}-report-{report.requested_at:%Y-%m-%d}.{'csv' if csv else 'pdf'}",
        content_type="text/csv" if csv else "application/pdf",
    )


@login_required
def download(request: HttpRequest, report_id: int) -> HttpResponse:
    return _report_file(request, report_id, csv=False)


@login_required
def table(request: HttpRequest, report_id: int) -> HttpResponse:
    """The same figures as CSV (program reports)."""
    return _report_file(request, report_id, csv=True)


def _eeo_period(request: HttpRequest) -> tuple[PeriodForm, dict | None]:
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    if data["end"] < data["start"]:
        form.add_error("end", _("The period ends before it starts."))
        return form, None
    personal_data_record(
        actor=request.user,
        obj=data["track"],
        fields=["self-identification (aggregate)"],
        purpose="equal-opportunity report",
    )
    return form, data


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def equal_opportunity(request: HttpRequest) -> HttpResponse:
    """29 CFR 30: applicant flow and the four-fifths test, program admins only."""
    form, data = _eeo_period(request)
    return render(
        request,
        "reports/equal_opportunity.html",
        {
            "form": form,
            "data": data,
            "tests": equal_opportunity_report.adverse_impact(**data) if data else [],
            "workforce": (
                equal_opportunity_report.workforce(track=data["track"]) if data else None
            ),
            "flow": equal_opportunity_report.applicant_flow(**data) if data else [],
            "disability": (
                equal_opportunity_report.disability_utilization(track=data["track"])
                if data
                else None
            ),
            "outreach": (
                outreach_figures(
                    program=data["track"].program, start=data["start"], end=data["end"]
                )
                if data
                else []
            ),
            "query": request.GET.urlencode(),
        },
    )


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def availability(request: HttpRequest, track_id: int) -> HttpResponse:
    """Availability from two factors and the goals (29 CFR 30.5(c), 30.6)."""
    track = get_object_or_404(Track, pk=track_id)
    basis = AvailabilityBasis.objects.filter(track=track).first()
    initial = {"labour_market_weight": 50}
    if basis:
        initial.update(
            labour_market_source=basis.labour_market_source,
            labour_market_weight=basis.labour_market_weight,
            feeder_source=basis.feeder_source,
        )
    for a in Availability.objects.filter(track=track):
        initial.update(
            {
                f"{a.group}_market": a.labour_market_percent,
                f"{a.group}_feeder": a.feeder_percent,
                f"{a.group}_goal": a.goal_percent,
            }
        )
    form = AvailabilityForm(request.POST or None, initial=initial)
    today = timezone.localdate()
    back = (
        reverse("reports:equal_opportunity")
        + "?"
        + urlencode({"track": track.pk, "start": today.replace(month=1, day=1), "end": today})
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.availability_save(
                track=track, basis=form.basis(), figures=form.figures(), by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Availability figures saved."))
            return redirect(back)
    return render(
        request,
        "reports/availability.html",
        {"form": form, "track": track, "cancel_url": back},
    )


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def equal_opportunity_csv(request: HttpRequest) -> HttpResponse:
    _form, data = _eeo_period(request)
    if data is None:
        return redirect("reports:equal_opportunity")
    rows = [
        [
            test.step,
            kind,
            g.group,
            g.considered,
            g.selected,
            g.rate_percent,
            g.impact_percent,
            "suppressed" if g.suppressed else ("adverse impact" if g.adverse else ""),
        ]
        for test in equal_opportunity_report.adverse_impact(**data)
        for kind, groups in (("race/ethnicity", test.by_race), ("sex", test.by_sex))
        for g in groups
    ]
    header = ["step", "by", "group", "considered", "selected", "rate", "impact ratio", "note"]
    return csv_download(csv_text(header, rows), filename="adverse-impact.csv")


@role_required(*STAFF, hidden=True)
def program_dashboard(request: HttpRequest) -> HttpResponse:
    """Evaluate and evolve: funnel, time to hire, fill, retention, pass rates, wage gain,
    hard-to-fill departments and graduates, with a CSV of each table."""
    today = timezone.localdate()
    form = DashboardForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    start = data.get("start") or today.replace(year=today.year - 1, day=1)
    end = data.get("end") or today
    track = data.get("track")
    tables = dashboard_report.dashboard(
        track_id=track.pk if track else None, start=start, end=end, today=today
    )
    wanted = request.GET.get("csv")
    for table in tables:
        if table.key == wanted:
            return csv_download(
                csv_text(table.header, table.rows), filename=f"{table.key}-{end.isoformat()}.csv"
            )
    if wanted:
        raise Http404
    query = request.GET.copy()
    query.pop("csv", None)
    return render(
        request,
        "reports/dashboard.html",
        {"form": form, "tables": tables, "start": start, "end": end, "query": query.urlencode()},
    )


RAPIDS_SHOWN = 200


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def rapids_upload(request: HttpRequest) -> HttpResponse:
    """The RAPIDS files with every row checked against the layout; the download holds the
    ready rows (SSNs in full, audited per apprentice), the page shows SSNs masked."""
    form = RapidsFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    kind = data.get("kind") or "registrations"
    header, rows, fields = rapids.rapids_rows(kind, data.get("cohort"))
    if request.method == "POST":
        try:
            content = services.rapids_file(
                rows=rows,
                header=header,
                fields=fields,
                by=request.user,
                purpose=f"RAPIDS {kind} file",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return csv_download(
                content, filename=f"rapids-{kind}-{timezone.localdate().isoformat()}.csv"
            )
    # The rows to fix first, then the ready ones, RAPIDS_SHOWN at most (the file holds all).
    shown = sorted(rows, key=lambda row: row.ready)[:RAPIDS_SHOWN]
    personal_data_record_many(
        actor=request.user,
        objs=[row.apprentice.person for row in shown if row.apprentice.person.ssn],
        fields=["ssn (last four)"],
        purpose=f"RAPIDS {kind} check",
    )
    return render(
        request,
        "reports/rapids.html",
        {
            "form": form,
            "kind": kind,
            "rows": rows,
            "shown": shown,
            "ready": sum(row.ready for row in rows),
            "columns": header,
            "query": request.GET.urlencode(),
        },
    )


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def rapids_details(request: HttpRequest, apprentice_id: int) -> HttpResponse:
    """Complete what a RAPIDS registration row lacks, then go back to the RAPIDS page."""
    apprentice = get_object_or_404(
        Apprentice.objects.select_related("person", "application").filter(
            application__isnull=False
        ),
        pk=apprentice_id,
    )
    person = apprentice.person
    form = RegistrationDetailsForm(
        request.POST or None,
        initial={
            **{name: getattr(person, name) for name in PERSON_ADDRESS_FIELDS},
            "education_level": apprentice.application.education_level,
            "prior_wage": apprentice.prior_wage,
            "prior_wage_unit": apprentice.prior_wage_unit,
        },
    )
    back = reverse("reports:rapids") + f"?cohort={apprentice.cohort_id}"
    if request.method == "POST" and form.is_valid():
        with reported(request, _("Registration details saved.")):
            services.registration_details_save(apprentice=apprentice, data=form.cleaned_data)
            return redirect(back)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Registration details of %(name)s") % {"name": person},
            "intro": _("What RAPIDS needs to register the apprentice."),
            "cancel_url": back,
        },
    )


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def affirmative_action(request: HttpRequest) -> HttpResponse:
    """The yearly affirmative action review: the year's analyses, goals, adverse impact and
    outreach in one place, the admin's findings and action plan, saved with who reviewed it,
    and a PDF for the registration agency."""
    program = current_program()
    if program is None:
        raise Http404
    today = timezone.localdate()
    years = list(range(today.year, today.year - 6, -1))
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or today.year)
    except ValueError:
        year = today.year
    if year not in years:
        raise Http404
    saved = AffirmativeActionReview.objects.filter(program=program, year=year).first()
    form = AffirmativeActionReviewForm(
        request.POST or None,
        initial={"notes": saved.notes, "action_plan": saved.action_plan} if saved else None,
    )
    if request.method == "POST" and form.is_valid():
        services.affirmative_action_review_save(
            program=program, year=year, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("The review of %(year)s is saved.") % {"year": year})
        return redirect(reverse("reports:affirmative_action") + f"?year={year}")
    if saved is None:
        personal_data_record(
            actor=request.user,
            obj=program,
            fields=["self-identification (aggregate)"],
            purpose="yearly affirmative action review",
        )
    return render(
        request,
        "reports/affirmative_action.html",
        {
            "form": form,
            "year": year,
            "years": years,
            "saved": saved,
            "figures": saved.figures if saved else review_figures(program=program, year=year),
            "program": program,
        },
    )


@require_POST
@role_required(Role.PROGRAM_ADMIN, hidden=True)
def affirmative_action_pdf(request: HttpRequest, year: int) -> HttpResponse:
    review = get_object_or_404(AffirmativeActionReview, program=current_program(), year=year)
    report, reused = services.affirmative_action_pdf_request(review=review, by=request.user)
    _say_what_happened(request, report, reused)
    return redirect("reports:list")
