from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from applicants.ics import calendar_invite
from applicants.models import (
    EXIT_STEPS,
    Application,
    DepartmentApproval,
    Document,
    EligibilityRules,
    Experience,
    InfoSession,
    Person,
    Screening,
    SelfIdentification,
    SessionBooking,
    StatusEvent,
    TestResult,
    TrackPresentation,
)
from applicants.uploads import sniff
from apprenticeship.dates import add_months
from apprenticeship.updates import model_update
from apprenticeship.validators import is_ascii_digits
from audit.services import personal_data_record
from notifications.services import Attachment, email_enqueue_template
from programs.models import Track

Step = Application.Step
EXITS = EXIT_STEPS
EXITS_NEED_REASON = EXITS

# The one place that says which moves are allowed. Any active step may exit.
ALLOWED_MOVES: dict[str, set[str]] = {
    Step.INTEREST: {Step.SESSION_ATTENDED, Step.APPLIED},
    Step.SESSION_ATTENDED: {Step.APPLIED},
    Step.APPLIED: {Step.TESTING},
    Step.TESTING: {Step.SCREENING},
    Step.SCREENING: {Step.READY_FOR_HIRE},
    Step.READY_FOR_HIRE: {Step.INTERVIEWING},
    Step.INTERVIEWING: {Step.OFFERED, Step.READY_FOR_HIRE},
    Step.OFFERED: {Step.ACCEPTED, Step.READY_FOR_HIRE},
    Step.ACCEPTED: {Step.ONBOARDING},
    Step.ONBOARDING: {Step.ENROLLED},
    Step.ENROLLED: set(),
    # Staff may override an eligibility decision, with a recorded reason.
    Step.NOT_ELIGIBLE: {Step.APPLIED, Step.TESTING, Step.SCREENING},
}
for _step in list(ALLOWED_MOVES):
    if _step not in {Step.ENROLLED, *EXITS}:
        ALLOWED_MOVES[_step] |= EXITS


