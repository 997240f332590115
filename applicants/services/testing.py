"""Testing: results by hand or from a testing day's CSV, and invitations to test."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from applicants.models import (
    Application,
    DepartmentApproval,
    TestResult,
)
from applicants.services.core import (
    Step,
    _gates_failed,
    application_move,
    eligibility_evaluate,
    private_link,
    rules_for,
)
from apprenticeship.validators import is_ascii_digits
from notifications.services import email_enqueue_template


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
