"""Names found in the text itself: people, organisations and states, with their titles.

The registry is not needed to find a speaker: any capitalised name in the text is an
entity. Rules, in order:

- a *name run* is a sequence of capitalised words (initials, hyphenated and particle
  names such as "al-Jarrah" included; "of", "for", "the", "and" inside an organisation's
  name), never starting with a sentence-initial function word ("The", "But", "According");
- capitalised role words at its start are a *title*, not part of the name ("President
  Recep Tayyip Erdogan"); lower-case role words just before it ("Bucha mayor Anatoliy
  Fedoruk") are its title too;
- a run with an organisation head word ("Ministry", "Council", "Office", "Red Crescent",
  "Doctors Without Borders", "police") or an acronym ("UN", "NATO") is an organisation;
  a known country or region is a state or place; two to five name words are a person; a
  single word is a person only after a title or when it repeats the surname or given name
  of a person named earlier;
- later mentions ("Fedoruk", "Anatoliy Fedoruk") resolve to the first full mention of
  the same person (same surname, similar given name), which gives the canonical name.

The actor registry only canonicalises: a name run that is a registry mention takes the
registry's actor id.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from nameparser.config import CONSTANTS as NAME_CONSTANTS

from newsfacts.extract.cues import FORMS as CUE_FORMS
from newsfacts.extract.numbers import TENS, UNITS
from newsfacts.extract.places import gazetteer, region_names
from newsfacts.model.ids import slugify

WORD = re.compile(r"[^\W_](?:[\w'’.\-]*[\w.])?|&")
# Words that start a sentence without being part of a name.
FUNCTION_WORDS = set(
    """a an the this that these those there their they them he she his her it its we our
you your i my me us but and or so yet if as at by for from in into of on onto to with without after
before during since until while when where whatever what which who whom whose why how according
although though because despite however meanwhile also earlier later then now today yesterday tonight
some many several most more all both each every few no not one two three four five six seven eight nine
ten hundreds thousands dozens just only even still already again here instead among between
over under up down out near about around nearly almost once twice other another such
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr mrs ms dr""".split()
)
MONTHS_DAYS = set(
    """monday tuesday wednesday thursday friday saturday sunday january february march
april june july august september october november december""".split()
)
ROLE_WORDS = set(
    """president vice prime minister ministers governor mayor general chancellor senator secretary
spokesman spokeswoman spokesperson ambassador commander chief head leader official deputy adviser advisor
envoy prosecutor judge king queen prince pope sheikh lieutenant colonel major captain sergeant professor
director coordinator commissioner representative chairman chairwoman chair founder ceo manager officer
inspector administrator rapporteur premier dr mr mrs ms sir lord lady rev father bishop archbishop
patriarch imam rabbi cardinal mp lawmaker analyst expert researcher doctor nurse surgeon teacher
correspondent reporter editor activist lawyer attorney police foreign interior defence defense health
emergency regional local acting former interim senior top military state deputy""".split()
)
PERSON_ROLES = set(
    """president minister governor mayor general chancellor senator secretary spokesman
spokeswoman spokesperson ambassador commander chief head leader official deputy adviser advisor envoy
prosecutor judge king queen prince pope sheikh lieutenant colonel major captain sergeant professor director
coordinator commissioner representative chairman chairwoman chair founder ceo manager officer inspector
administrator rapporteur premier mp lawmaker analyst doctor nurse surgeon teacher activist lawyer attorney
resident witness survivor father mother priest bishop archbishop patriarch imam rabbi cardinal medic paramedic
soldier volunteer""".split()
)
HONORIFICS = {
    "mr": "male",
    "mr.": "male",
    "mrs": "female",
    "mrs.": "female",
    "ms": "female",
    "ms.": "female",
    "dr": None,
    "dr.": None,
    "sir": "male",
    "lady": "female",
    "lord": "male",
}
ORG_HEADS = set(
    """ministry ministries council office agency agencies army navy police service services
