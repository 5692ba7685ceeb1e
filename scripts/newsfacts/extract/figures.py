"""Figures: counts of people and shares in percent, classified into category and metric."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import lru_cache

from newsfacts.extract.names import PLACE_NOUNS
from newsfacts.extract.numbers import DIGITS, MONTH_NAMES, NumberPhrase, number_phrases, read_number
from newsfacts.extract.places import find_places

TIME_WORDS = {"gmt", "utc", "et", "am", "pm", "a.m.", "p.m.", "bst", "cet", "msk", ":", "o'clock"}
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "lane", "square", "prospekt", "ulitsa"}
DURATION = re.compile(r"^(?:second|minute|hour|day|week|month|year|decade|century)s?$")
NOT_PEOPLE = re.compile(
    r"^(?:regions?|provinces?|areas?|places?|territor(?:y|ies)|settlements?|villages?|towns?|cities|city|"
    r"countries|country|states?|chambers?|houses?|steps?|stages?|times?|miles?|kilometres?|kilometers?|km|"
    r"tanks?|rockets?|missiles?|shells?|drones?|aircraft|planes?|ballots?|votes?|cars?|flights?|questions?|"
    r"points?|sanctions?|packages?|rounds?|percent|kilograms?|tons?|tonnes?|dollars?|euros?|roubles?|rubles?|"
    r"billion|bodies-only|parts|buildings?|homes?|houses?|apartments?|vehicles?|hospitals?|schools?|"
    r"trucks?|lorries|boats?|ships?|vessels?|containers?|convoys?|tents?|beds?|meals?|bags?|"
    r"neighbou?rhoods?|communities|streets?|blocks?|sites?|camps?|shelters?|days?|nights?|"
    r"met(?:er|re)s?|feet|foot|yards?|inches|degrees?|celsius|fahrenheit|explosions?|blasts?|attacks?|(?:air)?strikes?|bombs?|bombings?|"
    r"raids?|shots?|bullets?|grenades?|helicopters?|jets?|series|colleges?|universit(?:y|ies)|facilit(?:y|ies)|"
    r"incidents?|(?:earth)?quakes?|aftershocks?|warrants?|counties|county|districts?|municipalit(?:y|ies)|oblasts?)$"
)
# metric -> words that, near a count of people, say what is counted (first match by distance wins)
PEOPLE_METRICS = [
    ("bodies_with_torture_signs", r"torture"),
    ("bodies_exhumed", r"bod(?:y|ies)|corpses?|graves?|exhum\w*"),
    (
        "killed",
        r"killed|dead|died|deaths?|kill(?:s|ing)?|lives|toll|fatalities|martyred|perished|drowned|"
        r"eliminated|neutrali[sz]ed|slain|murdered|massacred|executed|succumbed|liquidated|"
        r"die|dies|dying|slaughtered|beheaded|lynched|deceased|martyrs|fatally|gunned|victims",
    ),
    (
        "wounded",
        r"wounded|injured|injuries|injury|injuring|wounding|wounds|hurt|maimed|hospitali[sz](?:ed|ation)|critical|stabbed|"
        r"treatment|treated",
    ),
    ("missing", r"missing|unaccounted|uncontactable|unreachable|disappeared|disappearances?|whereabouts"),
    (
        "detained",
        r"detained|detainees|arrested|detentions?|arrests?|jailed|imprisoned|apprehended|apprehensions?|custody|captivity|charged|sentenced|sentences|convicted",
    ),
    ("prisoners_exchanged", r"swap(?:ped)?|exchanged?|prisoners?|pows?|released?|freed|captives|repatriated"),
    (  # "enlist", not the adjective of "202 enlisted men"
        "mobilized",
        r"reservists?|mobili[sz]\w*|conscript\w*|call-?up|draft(?:ed|ees)?|recruits?|recruited|enlist(?:s|ing|ment)?",
    ),
    (
        "crossed_border",
        r"crossed|crossing|crossings|entered|entering|border|arrived|arriving|arrivals?|landed|disembarked|disembarkation|"
        r"deported|deportees|deportations?|expelled",
    ),
    ("fled_country", r"fled|flee(?:ing)?|left|emigrated|exodus"),
    ("evacuated", r"evacuated|evacuation|evacuate|evacuating|transferred|airlifted|flown"),
    ("refugees", r"refugees?|asylum-seekers|asylum"),
    ("displaced", r"displaced|displacement|evacuees|homeless|uprooted|relocated|idps?"),
    (
        "other",
        r"rescued|kidnapped|kidnap|abducted|abduct|abductees|abductions?|hostages?|kidnappings?|casualties|casualty|losses",
    ),
]
CATEGORY = {
    "killed": "casualty",
    "wounded": "casualty",
    "bodies_exhumed": "casualty",
    "missing": "casualty",
    "evacuated": "displacement",
    "refugees": "displacement",
    "prisoners_exchanged": "mobilization",
    "other": "other",
    "bodies_with_torture_signs": "casualty",
    "fled_country": "displacement",
    "crossed_border": "displacement",
    "displaced": "displacement",
    "mobilized": "mobilization",
    "detained": "mobilization",
    "vote_share_for": "vote",
    "turnout": "vote",
    "territory_share": "territory",
    "poll_share": "poll",
}
# the share of voters who voted: "turnout", "participation rate", "polling (percentage)" (as
# Indian and Pakistani English write it: "recorded 61% polling")
TURNOUT = re.compile(r"\b(?:turnout|participation rate|voter participation|polling|voting percentage)\b")
POLL = re.compile(r"\b(?:poll|polls|survey|respondents|agreed with the statement|surveyed)\b", re.I)
VOTE = re.compile(
    r"\b(?:vot\w*|ballots?|referend\w*|annex\w*|in favou?r|support\w*|backed|back|chose|results?|won|wins|garnered|"
    r"majorit\w*|yes|elector\w*)\b",
    re.I,
)
PERIOD = re.compile(
    r"\b(?:(?:over|in|during|within) the (?:last|past|previous) (?:\d+|\w+) (?:hours|days|weeks|months)"
    r"|(?:over|in|during) the (?:last|past) (?:day|week|month|year)|since the announcement|overnight"
    r"|(?:this|last) (?:week|month)|so far this year|since (?:February|the start of the war|the invasion))\b"
)
SUBJECT_SKIP = {"the", "of", "have", "has", "had", "were", "was", "are", "is", "been", "more", "other", "who", "and"}


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    category: str
    metric: str
    phrase: NumberPhrase
    subject: str | None
    location: str | None
    place_code: str | None
    period_text: str | None
    rule: str | None

    @property
    def place(self):
        return (None, None, self.location, self.place_code) if self.place_code else None


@dataclass(frozen=True)
class _Context:
    """A number phrase and the words around it, for the exclusion rules."""

    toks: list
    ph: NumberPhrase
    prev: str  # the word before the phrase (lower case, no final dot)
    nxt: str  # the word after it (lower case)

    def after(self, k: int) -> str:
        j = self.ph.last + k
        return self.toks[j].lower_ if 0 <= j < len(self.toks) else ""

    def before(self, k: int) -> str:
        j = self.ph.first - 1 - k
        return self.toks[j].lower_ if 0 <= j < len(self.toks) else ""


def _singular(c: _Context) -> bool:
    return c.ph.value == 1 and c.ph.approx == "exact"  # "one of them", "one missile"


def _counts_objects(c: _Context) -> bool:
    """ "six residential buildings": what is counted, before any verb or place, is not people
    ("202 in Valencia province" counts people in a province)."""
    for t in c.toks[c.ph.last : c.ph.last + 3]:
        if t.lower_ in PEOPLE_NOUNS or t.is_punct or t.lower_ in PLACE_PREPOSITIONS or t.lower_ in NEW_PHRASE:
            return False  # "about 70 the prior day": after a determiner, another phrase
        if _metric_at(t.lower_) and not _object_noun_after(c.toks, t):
            return False  # "At least 5 dead after missile fragments …": the count is of the dead
        if NOT_PEOPLE.match(t.lower_):
            return True
    return NOT_PEOPLE.match(c.nxt) is not None or (c.nxt == "of" and NOT_PEOPLE.match(c.after(2)) is not None)


def _object_noun_after(toks, t) -> bool:
    """ "two arrest warrants": the metric word modifies a noun of things right after it."""
    k = next((n for n, x in enumerate(toks) if x is t), None)
    return k is not None and k + 1 < len(toks) and NOT_PEOPLE.match(toks[k + 1].lower_) is not None


PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "across", "near", "inside", "outside"})
NEW_PHRASE = frozenset({"the", "a", "an", "this", "that", "each", "every", "per"})


def _fractional(c: _Context) -> bool:
    v = c.ph.value
    return v is not None and v != int(v) and v < 1000  # people come whole: "6.3" is a magnitude


def _magnitude(c: _Context) -> bool:
    return "magnitude" in {c.prev, c.nxt, c.before(1)}


def _date_or_time(c: _Context) -> bool:
    text = c.toks[c.ph.num_first].text
    year = len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100
    # "on July 11 and 12": the second day of a month named before the first (not "August 15 to 724 dead")
    second_day = c.prev == "and" and c.before(1).isdigit() and c.before(2).rstrip(".") in MONTH_NAMES
    return year or second_day or c.prev in MONTH_NAMES or c.nxt.rstrip(".") in MONTH_NAMES or c.nxt in TIME_WORDS


def _duration_or_age(c: _Context) -> bool:
    """ "59-year-old", "five days", "two or three weeks", "a day or two of training"."""
    return (
        (c.nxt == "-" and DURATION.match(c.after(1)) is not None)
        or DURATION.match(c.nxt) is not None
        or (c.nxt == "or" and DURATION.match(c.after(2)) is not None)
        or (c.prev == "or" and DURATION.match(c.before(1)) is not None)
    )


def _age(c: _Context) -> bool:
    """ "children aged 4", "aged between 20 and 35", "ranged in age from 4 to 80": ages, not counts."""
    return c.prev in AGE_WORDS or (c.prev in ("from", "between", "of") and c.before(1) in AGE_WORDS)


AGE_WORDS = frozenset({"aged", "age", "ages"})


def _designation(c: _Context) -> bool:
    """ "Title 42", "Article 5", "Flight 370", "Category 5": a number that is part of a name."""
    return c.prev in DESIGNATORS and c.ph.num_first == c.ph.first


DESIGNATORS = frozenset(
    """title article section chapter clause resolution flight route highway line unit brigade battalion
