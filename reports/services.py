"""Asking for a report (reused while a fresh one exists) and making it in a worker."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from applicants import services as applicants_services
from applicants.services import PERSON_ADDRESS_FIELDS
from apprenticeship.csvfile import csv_text
from apprenticeship.pdf import render_pdf
from audit.models import PersonalDataAccess
from audit.services import personal_data_record_many
from cohorts.models import Apprentice
from cohorts.services import apprentice_prior_wage_set
from notifications.services import email_enqueue_template
from programs.models import Program, Track
from reports.affirmative_action import review_figures
from reports.models import AffirmativeActionReview, Availability, AvailabilityBasis, Report
from reports.program import program_report, report_rows
from reports.progress import progress_report
from reports.rapids import Row, rows_csv
from reports.signals import report_ready
from reports.tasks import render_report

FRESH_FOR = timedelta(hours=1)
STUCK_AFTER = timedelta(minutes=10)  # a report still queued after this is asked for anew


def _request(*, kind: str, params: dict, key: str, title: str, by: User) -> tuple[Report, bool]:
    """(report, reused): the report this person asked for in the last hour with the same
    parameters when nothing it shows has changed since it was made (or one still being made),
    else a new one queued for a worker (a web worker never renders a PDF)."""
    now = timezone.now()
    candidates = Report.objects.filter(
        Q(status=Report.Status.READY, requested_at__gte=now - FRESH_FOR)
        | Q(status=Report.Status.QUEUED, requested_at__gte=now - STUCK_AFTER),
        kind=kind,
        params_key=key,
        requested_by=by,
    ).order_by("-requested_at")
    fresh = candidates.first()
    if fresh and fresh.status == Report.Status.QUEUED:
        return fresh, True
    if fresh and fresh.data_version:
        with translation.override(by.preferred_language):
            if data_version(Report(kind=kind, params=params)) == fresh.data_version:
                return fresh, True
    report = Report.objects.create(
        kind=kind, params=params, params_key=key, title=title, requested_by=by
    )
    transaction.on_commit(lambda: render_report.delay(report.pk))
    return report, False


def progress_report_request(*, apprentice: Apprentice, by: User) -> tuple[Report, bool]:
    return _request(
        kind=Report.Kind.PROGRESS,
        params={"apprentice_id": apprentice.pk},
        key=f"apprentice:{apprentice.pk}",
        title=_("Progress report of %(person)s") % {"person": apprentice.person},
        by=by,
    )


def transcript_request(*, apprentice: Apprentice, by: User) -> tuple[Report, bool]:
    """The transcript a transferring apprentice takes to the next sponsor (29 CFR
    29.5(b)(13)): hours by work process, related instruction, competencies, exam and
    credentials, and the record's events; no wages."""
    return _request(
        kind=Report.Kind.TRANSCRIPT,
        params={"apprentice_id": apprentice.pk},
        key=f"transcript:{apprentice.pk}",
        title=_("Transcript of %(person)s") % {"person": apprentice.person},
        by=by,
    )


def program_report_request(
    *, track: Track, start: date, end: date, by: User
) -> tuple[Report, bool]:
    if end < start:
        raise ValidationError(_("The period ends before it starts."))
    if end - start > timedelta(days=3 * 366):
        raise ValidationError(_("A program report covers at most three years."))
    return _request(
        kind=Report.Kind.PROGRAM,
        params={"track_id": track.pk, "start": start.isoformat(), "end": end.isoformat()},
        key=f"track:{track.pk}:{start.isoformat()}:{end.isoformat()}",
        title=_("Program report, %(track)s, %(start)s to %(end)s")
        % {"track": track.name, "start": start.isoformat(), "end": end.isoformat()},
        by=by,
    )


