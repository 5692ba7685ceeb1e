"""Extraction: one article's text, metadata and the actor registry in, candidate rows out.

A pure function: no files, no network. Every row carries its span and the rule that
proposed it; ids are derived from the source and the span so they survive rebuilds.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from newsfacts.errors import InputError
from newsfacts.extract.article import (
    OPENERS,
    SUBJECT_PRONOUNS,
    Article,
    after_opening_clause,
    analyse,
    object_of_preposition,
)
from newsfacts.extract.attribution import Attribution, QuoteIndex, cues_in, opening_pronoun, resolve
from newsfacts.extract.classify import NO_EVIDENCE, NOT_VERIFIED, claim_type, quote_kind, resolve_date, stance
from newsfacts.extract.cues import LABEL_CUES, is_label_cue
from newsfacts.extract.figures import Figure, find_figures
from newsfacts.extract.mentions import Alias
from newsfacts.extract.names import ORG_HEADS, PERSON_ROLES, ROLE_WORDS
from newsfacts.extract.quotes import find_quotes
from newsfacts.model.ids import LETTER_OF, row_id, slugify

MAX_ARTICLE_CHARS = 5_000_000  # time is linear in length: about a minute at this size on one core
ACTOR_TYPES = {"person": "person", "state": "state", "organization": "organization", "place": "state"}


class _Speakers:
    """Entity keys to actor ids: registry actors as they are, other names as provisional actors."""

    def __init__(self, art: Article, actors: dict):
        self.art = art
        self.actors = actors
        self.provisional: dict[str, dict] = {}

    def actor_for(self, att: Attribution | None) -> str | None:
        if att is None or att.actor_id is None:
            return None
        aid = att.actor_id
        if aid not in self.actors and aid not in self.provisional:
            ent = self.art.entity(aid)
            self.provisional[aid] = {
                "actor_id": aid,
                "name": ent.name if ent else att.text,
                "actor_type": ACTOR_TYPES.get(ent.kind if ent else "", "organization"),
                "title": None,
                "country_code": None,
                "parent_id": None,
                "wikidata_id": None,
                "provisional": True,
            }
        return aid

    def name(self, aid: str | None) -> str | None:
        if aid is None:
            return None
        known = self.actors.get(aid) or self.provisional.get(aid) or {}
        return known.get("name", aid)


def _quote_attribution(art: Article, q, index: QuoteIndex) -> Attribution | None:
    """The nearest cue of the sentences the quote touches that names a speaker (or an unnamed one)."""
    sents = art.sentences_between(q.start - 1, q.end + 1)
    # a quote ending in a comma inside its marks ('“…,” X added') is attributed after it
    comma_end = art.text[q.start : q.end].rstrip().endswith(",")
    found = []
    for n, s in enumerate(sents):
        cues = cues_in(s, index)
        for i, lemma in cues:
            tok = s.tokens[i]
            if _outer_report(s, cues, i, lemma, q) or _next_clause(s, cues, i, q):
                continue
            # '“…,” X added' is attributed after, but not a label right before it ('X called “distasteful,”')
            labelled = is_label_cue(lemma) and 0 <= q.start - tok.end <= 3
            before_quote = comma_end and tok.start < q.start and not labelled
            # "according to" names where a report came from; a reporting verb names the speaker
            distance = min(abs(tok.start - q.end), abs(q.start - tok.end))
            found.append((lemma == "according", before_quote, distance, n, i, lemma))
    unnamed = None
    for _, _, _, n, i, lemma in sorted(found):
        att = resolve(art, sents[n], i, lemma, index)
        if att and att.actor_id:
            return att
        unnamed = unnamed or att  # a named speaker further away beats an unnamed one nearer
    return unnamed


# Verbs that name where a sentence was reported, not who spoke in it, when the sentence already
# has a speaker before the quote: 'X said of the blast, "…," reported TRT', 'citing the agency'.
OUTER_REPORT = frozenset({"report", "cite"})


def _outer_report(sent, cues: list[tuple[int, str]], i: int, lemma: str, q) -> bool:
    """A cue after the quote ('…," reported local media Y') is the outlet's, not the speaker's, when
    a cue of the same sentence comes before the quote ('X said about the blast, "…"')."""
    if lemma not in OUTER_REPORT or sent.tokens[i].start < q.end:
        return False
    return any(sent.tokens[k].end <= q.start and inner not in NOT_SPEAKING_THE_QUOTE for k, inner in cues)


CONTRASTING = frozenset({"while", "whereas"})
OPENING_CONTRAST = CONTRASTING | {"although", "though"}  # "While X praised …, Y issued …"


def _next_clause(sent, cues: list[tuple[int, str]], i: int, q) -> bool:
    """A cue after "while" that follows the quote is the next clause's ('X said it was “saddened”
    by the “attacks” while Y reiterated …'), and so is one after a quote in an opening "While …"
    clause, when a cue before the quote has the quote's clause."""
    toks = sent.tokens
    if toks[i].start < q.end:
        return False
    if toks[0].lower_ in OPENING_CONTRAST and _in_opening_clause(toks, i, q):
        return True  # "While X’s statement specified the “attack on …”, Radio Y also reported …"
    if not any(toks[k].end <= q.start for k, _ in cues):
        return False
    if toks[0].lower_ in OPENING_CONTRAST:
        return True  # "While the police praised officers for “restraint,” the commission issued …, accusing"
    return any(t.lower_ in CONTRASTING for t in toks[:i] if t.start >= q.end)


