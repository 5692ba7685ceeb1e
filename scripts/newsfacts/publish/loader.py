"""Load the data package into pandas with the types its Table Schemas declare.

Light on purpose: pandas, PyYAML and the standard library only, so that `pip install newsfacts`
gives a working reader without the build stack.
"""

from __future__ import annotations

import hashlib
import io
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from newsfacts.errors import InputError, IntegrityError
from newsfacts.model.descriptor import parse_descriptor
from newsfacts.model.metadata import Field, Table
from newsfacts.model.package import read_package
from newsfacts.publish.safezip import open_zip, read_member

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # newsfacts/
REPO_ROOT = PACKAGE_DIR.parents[1]  # a checkout: <root>/scripts/newsfacts
PACKAGE_DATA = PACKAGE_DIR / "_data"  # filled when a wheel is built (setup.py), absent in a checkout
DEFAULT_TIMEOUT = 30.0  # seconds without an answer before a URL load gives up
MAX_DOWNLOAD = 512 * 2**20


def default_location() -> Path:
    """The repository when this module runs from a checkout, else the data shipped in the wheel."""
    if (REPO_ROOT / "datapackage.json").is_file() and (REPO_ROOT / "scripts" / "newsfacts").is_dir():
        return REPO_ROOT
    if (PACKAGE_DATA / "datapackage.json").is_file():
        return PACKAGE_DATA
    raise FileNotFoundError(
        "this installation ships no data package; pass load() a path or URL "
        "(a release zip, its datapackage.json, or a directory)"
    )


