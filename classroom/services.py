from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from classroom.models import Attendance, AttendanceChange, ClassSession, Grade, Module
from cohorts.models import Apprentice, Closure, Cohort
from notifications.services import email_enqueue_template
from programs.models import Program


def _closed_days(cohort: Cohort) -> set[date]:
    return set(Closure.objects.affecting(cohort).values_list("date", flat=True))


def _next_class_day(cohort: Cohort, after: date, closed: set[date]) -> date:
    day = after + timedelta(days=(cohort.class_weekday - after.weekday()) % 7)
    while day in closed:
        day += timedelta(days=7)
    return day


@transaction.atomic
def class_schedule_generate(*, cohort: Cohort) -> list[ClassSession]:
    """The weekly classes of a new cohort: one per classroom week on the cohort's class day,
    closures skipped (the class moves a week on, so the planned hours stay whole), each with
    the next topic of the track's curriculum."""
    if cohort.sessions.filter(kind=ClassSession.Kind.REGULAR).exists():
        return []
    closed = _closed_days(cohort)
    modules = list(Module.objects.filter(track=cohort.track).order_by("order"))
    sessions = []
    day = cohort.start_date
    for week in range(cohort.standard.rti_weeks if cohort.standard else 0):
        day = _next_class_day(cohort, day, closed)
        sessions.append(
            ClassSession(
                cohort=cohort,
                date=day,
                start_time=cohort.class_start_time,
                hours=cohort.session_hours,
                location=cohort.classroom_location,
                module=modules[week] if week < len(modules) else None,
            )
        )
        day += timedelta(days=1)
    return ClassSession.objects.bulk_create(sessions)


def _people_to_tell(session: ClassSession) -> list[tuple[str, str, str]]:
    """(email, name, language) of the apprentices and instructors of a session."""
    people = [
        (a.person.email, a.person.first_name, a.person.preferred_language)
        for a in session.cohort.apprentices.current().select_related("person")
    ]
    people += [
        (u.email, u.get_short_name(), u.preferred_language)
        for u in session.cohort.instructors.all()
    ]
    return people


def _notify_change(session: ClassSession, *, what: str, old_date: date, old_time: time) -> None:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    for email, name, language in _people_to_tell(session):
        email_enqueue_template(
            key=f"class-{what}:{session.pk}:{stamp}:{email}",
            to=email,
            template=f"classroom/email/session_{what}",
            context={"session": session, "name": name, "old_date": old_date, "old_time": old_time},
            language=language,
        )


@transaction.atomic
def class_session_move(
    *, session: ClassSession, new_date: date, new_start_time: time, reason: str, by: User
) -> ClassSession:
    if session.status == ClassSession.Status.CANCELLED:
        raise ValidationError(_("A cancelled class cannot be moved."))
    if session.attendance.exclude(status=Attendance.Status.CHECKED_IN).exists():
        raise ValidationError(_("Attendance was already taken for this class; it cannot move."))
    if new_date in _closed_days(session.cohort):
        raise ValidationError(_("The program is closed that day."))
    old_date, old_time = session.date, session.start_time
    session.date, session.start_time, session.change_note = new_date, new_start_time, reason
    session.full_clean()
    session.save()
    _notify_change(session, what="moved", old_date=old_date, old_time=old_time)
    return session


@transaction.atomic
def class_session_cancel(*, session: ClassSession, reason: str, by: User | None) -> ClassSession:
    """Cancel a class; a regular class is replaced a week after the last one, so the cohort's
    planned classroom hours stay whole."""
    if session.status == ClassSession.Status.CANCELLED:
        return session
    if session.attendance.exclude(status=Attendance.Status.CHECKED_IN).exists():
        raise ValidationError(
            _("Attendance was already taken for this class; it cannot be cancelled.")
        )
    session.status = ClassSession.Status.CANCELLED
    session.change_note = reason
    session.save(update_fields=["status", "change_note"])
    if session.kind == ClassSession.Kind.REGULAR:
        last = (
            session.cohort.sessions.counting()
            .filter(kind=ClassSession.Kind.REGULAR)
            .order_by("-date")
            .first()
        )
        after = (last.date if last else session.date) + timedelta(days=1)
        ClassSession.objects.create(
            cohort=session.cohort,
            date=_next_class_day(session.cohort, after, _closed_days(session.cohort)),
            start_time=session.start_time,
            hours=session.hours,
            location=session.location,
            module=session.module,
            change_note=f"Replaces the class of {session.date:%b %d}",
        )
    _notify_change(session, what="cancelled", old_date=session.date, old_time=session.start_time)
    return session


def closure_reschedule(*, closure: Closure, by: User | None) -> int:
    """Cancel (and so replace) the scheduled classes that fall on a new closure day."""
    sessions = ClassSession.objects.filter(date=closure.date, status=ClassSession.Status.SCHEDULED)
    sessions = (
        sessions.filter(cohort=closure.cohort)
        if closure.cohort_id
        else sessions.filter(cohort__track__program=closure.program)
    )
    count = 0
    for session in sessions.select_related("cohort__track"):
        class_session_cancel(session=session, reason=f"Closed: {closure.reason}", by=by)
        count += 1
    return count


def credited_hours(*, hours: Decimal, status: str, minutes_late: int, program: Program) -> Decimal:
    """Hours of RTI credited: the whole class when present; late loses each started unit
    beyond the program's grace minutes (by default no grace and each started quarter hour);
    absent, excused and unconfirmed check-ins earn none."""
    if status == Attendance.Status.PRESENT:
        return hours
    if status == Attendance.Status.LATE:
        lost = program.class_hours_lost(minutes_late)
        return max(Decimal(0), hours - lost)
    return Decimal(0)