def _contents(report: Report) -> tuple[str, dict, list[str], list[list[object]]]:
    """(template, context, CSV header, CSV rows) of a report from its parameters, today."""
    today = timezone.localdate()
    if report.kind == Report.Kind.AFFIRMATIVE_ACTION:
        review = AffirmativeActionReview.objects.select_related("program", "reviewed_by").get(
            pk=report.params["review_id"]
        )
        return "reports/affirmative_action_pdf.html", {"review": review}, [], []
    if report.kind == Report.Kind.PROGRAM:
        data = program_report(
            track=Track.objects.select_related("program").get(pk=report.params["track_id"]),
            start=date.fromisoformat(report.params["start"]),
            end=date.fromisoformat(report.params["end"]),
            today=today,
        )
        header, rows = report_rows(data)
        return "reports/program_pdf.html", {"report": data}, header, rows
    apprentice = Apprentice.objects.get(pk=report.params["apprentice_id"])
    context = progress_report(apprentice=apprentice, today=today)
    context["transcript"] = report.kind == Report.Kind.TRANSCRIPT
    return "reports/progress_pdf.html", context, [], []


def _fingerprint(template: str, context: dict, header: list[str], rows: list[list]) -> str:
    """What the report shows, without the moment it was made: equal when nothing changed."""
    page = render_to_string(template, {**context, "as_of": None})
    text = page + csv_text(header, rows) if header else page
    return hashlib.sha256(text.encode()).hexdigest()


def data_version(report: Report) -> str:
    return _fingerprint(*_contents(report))


def render_files(report: Report) -> tuple[bytes, str, str]:
    """(PDF, CSV text or "", data version) of a report, from its parameters; the PDF says
    the moment its data was read (report.data_as_of)."""
    template, context, header, rows = _contents(report)
    version = _fingerprint(template, context, header, rows)
    pdf = render_pdf(template, {**context, "as_of": report.data_as_of})
    return pdf, csv_text(header, rows) if header else "", version


def report_render(*, report_id: int) -> bool:
    """Make the PDF once, store it, tell the person who asked. False when already made.

    No lock is held while WeasyPrint renders: the report is read, made outside any
    transaction, and marked ready only if it is still queued (a second worker that made it
    meanwhile loses the race, keeps nothing and sends nothing)."""
    report = Report.objects.select_related("requested_by").get(pk=report_id)
    if report.status != Report.Status.QUEUED:
        return False
    report.data_as_of = timezone.now()  # before reading: a change during the render shows
    with translation.override(report.requested_by.preferred_language):
        pdf, table, version = render_files(report)
    # A name of its own per render: a worker that loses the race deletes only its own files.
    stem = f"{report.kind}-{report.pk}-{secrets.token_hex(4)}"
    report.file.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    if table:
        report.table_file.save(f"{stem}.csv", ContentFile(table.encode()), save=False)
    with transaction.atomic():
        won = Report.objects.filter(pk=report.pk, status=Report.Status.QUEUED).update(
            file=report.file.name,
            table_file=report.table_file.name or "",
            status=Report.Status.READY,
            finished_at=timezone.now(),
            data_as_of=report.data_as_of,
            data_version=version,
        )
        if not won:
            report.file.delete(save=False)
            if report.table_file:
                report.table_file.delete(save=False)
            return False
        report_ready.send(sender=Report, report=report)
        email_enqueue_template(
            key=f"report-ready:{report.pk}",
            to=report.requested_by.email,
            template="reports/email/ready",
            context={
                "report": report,
                "link": settings.SITE_URL + reverse("reports:download", args=[report.pk]),
            },
            language=report.requested_by.preferred_language,
        )
    return True


def report_failed(*, report_id: int, error: str) -> None:
    Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
        status=Report.Status.FAILED, error=error[:300], finished_at=timezone.now()
    )


@transaction.atomic
def rapids_file(
    *, rows: list[Row], header: list[str], fields: list[str], by: User | None, purpose: str
) -> str:
    """The CSV of the ready rows; each apprentice in it is recorded as exported, in one query.
    Refused when no row is ready."""
    ready = [row for row in rows if row.ready]
    if not rows:
        raise ValidationError(_("There is nothing to put in this file."))
    if not ready:
        raise ValidationError(_("No row is ready for RAPIDS: fix the problems listed first."))
    personal_data_record_many(
        actor=by,
        objs=[row.apprentice.person for row in ready],
        fields=fields,
        action=PersonalDataAccess.Action.EXPORT,
        purpose=purpose,
    )
    return rows_csv(header, ready)


