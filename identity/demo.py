"""The demo's single sign-on mapping (the local provider's groups, `make run SSO=1`) and what
the institution's HR directory has provisioned over SCIM, with its token."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from api.models import ApiToken, Scope
from api.tokens import token_create
from identity import directory
from identity.models import DirectoryUser, GroupRole
from identity.services import group_role_add

GROUPS = [
    ("program-admins", Role.PROGRAM_ADMIN),
    ("program-staff", Role.PROGRAM_STAFF),
    ("hiring-managers", Role.HIRING_MANAGER),
    ("preceptors", Role.PRECEPTOR),
    ("Nursing Preceptors", Role.PRECEPTOR),
    ("instructors", Role.INSTRUCTOR),
    ("coaches", Role.COACH),
    ("apprentices", Role.APPRENTICE),
]


def seed(users: dict[str, User]) -> None:
    if GroupRole.objects.exists():
        return
    for group, role in GROUPS:
        group_role_add(group=group, role=role, by=users["grace"])
    if not ApiToken.objects.filter(name="Institution directory (SCIM)").exists():
        token_create(
            name="Institution directory (SCIM)",
            scopes=[Scope.SCIM],
            expires_at=timezone.now() + timedelta(days=365),
            by=users["grace"],
        )
    people = [
        (users["fay"], "E-20417", "Fay", "Foster"),
        (users["cody"], "E-31877", "Cody", "Whitfield"),
    ]
    for user, number, given, family in people:
        if DirectoryUser.objects.filter(user=user).exists():
            continue
        directory.person_create(
            values=directory.PersonValues(
                user_name=user.email,
                email=user.email,
                full_name=user.full_name,
                given_name=given,
                family_name=family,
                active=True,
                external_id=f"hr-{number}",
                employee_number=number,
            )
        )
    fay = DirectoryUser.objects.get(user=users["fay"])
    directory.group_write(
        group=None,
        display_name="Nursing Preceptors",
        external_id="grp-nursing-preceptors",
        member_ids=[fay.scim_id],
    )