commission committee crescent cross organization organisation organisations organizations department embassy
government forces force observatory group union nations authority authorities court tribunal parliament assembly
institute bureau guard guards network center centre fund programme program party company corporation bank
hospital administration command staff directorate unit brigade federation coalition alliance front movement
watch international borders kremlin pentagon secretariat mission cabinet senate congress duma militia
battalion regiment corps media television tv radio news press newspaper times post journal channel
foundation association society trust initiative project operator plant ngo charity monitor monitors campaign
prosecutors rescuers military school university college lab laboratory academy house""".split()
)
PLACE_CONNECTORS = frozenset({"on", "in", "at"})  # join an organisation's name, never a person's
CONNECTORS = {
    "of",
    "for",
    "the",
    "on",
    "de",
    "du",
    "del",
    "da",
    "di",
    "van",
    "von",
    "bin",
    "ibn",
    "al",
    "el",
    "&",
    "without",
}
PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "da", "di", "van", "von", "der", "le", "la", "du", "del", "dos"}
AGE_AFTER = re.compile(r", \d{1,3}(?:,|\.(?!\d))")  # "Artiom, 41, who works in radio", "said a rescuer, Oleksandr, 44."
_FUNCTION_OR_CONNECTOR = frozenset(FUNCTION_WORDS | CONNECTORS)
_FUNCTION_NOT_HONORIFIC = frozenset(FUNCTION_WORDS - set(HONORIFICS))
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")
STOP_ACRONYMS = {"AM", "PM", "GMT", "UTC", "AD", "BC", "OK", "TV", "I", "II", "III", "US", "UK", "EU", "USA"}


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector  # a dictionary of ~45,000 given names by country, no download

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def given_name_gender(word: str) -> str | None:
    """male, female, or None (unknown or androgynous) for a given name, by gender-guesser; None too
    for a name that is male in some countries and female in others ("Andrea", "Nicola", "Rand")."""
    detector = _gender_detector()
    g = {"male": "male", "female": "female"}.get(detector.get_gender(word))  # "mostly_…" is too weak
    if g is None:
        return None
    return None if _wins_somewhere(detector.names[word.lower()], "female" if g == "male" else "male") else g


def _wins_somewhere(by_gender: dict[str, str], gender: str) -> bool:
    """Whether `gender` is the name's gender in some country: what gender-guesser's
    get_gender(name, country) answers for each of its countries, from its table in one pass (a
    column per country, a character per count; the first gender with the highest count wins)."""
    column = by_gender.get(gender)
    if column is None:
        return False
    order = list(by_gender)
    at = order.index(gender)
    for k, ch in enumerate(column):
        count = ord(ch) - 32
        if count <= 0:
            continue
        counts = [ord(by_gender[other][k]) - 32 for other in order]
        if all(c < count for c in counts[:at]) and all(c <= count for c in counts[at + 1 :]):
            return True
    return False


@lru_cache(maxsize=4096)
def known_given_name(word: str) -> bool:
    return _gender_detector().get_gender(word) != "unknown"


@lru_cache(maxsize=8192)
def is_title_word(word: str) -> bool:
    """A role or honorific before a name: the project's role words and nameparser's 800 titles."""
    w = word.lower().rstrip(".")
    if "-" in w and w not in ROLE_WORDS:  # "Director-General", "Secretary-General"
        return all(_title(part) for part in w.split("-"))
    return _title(w)


def _title(w: str) -> bool:
    return w in ROLE_WORDS or w in HONORIFICS or w in NAME_CONSTANTS.titles


PLACE_NOUNS = {
    "province",
    "region",
    "district",
    "city",
    "county",
    "state",
    "oblast",
    "governorate",
    "village",
    "town",
    "valley",
    "river",
    "island",
    "islands",
    "peninsula",
    "municipality",
    "prefecture",
}
ADJECTIVE = re.compile(
    r"(?:ish|ese|-based|-led|-backed|-run|-born|-owned|-controlled|-installed|-appointed|"
    r"-aligned|-allied|-affiliated|-linked|-held|-occupied|-speaking|-friendly|-leaning)$"
)


@dataclass(frozen=True)
class Name:
    """One name in the text: `start`/`end` cover the name words (titles excluded)."""

    start: int
    end: int
    text: str
    kind: str  # person, organization, state, place
    title: str | None  # role words before the name, as written (lower case)
    gender: str | None = None
    confident: bool = True  # a person: a known given name or a title; organisations: always
    aged: bool = False  # a lone name followed by an age, "Artiom, 41,": a person's name


@dataclass
class Entity:
    """An actor found in one article: every name that refers to it, its canonical name."""

    key: str  # registry actor id, or a slug of the canonical name
    name: str
    kind: str
    titles: set[str]
    gender: str | None
    registry: bool = False
    confident: bool = True


ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|Jr\.")


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of text[start:end], possessive endings and final full stops cut off
    (except in initials and abbreviations such as "U.S." and "Dr.")."""
    out: list[tuple[int, int, str]] = []
    append = out.append
    for m in WORD.finditer(text, start, end):
        w = m.group()
        last = w[-1]  # a word ends with a letter, digit, "_", "." or is "&": never with a quote mark
        if last == "s" and len(w) > 3 and w[-2] in "'’‘":
            append((m.start(), m.end() - 2, w[:-2]))
        elif last == "." and not ABBREVIATION.fullmatch(w):
            if len(w) > 1:
                append((m.start(), m.end() - 1, w[:-1]))
        else:
            append((m.start(), m.end(), w))
    return out


