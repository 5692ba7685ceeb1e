"""pandera validators derived from the Table Schemas (the metadata model, newsfacts.model.metadata).

Reading the schemas, their pandas dtypes and the order tables are built in belong to the model;
this module adds what only validation needs: pandera.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from newsfacts.model.metadata import Field, Table


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
    """A pandera schema derived from a Table Schema, for frames typed by `Field.read_column`.

    Written here instead of pandera's `from_frictionless_schema`, which maps dates to
    strings and nullable integers to int64 and so cannot check the published types.
    """
    columns = {}
    for field in schema["fields"]:
        c = field.get("constraints", {})
        dtype = Field(field).pandas_dtype()
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
    return pa.DataFrameSchema(
        columns, name=name, strict=True, ordered=True, unique=Table(name, schema).primary_key or None
    )
