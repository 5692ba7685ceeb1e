"""newsfacts: news articles about the 2022 annexation referendums as a validated data package."""

__version__ = "0.2.0"

from newsfacts.publish.loader import load, with_context  # noqa: E402  (public API)

__all__ = ["__version__", "load", "with_context"]
