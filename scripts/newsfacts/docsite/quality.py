"""The extractor quality page: in-sample (reports/quality.csv) beside out-of-sample (reports/evaluation*.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsfacts.docsite.common import esc, html_table, read_csv
from newsfacts.publish.evaluate import COLUMNS

OUT_OF_SAMPLE = "out-of-sample (dev set of {n} news excerpts from other outlets and topics)"
# the out-of-sample sets: (report file, heading, what was measured, where the excerpts are); {n} is
# the number of excerpts the report scores
EVALUATION_SETS = (
    ("evaluation.csv", "Out-of-sample", OUT_OF_SAMPLE, "benchmarks/devset"),
    (
        "evaluation-freshset.csv",
        "Out-of-sample, second set",
        "out-of-sample (second set of {n} news excerpts, annotated for this project with the same guide)",
        "benchmarks/freshset",
    ),
)
IN_SAMPLE = "in-sample (the five articles of the package, the ones the rules were written against)"
SUMMARY_SCOPES = ["develop", "check", "all"]

# evaluation.csv column → (label, kind); kind "n" is a count, "r" a rate in [0, 1]
EVAL_COLUMNS = {
    "quotes_key": ("quotes in the answer key", "n"),
    "quote_span_recall": ("quote spans found (recall)", "r"),
    "quote_span_precision": ("quote spans correct (precision)", "r"),
    "speakers_key": ("quotes with a speaker in the key", "n"),
    "speaker_accuracy": ("speaker correct", "r"),
    "kind_accuracy": ("kind of quote correct", "r"),
    "figures_key": ("figures in the answer key", "n"),
    "figures_found": ("figures found", "n"),
    "figure_recall": ("figures found (recall)", "r"),
    "figure_precision": ("figures correct (precision)", "r"),
    "bounds_exact": ("value and bounds exact", "r"),
    "metric_accuracy": ("metric correct", "r"),
    "claimant_accuracy": ("claimant correct", "r"),
}
# in-sample counterpart of an out-of-sample measure: (table, field or "", column of quality.csv)
IN_SAMPLE_OF = {
    "quote_span_recall": ("quotes", "", "recall"),
    "quote_span_precision": ("quotes", "", "precision"),
    "speaker_accuracy": ("quotes", "speaker_id", "field_accuracy"),
    "kind_accuracy": ("quotes", "kind", "field_accuracy"),
    "figure_recall": ("figures", "", "recall"),
    "figure_precision": ("figures", "", "precision"),
    "metric_accuracy": ("figures", "metric", "field_accuracy"),
    "claimant_accuracy": ("figures", "claimant_id", "field_accuracy"),
}
# the columns of reports/evaluation.csv after scope and half, as `newsfacts evaluate` writes them
QUOTE_COLS = list(COLUMNS[COLUMNS.index("quotes_key") : COLUMNS.index("figures_key")])
FIGURE_COLS = list(COLUMNS[COLUMNS.index("figures_key") :])


def fmt(value, kind: str = "r") -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" or pd.isna(value):
        return "—"
    try:
        x = float(value)
    except ValueError:
        return esc(value)
    return f"{x:.0f}" if kind == "n" else f"{x:.3f}"


def in_sample_tables(q: pd.DataFrame) -> list[str]:
    tables = q[q.field.isna()]
    lines = [
        "### Rows found, per table",
        "",
        html_table(
            [
                "table",
                "articles",
                "proposed",
                "kept",
                "rejected (false positives)",
                "added (false negatives)",
                "precision",
                "recall",
            ],
            [
                [
                    f"<code>{esc(r.table)}</code>",
                    fmt(r.articles, "n"),
                    fmt(r.candidates, "n"),
                    fmt(r.true_positives, "n"),
                    fmt(r.false_positives, "n"),
                    fmt(r.false_negatives, "n"),
                    fmt(r.precision),
                    fmt(r.recall),
                ]
                for r in tables.itertuples()
            ],
        ),
        "",
        "### Fields right, per field",
        "",
        "Share of the kept rows whose field the reviewer did not have to amend.",
        "",
    ]
    fields = q[q.field.notna()]
    rows = [
        [
            f"<code>{esc(r.table)}</code>",
            f"<code>{esc(r.field)}</code>",
            fmt(r.true_positives, "n"),
            fmt(r.field_accuracy),
        ]
        for r in fields.itertuples()
    ]
    lines.append(html_table(["table", "field", "rows kept", "field right (accuracy)"], rows))
    return lines + [""]


def _in_sample_value(q: pd.DataFrame | None, key: str) -> str:
    if q is None or key not in IN_SAMPLE_OF:
        return "—"
    table, field, col = IN_SAMPLE_OF[key]
    sel = q[(q.table == table) & ((q.field == field) if field else q.field.isna())]
    return fmt(sel[col].iloc[0]) if len(sel) else "—"


def out_of_sample_tables(
    ev: pd.DataFrame,
    q: pd.DataFrame | None,
    heading: str = "Out-of-sample",
    measured: str = OUT_OF_SAMPLE,
    where: str = "benchmarks/devset",
    report: str = "evaluation.csv",
) -> list[str]:
    ev = ev.copy()
    ev["scope"] = ev["scope"].astype(str)
    measured = measured.format(n=int((~ev.scope.isin(SUMMARY_SCOPES)).sum()))  # the excerpts scored
    summary = {s: ev[ev.scope == s].iloc[0] for s in SUMMARY_SCOPES if (ev.scope == s).any()}
    cols = [c for c in EVAL_COLUMNS if c in ev.columns]
    headers = ["measure"] + [f"{s}" for s in summary] + ["in-sample"]
    rows = []
    for c in cols:
        label, kind = EVAL_COLUMNS[c]
        rows.append(
            [esc(label)]
            + [fmt(r.get(c), kind) for r in summary.values()]
            + [_in_sample_value(q, c) if kind == "r" else "—"]
        )
    lines = [
        f"## {heading}",
        "",
        f"<p><strong>Measured {measured}.</strong></p>",
        "",
        f"The extractor run on news excerpts it was not written against (`{where}`), "
        "compared with a hand-made answer key. `develop` is the half used while changing the rules, "
        "`check` the half held back to test them, `all` both. The last column repeats the in-sample "
        "figure for the same measure (from the reviews of the five articles, table below), so the two "
        f"can be read side by side. Generated from `reports/{report}`.",
        "",
        html_table(headers, rows, "nf-eval", caption=f"Summary, {measured}"),
        "",
    ]
    per = ev[~ev.scope.isin(SUMMARY_SCOPES)].sort_values("scope", kind="mergesort")
    if len(per):

        def block(columns, title):
            cs = [c for c in columns if c in ev.columns]
            hdr = ["excerpt", "half"] + [esc(EVAL_COLUMNS[c][0]) for c in cs]
            body = [
                [f"<code>{esc(r['scope'])}</code>", esc(r.get("half", ""))]
                + [fmt(r.get(c), EVAL_COLUMNS[c][1]) for c in cs]
                for _, r in per.iterrows()
            ]
            return f"<h4>{title}</h4>" + html_table(hdr, body, "nf-eval-excerpts")

        lines += [
            f'<details class="nf-details"><summary>Per excerpt ({len(per)} excerpts)</summary>',
            block(QUOTE_COLS, "Quotes and speakers"),
            block(FIGURE_COLS, "Figures"),
            "</details>",
            "",
        ]
    return lines


def quality_page(root: Path) -> str:
    qpath = root / "reports" / "quality.csv"
    q = read_csv(qpath) if qpath.exists() else None
    lines = [
        "# Extractor quality",
        "",
        "How well the rule-based extractor does before a person reviews its output, measured two ways: "
        "in-sample, on the five articles of this package, from their human reviews; and, when the "
        "evaluation report exists, out-of-sample, on excerpts the rules were not written against. "
        "In-sample figures are optimistic: the rules were tuned on these texts.",
        "",
    ]
    for report, heading, measured, where in EVALUATION_SETS:
        epath = root / "reports" / report
        if epath.exists():
            lines += out_of_sample_tables(read_csv(epath), q, heading, measured, where, report)
    lines += [
        "## In-sample",
        "",
        f"<p><strong>Measured {IN_SAMPLE}.</strong></p>",
        "",
        "Precision and recall of the raw extractor against the human reviews (`data/raw/reviews/`): "
        "a rejected candidate is a false positive, an added row a false negative, an amended field "
        "an attribute error. Generated by `newsfacts quality` into `reports/quality.csv`.",
        "",
    ]
    if q is None:
        lines.append("No quality report yet: run `newsfacts quality`.")
    else:
        lines += in_sample_tables(q)
    return "\n".join(lines) + "\n"
