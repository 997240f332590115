from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from accounts.roles import ROLE_PERMISSIONS, Role
from accounts.tasks import send_invitation


def role_groups_sync() -> None:
    """Create a group per role and give it exactly the permissions in ROLE_PERMISSIONS."""
    wanted = {perm for perms in ROLE_PERMISSIONS.values() for perm in perms}
    available = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={perm.split(".", 1)[1] for perm in wanted}
        )
    }
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([available[p] for p in perms if p in available])


def user_roles_set(*, user: User, roles: Iterable[str]) -> None:
    """Exactly these roles (each change is in UserRoleHistory, the audit log's)."""
    user.groups.set(Group.objects.filter(name__in=[Role(r).value for r in roles]))
    user.__dict__.pop("roles", None)


@transaction.atomic
def user_invite(
    *,
    email: str,
    full_name: str,
    roles: Iterable[str],
    invited_by: User | None,
    preferred_language: str = "en",
) -> User:
    """Create an account without a password and email a link to choose one."""
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name,
        preferred_language=preferred_language,
        invited_at=timezone.now(),
        invited_by=invited_by,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user_roles_set(user=user, roles=roles)
    transaction.on_commit(lambda: send_invitation.delay(user.pk))
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    full_name: str,
    roles: Iterable[str],
    is_active: bool,
    preferred_language: str,
) -> User:
    user.full_name = full_name
    user.is_active = is_active
    user.preferred_language = preferred_language
    user.full_clean()
    user.save()
    user_roles_set(user=user, roles=roles)
    return user


@transaction.atomic
def invitation_resend(*, user: User, invited_by: User) -> None:
    """Send the invitation again; the task sends once per invitation (idempotent)."""
    User.objects.filter(pk=user.pk).update(
        invited_at=timezone.now(), invited_by=invited_by, invitation_sent_at=None
    )
    transaction.on_commit(lambda: send_invitation.delay(user.pk))


def sessions_end_all(*, user: User) -> None:
    """End every session of the user: each was signed with the old session epoch."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])


@transaction.atomic
def sessions_end_others(*, user: User, request) -> None:
    """Sign the user out of every other browser and device; this session stays signed in."""
    sessions_end_all(user=user)
    update_session_auth_hash(request, user)
