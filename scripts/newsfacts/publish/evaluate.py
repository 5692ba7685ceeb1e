"""Out-of-sample evaluation of the raw extractor on an annotated set (benchmarks/devset).

Each excerpt `dNN.txt` has an answer key `dNN.yaml` written by the annotation guide
(`GUIDE.md` beside them). The extractor runs with the project's actor registry, exactly as
`newsfacts extract` would, and no review. Matching follows the guide:

- texts are compared normalised: NFKC, lower case, only letters, digits and single spaces;
- a key quote matches an extracted quote with the same normalised text (as many times as
  the key's `occurrences`);
- a speaker or claimant name matches when the normalised names are equal, differ only in
  spelling (similarity >= 0.85: Zelensky/Zelenskyy), one is the other's surname or the
  acronym of its words (WSJ / Wall Street Journal, "of", "the", "for", "and" left out), the
  shorter is a run of two or more words of the longer ("Red Crescent" in "Palestinian Red
  Crescent"), or both have the same two or more words in another order or form ("Russia's
  defense ministry" / "Russian Ministry of Defense"); a key's `speaker_alt` names count too,
  and `- null` accepts no speaker;
- a key figure matches an extracted figure of the same excerpt whose value, low or high
  equals one of the key's (a vague key figure with no number matches an extracted figure
  whose span overlaps its evidence, found in any case, as texts are compared lower case).

Bounds are compared in the project's convention: an exact count in the key (a value and no
bound) has low = value = high, as UCDP codes low/best/high; a vague key figure ("thousands",
value, low and high all null) is right when the extracted value is null too, since the guide
does not code the bounds that the project's table of vague quantities adds.

The guide does not code shares of territory or opinion polls (the project's schema does),
so extracted figures with those metrics are left out of the figure counts.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newsfacts.errors import InputError
from newsfacts.yamlio import read_plain_yaml

METRICS = (
    "quote_span_recall",
    "quote_span_precision",
    "speaker_accuracy",
    "kind_accuracy",
    "figure_recall",
    "figure_precision",
    "bounds_exact",
    "metric_accuracy",
    "claimant_accuracy",
)
COLUMNS = (
    "scope",
    "half",
    "quotes_key",
    "quote_span_recall",
    "quote_span_precision",
    "speakers_key",
    "speaker_accuracy",
    "kind_accuracy",
    "figures_key",
    "figures_found",
    "figure_recall",
    "figure_precision",
    "bounds_exact",
    "metric_accuracy",
    "claimant_accuracy",
)
NOT_CODED = {"territory_share", "poll_share"}  # metrics the guide does not annotate
# The project's metric codes that the guide names differently.
METRIC_ALIASES = {"bodies_exhumed": "bodies_found", "bodies_with_torture_signs": "bodies_found"}


def half_of(excerpt_id: str) -> str:
    """develop for d01-06, d13-18, d25-30, d37-42 (blocks of six); check for the others."""
    n = int(re.sub(r"\D", "", excerpt_id) or 0)
    return "develop" if ((n - 1) // 6) % 2 == 0 else "check"


def norm(text: str | None) -> str:
    """NFKC, lower case, letters/digits/spaces only, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def _name_words(name: str | None) -> list[str]:
    words = norm(name).split()
    return words[1:] if words[:1] == ["the"] else words


GENERIC_ORG_WORDS = {
    "news",
    "agency",
    "service",
    "group",
    "organisation",
    "organization",
    "office",
    "channel",
    "network",
    "television",
    "tv",
    "radio",
    "newspaper",
    "wire",
}


