"""Hostile article texts: a huge word, an article over the size limit, many quotes in a paragraph."""

import pytest

from newsfacts.errors import InputError
from newsfacts.extract import extract
from newsfacts.extract.pipeline import MAX_ARTICLE_CHARS


def test_a_two_megabyte_line_without_spaces_is_tokenised_in_chunks():
    """spaCy refuses texts over 1,000,000 characters (E088); paragraphs are cut into chunks."""
    text = "a" * 2_000_000 + "\n"
    out = extract("big", text, [], ())
    assert out["quotes"] == [] and out["figures"] == []


def test_an_article_over_the_limit_is_refused_with_a_clear_message():
    with pytest.raises(InputError, match=r"has 5,000,001 characters; the extractor takes at most 5,000,000"):
        extract("huge", "x" * (MAX_ARTICLE_CHARS + 1), [], ())


def test_every_one_of_many_quotes_in_one_paragraph_gets_its_speaker():
    text = " ".join(f"“Point {i} stands,” said Ada Kline." for i in range(300)) + "\n"
    out = extract("many", text, [], ())
    assert len(out["quotes"]) == 300
    assert {q["speaker_id"] for q in out["quotes"]} == {"ada-kline"}
