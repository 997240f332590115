from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.services import role_groups_sync

        # After every migrate the role groups match accounts.roles.ROLE_PERMISSIONS.
        post_migrate.connect(
            lambda **kwargs: role_groups_sync(),
            dispatch_uid="accounts.role_groups_sync",
            weak=False,
        )
