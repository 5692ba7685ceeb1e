"""The extractor: one article's text in, candidate rows out. Stages, in pipeline order:

segment (paragraphs, sentences, tokens) → quotes (quotation-marked spans) → mentions
(registry aliases) → names (people and organisations found in the text itself) →
attribution (who said it) → classify (quote kind, claim type, stance, dates) → numbers →
places → figures; `pipeline.extract` runs them for one article.

Importing this package loads nothing heavy: `newsfacts.extract.segment` (used by reviews)
needs no spaCy; `extract` is imported on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from newsfacts.extract.pipeline import extract

        return extract
    raise AttributeError(name)
