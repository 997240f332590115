import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from accounts import two_factor

REFRESH_EVERY = 60  # seconds between writes of the last-seen time, to spare the session store


class StaffSessionTimeoutMiddleware:
    """Program staff and admins are signed out after STAFF_IDLE_TIMEOUT_SECONDS without a
    request: their sessions can open personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_program_staff:
            now = int(time.time())
            last_seen = request.session.get("last_seen", now)
            if now - last_seen > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                logout(request)
                messages.info(request, _("You were signed out after 30 minutes without activity."))
                if request.headers.get("HX-Request"):
                    # A background poll: reload the whole page, which shows the sign-in.
                    return HttpResponse(status=204, headers={"HX-Refresh": "true"})
                return redirect_to_login(request.get_full_path())
            # The page's own background polls (the notifications bell) are not activity.
            polling = request.headers.get("HX-Request") and request.method == "GET"
            if not polling and (
                now - last_seen >= REFRESH_EVERY or "last_seen" not in request.session
            ):
                request.session["last_seen"] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """After the password, a user with an authenticator must give a code before anything else;
    a program admin without one (when required) must set it up first."""

    ALWAYS_OPEN = (
        "accounts:otp_verify",
        "accounts:two_factor",
        "accounts:logout",
        "healthz",
        "set_language",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or two_factor.session_verified(request):
            return self.get_response(request)
        needs_code = two_factor.session_has_device(request)
        if not needs_code and not two_factor.two_factor_required(user):
            return self.get_response(request)
        if _view_name(request.path_info) in (*self.ALWAYS_OPEN, None):
            return self.get_response(request)
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204)  # a background fragment: nothing to show yet
        if needs_code:
            return redirect_to_login(request.get_full_path(), reverse("accounts:otp_verify"))
        messages.info(request, _("Program admins sign in in two steps. Set it up to go on."))
        return redirect("accounts:two_factor")


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None
