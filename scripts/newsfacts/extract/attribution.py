"""Who said it: the agent of a reporting verb (cue), from names found in the text itself.

Each rule below is one small function that looks at the words around one cue and either
names a candidate speaker (an entity of the article, an unnamed source, or nothing) or
does not apply. `resolve` tries them in a fixed order, which is the scoring: the first
rule that applies wins.

0. cited_speaker       '"…," the agency cites X'
1. according_to        "according to X"
2. passive_agent       "was denounced as a sham by X"
3. speaker_after_cue   '"…," said X' / "said Mayor X" / '"…," said the ministry'
4. pronoun_subject     "he said" / "she told" / "they said" / "it said"
5. relative_subject    "X, who had been dining with friends, told AFP"
6. coordinated_subject "the ministry denied … and said …", "X was blunt, saying …", "X was quick to denounce"
7. speaker_before_cue  "X said", "X, the minister of Y, said", "the ministry said", "a resident said"

A subject that is a description resolves to the entity it describes: "the mayor" to the
last person titled mayor (or the first named later in the article, for headlines),
"the ministry" to the last organisation with that word in its name, "a Hezbollah
official" to Hezbollah; a specific description with a proper name but no personal name
("the mayor of Chiva", "Guilan police chief") becomes an actor named by the description;
an indefinite one ("a resident", "witnesses") is an unnamed source: no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from newsfacts.extract.article import (
    SUBJECT_PRONOUNS,
    Article,
    Ref,
    Sentence,
    Tok,
    after_opening_clause,
    object_of_preposition,
)
from newsfacts.extract.cues import BE_FORMS, cue_lemma
from newsfacts.extract.cues import FORMS as CUE_FORMS
from newsfacts.extract.names import (
    FUNCTION_WORDS,
    MONTHS_DAYS,
    ORG_HEADS,
    PERSON_ROLES,
    is_title_word,
    known_given_name,
)
from newsfacts.extract.places import gazetteer

CLAUSE_BREAK = {
    ",",
    ";",
    ":",
    "(",
    ")",
    "—",
    "–",
    "--",
    "that",
    "which",
    "who",
    "while",
    "after",
    "as",
    "but",
    "because",
    "since",
    "when",
    "if",
    "and",
    "what",
    "where",
    "whether",
    "how",
    "why",
}
AUX = {
    "has",
    "have",
    "had",
    "been",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "also",
    "did",
    "does",
    "do",
    "repeatedly",
    "later",
    "earlier",
    "then",
    "reportedly",
    "previously",
    "further",
    "separately",
    "again",
    "could",
    "may",
    "might",
    "should",
    "must",
    "can",
    "not",
    "never",
    "once",
    "first",
    "quickly",
}
BE = BE_FORMS
_AUX_OR_BE = frozenset(AUX | BE)
_BREAK_NOT_COMMA = frozenset(CLAUSE_BREAK - {","})
_ORG_OR_ROLE = frozenset(ORG_HEADS | PERSON_ROLES)
PREPOSITIONS = {
    "of",
    "in",
    "from",
    "to",
    "for",
    "at",
    "on",
    "with",
    "into",
    "against",
    "over",
    "near",
    "like",
    "by",
    "about",
    "after",
    "before",
    "under",
    "between",
    "among",
    "across",
    "through",
    "during",
}
PERSON_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female"}
GROUP_PRONOUNS = {"they", "it"}
DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "one",
    "two",
    "three",
    "some",
    "several",
    "many",
    "other",
    "another",
    "this",
    "that",
    "these",
    "those",
    "local",
    "both",
    "all",
}
INDEFINITE = {
    "a",
    "an",
    "one",
    "some",
    "several",
    "many",
    "two",
    "three",
    "other",
    "another",
    "both",
    "all",
    "most",
    "few",
}
SINGLE_MARKS = frozenset("'‘’")
QUOTE_CHARS = set("\"“”'‘’") | {"''"}  # '' is one token: a double mark in news archives
DOCUMENT_NOUNS = {
    "report",
    "statement",
    "study",
    "document",
    "analysis",
    "assessment",
    "bulletin",
    "release",
    "update",
    "communique",
    "communiqué",
    "post",
    "tweet",
    "message",
    "letter",
    "survey",
    "findings",
    "summary",
}
PEOPLE_NOUNS = {
    "man",
    "woman",
    "boy",
    "girl",
    "resident",
    "witness",
    "survivor",
    "mother",
    "father",
    "victim",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "teenager",
    "doctor",
    "farmer",
    "student",
}
COMMON_SUBJECTS = set(
    """authority police witness rescuer activist protester protestor expert critic source medic paramedic
