"""Attacks: bad inputs and faults a hostile new user can produce (issue 10).

Each row of ATTACKS mutates a cheap copy of the built project (see conftest `built`), runs
one command in-process and expects: its exit code, ONE line on stderr for an input error
(exit 2), the message fragments that say where and what, and every file of the project
byte-identical afterwards (no output changed, no staging directory or `.tmp` left).
The extractor is memoised per module, so a row costs a copy and at most one validation.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from newsfacts.cli import main

R = "data/raw/reviews/upi-2022-09-28.yaml"
C = "data/raw/reviews/cnn-2022-09-29.yaml"
S = "data/raw/sources.yaml"
A = "data/raw/actors.yaml"
P = "data/raw/package.yaml"
ART = "data/raw/articles/afp-undated.txt"
UPI_SHA = "135ec3c96c7e6cbe298e686ae44bd302a53fca7015c97ae04a78850f97f805f8"
Mutation = Callable[[Path, pytest.MonkeyPatch], None]


def _lines(rel: str) -> int:
    return len((ROOT / rel).read_text("utf-8").splitlines())


def _line_of(rel: str, needle: str) -> int:
    return next(i for i, line in enumerate((ROOT / rel).read_text("utf-8").splitlines(), 1) if needle in line)


def _regex(path: Path, pattern: str, new: str) -> None:
    import re

    text, n = re.subn(pattern, new, path.read_text("utf-8"), count=1)
    assert n == 1, f"attack setup: {pattern!r} not in {path}"
    path.write_text(text, "utf-8")


def sub(rel: str, old: str, new: str) -> Mutation:
    def mutate(root: Path, mp) -> None:
        text = (root / rel).read_text("utf-8")
        assert old in text, f"attack setup: {old!r} not in {rel}"
        (root / rel).write_text(text.replace(old, new, 1), "utf-8")

    return mutate


def add_reject(rel: str, entry: str) -> Mutation:
    """One more entry, first in the review's `reject:` list (an empty `reject: []` included)."""

    def mutate(root: Path, mp) -> None:
        text = (root / rel).read_text("utf-8")
        if "\nreject: []\n" in text:
            text = text.replace("\nreject: []\n", "\nreject:\n" + entry, 1)
        else:
            assert "\nreject:\n" in text, f"attack setup: no reject list in {rel}"
            text = text.replace("\nreject:\n", "\nreject:\n" + entry, 1)
        (root / rel).write_text(text, "utf-8")

    return mutate


def append(rel: str, text: str) -> Mutation:
    def mutate(root: Path, mp) -> None:
        with (root / rel).open("a", encoding="utf-8") as f:
            f.write(text)

    return mutate


def append_bytes(rel: str, data: bytes) -> Mutation:
    def mutate(root: Path, mp) -> None:
        with (root / rel).open("ab") as f:
            f.write(data)

    return mutate


def put(rel: str, data: str | bytes) -> Mutation:
    def mutate(root: Path, mp) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return mutate


def remove(rel: str) -> Mutation:
    return lambda root, mp: (root / rel).unlink()


def fault(target: str, exc: BaseException, when: Callable[..., bool] = lambda *a: True) -> Mutation:
    """Patch `module.function` to raise `exc` when `when(*args)` holds (else behave normally)."""
    owner, name = target.rsplit(".", 1)

    def mutate(root: Path, mp) -> None:
        import importlib

        mod = importlib.import_module(owner)
        real = getattr(mod, name)

        def broken(*args, **kwargs):
            if when(*args):
                raise exc
            return real(*args, **kwargs)

        mp.setattr(mod, name, broken)

    return mutate


def descriptor(change: Callable[[dict], object]) -> Mutation:
    """datapackage.json as `change` leaves it (given the parsed descriptor, it changes it in place)."""

    def mutate(root: Path, mp) -> None:
        import json

        path = root / "datapackage.json"
        desc = json.loads(path.read_text("utf-8"))
        change(desc)
        path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", "utf-8")

    return mutate


def resource(which: str, /, **keys) -> Mutation:
    """The resource named `which` in datapackage.json with `keys` set (a key set to None is removed)."""

    def change(desc: dict) -> None:
        res = next(r for r in desc["resources"] if r["name"] == which)
        for key, value in keys.items():
            if value is None:
                res.pop(key, None)
            else:
                res[key] = value

    return descriptor(change)


def replace_fails(err: int, on: str) -> Mutation:
    """os.replace into the project fails for targets whose path contains `on` (a locked or read-only file)."""

    def mutate(root: Path, mp) -> None:
        real = os.replace

        def replace(src, dst):
            if on in str(dst) and ".newsfacts-build-" not in str(dst):
                raise PermissionError(err, os.strerror(err), str(src), None, str(dst))
            return real(src, dst)

        mp.setattr(os, "replace", replace)

    return mutate


@dataclass(frozen=True)
class Attack:
    name: str
    mutate: Mutation
    says: tuple[str, ...]
    argv: tuple[str, ...] = ("build",)
    code: int = 2


def bomb(depth: int = 9) -> str:
    lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


