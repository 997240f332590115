"""The sweep (rules → reminder rows → sends), sending one reminder after checking it is still
due, daily digests with escalations for program staff, quiet hours, unsubscribing, and
clearing what was done."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import STAFF_ROLES
from notifications.models import OutboundEmail
from notifications.services import email_enqueue_template, outbound_email_send
from reminders.models import Mute, Preference, Reminder, RuleSetting
from reminders.rules import CATALOGUE, RULES, STAFF_RULES, Due, Rule
from reminders.tasks import send_reminder

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "reminders.unsubscribe"


@dataclass(frozen=True)
class Setting:
    enabled: bool
    days: int
    escalate_days: int | None


def rule_settings() -> dict[str, Setting]:
    """Each rule's setting: the admin's choice, or the catalogue's default."""
    saved = {s.code: s for s in RuleSetting.objects.all()}
    return {
        rule.code: Setting(
            saved[rule.code].enabled, saved[rule.code].days, saved[rule.code].escalate_days
        )
        if rule.code in saved
        else Setting(True, rule.days, rule.escalate_days)
        for rule in CATALOGUE
    }


def rule_setting_save(*, code: str, enabled: bool, days: int, escalate_days: int | None) -> None:
    RuleSetting.objects.update_or_create(
        code=code, defaults={"enabled": enabled, "days": days, "escalate_days": escalate_days}
    )


def reminder_key(rule: str, due: Due) -> str:
    recipient = f"u{due.user_id}" if due.user_id else due.email.lower()
    return f"{rule}:{recipient}:{due.object_id}:{due.period}"[:255]


