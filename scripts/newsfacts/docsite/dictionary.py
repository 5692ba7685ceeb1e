"""The data dictionary: one page per table, one card per field, constraints in words."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsfacts.docsite.common import esc, inline_md, read_csv

TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "date": "date (YYYY-MM-DD)",
    "boolean": "true / false",
    "datetime": "date and time",
}


def foreign_keys(schema: dict) -> dict[str, tuple[str, str]]:
    """field → (referenced table, referenced field); a self-reference names its own table."""
    out = {}
    for fk in schema.get("foreignKeys", []):
        for field, ref_field in zip(fk["fields"], fk["reference"]["fields"], strict=False):
            out[field] = (fk["reference"]["resource"], ref_field)
    return out


BOUND_WORDS = (
    ("minimum", "at least {}"),
    ("maximum", "at most {}"),
    ("exclusiveMinimum", "more than {}"),
    ("minLength", "at least {} characters"),
    ("maxLength", "at most {} characters"),
)


def constraint_words(name: str, field: dict, schema: dict) -> list[str]:
    """The field's constraints as phrases a reader understands ("unique", "at least 0", …)."""
    c = field.get("constraints", {})
    words = []
    if field["name"] in schema.get("primaryKey", []):
        words.append("primary key: identifies the row" if len(schema["primaryKey"]) == 1 else "part of the primary key")
    if c.get("unique") and field["name"] not in schema.get("primaryKey", []):
        words.append("unique: no two rows share a value")
    elif c.get("unique"):
        words.append("unique")
    ref = foreign_keys(schema).get(field["name"])
    if ref:
        table, ref_field = ref
        target = table or name
        words.append(
            f'refers to <a href="{target}.html"><code>{esc(target)}.{esc(ref_field)}</code></a>'
            + (" (another row of this table)" if target == name else "")
        )
    if "enum" in c:
        words.append("one of: " + ", ".join(f"<code>{esc(v)}</code>" for v in c["enum"]))
    words += [phrase.format(c[key]) for key, phrase in BOUND_WORDS if key in c]
    if "pattern" in c:
        words.append(f"matches the pattern <code>{esc(c['pattern'])}</code>")
    if field.get("format") == "uri":
        words.append("a web address (URI)")
    elif field.get("format") not in (None, "default"):
        words.append(f"format {esc(field['format'])}")
    return words


def _example(field: dict, col: pd.Series | None) -> str | None:
    if "example" in field:
        return str(field["example"])
    if col is not None and col.notna().any():
        return str(col.dropna().iloc[0])
    return None


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def field_card(name: str, field: dict, schema: dict, df: pd.DataFrame | None) -> str:
    """A Markdown heading (a table-of-contents and search entry) and an HTML card for one field."""
    c = field.get("constraints", {})
    col = df[field["name"]] if df is not None and field["name"] in df else None
    required = bool(c.get("required"))
    title = " ".join(str(field.get("title", "")).split())
    heading = f"### `{field['name']}`" + (f" — {title}" if title else "") + f" {{ #field-{field['name']} .nf-field-h }}"
    rows = [
        '<div class="nf-card nf-field"><div class="nf-card__head">'
        f'<span class="nf-badge">{esc(TYPE_WORDS.get(field["type"], field["type"]))}</span>'
        f'<span class="nf-badge {"nf-badge--req" if required else ""}">'
        f"{'required' if required else 'optional'}</span></div>",
        f'<p class="nf-field__desc">{inline_md(field.get("description", ""))}</p>',
        '<dl class="nf-dl">',
    ]
    words = [
        w if not w.startswith("one of:") else "one of the values listed below"
        for w in constraint_words(name, field, schema)
    ]
    rows.append(f"<dt>Constraints</dt><dd>{'; '.join(words) if words else 'none beyond the type'}</dd>")
    enum = c.get("enum")
    if enum:
        meanings = field.get("enumDescriptions", {})
        items = "".join(f"<li><code>{esc(v)}</code> — {inline_md(meanings.get(v, ''))}</li>" for v in enum)
        rows.append(f'<dt>One of</dt><dd><ul class="nf-values">{items}</ul></dd>')
    example = _example(field, col)
    rows.append(
        "<dt>Example</dt><dd>"
        + (f"<code>{esc(_short(example))}</code>" if example is not None else "no value yet")
        + "</dd>"
    )
    if col is not None and len(col):
        n = int(col.isna().sum())
        rows.append(f"<dt>Empty</dt><dd>{n / len(col):.0%} of rows ({n} of {len(col)})</dd>")
    else:
        rows.append("<dt>Empty</dt><dd>no rows yet</dd>")
    rows.append("</dl></div>")
    return heading + "\n\n" + "".join(rows) + "\n"


def table_page(root: Path, name: str, schema: dict) -> str:
    path = root / "data" / f"{name}.csv"
    df = read_csv(path) if path.exists() else None
    n = 0 if df is None else len(df)
    lines = [
        f"# {schema.get('title', name)} (`{name}`)",
        "",
        f'<p class="nf-lead">{inline_md(schema.get("description", ""))}</p>',
        "",
        f"File `data/{name}.csv`: {n} rows, {len(schema['fields'])} fields. "
        f"Each row is identified by `{', '.join(schema['primaryKey'])}`. "
        f"[Browse the rows](../data/{name}.md).",
        "",
    ]
    fks = foreign_keys(schema)
    if fks:
        lines += ["Links to other tables:", ""]
        for field, (table, ref_field) in fks.items():
            table = table or name
            lines.append(f"- `{field}` refers to [`{table}.{ref_field}`]({table}.md)")
        lines.append("")
    lines += ["## Fields", ""]
    lines += [field_card(name, f, schema, df) for f in schema["fields"]]
    return "\n".join(lines)


def overview_page(schemas: dict[str, dict], er_svg: str | None) -> str:
    lines = [
        "# Data dictionary",
        "",
        "Six tables, generated from the Table Schemas in `schemas/` when the site is built. "
        "Each table's page has one card per field: what it means, its type, whether it is "
        "required, its constraints, an example and how often it is empty.",
        "",
        "## How the tables link",
        "",
    ]
    if er_svg:
        lines += [
            "Each arrow goes from a field that refers to another table (a foreign key) to the "
            "table it refers to. Only key fields are drawn; click a table for all its fields.",
            "",
            f'<figure class="nf-er" role="img" aria-label="Entity-relationship diagram of the six tables">'
            f"{er_svg}</figure>",
            "",
            "[The diagram as an SVG file](../charts/er-diagram.svg)",
            "",
        ]
    else:
        lines += [
            '!!! warning "Diagram not drawn"',
            "    Graphviz (`dot`) was not installed when this site was built.",
            "",
        ]
    lines += ["## Tables", "", '<div class="nf-cards nf-cards--tables">']
    for name, schema in schemas.items():
        refs = sorted({(t or name) for t, _ in foreign_keys(schema).values()})
        lines.append(
            f'<div class="nf-card"><div class="nf-card__head"><a href="{name}.html"><strong>'
            f'{esc(name)}</strong></a><span class="nf-field__title">{esc(schema.get("title", ""))}'
            f"</span></div><p>{inline_md(schema.get('description', ''))}</p>"
            f'<p class="nf-muted">Key: <code>{esc(", ".join(schema["primaryKey"]))}</code>'
            + (f"; refers to {', '.join(esc(r) for r in refs)}" if refs else "")
            + "</p></div>"
        )
    lines += ["</div>", ""]
    return "\n".join(lines)
