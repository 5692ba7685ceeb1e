"""`newsfacts export --sqlite PATH`: the tables in SQLite with primary and foreign keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from newsfacts.errors import InputError
from newsfacts.model.metadata import Table, load_schemas
from newsfacts.package.atomic import check_output_path, output_file
from newsfacts.publish.loader import load


def create_table_sql(name: str, schema: dict) -> str:
    """CREATE TABLE with types, NOT NULL, CHECK (enum), PRIMARY KEY and FOREIGN KEYs from a Table Schema."""
    table = Table(name, schema)
    cols = []
    for f in table.fields:
        col = f'"{f.name}" {f.sql_type}'
        if f.required:
            col += " NOT NULL"
        if f.enum is not None:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in f.enum)
            col += f' CHECK ("{f.name}" IN ({values}))'
        cols.append(col)
    cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    for ref in table.references:
        cols.append(f'FOREIGN KEY ("{ref.field}") REFERENCES "{ref.resource}" ("{ref.target_field}")')
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(cols) + "\n)"


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
            fields = Table(name, schema).fields
            names = [f.name for f in fields]
            rows = [
                [f.sql_value(v) for v, f in zip(row, fields, strict=False)]
                for row in tables[name][names].itertuples(index=False)
            ]
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
