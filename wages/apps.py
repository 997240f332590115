from django.apps import AppConfig


class WagesConfig(AppConfig):
    name = "wages"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Exams, wages and status"

    def ready(self) -> None:
        from wages import receivers  # noqa: F401  (connects to cohorts and clinic signals)
