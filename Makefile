# The two commands a user needs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: build test lint ruff data docs serve publish release recut bench eval clean

PORT ?= 8000
PUBLISH_DIR := dist/site

# requirements.lock pins everything `newsfacts[build,dev]` needs (the reader alone needs pandas and
# PyYAML); the project itself is installed editable on top, without resolving again.
$(STAMP): requirements.lock pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

build: $(STAMP) data release docs

data: $(STAMP)
	$(BIN)/newsfacts schemas
	$(BIN)/newsfacts build
	$(BIN)/newsfacts quality
	$(BIN)/newsfacts findings
	$(BIN)/newsfacts evaluate benchmarks/devset --out reports/evaluation.csv
	$(BIN)/newsfacts evaluate benchmarks/freshset --out reports/evaluation-freshset.csv

docs: $(STAMP)  # links the release zip when `release` has run first; the ER diagram needs Graphviz (dot)
	$(BIN)/mkdocs build --strict --site-dir site

# Search needs HTTP (a browser opening site/index.html from disk cannot run it): view the site here.
serve: docs
	@echo "serving site/ at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory site $(PORT)

# A ready directory for any static host: every link is relative. Set NEWSFACTS_SITE_URL to the
# published address (https://host/path/) so the 404 page, canonical links and sitemap use it.
publish: release
	rm -rf $(PUBLISH_DIR)
	$(BIN)/mkdocs build --strict --site-dir $(PUBLISH_DIR)
	touch $(PUBLISH_DIR)/.nojekyll
	@echo "ready to upload: $(PUBLISH_DIR)/ (site_url: $${NEWSFACTS_SITE_URL:-none set; the 404 page assumes the site is at the host's root})"

# dist/<name>-<version>.zip; fails when the bytes differ from the version's entry in releases.yaml
release: $(STAMP)
	$(BIN)/newsfacts release

# record the current (pending, not yet released) version's cut in releases.yaml after a data change
recut: $(STAMP) data
	$(BIN)/newsfacts release --recut

# the quality gate: lint, format and complexity <= 12 (ruff), types (mypy); `make test` runs it too
ruff: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

lint: ruff
	$(BIN)/mypy

# pytest-xdist: the tests run on every core (TEST_WORKERS=0: in one process), a whole test file per
# worker, so that a module's fixtures (the browser, a release cut) are set up once. Files are handed
# out in collection order (the long ones, marked slow, first: tests/conftest.py), not in xdist's
# default order (the files with the most tests first), which started the browser test last.
# The plugins are named rather than auto-loaded: pytest rewrites the asserts of every module of every
# installed package that registers a plugin, so hypothesis's ~50 modules (which the tests import) were
# rewritten and compiled again by each worker, and anyio's and typeguard's plugins (no test uses them)
# were imported: ~1.2 s of each process's collection. A plugin a test needs goes here with -p.
TEST_WORKERS ?= auto
PYTEST := PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(BIN)/pytest -p xdist -p hypothesispytest \
	-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# The gate, then the tests; mypy runs beside the tests rather than before them: in a fresh clone (no
# .mypy_cache) it takes ~8 s of one core, which then overlaps the tests instead of preceding them. Its
# output is held back and printed after the tests'; make test fails when either fails, and Ctrl-C
# stops both.
test: ruff
	@mypy_log=$$(mktemp); mypy=; \
	trap 'if [ -n "$$mypy" ]; then kill $$mypy 2>/dev/null; fi; rm -f "$$mypy_log"' EXIT; \
	trap 'exit 130' INT TERM; \
	$(BIN)/mypy >"$$mypy_log" 2>&1 & mypy=$$!; \
	echo "$(PYTEST)    (with $(BIN)/mypy alongside: its output follows the tests')"; \
	$(PYTEST); suite=$$?; \
	wait $$mypy; typed=$$?; mypy=; \
	echo "$(BIN)/mypy"; cat "$$mypy_log"; \
	[ $$suite -eq 0 ] && [ $$typed -eq 0 ]

eval: $(STAMP)  # out-of-sample scores of the raw extractor on the dev set and the second set
	$(BIN)/newsfacts evaluate benchmarks/devset --out reports/evaluation.csv
	$(BIN)/newsfacts evaluate benchmarks/freshset --out reports/evaluation-freshset.csv

bench: $(STAMP)  # not a test: corpus extraction throughput, memory, scaling (~5 min on 2 idle cores; benchmarks/README.md)
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf site dist
