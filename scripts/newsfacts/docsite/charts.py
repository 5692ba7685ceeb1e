"""SVG charts drawn with matplotlib from data/*.csv at build time (text as paths: nothing fetched on view).

Bars start at zero; legends name the outlet and date (from sources.csv), never a source id.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from newsfacts.docsite.common import read_csv, source_labels

REGIONS = {"UA-14": "Donetsk", "UA-09": "Luhansk", "UA-23": "Zaporizhzhia", "UA-65": "Kherson"}
PALETTE = ["#3949ab", "#e08a00", "#2e7d32", "#c2185b", "#00838f", "#6d4c41", "#7b1fa2", "#546e7a"]
STANCE_COLOURS = {"rejects": "#c62828", "endorses": "#1565c0", "neutral": "#9e9e9e", "no stance": "#d7ccc8"}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "newsfacts",
            "svg.fonttype": "path",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    import matplotlib.pyplot as plt

    return plt


def _svg(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buf.getvalue()


def _colours(sources: pd.DataFrame) -> dict[str, str]:
    return {sid: PALETTE[i % len(PALETTE)] for i, sid in enumerate(sorted(sources.source_id))}


def vote_shares(root: Path) -> tuple[bytes, pd.DataFrame]:
    plt = _plt()
    fig, _, pivot = vote_axes(root)
    data = _svg(fig)
    plt.close(fig)
    return data, pivot


def vote_axes(root: Path):
    """Grouped bars from zero, one group per region, one bar per outlet, each bar labelled with its value."""
    plt = _plt()
    sources, figs = read_csv(root / "data/sources.csv"), read_csv(root / "data/figures.csv")
    labels, colours = source_labels(sources), _colours(sources)
    votes = figs[(figs.metric == "vote_share_for") & figs.place_code.isin(list(REGIONS))]
    pivot = votes.assign(value=votes.value.astype(float)).pivot_table(
        index="place_code", columns="source_id", values="value", aggfunc="first"
    )
    pivot = pivot.reindex([c for c in REGIONS if c in pivot.index])
    fig, ax = plt.subplots(figsize=(7.2, 3.6))
    n = max(len(pivot.columns), 1)
    width = 0.8 / n
    for k, source in enumerate(pivot.columns):
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(pivot.index))]
        ax.bar(xs, pivot[source], width=width, label=labels.get(source, source), color=colours[source])
        for x, v in zip(xs, pivot[source], strict=False):
            if pd.notna(v):
                ax.text(x, v + 1.5, f"{v:g}", ha="center", va="bottom", fontsize=7.5)
    ax.set_xticks(range(len(pivot.index)))
    ax.set_xticklabels([REGIONS[c] for c in pivot.index])
    ax.set_ylim(0, 112)
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel("reported % voting for annexation")
    spread = (pivot.max(axis=1) - pivot.min(axis=1)).sort_values(ascending=False)
    if len(spread) and spread.iloc[0] >= 1:
        code = spread.index[0]
        i = list(pivot.index).index(code)
        lo, hi = pivot.loc[code].min(), pivot.loc[code].max()
        ax.annotate(
            f"{REGIONS[code]}: outlets differ by {hi - lo:.2f} points ({lo:g} vs {hi:g})",
            xy=(i, hi + 8),
            xytext=(i - 0.45, 108),
            ha="right" if i > 1 else "left",
            va="center",
            fontsize=8,
            color="#b71c1c",
            weight="bold",
            arrowprops={"arrowstyle": "->", "color": "#b71c1c", "lw": 1},
        )
        for k, source in enumerate(pivot.columns):  # outline the bars that disagree
            v = pivot.loc[code, source]
            if pd.notna(v) and abs(v - pivot.loc[code].median()) >= 1:
                x = i - 0.4 + width * (k + 0.5)
                ax.bar([x], [v], width=width, fill=False, edgecolor="#b71c1c", linewidth=1.6)
    ax.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(n, 3), frameon=False)
    return fig, ax, pivot


def vote_discrepancy(root: Path) -> str:
    """A sentence naming the region where the outlets' vote shares differ most (≥ 1 point), or ''."""
    _, pivot = vote_shares(root)
    labels = source_labels(read_csv(root / "data/sources.csv"))
    spread = (pivot.max(axis=1) - pivot.min(axis=1)).sort_values(ascending=False)
    if not len(spread) or spread.iloc[0] < 1:
        return ""
    code = spread.index[0]
    row = pivot.loc[code].dropna()
    med = row.median()
    odd = [s for s, v in row.items() if abs(v - med) >= 1]
    parts = "; ".join(f"{labels.get(s, s)}: {v:g}%" for s, v in row.items())
    return f"In {REGIONS[code]} the reports differ by {spread.iloc[0]:.2f} points ({parts})" + (
        f"; the outlined bar ({', '.join(labels.get(s, s) for s in odd)}) is the odd one out." if odd else "."
    )


