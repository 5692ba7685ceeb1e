"""Read and check the raw inputs: article texts, sources.yaml, actors.yaml, package.yaml."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

from newsfacts.errors import InputError
from newsfacts.yamlio import read_yaml

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SOURCE_KEYS = {"source_id", "outlet", "published_date", "authors", "headline", "url", "language", "status", "notes"}
STATUSES = ("draft", "published")
ACTOR_KEYS = {"actor_id", "name", "actor_type", "title", "country_code", "parent_id", "wikidata_id", "aliases",
              "alias_sources"}


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def articles(self) -> Path:
        return self.raw / "articles"

    @property
    def reviews(self) -> Path:
        return self.raw / "reviews"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"


def read_article(path: Path) -> str:
    """An article's text, decoded as UTF-8 with no normalisation."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("article file not found", file=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"article is not valid UTF-8 (byte {exc.start})", file=path, line=line) from None
    if not text.strip():
        raise InputError("article is empty", file=path)
    return text


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entries(data, key: str, path: Path) -> list:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise InputError(f"expected a mapping with a list under '{key}'", file=path, line=1)
    for entry in data[key]:
        if not isinstance(entry, dict):
            raise InputError(f"each entry of '{key}' must be a mapping", file=path)
    return data[key]


def _check_slug(value, what: str, path: Path, line) -> None:
    if not isinstance(value, str) or not SLUG.match(value):
        raise InputError(f"{what} {value!r} is not a lowercase slug (a-z, 0-9, single hyphens)", file=path, line=line)


def _check_entry(entry: dict, id_key: str, allowed: set[str], seen: dict[str, int], path: Path):
    """(line, id) of one registry entry: known keys only, a slug id, no duplicate."""
    line = getattr(entry, "line", None)
    unknown = set(entry) - allowed
    if unknown:
        raise InputError(f"unknown keys {sorted(unknown)}", file=path, line=line)
    value = entry.get(id_key)
    _check_slug(value, id_key, path, line)
    if value in seen:
        raise InputError(f"duplicate {id_key} {value!r} (first at line {seen[value]})", file=path, line=line)
    seen[value] = line
    return line, value


def read_sources(paths: Paths) -> list[dict]:
    """Source metadata, each entry checked and paired with its article file."""
    path = paths.raw / "sources.yaml"
    entries = _entries(read_yaml(path), "sources", path)
    seen: dict[str, int] = {}
    out = []
    for e in entries:
        line, sid = _check_entry(e, "source_id", SOURCE_KEYS, seen, path)
        for key in ("outlet", "language"):
            if not e.get(key):
                raise InputError(f"source {sid!r} has no {key}", file=path, line=line)
        status = e.get("status", "draft")
        if status not in STATUSES:
            raise InputError(f"status {status!r} of {sid!r} must be draft or published", file=path, line=line)
        date = e.get("published_date")
        if date is not None and not isinstance(date, dt.date):
            raise InputError(f"published_date {date!r} is not a YYYY-MM-DD date", file=path, line=line)
        article = (paths.articles / f"{sid}.txt")
        if paths.articles.resolve() not in article.resolve().parents:
            raise InputError(f"source_id {sid!r} would escape data/raw/articles", file=path, line=line)
        if not article.exists():
            raise InputError(f"no article file data/raw/articles/{sid}.txt for source {sid!r}", file=path, line=line)
        out.append({**{k: e.get(k) for k in SOURCE_KEYS - {"notes"}}, "status": status, "line": line})
    for article in sorted(paths.articles.glob("*")):
        if article.stem not in seen:
            raise InputError("article has no metadata entry in data/raw/sources.yaml", file=article)
    return out


def read_actors(paths: Paths) -> list[dict]:
    """The actor registry, checked: slugs, duplicates, parents, country codes, alias clashes."""
    path = paths.raw / "actors.yaml"
    entries = _entries(read_yaml(path), "actors", path)
    seen: dict[str, int] = {}
    alias_owner: dict[tuple[str, str], str] = {}
    for e in entries:
        line, aid = _check_entry(e, "actor_id", ACTOR_KEYS, seen, path)
        if not e.get("name"):
            raise InputError(f"actor {aid!r} has no name", file=path, line=line)
        code = e.get("country_code")
        if code is not None and pycountry.countries.get(alpha_2=str(code)) is None:
            raise InputError(f"country_code {code!r} of {aid!r} is not an ISO 3166-1 alpha-2 code", file=path, line=line)
        aliases = e.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise InputError(f"aliases of {aid!r} must be a list of non-empty strings", file=path, line=line)
        scopes = e.get("alias_sources") or ["*"]
        for alias in aliases:
            for scope in scopes:
                other = alias_owner.setdefault((alias, scope), aid)
                clash = other != aid or (scope != "*" and alias_owner.get((alias, "*"), aid) != aid)
                if clash:
                    raise InputError(f"alias {alias!r} of {aid!r} is already an alias of {other!r}",
                                     file=path, line=line)
    for e in entries:
        parent = e.get("parent_id")
        if parent is not None and parent not in seen:
            raise InputError(f"parent_id {parent!r} of {e['actor_id']!r} is not a registered actor",
                             file=path, line=getattr(e, "line", None))
    return [{k: e.get(k) for k in ACTOR_KEYS} | {"aliases": e.get("aliases") or []} for e in entries]


def read_package_meta(paths: Paths) -> dict:
    """Package-level metadata (name, title, description, licences, keywords, contributors)."""
    path = paths.raw / "package.yaml"
    data = read_yaml(path)
    for key in ("name", "title", "description", "licenses"):
        if not data or key not in data:
            raise InputError(f"package metadata has no '{key}'", file=path)
    return data
