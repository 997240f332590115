from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applicants.eligibility import reasons_failed
from applicants.models import (
    EXIT_STEPS,
    Application,
    DepartmentApproval,
    EligibilityRules,
    Experience,
    Person,
    StatusEvent,
    TestResult,
)
from apprenticeship.dates import add_months, age_on
from apprenticeship.updates import model_update
from audit.services import personal_data_record
from notifications.services import email_enqueue_template
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
        raise ValidationError(
            {
                "approver_email": _(
                    "This address is not one of the program's department approvers or "
                    "managers. Enter your manager's work email as the program has it, or ask "
                    "the program office to add your manager."
                )
            }
        )


PERSON_ADDRESS_FIELDS = ("street_address", "city", "state", "zip_code")


@transaction.atomic
def application_draft_save(
    *, application: Application, data: dict, experience: Iterable[dict] | None = None
) -> Application:
    """Save one step of the form. Only a draft can change; person fields go to the person."""
    if not application.is_draft:
        raise ValidationError(_("This application was already sent."))
    if data.get("approver_email"):
        approver_check(application=application, email=data["approver_email"])
    person_fields = {"first_name", "last_name", "phone", "date_of_birth", *PERSON_ADDRESS_FIELDS}
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


@transaction.atomic
def registration_details_save(*, application: Application, data: dict) -> Application:
    """Staff complete what the registration needs after the application was sent: the home
    address (on the person) and the highest education level (on the application)."""
    person = Person.objects.select_for_update().get(pk=application.person_id)
    for field in PERSON_ADDRESS_FIELDS:
        if field in data:
            setattr(person, field, data[field])
    if "education_level" in data:
        application.education_level = data["education_level"]
    person.full_clean()
    application.full_clean()
    person.save()
    application.save(update_fields=["education_level"])
    application.person = person
    return application


def rules_for(application: Application) -> EligibilityRules:
    rules, _created = EligibilityRules.objects.get_or_create(program=application.track.program)
    return rules


def eligibility_evaluate(
    *, application: Application, rules: EligibilityRules, today: date | None = None
) -> list[dict]:
    """Each rule with its result and its figures (applicants.eligibility says them); `gate`
    False marks a preference."""
    today = today or timezone.localdate()
    person = application.person
    results = []

    def rule(key: str, passed: bool | None, gate: bool = True, **values: int | None) -> None:
        # The key and its figures, said in the reader's language when shown (eligibility.py).
        results.append({"rule": key, "passed": passed, "gate": gate, "values": values})

    if person.date_of_birth is None:
        rule("age", False, age=None)
    else:
        age = age_on(person.date_of_birth, today)
        rule("age", age >= rules.minimum_age, age=age, minimum=rules.minimum_age)
    rule(
        "education",
        application.education in {Application.Education.HIGH_SCHOOL, Application.Education.GED},
    )
    months = application.healthcare_months or 0
    rule(
        "experience",
        months >= rules.minimum_healthcare_months,
        months=months,
        minimum=rules.minimum_healthcare_months,
    )
    tests = {t.kind: t.value for t in application.tests.all()}
    if TestResult.Kind.TYPING_WPM in tests:
        wpm = tests[TestResult.Kind.TYPING_WPM]
        rule("typing", wpm >= rules.minimum_typing_wpm, wpm=wpm, minimum=rules.minimum_typing_wpm)
    if TestResult.Kind.ENTRANCE_EXAM in tests:
        score = tests[TestResult.Kind.ENTRANCE_EXAM]
        rule(
            "entrance_exam",
            score >= rules.minimum_entrance_exam,
            score=score,
            minimum=rules.minimum_entrance_exam,
        )
    for kind in TestResult.WORKKEYS:
        if kind in tests:
            level = tests[kind]
            rule(
                kind,
                level >= rules.preferred_workkeys_level,
                gate=False,
                level=level,
                minimum=rules.preferred_workkeys_level,
            )
    return results


def _gates_failed(results: list[dict]) -> list[str]:
    return reasons_failed(results)


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
            "missing": [r for r in results if r["gate"] and not r["passed"]],
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