investigator troop soldier militant rebel villager local family relative organiser organizer observer
firefighter volunteer scientist diplomat leader other people citizen voter worker refugee migrant
neighbour neighbor friend colleague parent child report""".split()
)
DEMONYM = re.compile(r"(?:ian|ean|ese|ish|i|an)$")  # Russian, Korean, Chinese, Polish, Israeli, Afghan
MEMBER_ROLES = {"official", "spokesman", "spokeswoman", "spokesperson", "representative", "source", "officer"}
NOUN_GENDER = {"man": "male", "boy": "male", "father": "male", "woman": "female", "girl": "female", "mother": "female"}
INVERSION_CUES = {"say", "add", "write", "tweet", "post", "explain", "note", "insist", "warn", "announce"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TIME_WORDS = WEEKDAYS | {
    "today",
    "yesterday",
    "tonight",
    "morning",
    "evening",
    "afternoon",
    "night",
    "earlier",
    "later",
    "on",
    "last",
    "this",
    "week",
    "month",
}


@dataclass(frozen=True)
class Attribution:
    actor_id: str | None  # an entity key (registry id or provisional slug); None for an unnamed source
    text: str  # the claimant as written
    cue: str
    cue_start: int
    rule: str


class QuoteIndex:
    """Which character offsets lie inside a quotation: a bisect over sorted spans (log time)."""

    def __init__(self, quotes) -> None:
        spans = sorted((q.start, q.end) for q in quotes if q.depth == 0)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.marks = frozenset(s - 1 for s, _ in spans) | frozenset(e for _, e in spans)  # where the marks are

    def inside(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def cues_in(sent: Sentence, index: QuoteIndex) -> list[tuple[int, str]]:
    """(token index, lemma) of reporting verbs outside quotes, plus 'according to' (found once
    per sentence and quotation index)."""
    cached = sent.__dict__.get("_cues")
    if cached is not None and cached[0] is index:
        return cached[1]
    found = _cues(sent, index)
    sent.__dict__["_cues"] = (index, found)
    return found


def _cues(sent: Sentence, index: QuoteIndex) -> list[tuple[int, str]]:
    toks = sent.tokens
    out = []
    for i, tok in enumerate(toks):
        if tok.lower_ not in CUE_FORMS and tok.lower_ != "according":
            continue  # most words: no reporting verb (the bisect below is not free)
        if index.inside(tok.start):
            continue
        if tok.lower_ == "according" and i + 1 < len(toks) and toks[i + 1].lower_ == "to":
            out.append((i, "according"))
            continue
        lemma = cue_lemma(toks, i)
        if lemma:
            out.append((i, lemma))
    return out


@dataclass
class Cue:
    """One reporting verb and what the rules may look at."""

    art: Article
    sent: Sentence
    i: int
    lemma: str
    index: QuoteIndex

    @property
    def toks(self) -> list[Tok]:
        return self.sent.tokens

    @cached_property
    def clause(self) -> tuple[int, int]:
        """The subject clause before the cue (see `clause_before`)."""
        return clause_before(self.sent.tokens, self.i, self.index)

    def found(self, ref: Ref | None, rule: str, text: str | None = None) -> Attribution:
        key = ref.key if ref else None
        return Attribution(key, text or (ref.text if ref else ""), self.lemma, self.toks[self.i].start, rule)

    def refs_between(self, a: int, b: int) -> list[Ref]:
        """Names in tokens a..b-1, outside quotes."""
        if b <= a or a >= len(self.toks):
            return []
        lo, hi = self.toks[a].start, self.toks[min(b, len(self.toks)) - 1].end
        return [r for r in self.art.refs_between(lo, hi) if not self.index.inside(r.start)]


# --- rules -------------------------------------------------------------------------------


def _first_of_pair(c: Cue, people: list[Ref]) -> Ref:
    """The last person of a subject, or the first of two joined by "and" ("X and Y wrote")."""
    if len(people) >= 2 and c.art.text[people[-2].end : people[-1].start].strip() == "and":
        return people[-2]
    return people[-1]


def _possessor(c: Cue, r: Ref) -> bool:
    """The person owns what the subject is ("Shishimarin’s defense attorney")."""
    return c.art.text[r.end : r.end + 2] in ("’s", "'s")


def _employer_dropped(c: Cue, refs: list[Ref]) -> list[Ref]:
    """ "said Control Risks researcher Arran Kennedy": a name, a lower-case role and a person's name;
    the first name is the person's employer (whatever kind it was read as), not the speaker."""
    if len(refs) < 2 or refs[1].kind != "person":
        return refs
    between = c.art.text[refs[0].end : refs[1].start].split()
    if 1 <= len(between) <= 3 and all(w.islower() for w in between) and is_title_word(between[-1]):
        return refs[1:]
    return refs


def _person_first(refs: list[Ref]) -> list[Ref]:
    """The first person of a phrase's names, else its names ("IAEA chief Rafael Grossi": Grossi)."""
    return [r for r in refs if r.kind == "person"][:1] or refs


def according_to(c: Cue) -> Attribution | None:
    if c.lemma != "according":
        return None
    j = c.i + 2
    end = _phrase_end(c.toks, j)
    refs = [r for r in c.refs_between(j, end) if r.kind != "place"]
    if refs and refs[0].start > c.toks[j].start and _after_preposition(c.toks, refs[0]):
        refs = []  # "two maritime sources in the Yemeni port": a description, not the name
    refs = _person_first(refs)  # "according to IAEA chief Rafael Grossi"
    if refs:
        return c.found(refs[0], "according_to")
    if end == j + 1 and c.toks[j].lower_ in ("him", "her"):  # "according to him": the person in focus
        ref = c.art.salient_person(c.toks[j].start, "male" if c.toks[j].lower_ == "him" else "female")
        return c.found(ref, "according_to", c.toks[j].text) if ref else None
    name = _lone_name_of(c, [t for t in c.toks[j:end] if not t.is_punct])
    if name is not None and known_given_name(name.text):  # "According to Oleksandr, …" (not "to Pravda")
        return c.found(c.art.describe(name.text, name.start, "person"), "according_to")
    return _description(c, j, end, "according_to")


MEDIA = frozenset(
    {"telephone", "phone", "email", "e-mail", "video", "videolink", "text", "letter", "radio", "satellite"}
)


def passive_agent(c: Cue) -> Attribution | None:
    toks, i = c.toks, c.i
    participle = toks[i].lower_.endswith(("ed", "told", "said", "written"))
    be = (i > 0 and toks[i - 1].lower_ in BE) or (i > 1 and toks[i - 2].lower_ in BE)
    if not participle or not (be or (i + 1 < len(toks) and toks[i + 1].lower_ in {"as", "by"})):
        return None
    for j in range(i + 1, min(len(toks), i + 8)):
        if toks[j].lower_ == "by" and j + 1 < len(toks) and toks[j + 1].lower_ in MEDIA:
            return None  # "Mr. Trump said by telephone": the medium, not an agent
        if toks[j].lower_ == "by":
            end = _phrase_end(toks, j + 1)
            refs = c.refs_between(j + 1, end)
            refs = _person_first(refs)  # "by FBI Director James Comey": Comey
            if refs:
                return c.found(refs[0], "passive_agent")
            return _description(c, j + 1, end, "passive_agent")
    if be and toks[i - 1].lower_ in BE and toks[i].lower_.endswith("ed"):
        return c.found(None, "unnamed", "")  # "10 victims were added to the toll": no one speaks
    return None


