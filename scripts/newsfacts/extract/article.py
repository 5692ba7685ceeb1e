"""An article analysed once: segments, sentences, tokens with global offsets, mentions."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.attrs import LENGTH, SPACY

from newsfacts.extract.cues import FORMS as CUE_FORMS
from newsfacts.extract.mentions import Alias, find_mentions
from newsfacts.extract.names import (
    ACRONYM,
    ORG_HEADS,
    PERSON_ROLES,
    Entities,
    Entity,
    Name,
    is_title_word,
    known_given_name,
    names_in,
)
from newsfacts.extract.segment import Segment, nlp, segments


class Tok:
    """A token with its offsets in the article; lower case and punctuation computed once."""

    __slots__ = ("start", "end", "text", "lower_", "is_punct")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.lower_, self.is_punct = _word_info(text)

    def __repr__(self) -> str:
        return f"Tok({self.start}, {self.end}, {self.text!r})"


_tok_new = object.__new__  # a Tok whose lower case and punctuation flag are known: no __init__ call
_WORD_INFO: dict[str, tuple[str, bool]] = {}  # token text -> (lower case, no letter or digit in it)


def _word_info(text: str) -> tuple[str, bool]:
    info = _WORD_INFO.get(text)
    if info is None:
        if len(_WORD_INFO) > 50_000:  # a vocabulary, not a corpus: keep it bounded
            _WORD_INFO.clear()
        info = _WORD_INFO[text] = (text.lower(), not any(ch.isalnum() for ch in text))
    return info


@dataclass
class Sentence:
    start: int
    end: int
    segment: int
    section_type: str
    tokens: list[Tok]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor_id: str
    text: str
    section_type: str
    segment: int


@dataclass(frozen=True)
class Ref:
    """A name in the text that refers to an entity of the article."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # person, organization, state, place


REGISTRY_KINDS = {"person": "person", "state": "state"}  # every other actor type acts as an organization


