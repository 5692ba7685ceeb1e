"""Every alias occurrence in the texts yields a mention; aliases match as whole tokens."""

import re

import yaml

from conftest import ROOT
from newsfacts.extract.article import analyse
from newsfacts.extract.mentions import aliases_of, spell_variants
from newsfacts.extract.segment import segments


def _registry():
    return yaml.safe_load((ROOT / "data/raw/actors.yaml").read_text("utf-8"))["actors"]


def test_every_alias_occurrence_yields_a_mention(built_tables):
    """Each whole-word alias occurrence outside boilerplate is covered by a mention of its actor."""
    actors = _registry()
    mentions = built_tables["mentions"]
    for sid in built_tables["sources"]["source_id"]:
        text = (ROOT / "data/raw/articles" / f"{sid}.txt").read_text("utf-8")
        segs = segments(text)
        ours = mentions[mentions.source_id == sid]
        for actor in actors:
            if actor.get("alias_sources") and sid not in actor["alias_sources"]:
                continue
            for alias in actor.get("aliases", []):
                for variant in spell_variants(alias):
                    for m in re.finditer(rf"(?<![\w.-]){re.escape(variant)}(?![\w-])", text):
                        if not any(s.start <= m.start() < s.end for s in segs):
                            continue  # boilerplate
                        covering = ours[(ours.start_char <= m.start()) & (ours.end_char >= m.end())]
                        assert len(covering), f"{sid}: {variant!r} at {m.start()} has no mention"


def test_longest_alias_wins_and_apostrophes_are_equivalent():
    actors = [
        {"actor_id": "russia", "name": "Russia", "aliases": ["Russia"]},
        {"actor_id": "ministry", "name": "Foreign ministry", "aliases": ["Ukraine's foreign ministry"]},
        {"actor_id": "ukraine", "name": "Ukraine", "aliases": ["Ukraine"]},
    ]
    text = "In Kyiv, Ukraine‘s foreign ministry and Ukraine’s army spoke of Russia."
    art = analyse("t", text, tuple(aliases_of(actors)))
    got = [(m.text, m.actor_id) for m in art.mentions]
    assert got == [("Ukraine‘s foreign ministry", "ministry"), ("Ukraine", "ukraine"), ("Russia", "russia")]


def test_alias_does_not_match_inside_a_longer_word():
    actors = [{"actor_id": "un", "name": "United Nations", "aliases": ["UN"]}]
    art = analyse("t", "UNICEF and the UNHCR spoke; the UN did not.", tuple(aliases_of(actors)))
    assert [m.text for m in art.mentions] == ["UN"]


def test_alias_scoped_to_sources():
    actors = [{"actor_id": "leonid", "name": "Leonid", "aliases": ["Leonid"], "alias_sources": ["a"]}]
    al = tuple(aliases_of(actors))
    assert [m.text for m in analyse("a", "Leonid spoke.", al).mentions] == ["Leonid"]
    assert analyse("b", "Leonid spoke.", al).mentions == []