# Plural nouns whose possessive is part of an organisation's name: "Pakistan People's Party",
# "Workers' Party", "Soldiers' Mothers Committee".
IN_NAME_POSSESSORS = frozenset({"People", "Women", "Children", "Workers", "Farmers", "Veterans", "Citizens", "Mothers"})


def _possessive_in_name(gap: str, word: str) -> bool:
    return gap in ("'s ", "’s ", "' ", "’ ") and word in IN_NAME_POSSESSORS


def _connects(text: str, words: list, j: int) -> bool:
    """A connector inside a name: "Ministry of Defence", "Ministry for the Reintegration of …"."""
    k = j + 1
    if k < len(words) and words[k][2] == "the" and words[j][2] != "the":
        k += 1  # "for the", "of the"
    return (
        k < len(words)
        and _capitalised(words[k][2])
        and all(text[words[n][1] : words[n + 1][0]] == " " for n in range(j, k))
    )


def _person_then_of(words: list, i: int, j: int) -> bool:
    """ "Tom Berg of the Vale Institute": a person's full name, then "of" and where they are from,
    is two names (not "Bank of America", "Ministry of Defence")."""
    return (
        words[j][2] in ("of", "from", "at")
        and 2 <= j - i <= 3
        and known_given_name(words[i][2])
        and _kind([w for _, _, w in words[i:j]]) == "person"
    )


def _space(gap: str) -> bool:
    """Spaces between two words of a name: "Matthew  Miller", a no-break space, or the line break of
    a hard-wrapped paragraph (a name is read within one sentence, and a sentence within one
    paragraph: between paragraphs no name is joined)."""
    return 0 < len(gap) <= 3 and not gap.strip(" \u00a0\u202f\u2009\n")


def _acronym(w: str) -> bool:
    """ "WHO" is the World Health Organization, not "who"."""
    return len(w) >= 3 and w.isupper() and w.isalpha()


def _capitalised(w: str) -> bool:
    if w[:1].isupper():
        return True
    head = w.split("-", 1)
    return len(head) == 2 and head[0] in PARTICLES and head[1][:1].isupper()  # al-Jarrah


def _kind(words: list[str]) -> str:
    return _kind_of(tuple(words))


@lru_cache(maxsize=16384)  # a name's words decide its kind: computed once per name
def _kind_of(words: tuple[str, ...]) -> str:
    low = [w.lower() for w in words]
    joined = " ".join(words)
    if joined in gazetteer():
        return "state" if len(gazetteer()[joined]) == 2 else "place"
    if joined in region_names() and not (len(words) == 1 and known_given_name(joined)):
        return "place"  # "New York", "Punjab"; not "Victoria", a given name as well
    if any(w in ORG_HEADS for w in low) or (ACRONYM.match(words[0]) and words[0] not in STOP_ACRONYMS):
        return "organization"
    if len(words) > 1 and (low[-1] in GEO_HEADS or low[0] in GEO_FIRST):
        return "place"  # "Aral Sea", "Gaza Strip", "Zamzam Camp", "Lake Victoria", "Mount Sinjar"
    return "person"


# the common nouns of geographic names, last ("Aral Sea") or first ("Lake Victoria")
GEO_HEADS = frozenset(
    PLACE_NOUNS
    | set(
        "sea ocean lake bay gulf strait strip desert mountains hills coast canal camp square street avenue road "
        "bridge airport port harbour harbor dam crossing".split()
    )
)
GEO_FIRST = frozenset({"lake", "mount", "mt", "mt.", "cape", "port", "fort", "camp", "gulf"})


