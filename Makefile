# The two commands a user needs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: build test data docs release recut bench eval clean

# requirements.lock pins everything `newsfacts[build,dev]` needs (the reader alone needs pandas and
# PyYAML); the project itself is installed editable on top, without resolving again.
$(STAMP): requirements.lock pyproject.toml setup.py
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

# dist/<name>-<version>.zip; fails when the bytes differ from the version's entry in releases.yaml
release: $(STAMP)
	$(BIN)/newsfacts release

# record the current (pending, not yet released) version's cut in releases.yaml after a data change
recut: $(STAMP) data
	$(BIN)/newsfacts release --recut

test: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)  # out-of-sample scores of the raw extractor on the dev set
	$(BIN)/newsfacts evaluate benchmarks/devset --out reports/evaluation.csv

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf site dist
