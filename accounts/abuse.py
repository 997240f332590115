"""Protection for the public forms: a honeypot field and a rate limit per address and email."""

from __future__ import annotations

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


def public_form_allowed(request: HttpRequest, *, form_name: str, email: str = "") -> bool:
    """True while this address and this email stay under the hourly limit for the form."""
    limit = settings.PUBLIC_FORM_LIMIT_PER_HOUR
    address = request.META.get("REMOTE_ADDR", "unknown")
    keys = [f"rate:{form_name}:ip:{address}"]
    if email:
        keys.append(f"rate:{form_name}:email:{email.lower()}")
    try:
        return all(_count(key) <= limit for key in keys)
    except Exception:  # the cache (Redis) is down: take the application, unlimited for now
        logger.warning("Rate limit of the %s form skipped: the cache is unreachable", form_name)
        return True
