"""An article analysed once: segments, sentences, tokens with global offsets, mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from newsfacts.extract.mentions import Alias, find_mentions
from newsfacts.extract.segment import Segment, nlp, segments


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str

    @cached_property
    def lower_(self) -> str:
        return self.text.lower()

    @cached_property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.text)


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


@dataclass
class Article:
    source_id: str
    text: str
    published_date: object = None  # datetime.date or None
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def sentence_at(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]


def analyse(source_id: str, text: str, aliases: tuple[Alias, ...], published_date=None) -> Article:
    """Segment, tokenise and find mentions in one article."""
    art = Article(source_id, text, published_date)
    art.segments = segments(text)
    for i, seg in enumerate(art.segments):
        doc = nlp()(text[seg.start:seg.end])
        for sent in doc.sents:
            toks = [Tok(seg.start + t.idx, seg.start + t.idx + len(t.text), t.text) for t in sent if not t.is_space]
            if toks:
                art.sentences.append(Sentence(toks[0].start, toks[-1].end, i, seg.section_type, toks))
        for span, actor_id in find_mentions(doc, source_id, aliases):
            start = seg.start + span.start_char
            end = seg.start + span.end_char
            art.mentions.append(Mention(start, end, actor_id, text[start:end], seg.section_type, i))
    art.mentions.sort(key=lambda m: (m.start, m.end))
    return art
