"""`newsfacts diff OLD NEW`: what changed between two versions of the package.

Each side is a release zip, a package directory, or a git ref of this repository. Rows are
matched by primary key; schema changes are classified as breaking (MAJOR: a table or field
removed, a type changed, enum values removed) or additive (MINOR); row changes alone need
a PATCH. The command drafts the CHANGELOG entry and fails when the version bump is too
small for the change.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsfacts.errors import InputError
from newsfacts.model.package import read_package
from newsfacts.publish.loader import load
from newsfacts.publish.safezip import UnsafeZipError, extract_all, open_zip

LEVELS = {"none": 0, "patch": 1, "minor": 2, "major": 3}


@dataclass
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, tuple]] = field(default_factory=dict)


@dataclass
class PackageDiff:
    old_version: str
    new_version: str
    tables: dict[str, TableDiff]
    schema_changes: list[tuple[str, str]]  # (level, description)

    @property
    def required(self) -> str:
        levels = [lvl for lvl, _ in self.schema_changes]
        if any(t.added or t.removed or t.changed for t in self.tables.values()):
            levels.append("minor" if any(t.added for t in self.tables.values()) else "patch")
        return max(levels, key=lambda level: LEVELS[level], default="none")

    @property
    def bump(self) -> str:
        old = [int(x) for x in self.old_version.split(".")]
        new = [int(x) for x in self.new_version.split(".")]
        if new[0] > old[0]:
            return "major"
        if new[0] == old[0] and new[1] > old[1]:
            return "minor"
        if new[:2] == old[:2] and new[2] > old[2]:
            return "patch"
        return "none"


def materialise(spec: str, repo: Path, tmp: Path) -> Path:
    """A directory holding the package named by `spec` (zip, directory or git ref)."""
    path = Path(spec)
    if path.is_dir():
        if not (path / "datapackage.json").is_file():
            raise InputError(
                "no datapackage.json in this directory; give a package directory, a release zip or a git ref", file=path
            )
        return path
    if path.is_file() and path.suffix == ".zip":
        try:
            with open_zip(path) as zf:
                extract_all(zf, tmp)
        except UnsafeZipError as exc:
            raise InputError(str(exc), file=path) from None
        found = sorted(tmp.rglob("datapackage.json"), key=lambda p: len(p.parts))
        if not found:
            raise InputError("no datapackage.json in the zip", file=path)
        return found[0].parent
    commit = _commit_of(spec, repo)
    proc = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", commit, "--", "datapackage.json", "data", "schemas"],
        capture_output=True,
    )
    if proc.returncode != 0:
        raise InputError(
            f"git ref {spec!r} has no package (datapackage.json, data/, schemas/): "
            f"{proc.stderr.decode(errors='replace').strip()}"
        )
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=proc.stdout, check=True)
    return tmp


def _commit_of(spec: str, repo: Path) -> str:
    """The commit a git ref names. The user's string is never read by git as an option."""
    proc = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    commit = proc.stdout.strip()
    if proc.returncode != 0 or not commit:
        raise InputError(f"{spec!r} is not a package directory, a release zip or a git ref of {repo}")
    return commit


def _schemas(pkg: Path) -> dict[str, dict]:
    return read_package(pkg).schemas


def schema_changes(old: dict[str, dict], new: dict[str, dict]) -> list[tuple[str, str]]:
    out = []
    for t in sorted(set(old) - set(new)):
        out.append(("major", f"table `{t}` removed"))
    for t in sorted(set(new) - set(old)):
        out.append(("minor", f"table `{t}` added"))
    for t in sorted(set(old) & set(new)):
        of = {f["name"]: f for f in old[t]["fields"]}
        nf = {f["name"]: f for f in new[t]["fields"]}
        for name in sorted(set(of) - set(nf)):
            out.append(("major", f"`{t}.{name}` removed"))
        for name in sorted(set(nf) - set(of)):
            out.append(("minor", f"`{t}.{name}` added"))
        for name in sorted(set(of) & set(nf)):
            a, b = of[name], nf[name]
            if a["type"] != b["type"]:
                out.append(("major", f"`{t}.{name}` type {a['type']} → {b['type']}"))
            ea = set(a.get("constraints", {}).get("enum", []))
            eb = set(b.get("constraints", {}).get("enum", []))
            if ea - eb:
                out.append(("major", f"`{t}.{name}` enum values removed: {sorted(ea - eb)}"))
            if eb - ea and ea:
                out.append(("minor", f"`{t}.{name}` enum values added: {sorted(eb - ea)}"))
            if a.get("description") != b.get("description"):
                out.append(("patch", f"`{t}.{name}` description changed"))
        if old[t].get("primaryKey") != new[t].get("primaryKey"):
            out.append(("major", f"`{t}` primary key changed"))
    return out


def _norm(v):
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def table_diff(old: pd.DataFrame, new: pd.DataFrame, pk: str) -> TableDiff:
    o = old.set_index(pk)
    n = new.set_index(pk)
    d = TableDiff(sorted(set(n.index) - set(o.index)), sorted(set(o.index) - set(n.index)))
    common_cols = [c for c in n.columns if c in o.columns]
    for key in sorted(set(o.index) & set(n.index)):
        ch = {
            c: (_norm(o.at[key, c]), _norm(n.at[key, c]))
            for c in common_cols
            if _norm(o.at[key, c]) != _norm(n.at[key, c])
        }
        if ch:
            d.changed[key] = ch
    return d


def diff_packages(old_spec: str, new_spec: str, repo: Path) -> PackageDiff:
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        old_dir = materialise(old_spec, repo, Path(a))
        new_dir = materialise(new_spec, repo, Path(b))
        old_s, new_s = _schemas(old_dir), _schemas(new_dir)
        old_t, new_t = load(old_dir), load(new_dir)
        versions = [json.loads((p / "datapackage.json").read_text("utf-8"))["version"] for p in (old_dir, new_dir)]
    tables = {}
    for t in new_s:
        if t in old_s:
            pk = new_s[t]["primaryKey"][0]
            tables[t] = table_diff(old_t[t], new_t[t], pk)
    return PackageDiff(versions[0], versions[1], tables, schema_changes(old_s, new_s))


def render(d: PackageDiff, limit: int = 20) -> str:
    lines = [
        f"## {d.new_version}",
        "",
        f"Compared with {d.old_version}. Change needs at least a "
        f"{d.required.upper()} bump; the version bump is {d.bump.upper()}.",
        "",
    ]
    lines.append("Data:")
    for t, td in d.tables.items():
        if td.added or td.removed or td.changed:
            lines.append(f"- `{t}`: {len(td.added)} added, {len(td.removed)} removed, {len(td.changed)} changed")
            for key in td.added[:limit]:
                lines.append(f"  - added `{key}`")
            for key in td.removed[:limit]:
                lines.append(f"  - removed `{key}`")
            for key, ch in list(td.changed.items())[:limit]:
                lines.append(f"  - changed `{key}`: " + "; ".join(f"{c}: {a!r} → {b!r}" for c, (a, b) in ch.items()))
    if all(not (td.added or td.removed or td.changed) for td in d.tables.values()):
        lines.append("- no row changes")
    lines += ["", "Schemas:"]
    lines += [f"- {desc} ({lvl})" for lvl, desc in d.schema_changes] or ["- no schema changes"]
    return "\n".join(lines) + "\n"
