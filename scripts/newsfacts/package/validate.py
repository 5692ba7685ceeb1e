"""Validate a data package: frictionless, pandera (derived from the schemas) and consistency rules."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from frictionless import Field as FrictionlessField
from frictionless import FrictionlessException, Report, system
from frictionless import Package as FrictionlessPackage
from frictionless import Resource as FrictionlessResource
from frictionless import Schema as FrictionlessSchema

from newsfacts.errors import InputError
from newsfacts.model.metadata import Field, cell
from newsfacts.model.package import Package, read_package
from newsfacts.package.consistency import Failure, check_consistency, missing_input
from newsfacts.package.schemas import pandera_schema


def _with_schemas_inline(package: Package) -> dict:
    """The package's descriptor with each resource's Table Schema file replaced by its content as read by
    `read_package` (parsed once per process). Given the file name, frictionless parses the YAML again each
    time it copies the resource: 17 times per validation, 40% of its time."""
    resources = []
    for res in package.resources:
        if isinstance(res.get("schema"), str) and res["name"] in package.schemas:
            res = {**res, "schema": package.schemas[res["name"]]}  # (a Parquet copy keeps its path)
        resources.append(res)
    return {**package.descriptor, "resources": resources}


def _schema_file(package_dir: Path, res: dict) -> Path:
    """The file a resource's Table Schema is in: the file it names, or datapackage.json."""
    schema = res.get("schema")
    return package_dir / (schema if isinstance(schema, str) else "datapackage.json")


def _first_note(report: Report) -> str | None:
    return " ".join(report.errors[0].note.split()) if report.errors else None


def _refused_by_frictionless(package: Package, package_dir: Path, exc: FrictionlessException) -> InputError:
    """The InputError for a package frictionless refuses to read (`exc`): the first field, Table Schema or
    resource descriptor it finds invalid, located; else what it said of the package."""
    desc_path = package_dir / "datapackage.json"
    for res in package.resources:
        name, where = res["name"], _schema_file(package_dir, res)
        schema = package.schemas[package.copies.get(name, name)]
        for field in schema["fields"]:
            note = _first_note(FrictionlessField.validate_descriptor(field))
            if note:
                return InputError(
                    f"not a valid Table Schema field: {note}", file=where, table=name, field=field["name"]
                )
        note = _first_note(FrictionlessSchema.validate_descriptor(schema))
        if note:
            return InputError(f"not a valid Table Schema: {note}", file=where, table=name)
        note = _first_note(FrictionlessResource.validate_descriptor({**res, "schema": schema}))
        if note:
            return InputError(f"resource {name!r} is not a valid data resource: {note}", file=desc_path)
    said = _first_note(FrictionlessPackage.validate_descriptor(_with_schemas_inline(package)))
    said = said or " ".join(exc.error.message.split())
    return InputError(f"frictionless cannot read the package: {said}", file=desc_path)


def _one_line(message: str) -> str:
    """A frictionless message on one line (a failure is one line; some messages end in a line break)."""
    return " ".join(message.strip().splitlines())


def frictionless_failures(package_dir: Path, package: Package | None = None) -> list[Failure]:
    """Every frictionless error of the package (no limit on their number); `package`: as read from
    `package_dir` by `read_package`, when the caller has it. A package frictionless refuses to read
    (a descriptor or Table Schema it finds invalid) raises InputError naming the file and resource."""
    package = package if package is not None else read_package(package_dir)
    with system.use_context(trusted=False):
        try:
            report = FrictionlessPackage(_with_schemas_inline(package), basepath=str(package_dir)).validate(
                limit_errors=10**9
            )
        except FrictionlessException as exc:
            raise _refused_by_frictionless(package, package_dir, exc) from None
    out = []
    for task in report.tasks:
        for err in task.errors:
            out.append(
                Failure(
                    task.name or task.resource.name,
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", None),
                    f"frictionless:{err.type}",
                    _one_line(err.message),
                )
            )
    for err in report.errors:
        out.append(Failure("datapackage.json", None, None, f"frictionless:{err.type}", _one_line(err.message)))
    return out


