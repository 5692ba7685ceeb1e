"""Read numbers written in digits or words, with their qualifiers and units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"
}
SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "lakh": 100_000,  # South Asian English: "3.2 lakh" is 320,000, "2 crore" 20 million
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "two-thirds": 200 / 3, "three-quarters": 75.0}
QUALIFIERS = [  # longest first ("no fewer than" before "fewer than")
    ("no fewer than", "at_least"),
    ("no less than", "at_least"),
    ("not less than", "at_least"),
    ("in excess of", "more_than"),
    ("more than", "more_than"),
    ("upwards of", "more_than"),
    ("over", "more_than"),
    ("at least", "at_least"),
    ("a minimum of", "at_least"),
    ("up to", "up_to"),
    ("as many as", "up_to"),
    ("at most", "up_to"),
    ("fewer than", "up_to"),
    ("less than", "up_to"),
    ("close to", "about"),
    ("nearly", "about"),
    ("almost", "about"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("approximately", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
]
SHORT_THOUSANDS = re.compile(r"^(\d+(?:\.\d+)?)k$")
# nouns after "1.5m"/"12k" that make the abbreviation a count of people, not metres or money
PEOPLE_WORDS = frozenset("people persons civilians children refugees migrants residents voters troops soldiers".split())
DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@lru_cache(maxsize=1)
def vague_table() -> dict[str, dict]:
    return yaml.safe_load(
        resources.files("newsfacts.extract").joinpath("vocab/vague_quantities.yaml").read_text("utf-8")
    )


def _float(x: float | int | None) -> float | None:
    return None if x is None else float(x)


@dataclass(frozen=True)
class NumberPhrase:
    first: int  # token index of the first token (qualifier included)
    last: int  # token index one past the last token (unit included)
    num_first: int  # token index where the number itself starts
    value: float | None
    low: float | None
    high: float | None
    approx: str
    unit: str  # people or percent


def words_value(words: list[str]) -> float | None:
    """Value of a number in words ("twenty five", "a hundred", "three million"), or None."""
    total, current, seen, unit_last = 0, 0, False, False
    for w in words:
        w = w.lower()
        if w in UNITS and unit_last:
            return None  # "two three-year-old grandsons": two numbers, not five
        unit_last = w in UNITS
        if w in ("a", "an") and not seen:
            current, seen = 1, True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w == "hundred" and seen:
            current *= 100
        elif w in SCALES and seen:
            total += current * SCALES[w]
            current = 0
        elif w in ("-", "and") and seen:
            continue
        else:
            return None
    return float(total + current) if seen else None


def _in_a_name(prev) -> bool:
    """A capitalised number word after a capitalised word, "of" or "the" is part of a name; after a
    dateline's digits or a line break ("2022-07-20 Eight tourists died") it opens a sentence."""
    return prev.text[:1].isupper() or prev.lower_ in ("of", "the")


def read_number(toks, i: int) -> tuple[float, int] | None:
    """(value, index after) for a number starting at token i, in digits or words."""
    t = toks[i].text
    if DIGITS.match(t):
        value = float(t.replace(",", ""))
        j = i + 1
        if j < len(toks) and toks[j].lower_ in SCALES and toks[j].lower_ != "hundred":
            value *= SCALES[toks[j].lower_]
            j += 1
        elif j + 1 < len(toks) and toks[j].text == "m" and toks[j + 1].lower_ in PEOPLE_WORDS:
            value, j = value * 1_000_000, j + 1  # "1.5m people", "3m people" (not "a 20m wall": metres)
        return value, j
    short = SHORT_THOUSANDS.match(t)
    if short and i + 1 < len(toks) and toks[i + 1].lower_ in PEOPLE_WORDS:
        return float(short.group(1)) * 1000, i + 1  # "12k people"
    if t[:1].isupper() and i > 0 and _in_a_name(toks[i - 1]):
        return None  # inside a name ("Group of Seven", "the Magnificent Seven")
    if toks[i].lower_ == "dozen" and i > 0 and toks[i - 1].lower_ == "another":
        return 12.0, i + 1  # "another dozen were wounded", as "a dozen"
    best = None
    j = i
    words: list[str] = []
    if (
        toks[i].lower_ == "half"
        and i + 2 < len(toks)
        and toks[i + 1].lower_ in ("a", "an")
        and toks[i + 2].lower_ in SCALES
    ):
        return SCALES[toks[i + 2].lower_] / 2, i + 3  # "half a million"
    if toks[i].lower_ in ("a", "an") and not (i + 1 < len(toks) and toks[i + 1].lower_ in SCALES):
        return None  # the article "a" is a number only in "a hundred", "a thousand"
    while j < len(toks) and (
        toks[j].lower_ in UNITS
        or toks[j].lower_ in TENS
        or toks[j].lower_ in SCALES
        or (toks[j].lower_ in ("a", "an") and j == i)
        or (toks[j].text in ("-", "and") and words)
    ):
        words.append(toks[j].text)
        v = words_value(words)
        if v is not None and words[-1] not in ("-", "and", "a", "an"):
            best = (v, j + 1)
        j += 1
    return best