def due_now(*, now: datetime | None = None) -> list[tuple[Rule, Due]]:
    """What every enabled rule finds due: a constant number of queries per rule."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    settings_now = rule_settings()
    found = []
    for rule in CATALOGUE:
        setting = settings_now[rule.code]
        if setting.enabled:
            found.extend((rule, due) for due in rule.find(now=now, today=today, days=setting.days))
    return found


def preview(*, now: datetime | None = None) -> list[tuple[Rule, Due]]:
    """What the next sweep would add: due items that have no reminder yet."""
    found = due_now(now=now)
    existing = set(
        Reminder.objects.filter(key__in=[reminder_key(r.code, d) for r, d in found]).values_list(
            "key", flat=True
        )
    )
    return [(r, d) for r, d in found if reminder_key(r.code, d) not in existing]


def sweep(*, now: datetime | None = None) -> int:
    """Evaluate every rule, write the new reminders (a unique key each: a second sweep adds
    nothing), clear the ones done meanwhile, and queue the emails to send now."""
    now = now or timezone.now()
    found = due_now(now=now)
    rows = [
        Reminder(
            key=reminder_key(rule.code, due),
            rule=rule.code,
            object_id=due.object_id,
            period=due.period,
            user_id=due.user_id,
            email=due.email,
            language=due.language or "en",
            title=due.title[:250],
            url=due.url,
        )
        for rule, due in found
    ]
    with transaction.atomic():
        existing = set(
            Reminder.objects.filter(key__in=[r.key for r in rows]).values_list("key", flat=True)
        )
        new = [r for r in rows if r.key not in existing]
        Reminder.objects.bulk_create(new, ignore_conflicts=True)
        clear_done(now=now)
        to_send = list(sendable(now=now).values_list("pk", flat=True))
        for pk in to_send:
            transaction.on_commit(lambda pk=pk: send_reminder.delay(pk), robust=True)
    return len(new)


def clear_done(*, now: datetime, reminders=None) -> int:
    """Open reminders whose thing was done are marked done: one query per rule."""
    reminders = reminders if reminders is not None else Reminder.objects.all()
    by_rule: dict[str, set[int]] = defaultdict(set)
    for rule, object_id in reminders.filter(done_at__isnull=True).values_list("rule", "object_id"):
        by_rule[rule].add(object_id)
    cleared = 0
    for code, ids in by_rule.items():
        rule = RULES.get(code)
        if rule is None:
            continue
        gone = ids - rule.still_due(ids, now=now)
        if gone:
            cleared += reminders.filter(rule=code, object_id__in=gone, done_at__isnull=True).update(
                done_at=now
            )
    return cleared


def _digest_users() -> Q:
    return Q(user__reminder_preference__mode=Preference.Mode.DIGEST)


def sendable(*, now: datetime):
    """Reminders to email one by one now: open, not emailed, not for a digest reader."""
    return (
        Reminder.objects.filter(done_at__isnull=True, emailed="")
        .exclude(_digest_users())
        .order_by("pk")
    )


def in_quiet_hours(preference: Preference | None, now: datetime) -> bool:
    if preference is None or preference.quiet_from is None or preference.quiet_until is None:
        return False
    at = timezone.localtime(now).time()
    start, end = preference.quiet_from, preference.quiet_until
    return start <= at < end if start < end else at >= start or at < end


def _muted(email: str, rule: str) -> bool:
    return RULES[rule].optional and Mute.objects.filter(email__iexact=email, rule=rule).exists()


# An unsubscribe link works for 90 days; its token is encrypted (Fernet, keyed from
# SECRET_KEY), so it does not show the address it is for, and it carries its own timestamp.
UNSUBSCRIBE_VALID = timedelta(days=90)


def _unsubscribe_cipher() -> MultiFernet:
    """Encrypts with SECRET_KEY; reads links made with it or a SECRET_KEY_FALLBACKS key (a
    rotated key does not break the links already emailed)."""
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    hashlib.sha256(f"{UNSUBSCRIBE_SALT}:{secret}".encode()).digest()
                )
            )
            for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        ]
    )


def unsubscribe_token(*, email: str, rule: str) -> str:
    payload = json.dumps({"e": email.lower(), "r": rule}).encode()
    return _unsubscribe_cipher().encrypt(payload).decode().rstrip("=")


def unsubscribe_read(token: str) -> tuple[str, str] | None:
    """(email, rule) of a genuine unsubscribe link less than 90 days old, or None for a forged,
    altered or expired one. Links of the older signed kind are read until they are as old."""
    ttl = int(UNSUBSCRIBE_VALID.total_seconds())
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(_unsubscribe_cipher().decrypt(padded.encode(), ttl=ttl))
    except (InvalidToken, ValueError, UnicodeError):
        try:
            data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_VALID)
        except signing.BadSignature:
            return None
    rule = data.get("r") if isinstance(data, dict) else None
    email = data.get("e") if isinstance(data, dict) else None
    if rule not in RULES or not RULES[rule].optional or not isinstance(email, str):
        return None
    return email, rule


def unsubscribe(*, email: str, rule: str) -> Mute:
    mute, _created = Mute.objects.get_or_create(email=email.lower(), rule=rule)
    return mute


def resubscribe(*, email: str, rule: str) -> None:
    Mute.objects.filter(email__iexact=email, rule=rule).delete()


def _context(reminders: list[Reminder]) -> list[dict]:
    items = []
    for r in reminders:
        rule = RULES[r.rule]
        link = rule.email_link(r.object_id) if rule.secret_link else settings.SITE_URL + r.url
        unsubscribe_url = (
            settings.SITE_URL
            + f"/reminders/unsubscribe/{unsubscribe_token(email=r.email, rule=r.rule)}/"
            if rule.optional
            else ""
        )
        items.append({"title": r.title, "link": link, "unsubscribe": unsubscribe_url})
    return items


def reminder_send(*, reminder_id: int, now: datetime | None = None) -> str:
    """Email one reminder if it is still due, right now. Returns what happened. Safe to run
    twice: the row is locked and marked, the outbox key is unique."""
    now = now or timezone.now()
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(pk=reminder_id, emailed="", done_at__isnull=True)
            .first()
        )
        if reminder is None:
            return "gone"
        rule = RULES.get(reminder.rule)
        if rule is None or reminder.object_id not in rule.still_due([reminder.object_id], now=now):
            reminder.done_at, reminder.emailed = now, Reminder.Email.DONE
            reminder.save(update_fields=["done_at", "emailed"])
            return "done"
        preference = Preference.objects.filter(user_id=reminder.user_id).first()
        if preference and preference.mode == Preference.Mode.DIGEST:
            return "digest"
        if in_quiet_hours(preference, now):
            return "quiet"  # the next sweep after the quiet hours sends it
        if _muted(reminder.email, reminder.rule):
            reminder.emailed, reminder.emailed_at = Reminder.Email.MUTED, now
            reminder.save(update_fields=["emailed", "emailed_at"])
            return "muted"
        (item,) = _context([reminder])
        email = email_enqueue_template(
            key=f"reminder:{reminder.key}",
            to=reminder.email,
            template="reminders/email/reminder",
            context={"item": item, "site_url": settings.SITE_URL},
            language=reminder.language,
        )
        reminder.emailed, reminder.emailed_at = Reminder.Email.SENT, now
        reminder.save(update_fields=["emailed", "emailed_at"])
    # The outbox sends it once this commits (and retries SMTP failures with backoff).
    return "sent" if email else "failed"


def escalations(*, now: datetime) -> list[Reminder]:
    """Others' reminders overdue past their rule's second threshold, for staff digests: one
    per thing (not per recipient)."""
    settings_now = rule_settings()
    condition = Q(pk__in=[])
    for code, setting in settings_now.items():
        if setting.enabled and setting.escalate_days and code not in STAFF_RULES:
            condition |= Q(rule=code, created_at__lte=now - timedelta(days=setting.escalate_days))
    rows = (
        Reminder.objects.filter(condition, done_at__isnull=True)
        .order_by("rule", "object_id", "period", "pk")
        .distinct("rule", "object_id", "period")
    )
    return list(rows)


def digest_send(*, user: User, now: datetime | None = None) -> bool:
    """One email listing everything due for the person (and, for program staff, what others
    let run past the escalation threshold). Sent once a day; items done meanwhile are left
    out. False when there is nothing to say."""
    now = now or timezone.now()
    clear_done(now=now, reminders=Reminder.objects.filter(user=user))
    muted = set(Mute.objects.filter(email__iexact=user.email).values_list("rule", flat=True))
    mine = [
        r
        for r in Reminder.objects.filter(user=user, done_at__isnull=True).exclude(
            emailed__in=[Reminder.Email.SENT, Reminder.Email.MUTED, Reminder.Email.DIGEST]
        )
        if not (r.rule in muted and RULES[r.rule].optional)
    ]
    escalated = escalations(now=now) if user.is_program_staff else []
    if escalated:
        clear_done(now=now, reminders=Reminder.objects.filter(pk__in=[r.pk for r in escalated]))
        escalated = list(
            Reminder.objects.filter(pk__in=[r.pk for r in escalated], done_at__isnull=True)
        )
    if not mine and not escalated:
        return False
    day = timezone.localdate(now).isoformat()
    if OutboundEmail.objects.filter(key=f"digest:{user.pk}:{day}").exists():
        return False  # one digest a day; what came since waits for tomorrow's
    with translation.override(user.preferred_language):
        email = email_enqueue_template(
            key=f"digest:{user.pk}:{day}",
            to=user.email,
            template="reminders/email/digest",
            context={
                "user": user,
                "count": len(mine) + len(escalated),
                "items": _context(mine),
                "escalated": [
                    {"title": r.title, "link": settings.SITE_URL + r.url if r.url else ""}
                    for r in escalated
                ],
                "site_url": settings.SITE_URL,
            },
            language=user.preferred_language,
        )
    Reminder.objects.filter(pk__in=[r.pk for r in mine]).update(
        emailed=Reminder.Email.DIGEST, emailed_at=now
    )
    return email is not None


def digest_recipients(*, now: datetime) -> list[int]:
    """Users whose digest hour is now: digest readers with something open, and program staff
    when something is escalated."""
    hour = timezone.localtime(now).hour
    readers = set(
        Preference.objects.filter(mode=Preference.Mode.DIGEST, digest_hour=hour).values_list(
            "user_id", flat=True
        )
    )
    if escalations(now=now):
        staff_hours = dict(Preference.objects.values_list("user_id", "digest_hour"))
        for pk in (
            User.objects.filter(is_active=True, groups__name__in=STAFF_ROLES)
            .distinct()
            .values_list("pk", flat=True)
        ):
            if staff_hours.get(pk, 7) == hour:
                readers.add(pk)
    return sorted(readers)


def mark_read(*, user: User, reminder_ids: list[int] | None = None) -> int:
    rows = Reminder.objects.filter(user=user, read_at__isnull=True)
    if reminder_ids is not None:
        rows = rows.filter(pk__in=reminder_ids)
    return rows.update(read_at=timezone.now())


def email_resend(*, email_id: int) -> bool:
    """A send that failed after its last try, sent again on staff's request."""
    OutboundEmail.objects.filter(pk=email_id, sent_at=None).update(attempts=0, last_error="")
    return outbound_email_send(email_id=email_id)


def preference_save(*, user: User, data: dict, emails_for: dict[str, bool]) -> Preference:
    preference, _created = Preference.objects.get_or_create(user=user)
    for field in ("mode", "digest_hour", "quiet_from", "quiet_until"):
        setattr(preference, field, data[field])
    preference.full_clean()
    preference.save()
    for rule, wanted in emails_for.items():
        if wanted:
            resubscribe(email=user.email, rule=rule)
        else:
            unsubscribe(email=user.email, rule=rule)
    return preference
