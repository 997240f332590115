"""Roles from the institution's groups, and who a single sign-on is here.

Roles given by the group mapping are remembered (MappedRole), so a later sign-in or directory
change takes away only those; roles a program admin gave by hand stay. A group the mapping
does not know gives nothing: never a default role. Every link, account and role change is a
history row (pghistory) with the provider in its context, so the audit log shows it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_roles_set
from identity.models import ExternalIdentity, GroupRole, MappedRole


class SignInRefused(Exception):
    """The provider vouched for someone who may not come in; `message` says what to do."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def _no_role() -> SignInRefused:
    return SignInRefused(
        _(
            "Your institution's account has no role in the apprenticeship program yet. "
            "Ask your program office to give your group a role."
        ),
        code="no_role",
    )


def roles_for_groups(groups: Iterable[str]) -> set[str]:
    names = {group for group in groups if isinstance(group, str) and group}
    if not names:
        return set()
    return set(GroupRole.objects.filter(group__in=names).values_list("role", flat=True))


@transaction.atomic
def mapped_roles_apply(*, user: User, wanted: set[str]) -> User:
    """Give the roles the groups map to; take away the mapped roles they no longer map to."""
    user = User.objects.select_for_update().get(pk=user.pk)
    current = set(user.roles)
    before = set(MappedRole.objects.filter(user=user).values_list("role", flat=True))
    added, removed = wanted - current, before - wanted
    if added or removed:
        user_roles_set(user=user, roles=(current - removed) | added)
    mapped = (before & wanted) | added
    MappedRole.objects.filter(user=user).exclude(role__in=mapped).delete()
    MappedRole.objects.bulk_create(
        [MappedRole(user=user, role=role) for role in sorted(mapped - before)],
        ignore_conflicts=True,
    )
    return user


@transaction.atomic
def group_role_add(*, group: str, role: str, by: User) -> GroupRole:
    group = group.strip()
    if not group or role not in Role.values:
        raise ValidationError(_("Name a group and choose a role."))
    if GroupRole.objects.filter(group=group, role=role).exists():
        raise ValidationError(_("That group already gives that role."))
    return GroupRole.objects.create(group=group, role=role, created_by=by)


@transaction.atomic
def group_role_remove(*, mapping: GroupRole) -> None:
    """People keep the role until their next sign-in or directory change."""
    mapping.delete()


def _email_verified(claims: dict, email: str) -> bool:
    """The provider says the address is verified, or it is at a domain the institution owns
    (Entra ID sends no email_verified; its addresses at the tenant's domains are its own)."""
    if claims.get("email_verified") is True or claims.get("email_verified") == "true":
        return True
    return email.rpartition("@")[2] in settings.SSO_REQUIRED_DOMAINS


def multi_factor(claims: dict) -> bool:
    """The provider reports multi-factor sign-in (RFC 8176 `amr`, or an `acr` listed)."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(set(amr) & set(settings.OIDC_MFA_AMR)) or (
        claims.get("acr") in settings.OIDC_MFA_ACR
    )


def _groups(claims: dict) -> list[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    return [groups] if isinstance(groups, str) else list(groups)


def sso_sign_in(*, issuer: str, claims: dict) -> User:
    """The account a verified ID token's claims sign in to: linked by (issuer, subject), or on
    the first sign-in by verified email, or made just in time when the groups give a role.

    Roles from the mapping are refreshed before anything is refused, so someone whose group
    was taken away loses its role here even though they cannot come in.
    """
    with transaction.atomic(), pghistory.context(single_sign_on=issuer):
        user = _user_for(issuer=issuer, claims=claims)
        user = mapped_roles_apply(user=user, wanted=roles_for_groups(_groups(claims)))
    if not user.roles:
        raise _no_role()
    return user


def _user_for(*, issuer: str, claims: dict) -> User:
    subject = str(claims.get("sub") or "")
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        email = str(claims.get("email") or "").strip().lower()
        if not subject or not email or not _email_verified(claims, email):
            raise SignInRefused(
                _(
                    "Your institution did not send a verified email address, so we cannot "
                    "tell which account is yours. Ask your program office."
                ),
                code="no_verified_email",
            )
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            if not roles_for_groups(_groups(claims)):
                raise _no_role()
            user = User(
                email=email,
                full_name=str(claims.get("name") or email)[:150],
                preferred_language="es" if str(claims.get("locale", "")).startswith("es") else "en",
            )
            user.set_unusable_password()  # signs in through the institution only
            user.save()
        identity = ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    if not identity.user.is_active:
        raise SignInRefused(
            _("Your account here is deactivated. Ask your program office."), code="inactive"
        )
    identity.last_sign_in_at = timezone.now()
    identity.save(update_fields=["last_sign_in_at"])
    return identity.user
