"""Build the tables from the raw inputs and write the data package atomically."""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import yaml

from newsfacts import __version__
from newsfacts.changelog import changelog_date
from newsfacts.curate.apply import Origins, apply_review, load_review
from newsfacts.curate.inputs import Paths, read_actors, read_article, read_package_meta, read_sources, sha256_of
from newsfacts.errors import InputError
from newsfacts.extract import extract
from newsfacts.extract.mentions import aliases_of
from newsfacts.model.ids import SPAN_TABLES
from newsfacts.model.metadata import Table, load_schemas, load_tables, tables_of
from newsfacts.package.atomic import project_lock, recover, switch
from newsfacts.package.consistency import Failure


def source_row(src: dict, text: str, sha: str) -> dict:
    return {
        **{k: v for k, v in src.items() if k != "line"},
        "status": src.get("status") or "draft",
        "char_count": len(text),
        "word_count": len(text.split()),
        "text_sha256": sha,
    }


def frame(rows: list[dict], schema: dict, name: str = "") -> pd.DataFrame:
    """Rows as a DataFrame with exactly the schema's columns, in a stable order (the table's sort keys)."""
    table = Table(name, schema)
    cols = table.field_names
    df = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols, dtype=object)
    if len(df):
        df = df.sort_values(table.sort_keys, kind="mergesort").reset_index(drop=True)
    return df


def source_candidates(paths: Paths, src: dict, registry: list[dict], aliases) -> tuple[str, str, dict]:
    """(text, text_sha256, candidate rows) of one registered source: the extractor's proposal."""
    article = paths.articles / f"{src['source_id']}.txt"
    text = read_article(article)
    cand = extract(src["source_id"], text, registry, aliases, src.get("published_date"))
    return text, sha256_of(article), cand


def registered_candidates(root: Path, source_id: str) -> tuple[dict, str, str, dict]:
    """(source entry, text, text_sha256, candidates) of the source `source_id` of sources.yaml."""
    paths = Paths(root)
    src = next((s for s in read_sources(paths) if s["source_id"] == source_id), None)
    if src is None:
        raise InputError(f"no source {source_id!r}", file=paths.raw / "sources.yaml")
    registry = read_actors(paths)
    text, sha, cand = source_candidates(paths, src, registry, tuple(aliases_of(registry)))
    return src, text, sha, cand


def build_tables(
    root: Path, progress=None, notices: list[str] | None = None, origins: Origins | None = None
) -> dict[str, pd.DataFrame]:
    """All six tables, reviewed, from the inputs under `root`; review notices go to `notices`,
    the review line of each amended or added row to `origins`."""
    paths = Paths(root)
    schemas = load_schemas(paths.schemas)
    sources = read_sources(paths)
    registry = read_actors(paths, {s["source_id"] for s in sources})
    aliases = tuple(aliases_of(registry))
    rows: dict[str, list[dict]] = {t: [] for t in schemas}
    provisional: dict[str, dict] = {}
    origins = {} if origins is None else origins
    known_reviews = {p.stem for p in paths.reviews.glob("*.yaml")}
    for src in sources:
        sid = src["source_id"]
        text, sha, cand = source_candidates(paths, src, registry, aliases)
        rows["sources"].append(source_row(src, text, sha))
        for a in cand.pop("actors"):
            provisional.setdefault(a["actor_id"], a)
        review_path = paths.reviews / f"{sid}.yaml"
        reviewed = apply_review(load_review(review_path), review_path, sid, text, sha, cand, schemas)
        if notices is not None:
            notices.extend(reviewed.notices)
        origins.update(reviewed.origins)
        for t in SPAN_TABLES:
            rows[t].extend(reviewed.tables[t])
        known_reviews.discard(sid)
        if progress:
            progress(sid)
    if known_reviews:
        first, *others = sorted(known_reviews)
        more = f" (and review files for {others})" if others else ""
        raise InputError(
            f"review files for unknown sources: no source {first!r} in sources.yaml{more}; register the "
            "source or remove its review",
            file=paths.reviews / f"{first}.yaml",
        )
    fill_claimant_text(rows["claims"], registry, provisional)
    rows["actors"] = actor_rows(registry, provisional, rows, tables_of(schemas))
    check_review_references(rows, schemas, origins)
    return {t: frame(rows[t], schemas[t], t) for t in schemas}