def names_in(text: str, start: int, end: int) -> list[Name]:
    """Every name run in text[start:end] (one sentence), with its title."""
    words = _words(text, start, end)
    out: list[Name] = []
    i = 0
    n_words = len(words)
    while i < n_words:
        w = words[i][2]
        if not w[0].isupper() and ("-" not in w or not _capitalised(w)):
            i += 1  # most words: not capitalised
            continue
        skip = _not_a_name(text, words, i)
        if skip:
            i += skip
            continue
        j = i + 1
        while j < len(words):
            gap = text[words[j - 1][1] : words[j][0]]
            wj = words[j][2]
            if (
                gap not in (" ", "-")
                and not _space(gap)
                and not (gap == ". " and len(words[j - 1][2]) == 1)
                and not _possessive_in_name(gap, words[j - 1][2])
            ):
                break
            if _capitalised(wj) and wj.lower() not in MONTHS_DAYS:
                j += 1
            elif wj.lower() in CONNECTORS and _connects(text, words, j) and not _person_then_of(words, i, j):
                j += 1
            else:
                break
        found = _split_run(text, words, i, j)
        office = _office_of(text, words, i, j)
        if office is not None:  # "the Mexican Attorney General’s Office"
            found = [office]
            j += 1
        i = j
        if found and found[-1].kind != "person" and _modifies_named_head(text, words, j):
            found.pop()  # "the Israeli newspaper Haaretz": the name that follows is the organisation
        org = _organisation_phrase(text, words, j, found[-1] if found else None)
        if org is not None:
            found[-1] = org
            while i < len(words) and words[i][0] < org.end:
                i += 1
        out.extend(found)
    return out


# after a dateline's city: a wire credit in brackets and a dash or colon ("PARIS (AFP) -",
# "ISLAMABAD (dpa):", "GENEVA —"), or a comma, a region and a dash ("KYIV, Ukraine —")
DATELINE_AFTER = re.compile(r"(?:\s*\([^()\n]{1,40}\))?\.?\s*[—–:-]|,\s+[A-Z][^\n—–]{0,60}?\s[—–]")


# count words that open no name ("Sixteen Ukrainian soldiers"); not "one" ("One Nation")
NUMBER_WORDS = frozenset(w for w in (*UNITS, *TENS) if w not in ("a", "an", "one", "zero"))


def _not_a_name(text: str, words: list, i: int) -> int:
    """How many words from words[i] on open no name: a function word ("The", not the acronym
    "WHO" of "The WHO said", but "THE" of "THE END"), or a dateline."""
    w = words[i][2]
    acronym = _acronym(w) and not (i + 1 < len(words) and words[i + 1][2].isupper())
    if (w.lower() in _FUNCTION_NOT_HONORIFIC and not acronym) or w.lower() in NUMBER_WORDS:
        return 1  # "Sixteen Ukrainian soldiers": a count opening the sentence, not a name
    return _dateline(text, words, i)


def _dateline(text: str, words: list, i: int) -> int:
    """How many words of a dateline start at words[i] (0: none): "GENEVA:", or a city in capitals
    opening a paragraph ("PARIS (AFP) -", "SAO PAULO (Reuters) –", "KYIV, Ukraine —"), not an
    organisation."""
    word = words[i]
    if len(word[2]) >= 4 and word[2].isupper() and text[word[1] : word[1] + 1] == ":":
        return 1
    if len(word[2]) < 3 or not word[2].isupper() or (word[0] > 0 and text[word[0] - 1] != "\n"):
        return 0
    k = i + 1
    while k < len(words) and k - i < 4 and words[k][2].isupper() and text[words[k - 1][1] : words[k][0]] in (" ", "-"):
        k += 1
    return k - i if DATELINE_AFTER.match(text, words[k - 1][1]) else 0


def _office_of(text: str, words: list, i: int, j: int) -> Name | None:
    """ "Attorney General’s Office", "Prosecutor General's Office": a title's office, one organisation."""
    if j >= len(words) or text[words[j - 1][1] : words[j][0]] not in ("’s ", "'s "):
        return None
    head = words[j][2]
    if not (head[:1].isupper() and head.lower() in ORG_HEADS and is_title_word(words[j - 1][2])):
        return None
    return Name(words[i][0], words[j][1], text[words[i][0] : words[j][1]], "organization", None)


def _organisation_phrase(text: str, words: list, j: int, name: Name | None) -> Name | None:
    """ "Russia's defense ministry", "the Israeli army": a name, then up to two lower-case words
    and an organisation head noun, is the name of an organisation."""
    if name is None or name.kind == "person" and name.title:
        return None
    for k in range(j, min(j + 3, len(words))):
        w = words[k][2]
        gap = text[words[k - 1][1] : words[k][0]]
        if not w.islower() or gap not in (" ", "’s ", "'s ", "’ ", "' "):
            return None
        if w in FUNCTION_WORDS or w in CUE_FORMS:
            return None  # "Israel announced its forces": a clause, not a name
        if w in ORG_HEADS and not _head_goes_on(text, words, k):
            return Name(name.start, words[k][1], text[name.start : words[k][1]], "organization", name.title)
    return None


