"""`newsfacts diff OLD NEW`: what changed between two versions of the package.

Each side is a release zip, a package directory, or a git ref of this repository. Rows are
matched by the new version's primary key (all its fields; the old version's table must have
them, and the key must be unique on both sides, else the diff is refused: one located error).
Schema changes are classified as breaking (MAJOR: a table or field removed, a type changed,
enum values removed, the primary key changed), additive (MINOR), or a correction of a
table's or field's description (PATCH); row changes alone need a PATCH. The command drafts
the CHANGELOG entry and fails when the version bump is too small for the change.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsfacts.errors import InputError
from newsfacts.model.descriptor import schema_member
from newsfacts.model.package import Package, read_package
from newsfacts.publish.loader import load
from newsfacts.publish.safezip import UnsafeZipError, extract_all, open_zip

LEVELS = {"none": 0, "patch": 1, "minor": 2, "major": 3}


@dataclass
class TableDiff:
    """Rows by key: the value of a primary key of one field, the tuple of the values of a longer one."""

    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: dict[object, dict[str, tuple]] = field(default_factory=dict)


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


@dataclass(frozen=True)
class _Side:
    """One version: what `spec` named, read from the directory `root`."""

    spec: str
    root: Path
    package: Package
    tables: dict[str, pd.DataFrame]

    def where(self, member: str) -> str:
        """A package file as the user finds it: in the directory, the zip (zip/member) or the git ref (ref:member)."""
        spec = Path(self.spec)
        if spec.is_dir():
            return str(spec / member)
        return f"{self.spec}/{member}" if spec.is_file() and spec.suffix == ".zip" else f"{self.spec}:{member}"

    def resource(self, table: str) -> dict:
        return next(r for r in self.package.resources if r["name"] == table)

    @property
    def version(self) -> str:
        version = self.package.descriptor.get("version")
        if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+\.\d+", version):
            raise InputError(
                f"the version is {version!r}, not MAJOR.MINOR.PATCH; newsfacts diff checks the version bump",
                file=self.where("datapackage.json"),
            )
        return version


def _read_side(spec: str, repo: Path, tmp: Path) -> _Side:
    root = materialise(spec, repo, tmp)
    return _Side(spec, root, read_package(root), load(root))


def _key_text(key: list[str] | None) -> str:
    return "none" if key is None else "[" + ", ".join(key) + "]"


def field_changes(where: str, a: dict, b: dict) -> list[tuple[str, str]]:
    """(level, description) of each change of one field (`where` is `table.field`)."""
    out = []
    if a["type"] != b["type"]:
        out.append(("major", f"`{where}` type {a['type']} → {b['type']}"))
    ea = set(a.get("constraints", {}).get("enum", []))
    eb = set(b.get("constraints", {}).get("enum", []))
    if ea - eb:
        out.append(("major", f"`{where}` enum values removed: {sorted(ea - eb)}"))
    if eb - ea and ea:
        out.append(("minor", f"`{where}` enum values added: {sorted(eb - ea)}"))
    if a.get("description") != b.get("description"):
        out.append(("patch", f"`{where}` description changed"))
    return out


def schema_changes(old: dict[str, dict], new: dict[str, dict]) -> list[tuple[str, str]]:
    out = []
    for t in sorted(set(old) - set(new)):
        out.append(("major", f"table `{t}` removed"))
    for t in sorted(set(new) - set(old)):
        out.append(("minor", f"table `{t}` added"))
    for t in sorted(set(old) & set(new)):
        if old[t].get("description") != new[t].get("description"):
            out.append(("patch", f"table `{t}` description changed"))
        of = {f["name"]: f for f in old[t]["fields"]}
        nf = {f["name"]: f for f in new[t]["fields"]}
        for name in sorted(set(of) - set(nf)):
            out.append(("major", f"`{t}.{name}` removed"))
        for name in sorted(set(nf) - set(of)):
            out.append(("minor", f"`{t}.{name}` added"))
        for name in sorted(set(of) & set(nf)):
            out += field_changes(f"{t}.{name}", of[name], nf[name])
        old_key, new_key = old[t].get("primaryKey"), new[t].get("primaryKey")  # lists: read_package's
        if old_key != new_key:
            out.append(("major", f"`{t}` primary key changed: {_key_text(old_key)} → {_key_text(new_key)}"))
    return out


def _norm(v):
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def table_diff(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> TableDiff:
    """The rows of `new` added, removed and changed since `old`, matched by the fields `key` (unique in both)."""
    o = old.set_index(key if len(key) > 1 else key[0])
    n = new.set_index(key if len(key) > 1 else key[0])
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


def row_key(table: str, old: _Side, new: _Side) -> list[str]:
    """The fields the rows of `table` are matched by: the new version's primaryKey, which the old has."""
    key = new.package.schemas[table].get("primaryKey")
    if key is None:
        raise InputError(
            "no primaryKey; newsfacts diff matches the rows of the two versions by the primary key of the new "
            "one: give the table a primaryKey",
            file=new.where(schema_member(new.resource(table))),
            table=table,
        )
    fields = [f["name"] for f in old.package.schemas[table]["fields"]]
    for name in key:
        if name not in fields:
            raise InputError(
                f"no field {name}, which the new version's primaryKey {_key_text(key)} matches rows by",
                file=old.where(schema_member(old.resource(table))),
                table=table,
            )
    for side in (old, new):
        frame = side.tables[table]
        twice = frame[frame.duplicated(key, keep=False)]
        if len(twice):
            first = tuple(twice[key].iloc[0])
            value = first[0] if len(key) == 1 else first
            count = int((frame[key] == twice[key].iloc[0]).all(axis=1).sum())
            raise InputError(
                f"the primaryKey {_key_text(key)} is not unique ({value!r} is on {count} rows); "
                "rows cannot be matched by it",
                file=side.where(side.resource(table)["path"]),
                table=table,
            )
    return key


def diff_packages(old_spec: str, new_spec: str, repo: Path) -> PackageDiff:
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        old, new = _read_side(old_spec, repo, Path(a)), _read_side(new_spec, repo, Path(b))
    old_s, new_s = old.package.schemas, new.package.schemas
    tables = {t: table_diff(old.tables[t], new.tables[t], row_key(t, old, new)) for t in new_s if t in old_s}
    return PackageDiff(old.version, new.version, tables, schema_changes(old_s, new_s))


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