def _in_opening_clause(toks, i: int, q) -> bool:
    """The quote lies in the sentence's opening clause and the cue at i in its main clause."""
    main = after_opening_clause(toks)
    return 0 < main < len(toks) and q.end <= toks[main].start <= toks[i].start


# cues before a quote whose subject does not speak its words: a question ("residents are answering
# if they support their “…”, TASS reported": the agency's words) or a label ('X called it “…”')
NOT_SPEAKING_THE_QUOTE = frozenset({"ask", "answer", "wonder", *LABEL_CUES})


def _unattributed(art: Article, q, seg, prev, speakers: _Speakers) -> tuple[str | None, str]:
    """(speaker, rule) of a quote that no cue attributes: the previous speaker's turn goes on; a
    sentence opening with a long quote is the person the sentences before are about; a quote
    later in a sentence belongs to the name the sentence opens with."""
    starts_par = q.start - 1 == seg.start
    if prev is not None and (prev[1] == q.segment or (starts_par and prev[1] == q.segment - 1)):
        return prev[0], f"{q.rule}/continuation"
    if _starts_sentence(art, q) and len(art.text[q.start : q.end].split()) >= 4:
        ref = _previous_sentence_person(art, q)
        if ref is not None:
            speaker = speakers.actor_for(Attribution(ref.key, ref.text, "say", ref.start, "previous_sentence"))
            return speaker, f"{q.rule}/previous_sentence_speaker"
        return None, q.rule
    ref = _sentence_subject(art, q)
    if ref is not None:  # "Trump criticised Khan for making “very rude statements”."
        speaker = speakers.actor_for(Attribution(ref.key, ref.text, "", ref.start, "sentence_subject"))
        return speaker, f"{q.rule}/sentence_subject"
    ref = _participle_subject(art, q)
    if ref is not None:  # "Attributing the attack to “ADF rebels,” X gave a toll"
        speaker = speakers.actor_for(Attribution(ref.key, ref.text, "", ref.start, "participle_subject"))
        return speaker, f"{q.rule}/participle_subject"
    return None, q.rule


def _participle_subject(art: Article, q):
    """A quote in a participle phrase that opens its sentence ("Likewise attributing the attack to
    “ADF rebels,” X, coordinator of …, gave"): the phrase is about the main clause's subject, the
    name right after the phrase (the quote, its closing mark and a comma end it)."""
    sent = art.sentence_at(q.start - 1)
    if sent is None:
        return None
    toks = sent.tokens
    first = 1 if len(toks) > 1 and toks[1].lower_.endswith("ing") and toks[0].text.isalpha() else 0  # "Likewise"
    opener = toks[first] if first < len(toks) else None
    if opener is None or not (opener.lower_.endswith("ing") and len(opener.text) > 5):
        return None
    if not toks[0].text[:1].isupper() or opener.lower_ in PREPOSITION_PARTICIPLES:
        return None  # "Following the “special operation,” Russia …": a preposition, not a participle
    after = [t for t in toks if t.start >= q.end]
    k = 0
    while k < len(after) and after[k].text in QUOTE_CLOSERS:
        k += 1
    if k >= len(after) or not after[k].text[:1].isupper():
        return None
    ref = next((r for r in art.refs_between(after[k].start, sent.end) if r.start == after[k].start), None)
    return ref if ref is not None and ref.kind != "place" else None


