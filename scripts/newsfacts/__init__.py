"""newsfacts: news articles about the 2022 annexation referendums as a validated data package."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.3.4"

__all__ = ["__version__", "load", "with_context"]

if TYPE_CHECKING:
    from newsfacts.publish.loader import load, with_context


def __getattr__(name: str) -> Any:
    """The reader's API (`newsfacts.load`, `newsfacts.with_context`), imported on first use: every stage
    imports `__version__` from here, and none of them should load the reader (pandas) through it."""
    if name in ("load", "with_context"):
        from newsfacts.publish import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'newsfacts' has no attribute {name!r}")
