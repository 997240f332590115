from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applicants.ics import calendar_invite
from applicants.models import Application, DisabilityStage, StatusEvent
from applicants.selectors import application_screening_cleared
from applicants.services import application_move, disability_invite
from cohorts.models import Apprentice, Cohort
from cohorts.services import cohort_enroll, cohort_next_with_seats
from hiring.models import (
    STANDARD_ONBOARDING,
    Interview,
    Offer,
    OnboardingItem,
    OnboardingTask,
    Question,
    Release,
    Requisition,
    Scorecard,
)
from hiring.selectors import onboarding_checklist
from notifications.services import Attachment, email_enqueue_template
from programs.models import Department, Program, Track
from programs.selectors import hire_rate, minimum_wage_on

Step = Application.Step


@transaction.atomic
def requisition_open(
    *,
    department: Department,
    track: Track,
    cohort: Cohort,
    positions: int,
    location: str,
    shift: str,
    opened_by: User,
) -> Requisition:
    if cohort.track_id != track.pk:
        raise ValidationError(_("The target cohort is of another track."))
    requisition = Requisition(
        department=department,
        track=track,
        cohort=cohort,
        positions=positions,
        location=location,
        shift=shift,
        opened_by=opened_by,
    )
    requisition.full_clean()
    requisition.save()
    return requisition


@transaction.atomic
def requisition_approve(*, requisition: Requisition, by: User) -> Requisition:
    if requisition.status != Requisition.Status.PENDING:
        raise ValidationError(_("Only a requisition waiting for approval can be approved."))
    requisition.status = Requisition.Status.OPEN
    requisition.approved_by, requisition.approved_at = by, timezone.now()
    requisition.save(update_fields=["status", "approved_by", "approved_at"])
    return requisition


@transaction.atomic
def requisition_close(*, requisition: Requisition, by: User, reason: str) -> Requisition:
    """Close a requisition that will not be filled (budget, position withdrawn...). Candidates
    still to review stay ready for hire; an offer out or an onboarding must end first."""
    requisition = Requisition.objects.select_for_update().get(pk=requisition.pk)
    if requisition.status not in Requisition.CLOSABLE_STATUSES:
        raise ValidationError(_("Only a requisition waiting for approval or open can be closed."))
    if not reason.strip():
        raise ValidationError(_("Say why the requisition is closed."))
    in_flight = requisition.releases.filter(
        status__in=[Release.Status.OFFERED, Release.Status.ACCEPTED]
    ).select_related("application__person")
    if in_flight:
        names = ", ".join(str(release.application.person) for release in in_flight)
        raise ValidationError(
            _("%(names)s: record the answer to the offer or finish onboarding before closing.")
            % {"names": names}
        )
    requisition.status = Requisition.Status.CLOSED
    requisition.closed_at, requisition.closed_by = timezone.now(), by
    requisition.close_reason = reason.strip()
    requisition.save(update_fields=["status", "closed_at", "closed_by", "close_reason"])
    return requisition


@transaction.atomic
def candidates_release(
    *, requisition: Requisition, applications: Iterable[Application], note: str, by: User
) -> int:
    """Release ready-for-hire candidates of the requisition's track to its hiring managers."""
    if requisition.status != Requisition.Status.OPEN:
        raise ValidationError(_("Candidates are released to an open requisition."))
    released = 0
    for application in applications:
        if application.step != Step.READY_FOR_HIRE or application.track_id != requisition.track_id:
            raise ValidationError(
                _("%(person)s is not ready for hire in this track.")
                % {"person": application.person}
            )
        _release, created = Release.objects.get_or_create(
            requisition=requisition,
            application=application,
            defaults={"released_by": by, "shareable_note": note},
        )
        released += created
    return released


def _locked(release_id: int) -> Release:
    """The release re-read and locked, so two people acting on it at once cannot both win."""
    return (
        Release.objects.select_for_update(of=("self",))
        .select_related(
            "application__person",
            "requisition__track__program",
            "requisition__department",
            "requisition__cohort",
            "deferred_to",
        )
        .get(pk=release_id)
    )


