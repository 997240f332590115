"""Info sessions: booking a seat, cancelling, the roster, invitations, the presentation."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from applicants.ics import calendar_invite
from applicants.models import (
    Application,
    InfoSession,
    SessionBooking,
    TrackPresentation,
)
from applicants.services.core import (
    Step,
    application_move,
)
from applicants.uploads import sniff
from notifications.services import Attachment, email_enqueue_template
from programs.models import Track


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
