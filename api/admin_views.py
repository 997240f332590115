"""Program admins create a token for a named integration (the key shown once), see when each
was last used, and revoke it."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from api.forms import TokenForm
from api.models import ApiToken
from api.tokens import token_create, token_revoke


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def tokens(request):
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, key = token_create(
                name=data["name"],
                scopes=data["scopes"],
                departments=data["departments"],
                tracks=data["tracks"],
                mapping=data["mapping"],
                expires_at=timezone.make_aware(datetime.combine(data["expires_on"], time(23, 59))),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Token for %(name)s made: copy the key now, it is not shown again.")
                % {"name": token.name},
            )
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "key": key,
            "tokens": ApiToken.objects.prefetch_related("departments", "tracks").select_related(
                "created_by", "revoked_by"
            ),
        },
    )


@require_POST
@role_required(Role.PROGRAM_ADMIN, hidden=True)
def token_revoke_view(request, token_id: int):
    token = token_revoke(token=get_object_or_404(ApiToken, pk=token_id), by=request.user)
    messages.success(request, _("%(name)s can no longer use the API.") % {"name": token.name})
    return redirect("api_tokens:list")