QUOTE_CLOSERS = frozenset({",", "”", '"', "’", "'"})
PREPOSITION_PARTICIPLES = frozenset(
    "following including regarding concerning according during excluding considering pending barring".split()
)


def _quote_rows(art: Article, quotes, speakers: _Speakers, index: QuoteIndex) -> tuple[list[dict], dict]:
    rows, by_span = [], {}
    prev = None  # last attributed speech quote: (speaker, segment)
    outer: list[tuple[int, int, str | None]] = []  # depth-0 quotes: (start, end, speaker)
    for q in _in_reading_order(art, quotes, index):
        seg = art.segments[q.segment]
        if q.depth > 0:  # a quote inside a quote: the outer speaker's words
            host = next((o for o in reversed(outer) if o[0] <= q.start and q.end <= o[1]), None)
            att, speaker, rule = None, host[2] if host else None, f"{q.rule}/nested"
        else:
            att = _quote_attribution(art, q, index)
            if att is None and q.rule == "continued_quote":  # the attribution may close the quote later
                nxt = next((o for o in quotes if o.depth == 0 and o.segment == q.segment + 1), None)
                att = _quote_attribution(art, nxt, index) if nxt is not None else None
            if att is None:
                att = _colon_intro(art, q, index) or _name_colon(art, q, index) or _dash_after(art, q, index)
            speaker, rule = speakers.actor_for(att), q.rule + (f"/{att.rule}" if att else "")
            if att is None:
                speaker, rule = _unattributed(art, q, seg, prev, speakers)
        before = art.text[max(seg.start, q.start - 41) : q.start - 1]
        kind = quote_kind(
            art.text[q.start : q.end], before, seg.section_type, att.cue if att else None, speaker is not None
        )
        if kind in ("scare", "other") and att is None and q.depth == 0:
            speaker = None
        row = {
            "quote_id": row_id(art.source_id, LETTER_OF["quotes"], q.start, q.end),
            "source_id": art.source_id,
            "speaker_id": speaker,
            "kind": kind,
            "cue": (att.cue or None) if att and att.cue != "according" else None,
            "start_char": q.start,
            "end_char": q.end,
            "text": art.text[q.start : q.end],
            "section_type": seg.section_type,
            "rule": rule,
            "review_status": "unreviewed",
        }
        rows.append(row)
        by_span[(q.start, q.end)] = row
        if q.depth == 0:
            outer.append((q.start, q.end, speaker))
            if kind == "speech" and speaker:
                prev = (speaker, q.segment)
            elif att is not None:
                prev = None  # a new attribution ends the previous speaker's turn
    _repeated_in_body(art, rows)
    _crosshead_of_next_quote(art, rows)
    return rows, by_span


def _repeated_in_body(art: Article, rows: list[dict]) -> None:
    """The headline (the article's first paragraph) quoting words that the body quotes too
    ("'littered with corpses,' a Ukrainian mayor said") takes the speaker and kind of the body's
    quote, when it names no speaker itself. Subheadings keep their own reading."""
    first_end = art.segments[0].end if art.segments else 0

    def headline(r: dict) -> bool:
        return r["start_char"] < first_end

    if not any(headline(r) and r["speaker_id"] is None for r in rows):
        return  # nothing to look up (the body's quotes are not keyed)
    said: dict[str, dict] = {}
    for r in rows:
        if not headline(r) and r["speaker_id"] is not None:
            said.setdefault(_quote_key(r["text"]), r)
    for r in rows:
        body = said.get(_quote_key(r["text"])) if headline(r) and r["speaker_id"] is None else None
        if body is not None:
            r["speaker_id"], r["kind"], r["rule"] = body["speaker_id"], body["kind"], r["rule"] + "/repeated_in_body"


