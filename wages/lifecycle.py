"""The apprentice's status from registration to completion (29 CFR 29): the allowed moves in
one table, one service that makes them and writes the event, the registration with RAPIDS,
the nightly end of probation, and what is still to report to the registration agency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from classroom.selectors import apprentices_with_rti
from clinic.selectors import approved_ojl_hours, progress_of
from cohorts.models import Apprentice, ApprenticeEvent
from cohorts.services import apprentice_record_note
from programs.models import Standard, WageRate
from wages.agreements import agreement_signed
from wages.models import Agreement, CompletionCertificate, ExamAttempt
from wages.steps import wage_step_trigger
from wages.tasks import render_completion_certificate

Status = Apprentice.Status
REPORT_WITHIN_DAYS = 45

# The one place that says which moves are allowed (29 CFR 29.5 and the agency's statuses).
TRANSITIONS: dict[str, set[str]] = {
    Status.PENDING_REGISTRATION: {Status.PROBATION, Status.CANCELLED},
    Status.PROBATION: {Status.ACTIVE, Status.SUSPENDED, Status.CANCELLED, Status.TRANSFERRED_OUT},
    Status.ACTIVE: {Status.SUSPENDED, Status.CANCELLED, Status.COMPLETED, Status.TRANSFERRED_OUT},
    Status.SUSPENDED: {Status.ACTIVE, Status.PROBATION, Status.CANCELLED},
    Status.COMPLETED: set(),
    # Re-entry after a cancellation: the same record, its hours and competencies carried over.
    Status.CANCELLED: {Status.ACTIVE, Status.PROBATION},
    Status.TRANSFERRED_OUT: set(),
}
# The moves that change the terms of the signed agreement: an amendment follows (29 CFR 29.7).
AMENDING_MOVES = {(Status.CANCELLED, Status.ACTIVE), (Status.CANCELLED, Status.PROBATION)}
NEEDS_REASON = {Status.SUSPENDED, Status.CANCELLED, Status.TRANSFERRED_OUT}
Notice = ApprenticeEvent.Notice
# The moves the registration agency must hear about within 45 days (29 CFR 29.5(b)(19)).
NOTICE_OF_MOVE = {
    Status.SUSPENDED: Notice.SUSPENSION,
    Status.CANCELLED: Notice.CANCELLATION,
    Status.COMPLETED: Notice.COMPLETION,
    Status.TRANSFERRED_OUT: Notice.TRANSFER,
}


def notice_of_move(from_status: str, to_status: str) -> str:
    """The notice a move makes: none before registration (the agency never had the
    apprentice: a hire who backs out is not reported) and none for the end of probation."""
    if from_status == Status.PENDING_REGISTRATION:
        return Notice.NONE
    if from_status in (Status.SUSPENDED, Status.CANCELLED) and to_status in (
        Status.ACTIVE,
        Status.PROBATION,
    ):
        return Notice.REINSTATEMENT
    return NOTICE_OF_MOVE.get(to_status, Notice.NONE)


REASONS = [
    ("", gettext_lazy("Choose a reason")),
    ("voluntary", gettext_lazy("Left voluntarily")),
    ("performance", gettext_lazy("Performance or attendance")),
    ("conduct", gettext_lazy("Conduct")),
    ("health", gettext_lazy("Health or family leave")),
    ("employment", gettext_lazy("Employment ended by the employer")),
    ("transfer", gettext_lazy("Transfer to another program")),
    ("return", gettext_lazy("Return from suspension")),
    ("reentry", gettext_lazy("Re-entry after cancellation")),
    ("other", gettext_lazy("Other")),
]
# The reasons themselves: the select's placeholder is not one and never reaches the record.
REASON_LABELS = {code: label for code, label in REASONS if code}


def allowed_moves(status: str) -> list[tuple[str, str]]:
    allowed = TRANSITIONS.get(status, set())
    return [(value, label) for value, label in Status.choices if value in allowed]


@transaction.atomic
def apprentice_move(
    *,
    apprentice: Apprentice,
    to_status: str,
    effective_on: date,
    by: User | None,
    reason: str = "",
    reason_code: str = "",
) -> ApprenticeEvent:
    """Move the apprentice and write the event (from, to, effective date, reason, who, during
    probation or not). Nothing else changes an apprentice's status."""
    apprentice = Apprentice.objects.select_for_update().get(pk=apprentice.pk)
    from_status = apprentice.status
    if to_status not in TRANSITIONS.get(from_status, set()):
        raise ValidationError(
            _("An apprentice cannot move from %(from)s to %(to)s.")
            % {"from": Status(from_status).label, "to": Status(to_status).label}
        )
    if reason_code and reason_code not in REASON_LABELS:
        raise ValidationError(_("Choose a reason from the list."))
    if (to_status in NEEDS_REASON or from_status == Status.CANCELLED) and not (
        reason_code and reason.strip()
    ):
        raise ValidationError(_("Choose a reason and say what happened."))
    if from_status == Status.CANCELLED:
        if not apprentice.rapids_id:
            raise ValidationError(
                _(
                    "%(person)s was cancelled before registration: hire them again through "
                    "hiring instead."
                )
                % {"person": apprentice.person}
            )
        if to_status == Status.PROBATION and effective_on > apprentice.probation_end:
            raise ValidationError(_("Probation has ended by then: the re-entry is as active."))
    if effective_on > timezone.localdate() + timedelta(days=31):
        raise ValidationError(_("The effective date is more than a month ahead."))
    if from_status != Status.PENDING_REGISTRATION and effective_on < apprentice.employment_start:
        # It would reach the registration agency (the RAPIDS updates file) as it is. Before
        # registration (a hire who backs out before day one) nothing has gone to the agency.
        raise ValidationError(
            _("The effective date is before the apprentice started (%(day)s).")
            % {"day": date_format(apprentice.employment_start, "DATE_FORMAT")}
        )
    if to_status == Status.COMPLETED:
        missing = completion_missing(apprentice=apprentice, today=timezone.localdate())
        if missing:
            raise ValidationError(
                _("Not ready to complete: %(missing)s.") % {"missing": "; ".join(missing)}
            )
    label = REASON_LABELS.get(reason_code, "")
    apprentice.status = to_status
    apprentice.save(update_fields=["status"])
    if to_status == Status.COMPLETED:
        wage_step_trigger(
            apprentice=apprentice, trigger=WageRate.Trigger.COMPLETION, on=effective_on
        )
        certificate_issue(apprentice=apprentice, completed_on=effective_on)
    return ApprenticeEvent.objects.create(
        apprentice=apprentice,
        from_status=from_status,
        to_status=to_status,
        effective_on=effective_on,
        by=by,
        reason=f"{label}: {reason.strip()}"
        if label and reason.strip()
        else reason.strip() or str(label),
        reason_code=reason_code,
        during_probation=apprentice.during_probation_on(effective_on, from_status=from_status),
        amends_agreement=(from_status, to_status) in AMENDING_MOVES,
        notice=notice_of_move(from_status, to_status),
    )