def speaker_after_cue(c: Cue) -> Attribution | None:
    """The speaker follows the cue: after a quote ('"…," said X'), or at a clause start."""
    toks, i = c.toks, c.i
    if c.lemma == "tell" or toks[i].lower_.endswith("ing"):
        return None  # "…, told AFP": the listener; '"…," promising X will …': a participle, no inversion
    prev = toks[i - 1].text if i > 0 else ""
    after_quote = (
        i == 0
        or prev in QUOTE_CHARS
        or (prev == "," and i > 1 and toks[i - 2].text in QUOTE_CHARS)
        or (i > 0 and c.index.inside(toks[i - 1].start))
    )
    after_comma = prev in {",", "—"} and c.lemma in INVERSION_CUES  # "…, said X" but not "…, referring to X"
    if not (after_quote or after_comma) or i + 1 >= len(toks):
        return None
    nxt = toks[i + 1].lower_
    if nxt in PERSON_PRONOUNS or nxt in GROUP_PRONOUNS or nxt in PREPOSITIONS:
        return None  # '"…," said he' is rare; 'said it' is an object; '…, X, said in New York': a place
    j = i + 1
    end = _phrase_end(toks, j)
    if not after_quote and (
        any(t.lower_ in _AUX_OR_BE for t in toks[j:end])
        or (end < len(toks) and toks[end].text not in {".", ",", ";", "!", "?"})
    ):
        return None  # "…, said the evacuation was …": a clause, not an inverted speaker
    refs = [r for r in c.refs_between(j, end) if r.kind != "place"]  # "said Kharkiv governor X": X
    refs = _person_first(_employer_dropped(c, refs))
    described = toks[j].lower_ in DETERMINERS
    named = _appositive_name(c, end) if described else None
    if named is not None:  # '"…," said the deputy mayor of Lune, Ana Lind.'
        return c.found(named, "speaker_after_cue/appositive")
    if described and refs and refs[0].kind != "person" and _described_body(c, j, end):
        return _description(c, j, end, "speaker_after_cue")  # "said the UN refugee agency": not the UN
    if refs and (refs[0].start <= toks[min(j + 6, len(toks) - 1)].start or end - j <= 9):
        return c.found(refs[0], "speaker_after_cue")  # "said Mayor X", "said the 50-year-old Hasta"
    if described:
        return _description(c, j, end, "speaker_after_cue")
    if end > j and toks[end - 1].text == ".":
        end -= 1  # the sentence's full stop ('"…," said Ahmed.')
    lone = j + 1 if end == j + 2 and toks[j].lower_ in PERSON_ROLES else j  # "said survivor Andriy"
    if end == lone + 1 and _lone_name(c, toks[lone]):  # '"…," said Ahmed, who gave only his first name'
        return c.found(c.art.describe(toks[lone].text, toks[lone].start, "person"), "speaker_after_cue")
    return None


def _described_body(c: Cue, lo: int, hi: int) -> bool:
    """The phrase's head is a lower-case body or role ("the UN refugee agency", "Russia's defence
    ministry") outside every name in it: the phrase describes that body, not the name it contains."""
    words = [t for t in c.toks[lo:hi] if t.lower_ not in AUX and t.lower_ not in TIME_WORDS]
    head = _head(words) if words else None
    head_tok = next((t for t in reversed(words) if t.lower_ == head), None)
    return (
        head_tok is not None
        and head_tok.text.islower()
        and head in _ORG_OR_ROLE
        and not any(r.start <= head_tok.start < r.end for r in c.art.refs_between(c.toks[lo].start, c.toks[hi - 1].end))
    )


def _appositive_name(c: Cue, end: int) -> Ref | None:
    """The person named right after a description and its comma, up to the clause's end."""
    toks = c.toks
    if end + 1 >= len(toks) or toks[end].text != ",":
        return None
    stop = _phrase_end(toks, end + 1)
    refs = [r for r in c.refs_between(end + 1, stop) if r.kind == "person"]
    if refs and refs[0].start == toks[end + 1].start and (stop >= len(toks) or toks[stop].text in {".", ",", ";"}):
        return refs[0]
    return None


def pronoun_subject(c: Cue) -> Attribution | None:
    lo, hi = c.clause
    subj = [t for t in c.toks[lo:hi] if t.lower_ not in AUX and t.lower_ not in TIME_WORDS]
    if len(subj) != 1:
        return None
    word = subj[0].lower_
    if word in PERSON_PRONOUNS:
        ref = c.art.salient_person(subj[0].start, PERSON_PRONOUNS[word])
        return c.found(ref, "pronoun_subject", subj[0].text) if ref else None
    if word in GROUP_PRONOUNS:
        earlier = _earlier_in_sentence(c)
        if earlier is not None:  # "puppet leaders declared … in what they said was": the same subject
            return Attribution(earlier.actor_id, earlier.text, c.lemma, c.toks[c.i].start, "pronoun_subject")
        ref = _pair_that_spoke(c.art, subj[0].start) if word == "they" else None
        ref = ref or c.art.salient_group(subj[0].start)
        return c.found(ref, "pronoun_subject", subj[0].text) if ref else None
    return None


PAIR_BEFORE = re.compile(r"(?:[A-Z][\w’'.-]*\s+)+and\s+$")  # "Tim and " before "Tracy Harden"
PAIR_AFTER = re.compile(r"\s+and\s+[A-Z]")  # " and Tracy …" after "Tim Harden"


def _pair_that_spoke(art: Article, pos: int) -> Ref | None:
    """ "they" after two people named together spoke last ("Tim and Tracy Harden … said …; “…,”
    they wrote"): the person the attribution named."""
    if not art.speakers:
        return None
    p, r = next(((p, r) for p, r in reversed(art.speakers) if p < pos), (None, None))
    if p is None or r is None or r.kind != "person" or art.segment_of(p) < art.segment_of(pos) - 1:
        return None
    named = next((x for x in reversed(art.refs_between(max(0, p - 300), p)) if x.key == r.key), None)
    if named is None:
        return None
    paired = PAIR_BEFORE.search(art.text, max(0, named.start - 40), named.start) or PAIR_AFTER.match(
        art.text, named.end
    )
    return r if paired else None


def relative_subject(c: Cue) -> Attribution | None:
    """ "X, who had been dining with friends, told AFP": the name before ", who" (not when a name
    follows "who": "colleagues in Lunaria, who Tom Berg noted have …" is Tom Berg's)."""
    lo, _ = c.clause
    if lo < 3 or c.toks[lo - 1].text not in ("who", "which"):  # not "WHO", an acronym
        return None
    if any(r.start == c.toks[lo].start and r.kind != "place" for r in c.refs_between(lo, c.i)):
        return None  # an object relative clause: its own subject speaks
    if c.toks[lo - 2].text != ",":  # "by the Odisha government which said"
        refs = c.art.refs_between(c.sent.start, c.toks[lo - 1].start)
        if c.toks[lo - 1].text == "which" and refs and refs[-1].end == c.toks[lo - 2].end and refs[-1].kind != "place":
            return c.found(refs[-1], "relative_subject")
        if c.toks[lo - 1].text == "which" and c.toks[lo - 2].lower_ in ORG_HEADS:
            return _description(c, _noun_phrase_start(c.toks, lo - 2), lo - 1, "relative_subject")
        return None
    refs = c.art.refs_between(c.sent.start, c.toks[lo - 2].start)
    if refs and refs[-1].end >= c.toks[lo - 3].end:
        return c.found(refs[-1], "relative_subject")
    name = c.toks[lo - 3]
    if _lone_name(c, name):
        return c.found(c.art.describe(name.text, name.start, "person"), "relative_subject")
    return None


