from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.services import role_groups_sync
        from accounts.two_factor import on_user_logged_in

        # After every migrate the role groups match accounts.roles.ROLE_PERMISSIONS.
        post_migrate.connect(
            lambda **kwargs: role_groups_sync(),
            dispatch_uid="accounts.role_groups_sync",
            weak=False,
        )
        # Sign-in notes in the session whether the user has an authenticator (two-step).
        user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts.two_factor_note")
