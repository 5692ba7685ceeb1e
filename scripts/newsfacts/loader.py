"""Load the data package into pandas with the types its Table Schemas declare."""

from __future__ import annotations

import io
import json
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

import pandas as pd
import yaml

from newsfacts.schemas import typed_column

REPO_ROOT = Path(__file__).resolve().parents[2]


class _Reader:
    """Reads package members from a directory, a zip file or a URL of either."""

    def __init__(self, location):
        self.zip = None
        self.base = None
        self.url = isinstance(location, str) and location.startswith(("http://", "https://"))
        if self.url:
            if location.endswith(".zip"):
                with urllib.request.urlopen(location) as resp:  # noqa: S310 - user-given URL
                    self.zip = zipfile.ZipFile(io.BytesIO(resp.read()))
            else:
                self.base = location.rsplit("/", 1)[0] if location.endswith(".json") else location.rstrip("/")
        else:
            path = Path(location)
            if path.is_file() and path.suffix == ".zip":
                self.zip = zipfile.ZipFile(path)
            else:
                self.base = path.parent if path.is_file() else path
        self.prefix = ""
        if self.zip is not None:  # the package may sit in a top-level folder of the zip
            names = [n for n in self.zip.namelist() if PurePosixPath(n).name == "datapackage.json"]
            if not names:
                raise FileNotFoundError(f"{location}: no datapackage.json in the zip")
            parent = str(PurePosixPath(min(names, key=len)).parent)
            self.prefix = "" if parent == "." else parent + "/"

    def read(self, member: str) -> bytes:
        if self.zip is not None:
            return self.zip.read(self.prefix + member)
        if self.url:
            with urllib.request.urlopen(f"{self.base}/{member}") as resp:  # noqa: S310
                return resp.read()
        return (Path(self.base) / member).read_bytes()


def read_table(raw: bytes, schema: dict) -> pd.DataFrame:
    """One CSV resource as a typed DataFrame (blank cells are missing values)."""
    frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[""])
    for field in schema["fields"]:
        typed, bad = typed_column(frame[field["name"]], field)
        if bad.any():
            row = int(bad.idxmax()) + 2
            raise ValueError(f"field {field['name']}, row {row}: {frame[field['name']][bad].iloc[0]!r} "
                             f"is not a valid {field['type']}")
        frame[field["name"]] = typed
    return frame


def load(path_or_url=None) -> dict[str, pd.DataFrame]:
    """Every table of the package as a DataFrame typed from its Table Schema.

    `path_or_url` may be the repository (default), an unzipped release, its
    `datapackage.json`, the release zip, or an http(s) URL of a zip or a package.
    Dates are datetime64, enums categoricals with the schema's categories, integers
    nullable Int64, numbers Float64, text the pandas string dtype.
    """
    reader = _Reader(REPO_ROOT if path_or_url is None else path_or_url)
    descriptor = json.loads(reader.read("datapackage.json"))
    tables = {}
    for res in descriptor["resources"]:
        schema = res["schema"]
        if isinstance(schema, str):
            schema = yaml.safe_load(reader.read(schema))
        tables[res["name"]] = read_table(reader.read(res["path"]), schema)
    return tables


def with_context(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Quotes, claims and figures joined to their actor (name, type, country) and source (outlet, date).

    Returns new frames with `speaker_*`/`claimant_*` and `outlet`, `published_date` columns added;
    rows without an actor keep nulls (a left join).
    """
    actors = tables["actors"][["actor_id", "name", "actor_type", "country_code"]]
    sources = tables["sources"][["source_id", "outlet", "published_date"]]
    out = {}
    for name, key, prefix in (("quotes", "speaker_id", "speaker"), ("claims", "claimant_id", "claimant"),
                              ("figures", "claimant_id", "claimant")):
        renamed = actors.rename(columns={"actor_id": key, "name": f"{prefix}_name",
                                         "actor_type": f"{prefix}_type", "country_code": f"{prefix}_country_code"})
        frame = tables[name].merge(renamed, on=key, how="left", validate="many_to_one")
        out[name] = frame.merge(sources, on="source_id", how="left", validate="many_to_one")
    return out
