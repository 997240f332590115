"""Protection for the public forms: a honeypot field and a rate limit per address and email."""

from __future__ import annotations

import ipaddress
import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

WINDOW_SECONDS = 60 * 60
logger = logging.getLogger(__name__)


class HoneypotMixin(forms.Form):
    """A field people never see or fill; a bot that fills it is refused without a hint why."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


def _count(key: str) -> int:
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return 1


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind TRUSTED_PROXY_COUNT proxies that each append the address
    they saw to X-Forwarded-For, it is the entry that many places from the right; entries
    further left are whatever the visitor sent and are never trusted. django-ipware 8 was
    tried: its strict chain check returns no address for the usual one-proxy chain."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    hops = settings.TRUSTED_PROXY_COUNT
    if not hops:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < hops:
        return remote
    candidate = chain[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def axes_client_address(request: HttpRequest) -> str | None:
    """django-axes' lockouts by the same address as the rate limits (None when a request has
    no address at all, as axes expects)."""
    if not request.META.get("REMOTE_ADDR"):
        return None
    return client_address(request)


def _under_limit(key: str, limit: int, form_name: str) -> bool:
    try:
        return _count(key) <= limit
    except Exception:  # the cache (Redis) is down: take the form, unlimited for now
        logger.warning("Rate limit of the %s form skipped: the cache is unreachable", form_name)
        return True


def public_form_allowed(request: HttpRequest, *, form_name: str) -> bool:
    """True while the visitor's address stays under the hourly limit for the form."""
    key = f"rate:{form_name}:ip:{client_address(request)}"
    return _under_limit(key, settings.PUBLIC_FORM_LIMIT_PER_HOUR, form_name)


def email_may_be_sent(*, form_name: str, email: str) -> bool:
    """True while a public form has emailed this address fewer times than the hourly limit.

    Past it the form still works (a stranger cannot lock someone out by typing their
    address); only the emails stop, so nobody can flood an inbox either."""
    key = f"rate:{form_name}:email:{email.lower()}"
    return _under_limit(key, settings.PUBLIC_FORM_EMAILS_PER_HOUR, form_name)