V = ("validate", "{root}")
QS = "schemas/quotes.schema.yaml"
UPI_END = _lines(R)
AMEND_DISPLACEMENT = _line_of(R, "id: upi-2022-09-28:c:2105-2220")
AMEND_SAID_DATE = _line_of(C, "id: cnn-2022-09-29:c:1254-1415")
AMEND_KEY = _line_of(R, "amend:")
REJECT_KEY = _line_of(R, "reject:")  # the review rejects candidates: attacks add to that list
# the displacement amendment's place in the `amend:` list (messages name it as amend[N])
DISPLACEMENT_AT = [a["id"] for a in yaml.safe_load((ROOT / R).read_text("utf-8"))["amend"]].index(
    "upi-2022-09-28:c:2105-2220"
)
FIRST_ADD = _line_of(R, "- table: claims")
WESTERN_SET = _line_of(R, "claimant_id: western-governments")
TOKAYEV_SET = _line_of(R, "claimant_id: kassym-jomart-tokayev")
TOKAYEV_ADD = max(
    i
    for i, line in enumerate((ROOT / R).read_text("utf-8").splitlines(), 1)
    if line.startswith("- table:") and i < TOKAYEV_SET
)
UPI_SOURCE = _line_of(S, "source_id: upi-2022-09-28")
UPI_OUTLET = _line_of(S, "    outlet: UPI")
UPI_DATE = _line_of(S, "    published_date: 2022-09-28")
UPI_HEADLINE = UPI_SOURCE + 4
UPI_LANGUAGE = _line_of(S, "    language: en")
LEONID = _line_of(A, "actor_id: leonid,")
ACTORS_END = _lines(A)
NEW_ACTOR = "  - {actor_id: leo-impostor, name: Leo Impostor, actor_type: person, aliases: [Leonid]}\n"

