"""`newsfacts candidates SOURCE_ID`: one registered source's extractor candidates.

(`newsfacts extract`, for any article texts, is in newsfacts.corpus.)
"""

from __future__ import annotations

from pathlib import Path

from newsfacts.curate.inputs import Paths, read_actors
from newsfacts.extract.mentions import aliases_of
from newsfacts.model.ids import SPAN_TABLES
from newsfacts.package.build import source_candidates
from newsfacts.package.schemas import load_tables


def print_candidates(root: Path, source_id: str) -> None:
    """List one source's candidates (id, rule, text) and the digest a completed review records."""
    from newsfacts.curate.apply import candidates_digest
    from newsfacts.curate.inputs import read_sources
    from newsfacts.errors import InputError

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
