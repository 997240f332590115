from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import services, sso, two_factor
from accounts.abuse import email_may_be_sent, public_form_allowed
from accounts.decorators import role_required
from accounts.forms import EmailAuthenticationForm, OneTimeCodeForm, UserEditForm, UserInviteForm
from accounts.models import User
from accounts.roles import STAFF, Role
from accounts.selectors import user_list
from apprenticeship.qr import qr_svg

ADMIN = Role.PROGRAM_ADMIN


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sso_enabled=settings.SSO_ENABLED,
            sso_provider_name=settings.OIDC_PROVIDER_NAME,
            **kwargs,
        )


class LogoutView(auth_views.LogoutView):
    """Signing out ends this session and, after a single sign-on whose provider has an
    end-session endpoint, the institution's session too (RP-initiated logout)."""

    def post(self, request, *args, **kwargs):
        end_session = request.session.get(sso.END_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(end_session) if end_session else response


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        # Per visitor, as the public forms: past the hourly limit the page is refused.
        if not public_form_allowed(request, form_name="password_reset"):
            return render(request, "too_many.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # The link is built from SITE_URL, never from the request's Host header (which a
        # visitor chooses) like every other email.
        self.extra_email_context = {"site_url": settings.SITE_URL}
        # Per address: past the hourly limit the page still says "sent" (it never tells whether
        # an account exists) but no more emails go, so nobody can flood an inbox.
        # Accounts that sign in through the institution have no password here to reset.
        email = form.cleaned_data["email"]
        if sso.sso_required_for(email) or not email_may_be_sent(
            form_name="password_reset", email=email
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")


def _get_user_for_viewer(request, user_id: int) -> User:
    return get_object_or_404(User.objects.visible_to(request.user), pk=user_id)


@role_required(*STAFF)
def user_list_view(request):
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    if role not in Role.values:
        role = ""
    page = Paginator(user_list(viewer=request.user, query=query, role=role), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "query": query, "role": role, "roles": Role.choices},
    )


@role_required(ADMIN)
def user_invite_view(request):
    form = UserInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_invite(invited_by=request.user, **form.cleaned_data)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
        return redirect("accounts:user_list")
    return render(request, "accounts/user_invite.html", {"form": form})


@role_required(ADMIN)
def user_edit_view(request, user_id: int):
    user = _get_user_for_viewer(request, user_id)
    initial = {
        "full_name": user.full_name,
        "roles": sorted(user.roles),
        "is_active": user.is_active,
        "preferred_language": user.preferred_language,
    }
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if user == request.user and (
            not form.cleaned_data["is_active"] or ADMIN not in form.cleaned_data["roles"]
        ):
            form.add_error(None, _("You cannot remove your own admin role or deactivate yourself."))
        else:
            services.user_update(user=user, **form.cleaned_data)
            messages.success(request, _("Saved %(name)s.") % {"name": user})
            return redirect("accounts:user_list")
    return render(
        request,
        "accounts/user_edit.html",
        {"form": form, "subject": user, "two_factor_on": two_factor.two_factor_enabled(user)},
    )


@require_POST
@role_required(ADMIN)
def user_reinvite_view(request, user_id: int):
    user = _get_user_for_viewer(request, user_id)
    if user.has_usable_password():
        messages.info(request, _("%(name)s has already chosen a password.") % {"name": user})
    else:
        services.invitation_resend(user=user, invited_by=request.user)
        messages.success(request, _("Invitation sent again to %(email)s.") % {"email": user.email})
    return redirect("accounts:user_edit", user_id=user.pk)


@require_POST
@login_required
def sessions_end_others(request):
    services.sessions_end_others(user=request.user, request=request)
    messages.success(request, _("You are signed out everywhere else."))
    return redirect("accounts:password_change")


@require_POST
@role_required(ADMIN)
def user_two_factor_reset_view(request, user_id: int):
    user = _get_user_for_viewer(request, user_id)
    two_factor.two_factor_reset(user=user)
    messages.success(
        request,
        _("Two-step sign-in is off for %(name)s and their sessions have ended.") % {"name": user},
    )
    return redirect("accounts:user_edit", user_id=user.pk)


@sensitive_post_parameters("token")
@never_cache
@login_required
def otp_verify_view(request):
    """The second step of signing in."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        next_url = ""  # only a path of this site (never a view name or another host)
    if two_factor.session_verified(request):
        return redirect(next_url or "dashboard:home")
    two_factor.session_note_device(request)
    if not two_factor.session_has_device(request):
        return redirect(next_url or "dashboard:home")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.token_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(next_url or "dashboard:home")
        form.add_error(
            "token",
            _(
                "That code is not right. App codes change every 30 seconds: try the newest "
                "one. After several wrong codes, wait a minute before the next try."
            ),
        )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@sensitive_post_parameters("token")
@never_cache
@login_required
def two_factor_view(request):
    """Turn two-step sign-in on (scan, confirm with a code) and see how many backup codes
    are left. New backup codes are shown once, in the response, never in a URL."""
    user = request.user
    if two_factor.two_factor_enabled(user):
        return render(
            request,
            "accounts/two_factor.html",
            {
                "enabled": True,
                "codes_left": two_factor.backup_codes_left(user),
                "required": two_factor.two_factor_required(user),
                "form": OneTimeCodeForm(),
            },
        )
    device = two_factor.totp_device_pending(user=user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.totp_device_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            messages.success(request, _("Two-step sign-in is on."))
            return render(request, "accounts/backup_codes.html", {"codes": codes})
        form.add_error("token", _("That code is not right. Try the newest code in the app."))
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": False,
            "qr": qr_svg(device.config_url),
            "secret": two_factor.secret_for_display(device),
            "form": form,
        },
    )


@never_cache
@require_POST
@login_required
def backup_codes_view(request):
    if not two_factor.two_factor_enabled(request.user):
        return redirect("accounts:two_factor")
    codes = two_factor.backup_codes_regenerate(user=request.user)
    messages.success(request, _("New backup codes made; the old ones no longer work."))
    return render(request, "accounts/backup_codes.html", {"codes": codes})


@sensitive_post_parameters("token")
@require_POST
@login_required
def two_factor_off_view(request):
    user = request.user
    if two_factor.two_factor_required(user):
        messages.error(request, _("Program admins cannot turn two-step sign-in off."))
        return redirect("accounts:two_factor")
    form = OneTimeCodeForm(request.POST)
    if form.is_valid() and two_factor.token_verify(
        request=request, token=form.cleaned_data["token"]
    ):
        two_factor.two_factor_turn_off(user=user, request=request)
        messages.success(request, _("Two-step sign-in is off."))
    else:
        messages.error(request, _("That code is not right; two-step sign-in stays on."))
    return redirect("accounts:two_factor")