@transaction.atomic
def registration_details_save(*, apprentice: Apprentice, data: dict) -> Apprentice:
    """What RAPIDS needs and the record lacked, completed by staff from the RAPIDS page: the
    home address and education (applicants) and the prior wage (the apprentice)."""
    applicants_services.registration_details_save(
        application=apprentice.application,
        data={name: data[name] for name in (*PERSON_ADDRESS_FIELDS, "education_level")},
    )
    return apprentice_prior_wage_set(
        apprentice=apprentice,
        prior_wage=data["prior_wage"],
        prior_wage_unit=data["prior_wage_unit"],
    )


TWO_PLACES = Decimal("0.01")


@transaction.atomic
def availability_save(*, track: Track, basis: dict, figures: dict, by: User) -> None:
    """29 CFR 30.5(c), 30.6(a): each group's availability, the weighted sum of its share in
    the labour market area and in the feeder pool (the two weights adding to 100%), and its
    goal, at least equal to availability (the availability itself when left blank).
    `figures` maps a group to (labour market %, feeder pool %, goal %); a group with neither
    share is removed."""
    if not basis["labour_market_source"].strip() or not basis["feeder_source"].strip():
        raise ValidationError(_("Say where the figures of each factor come from (30.5(c))."))
    weight = basis["labour_market_weight"]
    if not 0 < weight < 100:
        raise ValidationError(
            _(
                "Both factors count (29 CFR 30.5(c)): give the labour market area a weight "
                "between 1 and 99%; the feeder pool has the rest."
            )
        )
    errors = []
    for column in (0, 1):
        for kind in (("female", "male"), None):
            total = sum(
                (v[column] or 0)
                for g, v in figures.items()
                if (g in kind if kind else g not in ("female", "male"))
            )
            if total > 100:
                errors.append(_("The shares of one kind in one factor add up to more than 100%."))
    if errors:
        raise ValidationError(errors[0])
    AvailabilityBasis.objects.update_or_create(
        track=track,
        defaults={
            "labour_market_source": basis["labour_market_source"].strip(),
            "labour_market_weight": weight,
            "feeder_source": basis["feeder_source"].strip(),
            "updated_by": by,
        },
    )
    for group, (market, feeder, goal) in figures.items():
        label = Availability.Group(group).label
        if market is None and feeder is None:
            Availability.objects.filter(track=track, group=group).delete()
            continue
        if market is None or feeder is None:
            raise ValidationError(_("%(group)s: give both shares, or neither.") % {"group": label})
        available = ((market * weight + feeder * (100 - weight)) / 100).quantize(TWO_PLACES)
        goal = available if goal is None else goal
        if goal < available:
            raise ValidationError(
                _(
                    "%(group)s: the goal must be at least the availability, %(a)s%% "
                    "(29 CFR 30.6(a))."
                )
                % {"group": label, "a": available}
            )
        Availability.objects.update_or_create(
            track=track,
            group=group,
            defaults={
                "labour_market_percent": market,
                "feeder_percent": feeder,
                "percent": available,
                "goal_percent": goal,
                "updated_by": by,
            },
        )


@transaction.atomic
def affirmative_action_review_save(
    *, program: Program, year: int, notes: str, action_plan: str, by: User
) -> AffirmativeActionReview:
    """The year's review as it stands now (figures kept as the admin saw them), with their
    findings and action plan; saved again, it is replaced by the new one."""
    if year > timezone.localdate().year:
        raise ValidationError(_("A year that has not started cannot be reviewed."))
    review, _created = AffirmativeActionReview.objects.update_or_create(
        program=program,
        year=year,
        defaults={
            "notes": notes,
            "action_plan": action_plan,
            "figures": review_figures(program=program, year=year),
            "reviewed_by": by,
            "reviewed_at": timezone.now(),
        },
    )
    personal_data_record_many(
        actor=by,
        objs=[program],
        fields=["self-identification (aggregate)"],
        action=PersonalDataAccess.Action.READ,
        purpose="yearly affirmative action review",
    )
    return review


def affirmative_action_pdf_request(
    *, review: AffirmativeActionReview, by: User
) -> tuple[Report, bool]:
    """The saved review as a PDF for the registration agency (made by a worker)."""
    return _request(
        kind=Report.Kind.AFFIRMATIVE_ACTION,
        params={"review_id": review.pk},
        key=f"affirmative-action:{review.pk}:{review.reviewed_at.isoformat()}",
        title=_("Affirmative action review %(year)s") % {"year": review.year},
        by=by,
    )
