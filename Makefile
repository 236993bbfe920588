# Every developer and CI command. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=
# Test processes (pytest-xdist). Each has its own SQLite files, and on PostgreSQL its own
# database beside the one named (<name>_gw0, ...). PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
# Where `make run` listens: make run HOST=0.0.0.0 PORT=8080
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install browser run lint typecheck test test-sqlite test-pg check-migrations bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/hesabdar: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/hesabdar ## Create .venv and install hesabdar with its dev tools

browser: ## Install Debian's chromium for the browser tests (as root; nothing if it is there)
	@test -x /usr/bin/chromium || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }

run: install ## Start the server on ./hesabdar.db with a demo business (HOST, PORT)
	$(BIN)/hesabdar serve --demo --host $(HOST) --port $(PORT)

lint: install ## ruff, mypy and the import contracts (pyproject.toml [tool.importlinter])
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: install ## Install, then run every test on SQLite (set HESABDAR_TEST_DATABASE_URL for PostgreSQL)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-pg: install ## Run the tests on PostgreSQL (PG_URL names the database; it is emptied)
	HESABDAR_TEST_DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: install ## Run the benchmarks (see bench/README.md)
	$(BIN)/python bench/run.py

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
