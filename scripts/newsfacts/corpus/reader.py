"""Corpus input: article files, directories (every *.txt below, recursively) and JSON Lines files.

Arguments are checked before anything is extracted (a missing path or an empty directory is a
usage error); articles are then read one at a time, so a corpus never sits in memory. A bad
article (not UTF-8, empty, too long, a bad JSON line) becomes a `Failed` with its place and
reason, and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsfacts.corpus.work import Article, Failed
from newsfacts.curate.inputs import SOURCE_FIELDS
from newsfacts.errors import InputError
from newsfacts.model.ids import slugify

JSONL_SUFFIXES = (".jsonl", ".ndjson")
META_KEYS = SOURCE_FIELDS[1:]  # an article's metadata, as in data/raw/sources.yaml (after its id)
JSONL_KEYS = ("id", "text", *META_KEYS)
LANGUAGE = re.compile(r"^[a-z]{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Input:
    kind: str  # "file" or "jsonl"
    path: Path


def resolve_inputs(args: list[str]) -> list[Input]:
    """The inputs in the order given; a directory expands to its *.txt files, sorted by path."""
    out: list[Input] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = sorted(_txt_files(p), key=lambda f: f.relative_to(p).as_posix())
            if not found:
                raise InputError("directory has no *.txt article files (searched recursively)", file=p)
            out.extend(Input("file", f) for f in found)
        elif p.is_file():
            out.append(Input("jsonl" if p.suffix.lower() in JSONL_SUFFIXES else "file", p))
        elif p.exists():
            raise InputError("not a regular file or directory", file=p)
        else:
            raise InputError("no such file or directory", file=p)
    return out


def _txt_files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):  # symlinked directories are not followed
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath) / name
            if name.endswith(".txt") and not name.startswith(".") and path.is_file():  # no FIFOs, devices
                yield path


def count_articles(inputs: list[Input]) -> int:
    """How many articles the inputs hold (non-blank lines of JSON Lines files): for the ETA."""
    n = 0
    for inp in inputs:
        if inp.kind == "file":
            n += 1
            continue
        with inp.path.open("rb") as f:
            n += sum(1 for line in f if line.strip())
    return n


def read_articles(inputs: list[Input], max_chars: int | None = None) -> Iterator[Article | Failed]:
    """Every article of the inputs, in order, each with a unique source id."""
    ids: dict[str, str] = {}  # source id -> where it was first used
    index = 0
    for inp in inputs:
        items = _read_file(inp.path, ids, max_chars) if inp.kind == "file" else _read_jsonl(inp.path, ids)
        for make in items:
            item = make(index)
            if isinstance(item, Article) and max_chars and len(item.text) > max_chars:
                item = Failed(
                    index,
                    item.source_id,
                    item.origin,
                    f"article has {len(item.text):,} characters, over the limit of {max_chars:,} "
                    f"(--max-chars; 0 for no limit)",
                )
            yield item
            index += 1


def _unique(sid: str, ids: dict[str, str], origin: str) -> str:
    base, n = sid, 2
    while sid in ids:
        sid, n = f"{base}-{n}", n + 1
    ids[sid] = origin
    return sid


def _read_file(path: Path, ids: dict[str, str], max_chars: int | None):
    origin = str(path)
    sid = _unique(slugify(path.stem) or "article", ids, origin)  # assigned first: ids do not depend on failures
    try:
        size = path.stat().st_size
        if max_chars and size > 4 * max_chars:  # more characters than the limit, whatever the encoding
            yield lambda i: Failed(
                i,
                sid,
                origin,
                f"article file has {size:,} bytes, so more than the limit of "
                f"{max_chars:,} characters (--max-chars; 0 for no limit)",
            )
            return
        raw = path.read_bytes()
    except OSError as exc:
        reason = f"cannot read: {exc.strerror or exc}"  # bound now: `exc` is gone after the except block
        yield lambda i: Failed(i, sid, origin, reason)
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        where, reason = f"{origin}:{line}", f"not valid UTF-8 (byte {exc.start})"
        yield lambda i: Failed(i, sid, where, reason)
        return
    if not text.strip():
        yield lambda i: Failed(i, sid, origin, "article is empty")
        return
    sha = hashlib.sha256(raw).hexdigest()
    yield lambda i: Article(i, sid, text, origin, sha, {})


def _no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def _read_jsonl(path: Path, ids: dict[str, str]):
    with path.open("rb") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            origin = f"{path}:{lineno}"
            try:
                art = _jsonl_article(raw, ids, origin)
            except ValueError as exc:
                reason = str(exc)
                yield lambda i, reason=reason, origin=origin: Failed(i, None, origin, reason)
                continue
            yield lambda i, art=art: Article(i, *art)


def _jsonl_article(raw: bytes, ids: dict[str, str], origin: str) -> tuple:
    """(source_id, text, origin, sha256, meta) of one JSON Lines record; ValueError says what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start} of the line)") from None
    try:
        rec = json.loads(line, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    except ValueError as exc:  # a duplicate key
        raise ValueError(str(exc)) from None
    if not isinstance(rec, dict):
        raise ValueError('expected a JSON object {"id": ..., "text": ...}')
    unknown = sorted(set(rec) - set(JSONL_KEYS))
    if unknown:
        raise ValueError(f"unknown keys {unknown}; allowed: {', '.join(JSONL_KEYS)}")
    rid = rec.get("id")
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        raise ValueError('field "id": a string or an integer is required')
    sid = slugify(str(rid))
    if not sid:
        raise ValueError(f'field "id": {rid!r} has no letters or digits to make a source id from')
    if sid in ids:
        raise ValueError(f'field "id": {rid!r} gives source id {sid!r}, already used by {ids[sid]}')
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('field "text": a non-empty string is required')
    meta = {}
    for key in META_KEYS:
        value = rec.get(key)
        if value is not None:
            meta[key] = _meta_value(key, value)
    ids[sid] = origin
    return sid, text, origin, hashlib.sha256(text.encode("utf-8")).hexdigest(), meta


def _meta_value(key: str, value):
    where = f'field "{key}"'
    if key == "authors":
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return "; ".join(v.strip() for v in value) or None
        if isinstance(value, str):
            return value
        raise ValueError(f"{where}: a string or a list of strings is required")
    if not isinstance(value, str):
        raise ValueError(f"{where}: a string is required, not {type(value).__name__}")
    if key == "published_date":
        try:
            if not DATE.match(value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None
    if key == "language" and not LANGUAGE.match(value):
        raise ValueError(f"{where}: {value!r} is not a two-letter lowercase ISO 639-1 code")
    if key == "url":
        parts = urlsplit(value)
        if not parts.scheme or not parts.netloc or any(c.isspace() for c in value):
            raise ValueError(f"{where}: {value!r} is not an absolute URL")
    return value
