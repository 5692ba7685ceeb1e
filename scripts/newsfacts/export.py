"""`newsfacts export --sqlite PATH`: the tables in SQLite with primary and foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from newsfacts.atomic import check_output_path, output_file
from newsfacts.errors import InputError
from newsfacts.loader import load
from newsfacts.schemas import load_schemas

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


def create_table_sql(name: str, schema: dict) -> str:
    """CREATE TABLE with types, NOT NULL, CHECK (enum), PRIMARY KEY and FOREIGN KEYs from a Table Schema."""
    cols = []
    for f in schema["fields"]:
        c = f.get("constraints", {})
        col = f'"{f["name"]}" {SQL_TYPES[f["type"]]}'
        if c.get("required"):
            col += " NOT NULL"
        if "enum" in c:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in c["enum"])
            col += f' CHECK ("{f["name"]}" IN ({values}))'
        cols.append(col)
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in schema["primaryKey"]) + ")")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        cols.append(f'FOREIGN KEY ("{fk["fields"][0]}") REFERENCES "{ref["resource"] or name}" ("{ref["fields"][0]}")')
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _value(v, ftype):
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if ftype == "date":
        return v.date().isoformat()
    if ftype == "boolean":
        return int(bool(v))
    if ftype == "integer":
        return int(v)
    if ftype == "number":
        return float(v)
    return str(v)


def export_sqlite(root: Path, out: Path) -> Path:
    check_output_path(out)
    schemas = load_schemas(root / "schemas")
    tables = load(root)
    with output_file(out) as tmp:
        _write_sqlite(tmp, schemas, tables)
    return out


def _write_sqlite(path: Path, schemas: dict[str, dict], tables: dict[str, pd.DataFrame]) -> None:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        # keys are enforced by readers that turn foreign_keys on; the whole load is checked below
        for name, schema in schemas.items():  # dependency order: referenced tables first
            con.execute(create_table_sql(name, schema))
            types = [f["type"] for f in schema["fields"]]
            names = [f["name"] for f in schema["fields"]]
            rows = [[_value(v, t) for v, t in zip(row, types)] for row in tables[name][names].itertuples(index=False)]
            con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(names))})', rows)
        con.commit()
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise InputError(f"foreign key violations in the tables: {problems[:5]}; run `newsfacts validate`")
    finally:
        con.close()


def write_sqlite(schemas: dict[str, dict], tables: dict[str, pd.DataFrame], path: Path) -> None:
    """Create the database at `path` with every table, keys and checks; fail on a key violation."""
    _write_sqlite(path, schemas, tables)
