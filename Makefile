# Two commands matter: `make run` serves the API, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= var/claims.db
PORT ?= 8000
TOOLS := .tools
TOOLS_STAMP := $(TOOLS)/.installed-stamp
NODE_TOOLS := @stoplight/spectral-cli@6 openapi-typescript@7 openapi-fetch@0.17 typescript@5

.PHONY: install tools build run test test-fast lint format typecheck lexicon bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Node tools for the contract and client tests (Spectral, openapi-typescript, tsc), in
# $(TOOLS)/; without npm, or when npm fails, those tests skip and say why.
tools: $(TOOLS_STAMP)

$(TOOLS_STAMP): Makefile
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "No npm: the Spectral and TypeScript client tests will skip"; \
	elif npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error $(NODE_TOOLS); then \
	  touch $@; \
	else \
	  echo "npm install failed: the Spectral and TypeScript client tests will skip"; \
	fi

build: install
	$(BIN)/claims build --db $(DB)

run: build
	$(BIN)/claims serve --db $(DB) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# mypy reads its settings, and which files to check, from pyproject.toml.
typecheck: install
	$(BIN)/mypy

test: install tools lint typecheck
	$(BIN)/claims build --check
	$(BIN)/python -m pytest

# The quick loop while working: lint and types, then every test not marked browser, postgres
# or slow (the markers are declared in pyproject.toml); `make test` still runs them all.
test-fast: install lint typecheck
	$(BIN)/python -m pytest -m "not browser and not postgres and not slow"

# Derive the WordNet lexicon files in service/pipeline/lexicon/ again, from Debian's
# wordnet-base (apt-get install wordnet-base); they are committed, so nothing else needs it.
lexicon: install
	$(BIN)/python -m service.pipeline.lexicon.wordnet /usr/share/wordnet

# NLP scores on the article, the invented sets and the real-news sets, ours against libraries.
eval: install
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	$(BIN)/python bench/dates_eval.py --libraries
	$(BIN)/python bench/nlp_eval.py
	$(BIN)/python bench/claims_eval.py
	$(BIN)/python bench/language_eval.py

bench: build
	$(BIN)/python bench/http_bench.py --db $(DB)
	$(BIN)/python bench/annotation_writes.py --db $(DB)
	$(BIN)/python bench/nlp_eval.py
	$(BIN)/python bench/claims_eval.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/parallel.py

clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .ruff_cache .mypy_cache .hypothesis
