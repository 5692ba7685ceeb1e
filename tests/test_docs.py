"""The documentation site builds with --strict and documents every field of every schema."""

import os
import re

import pandas as pd
import pytest

from conftest import ROOT
from newsfacts.model.metadata import load_schemas


def test_every_field_and_enum_value_is_in_the_dictionary(site):
    for name, schema in load_schemas(ROOT / "schemas").items():
        html = (site / "reference" / f"{name}.html").read_text("utf-8")
        for field in schema["fields"]:
            assert f"<code>{field['name']}</code>" in html, (name, field["name"])
            for value in field.get("constraints", {}).get("enum", []):
                assert f"<code>{value}</code>" in html, (name, field["name"], value)


def test_pages_fetch_nothing_from_the_internet(site):
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for m in re.finditer(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//[^"]+"', html):
            pytest.fail(f"{page.name} loads a remote asset: {m.group(0)}")


def test_findings_page_has_charts_and_comparison(site):
    html = (site / "findings.html").read_text("utf-8")
    assert "charts/vote-shares.svg" in html and (site / "charts/vote-shares.svg").stat().st_size > 1000
    assert "Khersonska oblast" in html and "differ" in html


def test_site_serves_a_loadable_package(site):
    import pandas as pd

    import newsfacts

    served = newsfacts.load(site / "downloads")
    pd.testing.assert_frame_equal(served["figures"], newsfacts.load()["figures"])


# ---- dictionary: constraints in words ------------------------------------------------------------


def test_dictionary_says_constraints_in_words(site):
    html = (site / "reference" / "quotes.html").read_text("utf-8")
    assert "unique: True" not in html and "required: True" not in html and "—</td>" not in html
    assert "primary key: identifies the row; unique" in html
    assert "refers to" in html and 'href="actors.html"' in html
    # an enum field lists every value with its meaning
    assert "<code>scare</code> — The outlet" in html and "one of the values listed below" in html
    figures = (site / "reference" / "figures.html").read_text("utf-8")
    assert "at least 0" in figures and "matches the pattern" in figures
    assert re.search(r"<dt>Empty</dt><dd>\d+% of rows \(\d+ of \d+\)</dd>", figures)


# ---- ER diagram: laid out by Graphviz from the foreign keys, no crossing edges ------------------


def _need_dot():
    from newsfacts.docsite import er

    if not er.dot_available():
        if os.environ.get("CI"):
            pytest.fail("graphviz (dot) is not installed; .ci/run installs it")
        pytest.skip("graphviz is not installed (apt-get install graphviz)")
    return er


def test_er_diagram_has_every_foreign_key_and_no_crossings(site):
    er = _need_dot()
    schemas = load_schemas(ROOT / "schemas")
    source = er.dot_source(schemas)
    n_fks = sum(len(s.get("foreignKeys", [])) for s in schemas.values())
    assert source.count("->") == n_fks == 11
    assert er.crossings(source) == []
    html = (site / "reference" / "index.html").read_text("utf-8")
    assert "<svg" in html and html.count('class="edge"') == n_fks
    assert (site / "charts" / "er-diagram.svg").read_text("utf-8").startswith("<?xml")


def test_crossing_check_finds_crossings_in_a_non_planar_graph():
    er = _need_dot()
    k33 = "digraph { " + " ".join(f"a{i} -> b{j};" for i in range(3) for j in range(3)) + " }"
    assert er.crossings(k33) != []


# ---- quality page: in-sample beside out-of-sample ------------------------------------------------

EVALUATION = """scope,half,quotes_key,quote_span_recall,quote_span_precision,speakers_key,speaker_accuracy,\
kind_accuracy,figures_key,figures_found,figure_recall,figure_precision,bounds_exact,metric_accuracy,claimant_accuracy
develop,develop,60,0.9,0.95,40,0.8,0.85,30,27,0.9,0.931,0.7,0.8,0.6
check,check,58,0.862,0.9,38,0.75,0.8,28,21,0.75,0.84,0.65,0.7,
all,,118,0.881,0.925,78,0.776,0.826,58,48,0.828,0.889,0.676,0.75,0.55
d01,develop,3,1,1,2,0.5,1,1,1,1,1,1,1,
d02,check,2,0.5,1,1,1,1,0,0,,,,,
"""


@pytest.fixture
def reports_root(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "quality.csv").write_text((ROOT / "reports" / "quality.csv").read_text("utf-8"))
    return tmp_path


def test_quality_page_shows_out_of_sample_evaluation(reports_root):
    from newsfacts.docsite.quality import quality_page

    without = quality_page(reports_root)
    assert "out-of-sample (dev set" not in without and "In-sample" in without
    (reports_root / "reports" / "evaluation.csv").write_text(EVALUATION, encoding="utf-8")
    md = quality_page(reports_root)
    # the number of excerpts is the report's: two here
    assert "out-of-sample (dev set of 2 news excerpts from other outlets and topics)" in md
    assert md.index("Out-of-sample") < md.index("## In-sample")
    summary = md[md.index("Summary,") : md.index("<details")]
    assert all(re.search(f"<th[^>]*>{s}</th>", summary) for s in ["develop", "check", "all", "in-sample"])
    # quote span recall: develop, check, all, then the in-sample recall of quotes from quality.csv
    row = re.search(r"<tr><td>quote spans found \(recall\)</td>(.*?)</tr>", summary).group(1)
    assert re.findall(r">([^<]+)</td>", row) == ["0.900", "0.862", "0.881", "1.000"]
    assert "<td class=nf-n>118</td>" in summary  # counts stay counts
    details = md[md.index("<details") : md.index("</details>")]
    assert "<code>d01</code>" in details and "<code>d02</code>" in details and "<code>develop</code>" not in details
    assert "Per excerpt (2 excerpts)" in details


def test_quality_page_shows_the_second_out_of_sample_set_after_the_first(reports_root):
    from newsfacts.docsite.quality import quality_page

    (reports_root / "reports" / "evaluation-freshset.csv").write_text(EVALUATION, encoding="utf-8")
    alone = quality_page(reports_root)
    assert "## Out-of-sample, second set" in alone and "`benchmarks/freshset`" in alone
    (reports_root / "reports" / "evaluation.csv").write_text(EVALUATION, encoding="utf-8")
    md = quality_page(reports_root)
    assert md.index("## Out-of-sample\n") < md.index("## Out-of-sample, second set") < md.index("## In-sample")


def test_built_quality_page_has_in_sample_tables(site):
    html = (site / "quality.html").read_text("utf-8")
    assert "Rows found, per table" in html and "<code>speaker_id</code>" in html


# ---- charts: honest axes, outlet names --------------------------------------------------------


def test_vote_share_chart_starts_at_zero_and_names_outlets():
    from newsfacts.docsite import charts

    fig, ax, pivot = charts.vote_axes(ROOT)
    assert ax.get_ylim()[0] == 0
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend and all(not re.fullmatch(r"[a-z0-9-]+", t) for t in legend), legend
    assert "CNN, 29 Sep 2022" in legend and "UPI, 28 Sep 2022" in legend
    assert "Kherson" in charts.vote_discrepancy(ROOT) and "UPI, 28 Sep 2022" in charts.vote_discrepancy(ROOT)


def test_findings_page_has_the_new_charts_with_captions(site):
    html = (site / "findings.html").read_text("utf-8")
    for chart in ["vote-shares", "quotes-by-speaker", "figures-by-category", "claims-by-stance"]:
        assert f"charts/{chart}.svg" in html and (site / "charts" / f"{chart}.svg").stat().st_size > 1000
    assert html.count("<figcaption><strong>Compared:</strong>") == 4 and html.count("Numbers from:") == 4


# ---- browsing the data and the source pages ---------------------------------------------------


def test_every_row_is_on_its_table_page_and_links_to_its_source(site):
    import pandas as pd

    pages = {p.stem: p.read_text("utf-8") for p in (site / "sources").glob("*.html")}
    for table, id_col in [
        ("quotes", "quote_id"),
        ("claims", "claim_id"),
        ("figures", "figure_id"),
        ("mentions", "mention_id"),
    ]:
        html = (site / "data" / f"{table}.html").read_text("utf-8")
        df = pd.read_csv(ROOT / "data" / f"{table}.csv", dtype=str, keep_default_na=False)
        assert html.count("<tr id=") == len(df)
        for row in df.itertuples(index=False):
            a = re.sub(r"[^A-Za-z0-9-]", "_", getattr(row, id_col))
            assert f'href="../sources/{row.source_id}.html#{a}"' in html, (table, a)
            assert f'id="{a}"' in pages[row.source_id], (table, a)


def test_source_page_lists_items_in_reading_order_with_context(site):
    html = (site / "sources" / "upi-2022-09-28.html").read_text("utf-8")
    starts = [int(m) for m in re.findall(r"characters (\d+)–\d+", html)]
    assert len(starts) > 5 and starts == sorted(starts)
    # the Kherson vote share is shown inside its sentence, the number marked
    assert re.search(r"Kherson[^<]{0,200}<mark>83", html) or re.search(r"<mark>83[^<]*</mark>[^<]{0,200}Kherson", html)


def test_draft_sources_are_marked(tmp_path):
    import shutil

    from newsfacts.docsite import browse

    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("reviews"))
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    shutil.copy2(ROOT / "datapackage.json", tmp_path)
    path = tmp_path / "data" / "sources.csv"
    sources = pd.read_csv(path, dtype=str, keep_default_na=False)
    sources["status"] = ["draft" if sid.startswith("upi-") else "published" for sid in sources["source_id"]]
    sources.to_csv(path, index=False, lineterminator="\n")
    pages = browse.all_pages(tmp_path)
    assert "Draft source" in pages["sources/upi-2022-09-28.md"]
    assert "Draft source" not in pages["sources/cnn-2022-09-29.md"]
    assert pages["data/sources.md"].count("nf-badge--draft") == 1
    assert "UPI, 28 Sep 2022 (draft)" in pages["data/quotes.md"]


