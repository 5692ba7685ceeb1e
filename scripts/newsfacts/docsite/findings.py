"""The findings page: charts with captions saying what is compared and where the numbers come from."""

from __future__ import annotations

from pathlib import Path

from newsfacts.docsite.charts import vote_discrepancy
from newsfacts.docsite.common import esc, html_table, read_csv, source_labels


def _figure(src: str, alt: str, caption: str) -> str:
    return f'<figure class="nf-chart"><img src="{src}" alt="{esc(alt)}"><figcaption>{caption}</figcaption></figure>'


def comparison_table(root: Path) -> str:
    path = root / "reports" / "findings.csv"
    if not path.exists():
        return "No comparison yet: run `newsfacts findings`."
    labels = source_labels(read_csv(root / "data/sources.csv"))
    df = read_csv(path)
    rows = []
    for r in df.itertuples(index=False):
        reported = "<br>".join(
            f"{esc(labels.get(s.strip(), s.strip()))}: <strong>{esc(v.strip())}</strong>"
            for s, v in zip(str(r.sources).split(";"), str(r.values).split(";"), strict=False)
        )
        verdict = esc(r.verdict)
        if r.verdict == "differ":
            out = "; ".join(labels.get(s.strip(), s.strip()) for s in str(r.outliers or "").split(";") if s.strip())
            verdict = '<strong class="nf-differ">differ</strong>' + (f" (odd one out: {esc(out)})" if out else "")
        place = f"{esc(r.place_name)} (<code>{esc(r.place_code)}</code>)" if isinstance(r.place_name, str) else "—"
        rows.append(
            [
                place,
                f"<code>{esc(r.metric).replace('_', '_<wbr>')}</code>",
                esc(r.unit),
                reported,
                esc(r.spread),
                verdict,
            ]
        )
    return html_table(["place", "metric", "unit", "reported by outlet", "spread", "verdict"], rows, "nf-findings")


def findings_page(root: Path) -> str:
    return (
        "\n".join(
            [
                "# Findings",
                "",
                "Charts and tables drawn from the data when the site is built. Every bar starts at zero. "
                "Outlets are named with their publication date as given in `sources.csv`.",
                "",
                "## Reported vote shares by region and outlet",
                "",
                _figure(
                    "charts/vote-shares.svg",
                    "Bar chart: share voting for annexation reported by each outlet, by region",
                    "<strong>Compared:</strong> the share of votes for joining Russia that each outlet reports for "
                    "each of the four regions (value above each bar). <strong>Numbers from:</strong> "
                    "<code>figures.csv</code>, rows with metric <code>vote_share_for</code>; these are the results "
                    "announced by Russian-installed authorities as the outlets report them, not independent counts. "
                    + esc(vote_discrepancy(root)),
                ),
                "",
                "## Cross-source comparison",
                "",
                "The same metric for the same place reported by two or more sources (`reports/findings.csv`, "
                "from `newsfacts findings`). Values are compared at the precision of the least precise report; "
                "a difference is a finding about the reporting, not an error in the data.",
                "",
                comparison_table(root),
                "",
                "## Who is quoted, by outlet",
                "",
                _figure(
                    "charts/quotes-by-speaker.svg",
                    "Bar chart: number of quotes per speaker, stacked by outlet",
                    "<strong>Compared:</strong> how many quotations (words said and terms attributed; not scare "
                    "quotes or banners) each named speaker gets, split by the outlet quoting them. "
                    "<strong>Numbers from:</strong> <code>quotes.csv</code> (kind <code>speech</code> or "
                    "<code>term</code>, with a speaker) joined to <code>actors.csv</code>.",
                ),
                "",
                "## Figures by category and outlet",
                "",
                _figure(
                    "charts/figures-by-category.svg",
                    "Bar chart: number of figures per category, stacked by outlet",
                    "<strong>Compared:</strong> how many numbers of each category (votes, casualties, "
                    "displacement, mobilisation, territory, polls) each outlet reports. "
                    "<strong>Numbers from:</strong> <code>figures.csv</code>, one row per reported number.",
                ),
                "",
                "## Claims by stance and claimant type",
                "",
                _figure(
                    "charts/claims-by-stance.svg",
                    "Bar chart: number of claims per claimant type, stacked by stance",
                    "<strong>Compared:</strong> who makes the claims (the claimant's actor type; "
                    "<em>unnamed source</em> when the article names nobody) and, for claims about the "
                    "legitimacy of the votes or the annexation, whether they endorse or reject it. Other claim types "
                    "carry no stance. <strong>Numbers from:</strong> <code>claims.csv</code> joined to "
                    "<code>actors.csv</code>, all five articles together.",
                ),
                "",
            ]
        )
        + "\n"
    )
