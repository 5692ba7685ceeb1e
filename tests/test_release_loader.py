"""Version agreement, the reproducible release zip as a standard data package, and the typed loader."""

import hashlib
import json
import re
import socket
import sqlite3
import threading
import time
import zipfile

import pandas as pd
import pytest
import yaml

import newsfacts
from conftest import ROOT
from newsfacts.changelog import changelog_version
from newsfacts.cli import main
from newsfacts.curate.inputs import Paths, read_sources
from newsfacts.errors import InputError
from newsfacts.model.package import read_package
from newsfacts.publish.loader import IntegrityError
from newsfacts.publish.release import release_files, zip_bytes
from newsfacts.publish.safezip import UnsafeZipError

TABLES = {"sources", "actors", "mentions", "quotes", "claims", "figures"}


def published_ids() -> set[str]:
    return {s["source_id"] for s in read_sources(Paths(ROOT)) if s["status"] == "published"}


def test_version_is_the_same_everywhere(capsys):
    desc = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert desc["version"] == changelog_version(ROOT) == str(cff["version"]) == newsfacts.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", newsfacts.__version__)
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == f"newsfacts {newsfacts.__version__}"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """(zip path, files) of the release cut from the committed package."""
    out = tmp_path_factory.mktemp("dist")
    files = release_files(ROOT)
    path = out / "release.zip"
    path.write_bytes(zip_bytes(files))
    return path, files


def test_release_zip_is_reproducible(release):
    path, _ = release
    assert zip_bytes(release_files(ROOT)) == path.read_bytes()


def test_release_zip_is_a_standard_data_package(release, tmp_path):
    path, _ = release
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
    assert {
        "datapackage.json",
        "README.md",
        "LICENSE",
        "LICENSE-DATA",
        "CHANGELOG.md",
        "SHA256SUMS",
        "CITATION.cff",
    } <= names, "package files sit at the zip's root"
    assert {f"data/{t}.csv" for t in TABLES} | {f"data/{t}.parquet" for t in TABLES} <= names
    assert {f"schemas/{t}.schema.json" for t in TABLES} <= names
    assert not any("raw/articles" in n or n.endswith(".yaml") for n in names), "no article texts, JSON schemas only"
    from frictionless import Package, validate

    package = Package(str(path))
    assert {r.name for r in package.resources} == TABLES
    ours = newsfacts.load(path)
    for res in package.resources:
        assert len(res.read_rows()) == len(ours[res.name]) > 0, res.name
    report = validate(str(path))
    assert report.valid and report.stats["tasks"] == len(TABLES), report.flatten(["type", "message"])
    desc = json.loads(zipfile.ZipFile(path).read("datapackage.json"))
    assert desc["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert desc["id"].startswith("urn:uuid:") and re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", desc["created"])
    assert all(c["roles"] for c in desc["contributors"])
    assert {s["title"].rsplit("(", 1)[1].rstrip(")") for s in desc["sources"]} == published_ids()
    assert all(s.get("path", "https://").startswith("https://") for s in desc["sources"]), "a URL or no path"
    quotes = json.loads(zipfile.ZipFile(path).read("schemas/quotes.schema.json"))
    kind = next(f for f in quotes["fields"] if f["name"] == "kind")
    assert [c["value"] for c in kind["categories"]] == kind["constraints"]["enum"] and kind["categories"][0]["label"]


def test_release_checksums(release, tmp_path):
    path, files = release
    sums = files["SHA256SUMS"].decode("utf-8").splitlines()
    assert len(sums) == len(files) - 1
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(files[name]).hexdigest() == digest


NOT_RELEASED = re.compile(r"\bnot (?:part of|in) the release\b")
PATH_LIKE = re.compile(  # a/b…, a name with a file extension, or an upper-case name (LICENSE, SHA256SUMS)
    r"[\w<>….-]+(?:/[\w<>….-]*)+|[\w<>-]+\.(?:csv|parquet|json|yaml|md|cff|sqlite|txt)|[A-Z][A-Z0-9-]+"
)


def _sentences(text: str) -> list[str]:
    """The sentences of each paragraph, heading and list item of a Markdown text."""
    blocks = re.split(r"\n\s*\n|\n(?=- |#)", text)
    return [s for b in blocks for s in re.split(r"(?<=[.!?])\s+(?=[A-Z`])", " ".join(b.split())) if s]


def _strings(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)
    elif isinstance(obj, str):
        yield obj