def names_match(predicted: str | None, gold: str | None) -> bool:
    """True when a predicted speaker name refers to the gold one (see the module docstring)."""
    p, g = _name_words(predicted), _name_words(gold)
    if not p or not g:
        return not p and not g
    if p == g or difflib.SequenceMatcher(None, " ".join(p), " ".join(g)).ratio() >= 0.85:
        return True
    short, long_ = (p, g) if len(p) <= len(g) else (g, p)
    if len(short) == 1 and len(short[0]) >= 2 and short[0] == "".join(w[0] for w in long_ if w not in NAME_FILLERS):
        return True  # "WSJ" / "Wall Street Journal", "UNHCR" / "UN High Commissioner for Refugees"
    if long_[: len(short)] == short and set(long_[len(short) :]) <= GENERIC_ORG_WORDS:
        return True  # "AFP" / "AFP news agency", "Anadolu" / "Anadolu agency"
    if len(short) == 1 and len(long_) <= 4:  # a surname alone
        return difflib.SequenceMatcher(None, short[0], long_[-1]).ratio() >= 0.85
    runs = {tuple(long_[i : i + len(short)]) for i in range(len(long_) - len(short) + 1)}
    return len(short) >= 2 and (tuple(short) in runs or _same_words(p, g))


def _same_words(p: list[str], g: list[str]) -> bool:
    """The same words in another order or form: "Russia's defense ministry" / "Russian Ministry of
    Defense", "Mali's army" / "Malian army" (each content word matches one of the other's)."""
    a, b = ([w for w in ws if w not in NAME_FILLERS] for ws in (p, g))
    if len(a) != len(b) or len(a) < 2:
        return False
    return all(any(_word_like(x, y) for y in b) for x in a) and all(any(_word_like(y, x) for x in a) for y in b)


NAME_FILLERS = {"of", "the", "s", "for", "and"}


def _word_like(x: str, y: str) -> bool:
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


@dataclass
class Counts:
    """Numerators and denominators of every metric, summed over excerpts."""

    quotes_key: int = 0
    quotes_found: int = 0
    quotes_matched: int = 0
    speakers_key: int = 0
    speakers_right: int = 0
    kinds_right: int = 0
    figures_key: int = 0
    figures_found: int = 0
    figures_matched: int = 0
    bounds_right: int = 0
    metrics_right: int = 0
    claimants_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def scores(self) -> dict[str, float | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "quote_span_recall": ratio(self.quotes_matched, self.quotes_key),
            "quote_span_precision": ratio(self.quotes_matched, self.quotes_found),
            "speaker_accuracy": ratio(self.speakers_right, self.speakers_key),
            "kind_accuracy": ratio(self.kinds_right, self.quotes_matched),
            "figure_recall": ratio(self.figures_matched, self.figures_key),
            "figure_precision": ratio(self.figures_matched, self.figures_found),
            "bounds_exact": ratio(self.bounds_right, self.figures_matched),
            "metric_accuracy": ratio(self.metrics_right, self.figures_matched),
            "claimant_accuracy": ratio(self.claimants_right, self.figures_matched),
        }


def _speaker_ok(name: str | None, item: dict) -> bool:
    golds = [item.get("speaker"), *(item.get("speaker_alt") or [])]
    if name is None:
        return None in golds[1:]
    return any(g is not None and names_match(name, g) for g in golds)


def score_quotes(
    key: list[dict], rows: list[dict], name_of: Callable[[str | None], str | None], counts: Counts, eid: str
) -> None:
    by_text: dict[str, list[dict]] = {}
    for r in rows:
        by_text.setdefault(norm(r["text"]), []).append(r)
    counts.quotes_found += len(rows)
    for item in key:
        n = int(item.get("occurrences") or 1)
        counts.quotes_key += n
        found = by_text.get(norm(item["text"]), [])
        matched, by_text[norm(item["text"])] = found[:n], found[n:]
        counts.quotes_matched += len(matched)
        for r in matched:
            counts.kinds_right += r["kind"] == item.get("kind")
            if r["kind"] != item.get("kind"):
                counts.misses.append(f"{eid} kind: {item.get('kind')!r} got {r['kind']!r} for “{item['text'][:60]}”")
        has_speaker = item.get("speaker") is not None
        counts.speakers_key += n if has_speaker else 0
        for k in range(n):
            if not has_speaker:
                continue
            name = name_of(matched[k]["speaker_id"]) if k < len(matched) else None
            ok = k < len(matched) and _speaker_ok(name, item)
            counts.speakers_right += ok
            if not ok:
                counts.misses.append(f"{eid} speaker: {item['speaker']!r} got {name!r} for “{item['text'][:60]}”")