def _noun_phrase_start(toks: list[Tok], k: int) -> int:
    """The first token of the noun phrase ending at token k ("the Odisha government")."""
    while k > 0 and toks[k - 1].lower_ not in PREPOSITIONS and toks[k - 1].text.isalpha() and k > 0:
        k -= 1
        if toks[k].lower_ in DETERMINERS:
            break
    return k


def _lone_name(c: Cue, tok: Tok) -> bool:
    """A single capitalised word used as a name: not a function word, and when it opens the
    sentence, capitalised somewhere else mid-sentence or not a common word ("Hamas said" is a
    name, "Officials said" is not)."""
    if not (tok.text[:1].isupper() and tok.text.replace("-", "").isalpha() and tok.lower_ not in FUNCTION_WORDS):
        return False
    return tok.start != c.sent.start or c.art.capitalised_mid_sentence(tok.text) or not _common_word(c.art, tok.text)


def _common_word(art: Article, word: str) -> bool:
    """A word that is a common noun here: written in lower case elsewhere in the article, or a
    noun for people or bodies (with its plural: "Officials", "Witnesses", "Authorities")."""
    low = word.lower()
    if art.lower_case_somewhere(word):
        return True
    singular = {low, low[:-1], low[:-2], low[:-3] + "y"} if low.endswith("s") else {low}
    return bool(singular & (COMMON_SUBJECTS | PEOPLE_NOUNS | _ORG_OR_ROLE))


def coordinated_subject(c: Cue) -> Attribution | None:
    """ "the ministry denied … and said …", "X was blunt, saying …": the verb shares the subject of
    the sentence's earlier reporting verb, else of its main clause; "Adding, “…”" opening a
    sentence shares the subject of the last speaker before it."""
    if _opening_participle(c) or _participle_after_quote(c):
        before = [r for p, r in c.art.speakers if p < c.sent.start]
        return c.found(before[-1], "coordinated_subject") if before else None
    absolute = _with_subject(c)
    if absolute is not None:  # "…, with X saying …", "…, with X taking to Twitter to call …"
        return c.found(absolute, "coordinated_subject")
    k = c.i - 1
    while k >= 0 and (c.toks[k].lower_ in AUX or c.toks[k].lower_.endswith("ly")):
        k -= 1
    participle = c.toks[c.i].lower_.endswith("ing") and k >= 1 and c.toks[k].text == ","
    infinitive = k == c.i - 1 and c.toks[k].lower_ == "to"  # "a resolution to condemn", "quick to denounce"
    if k < 1 or not (participle or infinitive or c.toks[k].lower_ in {"and", "but"}):
        return None
    found = _earlier_in_sentence(c, k)
    if found is not None:
        return Attribution(found.actor_id, found.text, c.lemma, c.toks[c.i].start, "coordinated_subject")
    refs = c.refs_between(0, k)
    subject = next((r for r in refs if r.kind != "place" and _opens_clause(c.toks, r)), None)
    if subject is not None:
        return c.found(_titled_person_after(c, subject, refs), "coordinated_subject")
    end = next((n for n, t in enumerate(c.toks[:k]) if t.lower_ in AUX), None)
    if end and end <= 4 and c.toks[0].lower_ in DETERMINERS:  # "The statement does not … but mentions"
        return _description(c, 0, end, "coordinated_subject")
    pronoun = opening_pronoun(c.toks[:k])
    if pronoun is not None:  # "Years ago, he supported Obama and said, “…”"
        ref = c.art.salient_person(pronoun.start, PERSON_PRONOUNS[pronoun.lower_])
        return c.found(ref, "coordinated_subject", pronoun.text) if ref else None
    return None


def _opening_participle(c: Cue) -> bool:
    """ "Adding, “…”": the sentence opens with the participle."""
    return c.i == 0 and c.toks[0].lower_.endswith("ing") and len(c.toks) > 1 and c.toks[1].text in (",", ":")


def _participle_after_quote(c: Cue) -> bool:
    """ "“…,” adding that …": the sentence is a quote, then the participle, with no subject."""
    if not c.toks[c.i].lower_.endswith("ing") or c.i < 2:
        return False
    return all(c.index.inside(t.start) or t.text in QUOTE_CHARS or t.is_punct for t in c.toks[: c.i])


def _with_subject(c: Cue) -> Ref | None:
    """The subject of an absolute clause the cue belongs to: "with X saying …" (the cue itself) or
    "with X taking to Twitter to call …" (an -ing verb right after the name, the cue a few words
    on, no clause break between)."""
    toks = c.toks
    for m in range(c.i - 1, max(-1, c.i - 10), -1):
        if toks[m].lower_ in CLAUSE_BREAK and toks[m].lower_ != "with":
            return None
        if toks[m].lower_ != "with" or m + 1 >= c.i:
            continue
        named = c.art.refs_between(toks[m + 1].start, toks[c.i].start)
        ref = next((r for r in named if r.start == toks[m + 1].start), None)
        if ref is None or ref.kind != "person":
            return None
        after = next((t for t in toks[m + 1 : c.i + 1] if t.start >= ref.end), None)
        return ref if after is not None and after.lower_.endswith("ing") else None
    return None


def _titled_person_after(c: Cue, subject: Ref, refs: list[Ref]) -> Ref:
    """The person a state or organisation names the office of ("US special envoy Amos Hochstein"):
    the next name, when only title words or capitalised words stand between; else the subject."""
    if subject.kind == "person":
        return subject
    nxt = next((r for r in refs if r.start >= subject.end), None)
    if nxt is None or nxt.kind != "person":
        return subject
    between = [t for t in c.toks if subject.end <= t.start and t.end <= nxt.start]
    return nxt if all(is_title_word(t.text) or t.text[:1].isupper() for t in between) else subject


def opening_pronoun(toks: list[Tok]) -> Tok | None:
    """ "he"/"she" as the subject that opens a sentence, or that follows a short opening phrase and
    its comma ("Eight years ago, he …", "Instead, she …")."""
    k = next((n + 1 for n, t in enumerate(toks[:6]) if t.text == ","), 0)
    for t in (toks[0], toks[k]) if k < len(toks) and toks else toks[:1]:
        if t.lower_ in SUBJECT_PRONOUNS:
            return t
    return None


