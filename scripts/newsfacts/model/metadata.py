"""The metadata model: tables and fields, read from the schemas, known to every stage.

`schemas/fields.yaml` defines the fields several tables share, once; `schemas/tables/<table>.yaml`
lists each table's fields (a shared one by name, optionally with keys that replace the shared
ones). `render_schemas` turns them into the published `schemas/<table>.schema.yaml` Table
Schemas; everything else reads those through `Table` and `Field`:

- `Table`: name, primary key, id column and letter, span fields, references, sort keys;
- `Field`: the one switch from a field's type to a CSV cell, a pandas dtype, an SQL type
  and value, and a Parquet (arrow) type.

Only the standard library and PyYAML at import: pandas and pyarrow are imported by the
methods that need them, so that the light reader and the CLI start fast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from newsfacts.model.ids import LETTER_OF, row_id_pattern
from newsfacts.yamlio import read_plain_yaml

SCHEMA_SUFFIX = ".schema.yaml"
# The fields every span table carries: where its row is in the article and how it got there.
SPAN_FIELDS = ("source_id", "start_char", "end_char", "text", "section_type", "rule", "review_status")
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
BOOLEANS = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
PANDAS_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "date": "datetime64[ns]",
}
# The columns that say what a row is where another table cites it (`newsfacts.with_context` joins them).
CONTEXT_FIELDS = {"actors": ("name", "actor_type", "country_code"), "sources": ("outlet", "published_date")}
# Key order of a field in a published Table Schema (other keys follow, in the order given).
FIELD_KEYS = ("name", "type", "title", "description", "example", "constraints", "enumDescriptions")


def key_fields(value: Any) -> list[str]:
    """The field names of a primary or foreign key: Table Schema allows one name or a list of names."""
    return [value] if isinstance(value, str) else list(value)


def _is_null(value: Any) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    try:
        import pandas as pd  # only when a value may be a pandas missing value (pd.NA, NaT)
    except ImportError:  # pragma: no cover - pandas is a dependency of the reader
        return False
    return not isinstance(value, (str, list, dict)) and bool(pd.isna(value))


@dataclass(frozen=True)
class Field:
    """One field of a Table Schema (`descriptor` is its dict)."""

    descriptor: dict

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def type(self) -> str:
        return self.descriptor["type"]

    @property
    def constraints(self) -> dict:
        return self.descriptor.get("constraints", {})

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))

    @property
    def enum(self) -> list | None:
        enum = self.constraints.get("enum")
        return None if enum is None else list(enum)

    def cell(self, value: Any) -> str:
        """The value as written in the published CSV: empty for null, fixed number format."""
        if _is_null(value):
            return ""
        if self.type == "boolean":
            return "true" if value else "false"
        if self.type == "integer":
            return str(int(value))
        if self.type == "number":
            v = float(value)
            return str(int(v)) if v.is_integer() else format(v, ".10g")
        if self.type == "date":
            return value.isoformat() if hasattr(value, "isoformat") else str(value)
        return str(value)

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]

    def sql_value(self, value: Any) -> Any:
        """The value as stored in SQLite (dates as ISO text, booleans as 0/1)."""
        if _is_null(value):
            return None
        if self.type == "date":
            return value.date().isoformat() if hasattr(value, "date") else str(value)
        if self.type == "boolean":
            return int(bool(value))
        if self.type == "integer":
            return int(value)
        if self.type == "number":
            return float(value)
        return str(value)

    def arrow_value(self, value: Any) -> Any:
        """The value as given to pyarrow: None for null, dates as datetime.date."""
        if _is_null(value):
            return None
        if self.type == "date":
            return value.date() if hasattr(value, "date") else value
        return value

    def arrow_field(self) -> Any:
        """The Parquet column: type, nullability and the description as metadata."""
        import pyarrow as pa

        return pa.field(
            self.name,
            self.arrow_type(),
            nullable=not self.required,
            metadata={"description": " ".join(self.descriptor.get("description", "").split())},
        )

    def pandas_dtype(self) -> Any:
        """The pandas dtype the field is loaded as (enums: unordered categoricals)."""
        if self.enum is not None:
            import pandas as pd

            return pd.CategoricalDtype(categories=self.enum, ordered=False)
        return PANDAS_DTYPES[self.type]

    def read_column(self, col: Any, categorical: bool = True) -> tuple[Any, Any]:
        """(typed pandas column, mask of cells that could not be read as the field's type) of a
        column of CSV strings. Enums become categoricals with the schema's categories (a value
        outside them is unreadable); with `categorical=False` they stay strings (for validators
        that report enum violations themselves)."""
        import pandas as pd

        if self.enum is not None:
            if not categorical:
                return col.astype("string"), pd.Series(False, index=col.index)
            bad = col.notna() & ~col.isin(self.enum)
            return col.where(~bad).astype(self.pandas_dtype()), bad
        if self.type == "date":
            typed = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
        elif self.type == "boolean":
            typed = col.map(BOOLEANS).astype("boolean")
        elif self.type in ("integer", "number"):
            typed = pd.to_numeric(col, errors="coerce")
            if self.type == "integer":
                typed = typed.where(typed.isna() | (typed == typed.round()))
        else:
            typed = col
        bad = col.notna() & typed.isna()
        return typed.where(~bad).astype(self.pandas_dtype()), bad

    def arrow_type(self) -> Any:
        """The Parquet (pyarrow) type (enums are plain strings)."""
        import pyarrow as pa

        return {
            "string": pa.string(),
            "integer": pa.int64(),
            "number": pa.float64(),
            "boolean": pa.bool_(),
            "date": pa.date32(),
        }[self.type]


@dataclass(frozen=True)
class Reference:
    """A foreign key: `field` of this table names a `target_field` of `resource`."""

    field: str
    resource: str
    target_field: str

    @property
    def role(self) -> str | None:
        """What the cited row is to the citing one (`speaker` for speaker_id -> actors), None when the
        column is named as the cited table's own key (source_id -> sources)."""
        return None if self.field == self.target_field else self.field.removesuffix("_id")


