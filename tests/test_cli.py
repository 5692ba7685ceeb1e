"""`newsfacts extract` on unseen text and `newsfacts quality` from the reviews."""

import csv

import yaml

from conftest import ROOT
from newsfacts.cli import main
from newsfacts.package.validate import frictionless_failures

UNSEEN = """Officials in the occupied city said turnout was 76% and that 97.5% of ballots backed joining.

"This vote is a farce staged at gunpoint," said Maria Kovalenko, a teacher who fled to Poland.

According to the regional governor, shelling killed at least 12 people and wounded dozens more overnight.
"""


def test_extract_unseen_text_gives_valid_candidate_tables(tmp_path):
    article = tmp_path / "Some Outlet Story.txt"
    article.write_text(UNSEEN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--root", str(ROOT), "extract", str(article), "--out", str(out)]) == 0
    assert frictionless_failures(out) == []
    rows = {
        name: list(csv.DictReader((out / "data" / f"{name}.csv").open(encoding="utf-8")))
        for name in ("sources", "actors", "quotes", "claims", "figures")
    }
    [source] = rows["sources"]
    assert source["source_id"] == "some-outlet-story" and source["published_date"] == ""
    [quote] = rows["quotes"]
    assert quote["speaker_id"] == "maria-kovalenko" and quote["kind"] == "speech"
    provisional = [a for a in rows["actors"] if a["provisional"] == "true"]
    assert [a["actor_id"] for a in provisional] == ["maria-kovalenko"]
    metrics = sorted((f["metric"], f["approx"]) for f in rows["figures"])
    assert metrics == [("killed", "at_least"), ("turnout", "exact"), ("vote_share_for", "exact"), ("wounded", "vague")]
    assert all(r["review_status"] == "unreviewed" for r in rows["claims"] + rows["quotes"])


def test_quality_report_counts_follow_the_reviews(tmp_path):
    out = tmp_path / "quality.csv"
    assert main(["--root", str(ROOT), "quality", "--out", str(out)]) == 0
    rows = {(r["table"], r["field"]): r for r in csv.DictReader(out.open(encoding="utf-8"))}
    added = rejected = 0
    for review in (ROOT / "data/raw/reviews").glob("*.yaml"):
        data = yaml.safe_load(review.read_text("utf-8"))
        added += sum(1 for a in data.get("add") or [] if a["table"] == "claims")
        rejected += sum(1 for r in data.get("reject") or [] if ":c:" in r["id"])
    claims = rows[("claims", "")]
    assert int(claims["false_negatives"]) == added and int(claims["false_positives"]) == rejected
    tp, cand = int(claims["true_positives"]), int(claims["candidates"])
    assert abs(float(claims["precision"]) - tp / cand) < 1e-3
    assert abs(float(claims["recall"]) - tp / (tp + added)) < 1e-3


def test_validate_reports_table_row_field_and_rule(tmp_path, capsys):
    import shutil

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    shutil.copy2(ROOT / "datapackage.json", pkg)
    shutil.copytree(ROOT / "data", pkg / "data")
    shutil.copytree(ROOT / "schemas", pkg / "schemas")
    assert main(["validate", str(pkg)]) == 0
    path = pkg / "data/figures.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[3] = (
        lines[3].replace(",percent,", ",kilograms,", 1)
        if ",percent," in lines[3]
        else lines[3].replace(",people,", ",kilograms,", 1)
    )
    path.write_text("".join(lines), "utf-8")
    capsys.readouterr()
    assert main(["validate", str(pkg)]) == 1
    out = " ".join(capsys.readouterr().err.split())
    assert "figures" in out and "unit" in out and "constraint" in out.lower()
    assert " 4 " in out  # CSV row 4 (the header is row 1)


def test_evaluate_prints_the_set_s_targets(tmp_path, capsys):
    import shutil

    for name in ("d01.txt", "d01.yaml"):
        shutil.copy(ROOT / "benchmarks" / "devset" / name, tmp_path / name)
    (tmp_path / "targets.yaml").write_text("quote_span_recall: 0.5\nfigure_precision: 1.01\n", encoding="utf-8")
    assert main(["--root", str(ROOT), "evaluate", str(tmp_path)]) == 2  # a target above 1 is bad input
    (tmp_path / "targets.yaml").write_text("quote_span_recall: 0.5\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(ROOT), "evaluate", str(tmp_path)]) == 0
    assert "target quote_span_recall >= 0.5: 1.0 met" in capsys.readouterr().out
