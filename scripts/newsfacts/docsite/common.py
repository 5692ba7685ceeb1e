"""Shared helpers: reading CSVs as strings, HTML escaping, outlet labels."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV as strings, empty cells as missing (as frictionless reads them)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def esc(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def inline_md(text: str) -> str:
    """Escape text and turn `code` spans into <code> (schema descriptions use backticks)."""
    text = " ".join(str(text or "").split())
    parts = re.split(r"`([^`]+)`", text)
    return "".join(f"<code>{esc(p)}</code>" if i % 2 else esc(p) for i, p in enumerate(parts))


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def human_date(iso) -> str:
    if not isinstance(iso, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return "date unknown"
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """source_id → "CNN, 29 Sep 2022" (outlet and date from sources.csv; draft sources marked)."""
    labels = {}
    for row in sources.itertuples(index=False):
        outlet = row.outlet if isinstance(row.outlet, str) else row.source_id
        label = f"{outlet}, {human_date(row.published_date)}"
        if is_draft(row):
            label += " (draft)"
        labels[row.source_id] = label
    return labels


def is_draft(row) -> bool:
    """A source marked `draft` in the optional `status` column of sources.csv."""
    return str(getattr(row, "status", "") or "").strip().lower() == "draft"


def page(front: dict | None, body: str) -> str:
    """A Markdown page with optional front matter (e.g. {"hide": ["toc"]})."""
    if not front:
        return body
    lines = ["---"]
    for key, value in front.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {v}" for v in value]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines + ["---", "", body])


def _is_num(text: str) -> bool:
    return bool(re.fullmatch(r"[-—0-9.,%]+", str(text)))


def html_table(headers: list[str], rows: list[list[str]], cls: str = "", caption: str = "") -> str:
    """An HTML table (cells already escaped); columns whose cells are all numbers are right-aligned."""
    num = [bool(rows) and all(_is_num(r[i]) for r in rows) for i in range(len(headers))]
    head = "".join(f"<th{' class=nf-n' if num[i] else ''}>{h}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=nf-n' if num[i] else ''}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (
        f'<div class="nf-tablewrap"><table class="nf-table {cls}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