def _earlier_in_sentence(c: Cue, before: int | None = None) -> Attribution | None:
    """The attribution of the nearest earlier reporting verb of the same sentence."""
    before = c.i if before is None else before
    main = after_opening_clause(c.toks)  # not a verb of an opening clause: "As the crowd began to chant, X …"
    main = main if main <= c.i else 0
    earlier = [(j, lemma) for j, lemma in cues_in(c.sent, c.index) if main <= j < before and lemma != "according"]
    for j, lemma in reversed(earlier):
        found = resolve(c.art, c.sent, j, lemma, c.index)
        if found is not None:
            return found
    return None


def _opens_clause(toks: list[Tok], r: Ref) -> bool:
    """A name that starts the sentence or a clause ("After the bombing, Mariupol City Council …",
    "The strikes came as the Kremlin escalated …")."""
    k = bisect_right(toks, r.start, key=lambda t: t.end) - 1
    while k >= 0 and (toks[k].lower_ == "the" or is_title_word(toks[k].text) or toks[k].text[:1].isupper()):
        k -= 1  # "Commissioner Ruth Ibe", "The Harbour Service"
    return k < 0 or toks[k].text in (",", ":") or toks[k].lower_ in SUBORDINATORS  # "GENEVA: US special envoy X met …"


# conjunctions that open a clause whose subject follows them
SUBORDINATORS = frozenset({"as", "when", "after", "while", "because", "since", "before", "although", "though", "until"})


def speaker_before_cue(c: Cue) -> Attribution | None:
    lo, hi = c.clause
    if hi <= lo:
        return None
    words = [t for t in c.toks[lo:hi] if t.lower_ not in AUX and t.lower_ not in TIME_WORDS]
    people = [r for r in c.refs_between(lo, hi) if r.kind == "person" and not _after_preposition(c.toks, r)]
    people = [r for r in people if not _possessor(c, r)]  # "X’s attorney, Y, argued": Y
    apposed = _apposed_person(c, lo)
    if people and (apposed is None or not c.toks[lo].text[:1].isupper()):
        return c.found(_first_of_pair(c, people), "speaker_before_cue")  # "the public health director of … X told"
    if apposed is not None:  # "X, the chief of staff to President Y said", "X, President of thinktank Y said": X
        return c.found(apposed, "speaker_before_cue")
    inserted = _insertion(c.toks[hi + 1 : c.i - 1]) if c.toks[hi : hi + 1] and c.toks[hi].text == "," else False
    named = [r for r in c.refs_between(hi, c.i) if r.kind == "person" and not inserted]
    if named:  # "A UN representative to Ukraine, Osnat Lubrani, said": the name in the appositive
        return c.found(named[-1], "speaker_before_cue")
    if _described_body(c, lo, hi):
        return _description(c, lo, hi, "speaker_before_cue")  # "the US embassy in Kyiv", "Russia's defence ministry"
    refs = [r for r in c.refs_between(lo, hi) if not _after_preposition(c.toks, r)]
    people = [r for r in refs if r.kind == "person"]
    if people:
        return c.found(people[-1], "speaker_before_cue")
    agents = [r for r in refs if r.kind != "place"]  # a region does not speak: "Ballots in Kherson ask"
    agents = [r for r in agents if not _possessor(c, r)] or agents  # "Russia’s RIA news agency said": RIA
    if agents:
        return c.found(agents[0], "speaker_before_cue")
    capital = _place_as_subject(words, refs)
    if capital is not None:  # "Kyiv called it “hellish”", "Washington said": the government seated there
        return c.found(capital, "speaker_before_cue")
    name = _lone_name_of(c, words) if not refs else None
    if name is not None:  # "Hengaw said", "Yevgen told AFP", "an angry Hollande retorted"
        return c.found(c.art.describe(name.text, name.start, "person"), "speaker_before_cue")
    return _description(c, lo, hi, "speaker_before_cue")


def _place_as_subject(words: list[Tok], refs: list[Ref]) -> Ref | None:
    """A place named alone as the subject ("Kyiv called", "an attack that Washington condemned"):
    it stands for its government; not a place among other words ("Ballots in Kherson ask")."""
    words = [t for t in words if t.lower_ not in ("that", "which")]
    if len(refs) != 1 or refs[0].kind != "place" or not words:
        return None
    return refs[0] if words[0].start == refs[0].start and words[-1].end == refs[0].end else None


def _apposed_person(c: Cue, lo: int) -> Ref | None:
    """The person right before a subject clause that is a description set off by a comma ("X, the
    chief of staff to …", "X, an adviser of …"): the description is X's, and X is the subject."""
    titled = c.toks[lo].text[:1].isupper() and is_title_word(c.toks[lo].text)  # "X, President of thinktank Y, said"
    if lo < 2 or c.toks[lo - 1].text != "," or not (c.toks[lo].lower_ in ("the", "a", "an") or titled):
        return None
    if not c.toks[lo + 1 : lo + 2] or not c.toks[lo + 1].text.islower():
        return None
    comma = c.toks[lo - 1].start
    return next((r for r in c.refs_between(max(0, lo - 6), lo - 1) if r.end == comma and r.kind == "person"), None)


def _lone_name_of(c: Cue, words: list[Tok]) -> Tok | None:
    """The subject is one capitalised name alone, or after "a"/"an" and lower-case adjectives ("a
    defiant Sanders"): that name."""
    if len(words) >= 3 and words[0].lower_ in ("a", "an") and all(t.text.islower() for t in words[1:-1]):
        words = words[-1:]
    return words[0] if len(words) == 1 and _lone_name(c, words[0]) else None


def cited_speaker(c: Cue) -> Attribution | None:
    """'"…," the agency cites X': a medium reports, the one it cites spoke (not "…, citing law
    enforcement", a participle after the medium's own report)."""
    toks, i = c.toks, c.i
    if c.lemma != "cite" or toks[i].lower_.endswith("ing"):
        return None
    j = i + 1
    while j < len(toks) and toks[j].lower_ in DETERMINERS:
        j += 1
    refs = [r for r in c.refs_between(j, min(len(toks), j + 6)) if r.kind != "place" and r.start == toks[j].start]
    return c.found(refs[0], "cited_speaker") if refs else None


RULES = (
    cited_speaker,
    according_to,
    passive_agent,
    speaker_after_cue,
    pronoun_subject,
    relative_subject,
    coordinated_subject,
    speaker_before_cue,
)