def repository_only_problems(files: dict[str, bytes]) -> list[str]:
    """What a release zip's README, datapackage.json and schemas say about files its user lacks.

    A `data/raw/` path (an input of the source repository) must come with "not part of the release"
    in its sentence; every file name the README writes in code must be a member of the zip, unless
    its sentence says that it is not part of the release. Commands (code with a space or a call)
    are not paths."""
    names = set(files)
    problems = []
    texts = {"README.md": [files["README.md"].decode("utf-8")]}
    for name, data in files.items():
        if name == "datapackage.json" or name.startswith("schemas/"):
            texts[name] = list(_strings(json.loads(data)))
    for member, strings in texts.items():
        for sentence in (s for text in strings for s in _sentences(text)):
            released = NOT_RELEASED.search(sentence) is None
            if "data/raw/" in sentence and released:
                problems.append(f"{member}: names data/raw/ without saying it is not in the release: {sentence}")
            if member != "README.md" or not released:
                continue
            for code in re.findall(r"`([^`]+)`", sentence):
                if not PATH_LIKE.fullmatch(code):
                    continue
                pattern = re.escape(code).replace(re.escape("<table>"), "[a-z]+")
                if not any(re.fullmatch(pattern, n) for n in names):
                    problems.append(f"README.md: `{code}` is not in the zip: {sentence}")
    return problems


def test_release_says_which_files_it_does_not_hold(release):
    """A researcher who downloaded only the zip is not sent to a file it lacks (0.3.2's README and
    datapackage.json said "Aliases live in `data/raw/actors.yaml`" and named sources.yaml as if shipped)."""
    _, files = release
    assert repository_only_problems(files) == []
    readme = files["README.md"].decode("utf-8")
    assert "`data/sources.csv`" in readme and "`data/actors.csv`" in readme, "the check reads the file list"

    old = "Aliases live in `data/raw/actors.yaml`."
    bad = dict(files)
    bad["README.md"] = readme.replace("## Files\n", f"## Files\n\n{old} See `data/raw/sources.yaml`.\n").encode()
    bad["README.md"] += b"\n- `data/notes.csv` \xe2\x80\x94 a file that is not in the zip.\n"
    desc = json.loads(files["datapackage.json"])
    desc["resources"][0]["description"] += " " + old
    bad["datapackage.json"] = json.dumps(desc).encode()
    found = [p.split(":", 2)[:2] for p in repository_only_problems(bad)]
    assert found == [
        ["README.md", " names data/raw/ without saying it is not in the release"],
        ["README.md", " `data/raw/actors.yaml` is not in the zip"],
        ["README.md", " names data/raw/ without saying it is not in the release"],
        ["README.md", " `data/raw/sources.yaml` is not in the zip"],
        ["README.md", " `data/notes.csv` is not in the zip"],
        ["datapackage.json", " names data/raw/ without saying it is not in the release"],
    ], repository_only_problems(bad)


def test_parquet_sqlite_and_duckdb_read_the_same_rows(release, tmp_path):
    import duckdb
    import pyarrow.parquet as pq

    path, files = release
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path)
    tables = newsfacts.load(path)
    for name, df in tables.items():
        arrow = pq.read_table(tmp_path / f"data/{name}.parquet")
        assert arrow.column_names == list(df.columns)
        back = arrow.to_pandas()
        assert len(back) == len(df)
        key = df.columns[0]
        assert list(back[key]) == list(df[key].astype(str))
    q = tables["quotes"]
    parquet_q = pq.read_table(tmp_path / "data/quotes.parquet").to_pandas()
    assert list(parquet_q["start_char"]) == list(q["start_char"]) and str(parquet_q["start_char"].dtype) == "int64"
    dates = pq.read_table(tmp_path / "data/sources.parquet").column("published_date")
    assert str(dates.type) == "date32[day]"
    db = next(tmp_path.glob("data/*.sqlite"))
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == len(tables["claims"])
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    n = duckdb.sql(
        f"SELECT COUNT(*) FROM read_csv('{tmp_path}/data/claims.csv') c "
        f"JOIN read_parquet('{tmp_path}/data/sources.parquet') s USING (source_id)"
    ).fetchone()[0]
    assert n == len(tables["claims"])


def test_load_types_from_the_schemas():
    t = newsfacts.load()
    assert set(t) == TABLES
    assert str(t["sources"]["published_date"].dtype).startswith("datetime64")
    assert isinstance(t["quotes"]["kind"].dtype, pd.CategoricalDtype)
    assert list(t["quotes"]["kind"].cat.categories) == ["speech", "term", "scare", "other"]
    assert str(t["figures"]["start_char"].dtype) == "Int64"
    assert str(t["figures"]["value"].dtype) == "Float64"
    assert str(t["actors"]["provisional"].dtype) == "boolean"
    assert str(t["claims"]["text"].dtype).startswith("string")
    assert set(t["sources"]["source_id"]) == published_ids()


def test_load_from_zip_equals_load_from_repository(release):
    path, _ = release
    from_zip, from_repo = newsfacts.load(path), newsfacts.load()
    for name in from_repo:
        pd.testing.assert_frame_equal(from_zip[name], from_repo[name])


