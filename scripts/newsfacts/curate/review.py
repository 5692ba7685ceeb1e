"""The model of one review file, data/raw/reviews/<source_id>.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from newsfacts.curate.base import Strict, parse
from newsfacts.errors import InputError
from newsfacts.yamlio import read_yaml


class Reject(Strict):
    id: str
    reason: str


class Amend(Strict):
    id: str
    set: dict[str, Any]
    reason: str


class Add(Strict):
    table: str
    evidence: str
    within: str | None = None
    suffix: str | None = None
    set: dict[str, Any] = Field(default_factory=dict)
    reason: str


class Review(Strict):
    text_sha256: str | None = None
    candidates_sha256: str | None = None
    complete: bool = False
    notes: Any = None
    reject: list[Reject] | None = None
    amend: list[Amend] | None = None
    add: list[Add] | None = None


def read_review(path: Path) -> Review:
    """The review at `path`, parsed strictly; an empty file is an empty review."""
    data = read_yaml(path)
    if data is None:
        return Review()
    if not isinstance(data, dict):
        raise InputError(
            "a review must be a mapping (text_sha256:, reject:, amend:, add:, complete:)", file=path, line=1
        )
    return parse(Review, data, path)