def _head_goes_on(text: str, words: list, k: int) -> bool:
    """The organisation noun at words[k] is followed by another ("state news agency", "news service")."""
    return k + 1 < len(words) and words[k + 1][2] in ORG_HEADS and text[words[k][1] : words[k + 1][0]] == " "


def _modifies_named_head(text: str, words: list, j: int) -> bool:
    """The run that ends before words[j] modifies an organisation noun that a name follows: "the
    Israeli newspaper Haaretz", "Iran's news agency Tasnim" (the organisation is the name)."""
    for k in range(j, min(j + 3, len(words))):
        w = words[k][2]
        if not w.islower() or text[words[k - 1][1] : words[k][0]] not in (" ", "’s ", "'s "):
            return False
        if w in ORG_HEADS and not _head_goes_on(text, words, k):
            return _named_after(text, words, k + 1)
    return False


def _named_after(text: str, words: list, k: int) -> bool:
    """A capitalised name (not a title, a weekday or a month) follows a common noun at words[k-1]."""
    if k >= len(words) or text[words[k - 1][1] : words[k][0]] != " ":
        return False
    w = words[k][2]
    return w[:1].isupper() and w.lower() not in MONTHS_DAYS and w.lower() not in FUNCTION_WORDS and not is_title_word(w)


def _strip_titles(run: list) -> tuple[list, list, str | None]:
    """(title words, name words, gender) of a person-like run: "Ukrainian President Volodymyr
    Zelensky" -> up to the last title word."""
    if len(run) == 1:
        return [], run, None  # most runs: one word, no room for a title
    if _kind([w for _, _, w in run]) != "person":
        return [], run, None
    k = max((n + 1 for n in range(len(run) - 1) if is_title_word(run[n][2])), default=0)
    portfolio = next(
        (n + 1 for n in range(len(run) - 3) if is_title_word(run[n][2]) and run[n + 1][2].lower() in ("of", "for")),
        None,
    )
    if portfolio is not None:
        k = _portfolio_end(run, portfolio)  # "Minister for Climate Change Sherry Rehman"
    gender = next((HONORIFICS[w.lower()] for _, _, w in run[:k] if w.lower() in HONORIFICS), None) if k else None
    return run[:k], run[k:], gender


def _portfolio_end(run: list, k: int) -> int:
    """Where the name starts after a title's portfolio ("of Foreign Affairs"): at a known given name
    among the last four words, else two words before the end."""
    for n in range(max(k + 2, len(run) - 4), len(run) - 1):
        if known_given_name(run[n][2]):
            return n
    return len(run) - 2


def _title_of(words: list, first: int, titled: list) -> list[str]:
    """Lower-case role words just before the run ("Bucha mayor …") and the run's own titles."""
    before: list[str] = []
    n = first - 1
    while n >= 0 and len(before) < 3 and words[n][2].lower() in ROLE_WORDS:
        before.insert(0, words[n][2])
        n -= 1
    return before + [w for _, _, w in titled]


def _title_gender(title_words: list[str]) -> str | None:
    if not title_words:
        return None  # most names have no title
    low = {w.lower() for w in title_words}
    if low & {"spokeswoman", "mother", "queen", "lady"}:
        return "female"
    if low & {"spokesman", "father", "king", "lord", "chairman"}:
        return "male"
    return None


def _person_kind(names: list[str], title: str | None, follower: str, before: str) -> str | None:
    """What a person-like run really is: a place before "province", nothing when it is adjectives
    before a noun ("the Oslo-based Kurdish group"), an organisation when "the" stands before a
    lone name ("the Guardian"); else a person."""
    if follower in PLACE_NOUNS:
        return "place"
    if follower.islower() and ADJECTIVE.search(names[-1]) and follower not in CUE_FORMS:
        return None
    if len(names) >= 2 and is_title_word(names[-1]) and not known_given_name(names[-2]):
        return None  # "The organisation's Country Director, X,": a title in capitals, not a name ("John Major" is)
    if len(names) == 1 and title and is_title_word(names[0]):
        return None  # "Deputy Prime Minister": titles only, no name
    if len(names) == 1 and not title and before == "the":
        return "organization"
    return "person"


