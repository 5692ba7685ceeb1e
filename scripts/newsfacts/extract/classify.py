"""Keyword rules for quote kinds, claim types, stances, verification and dates."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from newsfacts.extract.segment import FOLDS_APART, CaselessPattern, lower_pattern
from newsfacts.model.ids import STANCE_CLAIM_TYPES

# claim_type -> pattern; the type with most matches wins, ties go to the earlier type
CLAIM_TYPES = [
    ("nuclear_threat", r"nuclear|all (?:the )?means"),
    ("war_crimes", r"war crimes?|tortur\w*|executions?|bodies|exhum\w*|sexual violence|bombings of civilian"),
    ("casualties", r"\bkill\w*|wounded|injured|\bdead\b|deaths?"),
    ("coercion", r"gunpoint|forced|\bforce them|intimidat\w*|door to door|door-to-door|armed (?:soldiers|guards)"),
    (
        "mobilization",
        r"mobili[sz]\w*|conscript\w*|reservists?|drafting|draft\b|recruit\w*|cannon fodder|call-up|convicts",
    ),
    ("displacement", r"\bfled\b|fleeing|refugees?|crossed into|displaced"),
    ("referendum_result", r"\d+(?:\.\d+)?\s*(?:%|per ?cent)|results?|landslide|voters? chose|majorit\w*"),
    (
        "legitimacy",
        r"\bsham\b|illegitimate|illegal\w*|legitimacy|farce|pseudo|propaganda|null and worthless|"
        r"not (?:be )?recogni[sz]\w*|genuine|a crime|legal effect|imitation",
    ),
    (
        "annexation_process",
        r"annex\w*|join(?:ing)? (?:the )?Russia\w*|incorporate|ceremony|accession|acceding|"
        r"absorbed|declared independence|appeal\w*|entry into Russia",
    ),
    (
        "diplomacy_sanctions",
        r"resolution|sanctions?|Security Council|General Assembly|costs|pressure|military aid|"
        r"recogni[sz]\w*|sovereignty and territorial integrity",
    ),
    (
        "military_situation",
        r"counter-?offensives?|forces|\bfire\b|rockets?|artillery|regiment|tank|positions|"
        r"recaptur\w*|clawing back|advancing|progress|training|lines|troops|withdr[ae]w\w*",
    ),
]
REJECT = (
    r"\bsham\b|illegitimate|illegal|farce|pseudo|propaganda|worthless|a crime|condemn\w*|denounc\w*|"
    r"dismiss\w*|not (?:be )?recogni[sz]\w*|no legal effect|cannot be (?:called|regarded)|imitation|deride\w*|"
    r"violation|false pretext|costs|not respect"
)
ENDORSE = (
    r"appeal\w*|asked .{0,40}(?:to )?(?:incorporate|annex|accept)|urged .{0,20}annex|restoration|"
    r"accept\w* .{0,30}results|declared independence|join(?:ing)? Russia|formali[sz]e"
)
NOT_VERIFIED = CaselessPattern(
    r"(?:unable to|not able to|not been able to|could not|couldn't|cannot|can't|did not|was unable to)"
    r" (?:independently )?(?:verify|confirm)"
    r"|could not be (?:independently )?verified"
)
NO_EVIDENCE = CaselessPattern(
    r"(?:offered|provided|gave|presented|produced) no evidence|without (?:providing |offering )?evidence"
)
DETERMINERS = {"a", "an", "the", "as", "of", "its", "their", "his", "her", "'s", "’s", "‘s", "so-called", "what"}
OTHER_BEFORE = CaselessPattern(
    r"(?:reading|banner|slogan|sign|question|headline|titled|entitled|"
    r"the words|chant(?:ed|ing)?|wrote on)[,:]?\s*$"
)
STATEMENT_BEFORE = CaselessPattern(r"statement that[,:]?\s*$")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)


_CLAIM_PATTERNS = [(t, re.compile(p, re.I)) for t, p in CLAIM_TYPES]
# "\bkill" opening an alternative keeps the regex engine from skipping ahead to the places where one
# of the alternatives' first letters stands; "k(?<=\bk)ill" matches the same and lets it (2-4x faster)
_LEADING_BOUNDARY = re.compile(r"(^|(?<!\\)\|)\\b([a-z])")


def _lowered(pattern: str) -> re.Pattern:
    """The pattern for lower-cased text (see CaselessPattern): the same matches, several times faster."""
    low = lower_pattern(pattern)
    if low is None:
        raise ValueError(f"not a pattern for lower-cased text: {pattern}")
    return re.compile(_LEADING_BOUNDARY.sub(lambda m: f"{m[1]}{m[2]}(?<=\\b{m[2]})", low))


_LOWER_CLAIM_PATTERNS = [(t, _lowered(p)) for t, p in CLAIM_TYPES]
_REJECT, _ENDORSE = CaselessPattern(REJECT), CaselessPattern(ENDORSE)


def quote_kind(quote_text: str, before: str, section_type: str, cue: str | None, has_speaker: bool) -> str:
    """speech, term, scare or other, from the quote and the words just before it."""
    if section_type == "heading" or OTHER_BEFORE.search(before):
        return "other"
    if not has_speaker and STATEMENT_BEFORE.search(before):
        return "other"  # "agreed with the statement that …": a survey's wording
    words = quote_text.split()
    if len(words) >= 5 or is_clause(quote_text):
        return "speech"
    if not has_speaker:  # a short quote nobody identifiable said is the outlet's own distancing
        return "scare"
    return "term"


FINITE = {
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "has",
    "have",
    "had",
    "can",
    "could",
    "must",
    "do",
    "does",
    "did",
}


def is_clause(quote_text: str) -> bool:
    """A short quote that is a sentence of its own ("This is genocide.") or has a subject and a
    verb ("our people are free."), not a fragment ("should be behind bars", "satanic")."""
    words = quote_text.split()
    if len(words) >= 2 and words[0][:1].isupper() and quote_text.rstrip()[-1:] in ".!?,":
        return True
    return any(w.lower().strip(".,!?") in FINITE for w in words[1:])


@lru_cache(maxsize=256)  # the claims of one sentence (several claimants) share it
def claim_type(sentence: str) -> str:
    if FOLDS_APART.search(sentence):
        text, patterns = sentence, _CLAIM_PATTERNS
    else:
        text, patterns = sentence.lower(), _LOWER_CLAIM_PATTERNS
    # counting each type costs less than one search for any of them would (a long alternation is slow)
    scores = [(len(p.findall(text)), -n, t) for n, (t, p) in enumerate(patterns)]
    best = max(scores)
    return best[2] if best[0] > 0 else "other"


def stance(ctype: str, sentence: str) -> str | None:
    if ctype not in STANCE_CLAIM_TYPES:
        return None
    if _REJECT.search(sentence):
        return "rejects"
    if _ENDORSE.search(sentence):
        return "endorses"
    return "neutral"


def resolve_date(words: list[str], published: dt.date | None) -> dt.date | None:
    """A weekday or "Sept. 21" near a reporting verb, resolved against the publication date."""
    if published is None:
        return None
    lowered = [w.lower().rstrip(".") for w in words]
    for i, w in enumerate(lowered):
        if w in MONTHS and i + 1 < len(lowered) and lowered[i + 1].isdigit():
            return _safe_date(published.year, MONTHS[w], int(lowered[i + 1]), published)
        if w.isdigit() and i + 1 < len(lowered) and lowered[i + 1] in MONTHS:
            return _safe_date(published.year, MONTHS[lowered[i + 1]], int(w), published)
        if w in WEEKDAYS:
            back = (published.weekday() - WEEKDAYS.index(w)) % 7
            return published - dt.timedelta(days=back)
        if w == "yesterday":
            return published - dt.timedelta(days=1)
        if w == "today":
            return published
    return None


def _safe_date(year: int, month: int, day: int, published: dt.date) -> dt.date | None:
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return d if d <= published else None