def _crosshead_of_next_quote(art: Article, rows: list[dict]) -> None:
    """A paragraph that is a quote alone with no reporting verb (a crosshead: "‘They want to destroy
    us’") and opens the first quote of the paragraph after it (“They want to destroy us, and make
    us slaves,” said X) is that quote's words: its speaker's."""
    for n, r in enumerate(rows):
        seg = art.segment_of(r["start_char"])
        if r["cue"] is not None or n + 1 >= len(rows) or not _fills_paragraph(art, seg, r["text"]):
            continue
        nxt = rows[n + 1]
        if art.segment_of(nxt["start_char"]) != seg + 1 or nxt["speaker_id"] is None:
            continue
        if _quote_key(nxt["text"]).startswith(_quote_key(r["text"])) and _quote_key(r["text"]):
            r["speaker_id"], r["rule"] = nxt["speaker_id"], r["rule"].split("/")[0] + "/crosshead"
            r["kind"] = quote_kind(r["text"], "", r["section_type"], None, True)


def _fills_paragraph(art: Article, seg: int, text: str) -> bool:
    """The paragraph is the quote alone, in its marks."""
    if seg < 0:
        return False
    para = art.text[art.segments[seg].start : art.segments[seg].end]
    return para.strip().strip("‘’“”\"'").strip() == text.strip()


def _quote_key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.casefold()).split())


def _in_reading_order(art: Article, quotes, index: QuoteIndex):
    """The quotes, sentence by sentence, after the cues of their sentence and the sentences before
    it were resolved (so "the ministry" finds a ministry described in an earlier sentence)."""
    pending = list(quotes)
    k = 0
    for sent in art.sentences:
        for i, lemma in cues_in(sent, index):
            resolve(art, sent, i, lemma, index)
        while k < len(pending) and pending[k].start <= sent.end:
            yield pending[k]
            k += 1
    yield from pending[k:]


def _colon_intro(art: Article, q, index: QuoteIndex) -> Attribution | None:
    """'X said:' ending the sentence (or paragraph) just before a quote introduces it."""
    before = art.sentence_at(q.start - 2) if q.start >= 2 else None
    if before is None or before.end > q.start or art.sentence_at(q.start) is before:
        before = next(
            (s for s in reversed(art.sentences_between(max(0, q.start - 400), q.start - 1)) if s.end < q.start), None
        )
    if before is None or not art.text[before.start : before.end].rstrip().endswith(":"):
        return _intro_subject(art, q, index)
    for i, lemma in reversed(cues_in(before, index)):
        att = resolve(art, before, i, lemma, index)
        if att is not None and att.actor_id:
            return Attribution(att.actor_id, att.text, att.cue, att.cue_start, "colon_intro")
    return _intro_subject(art, q, index, before)


def _main_clause_start(art: Article, sent) -> int:
    """Where a sentence's main clause starts: after a leading subordinate clause ("Since she
    endorsed Mrs. Clinton, Ms. Warren has …") and its comma."""
    k = after_opening_clause(sent.tokens)
    return sent.tokens[k].start if 0 < k < len(sent.tokens) else sent.start


def _intro_subject(art: Article, q, index: QuoteIndex, before=None) -> Attribution | None:
    """ "Varga was blunt: “…”", "Varga had a message for them: “…”": a clause ending in a colon
    before the quote, with no reporting verb, introduces its subject's words (the first person
    it names, else the first organisation)."""
    if before is None:
        if not art.text[max(0, q.start - 5) : q.start].rstrip("\"“‘' \u00a0").endswith(":"):
            return None  # the colon before the opening mark (one character, or two: '')
        before = art.sentence_at(q.start - 2)
        if before is None:
            return None
    hi = min(before.end, q.start - 1)
    lo = _main_clause_start(art, before)
    refs = [
        r
        for r in art.refs_between(lo, hi)
        if r.kind != "place" and not index.inside(r.start) and not object_of_preposition(art.text, r.start)
    ]
    ref = next((r for r in refs if r.kind == "person"), refs[0] if refs else None)
    return Attribution(ref.key, ref.text, "", ref.start, "colon_subject") if ref is not None else None


