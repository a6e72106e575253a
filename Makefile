# Everything runs from a local virtualenv so a fresh machine needs only python3 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := $(VENV)/demo.db

.PHONY: install demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The example: the board's published agenda of 2024-02-15 (29 decisions), then the registry's
# export with dates, parties and amounts; print the board's list; load the delegation order and
# show what `check` finds (it exits 1 on errors, which is what the example is meant to show).
# These are commands of the README's tour, in the tour's order (tests/test_readme.py).
DEMO := $(BIN)/delreg --db $(DEMO_DB)
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(DEMO) meetings add 2024-02-15 --board "Hälso- och sjukvårdsnämnden" \
		--paragraph 16 --adjusted-on 2024-02-20 --posted-on 2024-02-21
	$(DEMO) import data/example-agenda.txt --meeting 2024-02-15
	$(DEMO) import data/example-diarium.csv
	$(DEMO) report --meeting 2024-02-15
	$(DEMO) delegation load data/delegationsordning.toml
	$(DEMO) check --as-of 2024-02-29 || test $$? -eq 1

lint: $(STAMP)
	$(BIN)/ruff check delreg tests $(wildcard bench)
	$(BIN)/ruff format --check delreg tests $(wildcard bench)

typecheck: $(STAMP)
	$(BIN)/mypy delreg tests

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

# The benchmark (bench/RESULTS.md): about 20 minutes for 10 000 to 1 000 000 rows, then issue
# 18's comparison with sqlite-utils and a plain executemany at 200 000 and 1 000 000 rows.
# Smaller runs: make bench BENCH_ARGS=--quick, or BENCH_SIZES=10000,50000 make bench;
# one part: BENCH_ARGS="--parts versus,pdf --versus-sizes 20000".
# Then `delreg publish` of 100 000 decisions against a sqlite3 copy (BENCH_PUBLISH_ARGS=--rows N).
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/publish.py $(BENCH_PUBLISH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