def fill_claimant_text(claims: list[dict], registry: list[dict], provisional: dict[str, dict]) -> None:
    """A claim with a claimant but no claimant_text gets the claimant's name."""
    names = {a["actor_id"]: a["name"] for a in registry} | {k: v["name"] for k, v in provisional.items()}
    for c in claims:
        if c.get("claimant_text") is None and c.get("claimant_id"):
            c["claimant_text"] = names.get(c["claimant_id"])


def actor_rows(
    registry: list[dict], provisional: dict[str, dict], rows: dict[str, list[dict]], meta: dict[str, Table]
) -> list[dict]:
    """The registered actors, then the provisional ones a span row cites (through the actor columns)."""
    referenced = {r.get(k) for t in SPAN_TABLES for r in rows[t] for k in meta[t].actor_columns}
    return [{**a, "provisional": False} for a in registry] + [
        a for aid, a in sorted(provisional.items()) if aid in referenced
    ]


def check_review_references(rows: dict[str, list[dict]], schemas: dict[str, dict], origins: Origins) -> None:
    """Every key a review sets (claimant_id, quote_id, ...) names an existing row: else one error at its line."""
    for table in SPAN_TABLES:
        meta = Table(table, schemas[table])
        for ref in meta.references:
            field, target = ref.field, ref.resource
            keys = {r[ref.target_field] for r in rows[target]}
            for r in rows[table]:
                rid = r[meta.id_column]
                value = r.get(field)
                if rid in origins and value is not None and value not in keys:
                    path, line = origins[rid]
                    hint = (
                        "register it in data/raw/actors.yaml"
                        if target == "actors"
                        else f"name an existing {target} row"
                    )
                    raise InputError(
                        f"{rid}: {field} {value!r} is not a {ref.target_field} of {target}; {hint} "
                        "or correct the review",
                        file=path,
                        line=line,
                    )


def locate_failures(failures: list[Failure], tables: dict[str, pd.DataFrame], origins: Origins) -> list[Failure]:
    """Failures of a staged build, located by row id and, for reviewed rows, review file and line
    (the staged CSV they were found in is deleted)."""
    out = []
    for f in failures:
        df = tables.get(f.table)
        if df is None or f.row is None or not 0 <= f.row - 2 < len(df):
            out.append(f)
            continue
        rid = df.iloc[f.row - 2][df.columns[0]]
        where = f"{origins[rid][0]}:{origins[rid][1]}" if rid in origins else None
        message = f.message if str(rid) in f.message else f"{rid}: {f.message}"
        out.append(Failure(f.table, None, f.field, f.rule, message, where))
    return out


def csv_bytes(df: pd.DataFrame, schema: dict) -> bytes:
    """Deterministic CSV: UTF-8, LF, fixed number format, empty cells for nulls (model.metadata.Field.cell)."""
    fields = Table("", schema).fields
    out = pd.DataFrame({f.name: [f.cell(v) for v in df[f.name]] for f in fields}, columns=[f.name for f in fields])
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


PACKAGE_SCHEMA_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"