@dataclass
class Article:
    source_id: str
    text: str
    published_date: dt.date | None = None
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    entities: Entities = field(default_factory=Entities)
    speakers: list[tuple[int, Ref]] = field(default_factory=list)  # (position, who) of attributed quotes
    attributions: dict = field(default_factory=dict)  # (sentence start, cue token) -> Attribution or None
    members: list[tuple[int, str, Ref]] = field(default_factory=list)  # "an army official": (position, role, body)
    quoted: Callable[[int], bool] | None = None  # position -> inside a quotation? (set once quotes are found)

    def refs_between(self, start: int, end: int) -> list[Ref]:
        i = bisect_left(self._ref_starts, start)
        out = []
        while i < len(self.refs) and self.refs[i].start < end:
            if self.refs[i].end <= end:
                out.append(self.refs[i])
            i += 1
        return out

    @property
    def _ref_starts(self) -> list[int]:
        if "_starts" not in self.__dict__ or len(self.__dict__["_starts"]) != len(self.refs):
            self.__dict__["_starts"] = [r.start for r in self.refs]
        return self.__dict__["_starts"]

    def capitalised_mid_sentence(self, word: str) -> bool:
        """True when `word` occurs capitalised somewhere other than at a sentence start."""
        return word in self._case_seen[0]

    def lower_case_somewhere(self, word: str) -> bool:
        """True when `word` also occurs in lower case ("Officials said" … "officials"): a common word."""
        return word.lower() in self._case_seen[1]

    @cached_property
    def _case_seen(self) -> tuple[set[str], set[str]]:
        mid: set[str] = set()  # each word once: most repeat
        first: set[str] = set()
        for s in self.sentences:
            first.update([t.text for t in s.tokens[:1]])
            mid.update([t.text for t in s.tokens[1:]])
        caps = {w for w in mid if w[:1].isupper()}
        lower = {w for w in mid | first if w.islower()}
        return caps, lower

    def entity(self, key: str | None) -> Entity | None:
        return self.entities.by_key.get(key) if key else None

    def _before(self, pos: int, limit: int = 300):
        """The names before `pos` outside quotations, nearest first (at most `limit`: a reference
        reaches back only so far; a name inside quoted words is not what "he" or "the ministry" means)."""
        end = bisect_left(self._ref_starts, pos)
        inside = self.quoted or (lambda _p: False)
        return (r for r in reversed(self.refs[max(0, end - limit) : end]) if not inside(r.start))

    def salient_organisation(self, pos: int) -> Ref | None:
        """The organisation that last spoke (else the last one named): who "the report" is from."""
        for p, r in reversed(self.speakers):
            if p < pos and r.kind == "organization":
                return r
        return self.last_group(pos, states=False)

    def last_person(self, pos: int, gender: str | None = None) -> Ref | None:
        """The last person named before `pos` whose known gender does not contradict `gender`;
        a name not known to be a person's (no known given name, no title) only when no other fits."""
        fallback = None
        for r in self._before(pos):
            ent = self.entity(r.key)
            if r.kind == "person" and self._of_gender(r, gender):
                if ent is None or ent.confident:
                    return r
                fallback = fallback or r
        return fallback

    def last_group(self, pos: int, states: bool = True) -> Ref | None:
        """What "it" or "they" most likely stands for: the last organisation (or state) named."""
        kinds = ("organization", "state") if states else ("organization",)
        return next((r for r in self._before(pos) if r.kind in kinds), None)

    def salient_group(self, pos: int) -> Ref | None:
        """What "it" or "they" most likely stands for: the organisation or state that spoke last in
        this or the previous paragraph ("The OHCHR urged the authorities and the international
        community … It said"), unless one is named after it; else the last one named."""
        named = self.last_group(pos)
        seg = self.segment_of(pos)
        for p, r in reversed(self.speakers):
            if p < pos and self._this_or_previous_paragraph(p, seg) and r.kind in ("organization", "state"):
                return named if named is not None and named.start > p and self._opens_sentence(named) else r
        return named

    def _this_or_previous_paragraph(self, p: int, seg: int) -> bool:
        """Whether offset p lies in paragraph `seg` or the one before it, captions between them
        ("Photo: Reuters") not counted."""
        at = self.segment_of(p)
        # every paragraph between them a caption (walked back from `seg`: stops at the first that is not)
        return all(self.segments[k].section_type == "caption" for k in range(seg - 1, at, -1))

    def _opens_sentence(self, r: Ref) -> bool:
        """A name among the first words of its sentence: a subject, not the object of "urged the
        authorities and the X"."""
        sent = self.sentence_at(r.start)
        return sent is not None and any(t.start == r.start for t in sent.tokens[:3])

    def salient_person(self, pos: int, gender: str | None = None) -> Ref | None:
        """Who "he" or "she" is: the last person quoted in this or the previous paragraph, else the
        last person named."""
        seg = self.segment_of(pos)
        speaker = None
        for p, r in reversed(self.speakers):
            if p < pos and self._this_or_previous_paragraph(p, seg):
                if r.kind == "person" and self._of_gender(r, gender):
                    speaker = (p, r)
                break
        named = self.last_subject(pos, gender)
        if named is None:
            named = self.last_person(pos, gender)
            while named is not None and object_of_preposition(self.text, named.start):
                named = self.last_person(named.start, gender)  # "referring to Erdogan's speech": not a subject
        if speaker is None:
            return named
        return named if named is not None and named.start > speaker[0] else speaker[1]

    def last_subject(self, pos: int, gender: str | None, reach: int = 6) -> Ref | None:
        """The person a sentence before `pos` is about: the first person named in it, not after a
        preposition, walking back sentence by sentence; a sentence opening with "he"/"she" is about
        the same person as the one before it, so its other names are passed over ("He finished
        behind Ted Cruz." does not make Cruz who "he" is)."""
        k = bisect_right(self._sentence_starts, pos) - 1
        inside = self.quoted or (lambda _p: False)
        look_for_question = True  # in the last sentence before the quote's own
        for sent in self.sentences[max(0, k - reach) : k + 1][::-1]:
            if look_for_question and sent.end <= pos and not _opens_quote(sent, inside):
                look_for_question = False
                asked = self._asked(sent, pos, gender)
                if asked is not None:  # "X asked Sanders whether …" / "“…,” he said": who was asked answers
                    return asked
            main = after_opening_clause(sent.tokens)  # "Two days after X spoke, Y took …": about Y
            first = sent.tokens[main] if main < len(sent.tokens) else sent.tokens[0]
            if first.start < pos and first.lower_ in SUBJECT_PRONOUNS:
                if main:  # "When the interview turned to Allen's outlook, he offered …": Allen
                    before = self._person_in(sent.start, first.start, gender, inside)
                    if before is not None:
                        return before
                continue  # "He finished behind Ted Cruz.": about the person before
            refs = self.refs_between(sent.start, min(sent.end, pos))
            for r in [r for r in refs if r.start >= first.start] + [r for r in refs if r.start < first.start]:
                if r.kind != "person" or inside(r.start) or object_of_preposition(self.text, r.start):
                    continue
                ent = self.entity(r.key)
                if self._of_gender(r, gender):
                    if ent is None or ent.confident or len(r.text.split()) > 1:  # "Buarai Tanontong's"
                        return r
                break  # the sentence's subject is someone else
        return None

    def _person_in(self, start: int, end: int, gender: str | None, inside: Callable[[int], bool]) -> Ref | None:
        """The last person named in text[start:end], outside quotes, who may be "he"/"she"."""
        for r in reversed(self.refs_between(start, end)):
            if r.kind == "person" and not inside(r.start) and self._of_gender(r, gender):
                return r
        return None

    def _asked(self, sent: Sentence, pos: int, gender: str | None) -> Ref | None:
        """The person a question was put to in a sentence before `pos` ("X asked Y whether …")."""
        for i, t in enumerate(sent.tokens[:-1]):
            if t.lower_ != "asked" or i == 0:
                continue
            nxt = sent.tokens[i + 1]
            r = next((r for r in self.refs_between(nxt.start, nxt.end) if r.start == nxt.start), None)
            if r is not None and r.kind == "person" and self._of_gender(r, gender):
                return r
        return None

    def _of_gender(self, r: Ref, gender: str | None) -> bool:
        """The person r may be "he" (male) or "she" (female): its gender is that or unknown."""
        ent = self.entity(r.key)
        return gender is None or ent is None or ent.gender in (None, gender)

    def segment_of(self, pos: int) -> int:
        s = self.sentence_at(pos)
        return s.segment if s is not None else -1

    def described(self, head: str, pos: int, modifiers: tuple[str, ...] = ()) -> Ref | None:
        """The entity a description such as "the mayor" or "the ministry" refers to: the last one
        titled or named with `head` before `pos`, else (a headline) the first one named after it.
        Modifiers ("the Russian president") pick among several, when one's title or name has them."""

        known: dict[tuple[str, str, tuple[str, ...]], bool] = {}  # most names repeat: decide once per entity

        def fits(r: Ref, words: tuple[str, ...] = (head,)) -> bool:
            answer = known.get((r.key, r.kind, words))
            if answer is None:
                answer = known[(r.key, r.kind, words)] = _fits(r, words)
            return answer

        def _fits(r: Ref, words: tuple[str, ...]) -> bool:
            ent = self.entity(r.key)
            if ent is None or r.kind == "place":
                return False
            named = [] if r.kind == "person" else [ent.name.lower().replace("’s", "").replace("'s", "")]
            return any(all(SAME_ROLE.get(w, {w}) & set(t.split()) for w in words) for t in [*ent.titles, *named])

        found = None
        if modifiers:
            found = next((r for r in self._before(pos) if fits(r, (head, *modifiers))), None)
        if found is None and modifiers and head == "leader":  # "the Ukrainian leader": its president
            found = next((r for r in self._before(pos) if fits(r, (NATIONAL_LEADER, *modifiers))), None)
        found = found or next((r for r in self._before(pos) if fits(r)), None)
        if found is None and head in PERSON_ROLES:
            at = bisect_left(self._ref_starts, pos)
            found = next((r for r in self.refs[at : at + 300] if r.kind == "person" and fits(r)), None)
        return found

    def describe(self, name: str, pos: int, kind: str | None = None) -> Ref:
        """An actor known by a description ("the mayor of Chiva") or a lone name ("Hengaw"); it
        joins the article's names so that later references find it."""
        words = name.lower().split()
        kind = kind or ("person" if words[-1] in PERSON_ROLES else "organization")
        ent = self.entities.add(Name(pos, pos + len(name), name, kind, None), force=True)
        assert ent is not None  # a forced name always has an entity
        ref = Ref(pos, pos + len(name), self.text[pos : pos + len(name)], ent.key, ent.kind)
        # refs are sorted by (start, end): an equal ref can only be among those with its offsets, and
        # the cached starts take the new one at the same place (no scan, no rebuild, on long articles)
        key = (ref.start, ref.end)
        at = bisect_right(self.refs, key, key=_ref_key)
        if ref not in self.refs[bisect_left(self.refs, key, key=_ref_key) : at]:
            starts = self.__dict__.get("_starts")
            self.refs.insert(at, ref)
            if starts is not None and len(starts) == len(self.refs) - 1:
                starts.insert(at, ref.start)
        return ref

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        """The sentences that overlap text[start:end]."""
        i = max(bisect_right(self._sentence_starts, start) - 1, 0)
        out = []
        while i < len(self.sentences) and self.sentences[i].start < end:
            if self.sentences[i].end > start:
                out.append(self.sentences[i])
            i += 1
        return out

    @property
    def _sentence_starts(self) -> list[int]:
        if "_sstarts" not in self.__dict__ or len(self.__dict__["_sstarts"]) != len(self.sentences):
            self.__dict__["_sstarts"] = [s.start for s in self.sentences]
        return self.__dict__["_sstarts"]


