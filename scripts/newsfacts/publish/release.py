"""Cut a reproducible release: dist/<name>-<version>.zip, recorded in the ledger releases.yaml.

The zip is a standard zipped Data Package: datapackage.json at its root, the published tables
as CSV (the resources) and Parquet, a SQLite database with keys, JSON Table Schemas, README,
licences, changelog, citation and SHA256SUMS. Only `published` sources are in it.

The ledger freezes versions: once a version is `released`, `newsfacts release` refuses to
write different bytes under its number. A `pending` entry (cut, not yet published) is
re-cut with `newsfacts release --recut` and frozen with `newsfacts release --freeze`.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import yaml

from newsfacts import __version__
from newsfacts.changelog import changelog_version
from newsfacts.errors import InputError
from newsfacts.model.metadata import Table
from newsfacts.model.package import read_package

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EXTRA_FILES = ("LICENSE", "LICENSE-DATA", "CHANGELOG.md", "CITATION.cff")
LEDGER = "releases.yaml"
TABLE_SCHEMA_V2 = "https://datapackage.org/profiles/2.0/tableschema.json"
LEDGER_HEADER = """\
# The release ledger: every version of the data package, frozen by hashes.
# Written by `newsfacts release --recut` (records the current version as `pending`) and
# `newsfacts release --freeze` (marks it `released`, with the commit it was cut from).
# A `released` version can never be written with other bytes: change the data, bump the
# version in scripts/newsfacts/__init__.py and add a CHANGELOG.md entry.
# tables: sha256 of each published CSV; schemas: sha256 of each schemas/<table>.schema.yaml.
"""


# ---------------------------------------------------------------- contents


def json_schema(schema: dict) -> dict:
    """A YAML Table Schema as Data Package v2 JSON: enum labels become `categories`."""
    out: dict = {"$schema": TABLE_SCHEMA_V2}
    fields = []
    for f in schema["fields"]:
        f = dict(f)
        labels = f.pop("enumDescriptions", None)
        enum = f.get("constraints", {}).get("enum")
        if enum is not None:
            f["categories"] = [{"value": v, "label": " ".join(str((labels or {}).get(v, v)).split())} for v in enum]
        fields.append(f)
    out.update({k: v for k, v in schema.items() if k != "fields"})
    out["fields"] = fields
    return out


def _json_bytes(obj) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def published_csvs(root: Path, desc: dict) -> tuple[dict[str, bytes], set[str]]:
    """The CSV bytes of every resource without the rows of draft sources, and the draft ids."""
    raw = {res["name"]: (root / res["path"]).read_bytes() for res in desc["resources"]}
    frames = {name: pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False) for name, data in raw.items()}
    sources = frames.get("sources")
    drafts = (
        set(sources.loc[sources["status"] == "draft", "source_id"])
        if sources is not None and "status" in sources
        else set()
    )
    if not drafts:
        return raw, drafts
    from newsfacts.publish.loader import published_only

    kept = published_only(
        {
            k: (v.assign(provisional=v["provisional"] == "true") if k == "actors" and "provisional" in v else v)
            for k, v in frames.items()
        },
        read_package(root).tables,
    )
    out = {}
    for name, df in kept.items():
        if name == "actors" and "provisional" in df:
            df = df.assign(provisional=df["provisional"].map({True: "true", False: "false"}))
        out[name] = df.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return out, drafts


def parquet_bytes(df: pd.DataFrame, schema: dict) -> bytes:
    """One table as Parquet with types from its schema, reproducible byte for byte."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays, fields = [], []
    for f in Table("", schema).fields:
        col = df[f.name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            col = col.astype("string")
        arrays.append(pa.array([f.arrow_value(v) for v in col], type=f.arrow_type()))
        fields.append(f.arrow_field())
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    buf = io.BytesIO()
    pq.write_table(
        table,
        buf,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        store_schema=True,
    )
    return buf.getvalue()


def sqlite_bytes(root: Path, tables: dict[str, pd.DataFrame]) -> bytes:
    """The SQLite database (keys, checks) of the published tables."""
    from newsfacts.publish.export import write_sqlite

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.sqlite"
        write_sqlite(read_package(root).schemas, tables, path)
        return path.read_bytes()


def data_readme(desc: dict, schemas: dict[str, dict], stem: str) -> str:
    """The README shipped inside the zip: what it is, files, licence, citation."""
    lines = [
        f"# {desc['title']}",
        "",
        f"Version {desc['version']}.",
        "",
        " ".join(desc["description"].split()),
        "",
        "## Files",
        "",
    ]
    for name, schema in schemas.items():
        lines.append(
            f"- `data/{name}.csv` (also `data/{name}.parquet`) — {schema.get('title', name)}: "
            f"{' '.join(schema.get('description', '').split())}"
        )
    lines += [
        f"- `data/{stem}.sqlite` — all six tables in one SQLite database with primary and foreign keys.",
        "- `schemas/<table>.schema.json` — the Table Schemas (every field described).",
        "- `datapackage.json` — the Data Package descriptor: the tables, their schemas, licence and sources.",
        "- `SHA256SUMS` — checksums of every file; `datapackage.json` records each table's hash too.",
        "- `CHANGELOG.md`, `CITATION.cff`, `LICENSE`, `LICENSE-DATA` — changes by version, how to cite, "
        "licences. The changelog and the citation file are copied from the project's source repository: "
        "the files, directories and commands they name (`data/raw/…`, `releases.yaml`, `newsfacts …`, "
        "`make …`) are that repository's and are not part of the release.",
        "",
        "Open the zip as it is: `frictionless validate " + stem + ".zip`, "
        '`frictionless.Package("' + stem + '.zip")`, or `newsfacts.load("' + stem + '.zip")` '
        "(checks the hashes; `newsfacts` is the project's Python reader, installed from its source "
        "repository and not part of the release); or unzip it and read the CSV, Parquet or SQLite "
        "files with any tool.",
        "",
        "## Licence",
        "",
        "Derived data: CC BY 4.0 (LICENSE-DATA). The article texts are not included; `data/sources.csv`",
        "carries their SHA-256 hashes and, where known, their addresses.",
        "",
        "## Citation",
        "",
        f"newsfacts contributors ({desc['name']}), version {desc['version']}. See CITATION.cff.",
        "",
    ]
    return "\n".join(lines)


def release_files(root: Path) -> dict[str, bytes]:
    """Every file of the release zip (path -> bytes), published sources only."""
    from newsfacts.publish.loader import load

    desc = json.loads((root / "datapackage.json").read_text("utf-8"))
    if desc["version"] != __version__:
        raise InputError(
            f"datapackage.json has version {desc['version']} but the package is {__version__}; run `newsfacts build`",
            file=root / "datapackage.json",
        )
    cv = changelog_version(root)
    if cv != __version__:
        raise InputError(f"the newest CHANGELOG entry is {cv}, not {__version__}", file=root / "CHANGELOG.md")
    for res in desc["resources"]:
        data = (root / res["path"]).read_bytes()
        if res.get("hash", "").removeprefix("sha256:") != hashlib.sha256(data).hexdigest():
            raise InputError(
                f"{res['path']} is not what `newsfacts build` wrote (its sha256 differs from "
                "datapackage.json); run `newsfacts build`",
                file=root / res["path"],
            )
    schemas = read_package(root).schemas
    stem = f"{desc['name']}-{__version__}"
    csvs, drafts = published_csvs(root, desc)
    tables = load(root)  # typed, published only
    files: dict[str, bytes] = {}
    resources = []
    for res in desc["resources"]:
        name = res["name"]
        data = csvs[name]
        files[res["path"]] = data
        files[f"data/{name}.parquet"] = parquet_bytes(tables[name], schemas[name])
        files[f"schemas/{name}.schema.json"] = _json_bytes(json_schema(schemas[name]))
        resources.append(
            dict(
                res,
                schema=f"schemas/{name}.schema.json",
                bytes=len(data),
                hash="sha256:" + hashlib.sha256(data).hexdigest(),
            )
        )
    files[f"data/{stem}.sqlite"] = sqlite_bytes(root, tables)
    urls = dict(zip(tables["sources"]["source_id"], tables["sources"]["url"], strict=False))
    sources = []
    for s in desc.get("sources", []):
        sid = s.get("title", "").rsplit("(", 1)[-1].rstrip(")")
        if sid in drafts:
            continue
        entry = {k: v for k, v in s.items() if k != "path"}  # the article texts are not in the release
        if isinstance(urls.get(sid), str):
            entry["path"] = urls[sid]
        sources.append(entry)
    shipped = dict(desc, sources=sources, resources=resources)
    files["datapackage.json"] = _json_bytes(shipped)
    files["README.md"] = data_readme(desc, schemas, stem).encode("utf-8")
    for name in EXTRA_FILES:
        if (root / name).exists():
            files[name] = (root / name).read_bytes()
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(files.items()))
    files["SHA256SUMS"] = sums.encode("utf-8")
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A byte-for-byte reproducible zip: sorted members at the root, fixed times and permissions."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            zf.writestr(info, files[name])
    return buf.getvalue()


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".zip.tmp")
    tmp.write_bytes(zip_bytes(files))
    tmp.replace(path)


