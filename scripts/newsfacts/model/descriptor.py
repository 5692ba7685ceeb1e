"""What newsfacts reads of a data package: its datapackage.json and Table Schemas, checked before use.

A Data Package may hold more than newsfacts reads (inline data, remote files, other field types,
composite foreign keys). A package outside what it reads, or one whose descriptor is malformed,
raises InputError naming the file and the resource, table or field, instead of failing later
deep inside pandas, pandera or frictionless. A resource's file must lie inside the package:
nothing is read from a path that is absolute or climbs out of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

from newsfacts.errors import InputError
from newsfacts.model.metadata import PANDAS_DTYPES, key_fields

TYPES = tuple(PANDAS_DTYPES)  # the field types newsfacts reads: string, integer, number, boolean, date
FORMATS = ("csv", "parquet")  # a table is a CSV file; a Parquet file may copy one (`newsfacts extract --parquet`)
NUMERIC = ("integer", "number")


class _DuplicateKey(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def parse_descriptor(raw: bytes, where: Path | str) -> dict:
    """datapackage.json (`raw`, read from `where`): a JSON object with a list of resources, each a
    file inside the package; InputError naming the file (and the resource) otherwise."""
    try:
        desc = json.loads(raw.decode("utf-8"), object_pairs_hook=_unique_keys)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", file=where) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=where, line=exc.lineno) from None
    except _DuplicateKey as exc:
        raise InputError(
            f"duplicate key {exc.key!r} in one object; JSON would silently keep only the last one: merge them",
            file=where,
        ) from None
    resources = desc.get("resources") if isinstance(desc, dict) else None
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("name"), str) for r in resources
    ):
        raise InputError("expected an object with a list of named 'resources'", file=where, line=1)
    names: set[str] = set()
    for res in resources:
        if res["name"] in names:
            raise InputError(f"two resources are named {res['name']!r}", file=where)
        names.add(res["name"])
        _check_resource(res, where)
    return desc


def _check_resource(res: dict, where: Path | str) -> None:
    name = res["name"]
    path = res.get("path")
    if not isinstance(path, str):
        raise InputError(
            f"resource {name!r} has no 'path' naming one file (newsfacts reads every resource from a file of "
            "the package, not from inline 'data' or a list of files)",
            file=where,
        )
    _check_inside(path, f"resource {name!r} has the path {path!r}", where)
    schema = res.get("schema")
    if isinstance(schema, str):
        _check_inside(schema, f"resource {name!r} names the schema {schema!r}", where)
    elif not isinstance(schema, dict):
        raise InputError(f"resource {name!r} has no Table Schema (a file it names, or an object)", file=where)
    fmt = res.get("format", "csv")
    if fmt not in FORMATS:
        raise InputError(
            f"resource {name!r} has the format {fmt!r}: newsfacts reads tables from CSV files (and Parquet "
            "copies of them)",
            file=where,
        )
    encoding = res.get("encoding", "utf-8")
    if not isinstance(encoding, str) or encoding.lower().replace("-", "") != "utf8":
        raise InputError(f"resource {name!r} has the encoding {encoding!r}: newsfacts reads UTF-8 only", file=where)
    if "hash" in res and not isinstance(res["hash"], str):
        raise InputError(f"resource {name!r} has the hash {res['hash']!r}, which is not a text string", file=where)
    if "bytes" in res and (type(res["bytes"]) is not int or res["bytes"] < 0):
        raise InputError(f"resource {name!r} has 'bytes' {res['bytes']!r}, which is not a byte count", file=where)


def outside_reason(path: str) -> str | None:
    """Why `path` does not name a file inside the package (None when it does)."""
    parsed = urlparse(path)
    reasons = (
        (not path.strip(), "it is empty"),
        ("\\" in path or "\x00" in path, "it holds a backslash or a NUL byte"),
        (PurePosixPath(path).is_absolute(), "it is absolute"),
        (".." in PurePosixPath(path).parts or "../" in path, "it climbs out with '..'"),
        (path.startswith("~"), "it starts with '~'"),
        ("$" in path or re.search(r"%[^%]+%", path) is not None, "it holds an environment variable"),
        (len(parsed.scheme) == 1, "it starts with a Windows drive"),
        (bool(parsed.scheme), f"it is a {parsed.scheme}: URL"),
    )
    return next((why for bad, why in reasons if bad), None)


def _check_inside(path: str, what: str, where: Path | str) -> None:
    why = outside_reason(path)
    if why is not None:
        raise InputError(f"{what}, which is not a file inside the package ({why}); refusing to read it", file=where)


def schema_member(res: dict) -> str:
    """The package file that holds a (checked) resource's Table Schema: the one it names, or datapackage.json."""
    return res["schema"] if isinstance(res["schema"], str) else "datapackage.json"


