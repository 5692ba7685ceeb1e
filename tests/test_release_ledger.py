"""Frozen versions: the ledger (releases.yaml) pins every version's bytes; data changes need a bump."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import newsfacts
from conftest import ROOT
from newsfacts.changelog import changelog_entry
from newsfacts.cli import main
from newsfacts.publish.diff import LEVELS, diff_packages
from newsfacts.publish.release import (
    fingerprint,
    last_released,
    ledger_entry,
    read_ledger,
    release_files,
    zip_bytes,
)


@pytest.fixture(scope="module")
def cut():
    files = release_files(ROOT)
    data = zip_bytes(files)
    return files, data, fingerprint(ROOT, files, data)


def _no_git(why: str) -> None:
    """Outside a git checkout (an sdist) skip; in CI (which always clones) fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"not a git checkout in CI: {why}")
    pytest.skip(f"not a git checkout: {why}")


def test_current_version_is_in_the_ledger_with_these_exact_bytes(cut):
    """A data change without a new version (or a re-cut of a pending one) fails here."""
    _, _, fp = cut
    entry = ledger_entry(read_ledger(ROOT), newsfacts.__version__)
    assert entry is not None, f"{newsfacts.__version__} is not in releases.yaml: `newsfacts release --recut`"
    how = (
        "it is released: bump the version"
        if entry["status"] == "released"
        else "it is pending: `newsfacts release --recut` records the new cut"
    )
    assert entry["tables"] == fp["tables"], f"tables differ from the ledger entry of {newsfacts.__version__}; {how}"
    assert entry["schemas"] == fp["schemas"], f"schemas differ from the ledger entry; {how}"
    assert entry["zip_sha256"] == fp["zip_sha256"], f"the release zip differs from the ledger entry; {how}"


def test_change_since_the_last_release_has_a_sufficient_bump_and_a_changelog_entry(cut):
    _, _, fp = cut
    entries = read_ledger(ROOT)
    last = last_released(entries, before=newsfacts.__version__)
    assert last is not None, "the ledger has no released version before this one"
    if last["tables"] == fp["tables"] and last["schemas"] == fp["schemas"]:
        pytest.skip("no table or schema change since the last release")  # pragma: no cover
    assert [int(x) for x in newsfacts.__version__.split(".")] > [int(x) for x in str(last["version"]).split(".")]
    if not (ROOT / ".git").exists():
        _no_git("the required bump needs the released commit")
    d = diff_packages(last["commit"], str(ROOT), ROOT)
    assert d.old_version == last["version"]
    assert LEVELS[d.bump] >= LEVELS[d.required], (
        f"{last['version']} → {newsfacts.__version__} is a {d.bump} bump; the change needs {d.required}"
    )
    entry = changelog_entry(ROOT, newsfacts.__version__)
    assert entry and len(entry.split()) > 20, f"CHANGELOG.md needs an entry for {newsfacts.__version__}"


def test_the_ledger_records_the_released_tables_of_its_commits():
    """A released entry's table hashes are those of the package committed at its commit."""
    if not (ROOT / ".git").exists():
        _no_git("the ledger's commits cannot be read")
    for entry in read_ledger(ROOT):
        if entry["status"] != "released":
            continue
        proc = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{entry['commit']}:datapackage.json"],
            capture_output=True,
            text=True,
            check=True,
        )
        desc = json.loads(proc.stdout)
        assert desc["version"] == entry["version"]
        assert {r["name"]: r["hash"].removeprefix("sha256:") for r in desc["resources"]} == entry["tables"]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory, cached_extract):
    """A built copy of the project (inputs, ledger), built once for the release tests below (each gets its
    own copy of it: `built_copy`). The extractor is memoised for the module (conftest `cached_extract`):
    these tests rebuild to test releases, not it."""
    root = tmp_path_factory.mktemp("proj")
    for rel in ("schemas", "data/raw", "CHANGELOG.md", "LICENSE", "LICENSE-DATA", "CITATION.cff", "releases.yaml"):
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, root / rel)
        else:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, root / rel)
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture
def built_copy(built_once, tmp_path, cached_extract):
    """This test's copy of the built project, as `newsfacts build` left it (a copy, not a second build)."""
    return Path(shutil.copytree(built_once, tmp_path / "proj", symlinks=True))