def _rezip(path, out, change):
    """Copy a zip, passing every member through change(name, data) -> data."""
    with zipfile.ZipFile(path) as src:
        files = {n: change(n, src.read(n)) for n in src.namelist()}
    out.write_bytes(zip_bytes(files))
    return out


def test_load_refuses_a_tampered_release(release, tmp_path):
    path, _ = release
    edit = lambda n, d: d.replace(b",legitimacy,", b",other,", 1) if n == "data/claims.csv" else d  # noqa: E731
    with pytest.raises(IntegrityError, match="data/claims.csv does not match the sha256 recorded in datapackage.json"):
        newsfacts.load(_rezip(path, tmp_path / "a.zip", edit))
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:  # an unzipped release (it has SHA256SUMS) is checked too
        zf.extractall(tmp_path / "unzipped")
    with pytest.raises(IntegrityError, match="data/claims.csv"):
        newsfacts.load(tmp_path / "unzipped")
    (tmp_path / "unzipped/data/claims.csv").write_bytes(zipfile.ZipFile(path).read("data/claims.csv"))
    assert len(newsfacts.load(tmp_path / "unzipped")["claims"]) > 0, "the untouched release loads"

    def edit_and_rehash(name, data):  # the descriptor is fixed up too: SHA256SUMS still catches it
        if name == "data/claims.csv":
            return edit(name, data)
        if name == "datapackage.json":
            desc = json.loads(data)
            with zipfile.ZipFile(path) as zf:
                new = edit("data/claims.csv", zf.read("data/claims.csv"))
            for r in desc["resources"]:
                if r["name"] == "claims":
                    r["hash"], r["bytes"] = "sha256:" + hashlib.sha256(new).hexdigest(), len(new)
            return json.dumps(desc).encode()
        return data

    with pytest.raises(IntegrityError, match="SHA256SUMS"):
        newsfacts.load(_rezip(path, tmp_path / "b.zip", edit_and_rehash))
    assert main(["--root", str(ROOT), "diff", str(tmp_path / "b.zip"), str(ROOT)]) == 2


def test_zip_bomb_is_refused_before_decompressing(tmp_path, capsys):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("datapackage.json", "{}")
        with zf.open("data/claims.csv", "w") as fh:  # 64 MiB of zeros, ~64 KiB compressed
            block = bytes(2**20)
            for _ in range(64):
                fh.write(block)
    assert bomb.stat().st_size < 2**20
    start = time.monotonic()
    with pytest.raises(UnsafeZipError, match="zip bomb"):
        newsfacts.load(bomb)
    assert main(["--root", str(ROOT), "diff", str(bomb), str(ROOT)]) == 2
    assert "zip bomb" in capsys.readouterr().err
    assert time.monotonic() - start < 5


def test_load_agrees_with_frictionless_row_for_row():
    from frictionless import Package

    ours = newsfacts.load(include_drafts=True)
    package = Package(str(ROOT / "datapackage.json"))
    for res in package.resources:
        rows = res.read_rows()
        df = ours[res.name]
        assert len(rows) == len(df), res.name
        for row, (_, mine) in zip(rows, df.iterrows(), strict=False):
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
    m = ctx["mentions"]  # a mention's own key (actor_id): the actor's columns under their own names
    names = t["actors"].set_index("actor_id")["name"]
    assert len(m) == len(t["mentions"]) and (m["name"] == m["actor_id"].map(names)).all()


def test_with_context_joins_what_the_foreign_keys_name():
    """Every table citing an actor or a source gets their context columns, no other table does."""
    meta = read_package(ROOT).tables
    ctx = newsfacts.with_context(newsfacts.load(), meta)
    assert set(ctx) == {"mentions", "quotes", "claims", "figures"}
    added = {name: [c for c in df.columns if c not in meta[name].field_names] for name, df in ctx.items()}
    assert added["quotes"] == ["outlet", "published_date", "speaker_name", "speaker_type", "speaker_country_code"]
    assert added["figures"] == ["outlet", "published_date", "claimant_name", "claimant_type", "claimant_country_code"]


def test_load_from_a_url(release):
    import functools
    import http.server

    path, _ = release
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(path.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        tables = newsfacts.load(f"http://127.0.0.1:{httpd.server_address[1]}/{path.name}")
    finally:
        httpd.shutdown()
        httpd.server_close()
    pd.testing.assert_frame_equal(tables["claims"], newsfacts.load()["claims"])


def test_load_from_a_url_that_never_answers_times_out():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)  # accepts connections (the kernel does) and never answers
    port = server.getsockname()[1]
    start = time.monotonic()
    try:
        with pytest.raises(TimeoutError, match="no answer within 0.5 s"):
            newsfacts.load(f"http://127.0.0.1:{port}/x.zip", timeout=0.5)
    finally:
        server.close()
    assert time.monotonic() - start < 5


