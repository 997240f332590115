"""Program admins create a token for a named integration (the key shown once), see when each
was last used, and revoke it."""

from __future__ import annotations

import logging
from datetime import datetime, time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from api.demo_key import DEMO_RECEIVER_PATH
from api.forms import TokenForm, WebhookForm
from api.models import ApiToken, WebhookDelivery, WebhookEndpoint
from api.tokens import token_create, token_revoke
from api.webhooks import (
    delivery_resend,
    endpoint_create,
    signature_valid,
    subscriptions_changed,
)

logger = logging.getLogger(__name__)


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


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def webhooks(request):
    form = WebhookForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = endpoint_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s subscribed: copy the signing secret now, it is not shown again.")
                % {"name": endpoint.name},
            )
            form = WebhookForm()
    return render(
        request,
        "api/webhooks.html",
        {"form": form, "secret": secret, "endpoints": WebhookEndpoint.objects.all()},
    )


@role_required(Role.PROGRAM_ADMIN, hidden=True)
def webhook_deliveries(request, endpoint_id: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id)
    page = Paginator(endpoint.deliveries.all(), 50).get_page(request.GET.get("page"))
    return render(request, "api/webhook_deliveries.html", {"endpoint": endpoint, "page": page})


@require_POST
@role_required(Role.PROGRAM_ADMIN, hidden=True)
def webhook_resend(request, endpoint_id: int, delivery_id: int):
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id, endpoint_id=endpoint_id)
    delivery_resend(delivery=delivery)
    messages.success(request, _("The delivery is sent again."))
    return redirect("api_tokens:webhook_deliveries", endpoint_id=endpoint_id)


@require_POST
@role_required(Role.PROGRAM_ADMIN, hidden=True)
def webhook_disable(request, endpoint_id: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
    subscriptions_changed()
    messages.success(request, _("%(name)s gets no more events.") % {"name": endpoint.name})
    return redirect("api_tokens:webhooks")


@csrf_exempt
@require_POST
def demo_receiver(request):
    """`make run` only (DEBUG): the demo's subscription posts here; the log says each event
    and whether its signature verified, as a receiving system would check it."""
    if not settings.DEBUG:
        raise Http404
    endpoint = WebhookEndpoint.objects.filter(url__endswith=DEMO_RECEIVER_PATH).first()
    verified = endpoint is not None and signature_valid(
        endpoint.secret, request.headers.get("Webhook-Signature", ""), request.body
    )
    logger.info(
        "Demo webhook receiver: %s, signature %s",
        request.headers.get("Webhook-Event", "?"),
        "verified" if verified else "NOT verified",
    )
    return HttpResponse(status=204 if verified else 400)