def _email_candidate(
    release: Release, template: str, key: str, attachment: Attachment | None = None, **context
) -> None:
    person = release.application.person
    email_enqueue_template(
        key=key,
        to=person.email,
        template=f"hiring/email/{template}",
        context={"person": person, "requisition": release.requisition, **context},
        language=person.preferred_language,
        attachment=attachment,
    )


@transaction.atomic
def offer_record(
    *,
    release: Release,
    made_on: date,
    position_title: str,
    hourly_rate: Decimal,
    made_by: User,
    below_schedule_reason: str = "",
) -> Offer:
    """A verbal offer. Refused unless background check and drug screen are cleared. The rate
    is at least the minimum wage in effect (29 CFR 29.5(b)(5)) and the track's wage schedule's
    hire rate, unless program staff record why it is below the schedule (an exception)."""
    release = _locked(release.pk)
    application = release.application
    track = release.requisition.track
    floor = minimum_wage_on(track.program_id, made_on)
    if hourly_rate < floor.hourly_rate:
        raise ValidationError(
            _("$%(rate)s is below the minimum wage of $%(floor)s (%(where)s; 29 CFR 29.5(b)(5)).")
            % {"rate": hourly_rate, "floor": floor.hourly_rate, "where": floor.jurisdiction}
        )
    schedule_rate = hire_rate(track.pk)
    below_schedule_reason = below_schedule_reason.strip()
    if schedule_rate is not None and hourly_rate < schedule_rate:
        if not made_by.is_program_staff:
            raise ValidationError(
                _(
                    "The wage schedule's hire rate is $%(rate)s: only program staff can "
                    "record an offer below it, with the reason."
                )
                % {"rate": schedule_rate}
            )
        if not below_schedule_reason:
            raise ValidationError(
                _("The wage schedule's hire rate is $%(rate)s: say why this offer is below it.")
                % {"rate": schedule_rate}
            )
    else:
        below_schedule_reason = ""
    if not application_screening_cleared(application):
        raise ValidationError(_("The background check and drug screen must be cleared first."))
    if release.status != Release.Status.RELEASED or application.step not in {
        Step.READY_FOR_HIRE,
        Step.INTERVIEWING,
    }:
        raise ValidationError(_("This candidate cannot receive an offer now."))
    offer = Offer(
        release=release,
        made_on=made_on,
        position_title=position_title,
        hourly_rate=hourly_rate,
        schedule_rate=schedule_rate,
        below_schedule_reason=below_schedule_reason,
        made_by=made_by,
    )
    offer.full_clean()
    offer.save()
    if application.step == Step.READY_FOR_HIRE:
        application_move(application=application, to_step=Step.INTERVIEWING, by=made_by)
    application_move(
        application=application,
        to_step=Step.OFFERED,
        by=made_by,
        reason=f"Verbal offer by {made_by}: {position_title}, ${hourly_rate}/h",
    )
    release.status = Release.Status.OFFERED
    release.save(update_fields=["status"])
    _email_candidate(release, "offer_recorded", f"offer:{offer.pk}", offer=offer)
    return offer