def _ref_key(r: Ref) -> tuple[int, int]:
    return (r.start, r.end)


# words that open an adverbial or subordinate clause before a sentence's subject ("On Friday,",
# "Since she endorsed X,", "Eight years ago,"): the subject comes after its comma
OPENERS = frozenset(
    "in on at after before during for with from since despite as when while by because although though if once "
    "until".split()
)
# role words that name the same office: "the Wagner chief" is the one titled "head of … Wagner"
SAME_ROLE = dict.fromkeys(("chief", "head", "leader"), frozenset({"chief", "head", "leader"}))
# "the Ukrainian leader", "the French leader": the one titled head of that state or government
NATIONAL_LEADER = "<national leader>"
SAME_ROLE[NATIONAL_LEADER] = frozenset({"leader", "president", "premier", "prime", "chancellor", "king", "queen"})
# words that may come before an opener: "Ever since", "Shortly after", "Two days after", "Hours before"
OPENER_LEADS = frozenset(
    "ever even just only shortly soon long right immediately not a an one two three four five six seven eight "
    "nine ten few several minutes hours days weeks months years moments".split()
)


def _opens_quote(sent: Sentence, inside: Callable[[int], bool]) -> bool:
    """The sentence is (the start of) a quotation: it opens with a mark or inside one."""
    first = sent.tokens[0]
    return first.text in OPENING_MARKS or inside(first.start)