# ---------------------------------------------------------------- ledger


def read_ledger(root: Path) -> list[dict]:
    path = root / LEDGER
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    entries = data.get("releases")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "version" in e for e in entries):
        raise InputError("expected a list of entries with a version under 'releases'", file=path)
    for e in entries:
        if e.get("status") not in ("pending", "released"):
            raise InputError(
                f"version {e['version']}: status must be pending or released, not {e.get('status')!r}", file=path
            )
    return entries


def write_ledger(root: Path, entries: list[dict]) -> None:
    entries = sorted(entries, key=lambda e: [int(x) for x in str(e["version"]).split(".")], reverse=True)
    text = LEDGER_HEADER + yaml.safe_dump({"releases": entries}, sort_keys=False, allow_unicode=True, width=100)
    tmp = root / (LEDGER + ".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(root / LEDGER)


def ledger_entry(entries: list[dict], version: str) -> dict | None:
    return next((e for e in entries if str(e["version"]) == version), None)


def last_released(entries: list[dict], before: str | None = None) -> dict | None:
    """The newest `released` entry (older than `before`, when given)."""
    key = lambda v: [int(x) for x in str(v).split(".")]  # noqa: E731
    done = [e for e in entries if e["status"] == "released" and (before is None or key(e["version"]) < key(before))]
    return max(done, key=lambda e: key(e["version"]), default=None)


def fingerprint(root: Path, files: dict[str, bytes], data: bytes) -> dict:
    """The hashes the ledger records for a cut: zip, every table, every schema."""
    desc = json.loads(files["datapackage.json"])
    return {
        "zip_sha256": hashlib.sha256(data).hexdigest(),
        "tables": {r["name"]: r["hash"].removeprefix("sha256:") for r in desc["resources"]},
        "schemas": {
            name: hashlib.sha256((root / "schemas" / f"{name}.schema.yaml").read_bytes()).hexdigest()
            for name in read_package(root).schemas
        },
    }


def _changed(entry: dict, fp: dict) -> str:
    parts = [
        f"table {t}"
        for t in sorted(set(fp["tables"]) | set(entry.get("tables") or {}))
        if (entry.get("tables") or {}).get(t) != fp["tables"].get(t)
    ]
    parts += [
        f"schema {t}"
        for t in sorted(set(fp["schemas"]) | set(entry.get("schemas") or {}))
        if (entry.get("schemas") or {}).get(t) != fp["schemas"].get(t)
    ]
    return (
        ", ".join(parts) or "files other than the tables and schemas (README, CHANGELOG, CITATION, licences, formats)"
    )


def _git_head(root: Path) -> str | None:
    proc = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


def _git_dirty(root: Path, paths: list[str]) -> str:
    proc = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--", *paths], capture_output=True, text=True
    )
    return proc.stdout.strip() if proc.returncode == 0 else "not a git checkout"