@transaction.atomic
def apprentice_register(
    *, apprentice: Apprentice, rapids_id: str, registered_on: date, by: User
) -> ApprenticeEvent:
    """Recording the RAPIDS apprentice number registers the apprentice: probation begins."""
    rapids_id = rapids_id.strip()
    if not rapids_id:
        raise ValidationError(_("Enter the RAPIDS apprentice number."))
    apprentice = Apprentice.objects.select_for_update().get(pk=apprentice.pk)
    if apprentice.rapids_id or apprentice.status != Status.PENDING_REGISTRATION:
        # A second registration would silently replace the number the agency knows.
        raise ValidationError(
            _("%(person)s is already registered (RAPIDS %(id)s).")
            % {"person": apprentice.person, "id": apprentice.rapids_id or "—"}
        )
    if Apprentice.objects.filter(rapids_id=rapids_id).exclude(pk=apprentice.pk).exists():
        raise ValidationError(_("Another apprentice has this RAPIDS number."))
    if not agreement_signed(apprentice):
        # 29 CFR 29.7: registration rests on the agreement signed by the apprentice and sponsor.
        raise ValidationError(
            _(
                "The apprenticeship agreement is not signed by the apprentice and the sponsor "
                "yet: registration waits for it (29 CFR 29.7)."
            )
        )
    try:
        with transaction.atomic():  # the database's unique constraint decides a race
            Apprentice.objects.filter(pk=apprentice.pk).update(rapids_id=rapids_id)
    except IntegrityError as error:
        raise ValidationError(_("Another apprentice has this RAPIDS number.")) from error
    return apprentice_move(
        apprentice=apprentice,
        to_status=Status.PROBATION,
        effective_on=registered_on,
        by=by,
        reason=_("Registered in RAPIDS as %(id)s") % {"id": rapids_id},
    )


