from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from accounts.roles import STAFF_ROLES
from applicants.models import Application
from applicants.selectors import application_eligibility_flags, application_screening_cleared
from hiring.models import Interview, Release, Requisition, Scorecard


def requisition_list(*, viewer: User) -> QuerySet[Requisition]:
    return (
        Requisition.objects.visible_to(viewer)
        .select_related("department", "track", "cohort")
        .annotate(
            released=Count("releases"),
            offers_outstanding=Count("releases", filter=Q(releases__status=Release.Status.OFFERED)),
            accepted=Count(
                "releases",
                filter=Q(releases__status__in=[Release.Status.ACCEPTED, Release.Status.ENROLLED]),
            ),
            declined=Count("releases", filter=Q(releases__status=Release.Status.DECLINED)),
        )
        .order_by("status", "-opened_at")
    )


def candidate_cards(*, releases: QuerySet[Release]) -> list[Release]:
    """Released candidates with what a hiring manager needs, side by side: contact,
    experience, test levels, eligibility flags and 'cleared' (never details, EEO or DOB)."""
    releases = list(
        releases.select_related("application__person", "application__track")
        .prefetch_related(
            "application__tests", "application__screenings", "application__experience"
        )
        .order_by("released_at")
    )
    for release in releases:
        application = release.application
        release.tests = {t.kind: t.value for t in application.tests.all()}
        release.cleared = application_screening_cleared(application)
        release.flags = application_eligibility_flags(application)
    return releases


def releasable(*, requisition: Requisition) -> QuerySet[Application]:
    return (
        Application.objects.filter(step=Application.Step.READY_FOR_HIRE, track=requisition.track)
        .exclude(releases__requisition=requisition)
        .select_related("person")
        .order_by("person__last_name")
    )


def scorecards_visible(*, interview: Interview, viewer: User) -> tuple[list[Scorecard], bool]:
    """(scorecards the viewer may read, whether the viewer still owes their own).

    A panel member sees the others' scorecards only after submitting their own, so no one is
    swayed; staff outside the panel read them all."""
    cards = list(interview.scorecards.select_related("panelist"))
    on_panel = any(member.pk == viewer.pk for member in interview.panel.all())
    own_done = any(card.panelist_id == viewer.pk for card in cards)
    if on_panel and not own_done:
        return [], True
    return cards, False


def panel_candidates(*, release: Release) -> QuerySet[User]:
    """Who may sit on a panel: the department's hiring managers and program staff."""
    department = release.requisition.department
    return (
        User.objects.filter(is_active=True)
        .filter(Q(managed_departments=department) | Q(groups__name__in=sorted(STAFF_ROLES)))
        .distinct()
        .order_by("full_name")
    )
