"""Writes of support services. Coaching notes are personal data: every note written is
recorded in the personal-data log (field names, never the text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from apprenticeship.batch import each_reporting_refusals
from audit.services import personal_data_record
from cohorts.models import Apprentice
from support.models import (
    Barrier,
    CheckIn,
    Referral,
    SupportAction,
    SupportAssignment,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    TutoringSession,
)


@transaction.atomic
def supporter_assign(
    *, apprentice: Apprentice, person: User, kind: str, starts_on: date, by: User
) -> SupportAssignment:
    """Give the apprentice a coach or a mentor from a date; the previous one's ends the day
    before (the history is kept)."""
    if kind == SupportAssignment.Kind.COACH and not person.has_role(Role.COACH):
        raise ValidationError(_("%(person)s does not have the coach role.") % {"person": person})
    current = (
        SupportAssignment.objects.select_for_update()
        .filter(apprentice=apprentice, kind=kind, ends_on__isnull=True)
        .first()
    )
    if current is not None:
        if current.person_id == person.pk:
            raise ValidationError(_("%(person)s is already assigned.") % {"person": person})
        if starts_on <= current.starts_on:
            raise ValidationError(_("The new assignment must start after the current one."))
        current.ends_on = starts_on - timedelta(days=1)
        current.save(update_fields=["ends_on"])
    return SupportAssignment.objects.create(
        apprentice=apprentice, person=person, kind=kind, starts_on=starts_on, created_by=by
    )


def supporters_assign(
    *, apprentices: Iterable[Apprentice], person: User, kind: str, starts_on: date, by: User
) -> tuple[int, list[str]]:
    return each_reporting_refusals(
        apprentices,
        lambda apprentice: supporter_assign(
            apprentice=apprentice, person=person, kind=kind, starts_on=starts_on, by=by
        ),
        name=lambda apprentice: apprentice.person,
    )


@transaction.atomic
def check_in_record(
    *,
    apprentice: Apprentice,
    author: User,
    on: date,
    how: str,
    notes: str,
    confidential: bool,
    barriers: Iterable[Barrier],
    action: str = "",
    action_owner: str = "",
    follow_up_on: date | None = None,
) -> CheckIn:
    if on > timezone.localdate():
        raise ValidationError(_("A check-in cannot be dated in the future."))
    if action and not follow_up_on:
        raise ValidationError(_("An action needs a follow-up date."))
    check_in = CheckIn(
        apprentice=apprentice,
        author=author,
        on=on,
        how=how,
        notes=notes.strip(),
        confidential=confidential,
    )
    check_in.full_clean()
    check_in.save()
    check_in.barriers.set(barriers)
    if action:
        SupportAction.objects.create(
            check_in=check_in,
            apprentice=apprentice,
            description=action.strip(),
            owner=action_owner.strip() or str(author),
            follow_up_on=follow_up_on,
        )
    personal_data_record(
        actor=author,
        obj=apprentice,
        fields=["coaching notes", "barriers"],
        action="change",
        purpose="check-in",
    )
    return check_in


@transaction.atomic
def action_done(*, action: SupportAction, on: date | None = None) -> SupportAction:
    if action.done_on is not None:
        raise ValidationError(_("This action is already done."))
    action.done_on = on or timezone.localdate()
    action.save(update_fields=["done_on"])
    return action


@transaction.atomic
def referral_record(
    *, apprentice: Apprentice, service: str, referred_on: date, note: str, by: User
) -> Referral:
    referral = Referral(
        apprentice=apprentice, service=service, referred_on=referred_on, note=note, by=by
    )
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_outcome(*, referral: Referral, outcome: str) -> Referral:
    if outcome not in Referral.Outcome.values:
        raise ValidationError(_("Choose an outcome from the list."))
    referral.outcome = outcome
    referral.save(update_fields=["outcome"])
    return referral


@transaction.atomic
def tutoring_record(
    *, apprentice: Apprentice, on: date, topic: str, tutor: str, attended: bool, by: User
) -> TutoringSession:
    session = TutoringSession(
        apprentice=apprentice, on=on, topic=topic, tutor=tutor, attended=attended, by=by
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def survey_answer(
    *, survey: Survey, apprentice: Apprentice, answers: Mapping[int, int | str]
) -> SurveyResponse:
    """One answer per apprentice and survey; a second is refused."""
    questions = {q.pk: q for q in survey.questions.all()}
    missing = [
        q
        for q in questions.values()
        if q.kind == "scale" and answers.get(q.pk) not in (1, 2, 3, 4, 5)
    ]
    if missing:
        raise ValidationError(_("Choose a number from 1 to 5 for every question."))
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, apprentice=apprentice)
    except IntegrityError as exc:
        raise ValidationError(_("You already answered this survey. Thank you!")) from exc
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            response=response,
            question=question,
            scale=int(answers[pk]) if question.kind == "scale" else None,
            text=str(answers.get(pk, "")).strip() if question.kind == "text" else "",
        )
        for pk, question in questions.items()
        if answers.get(pk) not in (None, "")
    )
    return response


@transaction.atomic
def barrier_add(*, program, name: str) -> Barrier:
    barrier = Barrier(program=program, name=name.strip())
    barrier.full_clean()
    barrier.save()
    return barrier