OPENING_MARKS = frozenset({"“", '"', "‘", "'", "''"})


def after_opening_clause(toks: list[Tok]) -> int:
    """Index of the first token after an opening adverbial or subordinate clause and its comma
    ("On Friday, X told …", "Since she endorsed Y, X has …", "Two days after Y said …, X took");
    0 when the sentence opens otherwise."""
    first = 0
    while first < min(len(toks), 3) and toks[first].lower_ in OPENER_LEADS:
        first += 1
    if toks and toks[0].lower_ in PARTICIPLE_OPENERS:  # "Asked whether X, the nominee, …, Ban demurred"
        return next((n + 1 for n in range(len(toks) - 2) if toks[n].text == "," and _subject_follows(toks, n + 1)), 0)
    if len(toks) > first and toks[first].lower_ in OPENERS:
        return next((n + 1 for n, t in enumerate(toks) if t.text == ","), 0)
    return 0


# participles that open a clause whose commas may set off more than one phrase ("Asked whether
# Trump, the nominee, could win, Ban said"): the subject comes after the comma a name follows
PARTICIPLE_OPENERS = frozenset({"asked", "pressed", "questioned", "speaking", "reacting", "responding", "commenting"})


def _subject_follows(toks: list[Tok], k: int) -> bool:
    """A capitalised word or "he"/"she", then a word, start at token k: a clause's subject (not "the
    nominee", "who has", "could be" after the commas of an appositive)."""
    first, nxt = toks[k], toks[k + 1]
    subject = first.lower_ in SUBJECT_PRONOUNS or (first.text[:1].isupper() and first.text.isalpha())
    return subject and nxt.text.isalpha()