def resolve(art: Article, sent: Sentence, ci: int, lemma: str, index: QuoteIndex) -> Attribution | None:
    """The speaker of the cue at token `ci` of `sent`: the first rule that applies (once per cue:
    descriptions it resolves become names that later sentences can refer to)."""
    key = (sent.start, ci)
    if key not in art.attributions:
        cue = Cue(art, sent, ci, lemma, index)
        found = next((found for rule in RULES if (found := rule(cue)) is not None), None)
        art.attributions[key] = found
        ent = art.entity(found.actor_id) if found else None
        if found is not None and ent is not None:  # who spoke last: what "he", "she" and "the report" refer to
            art.speakers.append((found.cue_start, Ref(found.cue_start, found.cue_start, ent.name, ent.key, ent.kind)))
    return art.attributions[key]


# --- descriptions ------------------------------------------------------------------------


def _description_words(c: Cue, lo: int, hi: int) -> list[Tok] | None:
    """The words of a subject that may be a description, or None when it cannot be one."""
    words = [t for t in c.toks[lo:hi] if t.lower_ not in AUX and not t.is_punct]
    while words and words[-1].lower_ in TIME_WORDS:
        words = words[:-1]
    if not words or any(t.lower_ in PERSON_PRONOUNS or t.lower_ in GROUP_PRONOUNS for t in words):
        return None
    if not words[-1].text.isalpha() or len(words) > 8 or {words[0].lower_, words[-1].lower_} & PREPOSITIONS:
        return None  # "with injuries mostly reported …": not a subject
    return words


def _description(c: Cue, lo: int, hi: int, rule: str) -> Attribution | None:
    """A subject without a name: resolve "the mayor", keep "the mayor of Chiva", drop "a resident".
    The first description rule that applies decides (DESCRIPTION_RULES)."""
    words = _description_words(c, lo, hi)
    if words is None:
        return None
    d = _Described(c, words, c.art.text[words[0].start : words[-1].end], words[0].lower_, _head(words))
    for describe in DESCRIPTION_RULES:
        found = describe(d)
        if found is not None:
            ref, tag = found
            return c.found(ref, "unnamed" if ref is None else f"{rule}/{tag}", d.text)
    return c.found(None, "unnamed", d.text)


@dataclass(frozen=True)
class _Described:
    c: Cue
    words: list[Tok]
    text: str
    first: str
    head: str | None


Found = tuple[Ref | None, str] | None  # (entity or None for an unnamed source, rule tag), or "does not apply"


def _document(d: _Described) -> Found:
    """ "the report said": the organisation that last spoke, else the one that published a
    document in the sentences before ("X has released a new report"), else the last one named."""
    if d.first in {"the", "a", "its", "their", "this", "that"} and d.head in DOCUMENT_NOUNS:
        art, pos = d.c.art, d.words[0].start
        spoke = next((True for p, r in reversed(art.speakers) if p < pos and r.kind == "organization"), False)
        return (
            art.salient_organisation(pos) if spoke else _publisher(art, pos) or art.salient_organisation(pos)
        ), "document"
    return None


PUBLISHING = frozenset({"released", "published", "issued", "documented", "releases", "publishes", "issues"})


def _publisher(art: Article, pos: int, reach: int = 8) -> Ref | None:
    """The organisation a sentence before `pos` names as publishing a document: the first one,
    not after a preposition, of the nearest sentence with a publishing verb or a document noun."""
    before = [s for s in art.sentences_between(max(0, pos - 400 * reach), pos) if s.end <= pos][-reach:]
    for sent in reversed(before):
        if not any(t.lower_ in PUBLISHING or t.lower_ in DOCUMENT_NOUNS for t in sent.tokens):
            continue
        inside = art.quoted or (lambda _p: False)
        refs = [r for r in art.refs_between(sent.start, sent.end) if r.kind == "organization" and not inside(r.start)]
        refs = [r for r in refs if not object_of_preposition(art.text, r.start)]
        if refs:
            return refs[0]
    return None


def _member_of(d: _Described) -> Found:
    """ "a Hezbollah official", "a spokesman for Hamas", "UN officials", "an army spokesman": an
    unnamed member speaks for the organisation named (GUIDE: the organisation is the speaker)."""
    role = d.head or ""
    if not (role in MEMBER_ROLES or (role.endswith("s") and role[:-1] in MEMBER_ROLES)):
        return None  # "a Ukrainian mayor", "a Bucha resident": a person, not a voice of a body
    if d.first not in INDEFINITE and not role.endswith("s"):
        return None  # "the spokesman": a definite description (_titled)
    ref = _body_of(d, role)
    if ref is not None:
        d.c.art.members.append((d.words[0].start, role.rstrip("s"), ref))
        return ref, "member_of"
    return None


def _body_of(d: _Described, role: str) -> Ref | None:
    """The organisation in a member's description: named ("Hezbollah", "the Israeli military"),
    or a lower-case head that an organisation named earlier has ("an army spokesman")."""
    at = next(n for n, t in enumerate(d.words) if t.lower_ == role)
    after = d.words[at + 1 :]
    words = after[1:] if after and after[0].lower_ in ("for", "of", "from", "at") else d.words[:at]
    org_words = [t for t in words if t.text[:1].isupper() and t.lower_ not in DETERMINERS]
    if org_words:
        lo, hi = org_words[0].start, words[-1].end
        near = d.c.art.refs_between(max(0, lo - 200), hi + 200)
        refs = [r for r in near if r.start < hi and lo < r.end and r.kind in ("organization", "state")]
        if refs:
            return max(refs, key=lambda r: (r.kind == "organization", r.end - r.start))
        if len(org_words) == 1 and _demonym(org_words[0].text):
            return None  # "Russian representatives": a nationality, not a body that speaks
        return d.c.art.describe(d.c.art.text[lo : org_words[-1].end], lo, "organization")
    body = [t.lower_ for t in words if t.lower_ in ORG_HEADS]
    return d.c.art.described(body[0], d.words[0].start) if body else None


def _demonym(word: str) -> bool:
    """ "Russian", "Afghan", "Israeli" (a country's adjective), not "Taliban" or "Hamas"."""
    return DEMONYM.search(word) is not None and any(
        name.startswith(word[:4]) and len(codes) == 2 for name, codes in gazetteer().items()
    )


