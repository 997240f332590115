from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Program, tracks and departments"
    default_auto_field = "django.db.models.BigAutoField"