gate ward zone sector phase level category grade class room platform block lot no number day""".split()
)


def _address(c: _Context) -> bool:
    """ "10 Downing Street"."""
    j = c.ph.last
    return (
        j < len(c.toks)
        and c.toks[j].text[:1].isupper()
        and any(t.lower_.rstrip(".") in STREET_WORDS for t in c.toks[j : j + 4])
    )


def _compound_modifier(c: _Context) -> bool:
    """ "the three-train crash", "a four-car convoy": a number inside a compound adjective."""
    return c.nxt == "-" and c.after(1).isalpha()


def _iso_date(c: _Context) -> bool:
    """ "2023-09-09": the parts of a written date (not "NAIROBI - More than 40": a spaced dash)."""
    t = c.toks[c.ph.num_first]
    k = c.ph.first
    attached = k > 0 and c.toks[k - 1].end == c.toks[k].start
    return (c.prev == "-" and attached) or (c.nxt == "-" and c.after(1).isdigit()) or "-" in t.text.strip("-")


def _population(c: _Context) -> bool:
    """ "a city of about 300,000 residents", "a population of 2 million": people who live somewhere."""
    place = c.prev in {"of", "with"} and (c.before(1) in POPULATED or c.before(2) in POPULATED)
    home = c.prev == "to" and c.before(1) == "home"  # "is home to around a million"
    live = any(c.after(k) in LIVE_VERBS for k in range(0, 3))  # "About 12 million people live in"
    return place or home or live or c.prev in {"population", "inhabitants"} or c.nxt == "inhabitants"


LIVE_VERBS = frozenset({"live", "living", "reside", "inhabit"})  # not "lives": "claiming five lives"


POPULATED = {"city", "town", "village", "country", "nation", "region", "province", "population", "camp", "district"}


CURRENCY = frozenset({"$", "€", "£", "¥", "₹", "rs", "rs.", "inr", "usd", "eur", "gbp", "us$", "naira", "₦"})


def _money(c: _Context) -> bool:
    """ "₹10 lakh", "$5 million", "Rs 2 crore": an amount of money, not people."""
    first = c.toks[c.ph.num_first].text
    return c.prev in CURRENCY or first[:1] in "$€£¥₹₦"


def _family_size(c: _Context) -> bool:
    """ "a father of five": the size of someone's family, not a count of victims."""
    return c.prev == "of" and c.before(1) in PARENTS


