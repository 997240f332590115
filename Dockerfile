# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 app
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir ".[s3]" \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build/build \
       python manage.py collectstatic --noinput
RUN mkdir -p /data/media /data/beat && chown -R app /data
USER app
EXPOSE 8000
CMD ["gunicorn", "apprenticeship.wsgi:application", "-c", "apprenticeship/gunicorn.conf.py"]
