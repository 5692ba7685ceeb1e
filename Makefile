# The two commands a user needs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: build test data docs release bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

build: $(STAMP) data release docs

data: $(STAMP)
	$(BIN)/newsfacts build
	$(BIN)/newsfacts quality
	$(BIN)/newsfacts findings

docs: $(STAMP)  # links the release zip when `release` has run first
	$(BIN)/mkdocs build --strict --site-dir site

release: $(STAMP)
	$(BIN)/newsfacts release

test: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)  # not a test: corpus extraction throughput, memory, scaling (~5 min on 2 idle cores; benchmarks/README.md)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf site dist
