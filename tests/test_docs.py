"""The documentation site builds with --strict and documents every field of every schema."""

import re

import pytest
from conftest import ROOT

from newsfacts.schemas import load_schemas


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
