import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ["schemas", "data/raw", "CHANGELOG.md", "LICENSE", "LICENSE-DATA", "CITATION.cff", "releases.yaml"]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's inputs in a temporary directory, safe to break."""
    _copy(PROJECT_FILES, tmp_path)
    return tmp_path


def _copy(rels, dest: Path) -> None:
    """The project's files and folders `rels` (those that exist) copied under `dest`."""
    for rel in rels:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel)
        elif src.exists():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


@pytest.fixture(scope="session")
def built_tables():
    """The tables as built from the repository's inputs (once per session)."""
    from newsfacts.package.build import build_tables

    return build_tables(ROOT)


def pytest_collection_modifyitems(items):
    """The files marked slow first (a stable sort): under pytest-xdist each worker takes a whole file,
    and a long file taken last would leave the other workers idle while it runs. xdist keeps this
    order only with --no-loadscope-reorder (make test passes it): by default it hands out the files
    with the most tests first."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def _run_dir(tmp_path_factory) -> Path:
    """The temporary directory of this test run: under pytest-xdist, the one its workers share."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The documentation site built with --strict from the committed data, once per run: the first
    worker to take the lock builds it, the others wait and share it (tests only read it)."""
    run = _run_dir(tmp_path_factory)
    out, done = run / "site", run / "site.built"
    with open(run / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            mkdocs_build(out)
            done.touch()
    return out


def mkdocs_build(site_dir: Path, **env: str) -> None:
    """`mkdocs build --strict --site-dir site_dir` in the repository, with `env` set, run in this process as
    the command runs it (its config, hooks and theme; a warning aborts it), without a new interpreter that
    imports MkDocs, the theme and newsfacts again (~1.2 s of CPU)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        for name, value in {"NO_MKDOCS_2_WARNING": "1", **env}.items():
            mp.setenv(name, value)
        config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)  # raises mkdocs.exceptions.Abort on a warning (strict); the warnings are in the log
        finally:
            config.plugins.on_shutdown()


OUTPUT_FILES = [
    "datapackage.json",
    "data/sources.csv",
    "data/actors.csv",
    "data/mentions.csv",
    "data/quotes.csv",
    "data/claims.csv",
    "data/figures.csv",
    "reports",
]
_EXTRACTED: dict = {}


@pytest.fixture(scope="session")
def pristine(tmp_path_factory) -> Path:
    """ONE copy of the built project (inputs and the committed outputs, which the drift test keeps
    equal to a fresh build), made once per session; tests copy it cheaply instead of building."""
    root = tmp_path_factory.mktemp("pristine")
    _copy(PROJECT_FILES + OUTPUT_FILES, root)
    return root


@pytest.fixture
def built(pristine, tmp_path) -> Path:
    """A fresh, safe-to-break copy of the built project (no build run)."""
    return Path(shutil.copytree(pristine, tmp_path / "project"))


@pytest.fixture(scope="module")
def cached_extract():
    """Memoise the extractor (a pure function of text, metadata and registry) across a module's builds."""
    import copy
    import json

    import newsfacts.package.build as build

    real = build.extract

    def extract(source_id, text, registry, aliases, published_date):
        key = (source_id, text, json.dumps(registry, sort_keys=True, default=str), str(published_date))
        if key not in _EXTRACTED:
            _EXTRACTED[key] = real(source_id, text, registry, aliases, published_date)
        return copy.deepcopy(_EXTRACTED[key])

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build, "extract", extract)
        yield


def heavy_modules_loaded(modules, heavy) -> list[str]:
    """Import `modules` one after the other in one fresh interpreter; for each, the `heavy` modules
    already loaded after it ("module []" when none), so the first one that brings them in is named."""
    code = (
        "import importlib, sys\n"
        f"for module in {list(modules)!r}:\n"
        "    importlib.import_module(module)\n"
        f"    print(module, sorted(m for m in {tuple(heavy)!r} if m in sys.modules))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
