"""Browse the data: one page per table (rows filterable and sortable in the browser by
docs/assets/javascripts/browse.js, no server, nothing remote) and one page per source with its
quotes, claims and figures in reading order, each in its sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newsfacts.docsite.common import esc, human_date, is_draft, page, read_csv, source_labels
from newsfacts.model.package import read_package

NO_TOC = {"hide": ["toc"]}


def anchor(row_id: str) -> str:
    """An HTML id for a row id (`cnn-2022-09-29:q:1-9` → `cnn-2022-09-29_q_1-9`)."""
    return re.sub(r"[^A-Za-z0-9-]", "_", str(row_id))


@dataclass
class Col:
    header: str
    html: Callable[[pd.Series], str]
    sort: Callable[[pd.Series], str] | None = None
    facet: Callable[[pd.Series], str] | None = None  # value offered in a drop-down filter
    cls: str = ""


class Ctx:
    """Everything the pages need, read once."""

    def __init__(self, root: Path):
        self.root = root
        self.meta = read_package(root).tables
        self.t = {n: read_csv(root / "data" / f"{n}.csv") for n in self.meta}
        self.labels = source_labels(self.t["sources"])
        self.names = self.t["actors"].set_index("actor_id")["name"].to_dict()
        self.drafts = {r.source_id for r in self.t["sources"].itertuples(index=False) if is_draft(r)}

    def actor(self, actor_id, fallback=None, prefix="") -> str:
        if isinstance(actor_id, str):
            return f'<a href="{prefix}actors.html?q={esc(actor_id)}">{esc(self.names.get(actor_id, actor_id))}</a>'
        if isinstance(fallback, str):
            return f'<span class="nf-muted">unnamed: {esc(fallback)}</span>'
        return '<span class="nf-muted">—</span>'

    def outlet(self, sid: str) -> str:
        return esc(self.labels.get(sid, sid))

    def context_link(self, r: pd.Series, id_col: str) -> str:
        return (
            f'<a href="../sources/{esc(r.source_id)}.html#{anchor(r[id_col])}" title="{esc(r[id_col])}">'
            f"{self.outlet(r.source_id)}</a>"
        )


def _v(x) -> str:
    return "" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)


def _code(x) -> str:
    """A coded value, breakable after its underscores."""
    return f"<code>{esc(x).replace('_', '_<wbr>')}</code>" if _v(x) else '<span class="nf-muted">—</span>'


def render_table(name: str, df: pd.DataFrame, cols: list[Col], intro: str, row_id: str | None) -> str:
    facets = []
    for i, c in enumerate(cols):
        if c.facet:
            values = sorted({c.facet(r) for _, r in df.iterrows()} - {""})
            opts = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
            facets.append(
                f'<label class="nf-facet">{esc(c.header)} <select data-col="{i}">'
                f'<option value="">all</option>{opts}</select></label>'
            )
    cells = [[c.html(r) for c in cols] for _, r in df.iterrows()]
    for i, c in enumerate(cols):  # right-align columns of numbers
        if cells and all(re.fullmatch(r"[0-9.,%]+", row[i]) for row in cells):
            c.cls = (c.cls + " nf-n").strip()
    head = "".join(
        f'<th scope="col" class="{c.cls}"><button type="button" data-sort="{i}">{esc(c.header)}</button></th>'
        for i, c in enumerate(cols)
    )
    body = []
    for (_, r), html_cells in zip(df.iterrows(), cells, strict=False):
        tds = []
        for c, html in zip(cols, html_cells, strict=False):
            attrs = f' data-label="{esc(c.header)}"'
            if c.sort:
                attrs += f' data-sort="{esc(c.sort(r))}"'
            if c.facet:
                attrs += f' data-facet="{esc(c.facet(r))}"'
            if c.cls:
                attrs += f' class="{c.cls}"'
            tds.append(f"<td{attrs}>{html}</td>")
        rid = f' id="{anchor(r[row_id])}"' if row_id else ""
        body.append(f"<tr{rid}>{''.join(tds)}</tr>")
    controls = (
        f'<div class="nf-controls"><label class="nf-filter">Filter <input type="search" '
        f'placeholder="words in any column…" aria-label="Filter the {esc(name)} rows"></label>'
        + "".join(facets)
        + f'<span class="nf-count" aria-live="polite">{len(df)} rows</span></div>'
    )
    table = (
        f'<div class="nf-tablewrap"><table class="nf-table nf-data nf-data--{name}"><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table></div>"
    )
    return "\n".join(
        [
            f"# {name.capitalize()}",
            "",
            intro,
            "",
            "Type in the box to keep the rows containing those words; pick a value to narrow by "
            "column; click a column heading to sort. Everything runs in your browser.",
            "",
            f'<div class="nf-browse" data-browse>{controls}{table}</div>',
            "",
            f"The same rows as a file: [`{name}.csv`](../downloads/data/{name}.csv). "
            f"Field definitions: [{name} in the data dictionary](../reference/{name}.md).",
            "",
        ]
    )


def _span_sort(r) -> str:
    return f"{r.source_id} {int(r.start_char):08d}"


def quotes_page(ctx: Ctx) -> str:
    df = ctx.t["quotes"]
    cols = [
        Col("quote", lambda r: f"“{esc(r.text)}”", cls="nf-wide"),
        Col(
            "speaker",
            lambda r: ctx.actor(r.speaker_id),
            sort=lambda r: ctx.names.get(r.speaker_id, r.speaker_id) if _v(r.speaker_id) else "",
            facet=lambda r: ctx.names.get(r.speaker_id, r.speaker_id) if _v(r.speaker_id) else "(none)",
        ),
        Col("kind", lambda r: _code(r.kind), facet=lambda r: _v(r.kind)),
        Col("verb", lambda r: esc(_v(r.cue))),
        Col("review", lambda r: esc(r.review_status), facet=lambda r: _v(r.review_status)),
        Col(
            "outlet",
            lambda r: ctx.context_link(r, ctx.meta["quotes"].id_column),
            sort=_span_sort,
            facet=lambda r: ctx.labels.get(r.source_id, r.source_id),
        ),
    ]
    return page(
        NO_TOC,
        render_table(
            "quotes",
            df,
            cols,
            f"All {len(df)} spans in quotation marks, with who is "
            "quoted and what kind of quotation it is. The outlet link opens the quote "
            "in its sentence on the article's page.",
            ctx.meta["quotes"].id_column,
        ),
    )


def claims_page(ctx: Ctx) -> str:
    df = ctx.t["claims"]
    cols = [
        Col("claim", lambda r: esc(r.text), cls="nf-wide"),
        Col(
            "claimant",
            lambda r: ctx.actor(r.claimant_id, r.claimant_text),
            sort=lambda r: ctx.names.get(r.claimant_id, r.claimant_text) if _v(r.claimant_id) else _v(r.claimant_text),
        ),
        Col("type", lambda r: _code(r.claim_type), facet=lambda r: _v(r.claim_type)),
        Col(
            "stance",
            lambda r: esc(_v(r.stance)) or '<span class="nf-muted">—</span>',
            facet=lambda r: _v(r.stance) or "(none)",
        ),
        Col("verification", lambda r: esc(_v(r.verification).replace("_", " ")), facet=lambda r: _v(r.verification)),
        Col("said", lambda r: esc(_v(r.said_date)), sort=lambda r: _v(r.said_date)),
        Col(
            "outlet",
            lambda r: ctx.context_link(r, ctx.meta["claims"].id_column),
            sort=_span_sort,
            facet=lambda r: ctx.labels.get(r.source_id, r.source_id),
        ),
    ]
    return page(
        NO_TOC,
        render_table(
            "claims",
            df,
            cols,
            f"All {len(df)} assertions the articles attribute to "
            "someone, with the claimant, the kind of claim, its stance on the votes' "
            "legitimacy and how the outlet qualifies it.",
            ctx.meta["claims"].id_column,
        ),
    )


def _value(r) -> str:
    if not _v(r.value) and not _v(r.low):
        return "vague"
    unit = "%" if r.unit == "percent" else ""
    if _v(r.low) and _v(r.high) and r.low != r.high:
        rng = f"{float(r.low):,g}{unit}–{float(r.high):,g}{unit}"
        return f"{float(r.value):,g}{unit} ({rng})" if _v(r.value) else rng
    return f"{float(r.value):,g}{unit}" if _v(r.value) else f"{float(r.low):,g}{unit}"


def figures_page(ctx: Ctx) -> str:
    df = ctx.t["figures"]
    cols = [
        Col("as written", lambda r: esc(r.text)),
        Col(
            "value",
            lambda r: (
                esc(_value(r))
                + (f' <span class="nf-muted">{esc(r.approx)}</span>' if _v(r.approx) not in ("", "exact") else "")
            ),
            sort=lambda r: f"{float(r.value) if _v(r.value) else float(r.low or 0):014.3f}",
        ),
        Col("unit", lambda r: esc(r.unit), facet=lambda r: _v(r.unit)),
        Col("category", lambda r: _code(r.category), facet=lambda r: _v(r.category)),
        Col("metric", lambda r: _code(r.metric), facet=lambda r: _v(r.metric)),
        Col(
            "place",
            lambda r: esc(_v(r.location)) + (f" <code>{esc(r.place_code)}</code>" if _v(r.place_code) else ""),
            facet=lambda r: _v(r.place_code),
        ),
        Col(
            "claimant",
            lambda r: ctx.actor(r.claimant_id),
            sort=lambda r: ctx.names.get(r.claimant_id, r.claimant_id) if _v(r.claimant_id) else "",
        ),
        Col(
            "outlet",
            lambda r: ctx.context_link(r, ctx.meta["figures"].id_column),
            sort=_span_sort,
            facet=lambda r: ctx.labels.get(r.source_id, r.source_id),
        ),
    ]
    return page(
        NO_TOC,
        render_table(
            "figures",
            df,
            cols,
            f"All {len(df)} numbers that count or measure people, "
            "votes, territory or poll shares, with bounds, what they measure and where.",
            ctx.meta["figures"].id_column,
        ),
    )


def mentions_page(ctx: Ctx) -> str:
    df = ctx.t["mentions"]
    cols = [
        Col("as written", lambda r: esc(r.text)),
        Col(
            "actor",
            lambda r: ctx.actor(r.actor_id),
            sort=lambda r: ctx.names.get(r.actor_id, r.actor_id),
            facet=lambda r: ctx.names.get(r.actor_id, r.actor_id),
        ),
        Col("section", lambda r: esc(r.section_type), facet=lambda r: _v(r.section_type)),
        Col(
            "outlet",
            lambda r: ctx.context_link(r, ctx.meta["mentions"].id_column),
            sort=_span_sort,
            facet=lambda r: ctx.labels.get(r.source_id, r.source_id),
        ),
    ]
    return page(
        NO_TOC,
        render_table(
            "mentions", df, cols, f"All {len(df)} named references to an actor.", ctx.meta["mentions"].id_column
        ),
    )


def actors_page(ctx: Ctx) -> str:
    df = ctx.t["actors"]
    cited_by = {n: col for n, table in ctx.meta.items() if table.is_span_table for col in table.actor_columns}
    count = {n: ctx.t[n].groupby(cited_by[n]).size().to_dict() for n in ("quotes", "claims", "mentions")}
    where: dict = {}
    for n, col in cited_by.items():
        for aid, sid in ctx.t[n][[col, "source_id"]].dropna().itertuples(index=False):
            where.setdefault(aid, set()).add(sid)

    def sources_of(r):
        return ", ".join(
            f'<a href="../sources/{esc(s)}.html">{ctx.outlet(s)}</a>' for s in sorted(where.get(r.actor_id, ()))
        )

    cols = [
        Col(
            "name",
            lambda r: f'<strong>{esc(r["name"])}</strong> <code class="nf-id">{esc(r.actor_id)}</code>',
            sort=lambda r: r["name"],
        ),
        Col("type", lambda r: esc(_v(r.actor_type).replace("_", " ")), facet=lambda r: _v(r.actor_type)),
        Col("title", lambda r: esc(_v(r.title))),
        Col("country", lambda r: esc(_v(r.country_code)), facet=lambda r: _v(r.country_code)),
        Col("part of", lambda r: ctx.actor(r.parent_id) if _v(r.parent_id) else ""),
        Col(
            "quotes",
            lambda r: str(count["quotes"].get(r.actor_id, 0)),
            sort=lambda r: f"{count['quotes'].get(r.actor_id, 0):05d}",
        ),
        Col(
            "claims",
            lambda r: str(count["claims"].get(r.actor_id, 0)),
            sort=lambda r: f"{count['claims'].get(r.actor_id, 0):05d}",
        ),
        Col(
            "mentions",
            lambda r: str(count["mentions"].get(r.actor_id, 0)),
            sort=lambda r: f"{count['mentions'].get(r.actor_id, 0):05d}",
        ),
        Col("appears in", sources_of),
    ]
    return page(
        NO_TOC,
        render_table(
            "actors",
            df,
            cols,
            f"All {len(df)} people, states, bodies and groups who "
            "speak, are quoted, or are given a claim or a figure, with how often.",
            ctx.meta["actors"].id_column,
        ).replace('href="actors.html?q=', 'href="?q='),
    )


def sources_table_page(ctx: Ctx) -> str:
    df = ctx.t["sources"]
    n = {t: ctx.t[t].groupby("source_id").size().to_dict() for t in ["quotes", "claims", "figures"]}
    cols = [
        Col(
            "outlet",
            lambda r: (
                f'<a href="../sources/{esc(r.source_id)}.html"><strong>{esc(_v(r.outlet) or r.source_id)}'
                f"</strong></a>" + (' <span class="nf-badge nf-badge--draft">draft</span>' if is_draft(r) else "")
            ),
        ),
        Col("published", lambda r: esc(human_date(r.published_date)), sort=lambda r: _v(r.published_date)),
        Col("authors", lambda r: esc(_v(r.authors))),
        Col("words", lambda r: esc(r.word_count), sort=lambda r: f"{int(r.word_count):08d}"),
        Col("quotes", lambda r: str(n["quotes"].get(r.source_id, 0))),
        Col("claims", lambda r: str(n["claims"].get(r.source_id, 0))),
        Col("figures", lambda r: str(n["figures"].get(r.source_id, 0))),
        Col("id", lambda r: f'<code class="nf-id">{esc(r.source_id)}</code>'),
    ]
    intro = (
        f"The {len(df)} articles. Open one to read its quotes, claims and figures in order. Metadata the "
        "text does not establish is empty; `data/raw/sources.yaml` says how each value was established."
    )
    return page(NO_TOC, render_table("sources", df, cols, intro, ctx.meta["sources"].id_column))


# ---- one page per source ---------------------------------------------------------------------------

_BOUNDARY = re.compile(r"\n+|(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentence_bounds(text: str) -> list[int]:
    cuts = {0, len(text)}
    for m in _BOUNDARY.finditer(text):
        cuts.add(m.end())
    return sorted(cuts)


def context_html(text: str | None, bounds: list[int], start: int, end: int, span_text: str) -> str:
    """The sentence(s) around a span, with the span marked."""
    if text is None or text[start:end] != span_text:
        return f"<mark>{esc(span_text)}</mark>"
    s = max(b for b in bounds if b <= start)
    e = min(b for b in bounds if b >= end)
    s, e = max(s, start - 400), min(e, end + 400)
    before, after = text[s:start], text[end:e]
    return (
        ("…" if s > 0 and text[s - 1] not in "\n " else "")
        + esc(before.lstrip())
        + f"<mark>{esc(span_text)}</mark>"
        + esc(after.rstrip())
    )


def source_page(ctx: Ctx, sid: str) -> str:
    src = ctx.t["sources"].set_index("source_id").loc[sid]
    article = ctx.root / "data" / "raw" / "articles" / f"{sid}.txt"
    text = article.read_bytes().decode("utf-8") if article.exists() else None
    bounds = sentence_bounds(text) if text is not None else []
    outlet = _v(src.outlet) or sid
    lines = [f"# {esc(outlet)}, {human_date(src.published_date)}", ""]
    if sid in ctx.drafts:
        lines += [
            '!!! warning "Draft source"',
            "    This source is marked `draft` in `sources.csv`: its rows are not yet part of a published "
            "release and may change.",
            "",
        ]
    meta = [
        ("source id", f"<code>{esc(sid)}</code>"),
        ("outlet", esc(outlet)),
        ("published", esc(human_date(src.published_date))),
        ("authors", esc(_v(src.authors)) or "not stated"),
        ("headline", esc(_v(src.headline)) or "not stated"),
        ("address", f'<a href="{esc(src.url)}">{esc(src.url)}</a>' if _v(src.url) else "not stated"),
        ("length", f"{esc(src.word_count)} words, {esc(src.char_count)} characters"),
        ("SHA-256 of the text", f'<code class="nf-id">{esc(src.text_sha256)}</code>'),
    ]
    if "status" in src.index and _v(src.status):
        meta.insert(1, ("status", esc(src.status)))
    lines += ['<dl class="nf-dl nf-meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>", ""]
    items = []
    for r in ctx.t["quotes"][ctx.t["quotes"].source_id == sid].itertuples(index=False):
        who = (
            ctx.actor(r.speaker_id, prefix="../data/")
            if _v(r.speaker_id)
            else '<span class="nf-muted">no speaker</span>'
        )
        head = f'<span class="nf-badge nf-badge--quote">quote</span> <code>{esc(r.kind)}</code> · {who}'
        if _v(r.cue):
            head += f" · verb <em>{esc(r.cue)}</em>"
        items.append((int(r.start_char), 0, r.quote_id, head, r, r.review_status))
    for r in ctx.t["claims"][ctx.t["claims"].source_id == sid].itertuples(index=False):
        who = ctx.actor(r.claimant_id, r.claimant_text, prefix="../data/")
        head = (
            f'<span class="nf-badge nf-badge--claim">claim</span> <code>{esc(r.claim_type)}</code> · {who}'
            + (f" · <strong>{esc(r.stance)}</strong>" if _v(r.stance) else "")
            + (
                f" · {esc(r.verification.replace('_', ' '))}"
                if _v(r.verification) and r.verification != "none_stated"
                else ""
            )
        )
        items.append((int(r.start_char), 1, r.claim_id, head, r, r.review_status))
    for r in ctx.t["figures"][ctx.t["figures"].source_id == sid].itertuples(index=False):
        head = (
            f'<span class="nf-badge nf-badge--figure">figure</span> <strong>{esc(_value(r))}</strong> '
            f"<code>{esc(r.metric)}</code>"
            + (f" · {esc(r.location)}" if _v(r.location) else "")
            + (f" · {ctx.actor(r.claimant_id, prefix='../data/')}" if _v(r.claimant_id) else "")
        )
        items.append((int(r.start_char), 2, r.figure_id, head, r, r.review_status))
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    kinds = {0: "quotes", 1: "claims", 2: "figures"}
    counts = ", ".join(f"{sum(1 for i in items if i[1] == k)} {v}" for k, v in kinds.items())
    lines += [
        "## In reading order",
        "",
        f"{counts}, each in its sentence, the span marked, in the order they occur in the article.",
        "",
    ]
    out = []
    for start, _, rid, head, r, status in items:
        ctx_html = context_html(text, bounds, start, int(r.end_char), r.text)
        out.append(
            f'<div class="nf-item" id="{anchor(rid)}"><div class="nf-item__head">{head}'
            f'<span class="nf-muted nf-item__status">{esc(status)}</span></div>'
            f'<p class="nf-item__context">{ctx_html}</p>'
            f'<div class="nf-item__id"><code class="nf-id">{esc(rid)}</code> · '
            f"characters {start}–{esc(r.end_char)}</div></div>"
        )
    lines += ['<div class="nf-items">' + "".join(out) + "</div>", ""]
    if not items:
        lines += ["No quotes, claims or figures in this article.", ""]
    mentions = ctx.t["mentions"][ctx.t["mentions"].source_id == sid].copy()
    if len(mentions):
        mentions["start"] = mentions.start_char.astype(int)
        lines += [
            "## Named actors",
            "",
            f"The {len(mentions)} mentions of a known actor, in reading order, with a few words around each.",
            "",
        ]
        rows = []
        for r in mentions.sort_values(["start", "mention_id"], kind="mergesort").itertuples(index=False):
            s, e = int(r.start_char), int(r.end_char)
            if text is not None and text[s:e] == r.text:
                before = re.sub(r"\s+", " ", text[max(0, s - 60) : s]).lstrip()
                after = re.sub(r"\s+", " ", text[e : e + 60]).rstrip()
                snippet = f"…{esc(before)}<mark>{esc(r.text)}</mark>{esc(after)}…"
            else:
                snippet = f"<mark>{esc(r.text)}</mark>"
            rows.append(
                f'<li id="{anchor(r.mention_id)}">{ctx.actor(r.actor_id, prefix="../data/")}: '
                f'<span class="nf-muted">{snippet}</span></li>'
            )
        lines += ['<ul class="nf-mentions">' + "".join(rows) + "</ul>", ""]
    return page(NO_TOC, "\n".join(lines))


def all_pages(root: Path) -> dict[str, str]:
    ctx = Ctx(root)
    pages = {
        "data/quotes.md": quotes_page(ctx),
        "data/claims.md": claims_page(ctx),
        "data/figures.md": figures_page(ctx),
        "data/actors.md": actors_page(ctx),
        "data/mentions.md": mentions_page(ctx),
        "data/sources.md": sources_table_page(ctx),
    }
    for sid in sorted(ctx.t["sources"].source_id):
        pages[f"sources/{sid}.md"] = source_page(ctx, sid)
    return pages


def source_ids(root: Path) -> list[str]:
    return sorted(read_csv(root / "data" / "sources.csv").source_id)
