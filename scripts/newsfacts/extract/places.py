"""Find place names in text and give their ISO 3166 codes, looked up in pycountry."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pycountry
import yaml


def _subdivision_code(name: str) -> str:
    matches = [s for s in pycountry.subdivisions if s.name == name]
    if len(matches) != 1:
        raise LookupError(f"vocab/places.yaml: {name!r} is not exactly one ISO 3166-2 subdivision name")
    return matches[0].code


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Place name as written -> ISO 3166 code."""
    vocab = yaml.safe_load(resources.files("newsfacts.extract").joinpath("vocab/places.yaml").read_text("utf-8"))
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value] = country.alpha_2
    for official, variants in vocab["countries"].items():
        code = pycountry.countries.lookup(official).alpha_2
        for v in variants:
            names[v] = code
    for official, variants in vocab["subdivisions"].items():
        code = _subdivision_code(official)
        for v in variants:
            names[v] = code
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    alts = sorted(gazetteer(), key=len, reverse=True)
    # a match starts with "the " or a place name: the lookahead rejects every other position at once
    # instead of trying each of the names there
    first = re.escape("".join(sorted({a[0] for a in alts} | {"t"})))
    return re.compile(
        rf"(?=[{first}])(?<![\w-])(?:the )?("
        + "|".join(re.escape(a) for a in alts)
        + r")(?:\s+(?:region|province|oblast))?(?![\w-])"
    )


def find_places(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, text as written, ISO code) for every known place in text[start:end]."""
    end = len(text) if end is None else end
    out = []
    for m in _pattern().finditer(text, start, end):
        out.append((m.start(), m.end(), m.group(0), gazetteer()[m.group(1)]))
    return out


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """The names of every ISO 3166-2 subdivision (states, provinces, regions: "New York",
    "Queensland", "Punjab"), as pycountry spells them: a name that is one of them is a place.
    Only the kind of a name is looked up here; `find_places` keeps to the gazetteer, whose
    places are coded."""
    return frozenset(s.name for s in pycountry.subdivisions)
