from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from apprenticeship.plaintext import render_text


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(user_id: int) -> bool:
    """Email the set-your-password link once per invitation; a redelivery sends nothing."""
    from accounts.sso import sso_required_for

    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or user.invitation_sent_at is not None or user.has_usable_password():
            return False
        sso_only = sso_required_for(user.email)
        if sso_only:  # no password here: they sign in with the institution's account
            link = settings.SITE_URL + reverse("accounts:login")
        else:
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            link = settings.SITE_URL + reverse(
                "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
            )
        context = {
            "user": user,
            "link": link,
            "invited_by": user.invited_by,
            "sso_only": sso_only,
            "provider": settings.OIDC_PROVIDER_NAME,
        }
        with translation.override(user.preferred_language):
            subject = render_text("accounts/email/invitation_subject.txt", context).strip()
            body = render_text("accounts/email/invitation.txt", context)
        # Mark first: if sending fails the transaction rolls back and the retry sends again.
        user.invitation_sent_at = timezone.now()
        user.save(update_fields=["invitation_sent_at"])
        send_mail(subject, body, None, [user.email])
    return True


@shared_task(acks_late=True)
def clear_expired_sessions() -> None:
    call_command("clearsessions")
