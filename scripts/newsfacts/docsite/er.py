"""Entity-relationship diagram from the schemas' keys, laid out by Graphviz `dot` (SVG at build time)."""

from __future__ import annotations

import re
import shutil
import subprocess

from newsfacts.docsite.common import esc
from newsfacts.docsite.dictionary import foreign_keys

HEAD_BG = "#3949ab"


def _label(name: str, schema: dict) -> str:
    fks = foreign_keys(schema)
    keys = [f["name"] for f in schema["fields"] if f["name"] in schema["primaryKey"] or f["name"] in fks]
    rows = [f'<tr><td bgcolor="{HEAD_BG}" align="center"><font color="white"><b>{esc(name)}</b></font></td></tr>']
    for k in keys:
        role = "PK" if k in schema["primaryKey"] else "FK"
        rows.append(f'<tr><td align="left" port="{k}">{esc(k)}  <font color="#666666">{role}</font></td></tr>')
    return (
        '<<table border="0" cellborder="1" cellspacing="0" cellpadding="5" color="#555555">'
        + "".join(rows)
        + "</table>>"
    )


def dot_source(schemas: dict[str, dict]) -> str:
    """DOT text, left to right: arrows go from a foreign-key field to the table it refers to.

    Of the tables that are only referred to (actors, sources), the first is drawn on the left by
    reversing its edges for the layout (dir=back keeps the arrowhead at it); the rest end on the right,
    so no edge has to cross the diagram. Tables are clickable (links to their dictionary pages).
    """
    referenced = {t or n for n, s in schemas.items() for t, _ in foreign_keys(s).values() if (t or n) != n}
    referring = {n for n, s in schemas.items() if any((t or n) != n for t, _ in foreign_keys(s).values())}
    lines = [
        "digraph er {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.3, ranksep=0.55, fontname="Helvetica"];',
        '  node [shape=plain, fontname="Helvetica", fontsize=11];',
        '  edge [color="#444444", arrowsize=0.7];',
    ]
    for name, schema in schemas.items():
        lines.append(
            f'  "{name}" [label={_label(name, schema)}, URL="{name}.html", target="_top", '
            f'tooltip="{esc(schema.get("title", name))}"];'
        )
    top = sorted(referenced - referring)
    for name, schema in schemas.items():
        for field, (table, ref_field) in foreign_keys(schema).items():
            target = table or name
            attrs = f'tooltip="{name}.{field} → {target}.{ref_field}"'
            if target == name:
                lines.append(f'  "{name}":"{field}" -> "{name}":"{ref_field}" [{attrs}];')
            elif target == (top[0] if top else None):
                lines.append(f'  "{target}" -> "{name}":"{field}":w [dir=back, {attrs}];')
            else:
                lines.append(f'  "{name}":"{field}":e -> "{target}" [{attrs}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_available() -> bool:
    return shutil.which("dot") is not None


def run_dot(source: str, fmt: str) -> str:
    proc = subprocess.run(["dot", f"-T{fmt}"], input=source, capture_output=True, text=True, check=True)
    return proc.stdout


def svg(schemas: dict[str, dict]) -> str:
    """The diagram as a standalone SVG document."""
    return run_dot(dot_source(schemas), "svg")


def inline_svg(svg_text: str) -> str:
    """The SVG element alone, scalable (no XML prolog, no fixed size), on one line per element."""
    body = svg_text[svg_text.index("<svg") :]
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    body = re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg class="nf-er__svg"', body, count=1)
    return "\n".join(line for line in body.splitlines() if line.strip())


# ---- crossing check (used by the tests): edges as polylines from `dot -Tplain` -----------------------


def _bezier(points: list[tuple[float, float]], steps: int = 16) -> list[tuple[float, float]]:
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for s in range(1, steps + 1):
            t = s / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _intersect(p, q, r, s) -> tuple[float, float] | None:
    d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0])
    if abs(d) < 1e-12:
        return None
    t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d
    u = ((r[0] - p[0]) * (q[1] - p[1]) - (r[1] - p[1]) * (q[0] - p[0])) / d
    if 0 <= t <= 1 and 0 <= u <= 1:
        return p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])
    return None


def crossings(source: str) -> list[tuple[str, str]]:
    """Pairs of edges whose drawn curves cross outside the boxes of the tables they share."""
    nodes, edges = {}, []
    for line in run_dot(source, "plain").splitlines():
        parts = line.split()
        if parts[0] == "node":
            x, y, w, h = map(float, parts[2:6])
            nodes[parts[1].strip('"')] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        elif parts[0] == "edge":
            tail, head, n = parts[1].strip('"'), parts[2].strip('"'), int(parts[3])
            pts = [(float(parts[4 + 2 * i]), float(parts[5 + 2 * i])) for i in range(n)]
            edges.append((tail, head, _bezier(pts)))

    def inside(pt, name, pad=0.05):
        x0, y0, x1, y1 = nodes[name]
        return x0 - pad <= pt[0] <= x1 + pad and y0 - pad <= pt[1] <= y1 + pad

    found = []
    for i, (t1, h1, c1) in enumerate(edges):
        for t2, h2, c2 in edges[i + 1 :]:
            shared = {t1, h1} & {t2, h2}
            hit = False
            for a, b in zip(c1, c1[1:], strict=False):
                for c, d in zip(c2, c2[1:], strict=False):
                    pt = _intersect(a, b, c, d)
                    if pt and not any(inside(pt, n) for n in shared):
                        hit = True
                        break
                if hit:
                    break
            if hit:
                found.append((f"{t1}->{h1}", f"{t2}->{h2}"))
    return found
