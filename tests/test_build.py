"""End-to-end build, drift against what is committed, determinism and atomicity."""

import hashlib
import json

import pandas as pd

from conftest import ROOT
from newsfacts.cli import main
from newsfacts.curate.inputs import Paths, read_sources
from newsfacts.package.build import build_tables, render_package


def test_one_source_row_per_registered_article_with_matching_hashes(built_tables):
    sources = built_tables["sources"]
    registered = [s["source_id"] for s in read_sources(Paths(ROOT))]
    assert sorted(sources["source_id"]) == sorted(registered)
    assert sorted(registered) == sorted(p.stem for p in (ROOT / "data/raw/articles").glob("*.txt"))
    for row in sources.itertuples():
        data = (ROOT / "data/raw/articles" / f"{row.source_id}.txt").read_bytes()
        assert row.text_sha256 == hashlib.sha256(data).hexdigest()
        assert row.char_count == len(data.decode("utf-8"))


def test_articles_are_the_published_ones_byte_for_byte():
    """The article files are those the committed data/sources.csv was built from (text_sha256)."""
    published = pd.read_csv(ROOT / "data/sources.csv", dtype=str).set_index("source_id")["text_sha256"].to_dict()
    ours = {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "data/raw/articles").glob("*.txt")}
    assert ours == published


def test_every_span_row_is_true_to_its_article(built_tables):
    texts = {
        sid: (ROOT / "data/raw/articles" / f"{sid}.txt").read_text("utf-8")
        for sid in built_tables["sources"]["source_id"]
    }
    for table in ("mentions", "quotes", "claims", "figures"):
        df = built_tables[table]
        assert len(df) > 0, table
        for r in df.itertuples():
            assert texts[r.source_id][r.start_char : r.end_char] == r.text, (table, r)


def test_committed_outputs_match_a_fresh_build():
    """Drift: data/*.csv and datapackage.json are exactly what the build produces now."""
    files = render_package(ROOT, build_tables(ROOT))
    for rel, data in files.items():
        assert (ROOT / rel).read_bytes() == data, f"{rel} differs from a fresh build: run `make build`"


def test_committed_quality_report_matches(tmp_path):
    from newsfacts.publish.quality import write_quality

    out = write_quality(ROOT, tmp_path / "quality.csv")
    assert out.read_bytes() == (ROOT / "reports/quality.csv").read_bytes()


def test_build_is_deterministic(project):
    assert main(["--root", str(project), "build"]) == 0
    first = {p.name: p.read_bytes() for p in (project / "data").glob("*.csv")}
    first["datapackage.json"] = (project / "datapackage.json").read_bytes()
    assert main(["--root", str(project), "build"]) == 0
    second = {p.name: p.read_bytes() for p in (project / "data").glob("*.csv")}
    second["datapackage.json"] = (project / "datapackage.json").read_bytes()
    assert first == second


def test_datapackage_describes_every_resource():
    desc = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:
        data = (ROOT / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert (ROOT / res["schema"]).exists()
    assert {r["name"] for r in desc["resources"]} == {
        p.name.split(".")[0] for p in (ROOT / "schemas").glob("*.schema.yaml")
    }


def test_frictionless_validates_the_committed_package():
    from frictionless import Package

    report = Package(str(ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])


def test_reviews_are_complete_for_every_published_source(built_tables):
    published = {s["source_id"] for s in read_sources(Paths(ROOT)) if s["status"] == "published"}
    assert published, "nothing is published"
    for table in ("mentions", "quotes", "claims", "figures"):
        df = built_tables[table]
        assert "unreviewed" not in set(df[df.source_id.isin(published)]["review_status"]), table


def test_every_double_quotation_mark_bounds_a_published_quote(built_tables):
    """Coverage: each “ ” or " in an article body is the opening or closing mark of a quote row."""
    from newsfacts.extract.segment import segments

    quotes = built_tables["quotes"]
    for sid in built_tables["sources"]["source_id"]:
        text = (ROOT / "data/raw/articles" / f"{sid}.txt").read_text("utf-8")
        q = quotes[quotes.source_id == sid]
        bounds = set(q.start_char - 1) | set(q.end_char)
        for seg in segments(text):
            for i in range(seg.start, seg.end):
                if text[i] in '“”"':
                    assert i in bounds, f"{sid}: quotation mark at {i} is not covered by a quote"


def test_speech_without_a_speaker_is_nested_or_from_an_unnamed_source(built_tables):
    q, c = built_tables["quotes"], built_tables["claims"]
    unnamed_claim_quotes = set(c[c.claimant_id.isna() & c.quote_id.notna()].quote_id)
    for r in q[q.kind.isin(["speech", "term"]) & q.speaker_id.isna()].itertuples():
        nested = ((q.source_id == r.source_id) & (q.start_char < r.start_char) & (q.end_char > r.end_char)).any()
        assert nested or r.quote_id in unnamed_claim_quotes, r.quote_id
    assert q[q.kind == "scare"].speaker_id.isna().all()
