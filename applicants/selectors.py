from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from applicants.eligibility import reasons_failed
from applicants.models import (
    EXIT_STEPS,
    Application,
    DepartmentApproval,
    InfoSession,
    OutreachSource,
    Person,
    Screening,
    SessionBooking,
    StatusEvent,
    TestResult,
)
from apprenticeship.dates import parse_month
from apprenticeship.validators import is_ascii_digits
from programs.models import Program
from programs.selectors import current_program


def pipeline_board(
    *, viewer: User, month: str = "", track_id: str = "", step: str = "", query: str = ""
) -> QuerySet[Application]:
    applications = (
        Application.objects.visible_to(viewer)
        .select_related("person", "track")
        .order_by("-step_changed_at", "-pk")
    )
    intake = parse_month(month) if month else None
    if intake is not None:
        applications = applications.filter(intake_month=intake)
    if is_ascii_digits(track_id):
        applications = applications.filter(track_id=int(track_id))
    if step in Application.Step.values:
        applications = applications.filter(step=step)
    if query:
        applications = applications.filter(
            Q(person__first_name__icontains=query)
            | Q(person__last_name__icontains=query)
            | Q(person__email__icontains=query)
        )
    return applications


def waiting_for_tests(*, viewer: User, query: str = "") -> QuerySet[Application]:
    """Applicants at the applied or testing step, by last name, optionally searched by name or
    email: the testing day's sheet, fifty at a time."""
    applications = (
        Application.objects.visible_to(viewer)
        .filter(step__in=[Application.Step.APPLIED, Application.Step.TESTING])
        .select_related("person", "track")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    if query:
        applications = applications.filter(
            Q(person__first_name__icontains=query)
            | Q(person__last_name__icontains=query)
            | Q(person__email__icontains=query)
        )
    return applications


def application_timeline(*, application: Application) -> QuerySet[StatusEvent]:
    return application.events.select_related("by").order_by("at", "pk")


def application_duplicates(*, application: Application) -> QuerySet[Application]:
    """Other applications by the same person: same email, or same name and date of birth."""
    person = application.person
    same = Q(person__email__iexact=person.email)
    if person.date_of_birth:
        same |= Q(
            person__first_name__iexact=person.first_name,
            person__last_name__iexact=person.last_name,
            person__date_of_birth=person.date_of_birth,
        )
    return (
        Application.objects.filter(same)
        .exclude(pk=application.pk)
        .select_related("person", "track")
    )


# For the hiring app's candidate card: levels and flags, never screening details.


def application_screening_cleared(application: Application) -> bool:
    statuses = dict(application.screenings.values_list("kind", "status"))
    return all(statuses.get(k) == Screening.Status.CLEARED for k in Screening.Kind.values)


def application_test_levels(application: Application) -> dict:
    tests = {t.kind: t.value for t in application.tests.all()}
    return {
        "entrance_exam": tests.get(TestResult.Kind.ENTRANCE_EXAM),
        "typing_wpm": tests.get(TestResult.Kind.TYPING_WPM),
        "workkeys": {
            "applied_math": tests.get(TestResult.Kind.APPLIED_MATH),
            "graphic_literacy": tests.get(TestResult.Kind.GRAPHIC_LITERACY),
            "workplace_documents": tests.get(TestResult.Kind.WORKPLACE_DOCUMENTS),
        },
    }


def application_eligibility_flags(application: Application) -> list[str]:
    """Rules not met (gates overridden by staff, or preferences such as WorkKeys)."""
    return reasons_failed(application.eligibility, gates_only=False)


def sessions_with_counts() -> QuerySet[InfoSession]:
    return InfoSession.objects.annotate(
        booked=Count("bookings", filter=~Q(bookings__status=SessionBooking.Status.CANCELLED)),
        attended=Count("bookings", filter=Q(bookings__status=SessionBooking.Status.ATTENDED)),
    ).order_by("-starts_at")


def upcoming_sessions() -> QuerySet[InfoSession]:
    return sessions_with_counts().filter(starts_at__gt=timezone.now()).order_by("starts_at")


def pipeline_step_counts(*, applications: QuerySet[Application]) -> list[tuple[str, str, int]]:
    """(step, label, count) for every step, in pipeline order, in one query."""
    counts = dict(
        applications.order_by().values_list("step").annotate(n=Count("pk")).values_list("step", "n")
    )
    return [(step.value, step.label, counts.get(step.value, 0)) for step in Application.Step]


# --- private links: each works for a purpose and a time, then answers 404 -----------------

CLOSED_STEPS = {*EXIT_STEPS, Application.Step.ENROLLED}


def application_for_link(token: str, *, change: bool) -> Application:
    """The application behind an applicant's private link, while the link still works.

    Open applications: for PRIVATE_LINK_DAYS after their last step change (each step renews
    it). Closed ones (left the pipeline or enrolled): the status page stays readable for
    CLOSED_LINK_DAYS, and nothing can be changed through the link any more."""
    application = get_object_or_404(
        Application.objects.select_related("person", "track"), token=token
    )
    closed = application.step in CLOSED_STEPS
    days = settings.CLOSED_LINK_DAYS if closed else settings.PRIVATE_LINK_DAYS
    if application.step_changed_at < timezone.now() - timedelta(days=days):
        raise Http404("This private link has expired.")
    if change and closed:
        raise Http404("This application is closed.")
    return application


def approval_for_link(token: str) -> DepartmentApproval:
    """A manager's approval link: for APPROVAL_LINK_DAYS after it was sent, and only while
    the application is open."""
    approval = get_object_or_404(
        DepartmentApproval.objects.select_related("application__person", "application__track"),
        token=token,
        created_at__gte=timezone.now() - timedelta(days=settings.APPROVAL_LINK_DAYS),
    )
    if approval.application.step in CLOSED_STEPS:
        raise Http404("This application is closed.")
    return approval


def booking_for_link(token: str) -> SessionBooking:
    """A seat's cancel link works until the session starts."""
    return get_object_or_404(
        SessionBooking.objects.select_related("session"),
        token=token,
        session__starts_at__gt=timezone.now(),
    )


def program_of(person: Person) -> Program:
    """The program of a person's latest application (else the installation's program)."""
    latest = (
        Application.objects.filter(person=person)
        .select_related("track__program")
        .order_by("-created_at", "-pk")
        .first()
    )
    return latest.track.program if latest else current_program()


def outreach_sources(*, program: Program) -> QuerySet[OutreachSource]:
    """The outreach record (29 CFR 30.8) with whom each source brought, counted by the
    database: applications that named it, those sent in, and those hired."""
    return (
        OutreachSource.objects.filter(program=program)
        .annotate(
            applications_count=Count("applications"),
            submitted_count=Count(
                "applications", filter=Q(applications__submitted_at__isnull=False)
            ),
            hired_count=Count("applications", filter=Q(applications__apprentice__isnull=False)),
        )
        .order_by(F("held_on").desc(nulls_last=True), "name", "pk")
    )