def release(root: Path, recut: bool = False, freeze: bool = False) -> Path:
    """Write dist/<name>-<version>.zip, checked against (or recorded in) the ledger."""
    desc = json.loads((root / "datapackage.json").read_text("utf-8"))
    stem = f"{desc['name']}-{__version__}"
    out = root / "dist" / f"{stem}.zip"
    files = release_files(root)
    data = zip_bytes(files)
    fp = fingerprint(root, files, data)
    entries = read_ledger(root)
    entry = ledger_entry(entries, __version__)
    ledger = root / LEDGER
    if entry is not None and entry["status"] == "released":
        if recut:
            raise InputError(
                f"version {__version__} is released; a released version cannot be re-cut. Bump the "
                "version in scripts/newsfacts/__init__.py and add a CHANGELOG.md entry",
                file=ledger,
            )
        if entry.get("zip_sha256") != fp["zip_sha256"]:
            raise InputError(
                f"version {__version__} is released and frozen (zip sha256 {entry.get('zip_sha256')}); "
                f"this build differs in {_changed(entry, fp)}. Bump the version in "
                "scripts/newsfacts/__init__.py and add a CHANGELOG.md entry",
                file=ledger,
            )
    elif entry is None or entry.get("zip_sha256") != fp["zip_sha256"]:
        if not recut:
            what = (
                "is not in the ledger"
                if entry is None
                else f"differs from its pending ledger entry in {_changed(entry, fp)}"
            )
            raise InputError(
                f"version {__version__} {what}; record this cut with `newsfacts release --recut`", file=ledger
            )
        entry = {"version": __version__, "status": "pending", "zip": out.name, **fp}
        entries = [e for e in entries if str(e["version"]) != __version__] + [entry]
        write_ledger(root, entries)
    if freeze and entry["status"] == "pending":
        dirty = _git_dirty(root, ["datapackage.json", "data", "schemas", "CHANGELOG.md", "CITATION.cff", LEDGER])
        if dirty:
            raise InputError(
                f"commit the data, schemas, changelog and ledger before freezing {__version__}: {dirty}", file=ledger
            )
        entry["status"] = "released"
        entry["commit"] = _git_head(root)
        write_ledger(root, entries)
    if out.exists() and out.read_bytes() == data:
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out