def _same_member(d: _Described) -> Found:
    """ "the official", after "an Israeli military official said": the same unnamed member's body."""
    role = (d.head or "").rstrip("s")
    if d.first != "the" or role not in MEMBER_ROLES:
        return None
    earlier = [ref for pos, r, ref in d.c.art.members if r == role and pos < d.words[0].start]
    return (earlier[-1], "member_of") if earlier else None


def _indefinite(d: _Described) -> Found:
    """ "a resident", "witnesses", "some officials", "authorities in the city of X": an unnamed source."""
    head = d.head or d.words[-1].lower_
    plural = head.endswith("s") and d.first not in {"the"} | DETERMINERS
    return (None, "unnamed") if d.first in INDEFINITE or plural else None


NAMING_WORDS = frozenset({"known", "identified", "named", "called"})  # "the base chief known as Bob"


def _known_as(d: _Described) -> Found:
    """ "the base chief known as Bob", "a man identified only as Ahmed", "a nurse named Lia": the
    name the description ends with."""
    w = d.words
    k = next((n for n, t in enumerate(w[:-1]) if t.lower_ in NAMING_WORDS), None)
    if k is None or not all(t.text[:1].isupper() for t in w[k + 1 :] if t.lower_ not in ("as", "only", "simply")):
        return None
    name = [t for t in w[k + 1 :] if t.text[:1].isupper()]
    if not name or len(name) > 3:
        return None
    text = d.c.art.text[name[0].start : name[-1].end]
    return d.c.art.describe(text, name[0].start, "person"), "known_as"


def _role_and_name(d: _Described) -> Found:
    """ "a witness Natalia": the name after a role word."""
    w = d.words
    named = w[-1].text[:1].isupper() and not is_title_word(w[-1].text)  # not "the Prosecutor General"
    if named and len(w) >= 2 and w[-2].lower_ in PERSON_ROLES:
        return d.c.art.describe(w[-1].text, w[-1].start, "person"), "role_and_name"
    return None


def _titled(d: _Described) -> Found:
    """ "the mayor", "the ministry": the entity titled or named so, before (or, headlines, after);
    "the Russian president": the one whose title says Russian, when there is one."""
    if not d.head or _owned_body(d):
        return None  # "the United Nations’ office in Myanmar": its own office, not the last one named
    core = [t.lower_ for t in d.words if t.text.isalpha() and t.lower_ not in DETERMINERS]
    modifiers = tuple(core[: core.index(d.head)]) if d.head in core else ()
    ref = d.c.art.described(d.head, d.words[0].start, modifiers)
    return (ref, "titled") if ref is not None else None


def _owned_body(d: _Described) -> bool:
    """An organisation described with its owner in the possessive ("the military government’s
    information office", "the United Nations’ office"); not a person's role ("the town's mayor")."""
    return d.head in ORG_HEADS and POSSESSIVE.search(d.text) is not None


POSSESSIVE = re.compile(r"\w(?:[’']s|s[’'])\s")  # "government’s office", "Nations’ office"


def _specific(d: _Described) -> Found:
    """ "the mayor of Chiva", "Guilan police chief", "the military government’s information
    office": a specific office (a name, or an owner in the possessive) becomes an actor."""
    body = d.words[1:] if d.first in DETERMINERS else d.words
    if d.head in _ORG_OR_ROLE and (_owned_body(d) or any(t.text[:1].isupper() for t in body)):
        name = d.c.art.text[body[0].start : d.words[-1].end]
        return d.c.art.describe(name, body[0].start), "specific"
    return None


def _salient(d: _Described) -> Found:
    """ "the 53-year-old", "the woman": the person in focus; "the medical organization": the last one."""
    if d.first != "the":
        return None
    if d.head in PEOPLE_NOUNS or d.text.endswith("-old") or "-year-old" in d.text:
        ref = d.c.art.salient_person(d.words[0].start, NOUN_GENDER.get(d.head or ""))
    elif d.head in ORG_HEADS:
        ref = d.c.art.salient_organisation(d.words[0].start)
    else:
        return None
    return (ref, "salient") if ref is not None else None


DESCRIPTION_RULES = (
    _document,
    _known_as,
    _member_of,
    _indefinite,
    _role_and_name,
    _titled,
    _specific,
    _same_member,
    _salient,
)


def _head(words: list[Tok]) -> str | None:
    """The noun a description is about: "the town's mayor" -> mayor, "the mayor of Chiva" -> mayor."""
    cut = next((n for n, t in enumerate(words) if t.lower_ in PREPOSITIONS), len(words))
    core = [t for t in words[:cut] if t.text.isalpha()]
    return core[-1].lower_ if core else None


# --- clauses -----------------------------------------------------------------------------


QUOTED_AS = frozenset({"quoted", "cited", "reported", "heard", "overheard"})


def clause_before(toks: list[Tok], i: int, index: QuoteIndex) -> tuple[int, int]:
    """(first, end) token indexes of the subject clause before the cue at token i.

    The clause starts after a clause break or a quotation; an appositive "X, the <title>,
    said" is skipped over, and `end` then stops before it.
    """

    def quoted(tok: Tok) -> bool:
        if tok.text in SINGLE_MARKS and tok.start not in index.marks:
            return False  # "the CPJ' director": an apostrophe, not the end of a quotation
        return tok.text in QUOTE_CHARS or index.inside(tok.start)

    j, end = i - 1, i
    if toks[i].lower_.endswith("ing") and j >= 1 and toks[j].lower_ == "as" and toks[j - 1].lower_ in QUOTED_AS:
        k = j - 2  # "X, head of the police, was quoted as saying": the subject of "was quoted"
        while k > 0 and toks[k - 1].lower_ in AUX:
            k -= 1
        return clause_before(toks, k, index) if 0 < k < i else (0, 0)
    while j >= 0:
        if quoted(toks[j]):
            return j + 1, end
        t = toks[j].lower_
        if t == ",":
            go_on, a, b = _at_comma(toks, i, j, end, quoted)
            if not go_on:
                return a, b
            end, j = a, b
            continue
        opening = _inserted_before(toks, i, j, end)
        if opening is not None:
            end, j = opening, opening - 1
            continue
        if t in _BREAK_NOT_COMMA and not toks[j].text.isupper() and not _joins_names(toks, j):  # "WHO spokesperson"
            return j + 1, end
        j -= 1
    return 0, end


def _joins_names(toks: list[Tok], j: int) -> bool:
    """ "and" between two capitalised words joins names ("X and Y wrote", "Institute for Science and
    International Security"), it does not start a clause."""
    return (
        toks[j].lower_ == "and"
        and 0 < j < len(toks) - 1
        and toks[j - 1].text[:1].isupper()
        and toks[j + 1].text[:1].isupper()
    )


