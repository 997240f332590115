"""Who people are at the institution: their single sign-on identity, the roles its groups
give, and the directory (SCIM) that creates, updates and deactivates them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from apprenticeship.history import track_changes


@track_changes()
class GroupRole(models.Model):
    """A provider's group (as the ID token's groups claim or the directory names it: a name or
    an object id) gives one of the program's roles. Kept by a program admin."""

    group = models.CharField(
        _("group at the identity provider"),
        max_length=200,
        help_text=_("As the provider sends it: a group name, or an object id (Entra ID)."),
    )
    role = models.CharField(_("role here"), max_length=32, choices=Role.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "role"]
        constraints = [
            models.UniqueConstraint(fields=["group", "role"], name="group_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.get_role_display()}"


@track_changes()
class MappedRole(models.Model):
    """A role the mapping gave (not a program admin by hand): the only roles a later sign-in
    or directory change may take away."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mapped_roles"
    )
    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="mapped_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.role}"


@track_changes()
class ExternalIdentity(models.Model):
    """A person at the provider (issuer and subject, which never change) linked to an account
    here, on their first single sign-on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


@track_changes()
class DirectoryUser(models.Model):
    """An account the institution's directory provisions over SCIM: its SCIM id, HR's
    identifiers, and whether the directory has removed it (the account stays, deactivated,
    for the program's records)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory"
    )
    scim_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # As the directory sent them (a SCIM client reads back what it wrote); the account's own
    # name, email and active state are derived from them.
    user_name = models.CharField(max_length=255)
    display_name = models.CharField(max_length=150, blank=True)
    formatted_name = models.CharField(max_length=150, blank=True)
    active = models.BooleanField(null=True)
    external_id = models.CharField(max_length=255, blank=True)
    employee_number = models.CharField(max_length=64, blank=True)
    given_name = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.scim_id)


@track_changes()
class DirectoryGroup(models.Model):
    """A group the directory pushes over SCIM; its members hold the roles GroupRole gives its
    display name or external id."""

    scim_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(max_length=200, unique=True)
    external_id = models.CharField(max_length=255, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="directory_groups", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name
