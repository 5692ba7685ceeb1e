"""Version agreement, reproducible release zip, and the typed loader."""

import hashlib
import json
import re
import zipfile

import pandas as pd
import pytest
import yaml
from conftest import ROOT

import newsfacts
from newsfacts.release import changelog_version, release_files, write_zip


def test_version_is_the_same_everywhere():
    desc = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert desc["version"] == changelog_version(ROOT) == str(cff["version"]) == newsfacts.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", newsfacts.__version__)


@pytest.fixture(scope="module")
def zips(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    files = release_files(ROOT)
    a, b = out / "a.zip", out / "b.zip"
    write_zip(a, files, "pkg")
    write_zip(b, release_files(ROOT), "pkg")
    return a, b


def test_release_zip_is_reproducible(zips):
    a, b = zips
    assert a.read_bytes() == b.read_bytes()


def test_release_zip_contents_and_checksums(zips, tmp_path):
    a, _ = zips
    with zipfile.ZipFile(a) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path)
    root = tmp_path / "pkg"
    assert {"pkg/datapackage.json", "pkg/README.md", "pkg/LICENSE", "pkg/LICENSE-DATA", "pkg/CHANGELOG.md",
            "pkg/SHA256SUMS", "pkg/CITATION.cff"} <= names
    assert not any("raw/articles" in n for n in names), "article texts must not be in the release"
    desc = json.loads((root / "datapackage.json").read_text("utf-8"))
    assert all("path" not in s for s in desc["sources"]) and len(desc["sources"]) == 5
    for line in (root / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, path = line.split("  ", 1)
        assert hashlib.sha256((root / path).read_bytes()).hexdigest() == digest
    from frictionless import Package

    assert Package(str(root / "datapackage.json")).validate().valid


def test_load_types_from_the_schemas():
    t = newsfacts.load()
    assert set(t) == {"sources", "actors", "mentions", "quotes", "claims", "figures"}
    assert str(t["sources"]["published_date"].dtype).startswith("datetime64")
    assert isinstance(t["quotes"]["kind"].dtype, pd.CategoricalDtype)
    assert list(t["quotes"]["kind"].cat.categories) == ["speech", "term", "scare", "other"]
    assert str(t["figures"]["start_char"].dtype) == "Int64"
    assert str(t["figures"]["value"].dtype) == "Float64"
    assert str(t["actors"]["provisional"].dtype) == "boolean"
    assert str(t["claims"]["text"].dtype).startswith("string")


def test_load_from_zip_equals_load_from_repository(zips):
    a, _ = zips
    from_zip, from_repo = newsfacts.load(a), newsfacts.load()
    for name in from_repo:
        pd.testing.assert_frame_equal(from_zip[name], from_repo[name])


def test_load_agrees_with_frictionless_row_for_row():
    from frictionless import Package

    ours = newsfacts.load()
    package = Package(str(ROOT / "datapackage.json"))
    for res in package.resources:
        rows = res.read_rows()
        df = ours[res.name]
        assert len(rows) == len(df), res.name
        for row, (_, mine) in zip(rows, df.iterrows()):
            for field in res.schema.field_names:
                theirs, value = row[field], mine[field]
                if theirs is None:
                    assert pd.isna(value), (res.name, field)
                elif hasattr(value, "date") and not isinstance(theirs, str):
                    assert value.date() == theirs
                elif res.schema.get_field(field).type == "number":
                    assert value == float(theirs), (res.name, field)
                else:
                    assert value == theirs, (res.name, field, value, theirs)


def test_with_context_joins_actors_and_sources():
    t = newsfacts.load()
    ctx = newsfacts.with_context(t)
    q = ctx["quotes"]
    assert len(q) == len(t["quotes"])
    biden = q[q.speaker_id == "joe-biden"]
    assert set(biden.speaker_name) == {"Joe Biden"} and set(biden.outlet) == {"UPI", "AFP"}
    assert q[q.speaker_id.isna()].speaker_name.isna().all()
    f = ctx["figures"]
    assert set(f[f.claimant_id == "russian-installed-authorities"].claimant_type) == {"collective"}
    assert "published_date" in ctx["claims"] and len(ctx["claims"]) == len(t["claims"])


def test_load_from_a_url(zips):
    import functools
    import http.server
    import threading

    a, _ = zips
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(a.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        tables = newsfacts.load(f"http://127.0.0.1:{httpd.server_address[1]}/{a.name}")
    finally:
        httpd.shutdown()
    pd.testing.assert_frame_equal(tables["claims"], newsfacts.load()["claims"])
