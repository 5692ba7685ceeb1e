"""Apply a human review (data/raw/reviews/<source_id>.yaml) to one article's candidates.

A review records the article hash it was made against, `reject` (ids with a reason),
`amend` (id, fields to set, reason), `add` (rows the extractor missed, located by an
`evidence` string that occurs exactly once in the article, or once inside a `within`
string that does) and `complete: true` once every remaining candidate was read.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsfacts.errors import InputError
from newsfacts.model.ids import ID_LETTERS as TABLE_OF
from newsfacts.model.ids import row_id
from newsfacts.extract.segment import segments
from newsfacts.yamlio import read_yaml

LETTER_OF = {v: k for k, v in TABLE_OF.items()}
SPAN_FIELDS = {"start_char", "end_char", "text", "source_id", "section_type", "rule", "review_status"}
REVIEW_KEYS = {"text_sha256", "candidates_sha256", "complete", "reject", "amend", "add", "notes"}


def candidates_digest(candidates: dict[str, list[dict]]) -> str:
    """SHA-256 of every candidate row (ids and values): what a completed review was made against.

    Any change in what the extractor proposes — a new row, or another value in an old one —
    changes the digest, so nothing is accepted that a person did not read.
    """
    rows = sorted(json.dumps(r, sort_keys=True, default=str, ensure_ascii=False)
                  for t in TABLE_OF.values() for r in candidates.get(t, []))
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def _table_of(row_id_: str, path: Path, line) -> str:
    parts = str(row_id_).split(":")
    if len(parts) < 3 or parts[1] not in TABLE_OF:
        raise InputError(f"{row_id_!r} is not a row id of mentions, quotes, claims or figures", file=path, line=line)
    return TABLE_OF[parts[1]]


def _locate(text: str, item: dict, path: Path) -> tuple[int, int]:
    line = getattr(item, "line", None)
    evidence = item.get("evidence")
    if not isinstance(evidence, str) or not evidence:
        raise InputError("an added row needs an 'evidence' string", file=path, line=line)
    lo, hi = 0, len(text)
    within = item.get("within")
    if within is not None:
        n = text.count(within)
        if n != 1:
            raise InputError(f"'within' string occurs {n} times in the article, not once: {within!r}", file=path, line=line)
        lo = text.index(within)
        hi = lo + len(within)
    n = text.count(evidence, lo, hi)
    if n != 1:
        where = "inside 'within'" if within is not None else "in the article"
        raise InputError(f"evidence occurs {n} times {where}, not once: {evidence!r}", file=path, line=line)
    start = text.index(evidence, lo, hi)
    return start, start + len(evidence)


def _section(text: str, start: int) -> str:
    for seg in segments(text):
        if seg.start <= start < seg.end:
            return seg.section_type
    return "body"


def apply_review(path: Path, source_id: str, text: str, text_sha256: str, candidates: dict[str, list[dict]],
                 fields: dict[str, list[str]], stale: list[str] | None = None) -> dict[str, list[dict]]:
    """Reviewed rows per table. Without a review file every row stays `unreviewed`.

    A complete review accepts the remaining candidates only if they are the ones it was
    made against (`candidates_sha256`); otherwise a notice is appended to `stale`.
    """
    stale = [] if stale is None else stale
    tables = {t: [dict(r) for r in rows] for t, rows in candidates.items()}
    if not path.exists():
        return tables
    review = read_yaml(path) or {}
    if not isinstance(review, dict):
        raise InputError("a review must be a mapping", file=path, line=1)
    unknown = set(review) - REVIEW_KEYS
    if unknown:
        raise InputError(f"unknown keys {sorted(unknown)}", file=path, line=1)
    if review.get("text_sha256") != text_sha256:
        raise InputError(f"review was made against another version of the article (text_sha256 "
                         f"{review.get('text_sha256')!r}, article now {text_sha256}); re-review it",
                         file=path, line=1)
    index = {r[f"{t[:-1]}_id"]: (t, r) for t, rows in tables.items() if t in LETTER_OF for r in rows}
    touched: set[str] = set()

    for item in review.get("reject") or []:
        line = getattr(item, "line", None)
        rid = item.get("id")
        _table_of(rid, path, line)
        if rid not in index:
            raise InputError(f"stale review: rejected id {rid!r} matches no candidate", file=path, line=line)
        if not item.get("reason"):
            raise InputError(f"rejection of {rid!r} needs a reason", file=path, line=line)
        table, row = index.pop(rid)
        tables[table].remove(row)
        touched.add(rid)

    for item in review.get("amend") or []:
        line = getattr(item, "line", None)
        rid = item.get("id")
        table = _table_of(rid, path, line)
        if rid not in index:
            raise InputError(f"stale review: amended id {rid!r} matches no candidate", file=path, line=line)
        if not item.get("reason"):
            raise InputError(f"amendment of {rid!r} needs a reason", file=path, line=line)
        changes = item.get("set") or {}
        bad = [k for k in changes if k not in fields[table] or k in SPAN_FIELDS or k.endswith("_id") and k == f"{table[:-1]}_id"]
        if bad:
            raise InputError(f"amendment of {rid!r} sets {bad}, which are not amendable fields of {table}",
                             file=path, line=line)
        _, row = index[rid]
        row.update(changes)
        row["review_status"] = "amended"
        touched.add(rid)

    for item in review.get("add") or []:
        line = getattr(item, "line", None)
        table = item.get("table")
        if table not in LETTER_OF:
            raise InputError(f"added row has table {table!r}; expected one of {sorted(LETTER_OF)}", file=path, line=line)
        if not item.get("reason"):
            raise InputError("an added row needs a reason", file=path, line=line)
        start, end = _locate(text, item, path)
        values = dict(item.get("set") or {})
        bad = [k for k in values if k not in fields[table] or k in SPAN_FIELDS]
        if bad:
            raise InputError(f"added row sets {bad}, which are not fields of {table}", file=path, line=line)
        rid = row_id(source_id, LETTER_OF[table], start, end, item.get("suffix"))
        if rid in index:
            raise InputError(f"added row {rid!r} duplicates a candidate; amend it instead", file=path, line=line)
        row = {f: None for f in fields[table]}
        row.update(values)
        row.update({f"{table[:-1]}_id": rid, "source_id": source_id, "start_char": start, "end_char": end,
                    "text": text[start:end], "section_type": _section(text, start), "rule": None,
                    "review_status": "added"})
        tables[table].append(row)
        index[rid] = (table, row)

    digest = candidates_digest(candidates)
    if review.get("complete") is True and review.get("candidates_sha256") != digest:
        # The extractor or the registry changed since the review: rows it proposes now were not
        # all read, so none is accepted silently. `newsfacts candidates` shows them.
        stale.append(f"{path}: completed against other candidates (candidates_sha256 is now {digest}); "
                     "rows not named in the review stay 'unreviewed' until it is re-read")
    elif review.get("complete") is True:
        for table, rows in tables.items():
            for r in rows:
                if r.get("review_status") == "unreviewed":
                    r["review_status"] = "accepted"
    return tables
