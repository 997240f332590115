import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apprenticeship.settings")

app = Celery("apprenticeship")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