def quotes_by_speaker(root: Path) -> bytes:
    plt = _plt()
    sources = read_csv(root / "data/sources.csv")
    labels, colours = source_labels(sources), _colours(sources)
    quotes = read_csv(root / "data/quotes.csv")
    quotes = quotes[quotes.kind.isin(["speech", "term"]) & quotes.speaker_id.notna()]
    actors = read_csv(root / "data/actors.csv").set_index("actor_id")["name"]
    counts = quotes.groupby(["speaker_id", "source_id"]).size().unstack(fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(kind="mergesort").index]
    fig, ax = plt.subplots(figsize=(7.2, 0.28 * len(counts) + 1.2))
    left = [0] * len(counts)
    for source in counts.columns:
        ax.barh(
            [actors.get(a, a) for a in counts.index],
            counts[source],
            left=left,
            label=labels.get(source, source),
            color=colours[source],
        )
        left = [a + b for a, b in zip(left, counts[source], strict=False)]
    ax.set_xlabel("number of quotes (speech and attributed terms)")
    ax.set_xlim(0, max(left + [1]) + 0.5)
    ax.legend(fontsize=7.5, loc="lower right", frameon=False)
    data = _svg(fig)
    plt.close(fig)
    return data


def figures_by_category(root: Path) -> bytes:
    plt = _plt()
    sources = read_csv(root / "data/sources.csv")
    labels, colours = source_labels(sources), _colours(sources)
    figs = read_csv(root / "data/figures.csv")
    counts = figs.groupby(["category", "source_id"]).size().unstack(fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(kind="mergesort").index]
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(counts) + 1.2))
    left = [0] * len(counts)
    for source in counts.columns:
        ax.barh(list(counts.index), counts[source], left=left, label=labels.get(source, source), color=colours[source])
        left = [a + b for a, b in zip(left, counts[source], strict=False)]
    ax.set_xlabel("number of figures reported")
    ax.set_xlim(0, max(left + [1]) + 0.5)
    ax.legend(fontsize=7.5, loc="lower right", frameon=False)
    data = _svg(fig)
    plt.close(fig)
    return data


def claims_by_stance(root: Path) -> bytes:
    plt = _plt()
    claims = read_csv(root / "data/claims.csv")
    types = read_csv(root / "data/actors.csv").set_index("actor_id")["actor_type"]
    claims = claims.assign(
        claimant_type=claims.claimant_id.map(types).fillna("unnamed source"), stance=claims.stance.fillna("no stance")
    )
    counts = claims.groupby(["claimant_type", "stance"]).size().unstack(fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(kind="mergesort").index]
    order = [s for s in STANCE_COLOURS if s in counts.columns]
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(counts) + 1.2))
    left = [0] * len(counts)
    for stance in order:
        label = {"no stance": "no stance (claims about other matters)"}.get(stance, stance)
        ax.barh(
            [t.replace("_", " ") for t in counts.index],
            counts[stance],
            left=left,
            label=label,
            color=STANCE_COLOURS[stance],
        )
        left = [a + b for a, b in zip(left, counts[stance], strict=False)]
    ax.set_xlabel("number of claims")
    ax.set_xlim(0, max(left + [1]) + 1)
    ax.legend(fontsize=7.5, loc="lower right", frameon=False)
    data = _svg(fig)
    plt.close(fig)
    return data


def all_charts(root: Path) -> dict[str, bytes]:
    votes, _ = vote_shares(root)
    return {
        "charts/vote-shares.svg": votes,
        "charts/quotes-by-speaker.svg": quotes_by_speaker(root),
        "charts/figures-by-category.svg": figures_by_category(root),
        "charts/claims-by-stance.svg": claims_by_stance(root),
    }
