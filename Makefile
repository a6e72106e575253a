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

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/delreg --db $(DEMO_DB) meetings add 2024-02-15 --board "Hälso- och sjukvårdsnämnden" \
		--paragraph 16 --adjusted-on 2024-02-20 --posted-on 2024-02-21
	$(BIN)/delreg --db $(DEMO_DB) import data/example-register.csv
	$(BIN)/delreg --db $(DEMO_DB) list

lint: $(STAMP)
	$(BIN)/ruff check delreg tests bench
	$(BIN)/ruff format --check delreg tests bench

typecheck: $(STAMP)
	$(BIN)/mypy delreg

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