SUBJECT_PRONOUNS = frozenset({"he", "she"})
# words before a name that make it an object, not who "he" or "she" means ("named … as X")
PREPOSITIONS = frozenset(
    "of in from to for at on with into against over near like by about under as behind after before than".split()
)


def _sub_body(text: str, name: Name, mention: Mention) -> bool:
    """ "United Nations Office for …" is a body of the United Nations (a capitalised head word
    beyond the registry's name); "G7 Group of Seven industrialised nations" is still the G7."""
    extra = text[name.start : mention.start] + " " + text[mention.end : name.end]
    return any(w[:1].isupper() and w.lower() in ORG_HEADS for w in extra.split())


def object_of_preposition(text: str, start: int) -> bool:
    """ "behind Ted Cruz", "the murder of Father Jacques Hamel": a name after a preposition (titles
    and "the" between them passed over)."""
    words = text[max(0, start - 60) : start].split()
    titled = False
    while words and (is_title_word(words[-1].strip(".,")) or words[-1].lower() == "the"):
        titled = titled or words[-1][:1].isupper()
        words.pop()
    if titled and len(words) >= 2 and words[-2][:1].isupper() and is_title_word(words[-2].strip(".,")):
        return False  # "Secretary of State Antony Blinken", "Minister of Defence X": the title's "of"
    return bool(words) and words[-1].lower() in PREPOSITIONS


def analyse(
    source_id: str, text: str, aliases: tuple[Alias, ...], published_date=None, actors: dict | None = None
) -> Article:
    """Segment, tokenise and find mentions (registry aliases) and names (any) in one article."""
    art = Article(source_id, text, published_date)
    art.segments = segments(text)
    tokenizer, punct_chars = _tokenizer()
    for i, seg in enumerate(art.segments):
        for lo, hi in _chunks(text, seg.start, seg.end):
            doc = tokenizer(text[lo:hi])
            sents = _opening_quotes_forward(text, _sentence_tokens(doc, text, lo, punct_chars))
            for toks in _cue_after_question(sents):
                art.sentences.append(Sentence(toks[0].start, toks[-1].end, i, seg.section_type, toks))
            for span, actor_id in find_mentions(doc, source_id, aliases):
                start, end = lo + span.start_char, lo + span.end_char
                art.mentions.append(Mention(start, end, actor_id, text[start:end], seg.section_type, i))
    art.mentions.sort(key=lambda m: (m.start, m.end))
    _find_refs(art, actors or {})
    return art


def _opening_quotes_forward(text: str, sents: list[list[Tok]]) -> list[list[Tok]]:
    """'out loud. “We have left…”': an opening quotation mark that the sentencizer left at the end
    of a sentence opens the next one."""
    for k in range(len(sents) - 1):
        last = sents[k][-1]
        spaced = last.start > 0 and text[last.start - 1].isspace()  # a straight mark after a space opens
        opening = last.text in ("“", "‘") or (last.text in ('"', "''") and spaced)
        if opening and len(sents[k]) > 1:
            sents[k + 1].insert(0, sents[k].pop())
    return sents


CLOSING_MARKS = frozenset({"”", '"', "’", "'", "''"})


