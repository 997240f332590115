from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = "Records retention"
    default_auto_field = "django.db.models.BigAutoField"
