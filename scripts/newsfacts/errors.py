"""Errors that name where bad input was found."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input, located by file and line, or by table, row and field.

    A ValueError, like the errors it replaced (`newsfacts.load` raised ValueError for a value its field
    cannot hold; json, UTF-8 and CSV parsing errors are ValueErrors): a caller catching ValueError
    catches it."""

    def __init__(self, message: str, *, file=None, line=None, table=None, row=None, field=None):
        self.message = message
        self.file, self.line = file, line
        self.table, self.row, self.field = table, row, field
        super().__init__(self.location() + message)

    def location(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"{self.file}" + (f":{self.line}" if self.line is not None else ""))
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        return (", ".join(parts) + ": ") if parts else ""


class IntegrityError(ValueError):
    """A package file does not match the hash that the package records for it (importable from
    `newsfacts.publish.loader` too, where it is raised)."""
