"""The reader installs anywhere: a wheel with the data inside, loaded in a clean virtual environment
that has only the core dependencies (no spaCy, frictionless, pandera, pyarrow)."""

import shutil
import subprocess
import sys
import venv

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

SOURCE_FILES = [
    "pyproject.toml",
    "setup.py",
    "README.md",
    "LICENSE",
    "LICENSE-DATA",
    "CITATION.cff",
    "datapackage.json",
    "data",
    "schemas",
    "scripts",
]


def _run(*cmd, cwd=None):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=300)
    assert proc.returncode == 0, f"{cmd}: {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
    return proc.stdout


def test_wheel_loads_its_own_data_in_a_clean_venv(tmp_path):
    src = tmp_path / "src"
    for rel in SOURCE_FILES:
        if (ROOT / rel).is_dir():
            shutil.copytree(ROOT / rel, src / rel, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "raw"))
        else:
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "wheels", src)
    wheel = next((tmp_path / "wheels").glob("newsfacts-*.whl"))

    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    _run(*pip, "--python", python, "install", "-q", "--no-compile", "-c", ROOT / "requirements.lock", wheel)
    installed = _run(
        python,
        "-c",
        "import importlib.metadata as m; print(sorted(d.metadata['Name'].lower() for d in m.distributions()))",
    )
    for heavy in ("spacy", "frictionless", "pandera", "pyarrow", "rich"):
        assert f"'{heavy}'" not in installed, f"{heavy} is not a core dependency"

    script = (
        "import json, newsfacts, pathlib\n"
        "t = newsfacts.load()\n"
        "print(json.dumps({'file': newsfacts.__file__, 'version': newsfacts.__version__,\n"
        "  'rows': {k: len(v) for k, v in t.items()}, 'kind': str(t['quotes']['kind'].dtype)}))\n"
    )
    out = _run(python, "-c", script, cwd=tmp_path)  # outside any checkout
    import json

    import newsfacts

    got = json.loads(out)
    cli = env / "bin" / "newsfacts"
    assert _run(cli, "--version").strip() == f"newsfacts {newsfacts.__version__}"
    proc = subprocess.run([str(cli), "build"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and "pip install 'newsfacts[build]'" in proc.stderr and "Traceback" not in proc.stderr
    assert "site-packages" in got["file"] and got["version"] == newsfacts.__version__
    assert got["rows"] == {k: len(v) for k, v in newsfacts.load().items()}
    assert got["kind"] == "category"
