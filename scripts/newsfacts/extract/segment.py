"""Split an article into paragraphs, classify them, and tokenise them with spaCy.

Classes: body text, captions (photo captions and credit lines), headings (short lines
without closing punctuation: headlines, subheadings, datelines, bylines) and boilerplate
(newsletter sign-up boxes, template code, "Advertisement" markers), from which nothing
is extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

BOILERPLATE_MARKERS = re.compile(
    r"\{\{|\}\}|sign up to our|signing up|newsletter|valid email|email address|privacy notice"
    r"|subscribe to|cookie",
    re.IGNORECASE,
)
# "Advertisement" left where an ad was cut out, alone or at the end of a paragraph.
AD_MARKER = re.compile(r"(?:^|(?<=\s))(?:Advertisement|ADVERTISEMENT)\s*$")
# Credit lines that end photo captions: "Photo by EPA-EFE", "(REUTERS)", "(Copyright ... AP)",
# "(AP)", "2022.AFP", "/ Getty Images".
AGENCIES = r"AP|AFP|REUTERS|Reuters|EPA(?:-EFE)?|Getty Images|Shutterstock|PA|Sputnik|TASS"
CREDIT = re.compile(
    rf"(?:Photo(?:graph)?:?\s+(?:by\s+)?[^.]+|\((?:{AGENCIES}|[^()]*(?:Copyright|©|Photo|Getty)[^()]*)\)"
    rf"|(?<=\d)\.?(?:{AGENCIES})|/\s*(?:{AGENCIES}))\s*$"
)
CLOSING_PUNCT = tuple(".!?\"”’'…:;)")
MAX_HEADING_WORDS = 14


@dataclass(frozen=True)
class Segment:
    """A stretch of one paragraph to extract from."""

    start: int
    end: int
    section_type: str  # body, caption or heading


@lru_cache(maxsize=1)
def nlp():
    """A blank English pipeline with a rule-based sentencizer; nothing is downloaded."""
    import spacy  # imported here: reading segments (reviews, validation) needs no spaCy
    from spacy.util import compile_suffix_regex

    model = spacy.blank("en")
    # A left single mark misused as an apostrophe ("Ukraine‘s") splits like "Ukraine's".
    suffixes = list(model.Defaults.suffixes) + [r"‘[sS]", r"‘"]
    model.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    model.add_pipe("sentencizer")
    return model


SENTENCE_INSIDE = re.compile(r"[a-z]{3,}[.!?][\"”’]?\s+[\"“‘]?[A-Z]")


def classify_paragraph(par: str) -> str:
    """body, caption, heading or boilerplate for one paragraph of text."""
    stripped = par.strip()
    if BOILERPLATE_MARKERS.search(stripped) or AD_MARKER.fullmatch(stripped):
        return "boilerplate"
    if CREDIT.search(stripped):
        return "caption"
    if (
        len(stripped.split()) <= MAX_HEADING_WORDS
        and not stripped.endswith(CLOSING_PUNCT)
        and not SENTENCE_INSIDE.search(stripped)  # a paragraph cut off after a full sentence is body
    ):
        return "heading"
    return "body"


def segments(text: str) -> list[Segment]:
    """The extractable stretches of an article, one per paragraph, boilerplate removed."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        par = m.group()
        kind = classify_paragraph(par)
        if kind == "boilerplate":
            continue
        ad = AD_MARKER.search(par)
        if ad:
            end = start + ad.start()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append(Segment(start, end, kind))
    return out
