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
    for rel in PROJECT_FILES:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, tmp_path / rel)
        elif src.exists():
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, tmp_path / rel)
    return tmp_path


@pytest.fixture(scope="session")
def built_tables():
    """The tables as built from the repository's inputs (once per session)."""
    from newsfacts.build import build_tables

    return build_tables(ROOT)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The documentation site built with --strict from the committed data."""
    out = tmp_path_factory.mktemp("site")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return out