def check_schema(table: str, schema: Any, where: Path) -> dict:
    """`schema`, the Table Schema of the resource `table` read from `where`, when newsfacts can read it:
    fields with distinct names and types it knows, constraints of the right kinds, keys naming fields.
    A primaryKey given as one field name (Table Schema allows it) is made, in place, the list of it:
    every reader of the package sees a list."""
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise InputError("not a Table Schema with a list of fields", file=where, table=table)
    names: list[str] = []
    for i, field in enumerate(schema["fields"]):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field["name"]:
            raise InputError(f"fields[{i}] is not an object with a name", file=where, table=table)
        if field["name"] in names:
            raise InputError("defined twice", file=where, table=table, field=field["name"])
        names.append(field["name"])
        _check_field(field, where, table)
    _check_keys(schema, names, where, table)
    return schema


def _check_field(field: dict, where: Path, table: str) -> None:
    def refuse(message: str) -> InputError:
        return InputError(message, file=where, table=table, field=field["name"])

    ftype = field.get("type")
    if ftype not in TYPES:
        said = "no type" if ftype is None else f"the type {ftype!r}"
        raise refuse(f"has {said}; newsfacts reads the types {', '.join(TYPES)}")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        raise refuse(f"constraints must be an object, not {constraints!r}")
    for flag in ("required", "unique"):
        if not isinstance(constraints.get(flag, False), bool):
            raise refuse(f"constraints.{flag} must be true or false, not {constraints[flag]!r}")
    enum = constraints.get("enum")
    if enum is not None and (
        ftype != "string" or not isinstance(enum, list) or not all(isinstance(v, str) for v in enum)
    ):
        raise refuse(f"constraints.enum must be a list of text strings on a string field, not {enum!r}")
    if enum is not None and len(set(enum)) != len(enum):
        raise refuse("constraints.enum lists a value twice")
    _check_pattern(constraints.get("pattern"), refuse)
    for bound in ("minimum", "maximum"):
        value = constraints.get(bound)
        if value is not None and ftype not in NUMERIC:
            raise refuse(f"constraints.{bound} is for integer and number fields, not a {ftype} field")
        if value is not None and type(value) not in (int, float):
            raise refuse(f"constraints.{bound} must be a number, not {value!r}")


def _check_pattern(pattern: Any, refuse: Callable[[str], InputError]) -> None:
    if pattern is None:
        return
    if not isinstance(pattern, str):
        raise refuse(f"constraints.pattern must be a text string, not {pattern!r}")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise refuse(f"constraints.pattern {pattern!r} is not a regular expression: {exc}") from None


def _names_of(value: Any) -> list[str] | None:
    """A key's field names, or None when it is neither a name nor a non-empty list of names."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _check_keys(schema: dict, names: list[str], where: Path, table: str) -> None:
    if "primaryKey" in schema:
        pk = _names_of(schema["primaryKey"])
        if pk is None:
            raise InputError(
                f"primaryKey must be a field name or a list of them, not {schema['primaryKey']!r}",
                file=where,
                table=table,
            )
        for name in pk:
            if name not in names:
                raise InputError(f"primaryKey names {name!r}, which is not a field", file=where, table=table)
        schema["primaryKey"] = list(pk)
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        raise InputError(f"foreignKeys must be a list, not {fks!r}", file=where, table=table)
    for i, fk in enumerate(fks):
        _check_foreign_key(fk, f"foreignKeys[{i}]", names, where, table)


def _check_foreign_key(fk: Any, what: str, names: list[str], where: Path, table: str) -> None:
    ref = fk.get("reference") if isinstance(fk, dict) else None
    fields = _names_of(fk.get("fields")) if isinstance(fk, dict) else None
    target = _names_of(ref.get("fields")) if isinstance(ref, dict) else None
    if fields is None or target is None or not isinstance(ref, dict) or not isinstance(ref.get("resource"), str):
        raise InputError(
            f"{what} must be an object with 'fields' and a 'reference' to a 'resource' and its 'fields'",
            file=where,
            table=table,
        )
    if len(fields) != 1 or len(target) != 1:
        raise InputError(
            f"{what} has several fields; newsfacts reads foreign keys of one field", file=where, table=table
        )
    if fields[0] not in names:
        raise InputError(f"{what} names {fields[0]!r}, which is not a field", file=where, table=table)


def check_references(schemas: dict[str, dict], where: dict[str, Path]) -> None:
    """Every foreign key of the tables `schemas` points to a field of one of them (`where`: each
    table's schema file, for the message)."""
    for table, schema in schemas.items():
        for i, fk in enumerate(schema.get("foreignKeys", [])):
            ref = fk["reference"]
            resource, (field,) = ref["resource"] or table, key_fields(ref["fields"])
            if resource not in schemas:
                raise InputError(
                    f"foreignKeys[{i}] points to the resource {resource!r}, which is not a table of the package",
                    file=where[table],
                    table=table,
                )
            if field not in [f["name"] for f in schemas[resource]["fields"]]:
                raise InputError(
                    f"foreignKeys[{i}] points to {resource}.{field}, which is not a field of {resource!r}",
                    file=where[table],
                    table=table,
                )
