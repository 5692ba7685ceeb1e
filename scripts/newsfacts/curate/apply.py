"""Apply a human review (data/raw/reviews/<source_id>.yaml) to one article's candidates.

A review records the article hash it was made against, `reject` (ids with a reason),
`amend` (id, fields to set, reason), `add` (rows the extractor missed, located by an
`evidence` string that occurs exactly once in the article, or once inside a `within`
string that does) and `complete: true` once every remaining candidate was read.

The review file is parsed strictly (newsfacts.curate.review) and every value it sets is
checked against the table schema here, so a bad value is reported once, at its review
line, with the row id — not later as a row of a generated CSV.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts.curate import Add, Review, read_review, value_problem
from newsfacts.curate.inputs import SLUG
from newsfacts.curate.review import Amend, Reject
from newsfacts.errors import InputError
from newsfacts.extract.segment import segments
from newsfacts.model.ids import LETTER_OF, SPAN_TABLES, row_id, table_of_id
from newsfacts.model.metadata import Table

# Where each reviewed row's values came from: row id -> (review file, line).
Origins = dict[str, tuple[Path, int | None]]


@dataclass
class Reviewed:
    """One article's rows after its review: per span table, the origin of every amended or
    added row, and notices (a completed review made against other candidates)."""

    tables: dict[str, list[dict]]
    origins: Origins = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def load_review(path: Path) -> Review | None:
    """The review at `path`, parsed and checked once (newsfacts.curate.review), or None when there is none."""
    return read_review(path) if path.exists() else None


def candidates_digest(candidates: dict[str, list[dict]]) -> str:
    """SHA-256 of every candidate row (ids and values): what a completed review was made against.

    Any change in what the extractor proposes — a new row, or another value in an old one —
    changes the digest, so nothing is accepted that a person did not read.
    """
    rows = sorted(
        json.dumps(r, sort_keys=True, default=str, ensure_ascii=False)
        for t in SPAN_TABLES
        for r in candidates.get(t, [])
    )
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def _table_of(row_id_: str, path: Path, line) -> str:
    table = table_of_id(row_id_)
    if table is None:
        raise InputError(f"{row_id_!r} is not a row id of mentions, quotes, claims or figures", file=path, line=line)
    return table


def _locate(text: str, item: Add, path: Path) -> tuple[int, int]:
    if not item.evidence:
        raise InputError("an added row needs a non-empty 'evidence' string", file=path, line=item.line)
    lo, hi = 0, len(text)
    if item.within is not None:
        n = text.count(item.within)
        if n != 1:
            raise InputError(
                f"'within' string occurs {n} times in the article, not once: {item.within!r}", file=path, line=item.line
            )
        lo = text.index(item.within)
        hi = lo + len(item.within)
    n = text.count(item.evidence, lo, hi)
    if n != 1:
        where = "inside 'within'" if item.within is not None else "in the article"
        raise InputError(
            f"evidence occurs {n} times {where}, not once: {item.evidence!r}; quote a passage that "
            "occurs once, or narrow it with 'within'",
            file=path,
            line=item.line,
        )
    start = text.index(item.evidence, lo, hi)
    return start, start + len(item.evidence)


def _section(text: str, start: int) -> str:
    for seg in segments(text):
        if seg.start <= start < seg.end:
            return seg.section_type
    return "body"


def _check_values(values: dict, table: str, schema: dict, what: str, path: Path, line) -> None:
    """Every value a review sets is a settable field of `table` and fits its schema."""
    specs = {f["name"]: f for f in schema["fields"]}
    settable = Table(table, schema).settable_fields
    bad = [k for k in values if k not in settable]
    if bad:
        raise InputError(f"{what} sets {bad}, which are not amendable fields of {table}", file=path, line=line)
    for key, value in values.items():
        problem = value_problem(specs[key], value)
        if problem:
            raise InputError(f"{what} sets {table}.{key}: {problem}", file=path, line=line)


def _check_hash(review: Review, path: Path, text_sha256: str) -> None:
    if review.text_sha256 is None:
        raise InputError(
            f"review has no text_sha256; add `text_sha256: {text_sha256}` after checking the review "
            "against the article",
            file=path,
            line=1,
        )
    if review.text_sha256 != text_sha256:
        raise InputError(
            f"review was made against another version of the article (text_sha256 "
            f"{review.text_sha256!r}, article now {text_sha256}); re-review it",
            file=path,
            line=review.line_of("text_sha256"),
        )


def _each_id_once(review: Review, path: Path) -> None:
    """A row is rejected or amended once: a second entry would silently override the first."""
    seen: dict[str, int | None] = {}
    items: list[Reject | Amend] = [*(review.reject or []), *(review.amend or [])]
    for item in items:
        if item.id in seen:
            raise InputError(
                f"{item.id!r} is already rejected or amended at line {seen[item.id]}; merge the two entries",
                file=path,
                line=item.line,
            )
        seen[item.id] = item.line
    for added in review.add or []:
        if added.suffix is not None and not SLUG.match(added.suffix):
            raise InputError(
                f"suffix {added.suffix!r} is not a lowercase slug (a-z, 0-9, single hyphens)",
                file=path,
                line=added.line_of("suffix"),
            )


def _checked(item: Reject | Amend, done: str, act: str, index: dict, path: Path) -> str:
    """The table of a rejected or amended id that names a current candidate and gives a reason."""
    table = _table_of(item.id, path, item.line)
    if item.id not in index:
        raise InputError(
            f"stale review: {done} id {item.id!r} matches no candidate; see "
            "`newsfacts candidates <source_id>` for the current ids",
            file=path,
            line=item.line,
        )
    if not item.reason.strip():
        raise InputError(f"{act} of {item.id!r} needs a reason", file=path, line=item.line)
    return table


def _rejected(review: Review, index: dict, tables: dict, path: Path) -> None:
    for item in review.reject or []:
        _checked(item, "rejected", "rejection", index, path)
        table, row = index.pop(item.id)
        tables[table].remove(row)


def _amended(review: Review, index: dict, schemas: dict, path: Path, origins: Origins) -> None:
    for item in review.amend or []:
        table = _checked(item, "amended", "amendment", index, path)
        _check_values(item.set, table, schemas[table], f"amendment of {item.id!r}", path, item.line_of("set"))
        _, row = index[item.id]
        row.update(item.set)
        row["review_status"] = "amended"
        origins[item.id] = (path, item.line)


def _added(
    review: Review, source_id: str, text: str, index: dict, tables: dict, schemas: dict, path: Path, origins: Origins
) -> None:
    for item in review.add or []:
        if item.table not in LETTER_OF:
            raise InputError(
                f"added row has table {item.table!r}; expected one of {sorted(LETTER_OF)}", file=path, line=item.line
            )
        if not item.reason.strip():
            raise InputError("an added row needs a reason", file=path, line=item.line)
        start, end = _locate(text, item, path)
        _check_values(item.set, item.table, schemas[item.table], "added row", path, item.line_of("set"))
        rid = row_id(source_id, LETTER_OF[item.table], start, end, item.suffix)
        if rid in index:
            raise InputError(
                f"added row {rid!r} duplicates a candidate or another added row; amend it instead",
                file=path,
                line=item.line,
            )
        meta = Table(item.table, schemas[item.table])
        row: dict[str, Any] = {f: None for f in meta.field_names}
        row.update(item.set)
        row.update(
            {
                meta.id_column: rid,
                "source_id": source_id,
                "start_char": start,
                "end_char": end,
                "text": text[start:end],
                "section_type": _section(text, start),
                "rule": None,
                "review_status": "added",
            }
        )
        tables[item.table].append(row)
        index[rid] = (item.table, row)
        origins[rid] = (path, item.line)


def apply_review(
    review: Review | None,
    path: Path,
    source_id: str,
    text: str,
    text_sha256: str,
    candidates: dict[str, list[dict]],
    schemas: dict[str, dict],
) -> Reviewed:
    """The candidates of one article after its `review` (parsed from `path`); pure: neither the
    candidates nor the review change. Without a review every row stays `unreviewed`.

    A complete review accepts the remaining candidates only if they are the ones it was
    made against (`candidates_sha256`); otherwise a notice says so and they stay unreviewed.
    Bad review entries raise InputError at their line.
    """
    out = Reviewed({t: [dict(r) for r in rows] for t, rows in candidates.items()})
    if review is None:
        return out
    _check_hash(review, path, text_sha256)
    _each_id_once(review, path)
    index = {
        r[Table(t, schemas[t]).id_column]: (t, r) for t, rows in out.tables.items() if t in LETTER_OF for r in rows
    }
    _rejected(review, index, out.tables, path)
    _amended(review, index, schemas, path, out.origins)
    _added(review, source_id, text, index, out.tables, schemas, path, out.origins)
    digest = candidates_digest(candidates)
    if review.complete and review.candidates_sha256 != digest:
        # The extractor or the registry changed since the review: rows it proposes now were not
        # all read, so none is accepted silently. `newsfacts candidates` shows them.
        out.notices.append(
            f"{path}: completed against other candidates (candidates_sha256 is now {digest}); "
            "rows not named in the review stay 'unreviewed' until it is re-read"
        )
    elif review.complete:
        for rows in out.tables.values():
            for r in rows:
                if r.get("review_status") == "unreviewed":
                    r["review_status"] = "accepted"
    return out