PARENTS = frozenset({"father", "mother", "parent", "grandfather", "grandmother", "grandparent"})


def _age_between_commas(c: _Context) -> bool:
    """ "Mikhail Suetin, 29, was", "Hallel Yaniv, 22 — were shot", "Hasina, now 78 and in exile"."""
    if c.ph.approx != "exact":
        return False
    if c.prev == "now" and c.before(1) == ",":
        return c.nxt in {",", "—", "–", ")", "and"}
    return c.prev == "," and c.nxt in {",", "—", "–", ")"}


# no count at all: a date, time, duration, age, name, address or compound modifier
NOT_COUNTS = (
    _date_or_time,
    _duration_or_age,
    _age,
    _designation,
    _address,
    _age_between_commas,
    _compound_modifier,
    _iso_date,
)
# not a count of people: those, and singulars, things, magnitudes, populations, families, money
EXCLUSIONS = (*NOT_COUNTS, _singular, _counts_objects, _fractional, _magnitude, _population, _family_size, _money)


NOT_SHARES = frozenset({"threshold", "majority", "quorum", "chance", "probability", "likelihood", "risk"})


def _not_a_count(toks, ph: NumberPhrase) -> bool:
    """A date, time, duration, age, address or compound modifier: no count at all."""
    prev = toks[ph.first - 1].lower_.rstrip(".") if ph.first > 0 else ""
    nxt = toks[ph.last].lower_ if ph.last < len(toks) else ""
    c = _Context(toks, ph, prev, nxt)
    return any(rule(c) for rule in NOT_COUNTS)


def _excluded(toks, ph: NumberPhrase) -> bool:
    """Dates, times, years, ages, durations, magnitudes, addresses, singulars and counts of things
    are not figures (one rule, one function, in EXCLUSIONS); shares only exclude thresholds."""
    nxt = toks[ph.last].lower_ if ph.last < len(toks) else ""
    if ph.unit == "percent":
        return nxt in NOT_SHARES  # "the 50% threshold needed to win", "a 99% chance of dying"
    prev = toks[ph.first - 1].lower_.rstrip(".") if ph.first > 0 else ""
    c = _Context(toks, ph, prev, nxt)
    if _vote_count(toks, ph) is not None:
        return any(rule(c) for rule in NOT_COUNTS)  # votes are counted, not things
    return any(rule(c) for rule in EXCLUSIONS)


VOTE_VERBS = frozenset({"voted", "cast", "supported", "supporting", "opposed", "opposing", "backed"})
VOTERS = frozenset({"voters", "citizens", "people", "electors"})


def _vote_count(toks, ph: NumberPhrase) -> str | None:
    """ "more than 16 million votes", "30 million votes cast", "7,820,204 citizens cast their
    ballots", "5,561,937 people, or 71.12%, voted in favour": a count of votes for an option
    (vote_share_for) or of all votes cast (turnout)."""
    if ph.unit == "percent" or ph.value is None or ph.last >= len(toks):
        return None  # "many residents said soldiers forced them to vote": no count of votes
    nxt = toks[ph.last].lower_
    cast = ph.last + 1 < len(toks) and toks[ph.last + 1].lower_ == "cast"
    if nxt == "votes" or (nxt == "ballots" and cast):  # "the 32 million ballots cast": all votes
        return "turnout" if cast else "vote_share_for"
    if nxt not in VOTERS:
        return None
    for t in toks[ph.last + 1 : ph.last + 8]:
        if t.lower_ in VOTE_VERBS:
            return "turnout" if t.lower_ == "cast" else "vote_share_for"
        if t.lower_ in SCAN_STOP or t.lower_ in SPEECH_AFTER or _metric_at(t.lower_):
            return None
    return None


PEOPLE_NOUNS = set(
    """people persons civilians children women men residents soldiers troops villagers migrants
refugees protesters prisoners detainees victims bodies patients workers students journalists others""".split()
)
SPEECH_AFTER = frozenset({"said", "told", "say", "says", "reported", "confirmed"})
# more plural nouns of people, for a count whose metric word is further away in its sentence
PERSON_PLURALS = frozenset(
    """officers police policemen firefighters fighters militants rebels pilgrims passengers miners tourists
hostages members staff pupils infants babies adults teenagers minors relatives citizens nationals personnel
servicemen guards officials medics doctors nurses sailors fishermen farmers worshippers fans spectators
survivors casualties individuals inmates asylum-seekers seekers family families youths boys girls defenders
combatants mercenaries insurgents terrorists occupiers invaders paratroopers marines volunteers employees
rescuers attackers gunmen assailants suspects demonstrators activists reporters pensioners schoolchildren
shoppers commuters motorists drivers pilots crewmen peacekeepers""".split()
)
CLAUSE_BREAKS = {",", ";", "and", "while", "but", "—", "–", "--", "as"}
CLAUSE_OPENING = frozenset({",", ";", ":", "and", "but", "—", "–", "“", '"', "(", "•"})
SCAN_STOP = {";", ".", ":", "but", "while", "whereas", "where", "after", "before", "since", "when", "because"}
_BACK_STOP = frozenset(SCAN_STOP | CLAUSE_BREAKS)  # where the scan before a number stops
_CLAUSE_OR_THAT = frozenset(CLAUSE_BREAKS | {"that"})
SUBSET_OPEN = {"including", "among", "of", "with"}  # "39 people, including four children, were killed"
FORWARD, BACKWARD = 12, 8
TALLY_NOUNS = {"toll", "number", "tally", "count"}
TOTALLING = frozenset({"totalling", "totaling", "numbering"})


