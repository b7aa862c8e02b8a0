# Manage safeguarding case reviews. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
RUN_ENV := DEBUG=true
# `make run` sweeps for due reminders every minute (production: every five), so that the demo's
# reminder e-mails show in the console soon after it starts.
RUN_SWEEP := REMINDER_SWEEP_SECONDS=60

.PHONY: help install assets migrate seed run web worker test lint format check clean messages

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || \
	  { echo "Python 3.11 is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/build/app.css: node_modules/.installed assets/app.scss assets/build.mjs
	npm run --silent build

# Local development runs with DEBUG on; without it the settings are production's (and need a
# SECRET_KEY). Written once, never overwritten: edit it to point at PostgreSQL, say.
.env:
	printf '# Local development settings (not for production). See docs/runbook.md.\nDEBUG=true\n' > $@

install: $(VENV)/.installed static/build/app.css .env ## Create the virtual environment, install Python and npm packages, build assets

assets: node_modules/.installed ## Rebuild the GOV.UK Frontend assets
	npm run --silent build

migrate: install ## Apply database migrations
	@mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --verbosity 0

seed: migrate ## Load the demo boards and accounts (prints their passwords)
	$(RUN_ENV) $(PY) manage.py seed_demo

run: seed ## Run the app with demo data on http://127.0.0.1:8000, with a Celery worker and beat
	@echo "Starting the web server on http://127.0.0.1:8000 and a Celery worker with beat (Ctrl+C stops both)."
	@trap 'kill 0' EXIT INT TERM; \
	$(RUN_ENV) $(RUN_SWEEP) $(VENV)/bin/celery -A config worker --beat --loglevel INFO --concurrency 2 \
	  --schedule var/celerybeat-schedule & \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000; \
	wait

test: install ## Run the whole suite (PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set)
	$(PY) -m pytest $(PYTEST_ARGS)

messages: install ## Update the Welsh catalogue from the marked strings and compile it (needs GNU gettext)
	$(RUN_ENV) $(PY) manage.py makemessages -l cy --ignore=.venv --ignore=node_modules --ignore=static --ignore=var --no-obsolete
	$(RUN_ENV) $(PY) manage.py compilemessages -l cy --ignore=.venv --ignore=node_modules

lint: install ## ruff check, ruff format --check, the import layers and makemigrations --check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: install ## Format the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean: ## Remove the virtual environment, node_modules, built assets and local data
	rm -rf $(VENV) node_modules static/build var