def _at_comma(toks: list[Tok], i: int, j: int, end: int, quoted: Callable[[Tok], bool]) -> tuple[bool, int, int]:
    """At the comma toks[j], going back from the cue at i: (True, end, j) to go on past an
    insertion or appositive, else (False, first, end) of the subject clause."""
    if end != i and _insertion(toks[j + 1 : end]):  # "X, meanwhile, who …, said"
        return True, j, j - 1
    rest = any(x.lower_ not in AUX and not x.lower_.endswith("ly") for x in toks[j + 1 : end])
    if end != i or rest:
        return False, j + 1, end
    k = j - 1  # the cue follows a comma: "X, the <title>, said" or "the <title>, X, said"
    while k >= 0 and toks[k].lower_ != "," and not quoted(toks[k]):
        k -= 1
    closes = k >= 1 and (toks[k - 1].text[-1:].isalnum() or toks[k - 1].text == ")")  # "X, who …," "X (D-Mo.), who …,"
    if closes and not quoted(toks[k]) and _insertion(toks[k + 1 : j]):
        return True, k, k - 1  # "X, who …, said", "X, in a statement, urged": the subject before it
    if k >= 0 and not quoted(toks[k]) and any(toks[x].text[:1].isupper() for x in range(max(k - 4, 0), k)):
        return True, k, k - 1
    if k >= 0 and any(toks[x].text[:1].isupper() for x in range(k + 1, j)):
        return False, k + 1, j
    return False, j + 1, end


# a comma-delimited insertion between a subject and its verb opens with one of these: a relative
# pronoun ("X, who sits on the board, said"), a sentence adverb ("X, meanwhile, said"), or a
# phrase of how it was said ("X, in a statement, urged", "X, speaking to reporters, said")
RELATIVE_PRONOUNS = frozenset({"who", "whose", "which"})
SENTENCE_ADVERBS = frozenset({"meanwhile", "however", "too", "also", "though", "instead", "separately", "likewise"})
MANNER_OPENERS = frozenset({"in", "on", "speaking", "writing", "via", "through"})
MANNER_NOUNS = frozenset(
    DOCUMENT_NOUNS | {"interview", "remarks", "speech", "briefing", "conference", "video", "address", "email"}
)


def _insertion(words: list[Tok]) -> bool:
    """True when the words between two commas are an insertion that a subject may be separated
    from its verb by (see the openers above); "speaking"/"writing"/"from" need no noun."""
    if not words:
        return False
    first = words[0].lower_
    if first in RELATIVE_PRONOUNS:
        return True
    if len(words) == 1:
        return first in SENTENCE_ADVERBS or (first.isdigit() and len(first) <= 3)  # "X, 45, from Y, told"
    if first in ("speaking", "writing", "from"):
        return True  # "X, from the town of Oleshky, told": where the subject is from
    return first in MANNER_OPENERS and any(w.lower_ in MANNER_NOUNS for w in words[:4])


def _inserted_before(toks: list[Tok], i: int, j: int, end: int) -> int | None:
    """Where an insertion that ends at token j, right before the cue at i, opens, when a name stands
    before it or the parenthesis holds one: "the Israel Defense Forces (IDF) said", "the UN rights
    office (OHCHR) said", "Gingrich — mentioned by Newsmax as … — told"."""
    t = toks[j].text
    if end != i and not (t == ")" and j == end - 1):  # "X (D-Mo.), who …, said": the parenthesis before the comma
        return None
    if t == ")":
        opening = next((k for k in range(j - 1, max(j - 8, -1), -1) if toks[k].text == "("), None)
    elif t in ("—", "–") and j == i - 1:
        opening = next((k for k in range(j - 1, max(j - 30, -1), -1) if toks[k].text == t), None)
    else:
        return None
    if not opening:
        return None
    named = toks[opening - 1].text[:1].isupper() or (t == ")" and _names_inside(toks[opening + 1 : j]))
    return opening if named else None


def _names_inside(words: list[Tok]) -> bool:
    """A parenthesis that gives a name or an acronym ("the UN rights office (OHCHR) said")."""
    return bool(words) and all(w.text[:1].isupper() or w.text in ("-", "&", ".") for w in words)


def _phrase_end(toks: list[Tok], j: int) -> int:
    k = j
    while (
        k < len(toks)
        and (toks[k].lower_ not in CLAUSE_BREAK or toks[k].text.isupper() or _named_as(toks, k))  # "WHO chief X"
        and toks[k].text not in QUOTE_CHARS
        and not (toks[k].is_punct and toks[k].text not in {"-", "'", "’", "."})
    ):
        k += 1
    return k


def _named_as(toks: list[Tok], k: int) -> bool:
    """ "as" in "known as Bob", "identified only as Ahmed": part of a description, not a clause."""
    return toks[k].lower_ == "as" and k > 0 and (toks[k - 1].lower_ in NAMING_WORDS or toks[k - 1].lower_ == "only")


def _after_preposition(toks: list[Tok], r: Ref) -> bool:
    """True when the name sits in a prepositional phrase ("regions of Ukraine"), not a subject."""
    k = bisect_right(toks, r.start, key=lambda t: t.end) - 1
    titled = False
    while k >= 0:
        word = toks[k].text
        if toks[k].lower_ in {"the", "'s", "’s"}:
            k -= 1
        elif word[:1].isupper() and is_title_word(word):
            titled, k = True, k - 1  # "the chief of staff to President X": X is no subject
        elif titled and word[:1].isupper() and word.lower() not in MONTHS_DAYS:
            k -= 1  # "to Ukrainian President X" (not "On Monday President X said")
        else:
            break
    if titled and k >= 1 and toks[k - 1].text[:1].isupper() and is_title_word(toks[k - 1].text):
        return False  # "Minister of Defence X", "Secretary of State X": the preposition is the title's
    if titled:  # "adviser to President X", not "with President X saying" (X speaks)
        return k >= 0 and toks[k].lower_ in TITLE_OBJECT_PREPOSITIONS
    return k >= 0 and toks[k].lower_ in PREPOSITIONS


# prepositions that make a titled name the object of a role or relation: "chief of staff to
# President X", "an adviser of Prime Minister X", "a spokesman for Governor X"
TITLE_OBJECT_PREPOSITIONS = frozenset({"to", "of", "for"})
