"""`newsfacts export --sqlite PATH`: the tables in SQLite with primary and foreign keys.

Tables, fields and keys are the package's, as datapackage.json gives them (`read_package`, the way
`load` reads the rows). A table without a primaryKey is exported without a PRIMARY KEY; a field
its schema makes unique is UNIQUE. SQLite declares a foreign key only to a primary key or a unique
field: a foreignKey to a field that is neither is refused before anything is written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from newsfacts.errors import InputError
from newsfacts.model.descriptor import schema_member
from newsfacts.model.metadata import Table
from newsfacts.model.package import read_package
from newsfacts.package.atomic import check_output_path, output_file
from newsfacts.publish.loader import load


def create_table_sql(name: str, schema: dict) -> str:
    """CREATE TABLE with types, NOT NULL, UNIQUE, CHECK (enum), PRIMARY KEY and FOREIGN KEYs from a Table Schema."""
    table = Table(name, schema)
    cols = []
    for f in table.fields:
        col = f'"{f.name}" {f.sql_type}'
        if f.required:
            col += " NOT NULL"
        if f.constraints.get("unique") and table.primary_key != [f.name]:
            col += " UNIQUE"
        if f.enum is not None:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in f.enum)
            col += f' CHECK ("{f.name}" IN ({values}))'
        cols.append(col)
    if table.primary_key:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in table.primary_key) + ")")
    for ref in table.references:
        cols.append(f'FOREIGN KEY ("{ref.field}") REFERENCES "{ref.resource}" ("{ref.target_field}")')
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def check_foreign_keys(schemas: dict[str, dict], where: dict[str, str] | None = None) -> None:
    """InputError for the first foreign key SQLite cannot declare: to a field that is neither the primary
    key of its table nor unique (`where`: each table's schema file, for the message)."""
    for name, schema in schemas.items():
        for i, ref in enumerate(Table(name, schema).references):
            target = Table(ref.resource, schemas[ref.resource])
            if target.primary_key != [ref.target_field] and not target.field(ref.target_field).constraints.get(
                "unique"
            ):
                raise InputError(
                    f"foreignKeys[{i}] points to {ref.resource}.{ref.target_field}, which is neither the primaryKey "
                    f"of {ref.resource} nor unique; SQLite declares a foreign key only to a key: give "
                    f"{ref.resource} a primaryKey or make {ref.target_field} unique",
                    file=(where or {}).get(name),
                    table=name,
                )


def export_sqlite(root: Path, out: Path) -> Path:
    check_output_path(out)
    package = read_package(root)
    check_foreign_keys(package.schemas, {r["name"]: str(root / schema_member(r)) for r in package.resources})
    tables = load(root)
    with output_file(out) as tmp:
        _write_sqlite(tmp, package.schemas, tables)
    return out


def _write_sqlite(path: Path, schemas: dict[str, dict], tables: dict[str, pd.DataFrame]) -> None:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        # keys are enforced by readers that turn foreign_keys on; the whole load is checked below, so
        # the tables may come in any order (the package's)
        check_foreign_keys(schemas)
        for name, schema in schemas.items():
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
