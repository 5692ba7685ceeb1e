"""Consistency rules across rows and tables, beyond what a Table Schema can say.

Every rule is a function `rule(tables, articles, meta) -> failures` whose failures carry its
name as their rule id; `articles` maps source_id to the article text, or is empty when the
texts are not available (a release without them); `meta` is the metadata model of the tables
(newsfacts.model.metadata.Table by name).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from newsfacts.model.ids import STANCE_CLAIM_TYPES
from newsfacts.model.metadata import Table, tables_of

Meta = dict[str, Table]

# The fields the rules read by name, and their types (table -> field -> type); besides, of every span
# table (one with all of SPAN_FIELDS) they read its id column (a primary key of one field) and the
# span fields, the character offsets as integers. `missing_input` says what a package lacks of this.
READS: dict[str, dict[str, str]] = {
    "sources": {"source_id": "string", "published_date": "date", "text_sha256": "string"},
    "actors": {"actor_id": "string"},
    "quotes": {
        "quote_id": "string",
        "source_id": "string",
        "speaker_id": "string",
        "start_char": "integer",
        "end_char": "integer",
    },
    "claims": {
        "claim_id": "string",
        "quote_id": "string",
        "source_id": "string",
        "claimant_id": "string",
        "claim_type": "string",
        "stance": "string",
        "said_date": "date",
    },
    "figures": {
        "figure_id": "string",
        "claim_id": "string",
        "source_id": "string",
        "claimant_id": "string",
        "unit": "string",
        "low": "number",
        "value": "number",
        "high": "number",
    },
}
SPAN_TYPES = {"source_id": "string", "start_char": "integer", "end_char": "integer", "text": "string"}

QUOTE_MARKS = "\"“”'‘’"


@dataclass(frozen=True)
class Failure:
    table: str
    row: int | None  # CSV row number, header = row 1 (as frictionless counts)
    field: str | None
    rule: str
    message: str
    file: str | None = None  # the input the bad value came from (a review file:line), when known

    def line(self) -> str:
        """One line: where (input file or table, row, field), what, and the rule."""
        where = [self.file] if self.file else []
        where.append(
            f"table {self.table}"
            + (f" row {self.row}" if self.row is not None else "")
            + (f" field {self.field}" if self.field else "")
        )
        return f"{', '.join(where)}: {self.message} ({self.rule})"


def _rownum(i) -> int:
    return int(i) + 2


def span_matches_text(tables, articles, meta: Meta):
    out: list[Failure] = []
    if not articles:
        return out
    for t in (name for name, table in meta.items() if table.is_span_table):
        id_col = meta[t].id_column
        for i, r in tables[t].iterrows():
            text = articles.get(r.source_id)
            if text is None:
                continue
            s, e = r.start_char, r.end_char
            if pd.isna(s) or pd.isna(e) or not (0 <= s < e <= len(text)) or text[int(s) : int(e)] != r.text:
                out.append(
                    Failure(
                        t,
                        _rownum(i),
                        "text",
                        "span_matches_text",
                        f"{r[id_col]}: article[{s}:{e}] does not equal the row's text",
                    )
                )
    return out


def quote_between_marks(tables, articles, meta: Meta):
    out: list[Failure] = []
    if not articles:
        return out
    for i, r in tables["quotes"].iterrows():
        text = articles.get(r.source_id)
        if text is None:
            continue
        if pd.isna(r.start_char) or pd.isna(r.end_char) or not 0 < r.start_char <= r.end_char <= len(text):
            continue  # reported by span_matches_text
        s, e = int(r.start_char), int(r.end_char)
        opens = s > 0 and text[s - 1] in QUOTE_MARKS
        closes = e == len(text) or text[e] in QUOTE_MARKS or text[e] in "\n" or not text[e:].split("\n", 1)[0].strip()
        if not (opens and closes):
            out.append(
                Failure(
                    "quotes",
                    _rownum(i),
                    "start_char",
                    "quote_between_marks",
                    f"{r.quote_id}: span does not sit between quotation marks",
                )
            )
    return out


def quotes_do_not_overlap(tables, articles, meta: Meta):
    out = []
    q = tables["quotes"].dropna(subset=["start_char", "end_char"]).sort_values(["source_id", "start_char"])
    for _, grp in q.groupby("source_id"):
        rows = list(grp.itertuples())
        for a_i, a in enumerate(rows):
            for b in rows[a_i + 1 :]:
                if b.start_char >= a.end_char:
                    break
                nested = a.start_char <= b.start_char and b.end_char <= a.end_char
                if not nested:
                    out.append(
                        Failure(
                            "quotes",
                            _rownum(b.Index),
                            "start_char",
                            "quotes_do_not_overlap",
                            f"{b.quote_id} overlaps {a.quote_id} without being nested in it",
                        )
                    )
    return out


def low_le_value_le_high(tables, articles, meta: Meta):
    out = []
    for i, r in tables["figures"].iterrows():
        vals = [(n, r[n]) for n in ("low", "value", "high") if not pd.isna(r[n])]
        if any(vals[k][1] > vals[k + 1][1] for k in range(len(vals) - 1)):
            out.append(
                Failure(
                    "figures",
                    _rownum(i),
                    "value",
                    "low_le_value_le_high",
                    f"{r.figure_id}: low <= value <= high does not hold ({dict(vals)})",
                )
            )
    return out


def _figure_values(figures: pd.DataFrame, unit: str):
    """(row index, figure row, field, value) of every non-null low, value and high in `unit`."""
    for i, r in figures[figures["unit"] == unit].iterrows():
        for n in ("low", "value", "high"):
            if not pd.isna(r[n]):
                yield i, r, n, r[n]


def percent_in_0_100(tables, articles, meta: Meta):
    return [
        Failure("figures", _rownum(i), n, "percent_in_0_100", f"{r.figure_id}: {n}={v} is not in [0, 100]")
        for i, r, n, v in _figure_values(tables["figures"], "percent")
        if not 0 <= v <= 100
    ]


def people_whole_non_negative(tables, articles, meta: Meta):
    return [
        Failure(
            "figures",
            _rownum(i),
            n,
            "people_whole_non_negative",
            f"{r.figure_id}: {n}={v} is not a non-negative whole number of people",
        )
        for i, r, n, v in _figure_values(tables["figures"], "people")
        if v < 0 or float(v) != int(v)
    ]


def foreign_key_resolves(tables, articles, meta: Meta):
    out = []
    for t, table in meta.items():
        for ref in table.references:
            keys = set(tables[ref.resource][ref.target_field].dropna())
            for i, v in tables[t][ref.field].items():
                if not pd.isna(v) and v not in keys:
                    out.append(
                        Failure(
                            t,
                            _rownum(i),
                            ref.field,
                            "foreign_key_resolves",
                            f"{v!r} is not a {ref.target_field} of {ref.resource}",
                        )
                    )
    return out


def claim_quote_speaker(tables, articles, meta: Meta):
    out = []
    quotes = tables["quotes"].drop_duplicates("quote_id").set_index("quote_id")  # duplicates: a primary key failure
    for i, r in tables["claims"].iterrows():
        if pd.isna(r.quote_id) or r.quote_id not in quotes.index:
            continue
        q = quotes.loc[r.quote_id]
        if q.source_id != r.source_id or (q.speaker_id if not pd.isna(q.speaker_id) else None) != (
            r.claimant_id if not pd.isna(r.claimant_id) else None
        ):
            out.append(
                Failure(
                    "claims",
                    _rownum(i),
                    "claimant_id",
                    "claim_quote_speaker",
                    f"{r.claim_id}: claimant {r.claimant_id} / source differ from quote {r.quote_id} "
                    f"(speaker {q.speaker_id})",
                )
            )
    return out


def figure_claim_claimant(tables, articles, meta: Meta):
    out = []
    claims = tables["claims"].drop_duplicates("claim_id").set_index("claim_id")
    for i, r in tables["figures"].iterrows():
        if pd.isna(r.claim_id) or r.claim_id not in claims.index:
            continue
        c = claims.loc[r.claim_id]
        same = (c.claimant_id if not pd.isna(c.claimant_id) else None) == (
            r.claimant_id if not pd.isna(r.claimant_id) else None
        )
        if c.source_id != r.source_id or not same:
            out.append(
                Failure(
                    "figures",
                    _rownum(i),
                    "claimant_id",
                    "figure_claim_claimant",
                    f"{r.figure_id}: claimant or source differs from claim {r.claim_id}",
                )
            )
    return out


def actor_referenced(tables, articles, meta: Meta):
    used = set()
    for t, table in meta.items():
        for col in table.actor_columns:
            used |= set(tables[t][col].dropna())
    return [
        Failure("actors", _rownum(i), "actor_id", "actor_referenced", f"actor {a!r} is referenced by no row")
        for i, a in tables["actors"]["actor_id"].items()
        if a not in used
    ]


def said_date_not_after_published(tables, articles, meta: Meta):
    pub = tables["sources"].drop_duplicates("source_id").set_index("source_id")["published_date"]
    out = []
    for i, r in tables["claims"].iterrows():
        p = pub.get(r.source_id)
        if not pd.isna(r.said_date) and (pd.isna(p) or r.said_date > p):
            out.append(
                Failure(
                    "claims",
                    _rownum(i),
                    "said_date",
                    "said_date_not_after_published",
                    f"{r.claim_id}: said_date {r.said_date:%Y-%m-%d} is after the publication date "
                    "or the publication date is unknown",
                )
            )
    return out


def stance_only_for_legitimacy_and_annexation(tables, articles, meta: Meta):
    out = []
    for i, r in tables["claims"].iterrows():
        if not pd.isna(r.stance) and r.claim_type not in STANCE_CLAIM_TYPES:
            out.append(
                Failure(
                    "claims",
                    _rownum(i),
                    "stance",
                    "stance_only_for_legitimacy_and_annexation",
                    f"{r.claim_id}: a {r.claim_type} claim has stance {r.stance}",
                )
            )
    return out


def article_present(tables, articles, meta: Meta):
    if not articles:
        return []
    return [
        Failure("sources", _rownum(i), "source_id", "article_present", f"no article text for {sid}")
        for i, sid in tables["sources"]["source_id"].items()
        if sid not in articles
    ]


def text_sha256_matches(tables, articles, meta: Meta):
    out = []
    for i, r in tables["sources"].iterrows():
        text = articles.get(r.source_id)
        if text is not None and hashlib.sha256(text.encode("utf-8")).hexdigest() != r.text_sha256:
            out.append(
                Failure(
                    "sources",
                    _rownum(i),
                    "text_sha256",
                    "text_sha256_matches",
                    f"{r.source_id}: text_sha256 does not match the article file",
                )
            )
    return out


RULES = [
    span_matches_text,
    quote_between_marks,
    quotes_do_not_overlap,
    low_le_value_le_high,
    percent_in_0_100,
    people_whole_non_negative,
    foreign_key_resolves,
    claim_quote_speaker,
    figure_claim_claimant,
    actor_referenced,
    said_date_not_after_published,
    stance_only_for_legitimacy_and_annexation,
    article_present,
    text_sha256_matches,
]


def missing_input(schemas: dict[str, dict]) -> tuple[str, str | None, str] | None:
    """(table, field or None, what is wrong) of the first thing the rules read that the Table Schemas
    `schemas` do not give them, or None when the rules can run."""
    for table in READS:
        if table not in schemas:
            return table, None, f"is not in the package; the consistency rules read the tables {', '.join(READS)}"
    for table, schema in schemas.items():
        meta = Table(table, schema)
        types = {f["name"]: f["type"] for f in schema["fields"]}
        for name, ftype in {**READS.get(table, {}), **(SPAN_TYPES if meta.is_span_table else {})}.items():
            if name not in types:
                return table, name, f"is not a field; the consistency rules read it as a {ftype} field"
            if types[name] != ftype:
                return table, name, f"is a {types[name]} field; the consistency rules read it as a {ftype} field"
        if meta.is_span_table and len(meta.primary_key) != 1:
            return table, None, "a table with character spans needs a primaryKey of one field (its row id)"
    return None


def check_consistency(tables: dict[str, pd.DataFrame], articles: dict[str, str], schemas: dict) -> list[Failure]:
    """The failures of every rule, in rule order; `schemas` are the tables' Table Schemas."""
    meta = tables_of(schemas)
    return [failure for rule in RULES for failure in rule(tables, articles, meta)]