METRIC_PATTERNS = [(m, re.compile(p)) for m, p in PEOPLE_METRICS]


@lru_cache(maxsize=8192)
def _metric_at(word: str) -> str | None:
    return next((m for m, p in METRIC_PATTERNS if p.fullmatch(word)), None)


def _metric_word(toks, k: int) -> str | None:
    """The metric token k says, alone, with the words around it ("burned alive", "in hospital",
    "did not survive": one rule each in PHRASE_RULES), or as a weak word that counts only where
    its sentence has no other metric word (WEAK_WORDS)."""
    word = toks[k].lower_
    rule = PHRASE_RULES.get(word)
    found = rule(toks, k, word) if rule is not None else None
    if found is not None:
        return found or None  # "" : the phrase says it is no metric ("shot down")
    weak = WEAK_WORDS.get(word) or (WEAK_WORDS["returned"] if _brought_back(toks, k, word) else None)
    if word == "handed" and _nxt(toks, k) != "over":
        weak = None  # "handed down prison sentences to 12": not an exchange
    if weak is not None:
        return None if any(_metric_at(t.lower_) for t in toks) else weak
    return _metric_at(word)


def _nxt(toks, k: int) -> str:
    return toks[k + 1].lower_ if k + 1 < len(toks) else ""


def _prv(toks, k: int) -> str:
    return toks[k - 1].lower_ if k > 0 else ""


def _burned_alive(toks, k: int, word: str) -> str | None:
    return "killed" if word == "alive" and _prv(toks, k) in ("burned", "burnt") else None


def _left_home(toks, k: int, word: str) -> str | None:
    """ "forced from their homes", "fled their homes": displaced within the country."""
    home = any(t.lower_ in ("home", "homes") for t in toks[k + 1 : k + 4])
    return "displaced" if word in LEFT_HOME and home else None


def _lost_people(toks, k: int, word: str) -> str | None:
    """ "we have lost 30 of our men", "the unit lost five soldiers"."""
    counted = k + 1 < len(toks) and read_number(toks, k + 1) is not None and _people_follow(toks, k + 2)
    return "killed" if word in LOSE and counted else None


def _shot(toks, k: int, word: str) -> str | None:
    """ "12 people were shot dead", "a gunman shot 12 people", "91 were shot down" (no metric)."""
    if word != "shot":
        return None
    return {"dead": "killed", "down": ""}.get(_nxt(toks, k), "wounded")


def _not_survive(toks, k: int, word: str) -> str | None:
    return "killed" if word == "survive" and _prv(toks, k) in ("not", "n't") else None  # "did not survive"


def _in_hospital(toks, k: int, word: str) -> str | None:
    return "wounded" if word in ("hospital", "hospitals") and _in_or_to(toks, k) else None


def _medical_need(toks, k: int, word: str) -> str | None:
    """ "Many require medical attention", "20 people sought medical help"."""
    return "wounded" if word == "medical" and _nxt(toks, k) in MEDICAL_NEEDS else None


def _intensive_care(toks, k: int, word: str) -> str | None:
    return "wounded" if word == "care" and _prv(toks, k) == "intensive" else None


def _serious_condition(toks, k: int, word: str) -> str | None:
    serious = _prv(toks, k) in ("serious", "critical", "grave", "stable")
    return "wounded" if word == "condition" and serious else None  # "Seven are in a serious condition"


def _homeless(toks, k: int, word: str) -> str | None:
    """ "left 3,000 people without homes", "500 families lost their homes": displaced."""
    prev = _prv(toks, k)
    lost = prev in ("their", "its") and k > 1 and toks[k - 2].lower_ in LOSE
    return "displaced" if prev == "without" or lost else None


def _moved_out(toks, k: int, word: str) -> str | None:
    """ "many of whom are being moved out of the path of the flames": evacuated."""
    return "evacuated" if _nxt(toks, k) == "out" else None


def _brought_back(toks, k: int, word: str) -> bool:
    return word == "brought" and _nxt(toks, k) == "back"


LEFT_HOME = frozenset({"forced", "driven", "fled", "flee", "fleeing", "uprooted"})
LOSE = frozenset({"lost", "lose", "losing", "loses"})
# the word that triggers each phrase rule
PHRASE_RULES = {
    "alive": _burned_alive,
    **dict.fromkeys(LEFT_HOME, _left_home),
    **dict.fromkeys(LOSE, _lost_people),
    "shot": _shot,
    "survive": _not_survive,
    "hospital": _in_hospital,
    "hospitals": _in_hospital,
    "medical": _medical_need,
    "care": _intensive_care,
    "condition": _serious_condition,
    **dict.fromkeys(("home", "homes", "houses", "shelter"), _homeless),
    **dict.fromkeys(("moved", "moving", "taken", "brought", "pulled"), _moved_out),
}
MEDICAL_NEEDS = frozenset({"attention", "care", "help", "assistance", "treatment", "aid"})
# weak words: "20 civilians are leaving the steelworks", "managed to return 387 children", "each
# handed over 205 captured soldiers" count, but not "killed 5 people leaving a mosque" or "returned
# fire, killing 5" ("captured" was tried as one: an extra on unread text)
WEAK_WORDS = {
    **dict.fromkeys(("leaving", "leave", "leaves", "quit", "quitting"), "fled_country"),
    **dict.fromkeys(("returned", "return", "returning", "transported"), "crossed_border"),
    "handed": "prisoners_exchanged",
    **dict.fromkeys(("trek", "trekked", "trekking", "streamed", "streaming", "poured", "pouring"), "displaced"),
}


def _in_or_to(toks, k: int) -> bool:
    """ "in hospital", "to the hospital" (not "at the hospital", where people work)."""
    j = k - 1 if k > 0 and toks[k - 1].lower_ != "the" else k - 2
    return j >= 0 and toks[j].lower_ in ("in", "to")


def _people_follow(toks, k: int) -> bool:
    """A noun of people within a few words from k ("30 of our men", "five young soldiers")."""
    for t in toks[k : k + 5]:
        if t.lower_ in PEOPLE_NOUNS or t.lower_ in PERSON_PLURALS or t.lower_ in ("men", "colleagues", "comrades"):
            return True
        if t.is_punct or t.lower_ in SCAN_STOP:
            return False
    return False


