"""`newsfacts extract` on a corpus: inputs, streaming package, failures, workers and a Dask cluster."""

import csv
import datetime as dt
import hashlib
import inspect
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT
from newsfacts.cli import main

DEVSET = ROOT / "benchmarks" / "devset"
ARTICLES = ROOT / "data" / "raw" / "articles"


def _article_ids() -> list[str]:
    """The project's articles as they are now (a curator may have added one): no test counts on five."""
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _rows(out: Path, table: str) -> list[dict]:
    with (out / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _extract(*args, root=ROOT) -> int:
    return main(["--root", str(root), "extract", *map(str, args)])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small corpus with every kind of input and every kind of bad article."""
    d = tmp_path_factory.mktemp("corpus")
    texts = sorted(DEVSET.glob("d*.txt"))
    (d / "dir" / "nested").mkdir(parents=True)
    for p in texts[:4]:
        shutil.copy(p, d / "dir" / p.name)
    for p in texts[4:7]:
        shutil.copy(p, d / "dir" / "nested" / p.name)
    shutil.copy(texts[7], d / "dir" / "nested" / texts[0].name)  # the same file name twice: d01, d01-2
    (d / "dir" / "notes.md").write_text("not an article", "utf-8")
    (d / "dir" / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    (d / "dir" / "blank.txt").write_text("  \n\n", "utf-8")
    lines = [
        json.dumps(
            {
                "id": f"wire-{i}",
                "text": p.read_text("utf-8"),
                "outlet": "Wire",
                "published_date": "2022-09-2" + str(i),
                "authors": ["A. Writer", "B. Writer"],
                "language": "en",
            }
        )
        for i, p in enumerate(texts[8:14])
    ]
    lines[2:2] = [
        '{"id": "broken", "text": ',  # bad JSON
        json.dumps({"id": "extra", "text": "Some text.", "sett": 1}),  # unknown key
        json.dumps({"id": "wire-0", "text": "A duplicate id."}),
        json.dumps({"id": "bad-date", "text": "Some text, said Putin.", "published_date": "29/09/2022"}),
        "",  # blank lines are skipped
        '{"id": "dup-key", "text": "one", "text": "two"}',
    ]
    (d / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return d


@pytest.fixture(scope="module")
def serial_out(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    assert _extract(corpus / "dir", corpus / "wire.jsonl", "--out", out, "--workers", "1", "--parquet") == 1
    return out


def test_project_articles_give_the_build_formats_rows(tmp_path):
    """Per article, the rows and their CSV format are the build's own (frame + csv_bytes)."""
    from newsfacts.curate.inputs import Paths, read_actors, sha256_of
    from newsfacts.extract import extract
    from newsfacts.extract.mentions import aliases_of
    from newsfacts.model.metadata import load_schemas
    from newsfacts.package.build import csv_bytes, frame, source_row
    from newsfacts.package.validate import validate_package

    out = tmp_path / "out"
    assert _extract(ARTICLES, "--out", out, "--workers", "1") == 0
    assert validate_package(out) == []
    registry = read_actors(Paths(ROOT))
    aliases = tuple(aliases_of(registry))
    rows = {"sources": [], "mentions": [], "quotes": [], "claims": [], "figures": []}
    for f in sorted(ARTICLES.glob("*.txt")):
        text = f.read_text("utf-8")
        rows["sources"].append(source_row({"source_id": f.stem}, text, sha256_of(f)))
        cand = extract(f.stem, text, registry, aliases, None)
        for t in rows.keys() - {"sources"}:
            rows[t].extend(cand[t])
    schemas = load_schemas(Paths(ROOT).schemas)
    for t, table_rows in rows.items():
        assert (out / "data" / f"{t}.csv").read_bytes() == csv_bytes(frame(table_rows, schemas[t]), schemas[t]), t
    assert len(_rows(out, "sources")) == len(_article_ids())
    desc = json.loads((out / "datapackage.json").read_text("utf-8"))
    for res in desc["resources"]:
        data = (out / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and res["bytes"] == len(data)


def test_corpus_of_files_dirs_and_json_lines(serial_out, corpus, capsys):
    from newsfacts.package.validate import validate_package

    assert validate_package(serial_out) == []
    sources = _rows(serial_out, "sources")
    ids = [s["source_id"] for s in sources]
    # directory files sorted by path (nested/ after the top-level files), then the JSON Lines records
    assert ids == [
        "d01",
        "d02",
        "d03",
        "d04",
        "d01-2",
        "d05",
        "d06",
        "d07",
        "wire-0",
        "wire-1",
        "wire-2",
        "wire-3",
        "wire-4",
        "wire-5",
    ]
    wire = {s["source_id"]: s for s in sources}["wire-3"]
    assert (wire["outlet"], wire["published_date"], wire["authors"], wire["language"]) == (
        "Wire",
        "2022-09-23",
        "A. Writer; B. Writer",
        "en",
    )
    text = json.loads((corpus / "wire.jsonl").read_text("utf-8").splitlines()[9])["text"]
    assert wire["text_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    mentions = _rows(serial_out, "mentions")
    assert [m["source_id"] for m in mentions] == sorted((m["source_id"] for m in mentions), key=ids.index), (
        "rows follow the input order"
    )
    failures = {r["origin"].replace(str(corpus), "C"): r for r in _rows_of(serial_out / "failures.csv")}
    reasons = {k: v["reason"] for k, v in failures.items()}
    assert reasons.keys() == {
        "C/dir/latin1.txt:1",
        "C/dir/blank.txt",
        "C/wire.jsonl:3",
        "C/wire.jsonl:4",
        "C/wire.jsonl:5",
        "C/wire.jsonl:6",
        "C/wire.jsonl:8",
    }
    assert "not valid UTF-8" in reasons["C/dir/latin1.txt:1"] and "empty" in reasons["C/dir/blank.txt"]
    assert "not valid JSON" in reasons["C/wire.jsonl:3"]
    assert "unknown keys ['sett']" in reasons["C/wire.jsonl:4"]
    assert "already used by" in reasons["C/wire.jsonl:5"] and "wire.jsonl:1" in reasons["C/wire.jsonl:5"]
    assert "published_date" in reasons["C/wire.jsonl:6"] and "YYYY-MM-DD" in reasons["C/wire.jsonl:6"]
    assert "duplicate key 'text'" in reasons["C/wire.jsonl:8"]
    assert failures["C/dir/latin1.txt:1"]["source_id"] == "latin1"


def _rows_of(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_two_workers_give_byte_identical_package(serial_out, corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert _extract(corpus / "dir", corpus / "wire.jsonl", "--out", out, "--workers", "2", "--parquet") == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "2 worker processes" in err and "7 failed" in err and "latin1.txt:1 (latin1): not valid UTF-8" in err
    assert _files(out) == _files(serial_out)


def _hook(real):
    """The extractor `real`, except that it runs for a minute on the article `hang-here` (a stand-in
    for an input that never finishes; bounded, so that a run where the limit does not hold fails
    instead of hanging) and makes its process exit on `die-here`."""

    def extract(source_id, *args, **kwargs):
        if source_id == "hang-here":
            end = time.monotonic() + 60
            while time.monotonic() < end:
                time.sleep(0.01)
        if source_id == "die-here":
            os._exit(3)
        return real(source_id, *args, **kwargs)

    return extract


# A sitecustomize that installs _hook in the processes started with it on their PYTHONPATH.
HANG_HOOK = (
    "import os\nimport time\n\nimport newsfacts.extract.pipeline as _pipeline\n\n\n"
    + inspect.getsource(_hook)
    + "\n\n_pipeline.extract = _hook(_pipeline.extract)\n"
)


def _with_hang_hook(tmp: Path) -> str:
    """A PYTHONPATH whose sitecustomize is HANG_HOOK: processes started with it extract with the hook."""
    (tmp / "sitecustomize.py").write_text(HANG_HOOK, "utf-8")
    return os.pathsep.join(filter(None, [str(tmp), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A local Dask cluster of 2 single-threaded worker processes on 127.0.0.1. Its workers (and the
    processes they start) load HANG_HOOK; every other article is extracted as usual."""
    distributed = pytest.importorskip("distributed")
    with pytest.MonkeyPatch.context() as env:  # inherited by the worker processes when they start
        env.setenv("PYTHONPATH", _with_hang_hook(tmp_path_factory.mktemp("hook")))
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        )
    with cluster:
        yield cluster


def test_local_dask_cluster_gives_byte_identical_package(
    dask_cluster, serial_out, corpus, tmp_path, capsys, monkeypatch
):
    import distributed

    out, address = tmp_path / "out", dask_cluster.scheduler_address
    with distributed.Client(dask_cluster) as client:
        workers = list(client.scheduler_info()["workers"])
    assert address.startswith("tcp://127.0.0.1:")
    assert len(workers) == 2 and all(w.startswith("tcp://127.0.0.1:") for w in workers)
    assert _extract(corpus / "dir", corpus / "wire.jsonl", "--out", out, "--parquet", "--scheduler", address) == 1
    assert f"Dask scheduler {address}" in " ".join(capsys.readouterr().err.split())
    assert _files(out) == _files(serial_out)

    import newsfacts.corpus.work as work  # this client now runs other code than the workers

    monkeypatch.setattr(work, "fingerprint", lambda: "0" * 64)
    other = tmp_path / "other"
    assert _extract(ARTICLES, "--out", other, "--scheduler", address) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "runs other newsfacts code" in err and "install the same newsfacts version" in err
    assert not other.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_article_that_hangs_on_a_dask_worker_times_out_alone(dask_cluster, tmp_path, monkeypatch, capsys):
    """--timeout holds on Dask workers, whose tasks run in threads the alarm cannot reach: the article
    fails alone, with the reason --workers 1 gives, and the package is byte-identical to its."""
    import newsfacts.extract.pipeline as pipeline

    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(p, inputs / p.name)
    shutil.copy(ARTICLES / "afp-undated.txt", inputs / "hang-here.txt")
    monkeypatch.setattr(pipeline, "extract", _hook(pipeline.extract))  # here, as in the workers
    serial, on_dask = tmp_path / "serial", tmp_path / "dask"
    assert _extract(inputs, "--out", serial, "--workers", "1", "--parquet", "--timeout", "1") == 1
    capsys.readouterr()
    address = dask_cluster.scheduler_address
    assert _extract(inputs, "--out", on_dask, "--parquet", "--scheduler", address, "--timeout", "1") == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "hang-here.txt (hang-here): timed out: extraction took longer than 1 s (--timeout)" in err
    assert f"extracted {len(_article_ids())} article(s)" in err and "1 failed" in err  # all, and hang-here
    assert [(r["source_id"], r["reason"]) for r in _rows_of(on_dask / "failures.csv")] == [
        ("hang-here", "timed out: extraction took longer than 1 s (--timeout)")
    ]
    assert _files(on_dask) == _files(serial)
    import psutil

    from newsfacts.corpus.sandbox import MODULE

    workers = psutil.Process().children()  # the cluster's worker processes
    left = [c.pid for w in workers for c in w.children(recursive=True) if MODULE in " ".join(c.cmdline())]
    assert not left, "the run ends the child processes it started on the workers"


def test_parquet_holds_the_csv_rows_typed(serial_out):
    import pyarrow.parquet as pq

    for table in ("sources", "claims", "figures", "actors"):
        pt = pq.read_table(serial_out / "data" / f"{table}.parquet").to_pylist()
        rows = _rows(serial_out, table)
        assert len(pt) == len(rows) > 0
        for prow, crow in zip(pt, rows, strict=False):
            for k, v in prow.items():
                expected = (
                    ""
                    if v is None
                    else (
                        "true"
                        if v is True
                        else "false"
                        if v is False
                        else v.isoformat()
                        if isinstance(v, dt.date)
                        else str(int(v))
                        if isinstance(v, float) and v.is_integer()
                        else str(v)
                    )
                )
                assert expected == crow[k], (table, k)


TABLES = ("actors", "sources", "quotes", "claims", "figures", "mentions")


def test_parquet_files_are_resources_of_the_package(serial_out):
    """Every file under data/ is a resource; each Parquet file is `<table>-parquet`, with the table's
    schema and its sha256, and frictionless validates it (not just the CSV)."""
    from frictionless import Package, system

    import newsfacts
    from newsfacts.model.package import read_package

    desc = json.loads((serial_out / "datapackage.json").read_text("utf-8"))
    resources = {r["path"]: r for r in desc["resources"]}
    assert sorted(resources) == sorted(p for p in _files(serial_out) if p.startswith("data/"))
    for t in TABLES:
        csv_res, pq_res = resources[f"data/{t}.csv"], resources[f"data/{t}.parquet"]
        data = (serial_out / pq_res["path"]).read_bytes()
        assert (pq_res["name"], pq_res["format"], pq_res["schema"]) == (f"{t}-parquet", "parquet", csv_res["schema"])
        assert pq_res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and "bytes" not in pq_res
        assert f"data/{t}.csv" in pq_res["description"] and pq_res["mediatype"] == "application/vnd.apache.parquet"
    with system.use_context(trusted=False):
        report = Package(str(serial_out / "datapackage.json")).validate()
    assert report.valid and {task.name for task in report.tasks} >= {f"{t}-parquet" for t in TABLES}
    package = read_package(serial_out)
    assert list(package.schemas) == list(TABLES) and package.copies == {f"{t}-parquet": t for t in TABLES}
    tables = newsfacts.load(serial_out, include_drafts=True, verify_hashes=True)  # the CSVs, every hash checked
    assert list(tables) == list(TABLES) and len(tables["sources"]) == 14


def _rewrite_parquet(path: Path, change) -> None:
    import pyarrow.parquet as pq

    pq.write_table(change(pq.read_table(path)), path)


def _set_first(column: str, value):
    import pyarrow as pa

    def change(table):
        i = table.schema.get_field_index(column)
        values = table.column(column).to_pylist()
        return table.set_column(i, table.schema.field(i), pa.array([value, *values[1:]], table.schema.field(i).type))

    return change


def _as_text(column: str):
    import pyarrow as pa

    def change(table):
        i = table.schema.get_field_index(column)
        return table.set_column(i, pa.field(column, pa.string()), table.column(column).cast(pa.string()))

    return change


@pytest.mark.parametrize(
    "change, expected",
    [
        (_set_first("text", "changed"), [("hash", None, None), ("parquet_copy", 2, "text")]),
        (lambda t: t.slice(0, t.num_rows - 1), [("hash", None, None), ("parquet_copy", None, None)]),
        # one failure per cell: frictionless's (the Parquet copy differing there too is not repeated)
        (_set_first("metric", "nonsense"), [("frictionless:constraint-error", 2, "metric"), ("hash", None, None)]),
        (_as_text("start_char"), [("hash", None, None), ("parquet_type", None, "start_char")]),
    ],
    ids=["other-value", "row-missing", "not-in-enum", "integer-as-text"],
)
def test_validate_reports_a_parquet_file_that_is_not_its_csv(
    serial_out, tmp_path, change, expected, capsys, monkeypatch
):
    """The failures validate_package returns, and `newsfacts validate` reporting them: one validation (the
    command's, whose validate_package result is kept), not one for the function and one for the command."""
    import newsfacts.package.validate as validate

    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    _rewrite_parquet(out / "data" / "figures.parquet", change)
    results = []
    real = validate.validate_package
    monkeypatch.setattr(validate, "validate_package", lambda *a, **k: results.append(real(*a, **k)) or results[-1])
    assert main(["validate", str(out)]) == 1 and "figures-parquet" in capsys.readouterr().err
    [failures] = results
    assert [(f.rule, f.row, f.field) for f in failures] == expected
    assert {f.table for f in failures} == {"figures-parquet"}


def _zero_pages(path: Path) -> None:
    """Every byte between the Parquet header and its footer zeroed: the file opens, its pages cannot be read."""
    import struct

    data = bytearray(path.read_bytes())
    start = len(data) - 8 - struct.unpack("<I", data[-8:-4])[0]
    data[4:start] = bytes(start - 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "corrupt, says",
    [
        (_zero_pages, "table figures-parquet: The data source has not supported or has inconsistent contents"),
        (lambda path: path.write_bytes(b"not Parquet"), "table figures-parquet: The data source"),
        (
            lambda path: path.with_suffix(".csv").write_bytes(path.with_suffix(".csv").read_bytes() + b"\xff\n"),
            "figures.csv is not valid UTF-8",
        ),
    ],
    ids=["pages-unreadable", "not-parquet", "csv-not-utf8"],
)
def test_validate_reports_an_unreadable_parquet_copy_or_csv(serial_out, tmp_path, corrupt, says, capsys):
    """A Parquet copy whose pages cannot be read, or whose CSV is not UTF-8, is a validation failure (exit 1),
    one line each, with the failures frictionless finds; not an error without a file name, nor a traceback."""
    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    corrupt(out / "data" / "figures.parquet")
    assert main(["validate", str(out)]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert says in " ".join(err.split()) and "Traceback" not in err
    assert all(line.startswith("failure: ") for line in lines[:-1]) and lines[-1].endswith("validation failure(s)")


def test_a_parquet_resource_that_copies_no_table_is_refused(serial_out, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    desc = json.loads((out / "datapackage.json").read_text("utf-8"))
    desc["resources"] = [r for r in desc["resources"] if r["name"] != "quotes"]  # quotes.parquet alone
    (out / "datapackage.json").write_text(json.dumps(desc), "utf-8")
    assert main(["validate", str(out)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "resource 'quotes-parquet' is Parquet but not a copy of a CSV table" in err and "Traceback" not in err


def test_one_bad_article_does_not_stop_the_run(tmp_path, monkeypatch, capsys):
    import newsfacts.extract.pipeline as pipeline

    real = pipeline.extract

    def flaky(source_id, text, *a, **k):
        if source_id == "nyt-undated":
            raise ValueError("boom\nwith a second line")
        return real(source_id, text, *a, **k)

    monkeypatch.setattr(pipeline, "extract", flaky)
    out = tmp_path / "out"
    assert _extract(ARTICLES, "--out", out, "--workers", "1") == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "nyt-undated.txt (nyt-undated): extractor error: ValueError: boom with a second line" in err
    others = [a for a in _article_ids() if a != "nyt-undated"]
    assert f"extracted {len(others)} article(s)" in err and "1 failed" in err
    assert [s["source_id"] for s in _rows(out, "sources")] == others
    assert [r["source_id"] for r in _rows_of(out / "failures.csv")] == ["nyt-undated"]


def test_an_article_that_hangs_times_out_alone(tmp_path, monkeypatch, capsys):
    import time

    import newsfacts.extract.pipeline as pipeline

    real = pipeline.extract

    def hangs(source_id, text, *a, **k):
        if source_id == "cnn-2022-09-29":
            deadline = time.monotonic() + 60  # bounded: a broken time limit fails the test, not hangs it
            while time.monotonic() < deadline:  # an input that never finishes (what a quadratic rule does)
                time.sleep(0.01)
        return real(source_id, text, *a, **k)

    monkeypatch.setattr(pipeline, "extract", hangs)  # in this process: pool workers are spawned without it
    out = tmp_path / "out"
    assert _extract(ARTICLES, "--out", out, "--workers", "1", "--timeout", "1") == 1
    [failure] = _rows_of(out / "failures.csv")
    assert failure["source_id"] == "cnn-2022-09-29" and "timed out" in failure["reason"]
    assert "--timeout" in failure["reason"] and len(_rows(out, "sources")) == len(_article_ids()) - 1


def test_the_time_limit_is_never_skipped_in_a_thread(tmp_path, monkeypatch):
    """The alarm reaches only a main thread: elsewhere _time_limit refuses to run rather than skip the
    limit, and run_batch extracts in a child process of the thread, where it holds (what a Dask
    worker's tasks do). The child gives the rows this process gives; one that dies is an error, and
    the next batch gets a new child, as after stop_idle; the last one ends with its thread."""
    import gc
    from concurrent.futures import ThreadPoolExecutor
    from dataclasses import replace

    import psutil

    from newsfacts.corpus.run import make_context
    from newsfacts.corpus.sandbox import MODULE, stop_idle
    from newsfacts.corpus.work import Article, ArticleTimeout, Done, Failed, _time_limit, extract_article, run_batch

    with pytest.raises(ArticleTimeout, match="longer than 0.2 s"), _time_limit(0.2):
        deadline = time.monotonic() + 30  # bounded: a broken time limit fails the test, not hangs it
        while time.monotonic() < deadline:
            pass

    monkeypatch.setenv("PYTHONPATH", _with_hang_hook(tmp_path))  # the child processes load _hook
    ctx = replace(make_context(ROOT)[0], timeout=1)
    text = (ARTICLES / "upi-2022-09-28.txt").read_text("utf-8")
    hang, upi, die = (
        Article(i, sid, text, f"{sid}.txt", "", {}) for i, sid in enumerate(["hang-here", "upi", "die-here"])
    )

    def children() -> list[int]:
        return [c.pid for c in psutil.Process().children() if MODULE in " ".join(c.cmdline())]

    with ThreadPoolExecutor(1) as thread:  # one thread, not the main one, kept from call to call
        limit = thread.submit(lambda: _time_limit(1).__enter__()).exception()
        assert isinstance(limit, RuntimeError) and "outside a main thread" in str(limit)
        timed_out, done = thread.submit(run_batch, ctx, [hang, upi]).result()
        assert timed_out == Failed(
            0, "hang-here", "hang-here.txt", "timed out: extraction took longer than 1 s (--timeout)"
        )
        assert isinstance(done, Done) and done == extract_article(replace(ctx, timeout=None), upi)
        first = children()
        assert len(first) == 1 and stop_idle() == 1 and children() == []
        dies = thread.submit(run_batch, ctx, [die]).exception()
        assert isinstance(dies, RuntimeError) and "died (exit status 3;" in str(dies)
        assert thread.submit(run_batch, ctx, [upi]).result() == [done]
        assert len(children()) == 1 and children() != first
    gc.collect()
    assert children() == [], "a thread's child ends with the thread"


def test_article_over_max_chars_fails_alone(tmp_path):
    sizes = sorted(len(p.read_text("utf-8")) for p in ARTICLES.glob("*.txt"))
    limit = sizes[-2]  # only the longest article is over it
    out = tmp_path / "out"
    assert _extract(ARTICLES, "--out", out, "--workers", "1", "--max-chars", limit) == 1
    [failure] = _rows_of(out / "failures.csv")
    size = len((ARTICLES / f"{failure['source_id']}.txt").read_text("utf-8"))
    assert size == sizes[-1] and f"{size:,} characters" in failure["reason"] and "--max-chars" in failure["reason"]
    assert len(_rows(out, "sources")) == len(_article_ids()) - 1


def _tree(path: Path) -> dict[str, bytes]:
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file() and ".venv" not in p.parts and ".git" not in p.parts
    }


@pytest.mark.parametrize("case", ["project", "project-data", "non-empty", "file", "ancestor"])
def test_out_that_would_overwrite_something_is_refused(case, project, capsys):
    article = project / "data" / "raw" / "articles" / "upi-2022-09-28.txt"
    (project / "datapackage.json").write_text("{}\n", "utf-8")  # stands for the built package
    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("keep me", "utf-8")
    (project / "report.csv").write_text("keep,me\n", "utf-8")
    out = {
        "project": project,
        "project-data": project / "data",
        "non-empty": project / "notes",
        "file": project / "report.csv",
        "ancestor": project.parent,
    }[case]
    before = _tree(project)
    assert _extract(article, "--out", out, root=project) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert str(out) in err and "--out" in err and "choose a new" in err
    assert _tree(project) == before
    assert not [p for p in out.parent.iterdir() if ".extract-" in p.name], "no staging directory left"


def test_extract_output_is_replaced_whole_and_only_after_success(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert _extract(ARTICLES / "upi-2022-09-28.txt", "--out", out) == 0
    first = _files(out)
    (out / "data" / "stale.csv").write_text("from an older run", "utf-8")
    assert _extract(ARTICLES / "afp-undated.txt", "--out", out) == 0
    assert "data/stale.csv" not in _files(out)
    assert [s["source_id"] for s in _rows(out, "sources")] == ["afp-undated"]

    empty = tmp_path / "empty"
    empty.mkdir()
    assert _extract(ARTICLES / "upi-2022-09-28.txt", "--out", empty) == 0
    assert _files(empty) == first
    shutil.rmtree(empty)

    assert _extract(ARTICLES / "upi-2022-09-28.txt", "--out", out) == 0
    from newsfacts.corpus import engines

    def interrupted(ctx, work):
        yield engines.run_batch(ctx, next(iter(work)))
        raise KeyboardInterrupt

    monkeypatch.setattr(engines, "serial", interrupted)
    assert _extract(ARTICLES, "--out", out, "--workers", "1") == 130
    assert _files(out) == first, "an interrupted run left the previous output as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no staging directory left"


@pytest.mark.parametrize(
    "args, needle",
    [
        (["missing.txt"], "missing.txt: no such file or directory"),
        (["{empty}"], "has no *.txt article files"),
        ([str(ARTICLES), "--workers", "0"], "'0' is not a positive whole number"),
        ([str(ARTICLES), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "exclude each other"),
        ([str(ARTICLES), "--max-chars", "-5"], "is not a whole number"),
        ([str(ARTICLES), "--timeout", "-5"], "'-5' is not a number of seconds from 0 (no limit)"),
        ([str(ARTICLES), "--timeout", "nan"], "'nan' is not a number of seconds"),
        ([str(ARTICLES), "--timeout", "inf"], "'inf' is not a number of seconds"),
        ([str(ARTICLES), "--timeout", "1e40"], "'1e40' is not a number of seconds"),
        ([str(ARTICLES), "--timeout", "soon"], "'soon' is not a number of seconds"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, needle, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.md").write_text("x", "utf-8")
    args = [a.replace("{empty}", str(tmp_path / "empty")) for a in args]
    try:
        code = _extract(*args, "--out", tmp_path / "out")
    except SystemExit as exc:  # argparse
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert needle in " ".join(err.split()) and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_staging_left_by_a_killed_run_is_removed(tmp_path):
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    stale = tmp_path / f".out.extract-{pid}-x1y2"
    (stale / "data").mkdir(parents=True)
    live = tmp_path / f".out.extract-{__import__('os').getpid()}-z3"  # a run still going: kept
    live.mkdir()
    other = tmp_path / ".unrelated-1-2"
    other.mkdir()
    assert _extract(ARTICLES / "upi-2022-09-28.txt", "--out", tmp_path / "out") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, "out"])


def test_directory_fifos_are_skipped_and_huge_files_are_not_read(tmp_path):
    import os

    d = tmp_path / "in"
    d.mkdir()
    os.mkfifo(d / "pipe.txt")  # reading it would block for ever
    shutil.copy(ARTICLES / "upi-2022-09-28.txt", d / "upi.txt")
    (tmp_path / "huge.txt").write_bytes(b"word " * 1000)
    out = tmp_path / "out"
    # one process, as elsewhere here: the inputs are read (and the FIFO skipped) before any worker starts
    assert _extract(d, tmp_path / "huge.txt", "--out", out, "--workers", "1", "--max-chars", "1000") == 1
    reasons = {r["source_id"]: r["reason"] for r in _rows_of(out / "failures.csv")}
    assert "5,000 bytes, so more than the limit of 1,000 characters" in reasons.pop("huge")  # not read
    assert "characters, over the limit of 1,000" in reasons.pop("upi") and not reasons
    assert _rows(out, "sources") == []
    assert _extract(d, "--out", out, "--max-chars", "0") == 0
    assert [s["source_id"] for s in _rows(out, "sources")] == ["upi"]