def _set_entry(root, **fields):
    data = yaml.safe_load((root / "releases.yaml").read_text("utf-8"))
    entry = next(e for e in data["releases"] if str(e["version"]) == newsfacts.__version__)
    entry.update(fields)
    (root / "releases.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")


def test_release_refuses_to_overwrite_a_released_version(built_copy, capsys):
    root = built_copy
    zip_path = root / "dist" / f"annexation-referendums-2022-{newsfacts.__version__}.zip"
    assert main(["--root", str(root), "release"]) == 0
    good = zip_path.read_bytes()
    capsys.readouterr()
    claims = root / "data/claims.csv"
    original = claims.read_bytes()
    claims.write_bytes(original.replace(b",legitimacy,", b",other,", 1))  # a hand edit, not a build
    assert main(["--root", str(root), "release"]) == 2
    assert "data/claims.csv is not what `newsfacts build` wrote" in " ".join(capsys.readouterr().err.split())
    claims.write_bytes(original)
    _set_entry(
        root,
        status="released",
        commit="0" * 40,
        zip_sha256="0" * 64,
        tables=dict(ledger_entry(read_ledger(root), newsfacts.__version__)["tables"], claims="0" * 64),
    )
    assert main(["--root", str(root), "release"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "is released and frozen" in err and "differs in table claims." in err and "Bump the version" in err
    assert main(["--root", str(root), "release", "--recut"]) == 2
    assert "cannot be re-cut" in capsys.readouterr().err
    assert zip_path.read_bytes() == good, "the released zip was not touched"


def test_pending_version_is_recut_only_on_request(built_copy, capsys):
    root = built_copy
    _set_entry(root, status="pending", zip_sha256="0" * 64)
    capsys.readouterr()
    assert main(["--root", str(root), "release"]) == 2
    assert "newsfacts release --recut" in capsys.readouterr().err
    assert main(["--root", str(root), "release", "--recut"]) == 0
    entry = ledger_entry(read_ledger(root), newsfacts.__version__)
    zip_path = root / "dist" / f"annexation-referendums-2022-{newsfacts.__version__}.zip"
    import hashlib

    assert entry["status"] == "pending" and entry["zip_sha256"] == hashlib.sha256(zip_path.read_bytes()).hexdigest()
    assert main(["--root", str(root), "release"]) == 0, "an unchanged cut matches its entry"
    assert main(["--root", str(root), "release", "--freeze"]) == 2, "not a git checkout: nothing to freeze from"


def test_every_subcommand_has_a_description(capsys):
    from newsfacts.cli import main as cli_main

    for command in ("build", "validate", "extract", "quality", "findings", "diff", "export", "candidates", "release"):
        with pytest.raises(SystemExit):
            cli_main([command, "--help"])
        out = capsys.readouterr().out
        usage, _, rest = out.partition("\n\n")
        assert rest.split("\n\n")[0].strip() and not rest.startswith("positional") and not rest.startswith("options"), (
            command
        )


def test_freeze_marks_the_committed_cut_released_and_then_it_never_changes(built_copy, capsys):
    root = built_copy
    _set_entry(
        root, status="pending"
    )  # a cut not yet frozen (it was left so by the test above when they shared a copy)
    assert main(["--root", str(root), "release", "--recut"]) == 0

    def git(*args):
        return subprocess.run(
            ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "cut")
    head = git("rev-parse", "HEAD")
    assert main(["--root", str(root), "release", "--freeze"]) == 0
    entry = ledger_entry(read_ledger(root), newsfacts.__version__)
    assert entry["status"] == "released" and entry["commit"] == head
    assert main(["--root", str(root), "release"]) == 0, "the same bytes may be written again"
    # a curator's change after the freeze: the build works, the release under the same number does not
    review = root / "data/raw/reviews/upi-2022-09-28.yaml"
    review.write_text(
        review.read_text("utf-8").replace("set: {claim_type: displacement}", "set: {claim_type: other}"), "utf-8"
    )
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    assert main(["--root", str(root), "release"]) == 2
    assert "differs in table claims." in " ".join(capsys.readouterr().err.split())