def _cue_after_question(sents: list[list[Tok]]) -> list[list[Tok]]:
    """'“Why not?” she asked.': a quote ending in a question or exclamation mark and the short
    clause with its cue that follows are one sentence (the sentencizer splits after the mark)."""
    out: list[list[Tok]] = []
    for toks in sents:
        prev = out[-1] if out else None
        if prev is not None and _ends_quote_before_cue(prev, toks) and _cue_clause(toks):
            out[-1] = prev + toks
        else:
            out.append(toks)
    return out


def _ends_quote_before_cue(prev: list[Tok], toks: list[Tok]) -> bool:
    """`prev` ends with a quote closed after "?" or "!" ('“Why?”'), or after a nested quote
    ('“… he said: ‘Hurry!’”', '“… ‘Go home.’” resident X said' — "." only when a lower-case
    word follows, as no new sentence starts so)."""
    k = len(prev) - 1
    while k >= 0 and prev[k].text in CLOSING_MARKS:
        k -= 1
    marks = len(prev) - 1 - k
    if marks == 0 or k < 0:
        return False
    if prev[k].text in ("?", "!"):
        return True
    return marks >= 2 and prev[k].text == "." and toks[0].text[:1].islower()


def _cue_clause(toks: list[Tok]) -> bool:
    """ "she asked.", "Mrs. Clinton asked.", "asked Ilse Varga, the mayor.": a reporting verb
    among the first four words, before any comma; or after a name and its appositive in
    capitals ("Rep. Glenn Thompson, R-Pa., said")."""
    for n, t in enumerate(toks[:10]):
        if t.lower_ in CUE_FORMS:
            return True
        if t.text in (";", ":") or (t.text == "," and n < 2):
            return False
        if n >= 3 and not (t.text[:1].isupper() or t.text in (",", ".", "-")):
            return False
    return False


def _tokenizer():
    """The pipeline's tokenizer and its sentencizer's sentence-final characters: `_sentence_tokens`
    splits sentences as spaCy's Sentencizer does, from the token array instead of Token objects."""
    model = nlp()
    return model.tokenizer, frozenset(model.get_pipe("sentencizer").punct_chars)


def _sentence_tokens(doc, text: str, lo: int, punct_chars) -> list[list[Tok]]:
    """The tokens of each sentence of one tokenised stretch text[lo:...], space tokens left out.

    spaCy's Sentencizer: a sentence starts at the first token after a sentence-final character
    (`punct_chars`) that is neither punctuation nor such a character. Offsets come from token
    lengths and trailing-space flags (a Doc's text is its tokens with their trailing spaces)."""
    out: list[list[Tok]] = []
    toks: list[Tok] = []
    seen_period = False
    pos = lo
    info, new = _TOKEN_INFO, _tok_new
    for length, space_after in doc.to_array(_ATTRS).tolist():
        end = pos + length
        word = text[pos:end]
        lower, punct, lex_punct, lex_space, final = info.get(word) or _token_info(word, doc.vocab, punct_chars)
        if final:
            seen_period = True
        elif seen_period and not lex_punct:
            if toks:
                out.append(toks)
                toks = []
            seen_period = False
        if not lex_space:
            tok = new(Tok)
            tok.start, tok.end, tok.text, tok.lower_, tok.is_punct = pos, end, word, lower, punct
            toks.append(tok)
        pos = end + space_after
    if toks:
        out.append(toks)
    return out


_ATTRS = [LENGTH, SPACY]
# token text -> its _word_info(), spaCy's IS_PUNCT and IS_SPACE (lexical: the same for every token
# of that text) and whether it is a sentence-final character: one look-up per token
_TOKEN_INFO: dict[str, tuple[str, bool, bool, bool, bool]] = {}
_TOKEN_INFO_PUNCT: list = [None]  # the sentence-final characters _TOKEN_INFO was made with


