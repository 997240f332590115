import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

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
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= REFRESH_EVERY or "last_seen" not in request.session:
                request.session["last_seen"] = now
        return self.get_response(request)
