"""MkDocs hook: generate the site's data pages at build time.

Nothing here is hand-written data. The page generators live in `newsfacts.docsite`:
the field reference comes from schemas/, examples and null shares from data/*.csv, the ER
diagram from the schemas' keys (laid out by Graphviz `dot`), the charts and the browse pages
from data/*.csv, the quality page from reports/quality.csv and reports/evaluation.csv.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import yaml
from mkdocs.structure.files import File

from newsfacts.docsite import browse, charts, dictionary, er, findings, quality
from newsfacts.model.package import read_package

ROOT = Path(__file__).resolve().parents[1]  # the repository (newsfacts itself is installed: make build)

log = logging.getLogger("mkdocs.plugins.newsfacts")
BROWSE_NAV = [
    ("Quotes", "quotes"),
    ("Claims", "claims"),
    ("Figures", "figures"),
    ("Actors", "actors"),
    ("Mentions", "mentions"),
    ("Sources", "sources"),
]


def on_config(config):
    """Put the generated browse pages and one page per source into the nav (sources come from sources.csv)."""
    labels = {}
    try:
        from newsfacts.docsite.common import read_csv, source_labels

        labels = source_labels(read_csv(ROOT / "data" / "sources.csv"))
    except FileNotFoundError:
        pass
    nav = []
    for entry in config["nav"]:
        if entry == {"Browse the data": "GENERATED"}:
            entry = {"Browse the data": [{t: f"data/{n}.md"} for t, n in BROWSE_NAV]}
        elif entry == {"Articles": "GENERATED"}:
            entry = {"Articles": [{labels[s]: f"sources/{s}.md"} for s in sorted(labels)]}
        nav.append(entry)
    config["nav"] = nav
    return config


def on_files(files, config):
    schemas = read_package(ROOT).schemas
    svg = er.svg(schemas) if er.dot_available() else None
    if svg is None:
        log.info("Graphviz `dot` is not installed: the ER diagram is left out (apt-get install graphviz)")
    for name, schema in schemas.items():
        files.append(File.generated(config, f"reference/{name}.md", content=dictionary.table_page(ROOT, name, schema)))
    files.append(
        File.generated(
            config, "reference/index.md", content=dictionary.overview_page(schemas, er.inline_svg(svg) if svg else None)
        )
    )
    if svg:
        files.append(File.generated(config, "charts/er-diagram.svg", content=svg))
    files.append(File.generated(config, "quality.md", content=quality.quality_page(ROOT)))
    files.append(File.generated(config, "findings.md", content=findings.findings_page(ROOT)))
    for rel, text in browse.all_pages(ROOT).items():
        files.append(File.generated(config, rel, content=text))
    for rel, data in charts.all_charts(ROOT).items():
        files.append(File.generated(config, rel, content=data))
    for rel, data in downloads().items():
        files.append(File.generated(config, rel, content=data))
    return files


def on_page_markdown(markdown, page, config, files):
    desc = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    return (
        markdown.replace("{{VAGUE_TABLE}}", vague_table())
        .replace("{{VERSION}}", desc["version"])
        .replace("{{PACKAGE}}", desc["name"])
        .replace("{{DOWNLOAD_LINKS}}", download_links())
    )


def _bound(x: int | None) -> str:
    return "null (no bound)" if x is None else f"{x:,}"


def vague_table() -> str:
    table = yaml.safe_load((ROOT / "scripts/newsfacts/extract/vocab/vague_quantities.yaml").read_text("utf-8"))
    lines = ["| vague quantity | low | high |", "|---|---|---|"]
    lines += [f"| {k} | {_bound(v['low'])} | {_bound(v['high'])} |" for k, v in table.items()]
    return "\n".join(lines)


def _release_zip() -> Path | None:
    desc = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    path = ROOT / "dist" / f"{desc['name']}-{desc['version']}.zip"
    return path if path.exists() else None


def downloads() -> dict[str, bytes]:
    """The CSVs (and the release zip when it has been built) served from the site itself."""
    # laid out like the repository, so downloads/datapackage.json resolves its paths when served
    files = {f"downloads/data/{p.name}": p.read_bytes() for p in sorted((ROOT / "data").glob("*.csv"))}
    files |= {f"downloads/schemas/{p.name}": p.read_bytes() for p in sorted((ROOT / "schemas").glob("*.yaml"))}
    files["downloads/datapackage.json"] = (ROOT / "datapackage.json").read_bytes()
    zip_path = _release_zip()
    if zip_path is not None:
        files[f"downloads/{zip_path.name}"] = zip_path.read_bytes()
    return files


def download_links() -> str:
    zip_path = _release_zip()
    lines = [
        f"- [{zip_path.name}](downloads/{zip_path.name}) — the release (CSV data package)"
        if zip_path
        else "- the release zip is added here by `make build` (it is built into `dist/`)"
    ]
    lines.append("- [datapackage.json](downloads/datapackage.json)")
    lines += [f"- [{p.name}](downloads/data/{p.name})" for p in sorted((ROOT / "data").glob("*.csv"))]
    return "\n".join(lines)
