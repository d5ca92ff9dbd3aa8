# Etalase UMKM Babel — the two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# make bench: seconds per run, interleaved rounds, wrk connections, catalogue size and seed, the
# bench database (generated when it does not hold that catalogue) and an optional 1M one to EXPLAIN
BENCH_DURATION ?= 8
BENCH_ROUNDS ?= 5
BENCH_CONCURRENCY ?= 8
BENCH_PRODUCTS ?= 100000
BENCH_SEED ?= 1
BENCH_DATABASE ?= umkm_bench_100k
BENCH_EXPLAIN_DATABASE ?=

.PHONY: run worker test install install-dev messages lint format check-migrations clean bench

## run: install, migrate, compile translations, seed the demo and serve on http://$(HOST)
run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Serving on http://$(HOST)/ (admin: http://$(HOST)/admin/, demo password above)"
	$(MANAGE) runserver $(HOST)

## worker: the Celery worker with beat (the daily schedule) beside `make run`, when a broker is
## set (CELERY_BROKER_URL or REDIS_URL); production runs them as separate processes (docs/deployment.md)
worker: install messages
	@test -n "$${CELERY_BROKER_URL:-$$REDIS_URL}" || { echo "Set CELERY_BROKER_URL or REDIS_URL (e.g. redis://127.0.0.1:6379/0): without a broker tasks already run inside make run"; exit 1; }
	$(BIN)/celery --app umkm_portal worker --beat --loglevel INFO --schedule $(VENV)/celerybeat-schedule

## test: install the dev requirements and run the whole suite (DATABASE_URL picks PostgreSQL)
test: install-dev messages
	$(BIN)/pytest $(PYTEST_ARGS)

## lint: ruff check, ruff format --check, mypy, djlint on the templates (settings in pyproject.toml)
## and makemigrations --check
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/djlint templates --lint
	$(MANAGE) makemigrations --check --dry-run

## bench: the portal against a bare Django view under gunicorn and wrk, at PostgreSQL scale; writes
## bench/results/ (not in CI; needs PostgreSQL, Redis and wrk; see bench/README.md)
bench: install messages
	@command -v wrk >/dev/null || { echo "wrk not found: install it (apt-get install wrk)"; exit 1; }
	BENCH_DURATION=$(BENCH_DURATION) BENCH_ROUNDS=$(BENCH_ROUNDS) \
	BENCH_CONCURRENCY=$(BENCH_CONCURRENCY) BENCH_PRODUCTS=$(BENCH_PRODUCTS) BENCH_SEED=$(BENCH_SEED) \
	BENCH_DATABASE=$(BENCH_DATABASE) BENCH_EXPLAIN_DATABASE=$(BENCH_EXPLAIN_DATABASE) \
	$(BIN)/python -m bench.run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

## messages: compile the Indonesian and English translations (needs GNU gettext's msgfmt)
messages: install
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install gettext (apt-get install gettext)"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache
