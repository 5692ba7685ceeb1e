"""pandas dtypes of Table Schema fields: the light part of the schemas, used by the reader.

Thin wrappers over newsfacts.model.metadata.Field (pandas only, so that `pip install newsfacts`
without the build extra can load the data).
"""

from __future__ import annotations

import pandas as pd

from newsfacts.model.metadata import BOOLEANS, Field  # noqa: F401  (BOOLEANS re-exported)


def field_dtype(field: dict):
    """The pandas dtype a field is loaded as (Field.pandas_dtype)."""
    return Field(field).pandas_dtype()


def typed_column(col: pd.Series, field: dict, categorical: bool = True) -> tuple[pd.Series, pd.Series]:
    """(typed column, mask of cells that could not be read as the field's type): Field.read_column."""
    return Field(field).read_column(col, categorical)