ATTACKS = [
    # --- reviews: duplicate and unknown keys, non-booleans, wrong shapes ---
    Attack(
        "review: second amend key",
        append(R, "amend: []\n"),
        (f"upi-2022-09-28.yaml:{UPI_END + 1}", f"duplicate key 'amend' (first at line {AMEND_KEY})"),
    ),
    Attack(
        "review: duplicate key in an item",
        sub(R, "  set: {claim_type: displacement}\n", "  set: {claim_type: displacement}\n  set: {}\n"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 2}", "duplicate key 'set'"),
    ),
    Attack(
        "review: duplicate key in a set mapping",
        sub(R, "set: {claim_type: displacement}", "set: {claim_type: displacement, claim_type: other}"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}", "duplicate key 'claim_type'"),
    ),
    Attack(
        "review: sett for set",
        sub(R, "  set: {claim_type: displacement}", "  sett: {claim_type: displacement}"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}", "unknown key 'sett'", "allowed keys are id, set, reason"),
    ),
    Attack(
        "review: unknown top-level key",
        append(R, "rejects: []\n"),
        (f"upi-2022-09-28.yaml:{UPI_END + 1}", "unknown key 'rejects'"),
    ),
    Attack(
        "review: unknown key in an added row",
        sub(R, "  suffix: western-governments", "  sufix: western-governments"),
        ("upi-2022-09-28.yaml:", "unknown key 'sufix'"),
    ),
    Attack(
        "review: complete as a string",
        sub(R, "complete: true", 'complete: "true"'),
        ("upi-2022-09-28.yaml:4", "complete must be true or false (unquoted), not 'true'"),
    ),
    Attack(
        "review: complete as a number",
        sub(R, "complete: true", "complete: 1"),
        ("upi-2022-09-28.yaml:4", "complete must be true or false"),
    ),
    Attack(
        "review: set as a list",
        sub(R, "set: {claim_type: displacement}", "set: [stance]"),
        (
            f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}",
            f"amend[{DISPLACEMENT_AT}].set must be a mapping",
            "['stance']",
        ),
    ),
    Attack(
        "review: reject item as a plain string",
        add_reject(R, '- "upi-2022-09-28:c:215-438"\n'),
        (f"upi-2022-09-28.yaml:{REJECT_KEY}", "reject[0] must be a mapping"),
    ),
    Attack(
        "review: amend as a mapping",
        sub(R, "amend:\n", "amend: {}\nxamend:\n"),
        ("upi-2022-09-28.yaml:", "unknown key 'xamend'"),
    ),
    Attack(
        "review: id as a number",
        sub(R, "id: upi-2022-09-28:c:2105-2220", "id: 42"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}", f"amend[{DISPLACEMENT_AT}].id must be a text string, not 42"),
    ),
    Attack(
        "review: reason missing",
        sub(R, "  reason: The report is about men fleeing the draft across borders.\n", ""),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}", f"amend[{DISPLACEMENT_AT}].reason is required"),
    ),
    Attack(
        "review: empty reason",
        sub(R, "  reason: The report is about men fleeing the draft across borders.", '  reason: ""'),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}", "needs a reason"),
    ),
    Attack(
        "review: not a mapping", put(R, "- just\n- a list\n"), ("upi-2022-09-28.yaml:1", "a review must be a mapping")
    ),
    Attack(
        "review: YAML does not parse", append(R, "amend: [unclosed\n"), ("upi-2022-09-28.yaml:", "YAML does not parse")
    ),
    Attack("review: not UTF-8", put(R, b"text_sha256: \xff\n"), ("upi-2022-09-28.yaml", "not valid UTF-8")),
    Attack(
        "review: an alias",
        append(R, "x: &x [1]\ny: *x\n"),
        (f"upi-2022-09-28.yaml:{UPI_END + 1}", "YAML aliases (*name) are not allowed"),
    ),
    Attack(
        "review: billion laughs",
        put(R, f"text_sha256: {UPI_SHA}\n" + bomb()),
        ("upi-2022-09-28.yaml:2", "YAML aliases (*name) are not allowed"),
    ),
    # --- reviews: hashes, ids and values ---
    Attack(
        "review: text_sha256 missing",
        sub(R, f"text_sha256: {UPI_SHA}\n", ""),
        ("upi-2022-09-28.yaml:1", f"review has no text_sha256; add `text_sha256: {UPI_SHA}`"),
    ),
    Attack(
        "review: another article version",
        sub(R, f"text_sha256: {UPI_SHA}", "text_sha256: " + "f" * 64),
        ("upi-2022-09-28.yaml:2", "another version of the article"),
    ),
    Attack(
        "review: id that is not a row id",
        sub(R, "id: upi-2022-09-28:c:2105-2220", "id: foo"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}", "'foo' is not a row id"),
    ),
    Attack(
        "review: stale id",
        sub(R, "id: upi-2022-09-28:c:2105-2220", 'id: "upi-2022-09-28:c:1-2"'),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}", "stale review", "upi-2022-09-28:c:1-2"),
    ),
    Attack(
        "review: bad enum value",
        sub(R, "set: {claim_type: displacement}", "set: {claim_type: not-a-type}"),
        (
            f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}",
            "upi-2022-09-28:c:2105-2220",
            "claims.claim_type",
            "'not-a-type' is not one of",
        ),
    ),
    Attack(
        "review: value of the wrong type",
        sub(R, "set: {claim_type: displacement}", "set: {claim_type: [a]}"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}", "claims.claim_type: must be a string"),
    ),
    Attack(
        "review: impossible date",
        sub(C, "set: {said_date: 2022-09-28}", 'set: {said_date: "2022-09-31"}'),
        (f"cnn-2022-09-29.yaml:{AMEND_SAID_DATE + 1}", "claims.said_date", "not a real date"),
    ),
    Attack(
        "review: date as a number",
        sub(C, "set: {said_date: 2022-09-28}", "set: {said_date: 20220928}"),
        (f"cnn-2022-09-29.yaml:{AMEND_SAID_DATE + 1}", "must be a date"),
    ),
    Attack(
        "review: dangling claimant",
        sub(R, "claimant_id: kassym-jomart-tokayev,", "claimant_id: no-such-actor,"),
        (
            f"upi-2022-09-28.yaml:{TOKAYEV_ADD}",
            ":kassym-jomart-tokayev",
            "claimant_id 'no-such-actor' is not a actor_id",
            "register it in data/raw/actors.yaml",
        ),
    ),
    Attack(
        "review: dangling quote_id",
        sub(R, "set: {claim_type: displacement}", 'set: {quote_id: "upi-2022-09-28:q:1-2"}'),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}", "quote_id 'upi-2022-09-28:q:1-2' is not a quote_id of quotes"),
    ),
    Attack(
        "review: sets a field the table lacks",
        sub(R, "set: {claim_type: displacement}", "set: {colour: red}"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}", "sets ['colour']"),
    ),
    Attack(
        "review: sets a span field",
        sub(R, "set: {claim_type: displacement}", "set: {start_char: 3}"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}", "sets ['start_char']"),
    ),
    Attack(
        "review: markup in a value is shown as written",
        sub(R, "set: {claim_type: displacement}", 'set: {claim_type: "[sic] [/red] [bold]"}'),
        ("'[sic] [/red] [bold]' is not one of",),
    ),
    Attack(
        "review: added row of an unknown table",
        sub(R, "- table: claims\n", "- table: claimz\n"),
        (f"upi-2022-09-28.yaml:{FIRST_ADD}", "added row has table 'claimz'"),
    ),
    Attack(
        "review: evidence not in the article",
        sub(
            R, "  evidence: Sept. 28 (UPI) -- Pro-Russian leaders", "  evidence: Sept. 28 (UPI) -- Anti-Russian leaders"
        ),
        ("upi-2022-09-28.yaml:", "evidence occurs 0 times"),
    ),
    Attack(
        "review: added row duplicates a candidate",
        append(
            R,
            "- table: claims\n  evidence: Russian state media "
            "reported landslide wins, claiming 98% of Luhansk, 99% of "
            "Donetsk, 93% of Zaporizhzhia and 83% of Kherson voters chose "
            "annexation.\n  set: {claim_type: other}\n  reason: x\n",
        ),
        (f"upi-2022-09-28.yaml:{UPI_END + 1}", "duplicates a candidate"),
    ),
    Attack(
        "review: control character in a value",
        sub(R, "claimant_text: Western governments,", 'claimant_text: "Western\\u0007",'),
        (f"upi-2022-09-28.yaml:{WESTERN_SET}", "claims.claimant_text", "contains a control character"),
    ),
    Attack(
        "review: amendment that breaks a cross-row rule",
        sub(R, "set: {claim_type: displacement}", "set: {claim_type: displacement, stance: rejects}"),
        (
            f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}, table claims field stance: upi-2022-09-28:c:2105-2220",
            "1 validation failure(s)",
            "previous outputs left unchanged",
        ),
        code=1,
    ),
    Attack(
        "review: the same id amended twice",
        sub(
            R,
            "  reason: The report is about men fleeing the draft across borders.\n",
            "  reason: The report is about men fleeing the draft across borders.\n"
            "- id: upi-2022-09-28:c:2105-2220\n  set: {claim_type: other}\n"
            "  reason: x\n",
        ),
        (
            f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 3}",
            f"'upi-2022-09-28:c:2105-2220' is already rejected or amended at line {AMEND_DISPLACEMENT}; merge",
        ),
    ),
    Attack(
        "review: the same id rejected and amended",
        add_reject(R, "- {id: upi-2022-09-28:c:2105-2220, reason: x}\n"),
        (
            f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT + 1}",
            f"'upi-2022-09-28:c:2105-2220' is already rejected or amended at line {REJECT_KEY + 1}",
        ),
    ),
    Attack(
        "review: suffix not a slug",
        sub(R, "suffix: western-governments", "suffix: Western Governments"),
        ("upi-2022-09-28.yaml:", "suffix 'Western Governments' is not a lowercase slug"),
    ),
    Attack(
        "review for an unknown source",
        put("data/raw/reviews/no-such-source.yaml", f"text_sha256: {UPI_SHA}\n"),
        ("reviews/no-such-source.yaml:", "review files for unknown sources", "no source 'no-such-source'"),
    ),
    # --- sources.yaml ---
    Attack(
        "sources: duplicate outlet",
        sub(S, "    outlet: UPI\n", "    outlet: UPI\n    outlet: AFP\n"),
        (f"sources.yaml:{UPI_OUTLET + 1}", f"duplicate key 'outlet' (first at line {UPI_OUTLET})"),
    ),
    Attack(
        "sources: unknown key",
        sub(S, "    outlet: UPI\n", "    outlet: UPI\n    publisher: UPI\n"),
        (f"sources.yaml:{UPI_OUTLET + 1}", "unknown key 'publisher'"),
    ),
    Attack(
        "sources: authors as a mapping",
        sub(
            S,
            "    authors: null\n",
            "    authors: {a: 1}\n",
        ),
        ("sources.yaml:", "sources[0].authors must be a text string, not {'a': 1}"),
    ),
    Attack(
        "sources: date as a string",
        sub(S, "published_date: 2022-09-28", 'published_date: "2022-09-28"'),
        (f"sources.yaml:{UPI_DATE}", "published_date must be a date written YYYY-MM-DD"),
    ),
    Attack(
        "sources: language not a code",
        sub(S, "    language: en\n", "    language: EN\n"),
        (
            f"sources.yaml:{UPI_LANGUAGE}",
            "language of source 'upi-2022-09-28'",
            "does not match the pattern ^[a-z]{2}$",
        ),
    ),
    Attack(
        "sources: language missing",
        sub(S, "    language: en\n", ""),
        (f"sources.yaml:{UPI_SOURCE}", "sources[0].language is required"),
    ),
    Attack(
        "sources: unknown status",
        sub(S, "    status: published\n", "    status: final\n"),
        ("sources.yaml:", "status must be one of 'draft' or 'published'"),
    ),
    Attack(
        "sources: control character in a headline",
        sub(S, "    headline: null\n", '    headline: "a\\0b"\n'),
        (f"sources.yaml:{UPI_HEADLINE}", "headline of source 'upi-2022-09-28'", "contains a control character"),
    ),
    Attack("sources: not a list", put(S, "sources: upi-2022-09-28\n"), ("sources.yaml:1", "sources must be a list")),
    Attack("sources: empty file", put(S, ""), ("sources.yaml:1", "the file must be a mapping")),
    Attack(
        "sources: id not a slug",
        sub(S, "source_id: afp-undated", "source_id: AFP Undated"),
        ("sources.yaml:", "not a lowercase slug"),
    ),
    Attack(
        "sources: duplicate id",
        sub(S, "source_id: nyt-undated", "source_id: afp-undated"),
        ("sources.yaml:", "duplicate source_id 'afp-undated'"),
    ),
    # --- articles ---
    Attack("article: NUL byte", put(ART, "line one\nline two\nbad \x00 here\n"), ("afp-undated.txt:3", "U+0000")),
    Attack("article: escape character", put(ART, "line one\n\x1b[31mred\n"), ("afp-undated.txt:2", "U+001B")),
    Attack("article: not UTF-8", put(ART, b"line one\nbad \xff byte\n"), ("afp-undated.txt:2", "not valid UTF-8")),
    Attack("article: empty", put(ART, "  \n"), ("afp-undated.txt", "article is empty")),
    Attack("article: missing", remove(ART), ("sources.yaml:", "no article file data/raw/articles/afp-undated.txt")),
    Attack("article: without metadata", put("data/raw/articles/new.txt", "Text.\n"), ("new.txt", "no metadata entry")),
    # --- actors.yaml ---
    Attack(
        "actors: name as a list",
        sub(A, "name: China,", "name: [K, Z],"),
        ("actors.yaml:", "name must be a text string, not ['K', 'Z']"),
    ),
    Attack(
        "actors: unknown actor_type",
        sub(A, "name: China, actor_type: state", "name: China, actor_type: country"),
        ("actors.yaml:", "actor_type of actor 'china': 'country' is not one of"),
    ),
    Attack(
        "actors: unknown key",
        sub(A, "{actor_id: china,", "{actor_id: china, alias: Beijing,"),
        ("actors.yaml:", "unknown key 'alias'"),
    ),
    Attack(
        "actors: duplicate key",
        sub(A, "{actor_id: china,", "{actor_id: china, actor_id: prc,"),
        ("actors.yaml:", "duplicate key 'actor_id'"),
    ),
    Attack(
        "actors: aliases as a string",
        sub(A, "aliases: [China]}", "aliases: China}"),
        ("actors.yaml:", "aliases must be a list"),
    ),
    Attack(
        "actors: alias_sources names no source",
        sub(A, "alias_sources: [afp-undated]", "alias_sources: [afp-undatd]"),
        (f"actors.yaml:{LEONID}", "alias_sources of actor 'leonid' names ['afp-undatd']"),
    ),
    Attack(
        "actors: global alias after a scoped one",
        append(A, NEW_ACTOR),
        (f"actors.yaml:{ACTORS_END + 1}", "alias 'Leonid' of 'leo-impostor' is already an alias of 'leonid'"),
    ),
    Attack(
        "actors: global alias before a scoped one",
        sub(A, "actors:\n", "actors:\n" + NEW_ACTOR),
        (f"actors.yaml:{LEONID + 1}", "alias 'Leonid' of 'leonid' is already an alias of 'leo-impostor'"),
    ),
    Attack(
        "actors: parent cycle",
        sub(
            A,
            "country_code: RU, parent_id: null,\n     aliases: [Russia, Russian Federation]",
            "country_code: RU, parent_id: kremlin,\n     aliases: [Russia, Russian Federation]",
        ),
        ("actors.yaml:", "parent_id of 'russia' forms a cycle (russia → kremlin → russia)"),
    ),
    Attack(
        "actors: own parent",
        sub(A, "country_code: CN, parent_id: null", "country_code: CN, parent_id: china"),
        ("actors.yaml:", "forms a cycle (china → china)"),
    ),
    Attack(
        "actors: unknown parent",
        sub(A, "country_code: CN, parent_id: null", "country_code: CN, parent_id: prc"),
        ("actors.yaml:", "parent_id 'prc' of 'china' is not a registered actor"),
    ),
    Attack(
        "actors: not an ISO country",
        sub(A, "country_code: CN,", "country_code: XX,"),
        ("actors.yaml:", "country_code 'XX' of actor 'china'"),
    ),
    Attack("actors: billion laughs", put(A, bomb()), ("actors.yaml:1", "YAML aliases (*name) are not allowed")),
    # --- package.yaml ---
    Attack(
        "package: licenses as a string",
        lambda root, mp: _regex(root / P, r"licenses:\n(  .*\n)+", "licenses: CC-BY-4.0\n"),
        ("package.yaml:", "licenses must be a list, not 'CC-BY-4.0'"),
    ),
    Attack(
        "package: description as a number",
        lambda root, mp: _regex(root / P, r"description: >\n(  .*\n)+", "description: 42\n"),
        ("package.yaml:", "description must be a text string, not 42"),
    ),
    Attack("package: unknown key", append(P, "licence: MIT\n"), ("package.yaml:", "unknown key 'licence'")),
    Attack(
        "package: no licence", sub(P, "licenses:\n", "licenses: []\nold_licenses:\n"), ("package.yaml:", "licenses")
    ),
    Attack("package: duplicate title", append(P, "title: Another\n"), ("package.yaml:", "duplicate key 'title'")),
    # --- other commands ---
    Attack(
        "validate: bad JSON",
        put("datapackage.json", '{\n  "name": \n'),
        ("datapackage.json:3", "not valid JSON"),
        ("validate", "{root}"),
    ),
    Attack(
        "validate: not a directory",
        lambda root, mp: None,
        ("no-such-dir", "is not a directory"),
        ("validate", "{root}/no-such-dir"),
    ),
    Attack(
        "validate: wrong type in start_char",
        sub("data/quotes.csv", ",355,365,", ",abc,365,"),
        ("2 validation failure(s)", "quotes", "start_char", '"abc"'),
        ("validate", "{root}"),
        1,
    ),
    Attack(
        "validate: duplicate primary key",
        lambda root, mp: (root / "data/quotes.csv").write_text(
            (lambda t: t + t.splitlines(keepends=True)[1])((root / "data/quotes.csv").read_text("utf-8")), "utf-8"
        ),
        ("quotes", "afp-undated:q:355-365"),
        ("validate", "{root}"),
        1,
    ),
    Attack(
        "validate: end_char past the text",
        sub("data/quotes.csv", ",1836,1849,", ",1836,99999,"),
        ("quotes", "span_matches_text"),
        ("validate", "{root}"),
        1,
    ),
    Attack(
        "validate: a pattern in a message is shown as written",
        sub("data/sources.csv", ",en,", ",EN,"),
        ("table sources row 2 field language", '"^[a-z]{2}$"'),
        ("validate", "{root}"),
        1,
    ),
    Attack("validate: empty CSV", put("data/figures.csv", ""), ("figures", "is empty"), ("validate", "{root}"), 1),
    Attack("validate: missing CSV", remove("data/figures.csv"), ("figures", "missing"), ("validate", "{root}"), 1),
    Attack(
        "validate: CSV not UTF-8",
        append_bytes("data/figures.csv", b"\xff\n"),
        ("figures", "UTF-8"),
        ("validate", "{root}"),
        1,
    ),
    # --- validate: the package's descriptor and Table Schemas (issue: frictionless tracebacks) ---
    Attack(
        "validate: unknown field type",
        sub(QS, "- name: quote_id\n  type: string", "- name: quote_id\n  type: strang"),
        ("quotes.schema.yaml, table quotes, field quote_id: has the type 'strang'; newsfacts reads the types",),
        V,
    ),
    Attack(
        "validate: a Table Schema type newsfacts does not read",
        sub(QS, "- name: text\n  type: string", "- name: text\n  type: datetime"),
        ("table quotes, field text: has the type 'datetime'",),
        V,
    ),
    Attack(
        "validate: field without a type",
        sub(QS, "- name: speaker_id\n  type: string\n", "- name: speaker_id\n"),
        ("quotes.schema.yaml, table quotes, field speaker_id: has no type",),
        V,
    ),
    Attack(
        "validate: field without a name",
        sub(QS, "- name: quote_id\n", "- label: quote_id\n"),
        ("quotes.schema.yaml, table quotes: fields[0] is not an object with a name",),
        V,
    ),
    Attack(
        "validate: field defined twice",
        sub(QS, "- name: speaker_id", "- name: source_id"),
        ("quotes.schema.yaml, table quotes, field source_id: defined twice",),
        V,
    ),
    Attack(
        "validate: primaryKey names no field",
        sub(QS, "primaryKey: [quote_id]", "primaryKey: [nope]"),
        ("quotes.schema.yaml, table quotes: primaryKey names 'nope', which is not a field",),
        V,
    ),
    Attack(
        "validate: span table without a primaryKey",
        sub(QS, "primaryKey: [quote_id]\n", ""),
        ("quotes.schema.yaml, table quotes: a table with character spans needs a primaryKey of one field",),
        V,
    ),
    Attack(
        "validate: fields not a list",
        put(QS, "fields: quote_id\n"),
        ("quotes.schema.yaml, table quotes: not a Table Schema with a list of fields",),
        V,
    ),
    Attack(
        "validate: schema not YAML",
        put(QS, "fields: [unclosed\n"),
        ("quotes.schema.yaml:2", "YAML does not parse"),
        V,
    ),
    Attack(
        "validate: enum as a string",
        sub(QS, "enum: [speech, term, scare, other]", "enum: speech"),
        ("table quotes, field kind: constraints.enum must be a list of text strings on a string field, not 'speech'",),
        V,
    ),
    Attack(
        "validate: pattern not a regular expression",
        sub(QS, "pattern: ^[a-z0-9-]+:q:", "pattern: (^[a-z0-9-]+:q:"),
        ("table quotes, field quote_id: constraints.pattern", "is not a regular expression"),
        V,
    ),
    Attack(
        "validate: minimum not a number",
        sub(QS, "minimum: 0", "minimum: zero"),
        ("table quotes, field start_char: constraints.minimum must be a number, not 'zero'",),
        V,
    ),
    Attack(
        "validate: required not true or false",
        sub(QS, "required: true", "required: 'yes'"),
        ("table quotes, field quote_id: constraints.required must be true or false, not 'yes'",),
        V,
    ),
    Attack(
        "validate: foreign key to no table",
        sub(QS, "resource: actors", "resource: people"),
        ("table quotes: foreignKeys[1] points to the resource 'people', which is not a table of the package",),
        V,
    ),
    Attack(
        "validate: foreign key to no field",
        sub(QS, "fields: [actor_id]", "fields: [actor]"),
        ("table quotes: foreignKeys[1] points to actors.actor, which is not a field of 'actors'",),
        V,
    ),
    Attack(
        "validate: a field the rules read has another type",
        sub("schemas/claims.schema.yaml", "- name: said_date\n  type: date", "- name: said_date\n  type: string"),
        (
            "claims.schema.yaml, table claims, field said_date: is a string field;",
            "the consistency rules read it as a date field",
        ),
        V,
    ),
    Attack(
        "validate: a table the rules read is missing",
        descriptor(lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "figures"])),
        ("datapackage.json, table figures: is not in the package; the consistency rules read the tables",),
        V,
    ),
    Attack(
        "validate: frictionless refuses a field",
        sub(QS, "    unique: true\n", "    unique: true\n    maxLength: x\n"),
        (
            "quotes.schema.yaml, table quotes, field quote_id: not a valid Table Schema field: 'x' is not of "
            "type 'integer' at property 'constraints/maxLength'",
        ),
        V,
    ),
    Attack(
        "validate: frictionless refuses a resource",
        resource("quotes", title=5),
        ("datapackage.json: resource 'quotes' is not a valid data resource: 5 is not of type 'string'",),
        V,
    ),
    Attack(
        "validate: frictionless refuses the package",
        descriptor(lambda d: d.update(licenses="CC-BY-4.0")),
        ("datapackage.json: frictionless cannot read the package: 'CC-BY-4.0' is not of type 'array'",),
        V,
    ),
    Attack(
        "validate: absolute resource path",
        resource("actors", path="/etc/passwd"),
        (
            "datapackage.json: resource 'actors' has the path '/etc/passwd', which is not a file inside the package "
            "(it is absolute); refusing to read it",
        ),
        V,
    ),
    Attack(
        "validate: resource path climbing out",
        resource("actors", path="../actors.csv"),
        ("resource 'actors' has the path '../actors.csv'", "(it climbs out with '..')"),
        V,
    ),
    Attack(
        "validate: resource path a file URL",
        resource("actors", path="file:///etc/passwd"),
        ("resource 'actors' has the path 'file:///etc/passwd'", "(it is a file: URL)"),
        V,
    ),
    Attack(
        "validate: schema path climbing out",
        resource("actors", schema="../../schemas/actors.schema.yaml"),
        ("resource 'actors' names the schema '../../schemas/actors.schema.yaml'", "(it climbs out with '..')"),
        V,
    ),
    Attack(
        "validate: inline data",
        resource("quotes", path=None, data=[]),
        ("datapackage.json: resource 'quotes' has no 'path' naming one file",),
        V,
    ),
    Attack(
        "validate: two resources of one name",
        resource("sources", name="actors"),
        ("datapackage.json: two resources are named 'actors'",),
        V,
    ),
    Attack(
        "validate: duplicate key in datapackage.json",
        sub("datapackage.json", '"name": "actors",', '"name": "actors", "name": "people",'),
        ("datapackage.json: duplicate key 'name' in one object",),
        V,
    ),
    Attack(
        "validate: datapackage.json an array",
        put("datapackage.json", "[]\n"),
        ("datapackage.json:1: expected an object with a list of named 'resources'",),
        V,
    ),
    Attack(
        "validate: datapackage.json a directory",
        lambda root, mp: ((root / "datapackage.json").unlink(), (root / "datapackage.json").mkdir()),
        ("datapackage.json: is a directory, not a file",),
        V,
    ),
    Attack(
        "validate: hash not text",
        resource("figures", hash=5),
        ("datapackage.json: resource 'figures' has the hash 5, which is not a text string",),
        V,
    ),
    Attack(
        "validate: bytes not a count",
        resource("figures", bytes="5163"),
        ("datapackage.json: resource 'figures' has 'bytes' '5163', which is not a byte count",),
        V,
    ),
    Attack(
        "validate: encoding other than UTF-8",
        resource("figures", encoding="latin-1"),
        ("resource 'figures' has the encoding 'latin-1': newsfacts reads UTF-8 only",),
        V,
    ),
    Attack(
        "validate: format other than CSV",
        resource("figures", format="xlsx"),
        ("resource 'figures' has the format 'xlsx': newsfacts reads tables from CSV files",),
        V,
    ),
    Attack(
        "validate: the CSV a resource names is the one checked",
        lambda root, mp: (
            (root / "data/sources.csv").rename(root / "data/sources-v2.csv"),
            resource("sources", path="data/sources-v2.csv")(root, mp),
        ),
        ("valid",),
        V,
        0,
    ),
    Attack(
        "diff: an option as a ref",
        put("victim.txt", "keep me\n"),
        ("'--output={root}/victim.txt' is not",),
        ("--root", str(ROOT), "diff", "--", "--output={root}/victim.txt", "HEAD"),
    ),
    Attack(
        "diff: a directory without a package",
        lambda root, mp: None,
        ("data/raw", "no datapackage.json"),
        ("diff", "{root}/data/raw", "{root}"),
    ),
    Attack(
        "export: to a directory",
        lambda root, mp: None,
        ("data", "is a directory"),
        ("export", "--sqlite", "{root}/data"),
    ),
    Attack(
        "export: missing parent",
        lambda root, mp: None,
        ("nope/x.sqlite", "does not exist"),
        ("export", "--sqlite", "{root}/nope/x.sqlite"),
    ),
    Attack(
        "export: disk full",
        fault("newsfacts.publish.export._write_sqlite", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
        ("No space left on device",),
        ("export", "--sqlite", "{root}/x.sqlite"),
    ),
    Attack(
        "quality: a bad review id",
        sub(R, "id: upi-2022-09-28:c:2105-2220", "id: foo"),
        (f"upi-2022-09-28.yaml:{AMEND_DISPLACEMENT}", "'foo' is not a row id"),
        ("quality",),
    ),
    Attack(
        "quality: --out a directory",
        lambda root, mp: None,
        ("reports", "is a directory"),
        ("quality", "--out", "{root}/reports"),
    ),
    Attack(
        "findings: --out a directory",
        lambda root, mp: None,
        ("reports", "is a directory"),
        ("findings", "--out", "{root}/reports"),
    ),
    # --- faults ---
    Attack(
        "SIGINT while extracting",
        fault("newsfacts.package.build.read_article", KeyboardInterrupt()),
        ("interrupted",),
        code=130,
    ),
    Attack(
        "SIGINT while validating",
        fault("newsfacts.package.validate.frictionless_failures", KeyboardInterrupt()),
        ("interrupted",),
        code=130,
    ),
    Attack(
        "disk full",
        fault("newsfacts.package.atomic.write_file", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
        ("No space left on device", "free some disk space"),
    ),
    Attack(
        "read-only data/",
        replace_fails(errno.EACCES, "/data/"),
        ("data/", "Permission denied", "previous outputs restored"),
    ),
    Attack(
        "immutable datapackage.json",
        replace_fails(errno.EPERM, "datapackage.json"),
        ("datapackage.json", "Operation not permitted", "previous outputs restored"),
    ),
    Attack(
        "read-only reports/",
        replace_fails(errno.EACCES, "/reports/"),
        ("reports/quality.csv", "Permission denied"),
        ("quality",),
    ),
]


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<dir>")
        for p in sorted(root.rglob("*"))
        if not p.is_symlink()
    }


