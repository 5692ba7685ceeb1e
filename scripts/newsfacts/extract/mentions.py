"""Mentions: every occurrence of a registered actor's name or alias."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsfacts.extract.segment import nlp

APOSTROPHES = ("'", "’", "‘")


@dataclass(frozen=True)
class Alias:
    actor_id: str
    text: str
    sources: tuple[str, ...] | None  # None: valid in every article


def spell_variants(alias: str) -> set[str]:
    """The alias with each kind of apostrophe the texts use."""
    out = {alias}
    for a in APOSTROPHES:
        if a in alias:
            out |= {alias.replace(a, b) for b in APOSTROPHES}
    return out


def aliases_of(actors: list[dict]) -> list[Alias]:
    """Every alias (and the canonical name) of every actor."""
    out = []
    for actor in actors:
        scope = actor.get("alias_sources")
        name = actor["name"].removeprefix("The ")  # "the Kremlin": the article is not part of the name
        names = [name, *actor.get("aliases", [])]
        for name in dict.fromkeys(names):
            out.append(Alias(actor["actor_id"], name, tuple(scope) if scope else None))
    return out


@lru_cache(maxsize=8)
def _matcher(aliases: tuple[Alias, ...]) -> tuple[PhraseMatcher, dict[int, Alias]]:
    """The phrase matcher of the aliases, and the alias of each match id."""
    matcher = PhraseMatcher(nlp().vocab, attr="ORTH")
    by_id = {}
    for i, alias in enumerate(aliases):
        matcher.add(str(i), [nlp().make_doc(v) for v in sorted(spell_variants(alias.text))])
        by_id[nlp().vocab.strings[str(i)]] = alias
    return matcher, by_id


_last: tuple = (None, None)  # the aliases of the last call and their matcher (hashing the tuple costs more)


def find_mentions(doc: Doc, source_id: str, aliases: tuple[Alias, ...]) -> list[tuple[Span, str]]:
    """(span, actor_id) for each alias occurrence in `doc`, longest match first."""
    global _last
    last = _last
    if last[0] is not aliases:
        last = _last = (aliases, _matcher(aliases))
    matcher, by_id = last[1]
    spans = []
    for match_id, start, end in matcher(doc):
        alias = by_id[match_id]
        if alias.sources is not None and source_id not in alias.sources:
            continue
        spans.append(Span(doc, start, end, label=alias.actor_id))
    return [(s, s.label_) for s in filter_spans(spans)] if spans else []
