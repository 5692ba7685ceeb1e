"""The model of data/raw/sources.yaml: one entry per article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from newsfacts.curate.base import Strict, parse
from newsfacts.yamlio import read_yaml


class Source(Strict):
    source_id: str
    outlet: str
    published_date: dt.date | None = None
    authors: str | None = None
    headline: str | None = None
    url: str | None = None
    language: str
    status: Literal["draft", "published"] | None = None
    notes: Any = None


class SourcesFile(Strict):
    sources: list[Source]


def read_sources_file(path: Path) -> SourcesFile:
    return parse(SourcesFile, read_yaml(path), path)
