from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.decorators import role_required
from accounts.forms import EmailAuthenticationForm, UserEditForm, UserInviteForm
from accounts.models import User
from accounts.roles import Role
from accounts.selectors import user_list

ADMIN = Role.PROGRAM_ADMIN
STAFF = (Role.PROGRAM_STAFF, Role.PROGRAM_ADMIN)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


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
    return render(request, "accounts/user_edit.html", {"form": form, "subject": user})


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
