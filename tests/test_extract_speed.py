"""The extractor's shortcuts give what the plain computations give (speed without changing output)."""

import re
import string

import pytest

from newsfacts.extract.article import _sentence_tokens, _tokenizer
from newsfacts.extract.classify import CLAIM_TYPES, claim_type
from newsfacts.extract.segment import (
    AGENCIES,
    CREDIT_LAST_CHARS,
    FOLDS_APART,
    CaselessPattern,
    classify_paragraph,
    lower_pattern,
    nlp,
)

ATOMS = [re.escape(ch) for ch in string.printable if ch not in "\n\r\x0b\x0c"]
ATOMS += [r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", r".", "[a-z]", "[^a-z]"]


def _positions(pattern: str, text: str, flags: int = 0, unmatched: bool = False) -> set[int]:
    """Where the one-character `pattern` matches `text`, or (`unmatched`) where it does not."""
    return {m.start() for m in re.finditer(f"(?!{pattern})(?s:.)" if unmatched else pattern, text, flags)}


def test_lower_case_and_ignorecase_disagree_only_on_the_folds_apart_characters():
    """For every code point c and every ASCII pattern atom p: p matches c ignoring case exactly when
    lower_pattern(p) matches c.lower(), unless c is one of FOLDS_APART."""
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    lows = [c.lower() for c in chars]
    apart = {c for c, low in zip(chars, lows, strict=True) if len(low) != 1}
    text, lowered = "".join(chars), "".join(low if len(low) == 1 else "\0" for low in lows)
    for atom in ATOMS:
        low = lower_pattern(atom)
        assert low is not None, atom
        # Each atom matches one character, so the positions where exactly one of the two matches are also
        # where exactly one of them does NOT match: for an atom that matches almost every code point (\W,
        # \D, \S, ., [^a-z]) those are listed instead, ~1,000 times fewer (the same set, a fifth of the time).
        most = re.match(atom, "\U000e0080", re.I) is not None  # an unassigned code point
        ignoring = _positions(atom, text, re.I, unmatched=most)
        on_lower = _positions(low, lowered, unmatched=most)
        apart |= {chars[i] for i in ignoring ^ on_lower}
    assert apart == {c for c in chars if FOLDS_APART.match(c)} == set("İıſ")


@pytest.mark.parametrize("pattern", [r"\x41", r"\N{LATIN SMALL LETTER A}", r"(?a)\w", r"\1", "é", r"\101", r"\u0041"])
def test_patterns_that_name_characters_are_not_lowered(pattern):
    assert lower_pattern(pattern) is None


def test_caseless_pattern_returns_what_the_pattern_returns():
    pattern = r"\bcould not (?:independently )?verif\w*|Russia\W|(?<!x)sign up"
    slow = re.compile(pattern, re.I)
    fast = CaselessPattern(pattern)
    texts = [
        "CNN COULD NOT independently VERIFY it.",
        "Could Not Verified",
        "in RUSSIA, they",
        "Sign Up now",
        "nothing here",
        "xsign up",
        "could not verıfy",  # dotless i: only IGNORECASE matches it
        "ſign up",  # long s
        "İn Russİa",
        "",
    ]
    for text in texts:
        a, b = slow.search(text), fast.search(text)
        assert (a and (a.span(), a.group())) == (b and (b.span(), b.group())), text


def test_claim_types_count_the_same_on_lower_cased_text():
    for sentence in [
        "Russia said the ANNEXATION was a SHAM and that 99% voted in the Referendum.",
        "Troops KILLED 12 people; the wounded fled.",
        "The ſham referendum in Kherson ıs illegal, forces said.",
        "Nothing to see.",
        "Skills, the undead, shampoo, a misfire and unforced errors: no word boundary, no keyword.",
        "Kill-list: dead, fled, sham, fire and force them (each at a word boundary).",
    ]:
        scores = [(len(re.findall(p, sentence, re.I)), -n, t) for n, (t, p) in enumerate(CLAIM_TYPES)]
        best = max(scores)
        assert claim_type(sentence) == (best[2] if best[0] > 0 else "other")


@pytest.mark.parametrize(
    "text",
    [
        "He said so. Then he left!  Really? Yes… “No.” (Maybe.) Fine",
        "U.S. officials said 3.5 million... people?! left. — ok",
        "   leading spaces.   Trailing  ",
        "One.",
        "...",
        "A sentence ending with a quote.” And another one",
    ],
)
def test_sentences_split_as_spacys_sentencizer_does(text):
    doc = nlp()(text)
    expected = [
        [(t.idx, t.idx + len(t.text), t.text) for t in sent if not t.is_space]
        for sent in doc.sents
        if any(not t.is_space for t in sent)
    ]
    tokenizer, punct_chars = _tokenizer()
    out = _sentence_tokens(tokenizer(text), text, 0, punct_chars)
    assert [[(t.start, t.end, t.text) for t in s] for s in out] == expected


def test_credit_prefilter_lets_every_credit_through():
    """A paragraph CREDIT matches ends with one of CREDIT_LAST_CHARS or holds "Photo"."""
    names = [a for a in AGENCIES.replace("EPA(?:-EFE)?", "EPA|EPA-EFE").split("|")]
    assert all(re.fullmatch(r"[\w -]+", a) for a in names), "AGENCIES changed: update CREDIT_LAST_CHARS"
    assert {a[-1] for a in names} | {")"} <= CREDIT_LAST_CHARS
    for c in map(chr, range(0x110000)):  # what \s* skips at the end is what str.strip() removes
        assert bool(re.fullmatch(r"\s", c)) == c.isspace()
    for par in ["Flowers at the site. (Copyright 2022 The AP)", "Rescuers at work. 2022.AFP", "A/ Getty Images"]:
        assert classify_paragraph(par) == "caption"
    assert classify_paragraph("Photograph: Ivan Petrov, for the Guardian") == "caption"


def test_corpus_cells_are_the_published_cells():
    import datetime as dt

    from newsfacts.corpus.work import _cell
    from newsfacts.model.metadata import cell

    values = [None, "", "text", " spaced ", "12", 0, 7, -3, 2**70, True, False, 1.0, 2.5, float("nan")]
    values += [dt.date(2022, 9, 28), "2022-09-28"]
    for ftype in ("string", "integer", "number", "boolean", "date"):
        for v in values:
            try:
                expected = cell(v, ftype)
            except (TypeError, ValueError):
                continue
            assert _cell(v, ftype) == expected, (v, ftype)


def test_tokens_carry_their_plain_lower_case_and_punctuation_flag():
    from newsfacts.extract.article import Tok, analyse

    art = analyse("t", "İstanbul’s MAYOR said — “No!” … 12,000 Ukrainians fled.\n\nAnother  paragraph.", ())
    toks = [t for s in art.sentences for t in s.tokens]
    assert toks and all(t.lower_ == t.text.lower() for t in toks)
    assert all(t.is_punct == (not any(ch.isalnum() for ch in t.text)) for t in toks)
    assert repr(Tok(1, 3, "Ab")) == "Tok(1, 3, 'Ab')"
