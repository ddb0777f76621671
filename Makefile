PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-clean train eval clean-output

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/advice-pipeline run corpus/ -o output/

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: bench-clean

# Our clean stage against trafilatura on the ScrapingHub pages (../shared/bench/scrapinghub).
# Needs the bench extra: pip install -e '.[bench]'.
bench-clean: $(STAMP)
	$(BIN)/advice-pipeline eval clean

clean-output:
	rm -f output/*.json output/*.jsonl
