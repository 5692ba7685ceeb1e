"""Cut a reproducible release zip: dist/<name>-<version>.zip with a SHA256SUMS inside."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

from newsfacts import __version__
from newsfacts.errors import InputError
from newsfacts.schemas import load_schemas

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EXTRA_FILES = ("LICENSE", "LICENSE-DATA", "CHANGELOG.md", "CITATION.cff")


def changelog_version(root: Path) -> str | None:
    """The version of the newest CHANGELOG entry ("## 1.2.3")."""
    m = re.search(r"^## \[?(\d+\.\d+\.\d+)\]?", (root / "CHANGELOG.md").read_text("utf-8"), re.M)
    return m.group(1) if m else None


def data_readme(desc: dict, schemas: dict[str, dict]) -> str:
    """The README shipped inside the zip: what it is, tables, licence, citation."""
    lines = [f"# {desc['title']}", "", f"Version {desc['version']}.", "", " ".join(desc["description"].split()), "",
             "## Tables", ""]
    for name, schema in schemas.items():
        lines.append(f"- `data/{name}.csv` — {schema.get('title', name)}: {' '.join(schema.get('description', '').split())}")
    lines += ["", "Field definitions: `schemas/<table>.schema.yaml` (Frictionless Table Schemas).",
              "Validate with `frictionless validate datapackage.json`.", "", "## Licence", "",
              "Derived data: CC BY 4.0 (LICENSE-DATA). The article texts are not included; `sources.csv`",
              "carries their SHA-256 hashes.", "", "## Citation", "",
              f"newsfacts contributors ({desc['name']}), version {desc['version']}. See CITATION.cff.", ""]
    return "\n".join(lines)


def release_files(root: Path) -> dict[str, bytes]:
    desc = json.loads((root / "datapackage.json").read_text("utf-8"))
    if desc["version"] != __version__:
        raise InputError(f"datapackage.json has version {desc['version']} but the package is {__version__}; "
                         "run `newsfacts build`", file=root / "datapackage.json")
    cv = changelog_version(root)
    if cv != __version__:
        raise InputError(f"the newest CHANGELOG entry is {cv}, not {__version__}", file=root / "CHANGELOG.md")
    schemas = load_schemas(root / "schemas")
    # the article texts stay out of the release, so its sources point at no file
    shipped = dict(desc, sources=[{k: v for k, v in s.items() if k != "path"} for s in desc.get("sources", [])])
    files = {"datapackage.json": (json.dumps(shipped, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
             "README.md": data_readme(desc, schemas).encode("utf-8")}
    for res in desc["resources"]:
        files[res["path"]] = (root / res["path"]).read_bytes()
        files[res["schema"]] = (root / res["schema"]).read_bytes()
    for name in EXTRA_FILES:
        if (root / name).exists():
            files[name] = (root / name).read_bytes()
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in sorted(files.items()))
    files["SHA256SUMS"] = sums.encode("utf-8")
    return files


def write_zip(path: Path, files: dict[str, bytes], prefix: str) -> None:
    """A byte-for-byte reproducible zip: sorted members, fixed times and permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    tmp.replace(path)


def release(root: Path) -> Path:
    desc = json.loads((root / "datapackage.json").read_text("utf-8"))
    stem = f"{desc['name']}-{__version__}"
    out = root / "dist" / f"{stem}.zip"
    write_zip(out, release_files(root), stem)
    return out
