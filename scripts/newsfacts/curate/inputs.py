"""Read and check the raw inputs: article texts, sources.yaml, actors.yaml, package.yaml.

Each YAML file is parsed once into its strict model (newsfacts.curate); the checks here
are the ones a model cannot express alone: ids are slugs and unique, values fit the
table schemas, parents exist and form no cycle, aliases are unambiguous.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry

from newsfacts.curate import Actor, Source, read_actors_file, read_package_file, read_sources_file, value_problem
from newsfacts.errors import InputError
from newsfacts.model.metadata import load_schemas

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# a sources.yaml entry's metadata keys, as the input model declares them (status and notes are the curator's)
SOURCE_FIELDS = tuple(k for k in Source.model_fields if k not in ("status", "notes"))
ACTOR_KEYS = tuple(Actor.model_fields)  # an actors.yaml entry's keys, as the input model declares them
ALLOWED_CONTROLS = "\n\r\t"


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


def _control_character(text: str) -> tuple[int, str] | None:
    """(line, name) of the first control character other than newline, CR and tab."""
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS:
            return text.count("\n", 0, i) + 1, f"U+{ord(ch):04X}"
    return None


def read_article(path: Path) -> str:
    """An article's text, decoded as UTF-8 with no normalisation."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("article file not found", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not an article text file", file=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"article is not valid UTF-8 (byte {exc.start}); save it as UTF-8", file=path, line=line
        ) from None
    if not text.strip():
        raise InputError("article is empty", file=path)
    bad = _control_character(text)
    if bad:
        raise InputError(
            f"article contains the control character {bad[1]}; remove it (only newlines and tabs are allowed)",
            file=path,
            line=bad[0],
        )
    return text


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_value(table: str, field: str, value, schemas: dict, path: Path, line, who: str) -> None:
    spec = next((f for f in schemas.get(table, {}).get("fields", []) if f["name"] == field), None)
    if spec is None:
        return  # no schema for it here (a project without schemas/): nothing to check against
    problem = value_problem(spec, value)
    if problem:
        raise InputError(f"{field} of {who}: {problem}", file=path, line=line)


def _check_ids(entries: list, id_key: str, path: Path) -> dict[str, int]:
    """Line of each id: every id a slug, none twice."""
    seen: dict[str, int] = {}
    for e in entries:
        value = getattr(e, id_key)
        if not SLUG.match(value):
            raise InputError(
                f"{id_key} {value!r} is not a lowercase slug (a-z, 0-9, single hyphens)", file=path, line=e.line
            )
        if value in seen:
            raise InputError(
                f"duplicate {id_key} {value!r} (first at line {seen[value]}); give each its own id",
                file=path,
                line=e.line,
            )
        seen[value] = e.line
    return seen


def _article_of(paths: Paths, src: Source, path: Path) -> Path:
    article = paths.articles / f"{src.source_id}.txt"
    if article.is_symlink():
        raise InputError(
            f"article file is a symbolic link (to {article.readlink()}); copy the text into data/raw/articles instead",
            file=article,
        )
    if not article.exists():
        raise InputError(
            f"no article file data/raw/articles/{src.source_id}.txt for source {src.source_id!r}",
            file=path,
            line=src.line,
        )
    if not article.is_file():
        raise InputError("is not a regular file; an article must be a UTF-8 text file", file=article)
    return article


def read_sources(paths: Paths) -> list[dict]:
    """Source metadata, each entry checked and paired with its article file."""
    path = paths.raw / "sources.yaml"
    entries = read_sources_file(path).sources
    seen = _check_ids(entries, "source_id", path)
    schemas = load_schemas(paths.schemas)
    out = []
    for src in entries:
        for key in ("outlet", "language"):
            if not getattr(src, key).strip():
                raise InputError(f"source {src.source_id!r} has an empty {key}", file=path, line=src.line)
        for key in SOURCE_FIELDS[1:]:  # the metadata after the id
            _check_value(
                "sources", key, getattr(src, key), schemas, path, src.line_of(key), f"source {src.source_id!r}"
            )
        _article_of(paths, src, path)
        out.append({k: getattr(src, k) for k in SOURCE_FIELDS} | {"status": src.status, "line": src.line})
    for article in sorted(paths.articles.glob("*")):
        if article.stem not in seen:
            raise InputError("article has no metadata entry in data/raw/sources.yaml; add one", file=article)
    return out


