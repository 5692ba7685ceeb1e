"""SQLite export: keys from the schemas, and a join of quotes to actors to sources."""

import json
import shutil
import sqlite3

import pytest
import yaml

from conftest import ROOT
from newsfacts.cli import main


def test_sqlite_export_joins_quotes_actors_sources(tmp_path):
    db = tmp_path / "news.sqlite"
    assert main(["--root", str(ROOT), "export", "--sqlite", str(db)]) == 0
    con = sqlite3.connect(db)
    rows = con.execute("""
        SELECT a.name, s.outlet, q.text FROM quotes q
        JOIN actors a ON a.actor_id = q.speaker_id
        JOIN sources s ON s.source_id = q.source_id
        WHERE a.actor_id = 'joe-biden' ORDER BY s.outlet, q.start_char""").fetchall()
    assert ("Joe Biden", "UPI", "sham.") in rows
    assert {r[1] for r in rows} == {"AFP", "UPI"}
    assert (
        con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
        == sum(1 for _ in (ROOT / "data/quotes.csv").open(encoding="utf-8")) - 1
    )
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute(
            "INSERT INTO quotes (quote_id, source_id, kind, start_char, end_char, text, section_type,"
            " review_status) VALUES ('x:q:1-2', 'no-such-source', 'speech', 1, 2, 'a', 'body', 'added')"
        )
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE quotes SET kind = 'nonsense' WHERE rowid = 1")


@pytest.fixture
def copy(tmp_path):
    """The package (datapackage.json, its Table Schemas and CSV tables) copied to change."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    shutil.copy2(ROOT / "datapackage.json", pkg)
    shutil.copytree(ROOT / "schemas", pkg / "schemas", ignore=shutil.ignore_patterns("tables", "fields.yaml"))
    (pkg / "data").mkdir()
    for csv in (ROOT / "data").glob("*.csv"):
        shutil.copy2(csv, pkg / "data")
    return pkg


def edit_schema(pkg, table, change):
    p = pkg / f"schemas/{table}.schema.yaml"
    schema = yaml.safe_load(p.read_text("utf-8"))
    change(schema)
    p.write_text(yaml.safe_dump(schema, sort_keys=False), "utf-8")


def test_a_table_without_a_primary_key_is_exported_without_one(copy, tmp_path):
    """The key is only the table's PRIMARY KEY in SQLite: without one (sources) the table is exported
    without it, its unique source_id still UNIQUE, so the other tables' foreign keys to it still hold
    (it crashed with sqlite3.OperationalError: near ")": syntax error)."""
    edit_schema(copy, "sources", lambda s: s.pop("primaryKey"))
    db = tmp_path / "news.sqlite"
    assert main(["--root", str(copy), "export", "--sqlite", str(db)]) == 0
    con = sqlite3.connect(db)
    assert [r[5] for r in con.execute("PRAGMA table_info(sources)")] == [0] * len(
        yaml.safe_load((copy / "schemas/sources.schema.yaml").read_text("utf-8"))["fields"]
    )
    assert con.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == len(
        (copy / "data/sources.csv").read_text("utf-8").splitlines()[1:]
    )
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO sources SELECT * FROM sources LIMIT 1")


def test_a_foreign_key_to_a_field_that_is_no_key_is_one_error(copy, tmp_path, capsys):
    """SQLite declares a foreign key only to a primary key or a unique field: to one that is neither, the
    export is refused with one line naming the schema and the foreign key, and no database is written."""

    def neither(schema):
        schema.pop("primaryKey")
        del schema["fields"][0]["constraints"]["unique"]

    edit_schema(copy, "sources", neither)
    db = tmp_path / "news.sqlite"
    assert main(["--root", str(copy), "export", "--sqlite", str(db)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {copy / 'schemas/quotes.schema.yaml'}, table quotes: foreignKeys[0] points to sources.source_id, "
        "which is neither the primaryKey of sources nor unique; SQLite declares a foreign key only to a key: "
        "give sources a primaryKey or make source_id unique"
    ]
    assert not db.exists()


def test_the_tables_of_the_package_are_exported_wherever_its_schemas_are(copy, tmp_path):
    """Tables and keys come from the package's datapackage.json (as `load` reads it): Table Schemas in
    JSON files (as in a release) or inline, a primaryKey given as one name. (Reading
    schemas/*.schema.yaml instead, the export of an unzipped release was an empty database, exit 0.)"""
    desc = json.loads((copy / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:
        yml = copy / res["schema"]
        schema = yaml.safe_load(yml.read_text("utf-8"))
        schema["primaryKey"] = schema["primaryKey"][0]
        yml.unlink()
        if res["name"] == "claims":
            res["schema"] = schema
        else:
            res["schema"] = f"schemas/{res['name']}.schema.json"
            (copy / res["schema"]).write_text(json.dumps(schema), "utf-8")
    (copy / "datapackage.json").write_text(json.dumps(desc), "utf-8")
    db = tmp_path / "news.sqlite"
    assert main(["--root", str(copy), "export", "--sqlite", str(db)]) == 0
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {res["name"] for res in desc["resources"]}
    for res in desc["resources"]:
        table = res["name"]
        assert [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[5]] == [f"{table[:-1]}_id"]
        assert con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == len(
            (copy / res["path"]).read_text("utf-8").splitlines()[1:]
        ), table