def _skip_subset(toks, k: int) -> int:
    """Index after a parenthetical subset (", including four children," / "(…)") starting at k."""
    if toks[k].lower_ == "(":
        while k < len(toks) and toks[k].text != ")":
            k += 1
        return k + 1
    if toks[k].text in {"—", "–"}:  # "two settlers — brothers A, 20, and B, 22 — were shot dead"
        for j in range(k + 1, min(len(toks), k + 16)):
            if toks[j].text == toks[k].text:
                return j + 1
            if toks[j].lower_ in SCAN_STOP:
                break
    if toks[k].text == ",":  # "10,000 Russians that the minister, Vakhtang Gomelauri, said were entering"
        close = next((n for n in range(k + 1, min(len(toks), k + 6)) if toks[n].text == ","), None)
        if close is not None and close > k + 1 and all(_capitalised_word(t) for t in toks[k + 1 : close]):
            return close + 1
    if toks[k].text in {",", "—", "–"} and k + 1 < len(toks) and toks[k + 1].lower_ == "including":
        closer = toks[k].text
        k += 2
        while k < len(toks) and toks[k].text not in {closer, ";", "."}:
            k += 1
        return k + 1 if k < len(toks) and toks[k].text == closer else k
    return k


def _people_metric(toks, ph: NumberPhrase, starts: Collection[int] = frozenset()) -> tuple[str, str] | None:
    """(metric, rule) from the nearest metric word of the number's sentence: up to 12 words after
    it (jumping over a parenthetical subset) or 8 before it, not past another number or a clause
    that starts a new statement."""
    best = None
    k, dist = ph.last, 1
    while (
        k < len(toks)
        and dist <= FORWARD
        and toks[k].lower_ not in SCAN_STOP
        and (k not in starts or _included(toks, k))
    ):
        nxt = _skip_subset(toks, k)
        if nxt != k:
            k = nxt
            continue
        metric = _metric_word(toks, k)
        if metric:
            best = (dist, metric)
            break
        k, dist = k + 1, dist + (not toks[k].is_punct)  # "Kurdish-led" is one word
    k, dist = ph.first - 1, 1
    if k >= 1 and toks[k].lower_ in TOTALLING and toks[k - 1].text == ",":
        k -= 2  # "The abductees, totalling 287, include …": the noun before the comma
    window = toks[max(0, ph.first - 2 * BACKWARD) : ph.first]
    reach = 2 * BACKWARD if any(t.lower_ in TALLY_NOUNS for t in window) else BACKWARD
    stops = _BACK_STOP
    if _tally_revised(toks, ph):  # "The death toll from the attack on … in three provinces rose to 62"
        reach, starts, stops = ph.first, frozenset(), SENTENCE_STOPS  # "The toll after a strike … rose to 10"
    # "the death toll from … rose on Sunday to 412", "the number of fatalities from … remains at 115"
    if k >= 1 and toks[k].lower_ in ("–", "—", ":", "as") and toks[k - 1].lower_ in TALLY_NOUNS:
        k -= 1  # "The death toll – 37 so far – has …", "Death toll: 37", "gave the death toll as 26"
    while k >= 0 and toks[k].lower_ not in stops and (k + 1) not in starts and dist <= reach:
        metric = _metric_word(toks, k)
        if metric and _causative_left(toks, k, ph):
            break  # "left 12 people dead", "left 4 million stranded": what the count is comes after
        if metric:
            if best is None or (dist < best[0] and toks[k].lower_ != "left"):  # "left 12 people dead"
                best = (dist, metric)
            break
        k, dist = k - 1, dist + 1
    return (best[1], "people_keyword") if best else None


def _included(toks, k: int) -> bool:
    """ "six persons including five poll workers died": a subset the scan for the metric passes."""
    return k > 0 and toks[k - 1].lower_ == "including"


SENTENCE_STOPS = frozenset({";", "."})
TALLY_VERBS = frozenset(
    {"rose", "risen", "climbed", "increased", "jumped", "reached", "stands", "stood", "remains", "remained"}
)


def _tally_revised(toks, ph: NumberPhrase) -> bool:
    """ "the toll … rose to 62", "the number of dead … stands at 115": a tally's new value, however
    far its noun is (the scan for the metric word then goes back to the sentence's start)."""
    if ph.first < 2 or toks[ph.first - 1].lower_ not in ("to", "at"):
        return False
    return toks[ph.first - 2].lower_ in TALLY_VERBS and any(t.lower_ in TALLY_NOUNS for t in toks[: ph.first - 2])


RESTATED_NOUNS = frozenset(TALLY_NOUNS | {"figure", "total"})


def _restated_tally(toks, ph: NumberPhrase, earlier: Figure) -> bool:
    """ "the figure stands at 41.8 per cent", "the total rose to 45", "bringing the total to 34": a
    tally with no metric word, in the unit of the figure before it."""
    if ph.unit != earlier.phrase.unit or ph.first < 2 or toks[ph.first - 1].lower_ not in ("to", "at"):
        return False
    word = toks[ph.first - 2].lower_
    if word in RESTATED_NOUNS:  # "bringing the total to 34", "taking the overall tally to 80"
        opening = [t.lower_ for t in toks[max(0, ph.first - 5) : ph.first - 2]]
        return any(w in BRINGING for w in opening)
    return word in TALLY_VERBS and any(t.lower_ in RESTATED_NOUNS for t in toks[: ph.first - 2])


BRINGING = frozenset(
    {"bringing", "brings", "brought", "taking", "takes", "took", "pushing", "pushes", "pushed", "raising", "raises"}
)


def _of_the_opening(toks) -> str | None:
    """ "Of the dead, 20 were soldiers", "Of those injured, 12 …": the metric of the group the
    sentence opens with, for the parts counted after it."""
    if len(toks) < 3 or toks[0].lower_ != "of" or toks[1].lower_ not in ("the", "those", "these"):
        return None
    for k in range(2, min(len(toks), 6)):
        if toks[k].text == ",":
            return None
        if (metric := _metric_at(toks[k].lower_)) is not None and k + 1 < len(toks) and toks[k + 1].text == ",":
            return metric
    return None