def _token_info(word: str, vocab, punct_chars) -> tuple[str, bool, bool, bool, bool]:
    if len(_TOKEN_INFO) > 50_000 or _TOKEN_INFO_PUNCT[0] != punct_chars:  # bounded, as _WORD_INFO
        _TOKEN_INFO.clear()
        _TOKEN_INFO_PUNCT[0] = punct_chars
    lex = vocab[word]
    info = _TOKEN_INFO[word] = (*_word_info(word), lex.is_punct, lex.is_space, word in punct_chars)
    return info


CHUNK = 50_000  # characters of one paragraph tokenised at a time (spaCy refuses texts over 1,000,000)


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph in pieces of at most CHUNK characters, cut after a sentence end or a space where
    there is one (a paragraph that long is not prose: nothing of value is split)."""
    out = []
    while end - start > CHUNK:
        window = text[start : start + CHUNK]
        cut = max(window.rfind(". "), window.rfind(" "))
        cut = start + (cut + 1 if cut > CHUNK // 2 else CHUNK)
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _find_refs(art: Article, actors: dict) -> None:
    """Every name of every sentence, registry mentions first, in reading order."""
    mentions = iter(art.mentions)
    pending = next(mentions, None)
    lone: list[Name] = []  # lone words not yet known as a person's name when read
    for sent in art.sentences:
        in_sent = []
        while pending is not None and pending.start < sent.end:
            if pending.start >= sent.start:
                in_sent.append(pending)
            pending = next(mentions, None)
        names = names_in(art.text, sent.start, sent.end)
        taken = []
        for m in in_sent:
            over = next((n for n in names if n.start < m.end and m.start < n.end), None)
            actor = actors.get(m.actor_id, {})
            kind = REGISTRY_KINDS.get(actor.get("actor_type"), "organization")
            if (
                over is not None
                and over.kind == "organization"
                and over.end - over.start > m.end - m.start
                and (kind == "state" or (kind == "organization" and _sub_body(art.text, over, m)))
            ):
                continue  # "Russia's defence ministry", "United Nations Office for …": the registry name qualifies it
            name = Name(m.start, m.end, m.text, kind, over.title if over else None, over.gender if over else None)
            ent = art.entities.add(name, m.actor_id, actor.get("name", m.text), kind)
            assert ent is not None  # a registered actor always has an entity
            taken.append((m.start, m.end))
            art.refs.append(Ref(m.start, m.end, m.text, ent.key, ent.kind))
        previous: list[tuple[Name, Entity]] = []
        for n in names:
            if any(s < n.end and n.start < e for s, e in taken):
                continue
            if previous and ACRONYM.match(n.text) and art.text[previous[-1][0].end : n.start] == " (":
                body = _abbreviated_body(art.text, previous, n.text)
                art.entities.add_acronym(n.text, body)  # "the UN rights office (OHCHR)"
                _spelled_out_body(art, body, n.text)
            ent = art.entities.add(n, force=_after_role_word(art.text, n))
            if ent is not None:
                art.refs.append(Ref(n.start, n.end, n.text, ent.key, ent.kind))
                previous.append((n, ent))
            elif n.kind == "person":
                lone.append(n)
    _lone_surnames(art, lone)
    _heading_runs(art)
    art.refs.sort(key=lambda r: (r.start, r.end))
    _appositive_titles(art)


ROLE_BEFORE = re.compile(r"\b([a-z]+) $")


def _after_role_word(text: str, n: Name) -> bool:
    """A lone given name right after a role in lower case ("army medic Tania", "resident Andriy")
    is a person's name, known as such though it comes alone."""
    if n.kind != "person" or " " in n.text:
        return False
    m = ROLE_BEFORE.search(text, max(0, n.start - 20), n.start)
    return m is not None and m.group(1) in PERSON_ROLES and known_given_name(n.text)


def _abbreviated_body(text: str, previous: list, acronym: str):
    """The entity an acronym in brackets stands for: the name right before it, or the one before
    that joined to it by "in", "of" or "for" when only both spell it ("UN Human Rights Monitoring
    Mission in Ukraine (HRMMU)": the mission, not Ukraine)."""
    (last, ent) = previous[-1]
    if len(previous) >= 2 and not _spells(acronym, last.text):
        first, earlier = previous[-2]
        if text[first.end : last.start] in (" in ", " of ", " for ") and _spells(acronym, text[first.start : last.end]):
            return earlier
    return ent


