"""`read_package`: a data package's datapackage.json and Table Schemas, read one way everywhere.

Used by validation, diff, the reader, release and the docs. Standard library and PyYAML only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.errors import InputError
from newsfacts.model.metadata import Table
from newsfacts.yamlio import parse_plain_yaml

# A package's members by relative path: a directory, or a reader of a zip or URL.
Member = Callable[[str], bytes]


PARQUET_COPY = "-parquet"  # a Parquet copy of the table `quotes` is the resource `quotes-parquet`


@dataclass(frozen=True)
class Package:
    descriptor: dict
    schemas: dict[str, dict]  # table (a CSV resource's name) -> Table Schema, in the descriptor's order
    # a Parquet resource's name -> the table whose rows it holds (`newsfacts extract --parquet`)
    copies: dict[str, str] = field(default_factory=dict)

    @property
    def tables(self) -> dict[str, Table]:
        return {name: Table(name, schema) for name, schema in self.schemas.items()}

    @property
    def resources(self) -> list[dict]:
        return self.descriptor["resources"]


def _descriptor(raw: bytes, where: Path) -> dict:
    try:
        desc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", file=where) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=where, line=exc.lineno) from None
    resources = desc.get("resources") if isinstance(desc, dict) else None
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("name"), str) for r in resources
    ):
        raise InputError("expected an object with a list of named 'resources'", file=where, line=1)
    return desc


def _member_reader(location: Path) -> Member:
    def read(member: str) -> bytes:
        path = location / member
        if not path.is_file():
            raise FileNotFoundError(path)
        return path.read_bytes()

    return read


def read_package(location: Path | str | Member, where: str | Path | None = None) -> Package:
    """datapackage.json and every resource's Table Schema (inline, or a YAML/JSON file it names).

    A table is read from its CSV resource. A resource of format `parquet` must be a copy of one:
    named `<table>-parquet`, with the table's Table Schema (what `newsfacts extract --parquet`
    writes); it is listed in `copies`, not in `schemas`. `location` is a package directory or a
    function reading a member (for zips and URLs). A package that cannot be read raises
    InputError naming the file.
    """
    read = location if callable(location) else _member_reader(Path(location))
    base = Path(str(where if where is not None else (location if not callable(location) else ".")))
    desc_path = base / "datapackage.json"
    desc = _descriptor(read("datapackage.json"), desc_path)
    schemas = {}
    for res in desc["resources"]:
        schema = res.get("schema")
        if isinstance(schema, str):
            try:
                text = read(schema).decode("utf-8")
            except FileNotFoundError:
                raise InputError(
                    f"resource {res['name']!r} names the schema {schema!r}, which does not exist", file=desc_path
                ) from None
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid UTF-8 (byte {exc.start})", file=base / schema) from None
            schema = parse_plain_yaml(text, base / schema)  # YAML is a superset of JSON; parsed once per text
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            raise InputError(f"resource {res['name']!r} has no Table Schema with fields", file=desc_path)
        schemas[res["name"]] = schema
    parquet = [res["name"] for res in desc["resources"] if res.get("format") == "parquet"]
    tables = {name: schema for name, schema in schemas.items() if name not in parquet}
    return Package(desc, tables, {name: _copy_of(name, schemas[name], tables, desc_path) for name in parquet})


def _copy_of(name: str, schema: dict, tables: dict[str, dict], desc_path: Path) -> str:
    """The table a Parquet resource copies; InputError when it is not a copy of a CSV table."""
    table = name.removesuffix(PARQUET_COPY)
    if table == name or tables.get(table) != schema:
        raise InputError(
            f"resource {name!r} is Parquet but not a copy of a CSV table: newsfacts reads each table from CSV, "
            f"and a Parquet resource must be named '<table>{PARQUET_COPY}' and have that table's Table Schema",
            file=desc_path,
        )
    return table
