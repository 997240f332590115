"""Single sign-on (start, come back, refused) and the program admin's group mapping."""

from __future__ import annotations

import logging

from authlib.common.errors import AuthlibBaseError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from joserfc.errors import JoseError
from requests import RequestException

from accounts import sso
from accounts.decorators import role_required
from accounts.roles import Role
from identity import oidc, services
from identity.forms import GroupRoleForm
from identity.models import ExternalIdentity, GroupRole

logger = logging.getLogger(__name__)
NEXT_SESSION_KEY = "sso_next"
# Everything that means "the provider's answer cannot be trusted or used": a 400 page.
_FAILED = (AuthlibBaseError, JoseError, RequestException, KeyError, ValueError, TypeError)


def _enabled() -> None:
    if not settings.SSO_ENABLED:
        raise Http404


def _refused(request, message: str, *, status: int):
    return render(request, "identity/refused.html", {"message": message}, status=status)


@never_cache
def sso_start(request):
    """Off to the provider, with a fresh state, nonce and PKCE verifier in the session."""
    _enabled()
    next_url = request.GET.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        next_url = ""
    request.session[NEXT_SESSION_KEY] = next_url
    callback = settings.SITE_URL + reverse("identity:sso_callback")
    return oidc.client().authorize_redirect(request, callback)


@never_cache
def sso_callback(request):
    _enabled()
    if not oidc.state_fresh(request.session, request.GET.get("state", "")):
        return _refused(
            request,
            _("This sign-in took too long or was started in another browser. Start again."),
            status=400,
        )
    try:
        token = oidc.client().authorize_access_token(
            request, leeway=settings.OIDC_CLOCK_SKEW_SECONDS
        )
        claims = dict(token["userinfo"])
    except _FAILED as error:
        # The kind of failure only: never the code, the token or its claims.
        logger.warning("single sign-on refused: %s", type(error).__name__)
        return _refused(
            request,
            _("Your institution's answer could not be verified, so you are not signed in."),
            status=400,
        )
    try:
        user = services.sso_sign_in(issuer=settings.OIDC_ISSUER, claims=claims)
    except services.SignInRefused as refusal:
        logger.info("single sign-on refused: %s", refusal.code)
        return _refused(request, refusal.message, status=403)
    next_url = request.session.pop(NEXT_SESSION_KEY, "")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[sso.MFA_SESSION_KEY] = services.multi_factor(claims)
    end_session = oidc.end_session_url(
        id_token=token["id_token"], after=settings.SITE_URL + reverse("accounts:login")
    )
    if end_session:
        request.session[sso.END_SESSION_KEY] = end_session
    return redirect(next_url or "dashboard:home")


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def group_roles(request):
    form = GroupRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mapping = services.group_role_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved: %(mapping)s.") % {"mapping": mapping})
            return redirect("identity:group_roles")
    return render(
        request,
        "identity/group_roles.html",
        {
            "form": form,
            "mappings": GroupRole.objects.select_related("created_by"),
            "sso_enabled": settings.SSO_ENABLED,
            "issuer": settings.OIDC_ISSUER,
            "groups_claim": settings.OIDC_GROUPS_CLAIM,
            "domains": settings.SSO_REQUIRED_DOMAINS,
            "recent": ExternalIdentity.objects.select_related("user").order_by("-last_sign_in_at")[
                :20
            ],
        },
    )


@require_POST
@role_required(Role.PROGRAM_ADMIN, hidden=True)
def group_role_remove(request, mapping_id: int):
    mapping = get_object_or_404(GroupRole, pk=mapping_id)
    services.group_role_remove(mapping=mapping)
    messages.success(
        request,
        _("Removed: %(mapping)s. People keep the role until they next sign in.")
        % {"mapping": mapping},
    )
    return redirect("identity:group_roles")
