"""Test overrides on top of the one settings module: fast hashing, mail kept in memory,
Celery tasks run in-process when their transaction commits."""

import os
from urllib.parse import urlsplit, urlunsplit

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

# Run in parallel (pytest-xdist, `-n 2`): each worker gets its own database (pytest-django),
# its own Redis database for the cache (a test's cache.clear() empties only its own) and its
# own media folder.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER:
    _n = int(_WORKER.removeprefix("gw") or 0)
    MEDIA_ROOT = DATA_DIR / f"test-media-{_WORKER}"
    if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
        _url = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
        _db = int(_url.path.strip("/") or 0)
        CACHES["default"]["LOCATION"] = urlunsplit(  # noqa: F405
            _url._replace(path=f"/{(_db + 1 + _n) % 16}")
        )
AXES_ENABLED = True
OTP_REQUIRED_FOR_ADMINS = False  # the two-step tests turn it on where they need it