def probation_ended(today: date) -> QuerySet[Apprentice]:
    return Apprentice.objects.filter(status=Status.PROBATION, probation_end__lt=today)


def probation_hours_reached(today: date) -> list[Apprentice]:
    """Apprentices on probation counted in on-the-job hours (29 CFR 29.5(b)(8)) who have
    worked them here (credit for experience elsewhere is not probation)."""
    candidates = list(
        Apprentice.objects.filter(
            status=Status.PROBATION,
            standard__probation_ojl_hours__isnull=False,
            probation_end__gte=today,
        ).select_related("standard")
    )
    hours = approved_ojl_hours(a.pk for a in candidates)
    return [
        a for a in candidates if hours[a.pk][0] - hours[a.pk][1] >= a.standard.probation_ojl_hours
    ]


def probation_end_sweep(*, today: date | None = None) -> int:
    """Nightly: apprentices whose probation ended (its last day passed, or its hours worked)
    become active. Run twice, changes once."""
    today = today or timezone.localdate()
    for apprentice in probation_hours_reached(today):
        # Probation ended yesterday: the day it is seen is the first day after it.
        Apprentice.objects.filter(pk=apprentice.pk).update(probation_end=today - timedelta(days=1))
    moved = 0
    for apprentice in probation_ended(today).only("pk", "probation_end"):
        try:
            apprentice_move(
                apprentice=apprentice,
                to_status=Status.ACTIVE,
                effective_on=apprentice.probation_end + timedelta(days=1)
                if apprentice.probation_end
                else today,
                by=None,
                reason=_("Probation ended"),
            )
        except ValidationError:
            continue  # moved meanwhile (suspended, cancelled): nothing to do
        moved += 1
    return moved


@transaction.atomic
def probation_extend(*, apprentice: Apprentice, new_end: date, reason: str, by: User) -> None:
    """Staff extend probation with a reason, within 29 CFR 29.5's limit for the track."""
    limit = apprentice.standard.probation_limit_from(apprentice.employment_start)
    if apprentice.status != Status.PROBATION:
        raise ValidationError(_("Only an apprentice on probation can have it extended."))
    if new_end <= apprentice.probation_end:
        raise ValidationError(_("The new end must be after the current one."))
    if new_end > limit:
        raise ValidationError(
            _("Probation can last until %(day)s at most (25%% of the term or a year).")
            % {"day": date_format(limit, "DATE_FORMAT")}
        )
    if not reason.strip():
        raise ValidationError(_("Say why probation is extended."))
    Apprentice.objects.filter(pk=apprentice.pk).update(probation_end=new_end)
    apprentice.probation_end = new_end
    apprentice_record_note(
        apprentice=apprentice,
        by=by,
        reason=_("Probation extended to %(day)s: %(reason)s")
        % {"day": date_format(new_end, "DATE_FORMAT"), "reason": reason.strip()},
    )


