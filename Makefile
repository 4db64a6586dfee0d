# archive-search: every target sets up what it needs (virtualenv, install) first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Serving needs the package alone; tests and lint add their tools (pyproject extras).
SERVE_STAMP := $(VENV)/.installed-serve-stamp
INDEX ?= .index
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_PASSAGES ?= 100000

.PHONY: install install-serve index serve test test-fast lint format bench loadtest eval clean \
	opensearch opensearch-stop opensearch-launcher

$(SERVE_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable .
	touch $(SERVE_STAMP)

$(STAMP): $(SERVE_STAMP)
	$(BIN)/python -m pip install --quiet --editable '.[test,lint]'
	touch $(STAMP)

install: $(STAMP)

install-serve: $(SERVE_STAMP)

index: install-serve
	$(BIN)/archive-search index data/ --index $(INDEX)

# The index step is incremental: it indexes data/ on a fresh clone, applies what changed
# since, rebuilds an index of an older version, and is a no-op when nothing changed.
serve: install-serve
	$(BIN)/archive-search index data/ --index $(INDEX)
	$(BIN)/archive-search serve --host $(HOST) --port $(PORT) --index $(INDEX)

# The whole suite: CI's command (browser, live servers, fuzzing, benchmark smoke).
test: install
	$(BIN)/python -m pytest

# Everyday work: no browser, no live server, nothing marked slow (about a minute).
test-fast: install
	$(BIN)/python -m pytest -m "not browser and not server and not slow and not opensearch"

lint: install
	$(BIN)/ruff check indexer web tests
	$(BIN)/ruff format --check indexer web tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/xenon --max-absolute C indexer web

format: install
	$(BIN)/ruff format indexer web tests
	$(BIN)/ruff check --fix indexer web tests

bench: install
	$(BIN)/python -m tests.benchmark --passages $(BENCH_PASSAGES)

# Not part of `make test`: ~3 minutes, needs wrk (Debian: apt-get install -y wrk).
loadtest: install
	$(BIN)/python -m tests.reliability.loadtest --passages $(BENCH_PASSAGES)

# Not part of `make test`: the readers on 81 real saved pages (../shared/fixtures/html-eval),
# as HTML and as text (needs w3m), and known-item search over data/ and all shared fixtures;
# writes docs/eval.md and appends to docs/eval-history.jsonl.
eval: install
	$(BIN)/python -m tests.eval

# A real two-node OpenSearch 2.19 cluster on 127.0.0.1:9200 and :9201 (transport 9300, 9301),
# data and logs in $(OPENSEARCH_HOME)/, built from Maven Central by opensearch/ (needs Java 17
# and Maven; docs/scaling.md). Returns once the cluster is green; the system Python suffices.
OPENSEARCH_HOME ?= .opensearch
CLUSTER := $(PYTHON) -m tests.opensearch.cluster

opensearch-launcher:
	$(CLUSTER) build

opensearch:
	$(CLUSTER) start --home $(OPENSEARCH_HOME)

opensearch-stop:
	$(CLUSTER) stop --home $(OPENSEARCH_HOME)

clean:
	rm -rf $(INDEX) .bench .pytest_cache .mypy_cache .ruff_cache opensearch/target