def _name_colon(art: Article, q, index: QuoteIndex) -> Attribution | None:
    """A headline or lead-in that is only a name and a colon: 'Bucha mayor Anatoliy Fedoruk: “…”'."""
    seg = art.segments[q.segment]
    if q.start - 1 - seg.start > 200:
        return None  # a lead of a few words is short (and a long paragraph is not re-read per quote)
    lead = art.text[seg.start : q.start - 1]
    if not lead.rstrip().endswith(":") or len(lead.split()) > 8 or any(ch in lead for ch in '.!?"“”'):
        return None
    words = lead.rstrip().rstrip(":").split()
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in LEAD_LABELS:
        return _source_line(art, q) if words[0].lower() == "quote" else None  # "Quote:" names no one
    refs = [r for r in art.refs_between(seg.start, q.start - 1) if r.kind != "place" and not index.inside(r.start)]
    if words[-1] in PERSON_ROLES:  # "UN chief:": the chief named in the article, not the UN
        ref = art.described(words[-1], seg.start)
    elif refs:
        ref = ([r for r in refs if r.kind == "person"] or refs)[-1]
    elif len(words) == 1 and words[0][:1].isupper() and not art.lower_case_somewhere(words[0]):
        ref = art.describe(words[0], seg.start, "person")  # "Zelensky:"
    else:
        return None
    return Attribution(ref.key, ref.text, "", ref.start, "name_colon") if ref is not None else None


LEAD_LABELS = frozenset({"quote", "source", "details", "update", "background", "note", "statement", "photo", "video"})


def _source_line(art: Article, q) -> Attribution | None:
    """'Source: X, head of the regional administration' then 'Quote: "…"': the paragraph that
    names the source of the quote, a few paragraphs up, names its speaker (a person first)."""
    for n in range(q.segment - 1, max(-1, q.segment - 4), -1):
        seg = art.segments[n]
        if not art.text[seg.start : seg.end].lstrip().lower().startswith("source:"):
            continue
        refs = [r for r in art.refs_between(seg.start, seg.end) if r.kind != "place"]
        ref = next((r for r in refs if r.kind == "person"), refs[0] if refs else None)
        return Attribution(ref.key, ref.text, "", ref.start, "source_line") if ref is not None else None
    return None


DASH_AFTER = re.compile(r"[^\S\n]*[—–][^\S\n]*")


def _dash_after(art: Article, q, index: QuoteIndex) -> Attribution | None:
    """'“We will rebuild.” — Ilse Varga, mayor': a name after a dash that follows the quote."""
    m = DASH_AFTER.match(art.text, q.end + 1)
    if m is None or m.end() == q.end + 1:
        return None
    refs = [r for r in art.refs_between(m.end(), m.end() + 80) if r.kind != "place" and not index.inside(r.start)]
    if not refs or refs[0].start != m.end():
        return None  # the name must come right after the dash
    return Attribution(refs[0].key, refs[0].text, "", refs[0].start, "dash_after")


def _starts_sentence(art: Article, q) -> bool:
    s = art.sentence_at(q.start - 1)
    return s is not None and s.start == q.start - 1


# verbs after an "it" that refers to nothing ("It is unclear", "It remains to be seen")
EXPLETIVE_VERBS = frozenset(
    "is was 's remains remained seems seemed appears appeared has had will would could may might took takes".split()
)
# lower-case words that may stand before a sentence's subject ("But the former mayor X")
BEFORE_SUBJECT = frozenset("the a an and but former also meanwhile then now still yet so".split())


