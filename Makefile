# Two commands matter: `make run` serves the API, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= var/claims.db
PORT ?= 8000

.PHONY: install build run test lint format bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

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

test: install lint
	$(BIN)/claims build --check
	$(BIN)/python -m pytest

# NLP scores on the article and on the development sets, ours against libraries.
eval: install
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	$(BIN)/python bench/dates_eval.py --libraries
	$(BIN)/python bench/nlp_eval.py
	$(BIN)/python bench/claims_eval.py

bench: build
	$(BIN)/python bench/http_bench.py --db $(DB)
	$(BIN)/python bench/nlp_eval.py
	$(BIN)/python bench/claims_eval.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/incremental.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
