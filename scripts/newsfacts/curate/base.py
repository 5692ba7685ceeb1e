"""Strict typed models for the hand-written inputs, and their errors as file:line messages.

Every input file is parsed once into a model: unknown keys, missing keys and wrong types
(a quoted "true", a list where a name belongs) are one error each, naming the file, the
line and the key, and saying what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, model_validator

from newsfacts.errors import InputError

M = TypeVar("M", bound="Strict")


class _UnknownKey(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message, self.line = message, line


class Strict(BaseModel):
    """A mapping with exactly the declared keys, each of exactly its declared type."""

    model_config = ConfigDict(extra="forbid", strict=True)
    _line: int | None = PrivateAttr(default=None)
    _key_lines: dict = PrivateAttr(default_factory=dict)

    @property
    def line(self) -> int | None:
        """The line the mapping starts on in its YAML file."""
        return self._line

    def line_of(self, key: str) -> int | None:
        """The line of `key` in the YAML file (the mapping's line when the key is absent)."""
        return self._key_lines.get(key, self._line)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in data:
                if key not in cls.model_fields:
                    line = data.line_of(key) if hasattr(data, "line_of") else None
                    raise _UnknownKey(
                        f"unknown key {key!r} (a typo?); allowed keys are {', '.join(cls.model_fields)}", line
                    )
        return data

    @model_validator(mode="wrap")
    @classmethod
    def _keep_line(cls, data: Any, handler):
        model = handler(data)
        model._line = getattr(data, "line", None)
        model._key_lines = dict(getattr(data, "key_lines", {}))
        return model


EXPECTED = {
    "bool_type": "must be true or false (unquoted)",
    "string_type": "must be a text string",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "list_type": "must be a list",
    "dict_type": "must be a mapping (key: value)",
    "model_type": "must be a mapping (key: value)",
    "date_type": "must be a date written YYYY-MM-DD (unquoted)",
    "literal_error": "must be one of",
    "missing": "is required",
}


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _line_at(data: Any, loc: tuple) -> int | None:
    """The line of the innermost mapping (or key) on the path `loc` into the parsed YAML."""
    line = getattr(data, "line", None)
    for part in loc:
        if isinstance(data, dict) and part in data:
            line = data.line_of(part) if hasattr(data, "line_of") else line
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            break
        line = getattr(data, "line", None) or line
    return line


def _message(err: dict) -> str:
    kind = err["type"]
    what = EXPECTED.get(kind, err["msg"][0].lower() + err["msg"][1:])
    if kind == "literal_error":
        what = f"must be one of {err['ctx']['expected']}"
    if kind == "missing":
        return f"{_where(err['loc'])} {what}; add it"
    return f"{_where(err['loc'])} {what}, not {err['input']!r}"


def parse(model: type[M], data: Any, path: Path) -> M:
    """`data` (parsed YAML of `path`) as `model`, or an InputError for its first problem."""
    try:
        return model.model_validate(data)
    except _UnknownKey as exc:
        raise InputError(exc.message, file=path, line=exc.line) from None
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise InputError(_message(dict(err)), file=path, line=_line_at(data, err["loc"]) or 1) from None


def value_problem(field: dict, value: Any) -> str | None:
    """Why `value` cannot go into a Table Schema `field`, or None when it can."""
    if value is None:
        return "is required" if field.get("constraints", {}).get("required") else None
    ftype = field["type"]
    ok = {
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "date": isinstance(value, dt.date)
        and not isinstance(value, dt.datetime)
        or isinstance(value, str)
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None,
    }[ftype]
    if not ok:
        return f"must be a {ftype}, not {value!r}"
    if ftype == "string" and any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        return f"{value!r} contains a control character; remove it"
    if ftype == "date" and isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a real date"
    c = field.get("constraints", {})
    if "enum" in c and value not in c["enum"]:
        return f"{value!r} is not one of {c['enum']}"
    if "pattern" in c and not re.fullmatch(f"(?:{c['pattern']})", value):
        return f"{value!r} does not match the pattern {c['pattern']}"
    if "minimum" in c and value < c["minimum"]:
        return f"{value!r} is below the minimum {c['minimum']}"
    if "maximum" in c and value > c["maximum"]:
        return f"{value!r} is above the maximum {c['maximum']}"
    return None