def _office_holder(words: list, i: int, j: int) -> int | None:
    """Index of the first title word when words[i:j] is an organisation, a title and a person's
    name ("UN Human Rights Chief Volker Türk", "IAEA Director General Rafael Grossi"), else None."""
    if j - i < 3:
        return None  # an organisation, a title and a name take three words at least
    run = [w for _, _, w in words[i:j]]
    if _kind(run) != "organization":
        return None
    last = max((n for n in range(1, len(run) - 1) if is_title_word(run[n])), default=None)
    if last is None or run[last - 1].lower() in CONNECTORS:
        return None  # not "Center for Civil Liberties": a title word right after "for" is the name's
    if not _person_after(run, _after_complement(run, last + 1)):
        return None
    first = last
    while first > 1 and is_title_word(run[first - 1]):
        first -= 1
    return i + first


def _after_complement(run: list[str], k: int) -> int:
    """Where a person's name may start after a title ending at run[k - 1]: at k, or after the
    title's complement ("High Commissioner for Refugees Filippo Grandi": at Filippo)."""
    if k < len(run) and run[k].lower() in ("for", "of", "on"):
        given = next((n for n in range(k + 2, len(run) - 1) if known_given_name(run[n])), None)
        return given if given is not None else k
    return k


def _person_after(run: list[str], k: int) -> bool:
    """run[k:] is a person's name of one to four words, with no title or connector in it."""
    person = run[k:]
    if not 1 <= len(person) <= 4 or _kind(person) != "person":
        return False
    return not any(is_title_word(w) or w.lower() in CONNECTORS for w in person)


def _body_then_person(words: list, i: int, j: int) -> int | None:
    """Index of a person's given name right after an organisation's head word ("Head of Kharkiv
    Oblast Military Administration Oleh Syniehubov": the administration, then Syniehubov), else None."""
    run = [w for _, _, w in words[i:j]]
    if len(run) < 3 or not any(w.lower() in ORG_HEADS for w in run[:-1]) or _kind(run) != "organization":
        return None
    for n in range(1, len(run) - 1):
        end = next((m for m in range(n + 1, len(run)) if run[m].lower() in CONNECTORS), len(run))
        person = run[n:end]  # "… Serhiy Lysak on Telegram": the name ends before "on"
        given = person[0][:1].isupper() and known_given_name(person[0])  # not "Commission on Human Rights"
        if run[n - 1].lower() in ORG_HEADS and len(person) <= 3 and given:
            if _kind(person) == "person" and not any(w.lower() in ORG_HEADS for w in person):
                return i + n
    return None


def _place_then_person(words: list, i: int, j: int) -> int | None:
    """Index of a person's given name right after a place ("the governor of Sumy Dmytro
    Zhyvytsky": Sumy, then Zhyvytsky), else None."""
    run = [w for _, _, w in words[i:j]]
    if len(run) < 3 or known_given_name(run[0]):  # not "Jordan Fabian"
        return None
    for n in range(1, min(3, len(run) - 1)):
        if known_given_name(run[n]) and _kind(run[:n]) == "place" and _kind(run[n:]) == "person":
            return i + n
    return None


def _head_of_body(text: str, words: list, i: int, holder: int, j: int) -> list[Name]:
    """ "Head of Dnipro Regional Administration Serhiy Lysak": the administration, and Lysak
    titled "head of dnipro regional administration"."""
    title = text[words[i][0] : words[holder - 1][1]].lower()
    people = _split_run(text, words, holder, j)
    if people and people[0].kind == "person":
        people[0] = replace(people[0], title=people[0].title or title)
    return _split_run(text, words, i + 2, holder) + people