def _sentence_subject(art: Article, q):
    """Who a sentence opens with, for a quote later in it that no cue attributes: the sentence is
    about what that person or organisation said or did ("X ripped Comey for acting as “the judge
    and the jury”"; "The prime minister displayed photos of a carrier “which does not belong to
    the police”"). Past an opening adverbial ("On Friday,"), only title words, capitalised words
    and a few openers may stand before the name; a name after a preposition is not a subject."""
    sent = art.sentence_at(q.start - 1)
    if sent is None:
        return None
    toks = [t for t in sent.tokens if t.end < q.start]
    outside = not_quoted(art)
    named = {r.start: r for r in art.refs_between(sent.start, q.start - 1) if r.kind != "place" and outside(r.start)}
    pronoun = opening_pronoun(toks)
    if pronoun is not None:  # "Instead, he was back to boasting about “winning”"
        return art.salient_person(pronoun.start, "male" if pronoun.lower_ == "he" else "female")
    k = after_opening_clause(toks)  # "On Friday, X told …": past the adverbial
    if k + 1 < len(toks) and toks[k].lower_ == "it" and toks[k + 1].lower_ not in EXPLETIVE_VERBS:
        return art.salient_group(toks[k].start)  # "It also showed footage of … in “some provinces”"
    for n in range(k, len(toks)):
        t = toks[n]
        if t.start in named:
            return named[t.start]
        word = t.lower_
        role_head = word in PERSON_ROLES and (n + 1 == len(toks) or toks[n + 1].lower_ not in ROLE_WORDS)
        if role_head and n > k and toks[k].lower_ == "the" and all(x.lower_ in ROLE_WORDS for x in toks[k + 1 : n]):
            return art.described(word, t.start)  # "The prime minister displayed …": the one titled so
        if _body_head(toks, k, n):  # "The tribunal found her the “mastermind”": the tribunal named before
            return art.described(word, t.start)
        if (t.text[:1].isupper() and word not in OPENERS) or t.is_punct or word in BEFORE_SUBJECT:
            continue
        if word in ROLE_WORDS:
            continue
        return None
    return None


def _body_head(toks, k: int, n: int) -> bool:
    """toks[k:n+1] is "the", up to two lower-case words and an organisation's head noun, followed by
    no more of the noun phrase ("The regional administration updated …")."""
    if not (k < n <= k + 3 and toks[k].lower_ == "the" and toks[n].lower_ in ORG_HEADS and toks[n].text.islower()):
        return False
    if n + 1 < len(toks) and (toks[n + 1].lower_ in ORG_HEADS or toks[n + 1].lower_ in ("of", "in", "for")):
        return False  # "the ministry of X", "the agency in Y": a specific body, not the one before
    return all(x.text.isalpha() and x.text.islower() for x in toks[k + 1 : n])


def _previous_sentence_person(art: Article, q):
    """Who a quote opening a sentence most likely belongs to: the person the sentences before it
    are about, nearest first (up to three of its paragraph, then the last of the paragraph before):
    the first person named there, else the speaker of that sentence, else whom its "he"/"she" means."""
    seg = art.segments[q.segment]
    before = [
        s for s in art.sentences_between(art.segments[max(q.segment - 1, 0)].start, q.start - 1) if s.end <= q.start - 1
    ]
    own = [s for s in before if s.start >= seg.start][-3:]
    earlier = [s for s in before if s.start < seg.start][-1:]
    for s in reversed(earlier + own):
        found = _person_of_sentence(art, s)
        if found is not None:
            return found
    return None


def _person_of_sentence(art: Article, s):
    outside = not_quoted(art)
    spoke = next((r for p, r in reversed(art.speakers) if s.start <= p < s.end), None)
    if spoke is not None:  # 'Yet X is also a “change agent,” Cole said.': the sentence's speaker
        return spoke
    person = next((r for r in art.refs_between(s.start, s.end) if r.kind == "person" and outside(r.start)), None)
    if person is not None:
        return person
    pronoun = next((t for t in s.tokens if t.lower_ in SUBJECT_PRONOUNS and outside(t.start)), None)
    if pronoun is not None:
        return art.salient_person(pronoun.start, "male" if pronoun.lower_ == "he" else "female")
    return None


def not_quoted(art: Article):
    return lambda pos: not (art.quoted and art.quoted(pos))


