"""`newsfacts restamp SOURCE`: carry a completed review over to a changed extractor.

When the extractor changes, the candidates of an already reviewed article change too: some
ids disappear, some values differ, new rows appear. The published rows were read and
accepted by a person, so they must not change silently. This command rewrites the review
so that, applied to the new candidates, it gives back exactly the published rows:

- a published row whose candidate now has other values gets an amendment setting the
  reviewed values (an existing amendment keeps its reason);
- a published row the extractor no longer proposes becomes an added row located by its
  text (an existing added row stays as it was);
- a new candidate that is not a published row is rejected (an existing rejection keeps
  its reason).

It prints every change it makes; read them before committing, and check the rebuilt data
with `newsfacts diff HEAD .` (only `rule` and `review_status` may differ).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from newsfacts.curate.apply import candidates_digest
from newsfacts.curate.inputs import Paths
from newsfacts.model.ids import LETTER_OF, SPAN_TABLES, suffix_of
from newsfacts.model.metadata import Table, load_schemas
from newsfacts.package.build import csv_bytes, frame, registered_candidates
from newsfacts.yamlio import plain, read_yaml

NEW_REJECT = "Re-review after an extractor change: not a row of the completed review of this article."
NEW_AMEND = "Re-review after an extractor change: the reviewed value stands (the extractor now proposes {got})."
NEW_ADD = "Re-review after an extractor change: the extractor no longer proposes this reviewed row."


def _typed(value: str | None, ftype: str):
    """A published CSV cell as the YAML value a review sets."""
    if value is None or value == "":
        return None
    if ftype == "integer":
        return int(value)
    if ftype == "number":
        number = float(value)
        return int(number) if number.is_integer() else number
    if ftype == "boolean":
        return value == "true"
    if ftype == "date":
        return dt.date.fromisoformat(value)
    return value


def _as_cells(rows: list[dict], schema: dict) -> dict[str, dict[str, str]]:
    """Rows as the strings the build writes, keyed by id."""
    pk = Table("", schema).id_column
    csv = csv_bytes(frame(rows, schema), schema).decode("utf-8")
    out = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    return {r[pk]: r for r in out.to_dict("records")}


def restamp(root: Path, source_id: str, accept: frozenset[str] = frozenset(), log=print) -> Path:
    """Rewrite the review of `source_id` (see the module docstring). Fields in `accept` take the
    new candidate's value instead of the published one: for a coding rule that changed on purpose."""
    paths = Paths(root)
    _, text, sha, cand = registered_candidates(root, source_id)
    schemas = load_schemas(paths.schemas)
    path = paths.raw / "reviews" / f"{source_id}.yaml"
    old = read_yaml(path) or {}
    header = "".join(line for line in path.read_text("utf-8").splitlines(keepends=True) if line.startswith("#"))
    reasons = {(kind, item["id"]): item["reason"] for kind in ("reject", "amend") for item in old.get(kind) or []}
    old_adds = list(old.get("add") or [])
    review: dict = {
        "text_sha256": sha,
        "candidates_sha256": candidates_digest(cand),
        "complete": True,
        "reject": [],
        "amend": [],
        "add": [],
    }
    carry = _Carry(source_id, text, reasons, old_adds, accept, log, review)
    for table in SPAN_TABLES:
        published = pd.read_csv(root / "data" / f"{table}.csv", dtype=str, keep_default_na=False)
        carry.table(table, schemas[table], cand[table], published)
    path.write_text(header + render_review(review), encoding="utf-8")
    return path


@dataclass
class _Carry:
    """One article's review being carried over, table by table."""

    source_id: str
    text: str
    reasons: dict
    old_adds: list
    accept: frozenset[str]
    log: Callable[[str], object]
    review: dict

    def table(self, table: str, schema: dict, candidates: list[dict], published_all: pd.DataFrame) -> None:
        meta = Table(table, schema)
        types = {f["name"]: f.get("type", "string") for f in schema["fields"]}
        published = {r[meta.id_column]: r for r in published_all.to_dict("records") if r["source_id"] == self.source_id}
        proposed = _as_cells(candidates, schema)
        fields = meta.settable_fields
        for rid, row in proposed.items():
            if rid in published:
                self._amend(rid, row, published[rid], fields, types)
            else:
                self._reject(rid, row)
        for rid, want in published.items():
            if rid not in proposed:
                self._add(table, rid, want, fields, types)

    def _reject(self, rid: str, row: dict) -> None:
        reason = self.reasons.get(("reject", rid), NEW_REJECT)
        self.review["reject"].append({"id": rid, "reason": reason})
        if reason == NEW_REJECT:
            self.log(f"reject {rid}: {row['text'][:70]!r}")

    def _amend(self, rid: str, row: dict, want: dict, fields: list[str], types: dict) -> None:
        for f in self.accept & set(fields):
            if want[f] != row[f] and ("amend", rid) not in self.reasons:
                self.log(f"accept {rid}: {f}={row[f] or 'null'} (published {want[f] or 'null'})")
                want = {**want, f: row[f]}
        changes = {f: _typed(want[f], types[f]) for f in fields if want[f] != row[f]}
        if not changes:
            return
        got = ", ".join(f"{f}={row[f] or 'null'}" for f in changes)
        reason = self.reasons.get(("amend", rid), NEW_AMEND.format(got=got))
        self.review["amend"].append({"id": rid, "set": changes, "reason": reason})
        if reason.startswith("Re-review"):
            self.log(f"amend {rid}: {changes} (was {got})")

    def _add(self, table: str, rid: str, want: dict, fields: list[str], types: dict) -> None:
        kept = next(
            (
                a
                for a in self.old_adds
                if a["table"] == table
                and want["review_status"] == "added"
                and _add_id(self.source_id, table, self.text, a) == rid
            ),
            None,
        )
        if kept is not None:
            self.review["add"].append(plain(kept))
            return
        self.review["add"].append(_added(rid, table, want, fields, types, self.text))
        self.log(f"add {rid}: {want['text'][:70]!r}")


def render_review(review: dict) -> str:
    """A review as YAML: keys in their order, `set:` mappings on one line, empty lists left out."""
    body = {k: v for k, v in review.items() if not (k in ("reject", "amend", "add") and not v)}
    return yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=110, default_flow_style=None)


def _add_id(source_id: str, table: str, text: str, item: dict) -> str | None:
    from newsfacts.model.ids import row_id

    lo, hi = 0, len(text)
    if item.get("within"):
        lo = text.find(item["within"])
        hi = lo + len(item["within"])
    start = text.find(item["evidence"], lo, hi)
    if start < 0:
        return None
    return row_id(source_id, LETTER_OF[table], start, start + len(item["evidence"]), item.get("suffix"))


def _added(rid: str, table: str, want: dict, fields: list[str], types: dict, text: str) -> dict:
    start, end = int(want["start_char"]), int(want["end_char"])
    evidence = text[start:end]
    item: dict = {"table": table, "evidence": evidence}
    if text.count(evidence) != 1:  # locate it inside its paragraph, or the smallest unique context
        lo, hi = start, end
        while text.count(text[lo:hi]) != 1 or text[lo:hi].count(evidence) != 1:
            lo, hi = max(0, lo - 20), min(len(text), hi + 20)
        item["within"] = text[lo:hi]
    if suffix_of(rid) is not None:
        item["suffix"] = suffix_of(rid)
    item["set"] = {f: _typed(want[f], types[f]) for f in fields if want[f] != ""}
    item["reason"] = NEW_ADD
    return item
