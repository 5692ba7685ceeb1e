"""pandas dtypes of Table Schema fields: the light part of the schemas, used by the reader.

Imports only pandas, so that `pip install newsfacts` (without the build extra) can load the data.
"""

from __future__ import annotations

import pandas as pd

from newsfacts.model.metadata import Field


def field_dtype(field: dict):
    """The pandas dtype a field is loaded as (model.metadata.Field.pandas_dtype)."""
    return Field(field).pandas_dtype()


BOOLEANS = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}


def typed_column(col: pd.Series, field: dict, categorical: bool = True) -> tuple[pd.Series, pd.Series]:
    """(typed column, mask of cells that could not be read as the field's type).

    Enum fields become categoricals with the schema's categories; a value outside them
    counts as unreadable. With `categorical=False` they stay strings (for validators that
    report enum violations themselves).
    """
    ftype = field["type"]
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        if not categorical:
            return col.astype("string"), pd.Series(False, index=col.index)
        bad = col.notna() & ~col.isin(enum)
        return col.where(~bad).astype(field_dtype(field)), bad
    if ftype == "date":
        typed = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
    elif ftype == "boolean":
        typed = col.map(BOOLEANS).astype("boolean")
    elif ftype in ("integer", "number"):
        typed = pd.to_numeric(col, errors="coerce")
        if ftype == "integer":
            typed = typed.where(typed.isna() | (typed == typed.round()))
    else:
        typed = col
    bad = col.notna() & typed.isna()
    return typed.where(~bad).astype(field_dtype(field)), bad
