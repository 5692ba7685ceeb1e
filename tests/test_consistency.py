"""Each consistency rule fails on a table that breaks it, and passes on the published data."""

import pandas as pd
import pytest

import newsfacts
from conftest import ROOT
from newsfacts.model.metadata import SPAN_FIELDS, Table, load_schemas
from newsfacts.package.consistency import READS, check_consistency, missing_input
from newsfacts.package.validate import read_articles


@pytest.fixture
def tables():
    return newsfacts.load(ROOT)


@pytest.fixture(scope="module")
def articles():
    return read_articles(ROOT, newsfacts.load(ROOT)["sources"])


def rules_failing(tables, articles):
    return {f.rule for f in check_consistency(tables, articles, load_schemas(ROOT / "schemas"))}


def first(df, mask=None):
    return df.index[mask][0] if mask is not None else df.index[0]


def test_published_tables_pass(tables, articles):
    assert check_consistency(tables, articles, load_schemas(ROOT / "schemas")) == []


def test_span_must_match_text(tables, articles):
    tables["mentions"].loc[0, "text"] = "Somebody"
    assert "span_matches_text" in rules_failing(tables, articles)


def test_quote_must_sit_between_marks(tables, articles):
    q = tables["quotes"]
    i = first(q, (q.text.str.len() > 5).to_numpy())
    q.loc[i, "start_char"] += 1
    q.loc[i, "text"] = q.loc[i, "text"][1:]
    assert rules_failing(tables, articles) >= {"quote_between_marks"}


def test_quotes_must_not_overlap(tables, articles):
    q = tables["quotes"]
    row = q.iloc[[0]].copy()
    row["quote_id"] = row["quote_id"] + "x"
    row["start_char"] = row["start_char"] - 3
    row["end_char"] = row["end_char"] - 1
    tables["quotes"] = pd.concat([q, row], ignore_index=True)
    assert "quotes_do_not_overlap" in rules_failing(tables, {})


def test_low_value_high_order(tables, articles):
    f = tables["figures"]
    i = first(f, f.low.notna().to_numpy())
    f.loc[i, "low"] = f.loc[i, "value"] + 1
    assert "low_le_value_le_high" in rules_failing(tables, articles)


def test_percent_in_range(tables, articles):
    f = tables["figures"]
    i = first(f, (f.unit == "percent").to_numpy())
    f.loc[i, ["value", "low", "high"]] = 120.0
    assert "percent_in_0_100" in rules_failing(tables, articles)


def test_people_are_whole_and_non_negative(tables, articles):
    f = tables["figures"]
    i = first(f, (f.unit == "people").to_numpy() & f.value.notna().to_numpy())
    f.loc[i, ["value", "low", "high"]] = 2.5
    assert "people_whole_non_negative" in rules_failing(tables, articles)


def test_foreign_keys_resolve(tables, articles):
    c = tables["claims"]
    i = first(c, c.claimant_id.notna().to_numpy() & c.quote_id.isna().to_numpy())
    c.loc[i, "claimant_id"] = "nobody-at-all"
    assert "foreign_key_resolves" in rules_failing(tables, articles)


def test_claim_quote_speaker_agree(tables, articles):
    c = tables["claims"]
    i = first(c, c.quote_id.notna().to_numpy() & c.claimant_id.notna().to_numpy())
    c.loc[i, "claimant_id"] = "russia" if c.loc[i, "claimant_id"] != "russia" else "ukraine"
    assert "claim_quote_speaker" in rules_failing(tables, articles)


def test_figure_claim_claimant_agree(tables, articles):
    f = tables["figures"]
    i = first(f, f.claim_id.notna().to_numpy())
    f.loc[i, "claimant_id"] = "china"
    assert "figure_claim_claimant" in rules_failing(tables, articles)


def test_every_actor_is_referenced(tables, articles):
    a = tables["actors"]
    extra = a.iloc[[0]].copy()
    extra["actor_id"] = "an-unused-actor"
    extra["parent_id"] = pd.NA
    tables["actors"] = pd.concat([a, extra], ignore_index=True)
    assert "actor_referenced" in rules_failing(tables, articles)


def test_said_date_not_after_publication(tables, articles):
    c = tables["claims"]
    i = first(c, (c.source_id == "upi-2022-09-28").to_numpy())
    c.loc[i, "said_date"] = pd.Timestamp("2022-10-05")
    assert "said_date_not_after_published" in rules_failing(tables, articles)


def test_text_hash_matches_article(tables, articles):
    tables["sources"].loc[0, "text_sha256"] = "0" * 64
    assert "text_sha256_matches" in rules_failing(tables, articles)


def test_stance_only_for_legitimacy_and_annexation(tables, articles):
    c = tables["claims"]
    i = first(c, c.stance.notna().to_numpy())
    c.loc[i, "claim_type"] = "casualties"
    assert "stance_only_for_legitimacy_and_annexation" in rules_failing(tables, articles)


def _cut_to_what_the_rules_read(schemas: dict, tables: dict) -> tuple[dict, dict]:
    """The Table Schemas and tables with only the fields READS names (and, in a span table, its span
    fields and row id); the foreign keys between the fields kept."""
    keep = {}
    for name, schema in schemas.items():
        meta = Table(name, schema)
        span = (*SPAN_FIELDS, *meta.primary_key) if meta.is_span_table else ()
        keep[name] = [f for f in meta.field_names if f in READS.get(name, {}) or f in span]
    cut = {}
    for name, schema in schemas.items():
        fks = [
            fk
            for fk in schema.get("foreignKeys", [])
            if fk["fields"][0] in keep[name] and fk["reference"]["fields"][0] in keep[fk["reference"]["resource"]]
        ]
        fields = [f for f in schema["fields"] if f["name"] in keep[name]]
        cut[name] = {**schema, "fields": fields, "foreignKeys": fks}
    return cut, {name: frame[keep[name]] for name, frame in tables.items()}


def test_the_rules_read_only_what_reads_names(tables, articles):
    """`newsfacts validate` refuses a package without what READS lists (missing_input) and runs the rules
    on any package with it: so they must run on tables cut down to it. A rule that reads another field
    fails here until READS names it."""
    schemas = load_schemas(ROOT / "schemas")
    assert missing_input(schemas) is None
    cut_schemas, cut_tables = _cut_to_what_the_rules_read(schemas, tables)
    assert missing_input(cut_schemas) is None
    assert sum(len(f) for f in cut_tables.values()) and len(cut_tables["claims"].columns) < len(
        tables["claims"].columns
    )
    check_consistency(cut_tables, articles, cut_schemas)  # raises (KeyError, AttributeError) when a rule reads more


def test_missing_input_names_the_table_and_field():
    schemas = load_schemas(ROOT / "schemas")
    without_figures = {name: schema for name, schema in schemas.items() if name != "figures"}
    assert missing_input(without_figures)[:2] == ("figures", None)
    claims = schemas["claims"]
    fields = [{**f, "type": "string"} if f["name"] == "said_date" else f for f in claims["fields"]]
    retyped = {**schemas, "claims": {**claims, "fields": fields}}
    assert missing_input(retyped) == (
        "claims",
        "said_date",
        "is a string field; the consistency rules read it as a date field",
    )
