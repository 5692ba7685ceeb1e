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


def test_a_changed_table_description_needs_a_patch(copy, capsys):
    p = copy / "schemas/actors.schema.yaml"
    schema = yaml.safe_load(p.read_text("utf-8"))
    schema["description"] += " Corrected."
    p.write_text(yaml.safe_dump(schema), "utf-8")
    d = diff_packages(str(ROOT), str(copy), ROOT)
    assert d.schema_changes == [("patch", "table `actors` description changed")] and d.required == "patch"
    major, minor, patch = (int(x) for x in newsfacts.__version__.split("."))
    set_version(copy, f"{major}.{minor}.{patch + 1}")
    assert main(["--root", str(ROOT), "diff", str(ROOT), str(copy)]) == 0
    assert "table `actors` description changed (patch)" in capsys.readouterr().out


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


def set_primary_key(pkg, table, key):
    """Give the Table Schema of `table` the primaryKey `key` (None: no primaryKey)."""
    p = pkg / f"schemas/{table}.schema.yaml"
    schema = yaml.safe_load(p.read_text("utf-8"))
    schema.pop("primaryKey")
    if key is not None:
        schema["primaryKey"] = key
    p.write_text(yaml.safe_dump(schema, sort_keys=False), "utf-8")


def change_one_claim(pkg):
    path = pkg / "data/claims.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if ",legitimacy," in line)
    lines[i] = lines[i].replace(",legitimacy,", ",other,", 1)
    path.write_text("".join(lines), "utf-8")
    return lines[i].split(",")[0]


def test_a_primary_key_given_as_one_name_is_the_same_key_as_a_list_of_it(copy, capsys):
    """Table Schema allows `primaryKey: claim_id` for `[claim_id]`: rows are matched by it, and it is no
    schema change (it crashed with KeyError: "None of ['c'] are in the columns")."""
    set_primary_key(copy, "claims", "claim_id")
    claim_id = change_one_claim(copy)
    major, minor, patch = (int(x) for x in newsfacts.__version__.split("."))
    set_version(copy, f"{major}.{minor}.{patch + 1}")
    d = diff_packages(str(ROOT), str(copy), ROOT)
    assert d.tables["claims"].changed == {claim_id: {"claim_type": ("legitimacy", "other")}}
    assert d.schema_changes == [] and d.required == "patch"
    assert diff_packages(str(copy), str(ROOT), ROOT).schema_changes == []
    assert main(["--root", str(ROOT), "diff", str(ROOT), str(copy)]) == 0
    assert f"changed `{claim_id}`" in capsys.readouterr().out


def test_a_table_without_a_primary_key_is_one_error_naming_its_schema_file(copy, capsys):
    """Rows are matched by the new package's primary key: without one the diff is refused with one
    located line and exit 2, not a KeyError traceback."""
    set_primary_key(copy, "claims", None)
    assert main(["--root", str(ROOT), "diff", str(ROOT), str(copy)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"error: {copy / 'schemas/claims.schema.yaml'}, table claims: no primaryKey; newsfacts diff matches "
        "the rows of the two versions by the primary key of the new one: give the table a primaryKey"
    ]


def test_rows_are_matched_by_the_new_key_when_the_old_version_declared_none(copy, capsys):
    """The old version without a primaryKey: its rows are matched by the new one's key (its column is
    there and unique), and the key's addition is a breaking schema change."""
    set_primary_key(copy, "claims", None)
    d = diff_packages(str(copy), str(ROOT), ROOT)
    assert not (d.tables["claims"].added or d.tables["claims"].removed or d.tables["claims"].changed)
    assert d.schema_changes == [("major", "`claims` primary key changed: none → [claim_id]")]


def test_rows_cannot_be_matched_by_a_key_the_old_table_lacks(copy, capsys):
    """A key the old table has no column for (renamed) cannot match rows: one error naming the old
    package's schema file, not a KeyError traceback."""
    p = copy / "schemas/claims.schema.yaml"
    p.write_text(p.read_text("utf-8").replace("primaryKey: [claim_id]", "primaryKey: [claim_type, claim_id]"))
    old = copy.parent / "old"
    shutil.copytree(copy, old)
    set_primary_key(old, "claims", ["claim_id"])
    path = old / "data/claims.csv"
    path.write_text(path.read_text("utf-8").replace("claim_type", "kind_of_claim", 1), "utf-8")
    p = old / "schemas/claims.schema.yaml"
    p.write_text(p.read_text("utf-8").replace("name: claim_type", "name: kind_of_claim"), "utf-8")
    assert main(["--root", str(ROOT), "diff", str(old), str(copy)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {old / 'schemas/claims.schema.yaml'}, table claims: no field claim_type, which the new "
        "version's primaryKey [claim_type, claim_id] matches rows by"
    ]


def test_rows_are_matched_by_every_field_of_a_composite_key(copy):
    """A key of two fields matches a row by both: the same claim_id under another claim_type is a row
    removed and a row added, not a changed cell (matching by the first field alone said 'changed')."""
    p = copy / "schemas/claims.schema.yaml"
    p.write_text(p.read_text("utf-8").replace("primaryKey: [claim_id]", "primaryKey: [claim_id, claim_type]"))
    old = copy.parent / "old"
    shutil.copytree(copy, old)
    claim_id = change_one_claim(copy)
    d = diff_packages(str(old), str(copy), ROOT)
    td = d.tables["claims"]
    assert (td.added, td.removed, td.changed) == ([(claim_id, "other")], [(claim_id, "legitimacy")], {})


def test_a_key_that_is_not_unique_is_one_error(copy, capsys):
    """Two rows with one key cannot be matched: one error naming the file, not a pandas traceback."""
    path = copy / "data/claims.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), "utf-8")
    assert main(["--root", str(ROOT), "diff", str(ROOT), str(copy)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    first = lines[1].split(",")[0]
    assert line == (
        f"error: {copy / 'data/claims.csv'}, table claims: the primaryKey [claim_id] is not unique "
        f"({first!r} is on 2 rows); rows cannot be matched by it"
    )


def test_a_version_that_is_not_major_minor_patch_is_one_error(copy, capsys):
    """The bump is read from the versions: none (or another form) is one error, not a KeyError traceback."""
    desc = json.loads((copy / "datapackage.json").read_text("utf-8"))
    del desc["version"]
    (copy / "datapackage.json").write_text(json.dumps(desc), "utf-8")
    assert main(["--root", str(ROOT), "diff", str(ROOT), str(copy)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {copy / 'datapackage.json'}: the version is None, not MAJOR.MINOR.PATCH; newsfacts diff checks "
        "the version bump"
    ]