NUMBER_WORDS = set(
    """a an and hundred thousand million billion zero one two three four five six seven eight
nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty
fifty sixty seventy eighty ninety per cent percent""".split()
)


def _unqualified(evidence: str) -> bool:
    """True when the evidence is a bare number ("280", "six", "93.11%"): no "about", "some"…"""
    return all(w.isdigit() or w in NUMBER_WORDS for w in norm(evidence).split())


def key_bounds(item: dict) -> tuple:
    """The key's (value, low, high) in the project's convention: an exact count (a value with
    no bound in the guide's coding) has low = value = high, as UCDP codes low/best/high."""
    value, low, high = (None if item.get(k) is None else float(item[k]) for k in ("value", "low", "high"))
    if value is not None and low is None and high is None and _unqualified(item.get("evidence", "")):
        return value, value, value
    return value, low, high


def _numbers(d: dict) -> set[float]:
    return {float(d[k]) for k in ("value", "low", "high") if d.get(k) is not None}


def _overlaps(row: dict, spans: list[tuple[int, int]]) -> bool:
    return any(row["start_char"] < e and s < row["end_char"] for s, e in spans)


def _spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Where the evidence is written, in any case ("dozens" in a headline and "Dozens" opening the lede)."""
    return [(m.start(), m.end()) for m in re.finditer(re.escape(evidence), text, re.IGNORECASE)]


def score_figures(
    key: list[dict], rows: list[dict], text: str, name_of: Callable[[str | None], str | None], counts: Counts, eid: str
) -> None:
    rows = [r for r in rows if r["metric"] not in NOT_CODED]
    counts.figures_found += len(rows)
    free = list(rows)
    for item in key:
        n = int(item.get("occurrences") or 1)
        counts.figures_key += n
        wanted, spans = _numbers(item), _spans(text, item["evidence"])
        # figures with one of the key's numbers (or, for a vague key, on its evidence), those on the evidence first
        fitting = [r for r in free if (wanted & _numbers(r) if wanted else _overlaps(r, spans))]
        cands = sorted(fitting, key=lambda r: not _overlaps(r, spans))
        matched = cands[:n]
        for r in matched:
            free.remove(r)
            counts.figures_matched += 1
            got = tuple(None if r.get(k) is None else float(r[k]) for k in ("value", "low", "high"))
            if key_bounds(item) == (None, None, None):  # a vague key: the guide codes no bounds
                got = (got[0], None, None)
            counts.bounds_right += got == key_bounds(item)
            if got != key_bounds(item):
                counts.misses.append(f"{eid} bounds: {item['evidence']!r} {key_bounds(item)} got {got} ({r['text']!r})")
            counts.metrics_right += METRIC_ALIASES.get(r["metric"], r["metric"]) == item.get("metric")
            claimant = name_of(r.get("claimant_id"))
            ok = names_match(claimant, item.get("claimant")) if item.get("claimant") else claimant is None
            counts.claimants_right += ok
            if not ok:
                counts.misses.append(f"{eid} claimant: {item['evidence']!r} {item.get('claimant')!r} got {claimant!r}")
        if len(matched) < n:
            counts.misses.append(f"{eid} figure missed: {item['evidence']!r} ({item.get('metric')})")
    for r in free:
        counts.misses.append(f"{eid} figure extra: {r['text']!r} ({r['metric']})")


def evaluate_excerpt(text: str, key: dict, registry: list[dict], eid: str) -> Counts:
    from newsfacts.extract import extract
    from newsfacts.extract.mentions import aliases_of

    cand = extract(eid, text, registry, tuple(aliases_of(registry)), None)
    names = {a["actor_id"]: a["name"] for a in registry} | {a["actor_id"]: a["name"] for a in cand["actors"]}
    claims = {c["claim_id"]: c for c in cand["claims"]}

    def name_of(actor_id: str | None) -> str | None:
        return names.get(actor_id, actor_id) if actor_id else None

    for f in cand["figures"]:  # an unnamed claimant ("officials said") is named by its claim's words
        claim = claims.get(f.get("claim_id"))
        if f.get("claimant_id") is None and claim is not None and claim.get("claimant_text"):
            f["claimant_id"], names[claim["claimant_text"]] = claim["claimant_text"], claim["claimant_text"]

    counts = Counts()
    score_quotes(key.get("quotes") or [], cand["quotes"], name_of, counts, eid)
    score_figures(key.get("figures") or [], cand["figures"], text, name_of, counts, eid)
    return counts


def excerpts(directory: Path) -> list[tuple[str, Path, Path]]:
    found = sorted(p for p in directory.glob("*.yaml") if p.with_suffix(".txt").exists())
    if not found:
        raise InputError("no annotated excerpts (<id>.txt with <id>.yaml) here", file=directory)
    return [(p.stem, p.with_suffix(".txt"), p) for p in found]


def _read_key(path: Path) -> dict:
    """An answer key as its annotators wrote it (they use YAML anchors for repeated speaker lists,
    which the project's own inputs refuse; a key is benchmark data, never an input of the build)."""
    try:
        key = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise InputError(f"not a readable answer key: {exc}", file=path) from None
    if not isinstance(key, dict):
        raise InputError("an answer key must be a mapping with quotes: and figures:", file=path)
    return key


def evaluate(directory: Path, registry: list[dict]) -> tuple[list[dict], dict[str, Counts]]:
    """Rows for reports/evaluation.csv (per excerpt, then develop, check, all) and the summed counts."""
    rows = []
    totals = {"develop": Counts(), "check": Counts(), "all": Counts()}
    for eid, txt, yml in excerpts(directory):
        text = txt.read_bytes().decode("utf-8")
        key = _read_key(yml)
        counts = evaluate_excerpt(text, key, registry, eid)
        half = half_of(eid)
        totals[half].add(counts)
        totals["all"].add(counts)
        rows.append(_row(eid, half, counts))
    summary = [_row(scope, scope if scope != "all" else "", c) for scope, c in totals.items()]
    return summary + rows, totals


def _row(scope: str, half: str, c: Counts) -> dict:
    return {
        "scope": scope,
        "half": half,
        "quotes_key": c.quotes_key,
        "speakers_key": c.speakers_key,
        "figures_key": c.figures_key,
        "figures_found": c.figures_found,
        **c.scores(),
    }


def read_targets(directory: Path) -> dict[str, float]:
    """The set's targets (`targets.yaml` beside its excerpts, optional): the lowest acceptable value
    of some of the METRICS over all excerpts. An unknown column or a value outside 0..1 is an error."""
    path = directory / "targets.yaml"
    if not path.exists():
        return {}
    targets = read_plain_yaml(path)
    if not isinstance(targets, dict):
        raise InputError("expected a mapping of column names to lowest acceptable values", file=path)
    for name, value in targets.items():
        if name not in METRICS:
            raise InputError(f"unknown column {name!r}; the columns are {', '.join(METRICS)}", file=path)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise InputError(f"{name}: expected a number from 0 to 1, not {value!r}", file=path)
    return {name: float(value) for name, value in targets.items()}


def target_lines(targets: dict[str, float], overall: dict) -> list[str]:
    """One line per target: the overall value, the target and whether it is met."""
    lines = []
    for name, lowest in targets.items():
        value = overall.get(name)
        met = value is not None and value >= lowest
        lines.append(f"target {name} >= {lowest:g}: {'n/a' if value is None else value} {'met' if met else 'MISSED'}")
    return lines


def to_csv(rows: Iterable[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: ("" if r.get(k) is None else r[k]) for k in COLUMNS})
    return buf.getvalue().encode("utf-8")