@transaction.atomic
def offer_answer(
    *, offer: Offer, accepted: bool, answered_on: date, reason: str, by: User
) -> Offer:
    """The candidate's verbal answer. Accepting starts onboarding and fills the requisition
    when every position is taken; declining returns the candidate to the pool."""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.answer != Offer.Answer.PENDING:
        raise ValidationError(_("This offer was already answered."))
    if not accepted and not reason.strip():
        raise ValidationError(_("Record why the candidate declined."))
    release = _locked(offer.release_id)
    application = release.application
    offer.answer = Offer.Answer.ACCEPTED if accepted else Offer.Answer.DECLINED
    offer.answered_on, offer.decline_reason = answered_on, reason
    offer.save()
    if not accepted:
        release.status = Release.Status.DECLINED
        release.save(update_fields=["status"])
        application_move(
            application=application,
            to_step=Step.READY_FOR_HIRE,
            by=by,
            reason=f"Declined the offer: {reason}",
        )
        return offer
    release.status = Release.Status.ACCEPTED
    release.save(update_fields=["status"])
    application.releases.filter(status=Release.Status.RELEASED).update(
        status=Release.Status.PLACED_ELSEWHERE
    )
    application_move(application=application, to_step=Step.ACCEPTED, by=by)
    application_move(application=application, to_step=Step.ONBOARDING, by=by)
    # 29 CFR 30.11(b): invited again after accepting, before starting.
    disability_invite(
        person=application.person, stage=DisabilityStage.POST_OFFER, application=application
    )
    checklist = onboarding_checklist(program=release.requisition.track.program)
    OnboardingItem.objects.bulk_create(
        [
            OnboardingItem(
                release=release, title=title, owner=owner, due_on=answered_on + timedelta(days=days)
            )
            for title, owner, days in checklist
        ]
    )
    requisition = Requisition.objects.select_for_update().get(pk=release.requisition_id)
    if (
        requisition.releases.filter(
            status__in=[Release.Status.ACCEPTED, Release.Status.ENROLLED]
        ).count()
        >= requisition.positions
    ):
        requisition.status, requisition.filled_at = Requisition.Status.FILLED, timezone.now()
        requisition.save(update_fields=["status", "filled_at"])
    _email_candidate(
        release, "next_steps", f"accepted:{offer.pk}", offer=offer, checklist=checklist
    )
    return offer


@transaction.atomic
def onboarding_item_done(*, item: OnboardingItem, by: User) -> OnboardingItem:
    if item.done_at is None:
        item.done_at, item.done_by = timezone.now(), by
        item.save(update_fields=["done_at", "done_by"])
    return item


@transaction.atomic
def onboarding_complete(*, release: Release, by: User) -> Apprentice:
    """All items done: enrol the candidate in the target cohort, all or nothing."""
    release = _locked(release.pk)
    if release.status != Release.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted candidate can be enrolled."))
    if release.onboarding.filter(done_at__isnull=True).exists():
        raise ValidationError(_("Finish every onboarding item first."))
    requisition = release.requisition
    cohort = release.start_cohort
    apprentice = cohort_enroll(
        application=release.application,
        cohort=cohort,
        department=requisition.department,
        employment_start=cohort.start_date,
        hourly_rate=release.offer.hourly_rate,
        enrolled_by=by,
    )
    application_move(
        application=release.application,
        to_step=Step.ENROLLED,
        by=by,
        reason=f"Enrolled in {cohort}",
    )
    release.status = Release.Status.ENROLLED
    release.save(update_fields=["status"])
    _email_candidate(release, "enrolled", f"enrolled:{release.pk}", cohort=cohort)
    return apprentice


@transaction.atomic
def question_add(*, track: Track, competency: str, text: str, order: int) -> Question:
    question = Question(track=track, competency=competency, text=text, order=order)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_edit(
    *, question: Question, competency: str, text: str, order: int, is_active: bool
) -> Question:
    """Reword, reorder or retire a question; interviews already held keep their scorecards."""
    question.competency, question.text = competency, text
    question.order, question.is_active = order, is_active
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def onboarding_standard_adopt(*, program: Program) -> list[OnboardingTask]:
    """Start the program's own checklist from the standard one, to edit it from there."""
    if program.onboarding_tasks.exists():
        raise ValidationError(_("This program already has its own checklist."))
    return OnboardingTask.objects.bulk_create(
        [
            OnboardingTask(program=program, title=title, owner=owner, due_days=days, order=i)
            for i, (title, owner, days) in enumerate(STANDARD_ONBOARDING, start=1)
        ]
    )


