# Sozialraum: `make run` serves the demo, `make test` runs every check. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/sozialraum
export SECRET_KEY_FILE ?= $(CURDIR)/var/secret_key
export ALLOWED_HOSTS ?= 127.0.0.1,localhost
RUN_ENV = STATIC_MANIFEST=true DATABASE_URL=$${DATABASE_URL:-$(SQLITE_URL)}
SQLITE_URL := sqlite:///$(CURDIR)/var/sozialraum.sqlite3

.PHONY: install run serve test lint types checks pytest-sqlite pytest-postgres bench messages clean

install: $(BIN)/.installed
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

var/secret_key:
	mkdir -p var
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

run: install var/secret_key
	$(RUN_ENV) $(BIN)/sozialraum migrate --noinput
	$(RUN_ENV) $(BIN)/sozialraum collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/sozialraum demo
	@echo "Sozialraum läuft auf http://$(HOST):$(PORT)/ (Strg+C beendet)"
	$(RUN_ENV) $(BIN)/gunicorn config.wsgi \
	  --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --log-level warning

# The two databases' passes run side by side (one per core); each prints its whole output
# when it ends.
test: install var/secret_key lint types checks
	$(MAKE) --no-print-directory -j2 --output-sync=target pytest-sqlite pytest-postgres

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types:
	DATABASE_URL=$(SQLITE_URL) $(BIN)/mypy config sozialraum bench

checks:
	DATABASE_URL=$(SQLITE_URL) $(BIN)/python manage.py check --fail-level WARNING
	DATABASE_URL=$(SQLITE_URL) $(BIN)/python manage.py makemigrations --check --dry-run

pytest-sqlite:
	@echo "== pytest on SQLite"
	DATABASE_URL=$(SQLITE_URL) $(BIN)/pytest

pytest-postgres:
	@echo "== pytest on PostgreSQL"
	@if scripts/postgres-ready "$(PG_TEST_URL)"; then \
	  DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then echo "PostgreSQL unreachable at $(PG_TEST_URL): failing (CI=true)"; exit 1; \
	else echo "SKIPPED: PostgreSQL unreachable at $(PG_TEST_URL); the suite ran on SQLite only"; fi

# `make bench` runs every benchmark; `make bench BENCH_ONLY=pages` (or BENCH_ONLY in the
# environment) only the named ones, replacing only their sections of bench/RESULTS.md.
bench: install var/secret_key
	DATABASE_URL=$(SQLITE_URL) $(BIN)/python -m bench $(BENCH_ONLY)

messages: install var/secret_key
	DATABASE_URL=$(SQLITE_URL) $(BIN)/python manage.py makemessages --locale de --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	DATABASE_URL=$(SQLITE_URL) $(BIN)/python manage.py compilemessages --locale de --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