@lru_cache(maxsize=1)
def _vague_keys() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Vague quantities as word tuples, longest first."""
    return tuple(sorted(((k, tuple(k.split())) for k in vague_table()), key=lambda kw: -len(kw[1])))


@lru_cache(maxsize=1)
def _vague_first_words() -> frozenset[str]:
    return frozenset(words[0] for _, words in _vague_keys())


@lru_cache(maxsize=1)
def _vague_by_first_word() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """_vague_keys() by their first word, longest first (only those can start at a given token)."""
    out: dict[str, list] = {}
    for key, words in _vague_keys():
        out.setdefault(words[0], []).append((key, words))
    return {w: tuple(keys) for w, keys in out.items()}


def read_vague(toks, i: int) -> tuple[str, int] | None:
    """(table key, index after) for a vague quantity ("hundreds of thousands") at token i."""
    keys = _vague_by_first_word().get(toks[i].lower_)
    if keys is None:
        return None
    for key, words in keys:
        if tuple(t.lower_ for t in toks[i : i + len(words)]) == words:
            return key, i + len(words)
    return None


def read_percent(toks, j: int) -> int | None:
    """Index after a percent unit starting at token j ("%", "per cent", "percent")."""
    if j < len(toks) and toks[j].text == "%":
        return j + 1
    if j < len(toks) and toks[j].lower_ == "percent":
        return j + 1
    if j + 1 < len(toks) and toks[j].lower_ == "per" and toks[j + 1].lower_ == "cent":
        return j + 2
    return None


_QUALIFIER_WORDS = [(phrase.split(), code) for phrase, code in QUALIFIERS]


PHRASAL_OVER = frozenset({"handed", "hand", "hands", "handing", "turned", "turn", "took", "take", "taken", "passed"})


def _particle(toks, k: int, words: list[str]) -> bool:
    """ "handed over 205 soldiers": "over" belongs to the verb, not to the number."""
    return words == ["over"] and k > 0 and toks[k - 1].lower_ in PHRASAL_OVER


def qualifier_before(toks, i: int) -> tuple[str, int]:
    """(approx code, index of the qualifier's first token) for the words before token i."""
    if i == 0:
        return "exact", i
    last = toks[i - 1].lower_
    for words, code in _QUALIFIER_WORDS:
        if words[-1] != last:  # the word before the number ends every qualifier that fits
            continue
        k = i - len(words)
        if k >= 0 and [t.lower_ for t in toks[k:i]] == words and not _particle(toks, k, words):
            return code, k
    return "exact", i


MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
CHANGE_VERBS = frozenset({"rose", "risen", "climbed", "increased", "jumped", "fell", "dropped", "grew", "went"})


def _approx_suffix(toks, j: int) -> tuple[str, int] | None:
    """("about" or "more_than", index after) for "-odd" / "-plus" right after a number."""
    if j + 1 < len(toks) and toks[j].text == "-" and toks[j + 1].lower_ in ("odd", "plus"):
        return ("about" if toks[j + 1].lower_ == "odd" else "more_than"), j + 2
    return None


def _range_end(toks, i: int, j: int) -> tuple[float, int, int] | None:
    """(upper bound, index after it, first index) when the number at i..j opens a range (not a
    change: "the toll climbed from 558 to 569" is two numbers)."""
    if i > 1 and toks[i - 1].lower_ == "from" and toks[i - 2].lower_ in CHANGE_VERBS:
        return None
    if i > 0 and toks[i - 1].lower_.rstrip(".") in MONTH_NAMES:
        return None  # "on August 15 to 724 dead": a date, then the count
    between = i > 0 and toks[i - 1].lower_ in ("between", "from")
    joiners = ("and",) if between and toks[i - 1].lower_ == "between" else ("to", "-", "–")
    if not (j + 1 < len(toks) and toks[j].lower_ in joiners):
        return None
    # digits at both ends ("10 to 20"), or any numbers after "between"/"from" ("between six and 10")
    if not (between or (DIGITS.match(toks[j + 1].text) and DIGITS.match(toks[i].text))):
        return None
    start, end = read_number(toks, i), read_number(toks, j + 1)
    if start is not None and end is not None and end[0] > start[0]:
        return end[0], end[1], (i - 1 if between else i)
    return None


def _shared_scale(toks, low: float, upper: float, j: int) -> float:
    """The lower end of a range whose scale word comes once, after the upper end ("12-13 million",
    "two to three thousand") is in that scale too."""
    scale = SCALES.get(toks[j - 1].lower_) if j > 0 else None
    if scale and toks[j - 1].lower_ != "hundred" and low * scale <= upper and low < scale:
        return low * scale
    return low


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Words that can open a number phrase (besides digits)."""
    return (
        frozenset(UNITS)
        | frozenset(TENS)
        | frozenset(SCALES)
        | frozenset(FRACTIONS)
        | _vague_first_words()
        | {"a", "an", "one"}
    )


# "as many as 38", "how many", "so many", "in many cases": the word is a degree or a question
NOT_A_QUANTITY_AFTER = frozenset({"as", "how", "so", "too", "in", "of", "that", "very"})


def _not_a_quantity(toks, i: int) -> bool:
    """A bare "many"/"numerous"/"multiple" that does not count people here."""
    if toks[i].lower_ not in ("many", "numerous", "multiple"):
        return False
    return i > 0 and toks[i - 1].lower_ in NOT_A_QUANTITY_AFTER


def _counted_unit(toks, i: int) -> bool:
    """ "two hundreds"-like: a number right before the vague word multiplies it (not the day of a
    dateline, "2024-05-01 Dozens of protesters")."""
    return i > 0 and read_number(toks, i - 1) is not None and not (i > 1 and toks[i - 2].text in "-/")


def number_phrases(toks) -> list[NumberPhrase]:
    """Every number phrase of a sentence, in order."""
    out: list[NumberPhrase] = []
    starters = _starters()
    # most words start no number: only these tokens are looked at
    candidates = [k for k, t in enumerate(toks) if t.lower_ in starters or t.text[:1].isdigit()]
    if not candidates:
        return out
    i = 0
    for k in candidates:
        if k < i:
            continue  # inside the phrase just read
        i = k
        vague = read_vague(toks, i)
        if vague and not _counted_unit(toks, i) and not _not_a_quantity(toks, i):
            key, j = vague
            table = vague_table()[key]
            low, high = table["low"], table["high"]
            out.append(NumberPhrase(i, j, i, None, _float(low), _float(high), "vague", "people"))
            i = j
            continue
        num = read_number(toks, i)
        if num is None:
            # fractions: "a third", "half of"
            if (
                toks[i].lower_ in FRACTIONS
                and i > 0
                and toks[i - 1].lower_ in ("a", "one")
                and i + 1 < len(toks)
                and toks[i + 1].lower_ == "of"
            ):
                v = FRACTIONS[toks[i].lower_]
                out.append(NumberPhrase(i - 1, i + 1, i - 1, round(v, 2), round(v, 2), round(v, 2), "exact", "percent"))
            i += 1
            continue
        value, j = num
        approx, first = qualifier_before(toks, i)
        suffix = _approx_suffix(toks, j)
        if suffix is not None:  # "150-odd people", "1,000-plus"
            approx, j = suffix
        unit = "people"
        pct = read_percent(toks, j)
        if pct is not None:
            unit, j = "percent", pct
        rng = _range_end(toks, i, j)
        if rng is not None:  # "between 10 and 20", "10 to 20", "10-20%"
            upper, j, first = rng
            value = _shared_scale(toks, value, upper, j)  # "12-13 million": both in millions
            pct_after = read_percent(toks, j)
            if unit == "people" and pct_after is not None:
                unit, j = "percent", pct_after
            out.append(NumberPhrase(first, j, i, None, value, upper, "range", unit))
            i = j
            continue
        bounds: dict[str, tuple[float | None, float | None]] = {
            "exact": (value, value),
            "about": (None, None),
            "at_least": (value, None),
            "more_than": (value, None),
            "up_to": (None, value),
        }
        low, high = bounds[approx]
        out.append(NumberPhrase(first, j, i, value, low, high, approx, unit))
        i = j
    return out
