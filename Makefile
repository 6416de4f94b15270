# The two commands a user needs: `make demo` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: install demo test lint types pytest test-slow fuzz bench bench-classify clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/supportgauge demo

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: install
	$(BIN)/mypy

# Tests run on every core; each file's tests stay on one worker so its shared stores are built once.
pytest: install
	$(BIN)/pytest -q -m "not slow" -n auto --dist loadfile

test: lint types pytest

test-slow: install
	$(BIN)/pytest -q -m slow; status=$$?; test $$status -eq 0 -o $$status -eq 5
	SUPPORTGAUGE_FULL_EXAMPLES=1 $(BIN)/pytest -q -m properties -n auto --dist loadfile

# The import fuzz tests on new random examples (test-slow replays the same ones each run).
fuzz: install
	SUPPORTGAUGE_FUZZ_PROFILE=explore $(BIN)/pytest -q -m slow tests/fuzz -n auto

bench: install
	$(BIN)/python benchmarks/core_benchmark.py

# The reply reader on the own eval set and on a real labelled set read from REAL_EVAL.
REAL_EVAL ?= ../shared/eval/replies_dev.jsonl
bench-classify: install
	$(BIN)/python benchmarks/classify_benchmark.py --real $(REAL_EVAL)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
