"""Row ids and slugs: the one place their grammar is written.

Row ids of span tables are `<source_id>:<letter>:<start>-<end>[:<suffix>]`; the letter
names the table.
"""

from __future__ import annotations

import re

# The span tables the extractor proposes, keyed by the letter their row ids carry.
ID_LETTERS = {"m": "mentions", "q": "quotes", "c": "claims", "f": "figures"}
LETTER_OF = {table: letter for letter, table in ID_LETTERS.items()}
SPAN_TABLES = tuple(ID_LETTERS.values())


def row_id_pattern(letter: str) -> str:
    """The regular expression every row id of the table with `letter` matches (its schema's pattern)."""
    return f"^[a-z0-9-]+:{letter}:[0-9]+-[0-9]+(:[a-z0-9-]+)?$"


def row_id(source_id: str, letter: str, start: int, end: int, suffix: str | None = None) -> str:
    base = f"{source_id}:{letter}:{start}-{end}"
    return f"{base}:{suffix}" if suffix else base


def table_of_id(rid: str) -> str | None:
    """The span table a row id belongs to, or None when it is not a row id."""
    parts = str(rid).split(":")
    return ID_LETTERS.get(parts[1]) if len(parts) >= 3 else None


def suffix_of(rid: str) -> str | None:
    """The suffix of a row id (`...:<start>-<end>:<suffix>`), None when it has none."""
    parts = str(rid).split(":")
    return parts[3] if len(parts) > 3 else None


def slugify(name: str) -> str:
    """Lowercase ASCII slug: letters and digits joined by single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# The claim types whose `stance` is coded (legitimacy and annexation claims); every other claim has
# no stance. Used by the extractor and by the consistency rule that checks it.
STANCE_CLAIM_TYPES = ("legitimacy", "annexation_process")
