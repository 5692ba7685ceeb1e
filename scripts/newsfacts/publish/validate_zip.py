"""`newsfacts validate x.zip`: a release zip validated as it was downloaded."""

from __future__ import annotations

import tempfile
from pathlib import Path

from newsfacts.errors import InputError
from newsfacts.package.consistency import Failure
from newsfacts.package.validate import validate_package
from newsfacts.publish.safezip import extract_all, open_zip


def validate_release_zip(zip_path: Path) -> list[Failure]:
    """`validate_package` of a release zip: its members are checked and extracted to a temporary
    directory (no member can land outside it; releases before 0.2.0 hold the package in one
    top-level folder). An InputError names the zip and the member (`x.zip/schemas/…`)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        extract_all(open_zip(zip_path), root)
        found = sorted(d.parent for d in root.rglob("datapackage.json"))
        if len(found) != 1:
            raise InputError(f"{len(found)} datapackage.json files in the zip, not one", file=zip_path)
        try:
            return validate_package(found[0])
        except InputError as exc:
            where = exc.file
            if where is not None and Path(where).is_relative_to(root):
                where = f"{zip_path}/{Path(where).relative_to(root).as_posix()}"
            raise InputError(
                exc.message, file=where, line=exc.line, table=exc.table, row=exc.row, field=exc.field
            ) from None
