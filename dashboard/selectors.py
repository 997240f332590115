"""What each role's home page counts. The dashboard sits on top and reads every app."""

from datetime import date

from django.contrib.auth.models import Group
from django.db.models import Count, Q

from accounts.models import User
from accounts.roles import Role
from applicants.models import DisabilityInvitation
from classroom.selectors import at_risk_summary, sessions_for_instructor
from cohorts.models import Apprentice, Cohort
from hiring.selectors import program_hiring_summary
from programs.models import Department, Track
from wages.models import Agreement


def staff_summary() -> dict:
    people = dict(
        Group.objects.filter(name__in=Role.values)
        .annotate(n=Count("user", filter=Q(user__is_active=True)))
        .values_list("name", "n")
    )
    return {
        "tracks": Track.objects.aggregate(
            active=Count("id", filter=Q(is_active=True)), total=Count("id")
        ),
        "departments": Department.objects.aggregate(
            active=Count("id", filter=Q(is_active=True)), total=Count("id")
        ),
        "people_by_role": [(Role(role).label, people.get(role, 0)) for role in Role.values],
        "invitations_pending": User.objects.filter(
            is_active=True, invited_at__isnull=False, last_login__isnull=True
        ).count(),
        "hiring": program_hiring_summary(),
    }


def departments_of(user: User) -> dict:
    """The departments a manager, preceptor or approver works with, by how they are tied."""
    return {
        "managed": Department.objects.filter(hiring_managers=user).order_by("name"),
        "precepted": Department.objects.filter(preceptors=user).order_by("name"),
        "approved": Department.objects.filter(approvers=user).order_by("name"),
    }


def classroom_summary(*, today: date) -> dict:
    """Cohorts and classroom pace for the staff home page."""
    at_risk, at_risk_count = at_risk_summary(today=today)
    return {
        "apprentices": Apprentice.objects.current().count(),
        "upcoming_cohorts": Cohort.objects.filter(start_date__gt=today).count(),
        "at_risk": at_risk,
        "at_risk_count": at_risk_count,
    }


def instructor_today(*, user: User, today: date):
    return sessions_for_instructor(user=user, on=today)


def agreement_waiting(*, user: User) -> Agreement | None:
    """The apprenticeship agreement (or amendment) waiting for this apprentice's signature:
    their first step on their home page (registration waits for it, 29 CFR 29.7)."""
    return (
        Agreement.objects.filter(
            apprentice__in=Apprentice.objects.current().filter(person__user=user),
            apprentice_signed_at__isnull=True,
        )
        .order_by("-created_at")
        .first()
    )


def disability_invitation_waiting(*, user: User) -> DisabilityInvitation | None:
    """An invitation to self-identify a disability (29 CFR 30.11(c)) this apprentice has not
    answered: a voluntary prompt on their home page."""
    return (
        DisabilityInvitation.objects.filter(person__user=user, answered_at__isnull=True)
        .order_by("-sent_at")
        .first()
    )


def program_of_apprentice(*, user: User):
    """The program of the signed-in apprentice (for the equal opportunity notice)."""
    apprentice = (
        Apprentice.objects.current()
        .filter(person__user=user)
        .select_related("cohort__track__program")
        .first()
    )
    return apprentice.cohort.track.program if apprentice else None
