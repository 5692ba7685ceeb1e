"""Cross-source findings: agreement at the coarsest precision, differences listed."""

import pandas as pd

from conftest import ROOT
from newsfacts.publish.findings import cross_source, write_findings


def fig(source, value, text, place="UA-65", metric="vote_share_for", start=0):
    return {
        "figure_id": f"{source}:f:{start}-{start + len(text)}",
        "source_id": source,
        "category": "vote",
        "metric": metric,
        "place_code": place,
        "unit": "percent",
        "value": value,
        "text": text,
        "start_char": start,
    }


def test_rounded_reports_agree_and_different_ones_are_listed():
    df = pd.DataFrame(
        [
            fig("a", 87.05, "87.05%"),
            fig("b", 87.0, "87 per cent"),
            fig("c", 83.0, "83%"),
            fig("a", 98.42, "98.42%", place="UA-09"),
            fig("b", 98.0, "98%", place="UA-09"),
            fig("a", 50.0, "50%", place="UA-14"),
        ]
    )
    out = cross_source(df).set_index("place_code")
    assert out.loc["UA-09", "verdict"] == "agree"
    assert out.loc["UA-65", "verdict"] == "differ"
    assert out.loc["UA-65", "outliers"] == "c"
    assert out.loc["UA-65", "spread"] == "4.05"
    assert "UA-14" not in out.index  # reported by one source only


def test_committed_findings_match_a_fresh_computation(tmp_path):
    out = write_findings(ROOT, tmp_path / "findings.csv")
    assert out.read_bytes() == (ROOT / "reports/findings.csv").read_bytes()
    assert "differ" in out.read_text("utf-8")  # the Kherson vote share: UPI's 83% against 87% elsewhere