@transaction.atomic
def application_move(
    *, application: Application, to_step: str, by: User | None, reason: str = ""
) -> StatusEvent:
    """Move an application to another step and record the event. Nothing else sets .step."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    from_step = application.step
    if to_step not in ALLOWED_MOVES.get(from_step, set()):
        raise ValidationError(
            _("An application cannot move from %(from)s to %(to)s.")
            % {"from": Step(from_step).label, "to": Step(to_step).label}
        )
    if to_step in EXITS_NEED_REASON and not reason.strip():
        raise ValidationError(_("Say why the applicant leaves the pipeline."))
    application.step = to_step
    application.step_changed_at = timezone.now()
    application.save(update_fields=["step", "step_changed_at"])
    return StatusEvent.objects.create(
        application=application, from_step=from_step, to_step=to_step, by=by, reason=reason
    )


def moves_from(step: str) -> list[tuple[str, str]]:
    """The steps an application may move to from ``step``: forward steps first, exits last."""
    allowed = ALLOWED_MOVES.get(step, set())
    return [(value, label) for value, label in Step.choices if value in allowed - EXITS] + [
        (value, label) for value, label in Step.choices if value in allowed & EXITS
    ]


def next_intake_month(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return add_months(today, 1)


def private_link(application: Application) -> str:
    return settings.SITE_URL + reverse("applicants:private", args=[application.token])


@transaction.atomic
def application_start(
    *,
    track: Track,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    language: str,
    send_email: bool = True,
) -> Application:
    """Someone says they are interested: a person, a draft application, and an email with
    the private link to come back and finish."""
    person = Person(
        first_name=first_name,
        last_name=last_name,
        email=email.lower(),
        phone=phone,
        preferred_language=language,
    )
    person.full_clean()
    person.save()
    application = Application(person=person, track=track, intake_month=next_intake_month())
    application.full_clean()
    application.save()
    StatusEvent.objects.create(application=application, to_step=Application.Step.INTEREST)
    if not send_email:
        return application
    email_enqueue_template(
        key=f"application-started:{application.pk}",
        to=person.email,
        template="applicants/email/started",
        context={"person": person, "track": track, "link": private_link(application)},
        language=language,
    )
    return application


@transaction.atomic
def approver_check(*, application: Application, email: str) -> None:
    """A department approval must come from someone the program trusts, never the applicant."""
    email = email.strip().lower()
    own = {application.person.email.lower()}
    if email in own:
        raise ValidationError(
            {"approver_email": _("Enter your manager's email: you cannot approve yourself.")}
        )
    program = application.track.program
    if not program.trusts_approver(email):
        domain = program.staff_email_domain
        raise ValidationError(
            {
                "approver_email": (
                    _("Enter your manager's work email, ending in @%(domain)s.")
                    % {"domain": domain}
                    if domain
                    else _("Enter the email of your department's approver as the program has it.")
                )
            }
        )


@transaction.atomic
def application_draft_save(
    *, application: Application, data: dict, experience: Iterable[dict] | None = None
) -> Application:
    """Save one step of the form. Only a draft can change; person fields go to the person."""
    if not application.is_draft:
        raise ValidationError(_("This application was already sent."))
    if data.get("approver_email"):
        approver_check(application=application, email=data["approver_email"])
    person_fields = {"first_name", "last_name", "phone", "date_of_birth"}
    person = application.person
    for field, value in data.items():
        setattr(person if field in person_fields else application, field, value)
    person.full_clean()
    application.full_clean()
    person.save()
    application.save()
    if "date_of_birth" in data:
        personal_data_record(
            actor=None,
            obj=person,
            fields=["date_of_birth"],
            action="change",
            purpose="applicant's own form",
        )
    if experience is not None:
        application.experience.all().delete()
        rows = [Experience(application=application, **row) for row in experience]
        for row in rows:
            row.full_clean(exclude=["application"])
        Experience.objects.bulk_create(rows)
    return application


def rules_for(application: Application) -> EligibilityRules:
    rules, _created = EligibilityRules.objects.get_or_create(program=application.track.program)
    return rules


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def eligibility_evaluate(
    *, application: Application, rules: EligibilityRules, today: date | None = None
) -> list[dict]:
    """Each rule with its result and the reason; `gate` False marks a preference."""
    today = today or timezone.localdate()
    person = application.person
    results = []

    def rule(key: str, passed: bool | None, reason: str, gate: bool = True) -> None:
        results.append({"rule": key, "passed": passed, "reason": reason, "gate": gate})

    if person.date_of_birth is None:
        rule("age", False, "Date of birth is missing.")
    else:
        age = _age_on(person.date_of_birth, today)
        rule(
            "age",
            age >= rules.minimum_age,
            f"{age} years old; the program needs {rules.minimum_age} or older.",
        )
    rule(
        "education",
        application.education in {Application.Education.HIGH_SCHOOL, Application.Education.GED},
        "A high-school diploma or GED is required."
        if application.education in {"", Application.Education.NONE}
        else "High-school diploma or equivalent.",
    )
    months = application.healthcare_months or 0
    rule(
        "experience",
        months >= rules.minimum_healthcare_months,
        f"{months} months of healthcare experience; {rules.minimum_healthcare_months} needed.",
    )
    tests = {t.kind: t.value for t in application.tests.all()}
    if TestResult.Kind.TYPING_WPM in tests:
        wpm = tests[TestResult.Kind.TYPING_WPM]
        rule(
            "typing",
            wpm >= rules.minimum_typing_wpm,
            f"Typing {wpm} WPM; {rules.minimum_typing_wpm} needed.",
        )
    if TestResult.Kind.ENTRANCE_EXAM in tests:
        score = tests[TestResult.Kind.ENTRANCE_EXAM]
        rule(
            "entrance_exam",
            score >= rules.minimum_entrance_exam,
            f"Entrance exam {score}; {rules.minimum_entrance_exam} needed.",
        )
    for kind in TestResult.WORKKEYS:
        if kind in tests:
            level = tests[kind]
            rule(
                kind,
                level >= rules.preferred_workkeys_level,
                f"{TestResult.Kind(kind).label} level {level}; "
                f"{rules.preferred_workkeys_level}+ preferred.",
                gate=False,
            )
    return results


def _gates_failed(results: list[dict]) -> list[str]:
    return [r["reason"] for r in results if r["gate"] and not r["passed"]]


@transaction.atomic
def application_submit(*, application: Application) -> Application:
    """Send the application: rules are checked now; an ineligible applicant is told kindly
    what is missing, and staff can still override."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft:
        raise ValidationError(_("This application was already sent."))
    missing = [
        label
        for label, value in [
            (_("date of birth"), application.person.date_of_birth),
            (_("education"), application.education),
            (_("healthcare experience"), application.healthcare_months is not None),
        ]
        if not value
    ]
    if application.is_current_employee and not application.approver_email:
        missing.append(_("your manager's email"))
    if missing:
        raise ValidationError(_("Please complete: %(missing)s.") % {"missing": ", ".join(missing)})
    if application.is_current_employee:
        approver_check(application=application, email=application.approver_email)
    results = eligibility_evaluate(application=application, rules=rules_for(application))
    application.eligibility = results
    application.submitted_at = timezone.now()
    application.save(update_fields=["eligibility", "submitted_at"])
    failed = _gates_failed(results)
    if failed:
        application_move(
            application=application, to_step=Step.NOT_ELIGIBLE, by=None, reason=" ".join(failed)
        )
    else:
        application_move(application=application, to_step=Step.APPLIED, by=None)
        if application.is_current_employee:
            _approval_request(application)
    application.refresh_from_db()
    email_enqueue_template(
        key=f"application-submitted:{application.pk}",
        to=application.person.email,
        template="applicants/email/submitted",
        context={
            "application": application,
            "person": application.person,
            "missing": failed,
            "link": private_link(application),
        },
        language=application.person.preferred_language,
    )
    return application