@transaction.atomic
def onboarding_task_save(
    *,
    program: Program,
    title: str,
    owner: str,
    due_days: int,
    order: int,
    is_active: bool = True,
    task: OnboardingTask | None = None,
) -> OnboardingTask:
    """Add an item to the program's checklist, or change one. Candidates already onboarding
    keep the items they were given."""
    if task is None and not program.onboarding_tasks.exists():
        onboarding_standard_adopt(program=program)
    task = task or OnboardingTask(program=program)
    task.title, task.owner, task.due_days = title, owner, due_days
    task.order, task.is_active = order, is_active
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def interview_schedule(
    *,
    release: Release,
    starts_at: datetime,
    minutes: int,
    place: str,
    panel: Iterable[User],
    by: User,
) -> Interview:
    """Schedule an interview and send the candidate and each panel member an invite."""
    panel = list(panel)
    if not panel:
        raise ValidationError(_("Choose at least one panel member."))
    release = _locked(release.pk)
    if release.status != Release.Status.RELEASED:
        raise ValidationError(_("This candidate is no longer being interviewed here."))
    interview = Interview(
        release=release, starts_at=starts_at, minutes=minutes, place=place, scheduled_by=by
    )
    interview.full_clean()
    interview.save()
    interview.panel.set(panel)
    application = release.application
    if application.step == Step.READY_FOR_HIRE:
        application_move(application=application, to_step=Step.INTERVIEWING, by=by)
    invite = calendar_invite(
        uid=f"interview-{interview.pk}@apprenticeship",
        title=f"Interview: {application.person} · {release.requisition.department}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        location=place,
        description=f"{release.requisition}",
    )
    attachment = Attachment("interview.ics", invite, "text/calendar")
    _email_candidate(
        release,
        "interview_invitation",
        f"interview:{interview.pk}",
        interview=interview,
        attachment=attachment,
    )
    for member in panel:
        email_enqueue_template(
            key=f"interview-panel:{interview.pk}:{member.pk}",
            to=member.email,
            template="hiring/email/interview_panel",
            context={"interview": interview, "person": application.person, "member": member},
            language=member.preferred_language,
            attachment=attachment,
        )
    return interview


@transaction.atomic
def scorecard_submit(
    *,
    interview: Interview,
    panelist: User,
    ratings: dict[str, int],
    strengths: str,
    concerns: str,
    recommendation: str,
) -> Scorecard:
    if not interview.panel.filter(pk=panelist.pk).exists():
        raise ValidationError(_("Only a member of the panel scores this interview."))
    if Scorecard.objects.filter(interview=interview, panelist=panelist).exists():
        raise ValidationError(_("You already submitted your scorecard."))
    if timezone.now() < interview.starts_at:
        raise ValidationError(_("The scorecard opens when the interview starts."))
    if any(not 1 <= value <= 5 for value in ratings.values()):
        raise ValidationError(_("Rate each competency from 1 to 5."))
    scorecard = Scorecard(
        interview=interview,
        panelist=panelist,
        ratings=ratings,
        strengths=strengths,
        concerns=concerns,
        recommendation=recommendation,
    )
    scorecard.full_clean()
    scorecard.save()
    return scorecard


@transaction.atomic
def release_defer(*, release: Release, by: User) -> Release:
    """The waitlist: the start cohort is full, so with the candidate's agreement they start
    with the next cohort of the track that has a seat."""
    release = _locked(release.pk)
    if release.status != Release.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted candidate can be moved to a later cohort."))
    current = release.start_cohort
    later = cohort_next_with_seats(track=current.track, after=current.start_date)
    if later is None:
        raise ValidationError(_("No later cohort of this track has a seat; plan more cohorts."))
    release.deferred_to = later
    release.save(update_fields=["deferred_to"])
    StatusEvent.objects.create(
        application=release.application,
        from_step=release.application.step,
        to_step=release.application.step,
        by=by,
        reason=f"{current} is full; with the candidate's agreement they start with {later}.",
    )
    return release
