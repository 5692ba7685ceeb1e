"""Validate a data package: frictionless, pandera (derived from the schemas) and consistency rules."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml
from frictionless import Package, system

from newsfacts.consistency import Failure, check_consistency
from newsfacts.schemas import pandera_schema, typed_column


def frictionless_failures(package_dir: Path) -> list[Failure]:
    """Every frictionless error of the package (no limit on their number)."""
    with system.use_context(trusted=False):
        report = Package(str(package_dir / "datapackage.json")).validate(limit_errors=10**9)
    out = []
    for task in report.tasks:
        for err in task.errors:
            out.append(Failure(task.name or task.resource.name, getattr(err, "row_number", None),
                               getattr(err, "field_name", None), f"frictionless:{err.type}", err.message))
    for err in report.errors:
        out.append(Failure("datapackage.json", None, None, f"frictionless:{err.type}", err.message))
    return out


def _schemas_of(package_dir: Path) -> dict[str, dict]:
    desc = json.loads((package_dir / "datapackage.json").read_text("utf-8"))
    out = {}
    for res in desc["resources"]:
        schema = res["schema"]
        out[res["name"]] = yaml.safe_load((package_dir / schema).read_text("utf-8")) if isinstance(schema, str) else schema
    return out


def pandera_failures(package_dir: Path, schemas: dict[str, dict]) -> tuple[list[Failure], dict[str, pd.DataFrame]]:
    """pandera checks per table; also the typed tables for the consistency rules."""
    out, typed = [], {}
    for name, schema in schemas.items():
        raw = pd.read_csv(package_dir / "data" / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
        frame = raw.copy()
        for field in schema["fields"]:
            if field["name"] not in raw:
                continue  # a missing column is reported by pandera (strict schema)
            frame[field["name"]], bad = typed_column(raw[field["name"]], field, categorical=False)
            for i in bad[bad].index:
                out.append(Failure(name, int(i) + 2, field["name"], f"type:{field['type']}",
                                   f"{raw.at[i, field['name']]!r} is not a valid {field['type']}"))
        try:
            pandera_schema(name, schema).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            for case in exc.failure_cases.itertuples():
                idx = case.index
                row = int(idx) + 2 if isinstance(idx, (int, float)) and not pd.isna(idx) else None
                out.append(Failure(name, row, case.column if isinstance(case.column, str) else None,
                                   f"pandera:{case.check}", f"failure case {case.failure_case!r}"))
        typed[name] = frame
    return out, typed


def read_articles(package_dir: Path, sources: pd.DataFrame | None) -> dict[str, str]:
    art_dir = package_dir / "data" / "raw" / "articles"
    if sources is None or not art_dir.is_dir():
        return {}
    out = {}
    for sid in sources["source_id"]:
        p = art_dir / f"{sid}.txt"
        if p.exists():
            out[sid] = p.read_bytes().decode("utf-8", errors="replace")
    return out


def validate_package(package_dir: Path) -> list[Failure]:
    """All failures of the package at `package_dir` (empty when valid)."""
    package_dir = Path(package_dir)
    if not (package_dir / "datapackage.json").exists():
        return [Failure("datapackage.json", None, None, "present", f"no datapackage.json in {package_dir}")]
    failures = frictionless_failures(package_dir)
    schemas = _schemas_of(package_dir)
    pfail, typed = pandera_failures(package_dir, schemas)
    failures += pfail
    if len(typed) == len(schemas):
        failures += check_consistency(typed, read_articles(package_dir, typed.get("sources")), schemas)
    return failures