def _reaching(toks, ph: NumberPhrase) -> bool:
    """ "the number of missing persons has more than doubled, reaching almost 50,000": a tally's
    new value, whose metric word is earlier in the sentence."""
    return ph.first > 0 and toks[ph.first - 1].lower_ in REACHING and any(t.lower_ in RESTATED_NOUNS for t in toks)


REACHING = frozenset({"reaching", "hitting", "topping", "surpassing", "passing"})


def _more_people(toks, ph: NumberPhrase) -> bool:
    """ "two more children", "another 12 soldiers": more people of the count before."""
    k = ph.last + (1 if ph.last < len(toks) and toks[ph.last].lower_ == "more" else 0)
    more = k > ph.last or (ph.first > 0 and toks[ph.first - 1].lower_ in ("another", "further"))
    return more and k < len(toks) and (toks[k].lower_ in PEOPLE_NOUNS or toks[k].lower_ in PERSON_PLURALS)


def _they_included(toks, ph: NumberPhrase) -> bool:
    """ "They included nine women": a part of the figure of the sentence before."""
    opening = [t.lower_ for t in toks[: ph.first]]
    return opening in (["they", "included"], ["those", "included"], ["these", "included"], ["they", "include"])


def _among_them(toks) -> bool:
    """The sentence opens with "Among them/those/the dead …": its counts are parts of the figure before."""
    return len(toks) > 1 and toks[0].lower_ == "among" and toks[1].lower_ in ("them", "those", "these", "the")


def _coordinated(toks, ph: NumberPhrase, prev: Figure | None, prev_last: int) -> bool:
    """ "27 children and 76 women", "Nairobi (17), Nakuru (3)": a number listed after the figure
    just before it (only joiners, brackets and names between them)."""
    between = toks[prev_last : ph.first]
    joined = any(t.lower_ in {"and", ",", "or"} for t in between)
    listed = all(t.lower_ in LIST_WORDS or t.text[:1].isupper() for t in between)
    if prev is not None and 0 < len(between) <= 3 and between[-1].text == ":":
        return True  # "724 dead: 500 in the South, …": the tally's first entry
    if prev is not None and [t.lower_ for t in between[-2:]] == ["followed", "by"]:
        return True  # "20 were reported from Bolangir, followed by 15 in Sambalpur"
    if prev is None or not joined:
        return False
    if 0 < len(between) <= 3 or (listed and len(between) <= 6):  # "500 in the South, 100 in Grand'Anse"
        return True
    # "135 bodies at their morgues and 128 on Monday": the count after "and" repeats the figure's noun
    return (
        between[-1].lower_ == "and"
        and len(between) <= 6
        and not any(t.lower_ in VERB_LIKE or t.lower_ in SCAN_STOP or _metric_at(t.lower_) for t in between[1:])
    )


LIST_WORDS = frozenset({"and", ",", "or", "(", ")", "in", "the", "at"})  # a list of places and their counts


def _listed_before(toks, ph: NumberPhrase, nxt: NumberPhrase) -> bool:
    """ "hundreds of protesters, reform activists and 17 journalists were arrested": a count
    listed before another with only nouns, commas and "and" between them shares its metric; so
    does a part of the next count ("three of the 10,000 Russians entering daily")."""
    between = toks[ph.last : nxt.first]
    if [t.lower_ for t in between] in (["of", "the"], ["of", "those"], ["of", "these"]):
        return True
    return (
        0 < len(between) <= 6
        and any(t.lower_ in {"and", ","} for t in between)
        and all(t.text.isalpha() or t.text == "," for t in between)
        and not any(t.lower_ in SCAN_STOP or _metric_at(t.lower_) or t.lower_ in VERB_LIKE for t in between)
        and not any(t.lower_ == "the" for t in between)  # "49 brothers in the risky area, 21 …": a place
    )


VERB_LIKE = {"were", "was", "are", "is", "have", "has", "had", "said", "says", "according", "to", "than"}


def _restated_in_digits(toks, ph: NumberPhrase) -> bool:
    """ "thirty-nine (39) people": the words are restated in digits, which are the figure."""
    j = ph.last
    return (
        ph.num_first == ph.first
        and not toks[ph.first].text[:1].isdigit()
        and j + 2 < len(toks)
        and toks[j].text == "("
        and toks[j + 2].text == ")"
        and DIGITS.match(toks[j + 1].text) is not None
        and float(toks[j + 1].text.replace(",", "")) == ph.value
    )


def _subset_of(toks, ph: NumberPhrase) -> bool:
    """ "including four children", "six of them", "two of whom": a part of the figure before it."""
    k = ph.first - 1
    while k >= 0 and toks[k].text in "\"“‘'":
        k -= 1  # including “four doctors …
    prev = toks[k].lower_ if k >= 0 else ""
    return prev in {"including", "among"} or _of_them(toks, ph)


def _clause_words(toks, ph: NumberPhrase, before: int = 6, after: int = 6) -> str:
    """The words around a number, not crossing a clause break."""
    lo = ph.first
    while lo > 0 and ph.first - lo < before and toks[lo - 1].lower_ not in _CLAUSE_OR_THAT:
        lo -= 1
    hi = ph.last
    while hi < len(toks) and hi - ph.last < after and toks[hi].lower_ not in _CLAUSE_OR_THAT:
        hi += 1
    return " ".join(t.lower_ for t in toks[lo:hi])


def _percent_metric(sentence_text: str, toks, ph: NumberPhrase) -> str | None:
    after = " ".join(t.lower_ for t in toks[ph.last : ph.last + 5])
    if "territory" in after:
        return "territory_share"
    clause = _clause_words(toks, ph)
    if TURNOUT.search(clause):
        return "turnout"  # "The participation rate was 41.13%", "recorded the highest polling at 80.14%"
    if POLL.search(sentence_text):
        return "poll_share"
    if VOTE.search(sentence_text):
        return "vote_share_for"
    return None


