# Two commands on a fresh machine (Python 3.11 and pip): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
# The offline place index endorsements are mapped with (settings.GAZETTEER_PATH's default): built once per machine,
# as the release step does, so that no visitor's first submission waits for it.
GAZETTEER := .cache/gazetteer.sqlite3

.PHONY: demo test install messages lint check lock serve bench bench-endorse bench-load bench-content bench-attack screenshots bench-renditions bench-search bench-growth wrk

$(INSTALLED): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(INSTALLED)

messages: install
	$(MANAGE) compile_translations

$(GAZETTEER): $(INSTALLED)
	$(MANAGE) build_gazetteer

# axe-core, the accessibility engine the browser tests inject into our admin pages (tests/browser/accessibility.py).
# From the npm registry when npm is installed; without it (a machine with Python only) those checks are skipped,
# as the browser tests are without Chromium, unless LAMPEDUSA_REQUIRE_BROWSER is set.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1

$(AXE):
	if command -v npm >/dev/null; then npm install --prefix .cache/axe --no-save --no-audit --no-fund axe-core@$(AXE_VERSION); \
	else echo "npm not found: the browser tests' accessibility checks need axe-core"; fi

# graphql-http, the GraphQL-over-HTTP specification's audit suite (with the graphql package it requires), which
# tests/graphql/test_graphql_over_http_audit.py runs with Node.js against a live server. From the npm registry when
# npm is installed; without it that test is skipped, unless LAMPEDUSA_REQUIRE_BROWSER is set.
GRAPHQL_HTTP := .cache/graphql-http/node_modules/graphql-http/package.json
GRAPHQL_HTTP_VERSION := 1.23.1
GRAPHQL_JS_VERSION := 16.15.0

$(GRAPHQL_HTTP):
	if command -v npm >/dev/null; then npm install --prefix .cache/graphql-http --no-save --no-audit --no-fund graphql-http@$(GRAPHQL_HTTP_VERSION) graphql@$(GRAPHQL_JS_VERSION); \
	else echo "npm not found: the GraphQL-over-HTTP audit needs graphql-http"; fi

# The rendition worker (Procfile's `worker`) runs beside the server and stops with it; were it not running, the
# API would make the renditions in the visitors' requests, only slower.
demo: messages $(GAZETTEER)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_campaign_content
	$(MANAGE) ensure_demo_admin
	$(MANAGE) db_worker --backend renditions --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

serve: messages
	$(MANAGE) runserver 127.0.0.1:8000

test: messages $(GAZETTEER) $(AXE) $(GRAPHQL_HTTP)
	$(BIN)/pytest

# wrk, the HTTP load generator of the load bench (bench/load_test.py): Debian's package, installed when it is missing
# and apt-get can (as root); elsewhere the bench stops here and says how to install it.
wrk:
	@if ! command -v wrk >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y wrk; \
	  else echo "wrk not found: the load bench needs it (Debian: sudo apt-get install wrk)"; exit 1; fi; \
	fi

# The PostgreSQL server the growth bench creates its own database on (the others name theirs the same way).
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/postgres

# Every frontend operation under gunicorn with production settings, PostgreSQL and Redis (DATABASE_URL, REDIS_URL;
# needs wrk): its floor view, GraphQL cold and warm, the story list beside Wagtail's API v2, with the ratios.
# In process, SQL queries and latency per operation: `$(BIN)/python -m bench.graphql_bench`.
# Then the growth table and the search recall table per language.
bench: wrk messages
	$(BIN)/python -m bench.load_test --mix-seconds 0
	DATABASE_URL=$${DATABASE_URL:-$(BENCH_POSTGRES)} $(BIN)/python -m bench.growth_bench
	$(BIN)/python -m bench.search_recall

# Endorsement submissions per second through endorseCharter (set DATABASE_URL to measure on PostgreSQL).
bench-endorse: messages
	$(BIN)/python -m bench.endorse_bench

# Recall per language and latency of the visitors' search on PostgreSQL (DATABASE_URL's server, in its own database
# lampedusa_search_bench).
bench-search: messages
	$(BIN)/python -m bench.search_recall

# A cold story list (AVIF and WEBP srcsets of 20 covers, the story_list operation) with renditions made beforehand by
# the worker, beside the in-request path.
bench-renditions: messages
	$(BIN)/python -m bench.renditions_bench

# Cold latency and SQL queries of each frontend operation at 57, 500 and 2,000 stories (20,000 endorsements at the
# largest), in a database of its own on the PostgreSQL server DATABASE_URL names, created and dropped by the bench.
bench-growth: messages
	DATABASE_URL=$${DATABASE_URL:-$(BENCH_POSTGRES)} $(BIN)/python -m bench.growth_bench

# gunicorn + PostgreSQL + Redis over the loopback with wrk: cold, warm, API v2, a static floor, a 60 s mixed load.
bench-load: wrk messages
	$(BIN)/python -m bench.load_test

# Seconds `load_campaign_content` takes on an empty SQLite database (budget: one minute), and a second, unchanged load.
bench-content: messages
	$(BIN)/python -m bench.content_load_bench

# The attacks of "Safe to launch" against gunicorn with production settings: answer times and /healthz meanwhile.
bench-attack: messages
	$(BIN)/python -m bench.attack_bench

# Regenerates the guides' pictures (docs/images/) from the steps of the browser tests (needs Debian's Chromium).
screenshots: messages $(AXE)
	LAMPEDUSA_DOCS_SCREENSHOTS=1 LAMPEDUSA_REQUIRE_BROWSER=1 $(BIN)/pytest tests/browser

lint: install
	$(BIN)/ruff check .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Re-pin every dependency from pyproject.toml into requirements.lock (run after changing a dependency).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet ".[test]"
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^lampedusa-charter-cms' > requirements.lock
	rm -rf .lock-venv build *.egg-info

# Backup and restore round trip on the demo data, in scratch PostgreSQL databases (docs/operations.md).
.PHONY: test-restore
test-restore: install
	ops/test-restore