@transaction.atomic
def event_reported(*, event: ApprenticeEvent, reported_on: date, by: User) -> ApprenticeEvent:
    if not event.notice:
        raise ValidationError(_("This change is not reported to the registration agency."))
    if reported_on > timezone.localdate() or reported_on < event.effective_on:
        raise ValidationError(_("The report date must be between the change and today."))
    event.reported_to_dol_on = reported_on
    event.save(update_fields=["reported_to_dol_on"])
    return event


def to_report(*, today: date) -> list[ApprenticeEvent]:
    """Notices not yet sent to the agency, oldest first, each with its due date and lateness."""
    events = list(
        ApprenticeEvent.objects.to_report()
        .select_related("apprentice__person", "apprentice__cohort__track", "by")
        .order_by("effective_on", "pk")
    )
    for event in events:
        event.due_on = event.effective_on + timedelta(days=REPORT_WITHIN_DAYS)
        event.late = event.due_on < today
    return events


AGREEMENT_STATES = {
    "none": gettext_lazy("not prepared"),
    "apprentice": gettext_lazy("waiting for the apprentice's signature"),
    "sponsor": gettext_lazy("waiting for the sponsor's countersignature"),
    "signed": gettext_lazy("signed"),
}


def unregistered(*, today: date) -> list[Apprentice]:
    """Apprentices waiting for registration, with the days left of the 45 and where their
    agreement stands (registration waits for it, 29 CFR 29.7)."""
    apprentices = list(
        Apprentice.objects.filter(status=Status.PENDING_REGISTRATION)
        .select_related("person", "cohort__track")
        .order_by("employment_start")
    )
    states = {}
    for apprentice_id, apprentice_signed, sponsor_signed in Agreement.objects.filter(
        apprentice__in=apprentices, kind=Agreement.Kind.ORIGINAL
    ).values_list("apprentice_id", "apprentice_signed_at", "sponsor_signed_at"):
        state = "signed" if sponsor_signed else "sponsor" if apprentice_signed else "apprentice"
        if states.get(apprentice_id) != "signed":
            states[apprentice_id] = state
    for apprentice in apprentices:
        apprentice.agreement_state = states.get(apprentice.pk, "none")
        apprentice.agreement_label = AGREEMENT_STATES[apprentice.agreement_state]
        due = apprentice.employment_start + timedelta(days=REPORT_WITHIN_DAYS)
        apprentice.days_left = (due - today).days
        apprentice.days_late = max(0, -apprentice.days_left)
    return apprentices


def completion_missing(*, apprentice: Apprentice, today: date) -> list[str]:
    """What still stands between the apprentice and completion, in words: the completion
    rules of the standard they are held to (29 CFR 29.5(b)(2): hours for a time-based
    standard, competencies for a competency-based one, both for a hybrid; the classroom hours
    and the certification exam where the standard asks for them)."""
    apprentice = Apprentice.objects.select_related("standard", "cohort__track").get(
        pk=apprentice.pk
    )
    standard = apprentice.standard
    missing = []
    if standard.completes_on_rti_hours:
        rti = apprentices_with_rti(Apprentice.objects.filter(pk=apprentice.pk), today)[0].rti
        if rti.attended < standard.rti_hours:
            missing.append(
                _("classroom hours %(done)s of %(plan)s")
                % {"done": floatformat(rti.attended, "-2"), "plan": standard.rti_hours}
            )
    progress = progress_of([apprentice], today)[apprentice.pk]
    if standard.measures_hours and not progress.hours_done:
        missing.append(
            _("on-the-job hours %(done)s of %(need)s")
            % {
                "done": floatformat(progress.approved, "-2"),
                "need": floatformat(progress.required, "-2"),
            }
        )
    if standard.measures_competencies and not progress.competencies_done:
        missing.append(
            _("competencies signed off (%(level)s) %(done)d of %(all)d")
            % {
                "level": Standard.Level(standard.competency_level).label.lower(),
                "done": progress.signed_off,
                "all": progress.competencies,
            }
        )
    if (
        standard.completes_on_exam
        and not ExamAttempt.objects.filter(apprentice=apprentice, passed=True).exists()
    ):
        missing.append(_("the certification exam passed"))
    return missing