@transaction.atomic
def eligibility_override(*, application: Application, reason: str, by: User) -> Application:
    if not reason.strip():
        raise ValidationError(_("Say why the rules are overridden."))
    application.eligibility_override_reason = reason
    application.eligibility_overridden_by = by
    application.save(update_fields=["eligibility_override_reason", "eligibility_overridden_by"])
    application_move(
        application=application,
        to_step=Step.APPLIED,
        by=by,
        reason=f"Eligibility overridden: {reason}",
    )
    return application


@transaction.atomic
def testing_results_record(
    *, application: Application, results: dict[str, int], tested_on: date, by: User
) -> Application:
    """Record a testing day's results. Failing a gate (typing, entrance exam) ends the
    application with the reason; passing all moves it to background and drug screening."""
    if not results:
        return application
    approval = DepartmentApproval.objects.filter(application=application).first()
    if approval is not None and not approval.approved:
        raise ValidationError(
            _("%(person)s is waiting for department approval.") % {"person": application.person}
        )
    if application.step == Step.APPLIED:
        application_move(application=application, to_step=Step.TESTING, by=by)
    for kind, value in results.items():
        TestResult.objects.update_or_create(
            application=application,
            kind=kind,
            defaults={"value": value, "tested_on": tested_on, "recorded_by": by},
        )
    application.refresh_from_db()
    evaluated = eligibility_evaluate(application=application, rules=rules_for(application))
    application.eligibility = evaluated
    application.save(update_fields=["eligibility"])
    tests = set(application.tests.values_list("kind", flat=True))
    failed = _gates_failed(evaluated)
    if application.step == Step.TESTING and failed:
        application_move(
            application=application, to_step=Step.NOT_ELIGIBLE, by=by, reason=" ".join(failed)
        )
    elif (
        application.step == Step.TESTING
        and {TestResult.Kind.TYPING_WPM, TestResult.Kind.ENTRANCE_EXAM} <= tests
    ):
        application_move(application=application, to_step=Step.SCREENING, by=by)
    application.refresh_from_db()
    return application


