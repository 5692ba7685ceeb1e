"""Extraction: one article's text, metadata and the actor registry in, candidate rows out.

A pure function: no files, no network. Every row carries its span and the rule that
proposed it; ids are derived from the source and the span so they survive rebuilds.
"""

from __future__ import annotations

from newsfacts.extract.article import Article, analyse
from newsfacts.extract.attribution import Attribution, cues_in, resolve
from newsfacts.model.ids import row_id, slugify
from newsfacts.extract.classify import NO_EVIDENCE, NOT_VERIFIED, claim_type, quote_kind, resolve_date, stance
from newsfacts.extract.figures import find_figures
from newsfacts.extract.mentions import Alias
from newsfacts.extract.quotes import find_quotes


class _Speakers:
    """Resolves attributions to actor ids, creating provisional actors for unknown names."""

    def __init__(self, actors: dict):
        self.actors = actors
        self.provisional: dict[str, dict] = {}

    def actor_for(self, att: Attribution | None) -> str | None:
        if att is None:
            return None
        if att.actor_id:
            return att.actor_id
        if att.provisional_name:
            aid = slugify(att.provisional_name)
            if aid not in self.actors:
                self.provisional.setdefault(aid, {
                    "actor_id": aid, "name": att.provisional_name, "actor_type": "person", "title": None,
                    "country_code": None, "parent_id": None, "wikidata_id": None, "provisional": True})
            return aid
        return None


def _quote_rows(art: Article, quotes, speakers: _Speakers) -> tuple[list[dict], dict]:
    rows, by_span = [], {}
    prev = None  # last attributed speech quote
    for q in quotes:
        sents = [s for s in art.sentences if s.start < q.end and q.start - 1 < s.end]
        att = None
        found = []  # cues of the sentences the quote touches, nearest to the quote first
        for n, s in enumerate(sents):
            for i, lemma in cues_in(s, quotes):
                tok = s.tokens[i]
                found.append((min(abs(tok.start - q.end), abs(q.start - tok.end)), n, i, lemma))
        for _, n, i, lemma in sorted(found):
            att = resolve(art, sents[n], i, lemma, quotes, speakers.actors)
            if att:
                break
        rule = q.rule
        speaker = speakers.actor_for(att)
        seg = art.segments[q.segment]
        starts_par = q.start - 1 == seg.start
        if att is None and q.depth == 0 and prev is not None and (starts_par or prev["segment"] == q.segment):
            speaker, rule = prev["speaker_id"], f"{q.rule}/continuation"
        elif att is None and q.depth == 0 and _starts_sentence(art, q) and len(art.text[q.start:q.end].split()) >= 4:
            named = _previous_sentence_person(art, q, speakers.actors)
            if named:
                speaker, rule = named, f"{q.rule}/previous_sentence_speaker"
        elif att is not None:
            rule = f"{q.rule}/{att.rule}"
        before = art.text[max(seg.start, q.start - 41):q.start - 1]
        kind = quote_kind(art.text[q.start:q.end], before, seg.section_type, att.cue if att else None,
                          speaker is not None)
        if q.depth > 0:
            speaker = None
        if kind in ("scare", "other") and att is None:
            speaker = None
        row = {
            "quote_id": row_id(art.source_id, "q", q.start, q.end), "source_id": art.source_id,
            "speaker_id": speaker, "kind": kind, "cue": att.cue if att and att.cue != "according" else None,
            "start_char": q.start, "end_char": q.end, "text": art.text[q.start:q.end],
            "section_type": seg.section_type, "rule": rule, "review_status": "unreviewed",
        }
        rows.append(row)
        by_span[(q.start, q.end)] = row
        if kind == "speech" and speaker and q.depth == 0:
            prev = {"speaker_id": speaker, "segment": q.segment}
    return rows, by_span


def _starts_sentence(art: Article, q) -> bool:
    s = art.sentence_at(q.start - 1)
    return s is not None and s.start == q.start - 1


def _previous_sentence_person(art: Article, q, actors: dict) -> str | None:
    """The person a quote's preceding sentence is about (its first person mention), if any."""
    before = [s for s in art.sentences if s.end <= q.start - 1 and s.segment >= q.segment - 1]
    if not before:
        return None
    s = before[-1]
    people = [m for m in art.mentions_between(s.start, s.end) if actors.get(m.actor_id, {}).get("actor_type") == "person"]
    return people[0].actor_id if people else None


def _verification(art: Article, sent) -> str:
    """What the article says about checking this sentence's claim: in the sentence itself, in
    the next sentence of its paragraph, or in a short next paragraph ("CNN has been unable to
    verify these claims.") — the latter two only when they attribute nothing themselves."""
    def attributes_nothing(s) -> bool:
        return not cues_in(s, ())

    candidates = [art.text[sent.start:sent.end]]
    nxt = next((s for s in art.sentences if s.start >= sent.end), None)
    if nxt is not None and nxt.segment == sent.segment and attributes_nothing(nxt):
        candidates.append(art.text[nxt.start:nxt.end])
    if sent.segment + 1 < len(art.segments):
        seg = art.segments[sent.segment + 1]
        par = [s for s in art.sentences if s.segment == sent.segment + 1]
        if len(art.text[seg.start:seg.end].split()) <= 15 and all(attributes_nothing(s) for s in par):
            candidates.append(art.text[seg.start:seg.end])
    for pattern, code in ((NOT_VERIFIED, "outlet_could_not_verify"), (NO_EVIDENCE, "no_evidence_offered")):
        if any(pattern.search(c) for c in candidates):
            return code
    return "none_stated"


