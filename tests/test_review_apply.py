"""apply_review is pure and typed: one parsed Review in, the reviewed rows, origins and notices out."""

import copy

import pytest

from conftest import ROOT
from newsfacts.curate import Add, Amend, Reject, Review
from newsfacts.curate.apply import apply_review, candidates_digest
from newsfacts.errors import InputError
from newsfacts.model.metadata import load_schemas

TEXT = 'Jane Doe said the vote was a "sham". Officials said it was fair.'
SHA = "0" * 64
PATH = ROOT / "nowhere.yaml"


def quote(start, end, **values):
    return {
        "quote_id": f"s:q:{start}-{end}",
        "source_id": "s",
        "speaker_id": None,
        "kind": "term",
        "cue": None,
        "start_char": start,
        "end_char": end,
        "text": TEXT[start:end],
        "section_type": "body",
        "rule": "marks",
        "review_status": "unreviewed",
        **values,
    }


@pytest.fixture
def candidates():
    return {"mentions": [], "quotes": [quote(30, 34)], "claims": [], "figures": []}


@pytest.fixture(scope="module")
def schemas():
    return load_schemas(ROOT / "schemas")


def test_without_a_review_every_row_stays_unreviewed(candidates, schemas):
    out = apply_review(None, PATH, "s", TEXT, SHA, candidates, schemas)
    assert out.tables == candidates and out.origins == {} and out.notices == []


def test_amend_add_and_accept_leave_the_inputs_unchanged(candidates, schemas):
    review = Review(
        text_sha256=SHA,
        candidates_sha256=candidates_digest(candidates),
        complete=True,
        amend=[Amend(id="s:q:30-34", set={"kind": "scare"}, reason="the outlet's own marks")],
        add=[Add(table="quotes", evidence="fair", set={"kind": "term"}, reason="missed")],
    )
    before_review, before_candidates = review.model_dump(), copy.deepcopy(candidates)
    out = apply_review(review, PATH, "s", TEXT, SHA, candidates, schemas)
    assert review.model_dump() == before_review and candidates == before_candidates
    rows = {r["quote_id"]: r for r in out.tables["quotes"]}
    assert rows["s:q:30-34"]["kind"] == "scare" and rows["s:q:30-34"]["review_status"] == "amended"
    start = TEXT.index("fair")
    added = rows[f"s:q:{start}-{start + 4}"]
    assert added["review_status"] == "added" and added["rule"] is None and added["text"] == "fair"
    assert set(out.origins) == {"s:q:30-34", f"s:q:{start}-{start + 4}"} and out.notices == []


def test_a_rejected_row_is_removed_and_a_stale_completion_accepts_nothing(candidates, schemas):
    review = Review(
        text_sha256=SHA, candidates_sha256="stale", complete=True, reject=[Reject(id="s:q:30-34", reason="not a quote")]
    )
    out = apply_review(
        review, PATH, "s", TEXT, SHA, {**candidates, "quotes": candidates["quotes"] + [quote(0, 8)]}, schemas
    )
    assert [r["quote_id"] for r in out.tables["quotes"]] == ["s:q:0-8"]
    assert out.tables["quotes"][0]["review_status"] == "unreviewed"
    assert len(out.notices) == 1 and "completed against other candidates" in out.notices[0]


def test_a_review_may_not_set_the_id_or_span_fields(candidates, schemas):
    review = Review(text_sha256=SHA, amend=[Amend(id="s:q:30-34", set={"start_char": 1}, reason="x")])
    with pytest.raises(InputError, match="not amendable fields of quotes"):
        apply_review(review, PATH, "s", TEXT, SHA, candidates, schemas)