def certificate_issue(*, apprentice: Apprentice, completed_on: date) -> CompletionCertificate:
    """The certificate of completion: numbered now, its PDF rendered by a worker."""
    program = apprentice.cohort.track.program
    certificate, _created = CompletionCertificate.objects.get_or_create(
        apprentice=apprentice,
        defaults={
            "number": f"{program.dol_program_number or 'C'}-{completed_on:%Y}-{apprentice.pk:05d}",
            "completed_on": completed_on,
        },
    )
    # robust: a broker down now must not fail the completion; the nightly task queues it again.
    transaction.on_commit(lambda: render_completion_certificate.delay(certificate.pk), robust=True)
    return certificate


@dataclass
class CompletionRate:
    """29 CFR 29.2's completion rate of a registration cohort: of the apprentices registered
    in the window, the share who completed within one year of their projected completion
    date; those cancelled during probation are left out of both counts."""

    registered_from: date
    registered_to: date
    registered: int  # registered in the window
    left_in_probation: int  # cancelled during probation: out of both counts
    completed_in_time: int
    still_open: int  # their year after the projected completion has not passed yet

    @property
    def counted(self) -> int:
        return self.registered - self.left_in_probation

    @property
    def percent(self) -> int | None:
        return self.completed_in_time * 100 // self.counted if self.counted else None


def completion_rate(
    *, track_id: int, registered_from: date, registered_to: date, today: date
) -> CompletionRate:
    """One track's completion rate (completion_rates)."""
    return completion_rates(
        track_ids=[track_id],
        registered_from=registered_from,
        registered_to=registered_to,
        today=today,
    )[track_id]


def completion_rates(
    *, track_ids: list[int], registered_from: date, registered_to: date, today: date
) -> dict[int, CompletionRate]:
    """The completion rate of the apprentices of each track registered between the two dates,
    as 29 CFR 29.2 defines it, in four queries whatever the number of tracks. The projected
    completion date is the end of the term of the standard the apprentice is held to."""
    registrations = dict(
        ApprenticeEvent.objects.filter(
            apprentice__cohort__track_id__in=track_ids,
            from_status=Status.PENDING_REGISTRATION,
            to_status=Status.PROBATION,
            effective_on__gte=registered_from,
            effective_on__lte=registered_to,
        ).values_list("apprentice_id", "effective_on")
    )
    left = set(
        ApprenticeEvent.objects.filter(
            apprentice_id__in=registrations, to_status=Status.CANCELLED, during_probation=True
        ).values_list("apprentice_id", flat=True)
    )
    completed = dict(
        ApprenticeEvent.objects.filter(
            apprentice_id__in=registrations, to_status=Status.COMPLETED
        ).values_list("apprentice_id", "effective_on")
    )
    counts = {pk: {"registered": 0, "left": 0, "in_time": 0, "open": 0} for pk in track_ids}
    for apprentice in Apprentice.objects.filter(pk__in=registrations).select_related(
        "standard", "cohort"
    ):
        row = counts[apprentice.cohort.track_id]
        row["registered"] += 1
        if apprentice.pk in left:
            row["left"] += 1
            continue
        projected = apprentice.employment_start + timedelta(
            weeks=apprentice.standard.term_weeks, days=-1
        )
        deadline = projected + timedelta(days=365)
        done = completed.get(apprentice.pk)
        if done is not None and done <= deadline:
            row["in_time"] += 1
        elif (
            done is None
            and today <= deadline
            and apprentice.status
            not in (
                Status.CANCELLED,
                Status.TRANSFERRED_OUT,
            )
        ):
            row["open"] += 1
    return {
        pk: CompletionRate(
            registered_from=registered_from,
            registered_to=registered_to,
            registered=row["registered"],
            left_in_probation=row["left"],
            completed_in_time=row["in_time"],
            still_open=row["open"],
        )
        for pk, row in counts.items()
    }