def _subject(toks, ph: NumberPhrase) -> str | None:
    """Who is counted: the noun right after the number, or after "of (the)"."""
    k = ph.last
    if k < len(toks) and toks[k].lower_ == "of":
        k += 1
        while k < len(toks) and toks[k].lower_ == "the":
            k += 1
    elif ph.unit == "percent":
        return None
    w = toks[k].text if k < len(toks) else ""
    if (
        w[:1].isupper()
        and k + 1 < len(toks)
        and toks[k + 1].text.isalpha()
        and toks[k + 1].text.endswith("s")
        and toks[k + 1].text.islower()
    ):
        return f"{w} {toks[k + 1].text}"  # "Russian soldiers"
    if (
        w.isalpha()
        and w.lower() not in SUBJECT_SKIP
        and (w.endswith("s") or w.lower() in ("people", "men", "women", "children"))
    ):
        if not w[:1].isupper() or w.endswith("ans"):  # "Russians", not "Luhansk"
            return w
    return None


def _capitalised_word(tok) -> bool:
    return tok.text[:1].isupper() and tok.text.isalpha()


def _counts_people(toks, ph: NumberPhrase) -> bool:
    """ "12 civilians", "40 of the workers": the number counts people by its noun."""
    k = ph.last
    while k < len(toks) and (
        toks[k].lower_ in ("of", "the") or (toks[k].text[:1].isupper() and toks[k].text.isalpha())
    ):
        k += 1  # "40 of the workers", "12 Palestinian civilians"
    if k >= len(toks):
        return False
    word = toks[k].lower_
    if _a_source(toks, ph, k):
        return False  # "Two doctors said …": the people are a source, not a figure
    demonym = toks[k].text[:1].isupper() and word.endswith(("ans", "is", "ese"))  # "12 Palestinians"
    return word in PEOPLE_NOUNS or word in PERSON_PLURALS or (demonym and k == ph.last)


def _a_source(toks, ph: NumberPhrase, k: int) -> bool:
    """The people counted by the noun at k are who speaks: a reporting verb follows right after
    ("Two doctors said"), or, when the count opens its clause, anywhere before a metric word
    ("Two doctors and a nurse in the capital, X, said …"; not "claimed 12 civilians, officials said")."""
    if any(t.lower_ in SPEECH_AFTER for t in toks[k + 1 : k + 3]):
        return True
    if ph.first > 0 and toks[ph.first - 1].lower_ not in CLAUSE_OPENING:
        return False
    for t in toks[k + 1 : k + FORWARD + 2]:
        if t.lower_ in SPEECH_AFTER:
            return True
        if t.lower_ in SCAN_STOP or _metric_at(t.lower_):
            return False
    return False


def _causative_left(toks, k: int, ph: NumberPhrase) -> bool:
    """ "left" right before the count ("left 12 people dead", "left 4 million stranded") says what
    an event did to them, not that they left."""
    return toks[k].lower_ == "left" and k == ph.first - 1


def _sentence_metric(toks, ph: NumberPhrase) -> tuple[str, str] | None:
    """The metric word nearest to a count of people anywhere in its sentence."""
    best = None
    for k, t in enumerate(toks):
        metric = _metric_at(t.lower_)
        lo, hi = (k, ph.first) if k < ph.first else (ph.last, k)
        if metric and any(w.lower_ == "where" for w in toks[lo:hi]):
            continue  # "killed at a centre where hundreds of students were preparing": another clause
        if metric and not _causative_left(toks, k, ph):
            dist = ph.first - k if k < ph.first else k - ph.last
            if best is None or dist < best[0]:
                best = (dist, metric)
    return (best[1], "sentence_keyword") if best else None


def _stops_the_scan(toks, ph: NumberPhrase, excluded: bool) -> bool:
    """Another count stops the scan for a metric word; a date, an age or a compound does not, nor
    a singular that counts no people ("five members of one family died")."""
    if not excluded:
        return True
    if _not_a_count(toks, ph):
        return False
    singular = ph.value == 1 and ph.approx == "exact"
    return not (singular and ph.last < len(toks) and _metric_at(toks[ph.last].lower_) is None)


REVISED = frozenset({"raised", "rose", "risen", "climbed", "increased", "jumped", "revised", "lowered", "fell"})


def _revised(toks, ph: NumberPhrase) -> bool:
    """ "confirmed 92 deaths and, later, the figure was raised to 99", "later tallies raised it to
    about 80": a revision of the count before."""
    k = ph.first - 2
    if k >= 1 and toks[k].lower_ in ("it", "them"):
        k -= 1  # "raised it to"
    return k >= 0 and toks[ph.first - 1].lower_ == "to" and toks[k].lower_ in REVISED


def _changed_from(toks, ph: NumberPhrase, prev: Figure) -> bool:
    """ "the toll climbed from 558 to 569": the new value of the count just before it; "105
    missing, up from about 70": its old value."""
    k = ph.first - 1
    if k >= 1 and toks[k].lower_ == "from" and toks[k - 1].lower_ in ("up", "down"):
        return True
    return k > 0 and toks[k].lower_ == "to" and prev.end == toks[k - 1].end and k >= 3 and toks[k - 2].lower_ == "from"


def _list_metric(toks, phrases: list[NumberPhrase], n: int, starts: Collection[int]) -> tuple[str, str] | None:
    """The metric of the count a listed count comes before ("four rescuers, eight police officers and
    three civilians were injured": four and eight take three's), up to four counts ahead."""
    for m in range(n, min(n + 4, len(phrases) - 1)):
        if not _listed_before(toks, phrases[m], phrases[m + 1]):
            return None
        nxt = _people_metric(toks, phrases[m + 1], frozenset(starts) - {phrases[m + 1].first})
        if nxt is not None:
            return nxt[0], "coordinated"
    return None