def _read_csv(path: Path, table: str) -> tuple[pd.DataFrame | None, Failure | None]:
    """The CSV as strings, or the failure that stops it from being read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Failure(table, None, None, "file_present", f"{path.name} is missing")
    except IsADirectoryError:
        return None, Failure(table, None, None, "file_present", f"{path.name} is a directory, not a CSV file")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Failure(table, line, None, "utf8", f"{path.name} is not valid UTF-8 (byte {exc.start})")
    if not raw.strip():
        return None, Failure(table, None, None, "not_empty", f"{path.name} is empty (not even a header row)")
    try:
        return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[""]), None
    except (pd.errors.ParserError, ValueError) as exc:
        return None, Failure(table, None, None, "csv", f"{path.name} does not parse as CSV: {exc}")


def pandera_failures(package_dir: Path, package: Package) -> tuple[list[Failure], dict[str, pd.DataFrame]]:
    """pandera checks per table (of the CSV file its resource names); also the typed tables for the
    consistency rules."""
    out: list[Failure] = []
    typed: dict = {}
    paths = {res["name"]: package_dir / res["path"] for res in package.resources}
    for name, schema in package.schemas.items():
        raw, failure = _read_csv(paths[name], name)
        if raw is None:
            if failure is not None:
                out.append(failure)
            continue
        frame = raw.copy()
        for field in schema["fields"]:
            if field["name"] not in raw:
                continue  # a missing column is reported by pandera (strict schema)
            frame[field["name"]], bad = Field(field).read_column(raw[field["name"]], categorical=False)
            for i in bad[bad].index:
                out.append(
                    Failure(
                        name,
                        int(i) + 2,
                        field["name"],
                        f"type:{field['type']}",
                        f"{raw.at[i, field['name']]!r} is not a valid {field['type']}",
                    )
                )
        try:
            pandera_schema(name, schema).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            for case in exc.failure_cases.itertuples():
                idx = case.index
                row = int(idx) + 2 if isinstance(idx, (int, float)) and not pd.isna(idx) else None
                out.append(
                    Failure(
                        name,
                        row,
                        case.column if isinstance(case.column, str) else None,
                        f"pandera:{case.check}",
                        f"failure case {case.failure_case!r}",
                    )
                )
        typed[name] = frame
    return out, typed


def parquet_failures(package_dir: Path, package: Package) -> list[Failure]:
    """What frictionless does not check in a Parquet copy of a table (`newsfacts extract --parquet`):
    its `hash`, its columns' Parquet types, and that it holds the rows of the table's CSV, in order.
    frictionless checks its columns, values, constraints and keys, and reports a Parquet file that
    is missing or unreadable."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = []
    paths = {res["name"]: package_dir / res["path"] for res in package.resources}
    for res in package.resources:
        name = res["name"]
        table = package.copies.get(name)
        if table is None or not paths[name].is_file():
            continue
        digest = res.get("hash")
        if digest and digest.removeprefix("sha256:") != _file_sha256(paths[name]):
            out.append(
                Failure(name, None, None, "hash", f"{paths[name].name} does not match the sha256 it is listed with")
            )
        try:
            parquet = pq.ParquetFile(paths[name])
        except (pa.ArrowException, OSError):
            continue  # frictionless says why it cannot be read
        fields = package.schemas[table]["fields"]
        out += _type_failures(name, parquet, fields)
        try:
            mismatch = _first_difference(parquet, paths[table], fields)
        except (pa.ArrowException, OSError):
            continue  # a page that cannot be read: frictionless says why
        except (UnicodeDecodeError, csv.Error):
            continue  # the CSV's own failure is reported (not UTF-8, does not parse)
        if mismatch:
            out.append(Failure(name, mismatch[0], mismatch[1], "parquet_copy", mismatch[2]))
    return out


def _type_failures(name: str, parquet, fields: list[dict]) -> list[Failure]:
    """A column whose Parquet type is not its field's (`Field.arrow_type`): frictionless reads the
    values, and would accept the text "5" in an integer field, so it does not see this."""
    columns = {f.name: f.type for f in parquet.schema_arrow}
    out = []
    for field in fields:
        expected, actual = Field(field).arrow_type(), columns.get(field["name"])
        if actual is not None and actual != expected:  # a missing column is frictionless's to report
            out.append(
                Failure(
                    name,
                    None,
                    field["name"],
                    "parquet_type",
                    f"the column is {actual} in Parquet; a {field['type']} field is {expected}",
                )
            )
    return out