def test_the_attack_table_is_large_and_unambiguous():
    assert len(ATTACKS) >= 60
    assert len({a.name for a in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_attack(attack: Attack, built: Path, cached_extract, monkeypatch, capsys):
    attack.mutate(built, monkeypatch)
    before = _tree(built)
    argv = ["--root", str(built)] + [a.replace("{root}", str(built)) for a in attack.argv]
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    flat = " ".join(err.split())
    assert code == attack.code, flat
    for fragment in attack.says:
        assert fragment.replace("{root}", str(built)) in flat, flat
    if code == 2 or code == 130:
        assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert _tree(built) == before, "the attack changed files or left some behind"


def test_article_symlink_is_blamed_on_the_link(built, cached_extract, capsys):
    article = built / "data/raw/articles/upi-2022-09-28.txt"
    outside = built.parent / "elsewhere.txt"
    outside.write_bytes(article.read_bytes())
    article.unlink()
    article.symlink_to(outside)
    assert main(["--root", str(built), "build"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "upi-2022-09-28.txt: article file is a symbolic link" in err and "source_id" not in err, err


def test_diff_never_passes_user_strings_to_git_as_options(tmp_path, capsys):
    victim = tmp_path / "victim"
    victim.write_text("keep me\n")
    assert main(["--root", str(ROOT), "diff", "--", f"--output={victim}", "HEAD"]) == 2
    assert victim.read_text() == "keep me\n"


def test_stale_staging_directories_are_removed(built, cached_extract, capsys):
    stale = built / ".newsfacts-build-killed"
    (stale / "new/data").mkdir(parents=True)
    (stale / "new/data/quotes.csv").write_text("garbage\n")
    before = _tree(built)
    assert main(["--root", str(built), "build"]) == 0
    assert not stale.exists()
    assert "was removed" in capsys.readouterr().err
    assert _tree(built) == {k: v for k, v in before.items() if not k.startswith(".newsfacts-build-")}


class Killed(BaseException):
    """A SIGKILL, as far as the build can tell: nothing after it runs."""


def test_a_build_killed_after_the_switch_is_completed_by_the_next(built, cached_extract, monkeypatch, capsys):
    import newsfacts.package.atomic as atomic
    from newsfacts.package.build import build_tables, render_package

    sub(R, "set: {claim_type: displacement}", "set: {claim_type: mobilization}")(built, monkeypatch)
    expected = render_package(built, build_tables(built))
    real, moved = os.replace, []

    def replace(src, dst):
        if ".newsfacts-build-" not in str(dst):
            if len(moved) == 2:
                raise Killed()
            moved.append(dst)
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(Killed):
        main(["--root", str(built), "build"])
    monkeypatch.undo()
    assert [p.name for p in built.glob(".newsfacts-build-*/COMMITTED")] == ["COMMITTED"]
    mixed = {rel for rel, data in expected.items() if (built / rel).read_bytes() != data}
    assert mixed, "the simulated kill should leave a mixed package"
    assert main(["--root", str(built), "build"]) == 0
    assert "was completed" in capsys.readouterr().err
    assert not list(built.glob(".newsfacts-build-*"))
    assert {rel: (built / rel).read_bytes() for rel in expected} == expected


def test_a_failed_switch_rolls_back_every_file(built, cached_extract, monkeypatch, capsys):
    """A change that does reach the switch, with the last file locked: all files stay the old ones."""
    sub(R, "set: {claim_type: displacement}", "set: {claim_type: mobilization}")(built, monkeypatch)
    replace_fails(errno.EPERM, "datapackage.json")(built, monkeypatch)
    before = _tree(built)
    assert main(["--root", str(built), "build"]) == 2
    assert "previous outputs restored" in capsys.readouterr().err
    assert _tree(built) == before


def test_a_build_killed_after_the_switch_is_completed_by_a_reader(built, cached_extract, monkeypatch, capsys):
    """`validate` (any command reading the package) first finishes a committed switch."""
    import newsfacts.package.atomic as atomic

    sub(R, "set: {claim_type: displacement}", "set: {claim_type: mobilization}")(built, monkeypatch)
    real = os.replace

    def replace(src, dst):
        if ".newsfacts-build-" not in str(dst) and str(dst).endswith("datapackage.json"):
            raise Killed()
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(Killed):
        main(["--root", str(built), "build"])
    monkeypatch.undo()
    assert main(["--root", str(built), "validate", str(built)]) == 0
    assert "was completed" in capsys.readouterr().err
    assert not list(built.glob(".newsfacts-build-*"))


SLOW_VALIDATION = """\
import time

import newsfacts.package.validate as _validate

_real = _validate.validate_package


def _slow(*args, **kwargs):
    time.sleep(3)  # the build waits here, in validation, for the test's SIGINT
    return _real(*args, **kwargs)


_validate.validate_package = _slow
"""


def test_sigint_to_a_running_build_prints_interrupted(built, tmp_path):
    """A real SIGINT during validation: exit 130, one line, no traceback, no staging left, outputs unchanged.
    The child process loads a sitecustomize that makes validation wait, so the signal cannot miss it."""
    import signal
    import subprocess
    import sys
    import time

    before = _tree(built)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SLOW_VALIDATION, "utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])))
    exe = Path(sys.executable).parent / "newsfacts"
    proc = subprocess.Popen(
        [str(exe), "--root", str(built), "build"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # a test worker may ignore SIGINT, and a child inherits that: the build must see it as a user's would
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not list(built.glob(".newsfacts-build-*/new/datapackage.json")) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert _tree(built) == before


def test_a_rollback_killed_half_way_is_finished_by_the_next_run(built, cached_extract, monkeypatch, capsys):
    import newsfacts.package.atomic as atomic

    sub(R, "set: {claim_type: displacement}", "set: {claim_type: mobilization}")(built, monkeypatch)
    before = _tree(built)
    real, calls = os.replace, []

    def replace(src, dst):
        if ".newsfacts-build-" not in str(dst):
            calls.append(dst)
            if str(dst).endswith("datapackage.json"):
                raise PermissionError(errno.EPERM, "Operation not permitted", str(src), None, str(dst))
            if (Path(src).parent / "ROLLBACK").exists() or list(built.glob(".newsfacts-build-*/ROLLBACK")):
                raise Killed()  # killed while putting the old files back
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(Killed):
        main(["--root", str(built), "build"])
    monkeypatch.undo()
    assert list(built.glob(".newsfacts-build-*/ROLLBACK"))
    assert _tree(built) != {k: v for k, v in before.items()}, "the simulated kill should leave a mixed package"
    assert main(["--root", str(built), "validate", str(built)]) == 0
    assert "was rolled back" in capsys.readouterr().err
    assert _tree(built) == before


def test_a_second_build_in_the_same_project_waits_its_turn(built, cached_extract, capsys):
    from newsfacts.package.atomic import project_lock

    before = _tree(built)
    with project_lock(built):
        assert main(["--root", str(built), "build"]) == 2
    assert "another newsfacts build is running" in capsys.readouterr().err
    assert _tree(built) == before


def _values():
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8) | st.dates()
    keys = st.sampled_from(
        [
            "id",
            "set",
            "reason",
            "table",
            "evidence",
            "complete",
            "reject",
            "amend",
            "add",
            "text_sha256",
            "sources",
            "actors",
            "name",
            "licenses",
            "x",
        ]
    )
    return st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4), max_leaves=12
    )


def test_any_yaml_value_is_a_model_or_one_located_error(tmp_path):
    """Whatever a curator writes, parsing gives a model or an InputError with file and line: never a crash."""
    import yaml
    from hypothesis import given, settings

    from newsfacts.curate import read_actors_file, read_package_file, read_review, read_sources_file
    from newsfacts.errors import InputError

    path = tmp_path / "input.yaml"

    @settings(max_examples=150, deadline=None)
    @given(_values())
    def check(value):
        path.write_text(yaml.safe_dump(value, allow_unicode=True), "utf-8")
        for reader in (read_review, read_sources_file, read_actors_file, read_package_file):
            try:
                reader(path)
            except InputError as exc:
                assert exc.file == path and exc.line is not None and "\n" not in exc.message, exc

    check()
