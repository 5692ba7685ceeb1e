"""Property tests: extraction never crashes and every span is valid, on arbitrary text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.extract import extract
from newsfacts.extract.mentions import aliases_of
from newsfacts.extract.numbers import words_value

ACTORS = [{"actor_id": "jane-roe", "name": "Jane Roe", "actor_type": "person", "aliases": ["Jane Roe", "Roe"]}]
ALIASES = tuple(aliases_of(ACTORS))

pieces = st.sampled_from(
    [
        "Jane Roe",
        " said ",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        " 5 people were killed",
        " 87%",
        " per cent",
        " more than ",
        "50,000",
        " hundreds of thousands",
        "\n",
        "\n\n",
        ". ",
        ", ",
        " Ukraine‘s ",
        " according to ",
        " he said",
        "{{ x }}",
        " Advertisement",
        " (AP)",
        " dozens",
        " twenty-five",
        " on Tuesday",
    ]
)
texts = st.one_of(
    st.text(max_size=300),
    st.lists(pieces, max_size=40).map("".join),
    st.lists(st.one_of(pieces, st.text(max_size=5)), max_size=30).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extraction_never_crashes_and_spans_are_valid(text):
    out = extract("prop", text, ACTORS, ALIASES)
    for table in ("mentions", "quotes", "claims", "figures"):
        for row in out[table]:
            assert 0 <= row["start_char"] < row["end_char"] <= len(text)
            assert text[row["start_char"] : row["end_char"]] == row["text"]
    quotes = sorted((r["start_char"], r["end_char"]) for r in out["quotes"])
    for i, (_s1, e1) in enumerate(quotes):
        for s2, e2 in quotes[i + 1 :]:
            assert s2 >= e1 or e2 <= e1, "quotes overlap without nesting"
    for f in out["figures"]:
        vals = [v for v in (f["low"], f["value"], f["high"]) if v is not None]
        assert vals == sorted(vals)


@given(st.integers(min_value=0, max_value=999_999))
def test_numbers_in_words_roundtrip(n):
    units = (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

    def say(k):
        if k < 20:
            return [units[k]]
        if k < 100:
            return [tens[k // 10]] + ([units[k % 10]] if k % 10 else [])
        if k < 1000:
            return [units[k // 100], "hundred"] + (["and"] + say(k % 100) if k % 100 else [])
        return say(k // 1000) + ["thousand"] + (say(k % 1000) if k % 1000 else [])

    assert words_value(say(n)) == n