def _file_sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _first_difference(parquet, csv_path: Path, fields: list[dict]) -> tuple[int | None, str | None, str] | None:
    """(row, field, message) of the first cell where the Parquet copy differs from the CSV, or None.
    Rows are numbered as frictionless does (the header is row 1)."""
    names = [f["name"] for f in fields]
    if parquet.schema_arrow.names != names or not csv_path.is_file():
        return None  # frictionless reports the columns; pandera the missing CSV
    types = [f["type"] for f in fields]
    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        if next(reader, None) != names:
            return None  # the CSV's own header failure is reported
        row = 1
        for batch in parquet.iter_batches(batch_size=10_000):
            for values in zip(*(batch.column(i).to_pylist() for i in range(len(names))), strict=True):
                row += 1
                cells = next(reader, None)
                if cells is None:
                    return None, None, f"has more rows than {csv_path.name}, which has {row - 2}"
                for name, ftype, value, text in zip(names, types, values, cells, strict=False):
                    if not _same_cell(value, text, ftype):
                        return row, name, f"{value!r} in the Parquet copy, {text!r} in {csv_path.name}"
        if next(reader, None) is not None:
            return None, None, f"has {row - 1} rows, fewer than {csv_path.name}"
    return None


def _same_cell(value, text: str, ftype: str) -> bool:
    """A Parquet value and a CSV cell hold the same value (a number as a number: '87.050' is 87.05)."""
    if value is None:
        return text == ""
    try:
        return float(text) == value if ftype == "number" else cell(value, ftype) == text
    except (TypeError, ValueError):  # a value of another type: frictionless reports it, and it differs
        return False


def read_articles(package_dir: Path, sources: pd.DataFrame | None, art_dir: Path | None = None) -> dict[str, str]:
    art_dir = art_dir or package_dir / "data" / "raw" / "articles"
    if sources is None or not art_dir.is_dir():
        return {}
    out = {}
    for sid in sources["source_id"]:
        p = art_dir / f"{sid}.txt"
        if p.exists():
            out[sid] = p.read_bytes().decode("utf-8", errors="replace")
    return out


def validate_package(package_dir: Path, articles_dir: Path | None = None) -> list[Failure]:
    """All failures of the package at `package_dir` (empty when valid).

    Article texts are read from `articles_dir` (default: the package's data/raw/articles).
    A package that cannot be checked raises InputError naming the file and the resource, table
    or field: no directory; a datapackage.json or Table Schema that does not parse, is outside
    what newsfacts reads (`model.descriptor`) or that frictionless refuses; a resource whose
    file is not inside the package; a table or field the consistency rules read (`READS`)
    missing or of another type.
    """
    package_dir = Path(package_dir)
    if not package_dir.is_dir():
        raise InputError("is not a directory with a datapackage.json", file=package_dir)
    if not (package_dir / "datapackage.json").exists():
        return [Failure("datapackage.json", None, None, "present", f"no datapackage.json in {package_dir}")]
    package = read_package(package_dir)
    schemas = package.schemas
    _check_rule_inputs(package, package_dir)
    failures = frictionless_failures(package_dir, package)
    pfail, typed = pandera_failures(package_dir, package)
    failures += pfail + parquet_failures(package_dir, package)
    readable = (
        len(typed) == len(schemas)
        and not any(f.rule.startswith("type:") for f in pfail)
        and all({f["name"] for f in s["fields"]} <= set(typed[t].columns) for t, s in schemas.items())
    )
    if readable:  # the consistency rules need every cell typed; until then the failures above say why not
        failures += check_consistency(typed, read_articles(package_dir, typed.get("sources"), articles_dir), schemas)
    return _once_per_cell(failures)


def _check_rule_inputs(package: Package, package_dir: Path) -> None:
    """InputError when the package lacks a table or field the consistency rules read (`READS`)."""
    missing = missing_input(package.schemas)
    if missing is None:
        return
    table, field, why = missing
    res = next((r for r in package.resources if r["name"] == table), None)  # None: the table is missing
    where = _schema_file(package_dir, res) if res is not None else package_dir / "datapackage.json"
    raise InputError(why, file=where, table=table, field=field)


def _once_per_cell(failures: list[Failure]) -> list[Failure]:
    """One failure per (table, row, field): frictionless, the type reader and pandera see the same bad cell."""
    seen, out = set(), []
    for f in failures:
        key = (f.table, f.row, f.field)
        if f.row is not None and f.field is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out