@dataclass(frozen=True)
class Table:
    """One table of the package, from its Table Schema (`schema`)."""

    name: str
    schema: dict

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        return tuple(Field(f) for f in self.schema["fields"])

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def primary_key(self) -> list[str]:
        """The primary key's fields ([] when the schema has none)."""
        return key_fields(self.schema.get("primaryKey", []))

    @property
    def id_column(self) -> str:
        """The column that identifies a row (every table here has a one-column primary key)."""
        (column,) = self.primary_key
        return column

    @property
    def row_kind(self) -> str:
        """What one row is, in words: `quote` for quotes."""
        return self.id_column.removesuffix("_id")

    @property
    def id_letter(self) -> str | None:
        """The letter in the table's row ids (model.ids), None for tables without span row ids."""
        return LETTER_OF.get(self.name)

    @property
    def is_span_table(self) -> bool:
        return all(f in self.field_names for f in SPAN_FIELDS)

    @property
    def span_fields(self) -> tuple[str, ...]:
        return SPAN_FIELDS if self.is_span_table else ()

    @property
    def references(self) -> list[Reference]:
        return [
            Reference(
                key_fields(fk["fields"])[0],
                fk["reference"]["resource"] or self.name,
                key_fields(fk["reference"]["fields"])[0],
            )
            for fk in self.schema.get("foreignKeys", [])
        ]

    def references_to(self, resource: str) -> list[str]:
        """The columns of this table that name a row of `resource`."""
        return [r.field for r in self.references if r.resource == resource]

    @property
    def actor_columns(self) -> list[str]:
        """The columns that name an actor (from the foreign keys to actors)."""
        return self.references_to("actors")

    @property
    def context_fields(self) -> tuple[str, ...]:
        """The columns that say what a row of this table is where another table cites it."""
        return CONTEXT_FIELDS.get(self.name, ())

    def context_of(self, ref: Reference, cited: Table) -> dict[str, str]:
        """The context columns of `cited` that the reference `ref` of this table brings, and the names
        they take here: as they are for the table's own key (outlet), else after the reference's role,
        without the cited table's row kind (speaker_id: actor_type -> speaker_type, name -> speaker_name)."""
        if ref.resource == self.name:
            return {}
        return {
            f: f if ref.role is None else f"{ref.role}_{f.removeprefix(cited.row_kind + '_')}"
            for f in cited.context_fields
        }

    @property
    def sort_keys(self) -> list[str]:
        """The order rows are written in: by position in the article for span tables, then by key."""
        span = ["source_id", "start_char", "end_char"] if self.is_span_table else []
        return span + self.primary_key

    @property
    def settable_fields(self) -> list[str]:
        """The fields a review may set: all but the id and the span bookkeeping."""
        return [f for f in self.field_names if f not in SPAN_FIELDS and f not in self.primary_key]