@transaction.atomic
@transaction.atomic
def person_ssn_set(*, person: Person, ssn: str, by: User) -> None:
    """Record the SSN (for RAPIDS registration). Stored encrypted; the change is audited."""
    person.ssn = ssn
    person.save(update_fields=["ssn"])
    personal_data_record(
        actor=by, obj=person, fields=["ssn"], action="change", purpose="SSN recorded"
    )


@transaction.atomic
def screening_record(
    *, application: Application, kind: str, status: str, on: date, details: str, by: User
) -> Screening:
    if application.step != Step.SCREENING:
        raise ValidationError(_("Screening is recorded once testing is passed."))
    screening, _created = Screening.objects.update_or_create(
        application=application,
        kind=kind,
        defaults={"status": status, "on": on, "details": details, "recorded_by": by},
    )
    personal_data_record(
        actor=by,
        obj=screening,
        fields=["status", "details"],
        action="change",
        purpose="screening result",
    )
    statuses = dict(application.screenings.values_list("kind", "status"))
    if status == Screening.Status.NOT_CLEARED:
        application_move(
            application=application,
            to_step=Step.FAILED_SCREEN,
            by=by,
            reason=f"{Screening.Kind(kind).label} not cleared on {on:%b %d, %Y}.",
        )
    elif all(statuses.get(k) == Screening.Status.CLEARED for k in Screening.Kind.values):
        application_move(application=application, to_step=Step.READY_FOR_HIRE, by=by)
    return screening


@transaction.atomic
def application_withdraw(*, application: Application, reason: str) -> Application:
    application_move(
        application=application,
        to_step=Step.WITHDRAWN,
        by=None,
        reason=reason or "Withdrawn by the applicant.",
    )
    application.refresh_from_db()
    return application


@transaction.atomic
def applications_bulk_move(
    *, applications: Iterable[Application], to_step: str, by: User, reason: str = ""
) -> tuple[int, list[str]]:
    """Move many; those that cannot make the move are listed, the others move."""
    moved, refused = 0, []
    for application in applications:
        if to_step not in ALLOWED_MOVES.get(application.step, set()):
            refused.append(f"{application.person}: {Step(application.step).label}")
            continue
        application_move(application=application, to_step=to_step, by=by, reason=reason)
        moved += 1
    return moved, refused


@transaction.atomic
def application_roll_to_next_month(*, application: Application, by: User) -> Application:
    """Not placed this month: the application moves to the next monthly intake."""
    if application.step in EXITS or application.step == Step.ENROLLED:
        raise ValidationError(_("Only applications still in the pipeline roll over."))
    month = application.intake_month
    application.intake_month = add_months(month, 1)
    application.save(update_fields=["intake_month"])
    StatusEvent.objects.create(
        application=application,
        from_step=application.step,
        to_step=application.step,
        by=by,
        reason=f"Rolled to the {application.intake_month:%B %Y} intake.",
    )
    return application


def _approval_request(application: Application) -> DepartmentApproval:
    approval = DepartmentApproval.objects.create(
        application=application, approver_email=application.approver_email.lower()
    )
    email_enqueue_template(
        key=f"department-approval:{approval.pk}",
        to=approval.approver_email,
        template="applicants/email/approval_request",
        context={
            "application": application,
            "person": application.person,
            "link": settings.SITE_URL + reverse("applicants:approval", args=[approval.token]),
        },
    )
    return approval


