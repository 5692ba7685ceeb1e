"""`newsfacts.load` on a bad cell: the error is a ValueError (as before InputError) naming file, row and field."""

import json

import pytest

import newsfacts
from newsfacts.errors import InputError


def small_package(tmp_path, rows: str):
    pkg = tmp_path / "pkg"
    (pkg / "data").mkdir(parents=True)
    schema = {
        "fields": [
            {"name": "item_id", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "count", "type": "integer"},
            {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
        ],
        "primaryKey": "item_id",
    }
    desc = {
        "name": "small",
        "version": "1.0.0",
        "resources": [{"name": "items", "path": "data/items.csv", "schema": schema}],
    }
    (pkg / "datapackage.json").write_text(json.dumps(desc), "utf-8")
    (pkg / "data/items.csv").write_text("item_id,count,kind\n" + rows, "utf-8")
    return pkg


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("x,1,a\ny,two,b\n", "row 3, field count: 'two' is not a valid integer"),
        ("x,1,a\ny,2,c\n", "row 3, field kind: 'c' is not one of the field's enum values"),
    ],
)
def test_a_bad_cell_is_a_value_error_naming_file_row_and_field(tmp_path, rows, message):
    """Callers that caught the ValueError `load` raised for a bad cell before InputError still catch it."""
    pkg = small_package(tmp_path, rows)
    try:
        newsfacts.load(pkg)
    except ValueError as exc:
        caught = exc
    else:
        pytest.fail("load() raised nothing")
    assert isinstance(caught, InputError)
    assert str(caught) == f"{pkg / 'data/items.csv'}, table items, {message}"
