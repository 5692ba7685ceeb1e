"""`newsfacts diff` reports exactly a modification and enforces the semver bump."""

import json
import shutil
import subprocess

import pytest
import yaml

import newsfacts
from conftest import ROOT
from newsfacts.cli import main
from newsfacts.package.build import build_tables
from newsfacts.publish.diff import diff_packages


@pytest.fixture
def copy(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    shutil.copy2(ROOT / "datapackage.json", pkg)
    shutil.copytree(ROOT / "data", pkg / "data", ignore=shutil.ignore_patterns("raw"))
    shutil.copytree(ROOT / "schemas", pkg / "schemas")
    return pkg


def set_version(pkg, version):
    desc = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    desc["version"] = version
    (pkg / "datapackage.json").write_text(json.dumps(desc), "utf-8")


def test_reports_exactly_the_modified_cell(copy, capsys):
    path = copy / "data/claims.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if ",legitimacy," in line)
    claim_id = lines[i].split(",")[0]
    lines[i] = lines[i].replace(",legitimacy,", ",other,", 1)
    path.write_text("".join(lines), "utf-8")
    major, minor, patch = (int(x) for x in newsfacts.__version__.split("."))
    set_version(copy, f"{major}.{minor}.{patch + 1}")
    d = diff_packages(str(ROOT), str(copy), ROOT)
    changed = {t: td.changed for t, td in d.tables.items() if td.changed or td.added or td.removed}
    assert changed == {"claims": {claim_id: {"claim_type": ("legitimacy", "other")}}}
    assert d.schema_changes == [] and d.required == "patch" and d.bump == "patch"
    assert main(["--root", str(ROOT), "diff", str(ROOT), str(copy)]) == 0
    assert f"changed `{claim_id}`" in capsys.readouterr().out


def test_breaking_schema_change_needs_a_major_bump(copy, capsys):
    p = copy / "schemas/actors.schema.yaml"
    schema = yaml.safe_load(p.read_text("utf-8"))
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "title"]
    p.write_text(yaml.safe_dump(schema), "utf-8")
    set_version(copy, "0.2.0")
    assert main(["--root", str(ROOT), "diff", str(ROOT), str(copy)]) == 1
    assert "`actors.title` removed (major)" in capsys.readouterr().out


def test_diff_against_a_git_ref(tmp_path, capsys):
    """HEAD's committed package against a copy of it with one claim changed: exit 1 without a
    version bump, 0 with a patch bump (the working tree's state does not matter)."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "HEAD", "datapackage.json", "schemas", "data/*.csv"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(pkg)], input=archive, check=True)
    path = pkg / "data/claims.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if ",legitimacy," in line)
    claim_id = lines[i].split(",")[0]
    lines[i] = lines[i].replace(",legitimacy,", ",other,", 1)
    path.write_text("".join(lines), "utf-8")
    assert main(["--root", str(ROOT), "diff", "HEAD", str(pkg)]) == 1
    out = capsys.readouterr().out
    assert "Compared with" in out and f"changed `{claim_id}`" in out
    version = json.loads((pkg / "datapackage.json").read_text("utf-8"))["version"]
    major, minor, patch = (int(x) for x in version.split("."))
    set_version(pkg, f"{major}.{minor}.{patch + 1}")
    assert main(["--root", str(ROOT), "diff", "HEAD", str(pkg)]) == 0


def test_row_ids_are_stable_when_an_article_is_added(project):
    before = build_tables(project)
    (project / "data/raw/articles/extra-2022-09-30.txt").write_text(
        "Jane Doe, a spokeswoman, said the vote was a “sham”. Rockets killed five people.\n", "utf-8"
    )
    with (project / "data/raw/sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "  - {source_id: extra-2022-09-30, outlet: Example, published_date: 2022-09-30, authors: null,\n"
            "     headline: null, url: null, language: en}\n"
        )
    after = build_tables(project)
    for table, pk in (
        ("mentions", "mention_id"),
        ("quotes", "quote_id"),
        ("claims", "claim_id"),
        ("figures", "figure_id"),
    ):
        old = set(before[table][pk])
        new = set(after[table][after[table].source_id != "extra-2022-09-30"][pk])
        assert old == new, table
    assert (after["sources"].source_id == "extra-2022-09-30").any()