def _spells(acronym: str, name: str) -> bool:
    """The acronym's letters appear in order among the name's capitals."""
    capitals = iter(ch for ch in name if ch.isupper())
    return all(letter in capitals for letter in acronym)


def _spelled_out_body(art: Article, ent, acronym: str) -> None:
    """ "Inter-Services Public Relations (ISPR)": a name whose capitals the acronym after it spells,
    four or more, is an organisation's, even with no organisation word in it (not "JFK", "AOC")."""
    if ent.kind != "person" or ent.registry or len(acronym) < 4:
        return
    if "".join(ch for ch in ent.name if ch.isupper()) != acronym:
        return
    ent.kind = "organization"
    art.refs[:] = [replace(r, kind="organization") if r.key == ent.key else r for r in art.refs]


# ", the mayor of Vale," / ", an officer from the Lune police who …": a description set off by commas
APPOSITIVE_AFTER = re.compile(r",\s+(?:(?:the|a|an)\s+|(?=[a-z]))([^,.;:()“”\"]{2,90}?)(?=,|\.|;|\s+who\s|\s+said\b|$)")
APPOSITIVE_BEFORE = re.compile(r"(?:^|[.;]\s+|\n)(?:the|a|an)\s+([^,.;:()“”\"]{2,90}),\s+$", re.IGNORECASE)


def _appositive_titles(art: Article) -> None:
    """A person's description in apposition ("Tom Berg, the mayor of Vale, said"; "The Prime
    Minister of Haiti, Ariel Henry, …") is one of their titles, so that "the mayor" later is them."""
    for r in art.refs:
        if r.kind != "person":
            continue
        ent = art.entity(r.key)
        if ent is None:
            continue
        after = APPOSITIVE_AFTER.match(art.text, r.end, min(len(art.text), r.end + 120))
        sent = art.sentence_at(r.start)
        lo = sent.start if sent is not None else max(0, r.start - 120)
        before = APPOSITIVE_BEFORE.search(art.text[max(lo, r.start - 120) : r.start])
        for m in (after, before):
            if m is None:
                continue
            words = [w.strip("’'").lower() for w in m.group(1).replace("’s", "").replace("'s", "").split()]
            if any(w in PERSON_ROLES for w in words):
                ent.titles.add(" ".join(words))


def _heading_runs(art: Article) -> None:
    """ "Trump Addresses Munich Attack: ‘…’", "Hillary Clinton Sides With George W. Bush On ‘…’": a
    headline in title case that opens with a person named in the article opens with that person;
    the capitalised words after the name are no part of it."""
    for seg in art.segments:
        if not _title_case(art.text[seg.start : seg.end]):
            continue
        words = re.match(r"(?:[A-Z][\w.'’-]*[ ]){1,3}", art.text[seg.start : seg.end] + " ")
        names = words.group().split() if words else []
        for k in range(len(names), 0, -1):
            prefix = " ".join(names[:k])
            ent = art.entities.known_person(Name(seg.start, seg.start + len(prefix), prefix, "person", None))
            if ent is None:
                continue
            run = next((r for r in art.refs if r.start == seg.start), None)
            if run is not None and (run.key == ent.key or run.end <= seg.start + len(prefix)):
                break  # already that person, or a name that ends with it
            art.refs[:] = [r for r in art.refs if r is not run]
            art.refs.append(Ref(seg.start, seg.start + len(prefix), prefix, ent.key, ent.kind))
            break


def _title_case(line: str) -> bool:
    """A line written in title case (most of its words capitalised): a headline."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _lone_surnames(art: Article, lone: list[Name]) -> None:
    """ "Lewandowski: FBI director acted as 'judge and jury'" before "Corey Lewandowski, …": a lone
    word read before the person's full name is that person."""
    for n in lone:
        ent = art.entities.known_person(n)
        if ent is not None:
            art.refs.append(Ref(n.start, n.end, n.text, ent.key, ent.kind))
