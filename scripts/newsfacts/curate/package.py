"""The model of data/raw/package.yaml: package-level metadata for datapackage.json."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from newsfacts.curate.base import Strict, parse
from newsfacts.yamlio import read_yaml


class License(Strict):
    name: str
    title: str | None = None
    path: str | None = None


class Contributor(Strict):
    title: str
    role: str | None = None
    email: str | None = None
    path: str | None = None


class PackageMeta(Strict):
    name: str
    title: str
    description: str
    homepage: str | None = None
    licenses: list[License] = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    contributors: list[Contributor] = Field(default_factory=list)


def read_package_file(path: Path) -> PackageMeta:
    return parse(PackageMeta, read_yaml(path), path)