def _claim_rows(art: Article, quotes, quote_rows: dict, speakers: _Speakers) -> list[dict]:
    rows = []
    for sent in art.sentences:
        if sent.section_type == "heading":
            continue
        text = art.text[sent.start:sent.end]
        found = []
        for i, lemma in cues_in(sent, quotes):
            att = resolve(art, sent, i, lemma, quotes, speakers.actors)
            if att is not None:
                found.append((att, i))
        in_sent = [r for (s, e), r in quote_rows.items() if sent.start <= s < sent.end]
        if not found:  # a paragraph of quoted speech continuing an attributed quote
            speech = [r for r in in_sent if r["kind"] == "speech" and r["speaker_id"]]
            if speech:
                sid = speech[0]["speaker_id"]
                known = speakers.actors.get(sid) or speakers.provisional.get(sid) or {}
                found = [(Attribution(sid, known.get("name", sid), None, sent.start, "quoted_speech"), None)]
        if found:  # a later cue adds a claim only for another named claimant ("X said …, Y reported")
            found = found[:1] + [(a, i) for a, i in found[1:] if a.actor_id or a.provisional_name]
        seen = {}
        for att, i in found:
            claimant = speakers.actor_for(att)
            key = claimant or att.text
            if key not in seen:
                seen[key] = (att, i, claimant)
        for att, i, claimant in seen.values():
            suffix = (claimant or slugify(att.text)) if len(seen) > 1 else None
            ctype = claim_type(text)
            carrying = [r for r in in_sent if r["speaker_id"] == claimant and claimant and r["kind"] in ("speech", "term")]
            window = [t.text for t in sent.tokens[max(0, i - 6):i + 7]] if i is not None else []
            rows.append({
                "claim_id": row_id(art.source_id, "c", sent.start, sent.end, suffix), "source_id": art.source_id,
                "claimant_id": claimant, "claimant_text": att.text, "claim_type": ctype,
                "stance": stance(ctype, text), "verification": _verification(art, sent),
                "quote_id": carrying[0]["quote_id"] if carrying else None,
                "said_date": resolve_date(window, art.published_date),
                "start_char": sent.start, "end_char": sent.end, "text": text,
                "section_type": sent.section_type, "rule": f"claim/{att.rule}", "review_status": "unreviewed",
            })
    return rows


def _figure_rows(art: Article, claims: list[dict]) -> list[dict]:
    rows = []
    for sent in art.sentences:
        for f in find_figures(art.text, sent):
            claim = next((c for c in claims if c["start_char"] <= f.start and f.end <= c["end_char"]), None)
            rows.append({
                "figure_id": row_id(art.source_id, "f", f.start, f.end), "source_id": art.source_id,
                "category": f.category, "metric": f.metric, "value": f.phrase.value, "low": f.phrase.low,
                "high": f.phrase.high, "approx": f.phrase.approx, "unit": f.phrase.unit, "subject": f.subject,
                "location": f.location, "place_code": f.place_code, "period_text": f.period_text,
                "claimant_id": claim["claimant_id"] if claim else None,
                "claim_id": claim["claim_id"] if claim else None,
                "start_char": f.start, "end_char": f.end, "text": art.text[f.start:f.end],
                "section_type": sent.section_type, "rule": f"figure/{f.rule}", "review_status": "unreviewed",
            })
    return rows


def extract(source_id: str, text: str, actors: list[dict], aliases: tuple[Alias, ...],
            published_date=None) -> dict[str, list[dict]]:
    """Candidate rows for one article: mentions, quotes, claims, figures, provisional actors."""
    art = analyse(source_id, text, aliases, published_date)
    by_id = {a["actor_id"]: a for a in actors}
    speakers = _Speakers(by_id)
    mentions = [{
        "mention_id": row_id(source_id, "m", m.start, m.end), "source_id": source_id, "actor_id": m.actor_id,
        "start_char": m.start, "end_char": m.end, "text": m.text, "section_type": m.section_type,
        "rule": "alias_match", "review_status": "unreviewed",
    } for m in art.mentions]
    quotes = find_quotes(text, art.segments)
    quote_rows, by_span = _quote_rows(art, quotes, speakers)
    claims = _claim_rows(art, quotes, by_span, speakers)
    figures = _figure_rows(art, claims)
    return {"mentions": mentions, "quotes": quote_rows, "claims": claims, "figures": figures,
            "actors": list(speakers.provisional.values())}
