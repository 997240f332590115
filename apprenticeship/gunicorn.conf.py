"""Gunicorn settings for production (Dockerfile, docker-compose)."""

import multiprocessing
import os

from apprenticeship.logfilters import gunicorn_logger_class

bind = os.environ.get("GUNICORN_BIND") or "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
accesslog = "-"
logger_class = gunicorn_logger_class()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