def _verification(art: Article, n: int, index: QuoteIndex) -> str:
    """What the article says about checking sentence n's claim: in the sentence itself, in
    the next sentence of its paragraph, or in a short next paragraph ("CNN has been unable to
    verify these claims.") — the latter two only when they attribute nothing themselves."""
    sent = art.sentences[n]

    def attributes_nothing(s) -> bool:
        return not cues_in(s, index)

    candidates = [art.text[sent.start : sent.end]]
    nxt = art.sentences[n + 1] if n + 1 < len(art.sentences) else None
    if nxt is not None and nxt.segment == sent.segment and attributes_nothing(nxt):
        candidates.append(art.text[nxt.start : nxt.end])
    if sent.segment + 1 < len(art.segments):
        seg = art.segments[sent.segment + 1]
        par = art.sentences_between(seg.start, seg.end)
        if len(art.text[seg.start : seg.end].split()) <= 15 and all(attributes_nothing(s) for s in par):
            candidates.append(art.text[seg.start : seg.end])
    for pattern, code in ((NOT_VERIFIED, "outlet_could_not_verify"), (NO_EVIDENCE, "no_evidence_offered")):
        if any(pattern.search(c) for c in candidates):
            return code
    return "none_stated"


def _claim_rows(art: Article, quote_rows: dict, speakers: _Speakers, index: QuoteIndex) -> list[dict]:
    rows = []
    quote_starts = sorted(quote_rows)
    for n, sent in enumerate(art.sentences):
        if sent.section_type == "heading":
            continue
        text = art.text[sent.start : sent.end]
        found: list[tuple[Attribution, int | None]] = []
        for i, lemma in cues_in(sent, index):
            att = resolve(art, sent, i, lemma, index)
            if att is not None and att.rule != "unnamed" or (att is not None and att.text):
                found.append((att, i))
        lo = bisect_left(quote_starts, (sent.start, -1))
        in_sent = [quote_rows[k] for k in quote_starts[lo : bisect_left(quote_starts, (sent.end, -1))]]
        if not found:  # a paragraph of quoted speech continuing an attributed quote
            speech = [r for r in in_sent if r["kind"] == "speech" and r["speaker_id"]]
            if speech:
                sid = speech[0]["speaker_id"]
                found = [(Attribution(sid, speakers.name(sid) or sid, "say", sent.start, "quoted_speech"), None)]
        if found:  # a later cue adds a claim only for another named claimant ("X said …, Y reported")
            found = found[:1] + [(a, ci) for a, ci in found[1:] if a.actor_id]
        seen: dict[str, tuple[Attribution, int | None, str | None]] = {}
        for att, ci in found:
            claimant = speakers.actor_for(att)
            key = claimant or att.text
            if key not in seen:
                seen[key] = (att, ci, claimant)
        if seen:  # the sentence's type, stance and verification, shared by its claims
            ctype = claim_type(text)
            sentence_stance = stance(ctype, text)
            verification = _verification(art, n, index)
        for att, ci, claimant in seen.values():
            suffix = (claimant or slugify(att.text)) if len(seen) > 1 else None
            carrying = [
                r for r in in_sent if r["speaker_id"] == claimant and claimant and r["kind"] in ("speech", "term")
            ]
            window = [t.text for t in sent.tokens[max(0, ci - 6) : ci + 7]] if ci is not None else []
            rows.append(
                {
                    "claim_id": row_id(art.source_id, LETTER_OF["claims"], sent.start, sent.end, suffix),
                    "source_id": art.source_id,
                    "claimant_id": claimant,
                    "claimant_text": att.text,
                    "claim_type": ctype,
                    "stance": sentence_stance,
                    "verification": verification,
                    "quote_id": carrying[0]["quote_id"] if carrying else None,
                    "said_date": resolve_date(window, art.published_date),
                    "start_char": sent.start,
                    "end_char": sent.end,
                    "text": text,
                    "section_type": sent.section_type,
                    "rule": f"claim/{att.rule}",
                    "review_status": "unreviewed",
                }
            )
    return rows


