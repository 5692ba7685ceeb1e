"""`read_package`: a data package's datapackage.json and Table Schemas, read one way everywhere.

Used by validation, diff, the reader, release and the docs. Standard library and PyYAML only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.errors import InputError
from newsfacts.model.descriptor import check_references, check_schema, parse_descriptor
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


def _member_reader(location: Path) -> Member:
    def read(member: str) -> bytes:
        path = location / member
        if path.is_dir():
            raise InputError("is a directory, not a file", file=path)
        return path.read_bytes()  # FileNotFoundError (an OSError naming the path) when it is missing

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
    desc = parse_descriptor(read("datapackage.json"), desc_path)
    schemas, files = {}, {}
    for res in desc["resources"]:
        schema, files[res["name"]] = _schema_of(res, read, base, desc_path)
        schemas[res["name"]] = check_schema(res["name"], schema, files[res["name"]])
    parquet = [res["name"] for res in desc["resources"] if res.get("format") == "parquet"]
    tables = {name: schema for name, schema in schemas.items() if name not in parquet}
    copies = {name: _copy_of(name, schemas[name], tables, desc_path) for name in parquet}
    check_references(tables, files)
    return Package(desc, tables, copies)


def _schema_of(res: dict, read: Member, base: Path, desc_path: Path) -> tuple[object, Path]:
    """A resource's Table Schema as parsed (not yet checked), and the file it is in."""
    schema = res["schema"]
    if not isinstance(schema, str):
        return schema, desc_path
    try:
        text = read(schema).decode("utf-8")
    except FileNotFoundError:
        raise InputError(
            f"resource {res['name']!r} names the schema {schema!r}, which does not exist", file=desc_path
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", file=base / schema) from None
    return parse_plain_yaml(text, base / schema), base / schema  # YAML is a superset of JSON; parsed once per text


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