def _set_resource(name: str, **keys):
    def change(root):
        path = root / "datapackage.json"
        desc = json.loads(path.read_text("utf-8"))
        res = next(r for r in desc["resources"] if r["name"] == name)
        res.update(keys)
        for key in [k for k, v in keys.items() if v is None]:
            del res[key]
        path.write_text(json.dumps(desc), "utf-8")

    return change


def _replace(rel: str, old: bytes, new: bytes):
    def change(root):
        data = (root / rel).read_bytes()
        assert old in data, f"test setup: {old!r} not in {rel}"
        (root / rel).write_bytes(data.replace(old, new, 1))

    return change


def _outside_copy(root):
    """The actors resource at an absolute path, a good copy outside the package (it was read, before)."""
    outside = root.parent / "actors-outside.csv"
    outside.write_bytes((root / "data/actors.csv").read_bytes())
    _set_resource("actors", path=str(outside))(root)


def _append(rel: str, data: bytes):
    def change(root):
        with (root / rel).open("ab") as f:
            f.write(data)

    return change


@pytest.mark.parametrize(
    "change, says",
    [
        (_outside_copy, "actors-outside.csv', which is not a file inside the package (it is absolute)"),
        (_set_resource("actors", path="../actors.csv"), "(it climbs out with '..'); refusing to read it"),
        (_set_resource("quotes", path=None, data=[]), "resource 'quotes' has no 'path' naming one file"),
        (_replace("datapackage.json", b'"resources"', b'"tables"'), "a list of named 'resources'"),
        (_replace("datapackage.json", b"{", b"{{"), "datapackage.json:1: not valid JSON"),
        (_replace("schemas/quotes.schema.yaml", b"type: string", b"type: strang"), "field quote_id: has the type"),
        (
            _replace("schemas/quotes.schema.yaml", b"enum: [speech, term, scare, other]", b"enum: speech"),
            "quotes.schema.yaml, table quotes, field kind: constraints.enum must be a list",
        ),
        (_replace("data/quotes.csv", b",355,", b",\xff,"), "data/quotes.csv:2, table quotes: not valid UTF-8"),
        (_replace("data/quotes.csv", b"quote_id,", b"quote,"), "data/quotes.csv, table quotes, field quote_id: not in"),
        (
            _replace("data/quotes.csv", b",355,365,", b",abc,365,"),
            "data/quotes.csv, table quotes, row 2, field start_char: 'abc' is not a valid integer",
        ),
        (
            _replace("data/quotes.csv", b",term,say,355,", b",talk,say,355,"),
            "data/quotes.csv, table quotes, row 2, field kind: 'talk' is not one of the field's enum values",
        ),
        (_append("data/figures.csv", b'"unclosed\n'), "data/figures.csv, table figures: does not parse as CSV"),
    ],
    ids=[
        "absolute-path",
        "path-climbing-out",
        "inline-data",
        "no-resources",
        "not-json",
        "unknown-type",
        "enum-a-string",
        "csv-not-utf8",
        "csv-missing-a-field",
        "bad-integer",
        "not-in-enum",
        "csv-that-does-not-parse",
    ],
)
def test_load_refuses_a_bad_package_with_one_located_input_error(built, change, says):
    """Whatever is wrong with the package, `load` raises InputError naming the file (and the table,
    row and field), never a KeyError or a parser's error from deep inside pandas; and it reads no
    file outside the package."""
    change(built)
    with pytest.raises(InputError) as caught:
        newsfacts.load(built, include_drafts=True)
    message = str(caught.value)
    assert says in message and "\n" not in message and str(built) in message, message


def test_load_names_a_missing_resource_file(built):
    (built / "data/figures.csv").unlink()
    with pytest.raises(FileNotFoundError, match="data/figures.csv"):
        newsfacts.load(built)


def test_validate_takes_a_release_zip(release, tmp_path, capsys):
    """`newsfacts validate x.zip` checks a release as it was downloaded (load() reads zips too);
    a zip whose schema is broken names the zip and the member, and one that is no zip one line."""
    path, files = release
    assert main(["validate", str(path)]) == 0
    assert f"valid: {path}" in " ".join(capsys.readouterr().err.split())

    broken = dict(files)
    name = next(n for n in broken if n.startswith("schemas/quotes"))
    broken[name] = b"{not a schema"
    bad = tmp_path / "broken.zip"
    bad.write_bytes(zip_bytes(broken))
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}/{name}" in " ".join(err.split()) and "Traceback" not in err and "/tmp/tmp" not in err

    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"no zip at all")
    assert main(["validate", str(junk)]) == 2
    assert "not a readable zip file" in capsys.readouterr().err
