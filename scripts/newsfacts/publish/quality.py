"""Extractor precision and recall per table and per field, computed from the reviews.

A rejected candidate is a false positive, an added row a false negative, an amended
field an attribute error. Only articles whose review is complete count.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from newsfacts.curate.apply import Reviewed, apply_review, load_review
from newsfacts.curate.inputs import Paths, read_actors, read_sources
from newsfacts.extract.mentions import aliases_of
from newsfacts.model.ids import SPAN_TABLES
from newsfacts.model.metadata import Table, load_schemas
from newsfacts.package.atomic import check_output_path, write_output
from newsfacts.package.build import source_candidates


def count_review(counts: dict, candidates: dict[str, list[dict]], reviewed: Reviewed, meta: dict[str, Table]) -> None:
    """Add one article's outcome to `counts`, read off the reviewed rows (apply_review's result):
    a candidate that is gone was rejected, an `added` row was missed, a field that differs from
    the candidate's was amended (an amendment that changes nothing is no error)."""
    for t, c in counts.items():
        id_col = meta[t].id_column
        before = {r[id_col]: r for r in candidates[t]}
        after = {r[id_col]: r for r in reviewed.tables[t]}
        c["candidates"] += len(before)
        c["rejected"] += len(before.keys() - after.keys())
        c["added"] += sum(r["review_status"] == "added" for r in after.values())
        for f in c["amended"]:
            c["amended"][f] += sum(before[rid].get(f) != r.get(f) for rid, r in after.items() if rid in before)


def quality_rows(root: Path) -> list[dict]:
    paths = Paths(root)
    schemas = load_schemas(paths.schemas)
    meta = {t: Table(t, schemas[t]) for t in SPAN_TABLES}
    sources = read_sources(paths)
    registry = read_actors(paths, {s["source_id"] for s in sources})
    aliases = tuple(aliases_of(registry))
    counts: dict[str, dict] = {
        t: {"candidates": 0, "rejected": 0, "added": 0, "amended": {f: 0 for f in meta[t].settable_fields}}
        for t in SPAN_TABLES
    }
    reviewed = 0
    for src in sources:
        rpath = paths.reviews / f"{src['source_id']}.yaml"
        review = load_review(rpath)
        if review is None or not review.complete:
            continue
        text, sha, cand = source_candidates(paths, src, registry, aliases)
        # the same pure apply_review as the build: a review that would not build raises here too
        count_review(counts, cand, apply_review(review, rpath, src["source_id"], text, sha, cand, schemas), meta)
        reviewed += 1
    rows = []
    for t, c in counts.items():
        tp = c["candidates"] - c["rejected"]
        precision = tp / c["candidates"] if c["candidates"] else None
        recall = tp / (tp + c["added"]) if tp + c["added"] else None
        rows.append(
            {
                "table": t,
                "field": "",
                "articles": reviewed,
                "candidates": c["candidates"],
                "true_positives": tp,
                "false_positives": c["rejected"],
                "false_negatives": c["added"],
                "precision": precision,
                "recall": recall,
                "field_accuracy": None,
            }
        )
        for f, n in c["amended"].items():
            rows.append(
                {
                    "table": t,
                    "field": f,
                    "articles": reviewed,
                    "candidates": c["candidates"],
                    "true_positives": tp,
                    "false_positives": None,
                    "false_negatives": None,
                    "precision": None,
                    "recall": None,
                    "field_accuracy": (tp - n) / tp if tp else None,
                }
            )
    return rows


def _fmt(v) -> str:
    if v is None:
        return ""
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def write_quality(root: Path, out: Path | None = None) -> Path:
    rows = quality_rows(root)
    if out is None:
        out = root / "reports" / "quality.csv"
        out.parent.mkdir(parents=True, exist_ok=True)
    check_output_path(out)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _fmt(v) for k, v in r.items()})
    return write_output(out, buf.getvalue().encode("utf-8"))
