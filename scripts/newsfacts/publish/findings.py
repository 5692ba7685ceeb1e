"""Cross-source findings: the same metric for the same place reported by several sources.

A difference is a finding, not a validation failure. Values are compared at the
precision of the least precise report ("98%" against "98.42%" agrees when 98.42
rounds to 98); anything else is listed as a difference with its size.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pycountry

from newsfacts.model.metadata import Field

COLUMNS = [
    "category",
    "metric",
    "place_code",
    "place_name",
    "unit",
    "sources",
    "values",
    "min",
    "max",
    "spread",
    "verdict",
    "outliers",
    "figure_ids",
]


def _decimals(text: str) -> int:
    m = re.search(r"\d+(?:,\d{3})*(?:\.(\d+))?", text)
    return len(m.group(1)) if m and m.group(1) else 0


def place_name(code: str) -> str:
    sub = pycountry.subdivisions.get(code=code)
    if sub is not None:
        return sub.name
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


_fmt = Field({"name": "value", "type": "number"}).cell  # numbers as the published CSVs write them


def cross_source(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per (metric, place) reported by two or more sources."""
    f = figures[figures["place_code"].notna() & figures["value"].notna()]
    rows = []
    for (category, metric, code, unit), grp in f.groupby(["category", "metric", "place_code", "unit"], observed=True):
        if grp["source_id"].nunique() < 2:
            continue
        grp = grp.sort_values(["source_id", "start_char"])
        digits = min(_decimals(t) for t in grp["text"])
        by_source = [round(float(v), digits) for v in grp["value"]]
        rounded = set(by_source)
        modal = max(sorted(rounded), key=by_source.count)
        outliers = [s for s, v in zip(grp["source_id"], by_source, strict=False) if v != modal]
        lo, hi = float(grp["value"].min()), float(grp["value"].max())
        rows.append(
            {
                "category": category,
                "metric": metric,
                "place_code": code,
                "place_name": place_name(code),
                "unit": unit,
                "sources": "; ".join(grp["source_id"]),
                "values": "; ".join(_fmt(v) for v in grp["value"]),
                "min": _fmt(lo),
                "max": _fmt(hi),
                "spread": _fmt(round(hi - lo, 6)),
                "verdict": "agree" if len(rounded) == 1 else "differ",
                "outliers": "; ".join(outliers),
                "figure_ids": "; ".join(grp["figure_id"]),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def write_findings(root: Path, out: Path | None = None) -> Path:
    from newsfacts.package.atomic import check_output_path, write_output
    from newsfacts.publish.loader import load

    if out is None:
        out = root / "reports" / "findings.csv"
        out.parent.mkdir(parents=True, exist_ok=True)
    check_output_path(out)
    table = cross_source(load(root)["figures"])
    buf = io.StringIO()
    table.to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return write_output(out, buf.getvalue().encode("utf-8"))
