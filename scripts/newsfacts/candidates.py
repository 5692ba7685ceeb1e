"""`newsfacts candidates SOURCE_ID`: one registered source's extractor candidates.

(`newsfacts extract`, for any article texts, is in newsfacts.corpus.)
"""

from __future__ import annotations

from pathlib import Path

from newsfacts.curate.inputs import Paths
from newsfacts.model.ids import SPAN_TABLES
from newsfacts.model.metadata import load_tables
from newsfacts.package.build import registered_candidates


def print_candidates(root: Path, source_id: str) -> None:
    """List one source's candidates (id, rule, text) and the two digests a completed review records:
    the article text's and the candidates'."""
    from newsfacts.curate.apply import candidates_digest

    _, _, text_sha256, cand = registered_candidates(root, source_id)
    meta = load_tables(Paths(root).schemas)
    for table in SPAN_TABLES:
        for r in cand[table]:
            print(f"{r[meta[table].id_column]}\t{r['rule']}\t{r['text'][:80]}")
    print(f"text_sha256: {text_sha256}")
    print(f"candidates_sha256: {candidates_digest(cand)}")
