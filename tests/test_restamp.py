"""`newsfacts restamp`: a completed review carried over to changed candidates gives back the
published rows, and says what it changed."""

from pathlib import Path

import pandas as pd
import yaml

from newsfacts.package.build import build_tables
from newsfacts.package.restamp import NEW_ADD, NEW_AMEND, NEW_REJECT, render_review, restamp

SOURCE = "upi-2022-09-28"


def _published(root: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(root / "data" / f"{table}.csv", dtype=str, keep_default_na=False)


def test_restamp_of_an_unchanged_article_keeps_every_published_row(built, cached_extract):
    before = {t: _published(built, t) for t in ("quotes", "claims", "figures")}
    log: list[str] = []
    restamp(built, SOURCE, log=log.append)
    tables = build_tables(built)
    for table, old in before.items():
        new = tables[table].astype(object).where(tables[table].notna(), None)
        ids = set(new[new["source_id"] == SOURCE].iloc[:, 0])
        assert ids == set(old.loc[old["source_id"] == SOURCE].iloc[:, 0]), table
    assert all(line.split()[0] in {"reject", "amend", "add"} for line in log)


def test_a_reviewed_value_the_extractor_no_longer_proposes_becomes_an_amendment(built, cached_extract):
    """Change a published value as if the extractor now proposed another: the review restores it."""
    claims = _published(built, "claims")
    row = claims[(claims["source_id"] == SOURCE) & (claims["review_status"] == "accepted")].iloc[0]
    claims.loc[claims["claim_id"] == row["claim_id"], "claim_type"] = (
        "other" if row["claim_type"] != "other" else "diplomacy_sanctions"
    )
    claims.to_csv(built / "data" / "claims.csv", index=False, lineterminator="\n")
    log: list[str] = []
    restamp(built, SOURCE, log=log.append)
    review = yaml.safe_load((built / "data/raw/reviews" / f"{SOURCE}.yaml").read_text("utf-8"))
    amended = {a["id"]: a for a in review["amend"]}
    assert row["claim_id"] in amended and amended[row["claim_id"]]["reason"].startswith(NEW_AMEND.split("{")[0])
    assert any(line.startswith(f"amend {row['claim_id']}") for line in log)


def test_a_candidate_that_is_not_a_published_row_is_rejected(built, cached_extract):
    claims = _published(built, "claims")
    gone = claims[(claims["source_id"] == SOURCE) & (claims["review_status"] == "accepted")].iloc[0]["claim_id"]
    claims[claims["claim_id"] != gone].to_csv(built / "data" / "claims.csv", index=False, lineterminator="\n")
    restamp(built, SOURCE, log=lambda _line: None)
    review = yaml.safe_load((built / "data/raw/reviews" / f"{SOURCE}.yaml").read_text("utf-8"))
    assert {"id": gone, "reason": NEW_REJECT} in review["reject"]
    assert gone not in set(build_tables(built)["claims"]["claim_id"])


def test_a_published_row_the_extractor_no_longer_proposes_is_added_back(built, cached_extract, monkeypatch):
    import newsfacts.package.build as build

    real = build.extract

    def without_first_claim(*args):
        cand = real(*args)
        if args[0] == SOURCE:
            cand["claims"] = cand["claims"][1:]
        return cand

    claims = _published(built, "claims")
    monkeypatch.setattr(build, "extract", without_first_claim)
    restamp(built, SOURCE, log=lambda _line: None)
    review = yaml.safe_load((built / "data/raw/reviews" / f"{SOURCE}.yaml").read_text("utf-8"))
    assert NEW_ADD in [a["reason"] for a in review["add"]]
    rebuilt = build_tables(built)["claims"]
    assert set(rebuilt.loc[rebuilt["source_id"] == SOURCE, "claim_id"]) == set(
        claims.loc[claims["source_id"] == SOURCE, "claim_id"]
    )


def test_rendered_review_keeps_key_order_puts_sets_on_one_line_and_parses_back():
    review = {
        "text_sha256": "a" * 64,
        "candidates_sha256": "b" * 64,
        "complete": True,
        "reject": [],
        "amend": [{"id": "s:c:1-2", "set": {"stance": "rejects", "said_date": None}, "reason": "Why: because."}],
        "add": [{"table": "claims", "evidence": "He said: “no”.", "set": {"claim_type": "other"}, "reason": "r"}],
    }
    text = render_review(review)
    assert "reject:" not in text
    assert "amend:\n- id: s:c:1-2\n  set: {stance: rejects, said_date: null}\n" in text
    assert yaml.safe_load(text) == {k: v for k, v in review.items() if k != "reject"}
