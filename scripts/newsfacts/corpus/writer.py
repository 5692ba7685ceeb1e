"""The candidate package, written as results arrive: data/*.csv (and data/*.parquet), schemas/,
datapackage.json, failures.csv. datapackage.json lists every table's CSV as a resource and, with
--parquet, its Parquet copy as another (`<table>-parquet`, the same Table Schema).

Everything goes to a staging directory beside --out, which replaces --out in one rename once
the run has finished, so an interrupted or failed run leaves a previous output as it was. Only
an empty directory or one made by `newsfacts extract` (it carries a marker file) is replaced.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from newsfacts.corpus.work import Done, Failed
from newsfacts.errors import InputError
from newsfacts.model.package import PARQUET_COPY

MARKER = ".newsfacts-extract"
MARKER_TEXT = "Made by `newsfacts extract`: the next extract run with this --out may replace this directory.\n"
PARQUET_ROWS = 50_000  # rows per Parquet row group: memory is bounded by this, not by the corpus
FAILURE_FIELDS = ("source_id", "origin", "reason")


def check_out(out: Path, root: Path) -> None:
    """Refuse an --out that would overwrite anything but an empty or extract-made directory."""
    target = out.resolve()
    if target == root.resolve():
        raise InputError(
            "--out is the project itself: extracting there would overwrite the built package; choose a new directory",
            file=out,
        )
    if target.exists() and not target.is_dir():
        raise InputError("--out is an existing file, not a directory; choose a new directory", file=out)
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise InputError(
            "--out is a non-empty directory not made by `newsfacts extract`; choose a new or empty directory", file=out
        )
    if target in root.resolve().parents:
        raise InputError("--out contains the project; choose a new directory", file=out)


class _Table:
    """One table's CSV (hashed as it is written) and, optionally, its Parquet file."""

    def __init__(self, name: str, schema: dict, data_dir: Path, parquet: bool):
        self.name, self.schema = name, schema
        self.fields = [(f["name"], f["type"]) for f in schema["fields"]]
        self.path = data_dir / f"{name}.csv"
        self.file = self.path.open("wb")
        self.sha, self.bytes = hashlib.sha256(), 0
        self.buffer = io.StringIO()
        self.csv = csv.writer(self.buffer, lineterminator="\n")
        self.csv.writerow([n for n, _ in self.fields])
        self.flush()
        self.rows = 0
        self.parquet = _Parquet(data_dir / f"{name}.parquet", self.fields) if parquet else None

    def write(self, rows: list[list[str]]) -> None:
        if not rows:
            return
        self.csv.writerows(rows)
        self.rows += len(rows)
        if self.buffer.tell() > 1 << 20:
            self.flush()
        if self.parquet:
            self.parquet.write(rows)

    def flush(self) -> None:
        data = self.buffer.getvalue().encode("utf-8")
        self.buffer.seek(0)
        self.buffer.truncate()
        self.file.write(data)
        self.sha.update(data)
        self.bytes += len(data)

    def close(self) -> None:
        self.flush()
        self.file.close()
        if self.parquet:
            self.parquet.close()

    def resource(self) -> dict:
        schema = self.schema
        return {
            "name": self.name,
            "type": "table",
            "path": f"data/{self.name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": f"schemas/{self.name}.schema.yaml",
            "title": schema.get("title"),
            "description": " ".join(schema.get("description", "").split()),
            "bytes": self.bytes,
            "hash": "sha256:" + self.sha.hexdigest(),
        }

    def parquet_resource(self) -> dict:
        """The Parquet copy as a resource of its own: frictionless 5.21 validates it (schema, types,
        constraints, keys) like the CSV. It has no `bytes`: frictionless reads Parquet through
        pyarrow, counts no bytes and would report any count as wrong; it does not check `hash`
        either, which `newsfacts validate` does (package.validate.parquet_failures)."""
        assert self.parquet is not None
        return {
            "name": self.name + PARQUET_COPY,
            "type": "table",
            "path": f"data/{self.name}.parquet",
            "scheme": "file",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "schema": f"schemas/{self.name}.schema.yaml",
            "title": f"{self.schema.get('title', self.name)} (Parquet)",
            "description": (
                f"The rows of data/{self.name}.csv (resource `{self.name}`) in the same order, as Parquet: "
                "columns typed from the same Table Schema (integer as int64, number as float64, boolean, "
                "date as date32, every other type as string; an empty CSV cell is null). `hash` is the "
                "file's SHA-256; no `bytes`, because frictionless 5.21 reads Parquet through pyarrow and "
                "cannot count them (nor does it check `hash`: `newsfacts validate` does, and that the rows "
                "are the CSV's)."
            ),
            "hash": "sha256:" + self.parquet.sha256,
        }


def _typed(value: str, ftype: str):
    if value == "":
        return None
    if ftype == "integer":
        return int(value)
    if ftype == "number":
        return float(value)
    if ftype == "boolean":
        return value == "true"
    if ftype == "date":
        return dt.date.fromisoformat(value)
    return value


