"""Typed, strict models of the curated inputs (sources, actors, package metadata, reviews).

Each input file is parsed once, before anything uses it; see `base.parse` for the errors.
"""

from newsfacts.curate.actors import Actor, ActorsFile, read_actors_file
from newsfacts.curate.base import Strict, parse, value_problem
from newsfacts.curate.package import PackageMeta, read_package_file
from newsfacts.curate.review import Add, Amend, Reject, Review, read_review
from newsfacts.curate.sources import Source, SourcesFile, read_sources_file

__all__ = [
    "Actor",
    "ActorsFile",
    "Add",
    "Amend",
    "PackageMeta",
    "Reject",
    "Review",
    "Source",
    "SourcesFile",
    "Strict",
    "parse",
    "read_actors_file",
    "read_package_file",
    "read_review",
    "read_sources_file",
    "value_problem",
]
