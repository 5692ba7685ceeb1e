# The two commands a user needs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: build test data docs release bench eval clean

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

eval: $(STAMP)  # out-of-sample scores of the raw extractor on the dev set
	$(BIN)/newsfacts evaluate benchmarks/devset --out reports/evaluation.csv

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf site dist