def _known_source_ids(paths: Paths) -> set[str] | None:
    path = paths.raw / "sources.yaml"
    return {s.source_id for s in read_sources_file(path).sources} if path.exists() else None


def _check_actor(a: Actor, schemas: dict, sources: set[str] | None, path: Path) -> None:
    who = f"actor {a.actor_id!r}"
    if not a.name.strip():
        raise InputError(f"{who} has an empty name", file=path, line=a.line)
    for key in ("actor_type", "wikidata_id"):
        _check_value("actors", key, getattr(a, key), schemas, path, a.line, who)
    if a.country_code is not None and pycountry.countries.get(alpha_2=a.country_code) is None:
        raise InputError(
            f"country_code {a.country_code!r} of {who} is not an ISO 3166-1 alpha-2 code", file=path, line=a.line
        )
    if not all(alias.strip() for alias in a.aliases):
        raise InputError(f"aliases of {who} must be non-empty strings", file=path, line=a.line)
    unknown = sorted(set(a.alias_sources or []) - sources) if sources is not None else []
    if unknown:
        raise InputError(
            f"alias_sources of {who} names {unknown}, which are not source_ids in "
            "data/raw/sources.yaml; its aliases would never match there",
            file=path,
            line=a.line,
        )


def _check_alias_clashes(actors: list[Actor], path: Path) -> None:
    """No alias may belong to two actors in one source, whatever order they are declared in."""
    owners: dict[str, list[Actor]] = {}
    for a in actors:
        for alias in dict.fromkeys(a.aliases):
            owners.setdefault(alias, []).append(a)
    for alias, group in owners.items():
        for i, later in enumerate(group):
            for earlier in group[:i]:
                mine, theirs = later.alias_sources or None, earlier.alias_sources or None
                shared = None if mine is None or theirs is None else set(mine) & set(theirs)
                if shared is None or shared:
                    where = f"in {sorted(shared)}" if shared else "in the same sources"
                    raise InputError(
                        f"alias {alias!r} of {later.actor_id!r} is already an alias of "
                        f"{earlier.actor_id!r} (line {earlier.line}) {where}; give one of them "
                        "alias_sources that do not overlap, or remove it",
                        file=path,
                        line=later.line,
                    )


def _check_parents(actors: list[Actor], ids: dict[str, int], path: Path) -> None:
    parent_of = {a.actor_id: a.parent_id for a in actors}
    for a in actors:
        if a.parent_id is not None and a.parent_id not in ids:
            raise InputError(
                f"parent_id {a.parent_id!r} of {a.actor_id!r} is not a registered actor; register it "
                "or set parent_id: null",
                file=path,
                line=a.line,
            )
    for a in actors:
        chain, aid = [a.actor_id], a.parent_id
        while aid is not None:
            if aid == a.actor_id:
                raise InputError(
                    f"parent_id of {a.actor_id!r} forms a cycle ({' → '.join(chain + [aid])}); "
                    "an actor cannot be its own ancestor",
                    file=path,
                    line=a.line,
                )
            if aid in chain:
                break  # a cycle that does not pass through this actor: reported at one of its members
            chain.append(aid)
            aid = parent_of.get(aid)


def read_actors(paths: Paths, source_ids: set[str] | None = None) -> list[dict]:
    """The actor registry, checked: slugs, duplicates, values, parents, alias scopes and clashes.

    `source_ids` (read from sources.yaml when not given) are the sources alias_sources may name.
    """
    path = paths.raw / "actors.yaml"
    actors = read_actors_file(path).actors
    ids = _check_ids(actors, "actor_id", path)
    schemas = load_schemas(paths.schemas)
    sources = source_ids if source_ids is not None else _known_source_ids(paths)
    for a in actors:
        _check_actor(a, schemas, sources, path)
    _check_alias_clashes(actors, path)
    _check_parents(actors, ids, path)
    return [{k: getattr(a, k) for k in ACTOR_KEYS} for a in actors]


def read_package_meta(paths: Paths) -> dict:
    """Package-level metadata (name, title, description, licences, keywords, contributors)."""
    return read_package_file(paths.raw / "package.yaml").model_dump(exclude_none=True)