def _metric_of(
    s_text: str, toks, phrases: list[NumberPhrase], n: int, out: list[Figure], starts: set[int], chain_end: int
) -> tuple[str | None, str | None]:
    """(metric, rule) of the n-th number phrase of a sentence, by the rules in order: a share's
    keyword, a subset of the figure before, the metric word near it, a list it belongs to, and
    for a count of people its sentence's nearest metric word."""
    ph = phrases[n]
    if ph.unit == "percent":
        share = _percent_metric(s_text, toks, ph)
        written = any(c.isdigit() for c in toks[ph.num_first].text)  # "27%", not the fraction "a third"
        if share is None and written and (found := _people_metric(toks, ph, starts - {ph.first})) is not None:
            return found  # "27% of the population are subject to conscription", "80 percent crossed"
        return share, "percent_keyword"
    if (vote := _vote_count(toks, ph)) is not None:
        return vote, "vote_count"
    if _subset_of(toks, ph) and out:
        return out[-1].metric, "subset"
    if out and _changed_from(toks, ph, out[-1]):
        return out[-1].metric, "revised"
    found = _people_metric(toks, ph, starts - {ph.first})
    if found is None and out and _coordinated(toks, ph, out[-1], chain_end):
        found = (out[-1].metric, "coordinated")
    if found is None and out and _revised(toks, ph):
        found = (out[-1].metric, "revised")
    if found is None:
        found = _list_metric(toks, phrases, n, starts)
    if found is None and (_counts_people(toks, ph) or _reaching(toks, ph)):
        found = _sentence_metric(toks, ph)
    return found if found else (None, None)


def _metric_from_before(
    toks, ph: NumberPhrase, out: list[Figure], earlier: Figure | None
) -> tuple[str | None, str | None]:
    """(metric, rule) of a count with no metric word of its own, from the figure before it (in its
    sentence, else `earlier`) or the group its sentence opens with."""
    base = out[-1] if out else earlier
    if base is not None and _restated_tally(toks, ph, base):
        return base.metric, "restated"
    if not out and (opening := _of_the_opening(toks)) is not None:
        return opening, "subset"  # "Of the dead, 20 were soldiers"
    if base is not None and ph.unit == base.phrase.unit and _more_people(toks, ph):
        return base.metric, "more"  # "Two more children died in hospital on Sunday"
    if earlier is not None and not out and (_they_included(toks, ph) or _among_them(toks) or _of_them(toks, ph)):
        return earlier.metric, "subset"  # "They included nine women", "Among them were three children"
    if out and out[-1].phrase.unit == ph.unit and _dashed_part(toks, ph):
        return out[-1].metric, "subset"  # "left at least eight dead – four in the capital –"
    if out and out[-1].phrase.unit == ph.unit == "percent" and _named_at(toks, ph):
        return out[-1].metric, "listed"  # "turnout at 80.14% in X, followed by Doda at 71.34%"
    return None, None


def _of_them(toks, ph: NumberPhrase) -> bool:
    """ "six of them", "two of whom", "around 10 of those": a part of the count before it (in its
    sentence, or of the sentence before: "Police are concerned for around 10 of them")."""
    return [t.lower_ for t in toks[ph.last : ph.last + 2]] in (["of", "them"], ["of", "whom"], ["of", "those"])


def _dashed_part(toks, ph: NumberPhrase) -> bool:
    """ "– four in the capital –", "— 12 of them children": a part of the count before, set off by
    a dash."""
    return (
        ph.first >= 1
        and toks[ph.first - 1].text in ("–", "—", "-", "--")
        and ph.last < len(toks)
        and toks[ph.last].lower_ in ("in", "of", "from", "at", "among")
    )


def _named_at(toks, ph: NumberPhrase) -> bool:
    """ "Doda at 71.34%", "Shopian district at 55.96%": a share given for a name (a place, a party,
    a candidate) right before it."""
    if ph.first < 2 or toks[ph.first - 1].lower_ != "at":
        return False
    k = ph.first - 2
    if k >= 1 and toks[k].lower_ in PLACE_NOUNS:
        k -= 1
    return toks[k].text[:1].isupper()


def find_figures(text: str, sentence, earlier: Figure | None = None) -> list[Figure]:
    """Figures in one sentence (a `newsfacts.extract.article.Sentence`); `earlier` is the last
    figure of the sentences before in its paragraph or the one before, which a tally restated
    with no metric word of its own ("the figure stands at 41.8 per cent") is about."""
    toks = sentence.tokens
    s_text = text[sentence.start : sentence.end]
    phrases = number_phrases(toks)
    if not phrases:
        return []
    places = find_places(text, sentence.start, sentence.end)
    period = PERIOD.search(s_text)
    out: list[Figure] = []
    excluded = {p.first for p in phrases if _excluded(toks, p)}
    # where a scan for the metric word stops: another count ("three-train", a date or an age is none)
    starts = {p.first for p in phrases if _stops_the_scan(toks, p, p.first in excluded)}
    chain_end = -1  # where the last figure, or a singular entry listed after it, ends
    for n, ph in enumerate(phrases):
        if (
            ph.first in excluded
            and out
            and _singular(_Context(toks, ph, "", ""))
            and _coordinated(toks, ph, out[-1], chain_end)
        ):
            chain_end = ph.last  # "Nakuru (3), Laikipia (1), Kajiado (3)": the list goes on past a 1
            continue
        if ph.first in excluded or _restated_in_digits(toks, ph):
            continue
        metric, rule = _metric_of(s_text, toks, phrases, n, out, starts, chain_end)
        if metric is None:
            metric, rule = _metric_from_before(toks, ph, out, earlier)
        if metric is None:
            continue
        start, end = toks[ph.first].start, toks[ph.last - 1].end
        nxt_start = toks[phrases[n + 1].first].start if n + 1 < len(phrases) else sentence.end
        prev_end = toks[phrases[n - 1].last - 1].end if n > 0 else sentence.start
        after = [p for p in places if end <= p[0] < nxt_start]
        before = [p for p in places if prev_end <= p[0] and p[1] <= start]
        place = after[0] if after else (before[-1] if before else (out[-1].place if out else None))
        out.append(
            Figure(
                start,
                end,
                CATEGORY[metric],
                metric,
                ph,
                _subject(toks, ph),
                place[2] if place else None,
                place[3] if place else None,
                period.group(0) if period else None,
                rule,
            )
        )
        chain_end = ph.last
    for n in range(len(out) - 2, -1, -1):  # "killed five and wounded 10 in X": X applies to both
        if out[n].place_code is None and out[n + 1].place_code is not None:
            out[n] = replace(out[n], location=out[n + 1].location, place_code=out[n + 1].place_code)
    return out
