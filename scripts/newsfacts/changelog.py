"""CHANGELOG.md: the version and date of its entries (read by the build and by the release)."""

from __future__ import annotations

import re
from pathlib import Path


def changelog_version(root: Path) -> str | None:
    """The version of the newest CHANGELOG entry ("## 1.2.3")."""
    m = re.search(r"^## \[?(\d+\.\d+\.\d+)\]?", (root / "CHANGELOG.md").read_text("utf-8"), re.M)
    return m.group(1) if m else None


def changelog_entry(root: Path, version: str) -> str | None:
    """The text of the CHANGELOG entry of `version`, or None."""
    text = (root / "CHANGELOG.md").read_text("utf-8")
    m = re.search(rf"^## \[?{re.escape(version)}\]?[^\n]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    return m.group(1).strip() if m else None


def changelog_date(root: Path, version: str) -> str | None:
    """The date written on the CHANGELOG heading of `version` ("## 0.2.0 — 2026-11-27")."""
    path = root / "CHANGELOG.md"
    if not path.exists():
        return None
    m = re.search(
        rf"^## \[?{re.escape(version)}\]?\s*(?:—|–|-|\()\s*(\d{{4}}-\d{{2}}-\d{{2}})", path.read_text("utf-8"), re.M
    )
    return m.group(1) if m else None