def _split_run(text: str, words: list, i: int, j: int) -> list[Name]:
    """The run words[i:j] of capitalised words as a name: leading titles become its title; an
    organisation's office holder is two names, the organisation and the titled person."""
    i, j = _trimmed(words, i, j)
    if j <= i:
        return []  # only connectors: "He saw THE in a box"
    holder = _body_then_person(words, i, j)
    if holder is not None and is_title_word(words[i][2]) and words[i + 1][2].lower() == "of":
        return _head_of_body(text, words, i, holder, j)
    office = _office_holder(words, i, j) or holder or _place_then_person(words, i, j)
    if office is not None:
        return _split_run(text, words, i, office) + _split_run(text, words, office, j)
    titled, run, gender = _strip_titles(words[i:j])
    if titled and run and run[0][2].lower() in CONNECTORS:
        return _after_title_connector(text, words, i, i + len(titled) + 1, j)
    if not run or all(w.lower() in _FUNCTION_OR_CONNECTOR and not _acronym(w) for _, _, w in run):
        return []
    names = [w for _, _, w in run]
    first = i + len(titled)  # index of the name's first word
    title_words = _title_of(words, i, titled)
    title = " ".join(title_words).lower() or None
    gender = gender or _title_gender(title_words)
    common = names[0].lower() in ORG_HEADS or (names[0].lower() in FUNCTION_WORDS and not _acronym(names[0]))
    if len(names) == 1 and common and not title:
        return []  # "Post mortems …", "Police said": a common noun opening a sentence
    kind = _run_kind(text, words, first, names, title)
    cut = next((n for n, w in enumerate(names) if n and w in PLACE_CONNECTORS), None)
    if cut is not None and _kind(names[:cut]) == "person":  # "Comey on MSNBC", "X on Lune Radio": a person, then more
        return _split_run(text, words, i, first + cut) + _split_run(text, words, first + cut + 1, j)
    if kind == "person":
        if len(names) > 5:
            return []
        nxt = words[j][2] if j < len(words) else ""
        prev = words[first - 1][2].lower() if first > 0 else ""
        refined = _person_kind(names, title, nxt, prev)
        if refined is None:
            return []
        kind = refined
    aged = kind == "person" and len(names) == 1 and AGE_AFTER.match(text, run[-1][1]) is not None
    confident = kind != "person" or bool(title) or known_given_name(names[0]) or aged
    if kind == "person" and gender is None and (len(names) > 1 or aged or known_given_name(names[0])):
        gender = given_name_gender(names[0])
    return [Name(run[0][0], run[-1][1], text[run[0][0] : run[-1][1]], kind, title, gender, confident, aged)]


def _after_title_connector(text: str, words: list, i: int, start: int, j: int) -> list[Name]:
    """The names after a title and its connector: "Prime Minister of Haiti": a title and a place;
    "Special Rapporteur on Torture Alice Edwards": the title's complement, then the titled person."""
    sub = [w for _, _, w in words[start:j]]
    n = next((n for n in range(1, len(sub) - 1) if known_given_name(sub[n]) and _person_after(sub, n)), None)
    if n is None or _kind(sub[:n]) in ("place", "state"):
        return _split_run(text, words, start, j)
    title = text[words[i][0] : words[start + n - 1][1]].lower()
    return [
        replace(p, title=p.title or title) if p.kind == "person" else p for p in _split_run(text, words, start + n, j)
    ]


def _run_kind(text: str, words: list, first: int, names: list[str], title: str | None) -> str:
    """The kind of the name words[first:…]: by its words, except that an untitled name right after a
    lower-case organisation noun is that organisation's ("the newspaper Haaretz", "group Hengaw")."""
    kind = _kind(names)
    if kind != "person" or title or first == 0 or any(is_title_word(w) for w in names):
        return kind
    head = words[first - 1]
    if first >= 2 and words[first - 2][2] == "of":
        return kind  # "chief of staff Ana Lopes": the noun is a role's, not the name's
    return "organization" if head[2] in ORG_HEADS and text[head[1] : words[first][0]] == " " else kind


def _trimmed(words: list, i: int, j: int) -> tuple[int, int]:
    """The run words[i:j] without connectors at its end ("of", "the") or a nationality in the
    plural at its start ("Americans Gershkovich, Kara-Murza and Whelan")."""
    while j > i and words[j - 1][2].lower() in CONNECTORS:
        j -= 1
    if j - i >= 2 and _plural_demonym(words[i][2]):
        i += 1
    return i, j


def _plural_demonym(word: str) -> bool:
    """ "Americans", "Ukrainians", "Palestinians": people of a nation, never a given name."""
    return len(word) >= 6 and word.endswith("ans") and word[:1].isupper() and not known_given_name(word)


