"""Test overrides on top of the one settings module: fast hashing, mail kept in memory,
Celery tasks run in-process when their transaction commits."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0f3c9a1b7d2e4c6a8b0d")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

from apprenticeship.settings import *  # noqa: F403
from apprenticeship.settings import DATA_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "test-media"
AXES_ENABLED = True
OTP_REQUIRED_FOR_ADMINS = False  # the two-step tests turn it on where they need it