class _Parquet:
    """A Parquet file written one row group at a time; columns typed from the Table Schema."""

    def __init__(self, path: Path, fields: list[tuple[str, str]]):
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32()}
        self.pa = pa
        self.fields = fields
        self.schema = pa.schema([(n, types.get(t, pa.string())) for n, t in fields])
        self.path = path
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")
        self.pending: list[list[str]] = []
        self.sha256 = ""  # of the finished file

    def write(self, rows: list[list[str]]) -> None:
        self.pending.extend(rows)
        while len(self.pending) >= PARQUET_ROWS:
            self._flush(self.pending[:PARQUET_ROWS])
            del self.pending[:PARQUET_ROWS]

    def _flush(self, rows: list[list[str]]) -> None:
        cols = [
            self.pa.array([_typed(r[i], t) for r in rows], type=self.schema.field(i).type)
            for i, (_, t) in enumerate(self.fields)
        ]
        self.writer.write_table(self.pa.Table.from_arrays(cols, schema=self.schema))

    def close(self) -> None:
        if self.pending or not self.writer.is_open:
            self._flush(self.pending)
        self.pending = []
        self.writer.close()
        with self.path.open("rb") as f:
            self.sha256 = hashlib.file_digest(f, "sha256").hexdigest()


class PackageWriter:
    """Streams results into a staging copy of --out; `commit()` puts it in place."""

    def __init__(self, out: Path, root: Path, schemas: dict[str, dict], registry: list[dict], parquet: bool):
        from newsfacts.curate.inputs import Paths

        check_out(out, root)
        self.out, self.root, self.schemas, self.registry = out, root, schemas, registry
        self.schema_dir = Paths(root).schemas
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(out)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.extract-{os.getpid()}-", dir=out.parent))
        data = self.staging / "data"
        data.mkdir()
        self.tables = {t: _Table(t, s, data, parquet) for t, s in schemas.items()}
        self.failures_file = (self.staging / "failures.csv").open("w", encoding="utf-8", newline="")
        self.failures = csv.writer(self.failures_file, lineterminator="\n")
        self.failures.writerow(FAILURE_FIELDS)
        self.provisional: dict[str, dict] = {}
        self.used: set[str] = set()
        self.articles = self.failed = self.words = self.chars = 0

    def add(self, result: Done | Failed) -> None:
        if isinstance(result, Failed):
            self.failures.writerow([result.source_id or "", result.origin, result.reason])
            self.failed += 1
            return
        for t, rows in result.rows.items():
            self.tables[t].write(rows)
        for a in result.actors:  # the first article to propose an actor id defines it
            self.provisional.setdefault(a["actor_id"], a)
        self.used |= result.used
        self.articles += 1
        self.words += result.words
        self.chars += result.chars

    def _actor_rows(self) -> list[list[str]]:
        from newsfacts.model.metadata import cell as _cell

        by_id = {a["actor_id"]: {**a, "provisional": False} for a in self.registry} | self.provisional
        keep: set[str] = set()
        for aid in self.used:
            while aid and aid not in keep:  # the actor and its parents
                keep.add(aid)
                aid = by_id.get(aid, {}).get("parent_id")
        fields = self.tables["actors"].fields
        return [[_cell(by_id[a].get(n), t) for n, t in fields] for a in sorted(keep) if a in by_id]

    def commit(self) -> None:
        """Finish every file, then replace --out with the staging directory in one rename."""
        from newsfacts.curate.inputs import Paths, read_package_meta
        from newsfacts.package.build import citation, descriptor

        self.tables["actors"].write(self._actor_rows())
        for table in self.tables.values():
            table.close()
        self.failures_file.close()
        meta = read_package_meta(Paths(self.root))
        import pandas as pd

        desc = descriptor(
            meta,
            [t.resource() for t in self.tables.values()]
            + [t.parquet_resource() for t in self.tables.values() if t.parquet],
            pd.DataFrame(columns=[name for name, _ in self.tables["sources"].fields]),  # no article rows
        )
        desc["sources"] = [
            {"title": f"{self.articles} article text(s) given to `newsfacts extract`; one row each in data/sources.csv"}
        ]
        (self.staging / "datapackage.json").write_text(
            json.dumps({k: v for k, v in desc.items() if v is not None}, indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        (self.staging / "CITATION.cff").write_bytes(citation(meta))
        (self.staging / "schemas").mkdir()
        for name in self.schemas:
            shutil.copyfile(self.schema_dir / f"{name}.schema.yaml", self.staging / "schemas" / f"{name}.schema.yaml")
        (self.staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(self.staging, 0o777 & ~_umask())
        check_out(self.out, self.root)  # nothing else took its place meanwhile
        old = None
        if self.out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-{os.getpid()}-", dir=self.out.parent))
            os.replace(self.out, old / "out")
        try:
            os.replace(self.staging, self.out)
        except OSError:
            if old is not None:  # put the previous output back
                os.replace(old / "out", self.out)
                shutil.rmtree(old, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        for table in self.tables.values():
            try:
                table.file.close()
                if table.parquet and table.parquet.writer.is_open:
                    table.parquet.writer.close()
            except Exception:  # noqa: BLE001 - cleaning up after another error
                pass
        self.failures_file.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Remove staging directories that runs killed outright (SIGKILL, power loss) left beside --out:
    their names carry the pid of the run, and that process no longer exists."""
    for d in out.parent.glob(f".{glob.escape(out.name)}.*-*-*"):
        kind, _, rest = d.name[len(out.name) + 2 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind in ("extract", "old") and pid.isdigit() and d.is_dir() and not _alive(int(pid)):
            shutil.rmtree(d, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**22  # another user's process, or an impossible pid
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
