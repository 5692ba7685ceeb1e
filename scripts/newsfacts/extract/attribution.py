"""Who said it: resolve the speaker or claimant of a reporting verb (cue).

Patterns, in order: a speaker after the cue when the quote comes first ("…," said X;
"…," X said); a passive agent ("denounced as a sham by X"); "according to X"; a
pronoun subject ("he said") resolved to the last named person; a definite
description ("the institute said") resolved to the last mentioned organisation whose
name contains the noun; a named subject before the cue (the nearest person, else the
first actor of the clause); otherwise the words of the subject as written (an unnamed
source such as "experts"), which become a provisional actor when they look like a
personal name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfacts.extract.article import Article, Mention, Sentence
from newsfacts.extract.cues import cue_lemma

CLAUSE_BREAK = {",", ";", ":", "(", ")", "—", "–", "--", "that", "which", "who", "while", "after",
                "as", "but", "because", "since", "when", "if"}
AUX = {"has", "have", "had", "been", "was", "were", "is", "are", "will", "would", "also", "had", "did",
       "does", "do", "also", "repeatedly", "later", "earlier", "then", "have", "reportedly", "previously"}
BE = {"is", "are", "was", "were", "be", "been", "being"}
NOT_A_SUBJECT = {"is", "are", "was", "were", "be", "to", "and", "or", "it", "they", "we", "i", "you", "this",
                 "which", "there", "that", "these", "those"}
PRONOUNS = {"he": "person", "she": "person"}
QUOTE_CHARS = set("\"“”'‘’")
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
ROLE_WORDS = set("""president minister governor mayor general chancellor senator secretary spokesman spokeswoman
spokesperson ambassador commander chief head leader official deputy adviser advisor envoy prosecutor judge king
queen prince pope sheikh lieutenant colonel major captain sergeant professor dr mr mrs ms premier""".split())
TITLE_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


@dataclass(frozen=True)
class Attribution:
    actor_id: str | None
    text: str  # the claimant as written
    cue: str
    cue_start: int
    rule: str
    provisional_name: str | None = None


def _outside(tokens, quotes) -> list[int]:
    """Indexes of tokens not inside any quotation."""
    if not tokens:
        return []
    near = [q for q in quotes if q.start < tokens[-1].end and q.end > tokens[0].start]
    return [i for i, t in enumerate(tokens) if not any(q.start <= t.start < q.end for q in near)]


def cues_in(sent: Sentence, quotes) -> list[tuple[int, str]]:
    """(token index, lemma) of reporting verbs outside quotes, plus 'according to'."""
    toks = sent.tokens
    out = []
    for i in _outside(toks, quotes):
        if toks[i].lower_ == "according" and i + 1 < len(toks) and toks[i + 1].lower_ == "to":
            out.append((i, "according"))
            continue
        lemma = cue_lemma(toks, i)
        if lemma:
            out.append((i, lemma))
    return out


def _is_person(art_actors: dict, actor_id: str) -> bool:
    return art_actors.get(actor_id, {}).get("actor_type") == "person"


def _last_person_before(art: Article, pos: int, actors: dict) -> Mention | None:
    people = [m for m in art.mentions if m.end <= pos and _is_person(actors, m.actor_id)]
    return people[-1] if people else None


def _previous_sentence_body(art: Article, sent: Sentence, actors: dict) -> Mention | None:
    """What "it" most likely stands for: the first non-person actor of the previous sentence that is
    not inside a prepositional phrase (the subject), in the same or the previous paragraph."""
    before = [s for s in art.sentences if s.end <= sent.start and s.segment >= sent.segment - 1]
    if not before:
        return None
    prev = before[-1]
    for m in art.mentions_between(prev.start, prev.end):
        if not _is_person(actors, m.actor_id) and not _after_preposition(art, prev.tokens, m):
            return m
    return None


def _clause_before(toks, i: int, quotes=()) -> tuple[int, int]:
    """(first, end) token indexes of the subject clause before the cue at token i.

    The clause starts after a clause break or a quotation; an appositive
    "X, the <title>, said" is skipped over, and `end` then stops before it.
    """
    def quoted(tok) -> bool:
        return tok.text in QUOTE_CHARS or any(q.start <= tok.start < q.end for q in quotes)

    j, end = i - 1, i
    while j >= 0:
        if quoted(toks[j]):
            return j + 1, end
        t = toks[j].lower_
        if t == ",":
            rest = [x for x in toks[j + 1:end] if x.lower_ not in AUX and not x.lower_.endswith("ly")]
            if end != i or rest:
                return j + 1, end  # "…, puppet leaders declared": the clause after the comma
            k = j - 1  # the cue follows a comma: "X, the <title>, said" or "the <title>, X, said"
            while k >= 0 and toks[k].lower_ != "," and not quoted(toks[k]):
                k -= 1
            if k >= 0 and not quoted(toks[k]) and any(toks[x].text[:1].isupper() for x in range(max(k - 4, 0), k)):
                end = k  # the subject stands before the appositive
                j = k - 1
                continue
            if k >= 0 and any(toks[x].text[:1].isupper() for x in range(k + 1, j)):
                return k + 1, j  # "the leader ..., Jane Roe, also said": the name between the commas
            return j + 1, end
        if t in CLAUSE_BREAK - {","}:
            return j + 1, end
        j -= 1
    return 0, end


def strip_titles(words: list[str]) -> list[str]:
    """A name without the role words before it ("Interior Minister Marat X" -> "Marat X")."""
    last_role = max((n for n, w in enumerate(words) if w.lower().rstrip(".") in ROLE_WORDS), default=-1)
    return words[last_role + 1:]


def resolve(art: Article, sent: Sentence, ci: int, lemma: str, quotes, actors: dict) -> Attribution | None:
    """The speaker of the cue at token `ci` of `sent`."""
    toks = sent.tokens
    cue_tok = toks[ci]
    q_in = [q for q in quotes if sent.start <= q.start < sent.end or sent.start < q.end <= sent.end]

    def mention_attr(m: Mention, rule: str) -> Attribution:
        return Attribution(m.actor_id, m.text, lemma, cue_tok.start, rule)

    def mentions_in(a: int, b: int) -> list[Mention]:
        return [m for m in art.mentions_between(toks[a].start, toks[b - 1].end)
                if not any(q.start <= m.start < q.end for q in q_in)] if b > a else []

    # "according to X"
    if lemma == "according":
        ms = mentions_in(ci + 2, min(len(toks), ci + 20))
        people = [m for m in ms if _is_person(actors, m.actor_id)]
        if people or ms:
            return mention_attr((people or ms)[0], "according_to")
        words = _words_until_break(toks, ci + 2)
        return Attribution(None, words, "according", cue_tok.start, "according_to") if words else None

    # passive agent: "denounced as a sham by X", "was dismissed by X"
    passive = cue_tok.lower_.endswith(("ed", "told", "said", "written")) and (
        (ci > 0 and toks[ci - 1].lower_ in BE) or (ci + 1 < len(toks) and toks[ci + 1].lower_ in {"as", "by"})
        or (ci > 1 and toks[ci - 2].lower_ in BE))
    for j in range(ci + 1, min(len(toks), ci + 8)) if passive else ():
        if toks[j].lower_ == "by":
            ms = mentions_in(j + 1, min(len(toks), j + 8))
            if ms:
                return mention_attr(ms[0], "passive_agent")
            words = _words_until_break(toks, j + 1)
            if words:
                return Attribution(None, words, lemma, cue_tok.start, "passive_agent")

    # inversion after a quote: '…," said X' / '…," X said' / '…," he said'
    closing = {"”", '"', "’", "'"}
    prev = toks[ci - 1].text if ci > 0 else ""
    prev2 = toks[ci - 2].text if ci > 1 else ""
    after_quote = ci > 0 and (prev in closing or (prev == "," and prev2 in closing)
                              or any(cue_tok.start - 4 <= q.end <= cue_tok.start for q in q_in))
    if prev == "," and not after_quote:  # "…, said X, the <title>." (no quote): X must end its phrase
        ms = [m for m in mentions_in(ci + 1, min(len(toks), ci + 10)) if _ends_phrase(toks, m)]
        people = [m for m in ms if _is_person(actors, m.actor_id)]
        if people or ms:
            return mention_attr((people or ms)[0], "speaker_after_cue")
    if after_quote or ci == 0:
        nxt = toks[ci + 1].lower_ if ci + 1 < len(toks) else ""
        if nxt in PRONOUNS:
            m = _last_person_before(art, cue_tok.start, actors)
            if m:
                return Attribution(m.actor_id, toks[ci + 1].text, lemma, cue_tok.start, "pronoun_after_cue")
        ms = mentions_in(ci + 1, min(len(toks), ci + 10))
        people = [m for m in ms if _is_person(actors, m.actor_id)]
        if people or ms:
            return mention_attr((people or ms)[0], "speaker_after_cue")
        name = _proper_name(toks, ci + 1)
        if name:
            return Attribution(None, name, lemma, cue_tok.start, "speaker_after_cue", provisional_name=name)

    # subject before the cue
    lo, hi = _clause_before(toks, ci, q_in)
    subj = [t for t in toks[lo:hi] if t.lower_ not in AUX]
    if subj and subj[-1].lower_ in PRONOUNS:
        m = _last_person_before(art, subj[-1].start, actors)
        if m:
            return Attribution(m.actor_id, subj[-1].text, lemma, cue_tok.start, "pronoun_subject")
        return None
    if len(subj) == 1 and subj[0].lower_ == "it":
        m = _previous_sentence_body(art, sent, actors)
        return Attribution(m.actor_id, subj[0].text, lemma, cue_tok.start, "pronoun_it") if m else None
    if len(subj) >= 2 and subj[-2].lower_ == "the" and subj[-1].text.isalpha():
        noun = subj[-1].lower_
        for m in reversed([m for m in art.mentions if m.end <= toks[lo].start]):
            if not _is_person(actors, m.actor_id) and noun in actors.get(m.actor_id, {}).get("name", "").lower().split():
                return Attribution(m.actor_id, f"{subj[-2].text} {subj[-1].text}", lemma, cue_tok.start, "definite_description")
    ms = [m for m in mentions_in(lo, ci) if not _after_preposition(art, toks, m)]
    people = [m for m in ms if _is_person(actors, m.actor_id)]
    if people:
        return mention_attr(people[-1], "speaker_before_cue")
    if ms:
        return mention_attr(ms[0], "speaker_before_cue")
    words = art.text[subj[0].start:subj[-1].end] if subj else ""
    if not words or subj[-1].is_punct or any(t.lower_ in NOT_A_SUBJECT for t in subj) or not subj[-1].text.isalpha():
        return None
    if any(t.text == "," for t in subj):  # keep the noun phrase after the last comma
        subj = subj[max(i for i, t in enumerate(subj) if t.text == ",") + 1:]
        if not subj:
            return None
        words = art.text[subj[0].start:subj[-1].end]
    if len(subj) > 2 and subj[-2].lower_ == "on" and subj[-1].lower_ in WEEKDAYS:
        subj = subj[:-2]  # "puppet leaders on Wednesday"
        words = art.text[subj[0].start:subj[-1].end]
    name = strip_titles([t.text for t in subj])
    if all(TITLE_WORD.match(w) for w in name) and 2 <= len(name) <= 4:
        return Attribution(None, words, lemma, cue_tok.start, "speaker_before_cue", provisional_name=" ".join(name))
    return Attribution(None, words, lemma, cue_tok.start, "unnamed_source")


PREPOSITIONS = {"of", "in", "from", "to", "for", "at", "on", "with", "into", "against", "over", "near", "like"}


def _after_preposition(art: Article, toks, m: Mention) -> bool:
    """True when the mention sits in a prepositional phrase ("regions of Ukraine"), not a subject."""
    before = [t for t in toks if t.end <= m.start]
    return bool(before) and before[-1].lower_ in PREPOSITIONS


def _ends_phrase(toks, m: Mention) -> bool:
    """True when the mention is followed by punctuation or the end of the sentence."""
    after = [t for t in toks if t.start >= m.end]
    return not after or after[0].is_punct


def _words_until_break(toks, i: int) -> str:
    j = i
    while j < len(toks) and toks[j].lower_ not in CLAUSE_BREAK and not toks[j].is_punct:
        j += 1
    return " ".join(t.text for t in toks[i:j])


def _proper_name(toks, i: int) -> str | None:
    """A capitalised name (titles dropped) starting at token i: "President Jane Roe" -> "Jane Roe"."""
    words = []
    for t in toks[i:i + 6]:
        if TITLE_WORD.match(t.text):
            words.append(t.text)
        else:
            break
    name = strip_titles(words)
    return " ".join(name) if 2 <= len(name) <= 4 else None