def tables_of(schemas: dict[str, dict]) -> dict[str, Table]:
    """Table objects of Table Schemas keyed by name (in the given order)."""
    return {name: Table(name, schema) for name, schema in schemas.items()}


# --- the published schemas of a project, read -------------------------------------------------


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


def load_schemas(schema_dir: Path) -> dict[str, dict]:
    """All Table Schemas in `schema_dir` (schemas/<table>.schema.yaml), keyed by table name, in dependency order.

    The files are read at every call and parsed once per process for each content (`read_plain_yaml`): a
    schema changed on disk is seen at once, and the caller gets its own copy to change."""
    found = {
        p.name[: -len(SCHEMA_SUFFIX)]: read_plain_yaml(p) for p in sorted(Path(schema_dir).glob(f"*{SCHEMA_SUFFIX}"))
    }
    return {name: found[name] for name in _dependency_order(found)}


def load_tables(schema_dir: Path) -> dict[str, Table]:
    """The metadata model of every table in `schema_dir`, in dependency order."""
    return tables_of(load_schemas(schema_dir))


# --- the published schemas, generated from fields.yaml and tables/ ---------------------------


def _expand_field(entry: str | dict, shared: dict[str, dict], row: str, letter: str | None) -> dict:
    """One field of a table file: a shared field by name, with the keys given beside it replacing its own.

    A `pattern` of `{row_id}` becomes the row-id grammar of the table's letter (model.ids)."""
    given: dict = {"name": entry} if isinstance(entry, str) else dict(entry)
    name = given["name"]
    if isinstance(entry, str) and name not in shared:
        raise ValueError(f"field {name!r} is listed by name but schemas/fields.yaml does not define it")
    merged: dict = {"name": name, **shared[name], **given} if name in shared else given
    if isinstance(merged.get("description"), str):
        merged["description"] = merged["description"].replace("{row}", row)
    if merged.get("constraints", {}).get("pattern") == "{row_id}":
        if letter is None:
            raise ValueError(f"field {name!r}: `{{row_id}}` needs a table with a row-id letter (model.ids)")
        merged["constraints"] = {**merged["constraints"], "pattern": row_id_pattern(letter)}
    if name not in shared:
        return merged
    return {k: merged[k] for k in [*FIELD_KEYS, *merged] if k in merged}


def expand_table(table: dict, shared: dict[str, dict], name: str) -> dict:
    """The table file of table `name` with every shared field written out: a Table Schema."""
    row = str(table["primaryKey"][0]).removesuffix("_id")
    out = dict(table)
    out["fields"] = [_expand_field(e, shared, row, LETTER_OF.get(name)) for e in table["fields"]]
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _flow_small(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    """Lists of scalars in flow style ([a, b]); mappings in block style."""
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False)


def _flow_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(v, (str, int, float, bool)) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(dict, _flow_small)
_Dumper.add_representer(list, _flow_list)


def render_schemas(schema_dir: Path) -> dict[str, bytes]:
    """schemas/<table>.schema.yaml (file name -> bytes) from fields.yaml and tables/*.yaml, deterministically."""
    schema_dir = Path(schema_dir)
    shared = yaml.safe_load((schema_dir / "fields.yaml").read_text(encoding="utf-8")) or {}
    out = {}
    for path in sorted((schema_dir / "tables").glob("*.yaml")):
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        header = (
            f"# Generated by `newsfacts schemas` from schemas/tables/{path.name} and schemas/fields.yaml;\n"
            "# edit those, not this file.\n"
        )
        body = yaml.dump(
            expand_table(table, shared, path.stem),
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            indent=2,
        )
        out[f"{path.stem}{SCHEMA_SUFFIX}"] = (header + body).encode("utf-8")
    return out


def write_schemas(schema_dir: Path) -> list[str]:
    """Write the generated schemas; the names of those whose bytes changed."""
    changed = []
    for name, data in render_schemas(schema_dir).items():
        path = Path(schema_dir) / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(name)
    return changed


def cell(value: Any, ftype: str) -> str:
    """A value as written in the published CSV for a field of type `ftype` (see `Field.cell`)."""
    return Field({"name": "", "type": ftype}).cell(value)