@transaction.atomic
def approval_decide(
    *, approval: DepartmentApproval, approved: bool, comment: str
) -> DepartmentApproval:
    """The employee's manager decides once; a decline ends the application with the comment."""
    approval = DepartmentApproval.objects.select_for_update().get(pk=approval.pk)
    if approval.approved is not None:
        raise ValidationError(_("This application was already decided."))
    if not approval.application.track.program.trusts_approver(approval.approver_email) or (
        approval.approver_email.lower() == approval.application.person.email.lower()
    ):
        raise ValidationError(
            _("This approval link is not from an approver the program trusts; ask the program.")
        )
    if not approved and not comment.strip():
        raise ValidationError(_("Please say why you decline, for the applicant and the program."))
    approval.approved, approval.comment, approval.decided_at = approved, comment, timezone.now()
    approval.save()
    application = approval.application
    if not approved and application.step not in EXITS:
        application_move(
            application=application,
            to_step=Step.NOT_ELIGIBLE,
            by=None,
            reason=f"Department approval declined: {comment}",
        )
    else:
        StatusEvent.objects.create(
            application=application,
            from_step=application.step,
            to_step=application.step,
            reason=f"Department approval given by {approval.approver_email}.",
        )
    return approval


@transaction.atomic
def info_session_create(*, data: dict) -> InfoSession:
    session = InfoSession(**data)
    session.full_clean()
    session.save()
    return session


def next_session_with_seats(*, after: InfoSession) -> InfoSession | None:
    for session in InfoSession.objects.filter(starts_at__gt=after.starts_at).order_by("starts_at")[
        :10
    ]:
        if (
            session.bookings.exclude(status=SessionBooking.Status.CANCELLED).count()
            < session.capacity
        ):
            return session
    return None


@transaction.atomic
def session_book(
    *,
    session: InfoSession,
    name: str,
    email: str,
    phone: str,
    language: str,
    send_email: bool = True,
) -> SessionBooking:
    """Book a seat (the session row is locked so the last seat goes once) and email the
    confirmation with a calendar invite and a link to cancel."""
    session = InfoSession.objects.select_for_update().get(pk=session.pk)
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started."))
    live = session.bookings.exclude(status=SessionBooking.Status.CANCELLED)
    if live.filter(email__iexact=email).exists():
        raise ValidationError(_("You already have a seat at this session."))
    if live.count() >= session.capacity:
        raise ValidationError(_("This session is full."))
    booking = SessionBooking(
        session=session, name=name, email=email.lower(), phone=phone, language=language
    )
    booking.full_clean()
    booking.save()
    if not send_email:
        return booking
    cancel = settings.SITE_URL + reverse("applicants:booking_cancel", args=[booking.token])
    invite = calendar_invite(
        uid=f"info-session-{session.pk}-{booking.pk}@apprenticeship",
        title=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        location=f"{session.location_name}, {session.address}",
        description=f"To cancel your seat: {cancel}",
    )
    email_enqueue_template(
        key=f"session-booked:{booking.pk}",
        to=booking.email,
        template="applicants/email/session_booked",
        context={"booking": booking, "session": session, "cancel_link": cancel},
        language=language,
        attachment=Attachment("info-session.ics", invite, "text/calendar"),
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: SessionBooking) -> SessionBooking:
    if booking.status == SessionBooking.Status.BOOKED:
        booking.status = SessionBooking.Status.CANCELLED
        booking.save(update_fields=["status"])
    return booking


@transaction.atomic
def session_roster_save(*, session: InfoSession, attended: set[int], by: User) -> int:
    """Take attendance; people who came move from interest to 'info session attended'."""
    bookings = session.bookings.exclude(status=SessionBooking.Status.CANCELLED)
    for booking in bookings:
        booking.status = (
            SessionBooking.Status.ATTENDED
            if booking.pk in attended
            else SessionBooking.Status.NO_SHOW
        )
        booking.save(update_fields=["status"])
        if booking.pk in attended:
            for application in Application.objects.filter(
                person__email__iexact=booking.email, step=Step.INTEREST
            ):
                application_move(
                    application=application,
                    to_step=Step.SESSION_ATTENDED,
                    by=by,
                    reason=f"Attended {session}",
                )
    return len(attended)