def _heading_claimant(art: Article, sent, speakers: _Speakers, index: QuoteIndex) -> str | None:
    """Who a headline says reports its figures: the named speaker of its reporting verb ("Quake
    kills 296 in Vale, ministry says", "Kyiv says strike kills 20"), or the name it ends with after
    a colon ("Floods killed over 900 since June: Ilse Varga"). A headline makes no claim row."""
    for i, lemma in cues_in(sent, index):
        att = resolve(art, sent, i, lemma, index)
        if att is not None and att.actor_id:
            return speakers.actor_for(att)
    toks = sent.tokens
    colon = next((k for k in range(len(toks) - 1, 0, -1) if toks[k].text == ":"), None)
    if colon is None:
        return None
    end = len(toks) - 1 if toks[-1].is_punct else len(toks)
    named = (
        [r for r in art.refs_between(toks[colon].end, toks[end - 1].end) if r.kind != "place"]
        if end > colon + 1
        else []
    )
    whole = len(named) == 1 and named[0].start == toks[colon + 1].start and named[0].end == toks[end - 1].end
    ent = art.entity(named[0].key) if whole else None
    if ent is not None and (ent.kind != "person" or ent.confident or ent.registry):  # not ": Live Updates"
        return speakers.actor_for(Attribution(named[0].key, named[0].text, "", named[0].start, "heading"))
    return None


def _figure_rows(art: Article, claims: list[dict], speakers: _Speakers, index: QuoteIndex) -> list[dict]:
    rows = []
    first_claim: dict[int, dict] = {}  # a claim spans its sentence: its first named claim, else its first
    for c in claims:
        held = first_claim.get(c["start_char"])
        if held is None or (held["claimant_id"] is None and c["claimant_id"] is not None):
            first_claim[c["start_char"]] = c
    earlier: tuple[Figure, int] | None = None  # the last figure, and the paragraph it is in
    for sent in art.sentences:
        before = earlier[0] if earlier is not None and earlier[1] >= sent.segment - 1 else None
        figures = find_figures(art.text, sent, before)
        heading = None
        if figures and sent.section_type == "heading":
            heading = _heading_claimant(art, sent, speakers, index)
        for f in figures:
            earlier = (f, sent.segment)
            claim = first_claim.get(sent.start)
            rows.append(
                {
                    "figure_id": row_id(art.source_id, LETTER_OF["figures"], f.start, f.end),
                    "source_id": art.source_id,
                    "category": f.category,
                    "metric": f.metric,
                    "value": f.phrase.value,
                    "low": f.phrase.low,
                    "high": f.phrase.high,
                    "approx": f.phrase.approx,
                    "unit": f.phrase.unit,
                    "subject": f.subject,
                    "location": f.location,
                    "place_code": f.place_code,
                    "period_text": f.period_text,
                    "claimant_id": claim["claimant_id"] if claim else heading,
                    "claim_id": claim["claim_id"] if claim else None,
                    "start_char": f.start,
                    "end_char": f.end,
                    "text": art.text[f.start : f.end],
                    "section_type": sent.section_type,
                    "rule": f"figure/{f.rule}",
                    "review_status": "unreviewed",
                }
            )
    return rows


def extract(
    source_id: str, text: str, actors: list[dict], aliases: tuple[Alias, ...], published_date=None
) -> dict[str, list[dict]]:
    """Candidate rows for one article: mentions, quotes, claims, figures, provisional actors."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"article {source_id!r} has {len(text):,} characters; the extractor takes at most "
            f"{MAX_ARTICLE_CHARS:,} (a news article is far shorter): split the text into articles"
        )
    by_id = {a["actor_id"]: a for a in actors}
    art = analyse(source_id, text, aliases, published_date, by_id)
    speakers = _Speakers(art, by_id)
    mentions = [
        {
            "mention_id": row_id(source_id, LETTER_OF["mentions"], m.start, m.end),
            "source_id": source_id,
            "actor_id": m.actor_id,
            "start_char": m.start,
            "end_char": m.end,
            "text": m.text,
            "section_type": m.section_type,
            "rule": "alias_match",
            "review_status": "unreviewed",
        }
        for m in art.mentions
    ]
    quotes = find_quotes(text, art.segments)
    index = QuoteIndex(quotes)
    art.quoted = index.inside
    quote_rows, by_span = _quote_rows(art, quotes, speakers, index)
    claims = _claim_rows(art, by_span, speakers, index)
    figures = _figure_rows(art, claims, speakers, index)
    return {
        "mentions": mentions,
        "quotes": quote_rows,
        "claims": claims,
        "figures": figures,
        "actors": list(speakers.provisional.values()),
    }
