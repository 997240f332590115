from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts.roles import STAFF_ROLES, Role
from apprenticeship.history import track_changes


class EmailUserManager(UserManager):
    """Users sign in with their email address; there is no separate username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        # Emails are stored lower-case; people type them however they like.
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class UserQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> UserQuerySet:
        if user.is_authenticated and user.is_program_staff:
            return self
        return self.none()

    def with_role(self, role: str) -> UserQuerySet:
        return self.filter(groups__name=role)


class UserManagerWithQueries(EmailUserManager.from_queryset(UserQuerySet)):
    pass


@track_changes(exclude=["password", "last_login", "session_epoch", "invitation_sent_at"])
class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("en", "English"), ("es", "Español")],
        default="en",
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    # Raised by "sign out everywhere": every session signed with an older value ends.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManagerWithQueries()

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def _get_session_auth_hash(self, secret=None) -> str:
        return salted_hmac(
            "accounts.User.session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        # .all() so a list page's prefetch_related("groups") is used instead of a query per user
        return frozenset(group.name for group in self.groups.all())

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_program_staff(self) -> bool:
        """Program staff and program admins see everything in the program."""
        return bool(self.roles & STAFF_ROLES)

    @property
    def is_program_admin(self) -> bool:
        return Role.PROGRAM_ADMIN in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.roles]


# Roles are group memberships: who was given or lost a role, and when.
track_changes(app_label="accounts", model_name="UserRoleHistory")(User.groups.through)