SELF_IDENTIFICATION_FIELDS = ("sex", "ethnicity", "races", "disability")


@transaction.atomic
def self_identification_save(*, application: Application, data: dict) -> SelfIdentification:
    """Voluntary answers, stored apart from the application; they never change it."""
    answers, _created = SelfIdentification.objects.get_or_create(application=application)
    if "disability" in data:
        answers.disability_answered_at = timezone.now()
    model_update(instance=answers, data=data, fields=SELF_IDENTIFICATION_FIELDS)
    personal_data_record(
        actor=None,
        obj=answers,
        fields=list(data),
        action="change",
        purpose="applicant's voluntary self-identification",
    )
    return answers


@transaction.atomic
def document_upload(*, application: Application, kind: str, upload) -> Document:
    """Keep an applicant's document if its content is a PDF, JPG or PNG of at most 5 MB."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_draft and application.step in EXITS:
        raise ValidationError(_("This application is closed."))
    if application.documents.count() >= settings.DOCUMENTS_PER_APPLICATION:
        raise ValidationError(
            ngettext(
                "An application holds at most %(count)d document.",
                "An application holds at most %(count)d documents.",
                settings.DOCUMENTS_PER_APPLICATION,
            )
            % {"count": settings.DOCUMENTS_PER_APPLICATION}
        )
    content_type, extension = sniff(upload)
    original = os.path.basename(upload.name)[:200]
    upload.name = f"document.{extension}"
    document = Document(
        application=application,
        kind=kind,
        file=upload,
        original_name=original,
        content_type=content_type,
        size=upload.size,
    )
    document.full_clean()
    document.save()
    return document


CSV_COLUMNS = {
    "entrance_exam": TestResult.Kind.ENTRANCE_EXAM,
    "typing_wpm": TestResult.Kind.TYPING_WPM,
    "applied_math": TestResult.Kind.APPLIED_MATH,
    "graphic_literacy": TestResult.Kind.GRAPHIC_LITERACY,
    "workplace_documents": TestResult.Kind.WORKPLACE_DOCUMENTS,
}


def _parse_result_row(
    number: int, row: dict, applications: dict
) -> tuple[Application | None, dict, date | None, list[str]]:
    errors = []
    email = (row.get("email") or "").strip().lower()
    application = applications.get(email)
    if application is None:
        errors.append(
            _("Row %(row)d: no applicant waiting for tests has the email '%(email)s'.")
            % {"row": number, "email": email}
        )
    try:
        tested_on = date.fromisoformat((row.get("tested_on") or "").strip())
    except ValueError:
        tested_on = None
        errors.append(_("Row %(row)d: tested_on must be a date like 2026-11-20.") % {"row": number})
    values = {}
    for column, kind in CSV_COLUMNS.items():
        raw = (row.get(column) or "").strip()
        if not raw:
            continue
        low, high = (3, 7) if kind in TestResult.WORKKEYS else (0, 200)
        if not is_ascii_digits(raw) or not low <= int(raw) <= high:
            errors.append(
                _("Row %(row)d: %(column)s must be a whole number from %(low)d to %(high)d.")
                % {"row": number, "column": column, "low": low, "high": high}
            )
        else:
            values[kind] = int(raw)
    return application, values, tested_on, errors


@transaction.atomic
def testing_results_import(*, rows: list[dict], by: User) -> tuple[int, list[str]]:
    """Import a testing day's CSV: every row is checked first; any error and nothing is saved."""
    waiting = Application.objects.filter(step__in=[Step.APPLIED, Step.TESTING]).select_related(
        "person", "track"
    )
    applications = {a.person.email.lower(): a for a in waiting}
    parsed, errors = [], []
    for number, row in enumerate(rows, start=2):
        application, values, tested_on, row_errors = _parse_result_row(number, row, applications)
        errors += row_errors
        parsed.append((application, values, tested_on))
    if errors:
        return 0, errors
    for application, values, tested_on in parsed:
        testing_results_record(application=application, results=values, tested_on=tested_on, by=by)
    return len(parsed), []