def initials(name: str) -> str:
    """ "Kenya National Commission on Human Rights" -> "KNCHR" (capitalised words only)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _person_index(name: str) -> str:
    """Where a person's name is filed: the first three letters of its last word (a lone name is
    looked up as either part; spelling variants such as Zelensky/Zelenskyy share the prefix)."""
    return name.split()[-1][:3].lower()


def _same_person(a: str, b: str) -> bool:
    """Two person names of one article that refer to the same person."""
    wa, wb = a.lower().split(), b.lower().split()
    if not wa or not wb:
        return False
    if len(wa) == 1 or len(wb) == 1:
        one, other = (wa, wb) if len(wa) == 1 else (wb, wa)
        return one[0] in (other[-1], other[0])
    if wa[-1] != wb[-1] and difflib.SequenceMatcher(None, wa[-1], wb[-1]).ratio() < 0.85:
        return False
    return difflib.SequenceMatcher(None, wa[0], wb[0]).ratio() >= 0.7


class Entities:
    """The actors of one article and which entity each name refers to."""

    def __init__(self) -> None:
        self.by_key: dict[str, Entity] = {}
        self.order: list[str] = []
        self.acronyms: dict[str, str] = {}  # "OCHA" -> the entity it abbreviates
        self.people: dict[str, list[str]] = {}  # first letters of a given or family name -> person keys
        self._initials: dict[str, str] = {}  # initials of an entity's name -> the last such entity's key
        self._indexed = 0  # how many entities of `order` are in _initials

    def add_acronym(self, acronym: str, ent: Entity) -> None:
        self.acronyms.setdefault(acronym, ent.key)

    def add(
        self,
        name: Name,
        registry_id: str | None = None,
        registry_name: str | None = None,
        registry_kind: str | None = None,
        force: bool = False,
    ) -> Entity | None:
        """The entity `name` refers to, created when it is new; None for a bare unknown word
        (unless `force`). A registry id wins; then an acronym; then an earlier mention of the
        same person."""
        if registry_id:
            ent = self.by_key.get(registry_id)
            if ent is None:
                ent = Entity(
                    registry_id, registry_name or name.text, registry_kind or name.kind, set(), name.gender, True
                )
                self._put(ent)
            return self._noted(ent, name)
        ent = self._abbreviated(name)
        if ent is None and name.kind == "person":
            ent = self._same_person_as(name)
            if ent is None and len(name.text.split()) == 1 and not name.title and not name.aged and not force:
                return None  # a lone capitalised word: not known to be a person
        if ent is None:
            canonical = " ".join(name.text.split())  # "Matthew  Miller" (two spaces) is Matthew Miller
            key = slugify(canonical)
            ent = self.by_key.get(key)
            if ent is None:
                ent = Entity(key, canonical, name.kind, set(), name.gender, confident=name.confident)
                self._put(ent)
        ent.confident = ent.confident or name.confident
        self._seen(ent)
        return self._noted(ent, name)

    def _abbreviated(self, name: Name) -> Entity | None:
        """The organisation an acronym stands for: declared "(OCHA)", or its initials ("KNCHR")."""
        if name.text in self.acronyms:
            return self.by_key[self.acronyms[name.text]]
        if name.kind != "organization" or not ACRONYM.match(name.text):
            return None
        ent = self._last_with_initials(name.text)
        if ent is not None:
            self.add_acronym(name.text, ent)
        return ent

    def _last_with_initials(self, acronym: str) -> Entity | None:
        """The entity added last whose name's initials() are `acronym`: entities are filed by their
        initials as they come (a name does not change), not scanned again for each acronym."""
        for key in self.order[self._indexed :]:
            self._initials[initials(self.by_key[key].name)] = key
        self._indexed = len(self.order)
        found = self._initials.get(acronym)
        return self.by_key[found] if found is not None else None

    def known_person(self, name: Name) -> Entity | None:
        """The person of the article a lone word names (a surname or given name), if any; not the
        place in "Hasta Bahadur KC of Chiuritol"."""
        ent = self._same_person_as(name)
        return None if ent is None or " of " in ent.name else ent

    def _same_person_as(self, name: Name) -> Entity | None:
        for key in reversed(self.people.get(_person_index(name.text), [])):
            ent = self.by_key[key]
            surname = not name.title and name.text == ent.name.split()[-1]  # the guessed gender of "Clinton" alone
            if ent.gender and name.gender and ent.gender != name.gender and not surname:
                continue  # "Mrs. Clinton" is not Bill Clinton
            if _same_person(ent.name, name.text):
                ent.gender = ent.gender or name.gender
                return ent
        return None

    def _seen(self, ent: Entity) -> None:
        """A person just named is the first one a lone surname or given name is looked up as
        ("Trump" after "Ivanka Trump" is her, not Donald Trump named further back)."""
        if ent.kind != "person":
            return
        words = ent.name.split()
        for w in {words[0], words[-1]}:
            keys = self.people.get(_person_index(w))
            if keys and keys[-1] != ent.key and ent.key in keys:
                keys.remove(ent.key)
                keys.append(ent.key)

    @staticmethod
    def _noted(ent: Entity, name: Name) -> Entity:
        if name.title:
            ent.titles.add(name.title)
        return ent

    def _put(self, ent: Entity) -> None:
        self.by_key[ent.key] = ent
        self.order.append(ent.key)
        if ent.kind == "person":
            words = ent.name.split()
            for w in {words[0], words[-1]}:
                self.people.setdefault(_person_index(w), []).append(ent.key)
