"""`newsfacts extract FILE... --out DIR`: candidate tables for any article texts, no review."""

from __future__ import annotations

from pathlib import Path

from newsfacts.model.ids import slugify
from newsfacts.package.build import frame, render_package, source_candidates, source_row
from newsfacts.extract import extract
from newsfacts.model.ids import SPAN_TABLES
from newsfacts.curate.inputs import Paths, read_actors, read_article, sha256_of
from newsfacts.extract.mentions import aliases_of
from newsfacts.package.schemas import load_schemas, load_tables


def extract_tables(files: list[Path], registry: list[dict]) -> dict:
    """Candidate tables for the given article files; the source id comes from the file name."""
    aliases = tuple(aliases_of(registry))
    rows = {t: [] for t in ("sources", *SPAN_TABLES)}
    provisional = {}
    seen = set()
    for f in files:
        text = read_article(f)
        sid = slugify(f.stem) or "article"
        base, n = sid, 2
        while sid in seen:
            sid, n = f"{base}-{n}", n + 1
        seen.add(sid)
        rows["sources"].append(source_row({"source_id": sid, "outlet": None, "published_date": None,
                                           "authors": None, "headline": None, "url": None, "language": None},
                                          text, sha256_of(f)))
        cand = extract(sid, text, registry, aliases, None)
        for a in cand.pop("actors"):
            provisional.setdefault(a["actor_id"], a)
        for t in SPAN_TABLES:
            rows[t].extend(cand[t])
    by_id = {a["actor_id"]: {**a, "provisional": False} for a in registry} | provisional
    used = {r.get(k) for t in SPAN_TABLES for r in rows[t] for k in ("actor_id", "speaker_id", "claimant_id")}
    keep = set()
    for aid in used - {None}:
        while aid and aid not in keep:  # the actor and its parents
            keep.add(aid)
            aid = by_id.get(aid, {}).get("parent_id")
    rows["actors"] = [by_id[a] for a in sorted(keep) if a in by_id]
    return rows


def extract_files(files: list[Path], out: Path, root: Path) -> None:
    registry_file = Paths(root).raw / "actors.yaml"
    registry = read_actors(Paths(root)) if registry_file.exists() else []
    rows = extract_tables(files, registry)
    schemas = load_schemas(Paths(root).schemas)
    tables = {t: frame(rows[t], s) for t, s in schemas.items()}
    out.mkdir(parents=True, exist_ok=True)
    files_out = render_package(root, tables)
    for rel, data in files_out.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    (out / "schemas").mkdir(exist_ok=True)
    for name in schemas:
        (out / "schemas" / f"{name}.schema.yaml").write_bytes((Paths(root).schemas / f"{name}.schema.yaml").read_bytes())


def print_candidates(root: Path, source_id: str) -> None:
    """List one source's candidates (id, rule, text) and the digest a completed review records."""
    from newsfacts.errors import InputError
    from newsfacts.curate.inputs import read_sources
    from newsfacts.curate.apply import candidates_digest

    paths = Paths(root)
    src = next((s for s in read_sources(paths) if s["source_id"] == source_id), None)
    if src is None:
        raise InputError(f"no source {source_id!r}", file=paths.raw / "sources.yaml")
    registry = read_actors(paths)
    _, _, cand = source_candidates(paths, src, registry, tuple(aliases_of(registry)))
    meta = load_tables(paths.schemas)
    for table in SPAN_TABLES:
        for r in cand[table]:
            print(f"{r[meta[table].id_column]}\t{r['rule']}\t{r['text'][:80]}")
    print(f"candidates_sha256: {candidates_digest(cand)}")
