# Two commands for a new machine with only Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
# make test TODAY=2027-06-04 [NOW=23:30] runs the suite as of that day (tests/clock.py).
export TODAY NOW
# make run SSO=1 starts the local OpenID Connect provider (devsso) beside the app.
export SSO SSO_PORT
# The suite runs in parallel, a worker per core up to four (pytest-xdist); XDIST=-n0 runs it
# in one process.
XDIST ?= -n auto --maxprocesses=4
# ... in a new random order every run (pytest-random-order; the header prints the seed:
# replay with PYTEST_ARGS=--random-order-seed=N); ORDER= keeps the file order.
ORDER ?= --random-order-bucket=global

.PHONY: run test lint audit faults format bench load install clean-data help

help:
	@echo "make run    - install, start embedded Postgres, migrate, demo data, web + Celery worker + beat"
	@echo "make test   - install, then the whole pytest suite (embedded Postgres unless DATABASE_URL is set)"
	@echo "make lint   - ruff check and ruff format --check"
	@echo "make audit  - bandit over our code, pip-audit over the installed dependencies"
	@echo "make format - ruff format and ruff check --fix"
	@echo "make bench  - time the busiest pages against a large seeded data set"
	@echo "make load   - 50 users for a minute through gunicorn against the bench data (locust)"
	@echo "make faults - kill the worker, stop Redis, restart PostgreSQL: nothing lost or sent twice"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

run: install
	$(PY) -m apprenticeship.devserver

test: install
	$(PY) -m apprenticeship.embedded_db -- $(PY) -m pytest --ds=tests.settings $(XDIST) $(ORDER) $(PYTEST_ARGS)

bench: install
	$(PY) -m apprenticeship.embedded_db -- $(PY) -m benchmarks.run

load: install
	$(PY) -m apprenticeship.embedded_db -- $(PY) -m benchmarks.load

faults: install
	$(PY) -m faults.run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

audit: install
	$(VENV)/bin/bandit -q -c pyproject.toml -r .
	$(PY) .ci/dependency_audit.py

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean-data:
	@echo "Removes the embedded database and queued tasks in .data/ (stop make run first)."
	rm -rf .data
