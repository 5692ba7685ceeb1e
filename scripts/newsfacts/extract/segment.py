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

# İ, ı and ſ are the only characters on which str.lower() and re.IGNORECASE disagree about an
# ASCII pattern (İ lower-cases to two characters; ı and ſ match "i" and "s" only when ignoring
# case); tests/test_extract_speed.py checks this against every code point.
FOLDS_APART = re.compile("[\u0130\u0131\u017f]")


def lower_pattern(pattern: str) -> str | None:
    """An ASCII case-insensitive pattern for lower-cased text: its letters lower-cased, escapes
    kept; None when that may not be the same pattern (an escape naming a character such as \\x41,
    an inline flag such as (?a))."""
    if not pattern.isascii() or re.search(r"\\[^\W_wWdDsSbBAZ]|\\_|\(\?[^:=!<]", pattern):
        return None
    return re.sub(r"\\.|[A-Z]+", lambda m: m[0] if m[0][0] == "\\" else m[0].lower(), pattern)


class CaselessPattern:
    """A case-insensitive pattern whose search is several times faster with the same result: it
    looks for a match in the lower-cased text without IGNORECASE first (which lets the regex
    engine skip ahead) and only when there is one, or when the text holds a character on which
    lower case and IGNORECASE disagree (FOLDS_APART), runs the pattern itself."""

    __slots__ = ("regex", "pattern", "lowered")

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern, re.IGNORECASE)
        self.pattern = pattern
        low = lower_pattern(pattern)
        self.lowered = re.compile(low) if low is not None else None

    def search(self, text: str) -> re.Match[str] | None:
        if self.lowered is not None and not FOLDS_APART.search(text) and not self.lowered.search(text.lower()):
            return None
        return self.regex.search(text)


BOILERPLATE_MARKERS = CaselessPattern(
    r"\{\{|\}\}|sign up to our|signing up|newsletter|valid email|email address|privacy notice"
    r"|subscribe to|cookie"
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


SENTENCE_END_INSIDE = re.compile(r"[.!?][\"”’]?\s+[\"“‘]?[A-Z]")


def _sentence_inside(par: str) -> bool:
    """A full sentence ends inside the paragraph ("… Rivero said. “It"): a word of three or more
    lower-case letters, a full stop, space, a capital. Linear in the paragraph's length."""
    return any(
        par[max(0, m.start() - 3) : m.start()].isalpha() and par[m.start() - 3 : m.start()].islower()
        for m in SENTENCE_END_INSIDE.finditer(par)
        if m.start() >= 3
    )


# What a paragraph CREDIT matches ends with: ")" or the last letter of an agency (AP, EPA-EFE, Getty
# Images, …); or it holds "Photo". Most paragraphs need no search (tests/test_extract_speed.py).
CREDIT_LAST_CHARS = frozenset(")PSsAEk")


def _has_ad_marker(par: str) -> bool:
    return "dvertisement" in par or "DVERTISEMENT" in par  # what AD_MARKER needs to match


def classify_paragraph(par: str) -> str:
    """body, caption, heading or boilerplate for one paragraph of text."""
    stripped = par.strip()
    if BOILERPLATE_MARKERS.search(stripped) or (_has_ad_marker(stripped) and AD_MARKER.fullmatch(stripped)):
        return "boilerplate"
    if (stripped[-1:] in CREDIT_LAST_CHARS or "Photo" in stripped) and CREDIT.search(stripped):
        return "caption"
    if (
        len(stripped.split()) <= MAX_HEADING_WORDS
        and not stripped.endswith(CLOSING_PUNCT)
        and not _sentence_inside(stripped)  # a paragraph cut off after a full sentence is body
    ):
        return "heading"
    return "body"


# a line that stops in mid-sentence (a letter, digit or comma last), and the lower-case start of the
# line after it: the two halves of one sentence, in a text hard-wrapped at a fixed width
MID_SENTENCE_BREAK = re.compile(r"(?m)^[^\n]{40,}[\w,]\n[ \t]*[a-z]")
WRAPPED_LINE = re.compile(r"[^\n]{40,}[^\n.!?\"”’'…:;)]$")
MIN_WRAP_EVIDENCE = 2  # mid-sentence line breaks that show a text is hard-wrapped


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: each line, or, in a text hard-wrapped at a fixed width (at
    least two lines that stop in mid-sentence before a lower-case line), the lines joined up to one
    that ends a sentence; the first line, a headline, stays alone."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    if len(MID_SENTENCE_BREAK.findall(text)) < MIN_WRAP_EVIDENCE:
        return lines
    out: list[tuple[int, int]] = []
    for n, (start, end) in enumerate(lines):
        prev = out[-1] if out else None
        if prev is not None and (n > 1 or text[prev[1] - 1] == ",") and _cut_at_width(text, *prev):
            out[-1] = (prev[0], end)  # the previous line was cut at the wrap width: the sentence goes on
        else:
            out.append((start, end))
    return out


def _cut_at_width(text: str, start: int, end: int) -> bool:
    """The last line of text[start:end] is long and stops in mid-sentence."""
    last_line = text.rfind("\n", start, end) + 1 or start
    return WRAPPED_LINE.fullmatch(text, max(last_line, start), end) is not None


def segments(text: str) -> list[Segment]:
    """The extractable stretches of an article, one per paragraph, boilerplate removed."""
    out = []
    for start, end in paragraphs(text):
        par = text[start:end]
        kind = classify_paragraph(par)
        if kind == "boilerplate":
            continue
        ad = AD_MARKER.search(par) if _has_ad_marker(par) else None
        if ad:
            end = start + ad.start()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append(Segment(start, end, kind))
    return out
