"""The Table Schemas in schemas/ are the one source of truth for tables and fields.

Everything else (datapackage.json, pandas dtypes, pandera validators, the docs' field
reference, the order tables are built and written in) is derived from them here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from newsfacts.model.metadata import Table, tables_of
from newsfacts.publish.dtypes import BOOLEANS, field_dtype, typed_column  # noqa: F401  (re-exported)
from newsfacts.yamlio import read_yaml

SCHEMA_SUFFIX = ".schema.yaml"


def _strip_lines(obj):
    """Plain dicts/lists (YAML line bookkeeping removed)."""
    if isinstance(obj, dict):
        return {k: _strip_lines(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_strip_lines(v) for v in obj]
    return obj


def _dependency_order(schemas: dict[str, dict]) -> list[str]:
    """Tables sorted so that every table comes after the tables its foreign keys point to."""
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:  # a self-reference or a cycle: order is irrelevant there
            return
        visiting.add(name)
        for fk in schemas[name].get("foreignKeys", []):
            ref = fk["reference"]["resource"]
            if ref and ref != name:
                visit(ref)
        visiting.discard(name)
        order.append(name)

    for name in sorted(schemas):
        visit(name)
    return order


@lru_cache(maxsize=4)
def load_schemas(schema_dir: Path) -> dict[str, dict]:
    """All Table Schemas in `schema_dir`, keyed by table name, in dependency order."""
    found = {
        p.name[: -len(SCHEMA_SUFFIX)]: _strip_lines(read_yaml(p))
        for p in sorted(Path(schema_dir).glob(f"*{SCHEMA_SUFFIX}"))
    }
    return {name: found[name] for name in _dependency_order(found)}


def load_tables(schema_dir: Path) -> dict[str, Table]:
    """The metadata model of every table in `schema_dir`, in dependency order."""
    return tables_of(load_schemas(schema_dir))


def field_names(schema: dict) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def primary_key(schema: dict) -> list[str]:
    return list(schema["primaryKey"])


def _field_checks(field: dict) -> list[pa.Check]:
    c = field.get("constraints", {})
    checks = []
    if "pattern" in c:
        checks.append(pa.Check.str_matches(f"^(?:{c['pattern']})$", name=f"pattern {c['pattern']}"))
    if "minimum" in c:
        checks.append(pa.Check.ge(c["minimum"], name=f"minimum {c['minimum']}"))
    if "maximum" in c:
        checks.append(pa.Check.le(c["maximum"], name=f"maximum {c['maximum']}"))
    return checks


def pandera_schema(name: str, schema: dict) -> pa.DataFrameSchema:
    """A pandera schema derived from a Table Schema, for frames typed by `field_dtype`.

    Written here instead of pandera's `from_frictionless_schema`, which maps dates to
    strings and nullable integers to int64 and so cannot check the published types.
    """
    columns = {}
    for field in schema["fields"]:
        c = field.get("constraints", {})
        dtype = field_dtype(field)
        checks = _field_checks(field)
        if isinstance(dtype, pd.CategoricalDtype):
            checks.append(pa.Check.isin(list(dtype.categories), name="enum"))
            dtype = None  # membership is checked on the values; category codes are the loader's business
        columns[field["name"]] = pa.Column(
            dtype,
            checks=checks,
            nullable=not c.get("required", False),
            unique=bool(c.get("unique", False)),
            required=True,
            coerce=dtype is not None,
        )
    return pa.DataFrameSchema(columns, name=name, strict=True, ordered=True, unique=primary_key(schema))
