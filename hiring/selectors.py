from __future__ import annotations

from collections import Counter
from datetime import timedelta
from statistics import mean

from django.db.models import Avg, Count, F, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from accounts.roles import STAFF_ROLES
from applicants.models import Application, Screening
from applicants.selectors import application_eligibility_flags, application_test_levels
from hiring.models import (
    STANDARD_ONBOARDING,
    Interview,
    Offer,
    Release,
    Requisition,
    Scorecard,
)
from programs.models import Program, Track

HIRED = [Release.Status.ACCEPTED, Release.Status.ENROLLED]


def requisition_list(*, viewer: User, status: str = "") -> QuerySet[Requisition]:
    requisitions = (
        Requisition.objects.visible_to(viewer)
        .select_related("department", "track", "cohort")
        .annotate(
            released=Count("releases"),
            offers_outstanding=Count("releases", filter=Q(releases__status=Release.Status.OFFERED)),
            accepted=Count("releases", filter=Q(releases__status__in=HIRED)),
            declined=Count("releases", filter=Q(releases__status=Release.Status.DECLINED)),
        )
        .order_by("status", "-opened_at", "-pk")
    )
    if status in Requisition.Status.values:
        requisitions = requisitions.filter(status=status)
    return requisitions


def hiring_summary(*, viewer: User) -> dict:
    """The numbers above the requisition list: what is open, waiting and how fast we fill."""
    return _summary(Requisition.objects.visible_to(viewer), Release.objects.visible_to(viewer))


def program_hiring_summary() -> dict:
    """The same numbers over every requisition, for the staff home page."""
    return _summary(Requisition.objects.all(), Release.objects.all())


def _summary(requisitions: QuerySet[Requisition], releases: QuerySet[Release]) -> dict:
    open_ = Q(status=Requisition.Status.OPEN)
    counts = requisitions.aggregate(
        open=Count("pk", filter=open_),
        positions=Sum("positions", filter=open_),
        pending_approval=Count("pk", filter=Q(status=Requisition.Status.PENDING)),
        time_to_fill=Avg(
            F("filled_at") - F("opened_at"),
            filter=Q(filled_at__gte=timezone.now() - timedelta(days=365)),
        ),
    )
    counts |= releases.aggregate(
        hired_in_open=Count(
            "pk", filter=Q(requisition__status=Requisition.Status.OPEN, status__in=HIRED)
        ),
        offers_outstanding=Count("pk", filter=Q(status=Release.Status.OFFERED)),
        onboarding=Count("pk", filter=Q(status=Release.Status.ACCEPTED)),
        declined_90_days=Count(
            "pk",
            filter=Q(
                offer__answer=Offer.Answer.DECLINED,
                offer__answered_on__gte=timezone.localdate() - timedelta(days=90),
            ),
        ),
    )
    fill = counts.pop("time_to_fill")
    counts["positions_open"] = (counts.pop("positions") or 0) - counts.pop("hired_in_open")
    counts["average_days_to_fill"] = round(fill.total_seconds() / 86400) if fill else None
    return counts


def _cleared_count() -> Count:
    # Counted in the list query: the applicants' one-candidate check costs a query each.
    return Count(
        "application__screenings",
        filter=Q(application__screenings__status=Screening.Status.CLEARED),
        distinct=True,
    )


def _interview_summary(release: Release, viewer: User) -> dict:
    """Scorecards of the candidate's interviews for the comparison, hidden while the viewer
    sits on one of their panels without having submitted their own."""
    cards: list[Scorecard] = []
    owed = False
    for interview in release.interviews.all():
        submitted = list(interview.scorecards.all())
        cards += submitted
        on_panel = any(member.pk == viewer.pk for member in interview.panel.all())
        if on_panel and not any(card.panelist_id == viewer.pk for card in submitted):
            owed = True
    ratings = [value for card in cards for value in card.ratings.values()]
    return {
        "interviews": len(release.interviews.all()),
        "scorecards": len(cards),
        "hidden": owed,
        "average": round(mean(ratings), 1) if ratings and not owed else None,
        "recommendations": []
        if owed
        else Counter(card.get_recommendation_display() for card in cards).most_common(),
    }


def candidate_cards(*, releases: QuerySet[Release], viewer: User) -> list[Release]:
    """Released candidates with what a hiring manager needs, side by side: contact,
    experience, test levels, eligibility flags, 'cleared' (never details, EEO or date of
    birth) and how their interviews went."""
    releases = list(
        releases.select_related("application__person", "application__track", "offer")
        .annotate(cleared_screenings=_cleared_count())
        .prefetch_related(
            "application__tests",
            "application__experience",
            Prefetch(
                "interviews",
                queryset=Interview.objects.prefetch_related("panel", "scorecards"),
            ),
        )
        .order_by("released_at", "pk")
    )
    for release in releases:
        application = release.application
        release.levels = application_test_levels(application)
        release.cleared = release.cleared_screenings == len(Screening.Kind.values)
        release.flags = application_eligibility_flags(application)
        release.interview_summary = _interview_summary(release, viewer)
    return releases


def releasable(*, requisition: Requisition) -> QuerySet[Application]:
    return (
        Application.objects.filter(step=Application.Step.READY_FOR_HIRE, track=requisition.track)
        .exclude(releases__requisition=requisition)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
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


def offer_list(*, viewer: User, answer: str) -> QuerySet[Offer]:
    """Offers of the viewer's requisitions with one answer; the oldest wait comes first."""
    offers = Offer.objects.filter(
        release__in=Release.objects.visible_to(viewer), answer=answer
    ).select_related(
        "release__application__person",
        "release__requisition__department",
        "release__requisition__cohort",
        "release__requisition__track",
        "made_by",
    )
    if answer == Offer.Answer.PENDING:
        return offers.order_by("made_on", "pk")
    return offers.order_by("-answered_on", "-pk")


def onboarding_list(*, viewer: User) -> QuerySet[Release]:
    """Accepted candidates still onboarding, the soonest item due first."""
    return (
        Release.objects.visible_to(viewer)
        .filter(status=Release.Status.ACCEPTED)
        .select_related(
            "application__person",
            "requisition__department",
            "requisition__cohort",
            "requisition__track",
            "deferred_to",
        )
        .annotate(
            items=Count("onboarding"),
            items_done=Count("onboarding", filter=Q(onboarding__done_at__isnull=False)),
            next_due=Min("onboarding__due_on", filter=Q(onboarding__done_at__isnull=True)),
        )
        .order_by(F("next_due").asc(nulls_first=True), "pk")
    )


def onboarding_checklist(*, program: Program) -> list[tuple[str, str, int]]:
    """(item, owner, days due) of the program's checklist, or the standard one if it has
    not set its own."""
    tasks = [
        (task.title, task.owner, task.due_days)
        for task in program.onboarding_tasks.filter(is_active=True)
    ]
    return tasks or list(STANDARD_ONBOARDING)


def competencies_of(track: Track) -> list[str]:
    """The competencies of the track's interview kit, in the kit's order."""
    seen: dict[str, None] = {}
    for competency in track.interview_questions.filter(is_active=True).values_list(
        "competency", flat=True
    ):
        seen.setdefault(competency, None)
    return list(seen)
