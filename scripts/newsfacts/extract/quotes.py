"""Find every span in quotation marks; tell quotation marks from apostrophes."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_BEFORE = set(" \t\n([{—–-/\"“‘'")  # what may stand before an opening mark
CLOSE_AFTER = set(" \t\n)]}.,;:!?…—–-\"”’'")  # what may follow a closing mark
# quotation marks and apostrophes; two apostrophes are one double mark (''…'', as news archives
# such as the New York Times' write double quotes)
MARKS = re.compile("''|[\"“”'‘’]")
TWO_APOSTROPHES = "''"


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    mark: str  # "double" or "single"
    rule: str  # double_quotes, single_quotes, unclosed_quote, continued_quote
    depth: int  # 0 outermost, 1 nested
    segment: int


def _role(text: str, i: int, single_open: bool, width: int = 1) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe) for the mark text[i:i + width]."""
    c = '"' if width == 2 else text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    if c == "“":
        return "open"
    if c == "”":
        return "close"
    if c == '"':
        if prev in OPEN_BEFORE and nxt not in " \t\n":
            return "open" if prev not in '"“' else "either"
        if nxt in CLOSE_AFTER:
            return "close"
        return "either"
    # single marks: ‘ ’ '
    if prev.isalnum() and (nxt.isalnum()):
        return None  # don't, Russia's, Ukraine‘s
    if c == "‘" and prev.isalnum():
        return None  # a left mark misused as an apostrophe
    if prev in OPEN_BEFORE and (nxt.isalnum() or nxt in '"“'):
        return "open" if c in "‘'" else None  # ’90s, ’tis: apostrophes
    if single_open and not prev.isspace() and nxt in CLOSE_AFTER:
        return "close"
    return None  # plural possessive (voters' ) or stray mark


def _pairs(text: str, lo: int, hi: int):
    """(open_index, close_index or None, kind, depth) for the marks in text[lo:hi]."""
    stack: list[tuple[int, str]] = []
    found: list[tuple[int, int | None, str, int]] = []
    for m in MARKS.finditer(text, lo, hi):
        i, width = m.start(), m.end() - m.start()
        c = '"' if width == 2 else text[i]
        kind = "double" if c in '"“”' else "single"
        single_open = any(k == "single" for _, k in stack)
        role = _role(text, i, single_open, width)
        if role is None:
            continue
        open_same = [j for j, (_, k) in enumerate(stack) if k == kind]
        if role == "either":
            role = "close" if open_same else "open"
        if role == "open":
            if kind == "double" and open_same and c == '"':
                role = "close"  # a straight mark when one is already open closes it
            else:
                stack.append((i, kind))
                continue
        if not open_same:
            continue  # a closing mark with nothing open: ignore
        j = open_same[-1]
        for k in range(len(stack) - 1, j, -1):  # unclosed inner quotes end here
            found.append((stack[k][0], i, stack[k][1], k))
        found.append((stack[j][0], i, kind, j))
        del stack[j:]
    for depth, (i, kind) in enumerate(stack):
        found.append((i, None, kind, depth))
    return found


def find_quotes(text: str, segments) -> list[QuoteSpan]:
    """Every quotation-marked span of the article's segments.

    A quote open at the end of a paragraph continues when the next paragraph opens
    with a quotation mark (one opening mark per paragraph, the closing one at the
    end); otherwise it is an unclosed quote (a heading, a cut text) that runs to the
    end of its paragraph.
    """
    out = []
    for n, seg in enumerate(segments):
        for open_i, close_i, kind, depth in _pairs(text, seg.start, seg.end):
            start = open_i + (2 if text.startswith(TWO_APOSTROPHES, open_i) else 1)
            if close_i is not None:
                end, rule = close_i, f"{kind}_quotes"
            else:
                end = seg.end
                nxt = segments[n + 1] if n + 1 < len(segments) else None
                continued = nxt is not None and text[nxt.start] in "\"“‘'"
                rule = "continued_quote" if continued else "unclosed_quote"
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append(QuoteSpan(start, end, kind, rule, depth, n))
    out.sort(key=lambda q: (q.start, -q.end))
    return out