def _session_apprentices(session: ClassSession):
    if session.kind == ClassSession.Kind.MAKEUP:
        return session.invited.all()
    return session.cohort.apprentices.current()


@transaction.atomic
def attendance_mark(
    *,
    session: ClassSession,
    apprentice: Apprentice,
    status: str,
    minutes_late: int = 0,
    by: User,
    reason: str = "",
    today: date | None = None,
) -> Attendance:
    """Record one apprentice's attendance. A change after the day of the class needs a reason
    and is kept in the attendance history."""
    today = today or timezone.localdate()
    if session.status == ClassSession.Status.CANCELLED:
        raise ValidationError(_("This class was cancelled."))
    if session.date > today:
        raise ValidationError(_("Attendance can be taken on the day of the class, not before."))
    if not _session_apprentices(session).filter(pk=apprentice.pk).exists():
        raise ValidationError(_("%(person)s is not in this class.") % {"person": apprentice.person})
    if status not in {s for s in Attendance.Status if s != Attendance.Status.CHECKED_IN}:
        raise ValidationError(_("Choose present, late, absent or excused."))
    if status == Attendance.Status.LATE:
        if not 0 < minutes_late < session.hours * 60:
            raise ValidationError(_("Say how many minutes late, less than the class length."))
    else:
        minutes_late = 0
    hours = credited_hours(
        hours=session.hours,
        status=status,
        minutes_late=minutes_late,
        program=session.cohort.track.program,
    )
    attendance = (
        Attendance.objects.select_for_update()
        .filter(session=session, apprentice=apprentice)
        .first()
    )
    if attendance is None:
        attendance = Attendance(session=session, apprentice=apprentice)
    elif (
        today > session.date
        and attendance.status != Attendance.Status.CHECKED_IN
        and (attendance.status, attendance.minutes_late) != (status, minutes_late)
    ):
        if not reason.strip():
            raise ValidationError(
                _("Changing attendance after the day of the class needs a reason.")
            )
        AttendanceChange.objects.create(
            attendance=attendance,
            changed_by=by,
            from_status=attendance.status,
            to_status=status,
            from_hours=attendance.hours_credited,
            to_hours=hours,
            reason=reason,
        )
    attendance.status = status
    attendance.minutes_late = minutes_late
    attendance.hours_credited = hours
    attendance.marked_by = by
    attendance.marked_at = timezone.now()
    attendance.save()
    return attendance


@transaction.atomic
def attendance_self_checkin(*, token: str, user: User, today: date | None = None) -> Attendance:
    """An apprentice scans the classroom QR code: a check-in the instructor then confirms."""
    today = today or timezone.localdate()
    session = ClassSession.objects.filter(
        checkin_token=token, status=ClassSession.Status.SCHEDULED, date=today
    ).first()
    if session is None:
        raise ValidationError(_("This check-in code is not for a class today."))
    apprentice = _session_apprentices(session).filter(person__user=user).first()
    if apprentice is None:
        raise ValidationError(_("You are not in this class."))
    attendance, _created = Attendance.objects.get_or_create(
        session=session,
        apprentice=apprentice,
        defaults={"status": Attendance.Status.CHECKED_IN, "self_checked_in_at": timezone.now()},
    )
    return attendance


@transaction.atomic
def makeup_session_create(
    *,
    cohort: Cohort,
    day: date,
    start_time: time,
    hours: Decimal,
    module: Module | None,
    location: str,
    apprentices: Iterable[Apprentice],
    by: User,
) -> ClassSession:
    apprentices = list(apprentices)
    if not apprentices:
        raise ValidationError(_("Choose at least one apprentice for the make-up session."))
    if any(a.cohort_id != cohort.pk for a in apprentices):
        raise ValidationError(_("Make-up sessions are for apprentices of this cohort."))
    session = ClassSession(
        cohort=cohort,
        kind=ClassSession.Kind.MAKEUP,
        date=day,
        start_time=start_time,
        hours=hours,
        module=module,
        location=location,
    )
    session.full_clean()
    session.save()
    session.invited.set(apprentices)
    return session


@transaction.atomic
def grade_record(*, apprentice: Apprentice, module: Module, score: int, by: User) -> Grade:
    if module.track_id != apprentice.cohort.track_id:
        raise ValidationError(_("That module is not in the apprentice's track."))
    grade, _created = Grade.objects.get_or_create(
        apprentice=apprentice, module=module, defaults={"score": score, "graded_by": by}
    )
    grade.score = score
    grade.graded_by = by
    grade.full_clean()
    grade.save()
    return grade


@transaction.atomic
def attendance_sheet_save(
    *, session: ClassSession, marks: dict[int, tuple[str, int]], by: User, reason: str = ""
) -> int:
    """Save a whole class's attendance at once: all rows or none."""
    apprentices = {a.pk: a for a in _session_apprentices(session)}
    for apprentice_id, (status, minutes_late) in marks.items():
        if apprentice_id not in apprentices:
            raise ValidationError(_("Someone on the sheet is not in this class."))
        attendance_mark(
            session=session,
            apprentice=apprentices[apprentice_id],
            status=status,
            minutes_late=minutes_late,
            by=by,
            reason=reason,
        )
    return len(marks)


@transaction.atomic
def grade_sheet_save(*, cohort: Cohort, module: Module, scores: dict[int, int], by: User) -> int:
    apprentices = {a.pk: a for a in cohort.apprentices.current()}
    for apprentice_id, score in scores.items():
        if apprentice_id not in apprentices:
            raise ValidationError(_("Someone on the sheet is not in this cohort."))
        grade_record(apprentice=apprentices[apprentice_id], module=module, score=score, by=by)
    return len(scores)
