# Humas: `make run` serves the demo portal on SQLite; `make test` runs the whole suite.
# Both set everything up first (virtualenv, packages, database).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo lint format messages check-deploy clean backup restore bench

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@echo "Humas: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The browser journeys (tests/e2e) need Debian's Chromium: skipped without it, a failure under CI.
test: install
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Chromium is missing: install it with 'apt-get install -y chromium' to run the browser journeys."; \
	  if [ "$$CI" = "true" ]; then exit 1; fi; \
	  echo "Skipping the browser journeys (tests/e2e)."; }
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) tools/i18n.py update

check-deploy: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-not-a-real-key-0123456789abcdefghijkl \
	DJANGO_ALLOWED_HOSTS=portal.example.go.id $(PY) manage.py check --deploy --fail-level WARNING

# Benchmark on PostgreSQL + Redis + gunicorn + wrk at 1k and 100k articles (see bench/README.md).
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

# SQLite installations: database (online backup API) + media + private files in one archive.
# PostgreSQL: pg_dump / pg_restore, see docs/security.md.
BACKUP_DIR ?= backups
backup: install
	$(PY) tools/backup.py backup $(BACKUP_DIR)

restore: install
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/humas-YYYYMMDD-HHMMSS.tar.gz"; exit 2; }
	$(PY) tools/backup.py restore $(ARCHIVE)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
