"""The institution's directory (SCIM) creates, updates and deactivates people here.

A person the directory removes is deactivated, not deleted: the program keeps its records
(29 CFR 29.5(b)(23)) and the history names who did what. Deactivation ends every session at
once. Roles come from the directory's groups through the same mapping as single sign-on.
HR's employee number fills the apprentice's employee id when it is blank.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import sessions_end_all
from cohorts.models import Apprentice
from cohorts.services import apprentice_identifiers_set
from identity.models import DirectoryGroup, DirectoryUser
from identity.services import mapped_roles_apply, roles_for_groups

logger = logging.getLogger(__name__)


class DirectoryConflict(Exception):
    """A unique value (an email, a group's name) is another's."""


class DirectoryRefused(Exception):
    """A change the program does not take from the directory (the message says why)."""


class DirectoryMissing(Exception):
    """A member that is not a person of the directory."""


# A person the directory sends without an email address gets an address that cannot receive
# mail or match a sign-in (as API integrations' accounts do); they cannot sign in until the
# directory sends their email.
NO_EMAIL_DOMAIN = "@directory.invalid"


@dataclass(frozen=True)
class PersonValues:
    user_name: str
    email: str
    full_name: str
    display_name: str = ""
    formatted_name: str = ""
    given_name: str = ""
    family_name: str = ""
    active: bool | None = None  # not sent: active
    external_id: str = ""
    employee_number: str = ""


def _apply(user: User, directory: DirectoryUser, values: PersonValues) -> None:
    active = values.active is not False
    deactivating = user.is_active and not active
    if deactivating and user.pk and _last_admin(user):
        raise DirectoryRefused(
            "The program's last active program admin cannot be deactivated by the directory; "
            "make someone else a program admin first."
        )
    email = values.email or f"{directory.scim_id}{NO_EMAIL_DOMAIN}"
    # A new address cannot be used to take the account over through a password reset (Django
    # sends resets only to usable passwords): from now on it signs in through the institution.
    moved = bool(user.pk) and user.email.lower() != email.lower()
    if moved:
        user.set_unusable_password()
    user.email = email
    user.full_name = values.full_name[:150]
    user.is_active = active
    user.save()
    if deactivating or moved:
        sessions_end_all(user=user)  # signed out on their next request


def _last_admin(user: User) -> bool:
    if not user.is_program_admin:
        return False
    others = User.objects.with_role(Role.PROGRAM_ADMIN).filter(is_active=True).exclude(pk=user.pk)
    return not others.exists()


def _directory_fields(directory: DirectoryUser, values: PersonValues) -> None:
    directory.user_name = values.user_name
    directory.display_name = values.display_name
    directory.formatted_name = values.formatted_name
    directory.active = values.active
    directory.external_id = values.external_id
    directory.employee_number = values.employee_number
    directory.given_name, directory.family_name = values.given_name, values.family_name


def _taken(values: PersonValues, directory: DirectoryUser | None) -> bool:
    """userName is unique among the directory's people; an email among all accounts."""
    others = DirectoryUser.objects.filter(removed_at__isnull=True)
    if directory is not None:
        others = others.exclude(pk=directory.pk)
    if others.filter(user_name__iexact=values.user_name).exists():
        return True
    if values.email and directory is not None:
        return (
            User.objects.filter(email__iexact=values.email).exclude(pk=directory.user_id).exists()
        )
    return False


def _employee_id_fill(user: User, employee_number: str) -> None:
    if not employee_number:
        return
    apprentice = (
        Apprentice.objects.filter(person__user=user, employee_id="")
        .order_by("-employment_start")
        .first()
    )
    if apprentice is None:
        return
    try:
        apprentice_identifiers_set(apprentice=apprentice, employee_id=employee_number)
    except ValidationError:
        # Another apprentice's number, or characters payroll ids never have: left for staff.
        logger.info("employee number from the directory not used for apprentice %s", apprentice.pk)


@transaction.atomic
def person_create(*, values: PersonValues) -> DirectoryUser:
    """A new account, or an existing one (an invited preceptor, a hired applicant) adopted."""
    with pghistory.context(directory="scim"):
        if _taken(values, None):
            raise DirectoryConflict
        user = None
        if values.email:
            user = User.objects.select_for_update().filter(email__iexact=values.email).first()
        directory = None
        if user is None:
            user = User(email=f"pending{NO_EMAIL_DOMAIN}")
            user.set_unusable_password()  # signs in through the institution
        else:
            if hasattr(user, "api_token"):
                raise DirectoryConflict  # an integration's own account is not a person
            directory = DirectoryUser.objects.filter(user=user).first()
            if directory is not None and directory.removed_at is None:
                raise DirectoryConflict
        directory = directory or DirectoryUser(user=user)
        _apply(user, directory, values)
        directory.user = user
        directory.removed_at = None
        _directory_fields(directory, values)
        directory.save()
        _employee_id_fill(user, values.employee_number)
        return directory


@transaction.atomic
def person_update(*, directory: DirectoryUser, values: PersonValues) -> DirectoryUser:
    with pghistory.context(directory="scim"):
        directory = (
            DirectoryUser.objects.select_for_update().select_related("user").get(pk=directory.pk)
        )
        if _taken(values, directory):
            raise DirectoryConflict
        _apply(directory.user, directory, values)
        _directory_fields(directory, values)
        directory.save()
        _employee_id_fill(directory.user, values.employee_number)
        return directory


@transaction.atomic
def person_remove(*, directory: DirectoryUser) -> None:
    """Deactivated, out of the directory's groups (so its mapped roles go), sessions ended."""
    with pghistory.context(directory="scim"):
        directory = (
            DirectoryUser.objects.select_for_update().select_related("user").get(pk=directory.pk)
        )
        user = directory.user
        if user.is_active and _last_admin(user):
            raise DirectoryRefused(
                "The program's last active program admin cannot be removed by the directory; "
                "make someone else a program admin first."
            )
        directory.removed_at = timezone.now()
        directory.save(update_fields=["removed_at", "updated_at"])
        user.directory_groups.clear()
        roles_refresh(user=user)
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            sessions_end_all(user=user)


def roles_refresh(*, user: User) -> None:
    """The roles the person's directory groups map to (by display name or external id)."""
    names = set()
    for display_name, external_id in user.directory_groups.values_list(
        "display_name", "external_id"
    ):
        names |= {display_name, external_id}
    mapped_roles_apply(user=user, wanted=roles_for_groups(names - {""}))


def _members(member_ids: list[str]) -> list[User]:
    people = list(
        DirectoryUser.objects.filter(
            scim_id__in=member_ids, removed_at__isnull=True
        ).select_related("user")
    )
    if len(people) != len(set(member_ids)):
        raise DirectoryMissing
    return [person.user for person in people]


@transaction.atomic
def group_write(
    *, group: DirectoryGroup | None, display_name: str, external_id: str, member_ids: list[str]
) -> DirectoryGroup:
    """Create or replace a group; everyone who joined, left or whose group was renamed has
    their mapped roles refreshed."""
    with pghistory.context(directory="scim"):
        taken = DirectoryGroup.objects.filter(display_name=display_name)
        if group is not None:
            group = DirectoryGroup.objects.select_for_update().get(pk=group.pk)
            taken = taken.exclude(pk=group.pk)
        if taken.exists():
            raise DirectoryConflict
        members = _members(member_ids)
        before: set[int] = set()
        renamed = False
        if group is None:
            group = DirectoryGroup.objects.create(
                display_name=display_name, external_id=external_id
            )
        else:
            before = set(group.members.values_list("pk", flat=True))
            renamed = (group.display_name, group.external_id) != (display_name, external_id)
            group.display_name, group.external_id = display_name, external_id
            group.save()
        group.members.set(members)
        after = {member.pk for member in members}
        affected = (before | after) if renamed else (before ^ after)
        for user in User.objects.filter(pk__in=affected):
            roles_refresh(user=user)
        return group


@transaction.atomic
def group_delete(*, group: DirectoryGroup) -> None:
    with pghistory.context(directory="scim"):
        members = list(group.members.all())
        group.delete()
        for user in members:
            roles_refresh(user=user)