def _fetch(url: str, timeout: float, limit: int = MAX_DOWNLOAD) -> bytes:
    """GET a URL; each wait for the server is at most `timeout` s, the whole download 4×`timeout`."""
    deadline = time.monotonic() + 4 * timeout
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - user-given URL
            chunks, size = [], 0
            while chunk := resp.read(1 << 16):
                size += len(chunk)
                if size > limit:
                    raise ValueError(f"{url}: more than {limit // 2**20} MiB; refusing to download it")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{url}: download not finished within {4 * timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except TimeoutError:
        raise TimeoutError(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise FileNotFoundError(f"{url}: not found (HTTP 404)") from None
        raise ConnectionError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise TimeoutError(f"{url}: no answer within {timeout:g} s") from None
        raise ConnectionError(f"{url}: {exc.reason}") from None


class _Reader:
    """Reads package members from a directory, a zip file or a URL of either."""

    def __init__(self, location, timeout: float = DEFAULT_TIMEOUT):
        self.zip = None
        self.base: Any = None
        self.timeout = timeout
        self.where = str(location)
        self.url = isinstance(location, str) and location.startswith(("http://", "https://"))
        if self.url:
            if location.endswith(".zip"):
                self.zip = open_zip(_fetch(location, timeout), where=location)
            else:
                self.base = location.rsplit("/", 1)[0] if location.endswith(".json") else location.rstrip("/")
        else:
            path = Path(location)
            if path.is_file() and path.suffix == ".zip":
                self.zip = open_zip(path)
            else:
                self.base = path.parent if path.is_file() else path
        if self.zip is None:  # the package's directory (messages name its files under it)
            self.where = str(self.base)
        self.prefix = ""
        if self.zip is not None:  # releases before 0.2.0 put the package in a top-level folder
            names = [n for n in self.zip.namelist() if PurePosixPath(n).name == "datapackage.json"]
            if not names:
                raise FileNotFoundError(f"{location}: no datapackage.json in the zip")
            parent = str(PurePosixPath(min(names, key=len)).parent)
            self.prefix = "" if parent == "." else parent + "/"

    @property
    def is_release(self) -> bool:
        """Zips and URLs are releases; so is a directory with a SHA256SUMS (an unzipped release)."""
        return self.zip is not None or self.url or self.exists("SHA256SUMS")

    def exists(self, member: str) -> bool:
        if self.zip is not None:
            return self.prefix + member in self.zip.namelist()
        if self.url:
            return False  # a package published at a URL is checked against its descriptor's hashes
        return (Path(self.base) / member).is_file()

    def read(self, member: str) -> bytes:
        if self.zip is not None:
            try:
                return read_member(self.zip, self.prefix + member)
            except KeyError:
                raise FileNotFoundError(f"{self.where}: no {member} in the zip") from None
        if self.url:
            return _fetch(f"{self.base}/{member}", self.timeout)
        return (Path(self.base) / member).read_bytes()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify(reader: _Reader, descriptor: dict, raw: dict[str, bytes]) -> None:
    """Every resource matches its `bytes`/`hash`, every file its SHA256SUMS line; else IntegrityError."""
    for res in descriptor["resources"]:
        data = raw[res["path"]]
        digest = res.get("hash")
        if digest and digest.removeprefix("sha256:") != _sha256(data):
            raise IntegrityError(
                f"{reader.where}: {res['path']} does not match the sha256 recorded in "
                "datapackage.json (tampered or corrupted); refusing to load it"
            )
        if "bytes" in res and res["bytes"] != len(data):
            raise IntegrityError(
                f"{reader.where}: {res['path']} has {len(data)} bytes, datapackage.json "
                f"records {res['bytes']}; refusing to load it"
            )
    if not reader.exists("SHA256SUMS"):
        if reader.zip is not None and not reader.prefix:
            raise IntegrityError(f"{reader.where}: the release has no SHA256SUMS; refusing to load it")
        return
    listed = {}
    for n, line in enumerate(reader.read("SHA256SUMS").decode("utf-8").splitlines(), 1):
        digest, sep, member = line.partition("  ")
        if not sep or len(digest) != 64:
            raise IntegrityError(f"{reader.where}: SHA256SUMS line {n} is not '<sha256>  <path>'")
        listed[member] = digest
    if "datapackage.json" not in listed:
        raise IntegrityError(f"{reader.where}: SHA256SUMS does not list datapackage.json")
    for member, digest in listed.items():
        got = raw.get(member)
        data = got if got is not None else reader.read(member)
        if _sha256(data) != digest:
            raise IntegrityError(
                f"{reader.where}: {member} does not match its SHA256SUMS line "
                "(tampered or corrupted); refusing to load it"
            )


def _parse_csv(raw: bytes, table: str | None, where: str | None) -> pd.DataFrame:
    """A CSV file's cells as strings (blank cells missing); InputError when it is not UTF-8 CSV."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte {exc.start})", file=where, line=line, table=table) from None
    if not raw.strip():
        raise InputError("empty (not even a header row)", file=where, table=table)
    try:
        return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, ValueError) as exc:
        raise InputError(f"does not parse as CSV: {' '.join(str(exc).split())}", file=where, table=table) from None


def read_table(raw: bytes, schema: dict, *, table: str | None = None, where: str | None = None) -> pd.DataFrame:
    """One CSV resource (the table `table`, read from the file `where`) as a typed DataFrame (blank
    cells are missing values). InputError naming the file, table, row and field when it is not
    UTF-8 CSV, lacks a field of its Table Schema, or holds a value the field's type cannot read."""
    frame = _parse_csv(raw, table, where)
    for field in schema["fields"]:
        name = field["name"]
        if name not in frame:
            raise InputError("not in the CSV's header row", file=where, table=table, field=name)
        typed, bad = Field(field).read_column(frame[name])
        if bad.any():
            value = frame[name][bad].iloc[0]
            what = (
                "one of the field's enum values"
                if "enum" in field.get("constraints", {})
                else f"a valid {field['type']}"
            )
            raise InputError(f"{value!r} is not {what}", file=where, table=table, row=int(bad.idxmax()) + 2, field=name)
        frame[name] = typed
    return frame


def published_only(tables: dict[str, pd.DataFrame], meta: dict[str, Table]) -> dict[str, pd.DataFrame]:
    """The tables without the rows of `draft` sources (and provisional actors only they cite);
    `meta` (the tables' metadata) says which columns cite an actor."""
    sources = tables.get("sources")
    if sources is None or "status" not in sources:
        return tables
    drafts = set(sources.loc[sources["status"] == "draft", "source_id"])
    if not drafts:
        return tables
    out = {}
    for name, df in tables.items():
        if name == "sources":
            out[name] = df[~df["source_id"].isin(drafts)].reset_index(drop=True)
        elif "source_id" in df:
            out[name] = df[~df["source_id"].isin(drafts)].reset_index(drop=True)
        else:
            out[name] = df
    if "actors" in out and "provisional" in out["actors"]:
        cited = set()
        for name, df in out.items():
            for col in meta[name].actor_columns if name != "actors" and name in meta else ():
                if col in df:
                    cited |= set(df[col].dropna())
        actors = out["actors"]
        keep = ~actors["provisional"].fillna(False).astype(bool) | actors["actor_id"].isin(cited)
        out["actors"] = actors[keep].reset_index(drop=True)
    return out


def load(
    path_or_url=None,
    *,
    include_drafts: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    verify_hashes: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of the package as a DataFrame typed from its Table Schema.

    `path_or_url` may be the repository (the default in a checkout; outside one, the data
    shipped inside the installed package), an unzipped release, its `datapackage.json`, the
    release zip, or an http(s) URL of a zip or a package (`timeout` seconds per wait).
    A release (zip, URL, or a directory with SHA256SUMS) is checked against the hashes in its
    datapackage.json and SHA256SUMS first and refused when any differs. Rows of `draft`
    sources are left out unless `include_drafts`. Dates are datetime64, enums categoricals
    with the schema's categories, integers nullable Int64, numbers Float64, text strings.
    Tables are read from their CSV resources. A Parquet copy of one (`newsfacts extract --parquet`)
    is not read (its rows are the CSV's: `newsfacts validate` checks that); when hashes are
    verified, its hash is checked with the others.

    Errors: `newsfacts.errors.InputError` for a package that cannot be read as its descriptor and
    Table Schemas say (datapackage.json or a schema malformed, a resource outside the package, a
    CSV that is not UTF-8 or lacks a field, a value its field cannot hold); its message names the
    file and, where it applies, the line, table, row and field. `IntegrityError` (a ValueError)
    for a release whose files differ from their hashes; an OSError (FileNotFoundError, …) for a
    file that cannot be read; `TimeoutError` and `ConnectionError` for a URL.
    """
    reader = _Reader(default_location() if path_or_url is None else path_or_url, timeout=timeout)
    descriptor = parse_descriptor(reader.read("datapackage.json"), f"{reader.where}/datapackage.json")
    raw = {res["path"]: reader.read(res["path"]) for res in descriptor["resources"]}  # each a file inside it
    if verify_hashes if verify_hashes is not None else reader.is_release:
        raw["datapackage.json"] = reader.read("datapackage.json")
        verify(reader, descriptor, raw)
    package = read_package(reader.read, where=reader.where)  # after the hashes: nothing unverified is parsed
    tables = {  # from the CSV resources; a Parquet copy (`newsfacts extract --parquet`) holds the same rows
        res["name"]: read_table(
            raw[res["path"]], package.schemas[res["name"]], table=res["name"], where=f"{reader.where}/{res['path']}"
        )
        for res in descriptor["resources"]
        if res["name"] in package.schemas
    }
    return tables if include_drafts else published_only(tables, package.tables)


def with_context(tables: dict[str, pd.DataFrame], meta: dict[str, Table] | None = None) -> dict[str, pd.DataFrame]:
    """The tables that cite an actor or a source (mentions, quotes, claims, figures), joined through
    their foreign keys to what the cited row is (`Table.context_fields`: an actor's name, type and
    country, a source's outlet and date).

    Returns new frames with, e.g., `speaker_name`, `speaker_type`, `speaker_country_code` (quotes),
    `claimant_*` (claims, figures), the actor's `name`, `actor_type`, `country_code` (mentions) and
    `outlet`, `published_date` added; rows that cite nothing keep nulls (a left join). `meta` is the
    tables' metadata (`read_package(...).tables`), by default that of the package `load()` reads.
    """
    meta = read_package(default_location()).tables if meta is None else meta
    out = {}
    for name, table in meta.items():
        frame = tables.get(name)
        joined = False
        for ref in table.references:
            cited = meta[ref.resource]
            columns = table.context_of(ref, cited)
            if frame is None or not columns or ref.resource not in tables:
                continue
            context = tables[ref.resource][[ref.target_field, *columns]].rename(
                columns={ref.target_field: ref.field, **columns}
            )
            frame = frame.merge(context, on=ref.field, how="left", validate="many_to_one")
            joined = True
        if joined:
            out[name] = frame
    return out
