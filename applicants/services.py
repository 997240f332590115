from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applicants.models import Application, StatusEvent

Step = Application.Step
EXITS = {Step.WITHDRAWN, Step.NOT_ELIGIBLE, Step.FAILED_SCREEN, Step.NO_SHOW, Step.DECLINED}
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
}
for _step in list(ALLOWED_MOVES):
    if _step != Step.ENROLLED:
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
            f"An application cannot move from {Step(from_step).label} to {Step(to_step).label}."
        )
    if to_step in EXITS_NEED_REASON and not reason.strip():
        raise ValidationError("Say why the applicant leaves the pipeline.")
    application.step = to_step
    application.step_changed_at = timezone.now()
    application.save(update_fields=["step", "step_changed_at"])
    return StatusEvent.objects.create(
        application=application, from_step=from_step, to_step=to_step, by=by, reason=reason
    )
