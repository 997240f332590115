"""The notification centre (bell, list, follow, mark read), email preferences, unsubscribing
without signing in, and the staff pages: what was sent, queued, next, failed; the rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import STAFF, Role
from apprenticeship.requests import posted_ids
from notifications.models import OutboundEmail
from notifications.services import MAX_ATTEMPTS
from reminders import services
from reminders.forms import PreferenceForm, RuleSettingsForm
from reminders.models import Mute, Preference, Reminder
from reminders.rules import CATALOGUE, RULES

INBOX_SHOWN = 100


def _open_for(request: HttpRequest):
    """The person's open reminders, with what was done meanwhile cleared first."""
    mine = Reminder.objects.filter(user=request.user)
    services.clear_done(now=timezone.now(), reminders=mine)
    return mine.filter(done_at__isnull=True)


@login_required
def bell(request: HttpRequest) -> HttpResponse:
    """The navigation's bell (HTMX, no page reload): unread open reminders."""
    unread = _open_for(request).filter(read_at__isnull=True).count()
    return render(request, "reminders/_bell.html", {"unread": unread})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    open_items = _open_for(request)
    items = list(open_items.order_by("-created_at", "-pk")[:INBOX_SHOWN])
    total = open_items.count() if len(items) == INBOX_SHOWN else len(items)
    return render(request, "reminders/inbox.html", {"items": items, "total": total})


@require_POST
@login_required
def read(request: HttpRequest) -> HttpResponse:
    ids = posted_ids(request, "reminder") or None
    services.mark_read(user=request.user, reminder_ids=ids)
    return redirect("reminders:inbox")


@login_required
def follow(request: HttpRequest, reminder_id: int) -> HttpResponse:
    """Open the thing to do (and mark the reminder read)."""
    reminder = get_object_or_404(Reminder, pk=reminder_id, user=request.user)
    services.mark_read(user=request.user, reminder_ids=[reminder.pk])
    if reminder.url and url_has_allowed_host_and_scheme(reminder.url, allowed_hosts=None):
        return redirect(reminder.url)
    return redirect("reminders:inbox")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    preference = Preference.objects.filter(user=request.user).first()
    optional = [rule for rule in CATALOGUE if rule.optional]
    muted = set(
        Mute.objects.filter(email__iexact=request.user.email).values_list("rule", flat=True)
    )
    form = PreferenceForm(request.POST or None, instance=preference, muted=muted, rules=optional)
    if request.method == "POST" and form.is_valid():
        services.preference_save(
            user=request.user, data=form.cleaned_data, emails_for=form.emails_for()
        )
        messages.success(request, _("Reminder preferences saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from the email, without signing in; the link names the person and the
    reminder and cannot be changed to another's."""
    found = services.unsubscribe_read(token)
    if found is None:
        raise Http404
    email, code = found
    if request.method == "POST":
        services.unsubscribe(email=email, rule=code)
        return redirect("reminders:unsubscribe", token=token)
    done = Mute.objects.filter(email__iexact=email, rule=code).exists()
    return render(
        request,
        "reminders/unsubscribe.html",
        {"rule": RULES[code], "done": done, "masked": _mask(email)},
    )


def _mask(email: str) -> str:
    name, _at, domain = email.partition("@")
    return f"{name[:1]}…@{domain}"


@role_required(*STAFF)
def activity(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    sent = list(
        Reminder.objects.exclude(emailed="").order_by(F("emailed_at").desc(nulls_last=True))[:100]
    )
    queued = list(services.sendable(now=now)[:100])
    for reminder in (*sent, *queued):
        rule = RULES.get(reminder.rule)
        reminder.rule_label = rule.label if rule else reminder.rule
    failed = OutboundEmail.objects.filter(sent_at=None, attempts__gte=MAX_ATTEMPTS).order_by(
        "-created_at"
    )[:100]
    upcoming = services.preview(now=now)
    return render(
        request,
        "reminders/activity.html",
        {
            "sent": sent,
            "queued": queued,
            "failed": failed,
            "upcoming": upcoming[:100],
            "upcoming_count": len(upcoming),
            "rules": RULES,
        },
    )


@require_POST
@role_required(*STAFF)
def resend(request: HttpRequest, email_id: int) -> HttpResponse:
    email = get_object_or_404(OutboundEmail, pk=email_id)
    if email.sent_at is not None:
        messages.info(request, _("That email has gone already."))
    elif services.email_resend(email_id=email.pk):
        messages.success(request, _("Sent again."))
    else:
        messages.error(request, _("The mail server refused it again; it stays on the list."))
    return redirect("reminders:activity")


@role_required(*STAFF)
def rule_settings(request: HttpRequest) -> HttpResponse:
    form = RuleSettingsForm(request.POST or None, current=services.rule_settings())
    can_edit = Role.PROGRAM_ADMIN in request.user.roles
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            for code, enabled, days, escalate in form.settings():
                services.rule_setting_save(
                    code=code, enabled=enabled, days=days, escalate_days=escalate
                )
            messages.success(request, _("Reminder rules saved."))
            return redirect("reminders:settings")
    return render(request, "reminders/settings.html", {"form": form, "can_edit": can_edit})