def testing_day_record(
    *, results: dict[Application, dict], tested_on: date, by: User
) -> tuple[int, list[tuple[Application, str]]]:
    """Record a testing day: each applicant's results in their own transaction, so one refused
    applicant (still waiting for department approval, say) is reported and the others saved."""
    saved, refused = 0, []
    for application, values in results.items():
        try:
            testing_results_record(
                application=application, results=values, tested_on=tested_on, by=by
            )
        except ValidationError as exc:
            refused.append((application, " ".join(exc.messages)))
        else:
            saved += 1
    return saved, refused


@transaction.atomic
def application_merge(*, keep: Application, duplicate: Application, by: User) -> Application:
    """Fold a duplicate application into the one kept: its documents and any test results the
    kept one lacks move over, and the duplicate leaves the pipeline saying where it went."""
    if keep.pk == duplicate.pk:
        raise ValidationError(_("An application cannot be merged into itself."))
    if duplicate.step in EXITS or duplicate.step == Step.ENROLLED:
        raise ValidationError(_("That application is no longer in the pipeline."))
    duplicate.documents.update(application=keep)
    have = set(keep.tests.values_list("kind", flat=True))
    duplicate.tests.exclude(kind__in=have).update(application=keep)
    application_move(
        application=duplicate,
        to_step=Step.WITHDRAWN,
        by=by,
        reason=f"Duplicate: merged into application {keep.pk} ({keep.person}).",
    )
    StatusEvent.objects.create(
        application=keep,
        from_step=keep.step,
        to_step=keep.step,
        by=by,
        reason=f"Merged duplicate application {duplicate.pk} into this one.",
    )
    return keep


def testing_invite(*, applications: Iterable[Application], when: str, place: str, by: User) -> int:
    """Email each applicant the testing day's time and place (once per applicant and day)."""
    sent = 0
    for application in applications:
        email_enqueue_template(
            key=f"testing-invite:{application.pk}:{when}",
            to=application.person.email,
            template="applicants/email/testing_invite",
            context={
                "person": application.person,
                "when": when,
                "place": place,
                "link": private_link(application),
            },
            language=application.person.preferred_language,
        )
        sent += 1
    return sent


ELIGIBILITY_RULE_FIELDS = (
    "minimum_age",
    "minimum_healthcare_months",
    "minimum_typing_wpm",
    "minimum_entrance_exam",
    "preferred_workkeys_level",
)


@transaction.atomic
def eligibility_rules_update(*, rules: EligibilityRules, data: dict) -> EligibilityRules:
    return model_update(instance=rules, data=data, fields=ELIGIBILITY_RULE_FIELDS)


def session_invite(*, applications: Iterable[Application], session: InfoSession) -> int:
    """Email each applicant an invitation to book a seat at `session` (once per session)."""
    link = settings.SITE_URL + reverse("applicants:session_book", args=[session.pk])
    for application in applications:
        email_enqueue_template(
            key=f"session-invite:{session.pk}:{application.pk}",
            to=application.person.email,
            template="applicants/email/session_invite",
            context={"person": application.person, "session": session, "link": link},
            language=application.person.preferred_language,
        )
    return len(applications)


@transaction.atomic
def presentation_upload(*, track: Track, upload) -> TrackPresentation:
    content_type, _extension = sniff(upload)
    if content_type != "application/pdf":
        raise ValidationError(_("Upload the presentation as a PDF."))
    upload.name = f"{track.slug}.pdf"
    presentation = TrackPresentation.objects.filter(track=track).first()
    if presentation is None:
        presentation = TrackPresentation(track=track)
    else:
        presentation.file.delete(save=False)
    presentation.file = upload
    presentation.save()
    return presentation
