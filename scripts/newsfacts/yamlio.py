"""Safe, strict YAML reading that remembers the line of every mapping, for error messages.

Inputs are data typed by people, so the reader is stricter than YAML itself: a key given
twice in one mapping is an error (YAML would silently keep the last one), and aliases
(`*name`) are refused, which also rules out alias bombs ("billion laughs").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsfacts.errors import InputError


class LineDict(dict):
    """A dict from YAML that knows the (1-based) line it started on, and the line of each key."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


class _Refused(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message, self.line = message, line


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: 15x faster


class _LineLoader(_BaseLoader):
    def construct_object(self, node, deep=False):
        # An alias is the same node met twice; the composer shares it, so nothing was expanded yet.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused(
                "YAML aliases (*name) are not allowed in inputs; write the value anchored here out "
                "in full where it is used",
                node.start_mark.line + 1,
            )
        return super().construct_object(node, deep=deep)


def _construct_map(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise _Refused(f"a mapping key must be a plain value, not {type(key).__name__}", line) from None
        if key in data:
            raise _Refused(
                f"duplicate key {key!r} (first at line {data.key_lines[key]}); "
                "YAML would silently keep only the last one: merge them",
                line,
            )
        data.key_lines[key] = line
        data[key] = loader.construct_object(value_node, deep=True)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _located(exc: Exception, path: Path) -> InputError:
    """The InputError for a YAML text from `path` that was refused or does not parse."""
    if isinstance(exc, _Refused):
        return InputError(exc.message, file=path, line=exc.line)
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    return InputError(f"YAML does not parse: {problem}", file=path, line=line)


def parse_yaml(text: str, path: Path):
    """Parse YAML text read from `path`; errors name the file and line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except (_Refused, yaml.YAMLError) as exc:
        raise _located(exc, path) from None


def _read_text(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a YAML file", file=path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", file=path) from None


def read_yaml(path: Path):
    """Parse a YAML file safely; errors name the file and line."""
    return parse_yaml(_read_text(path), path)


@lru_cache(maxsize=128)
def _plain_of(text: str) -> Any:
    return plain(yaml.load(text, Loader=_LineLoader))  # noqa: S506 - a SafeLoader subclass


def parse_plain_yaml(text: str, path: Path) -> Any:
    """`parse_yaml` as plain dicts and lists, parsed once per process for each text (the cache is keyed
    by the text itself, so a changed file is parsed again); every call returns its own copy."""
    try:
        return plain(_plain_of(text))
    except (_Refused, yaml.YAMLError) as exc:
        raise _located(exc, path) from None


def read_plain_yaml(path: Path) -> Any:
    """`read_yaml` as plain dicts and lists, cached by content (`parse_plain_yaml`)."""
    return parse_plain_yaml(_read_text(path), path)


def plain(value: Any) -> Any:
    """A value read by `read_yaml` as plain dicts and lists (its line bookkeeping dropped)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
