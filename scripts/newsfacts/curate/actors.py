"""The model of data/raw/actors.yaml: the actor registry."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from newsfacts.curate.base import Strict, parse
from newsfacts.yamlio import read_yaml


class Actor(Strict):
    actor_id: str
    name: str
    actor_type: str
    title: str | None = None
    country_code: str | None = None
    parent_id: str | None = None
    wikidata_id: str | None = None
    aliases: list[str] = Field(default_factory=list)
    alias_sources: list[str] | None = None


class ActorsFile(Strict):
    actors: list[Actor]


def read_actors_file(path: Path) -> ActorsFile:
    return parse(ActorsFile, read_yaml(path), path)