def package_id(name: str, version: str) -> str:
    """A stable identifier of one version of the package (a UUID derived from name and version)."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"newsfacts:{name}@{version}"))


def contributors(meta: dict) -> list[dict]:
    """Contributors in Data Package v2 form: `roles` is a list (a `role` in package.yaml is accepted)."""
    out = []
    for c in meta.get("contributors", []):
        c = dict(c)
        role = c.pop("role", None)
        if role is not None and "roles" not in c:
            c["roles"] = [role]
        out.append(c)
    return out


def descriptor(meta: dict, resources: list[dict], sources: pd.DataFrame, created: str | None = None) -> dict:
    """datapackage.json (Data Package v2): metadata, one source per article, one resource per table.

    `created` comes from the date on the version's CHANGELOG heading, never from the clock, so
    that builds stay byte-identical.
    """
    return {
        "$schema": PACKAGE_SCHEMA_V2,
        "name": meta["name"],
        "id": package_id(meta["name"], __version__),
        "title": meta["title"],
        "description": meta["description"].strip(),
        "version": __version__,
        "created": f"{created}T00:00:00Z" if created else None,
        "homepage": meta.get("homepage"),
        "licenses": meta["licenses"],
        "keywords": meta.get("keywords", []),
        "contributors": contributors(meta),
        "sources": [
            {
                "title": f"{r.outlet}, "
                + (r.published_date.isoformat() if r.published_date else "undated")
                + f" ({r.source_id})",
                "path": f"data/raw/articles/{r.source_id}.txt",
            }
            for r in sources.itertuples()
        ],
        "resources": resources,
    }


def unreviewed_published(root: Path, tables: dict[str, pd.DataFrame]) -> list[str]:
    """One line per published source with unreviewed rows: the rows and the review file to edit."""
    sources = tables["sources"]
    published = set(sources.loc[sources["status"] == "published", "source_id"])
    problems = []
    meta = load_tables(Paths(root).schemas)
    for sid in sorted(published):
        rows = [
            rid
            for t in SPAN_TABLES
            for rid, status, src in zip(
                tables[t][meta[t].id_column], tables[t]["review_status"], tables[t]["source_id"], strict=False
            )
            if src == sid and status == "unreviewed"
        ]
        if rows:
            review = Paths(root).reviews / f"{sid}.yaml"
            shown = ", ".join(rows[:5]) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")
            how = (
                "review them there (`newsfacts candidates " + sid + "` lists them)"
                if review.exists()
                else "no review file exists; write it"
            )
            problems.append(
                f"published source {sid!r} has {len(rows)} unreviewed rows ({shown}); "
                f"{how}: {review.relative_to(root) if review.is_relative_to(root) else review}, "
                "or set `status: draft` in data/raw/sources.yaml"
            )
    return problems


def citation(meta: dict, released: str | None = None) -> bytes:
    """CITATION.cff, generated so that its version (and date, from the CHANGELOG heading) is the package's."""
    cff = {
        "cff-version": "1.2.0",
        "message": "If you use this data package, please cite it as below, with the version you used.",
        "type": "dataset",
        "title": meta["title"],
        "authors": [{"name": c["title"]} for c in meta.get("contributors", [])] or [{"name": "newsfacts contributors"}],
        "version": __version__,
        **({"date-released": released} if released else {}),
        "identifiers": [
            {
                "type": "other",
                "value": package_id(meta["name"], __version__),
                "description": "The id of this version in datapackage.json",
            }
        ],
        "license": meta["licenses"][0]["name"],
        "keywords": meta.get("keywords", []),
        "abstract": " ".join(meta["description"].split()),
    }
    header = (
        "# Generated by `newsfacts build` from data/raw/package.yaml, the package version and its\n"
        "# CHANGELOG.md date.\n"
    )
    return (header + yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)).encode("utf-8")


def render_package(root: Path, tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every generated file (relative path -> bytes) of the package."""
    schemas = load_schemas(Paths(root).schemas)
    files, resources = {}, []
    for name, schema in schemas.items():
        data = csv_bytes(tables[name], schema)
        path = f"data/{name}.csv"
        files[path] = data
        resources.append(
            {
                "name": name,
                "type": "table",
                "path": path,
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": f"schemas/{name}.schema.yaml",
                "title": schema.get("title"),
                "description": " ".join(schema.get("description", "").split()),
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            }
        )
    meta = read_package_meta(Paths(root))
    created = changelog_date(root, __version__)
    desc = descriptor(meta, resources, tables["sources"], created)
    files["CITATION.cff"] = citation(meta, created)
    files["datapackage.json"] = (
        json.dumps({k: v for k, v in desc.items() if v is not None}, indent=2, ensure_ascii=False) + "\n"
    ).encode("utf-8")
    return files


def write_atomically(root: Path, files: dict[str, bytes], check: Callable[[Path, Path], None]) -> list[str]:
    """Write `files` under root only if `check(staged package, articles dir)` passes; else change nothing.

    One atomic switch (newsfacts.package.atomic); returns notices about interrupted builds it finished.
    """
    paths = Paths(root)

    def with_schemas(new: Path) -> None:
        shutil.copytree(paths.schemas, new / "schemas")

    with project_lock(root):
        notices = recover(root)
        switch(root, files, lambda new: check(new, paths.articles), prepare=with_schemas)
    return notices
