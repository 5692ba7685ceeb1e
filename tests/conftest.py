import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ["schemas", "data/raw", "CHANGELOG.md", "LICENSE", "LICENSE-DATA", "CITATION.cff"]


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