# ---- search and links -------------------------------------------------------------------------


def test_every_page_is_in_the_search_index(site):
    import json

    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    indexed = {d["location"].split("#")[0] for d in index["docs"]}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    assert pages <= indexed, sorted(pages - indexed)


def test_every_local_link_resolves(site):
    from urllib.parse import unquote, urlparse

    bad = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # its links are absolute, from site_url (see test_publish)
            continue
        html = page.read_text("utf-8")
        for ref in re.findall(r'(?:href|src)="([^"]+)"', html):
            u = urlparse(ref)
            if ref.startswith("/") and not ref.startswith("//"):
                bad.append(f"{page.relative_to(site)} → {ref} (absolute: breaks under a base path)")
                continue
            if u.scheme or ref.startswith(("#", "mailto:", "//")) or not u.path:
                continue
            target = (page.parent / unquote(u.path)).resolve()
            if not target.exists():
                bad.append(f"{page.relative_to(site)} → {ref}")
            elif u.fragment and target.suffix == ".html" and f'id="{u.fragment}"' not in target.read_text("utf-8"):
                bad.append(f"{page.relative_to(site)} → {ref} (no such anchor)")
    assert bad == []


def test_publish_build_uses_the_site_url(tmp_path):
    """With NEWSFACTS_SITE_URL (as the Pages workflow sets it) the 404 page and canonical links use it."""
    from conftest import mkdocs_build

    out = tmp_path / "public"
    mkdocs_build(out, NEWSFACTS_SITE_URL="https://example.org/newsfacts/")
    page404 = (out / "404.html").read_text("utf-8")
    assert 'href="/newsfacts/assets/' in page404 and 'href="/assets/' not in page404
    index = (out / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.org/newsfacts/index.html"' in index
    assert "https://example.org/newsfacts/data/quotes.html" in (out / "sitemap.xml").read_text("utf-8")


def test_readme_says_how_to_view_the_site():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make serve" in readme and "python -m http.server -d site" in readme
