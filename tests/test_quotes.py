"""Quotation marks versus apostrophes, nesting, continuation, and quote kinds and speakers."""

from newsfacts.extract import extract
from newsfacts.extract.mentions import aliases_of
from newsfacts.extract.quotes import find_quotes
from newsfacts.extract.segment import segments

ACTORS = [
    {"actor_id": "jane-roe", "name": "Jane Roe", "actor_type": "person", "aliases": ["Jane Roe", "Roe"]},
    {"actor_id": "john-doe", "name": "John Doe", "actor_type": "person", "aliases": ["John Doe", "Doe"]},
    {
        "actor_id": "acme-institute",
        "name": "Acme Institute of Policy",
        "actor_type": "organization",
        "aliases": ["Acme Institute of Policy"],
    },
    {"actor_id": "freedonia", "name": "Freedonia", "actor_type": "state", "aliases": ["Freedonia"]},
]


def quotes_of(text):
    return [text[q.start : q.end] for q in find_quotes(text, segments(text))]


def run(text):
    return extract("test", text, ACTORS, tuple(aliases_of(ACTORS)))


def test_curly_and_straight_double_quotes():
    assert quotes_of('She said “we will win” and he said "we will not".') == ["we will win", "we will not"]


def test_apostrophes_are_not_quotes():
    assert quotes_of("Freedonia's army and Freedonia’s navy met the voters' leaders in Sylvania‘s capital.") == []


def test_single_quotes_used_as_quotes_and_nested():
    text = "“Being told ‘go home now’ was hard,” Jane Roe said."
    assert quotes_of(text) == ["Being told ‘go home now’ was hard,", "go home now"]


def test_single_straight_quotes():
    assert quotes_of("The banner read 'peace now' over the square.") == ["peace now"]


def test_missing_closing_mark_runs_to_end_of_paragraph():
    assert quotes_of("Evidence of 'atrocities\n\nThe next paragraph.") == ["atrocities"]


def test_quote_continued_over_paragraphs():
    text = "“We will rebuild the bridge.\n\n“And then the school,” the mayor said."
    found = find_quotes(text, segments(text))
    assert [text[q.start : q.end] for q in found] == ["We will rebuild the bridge.", "And then the school,"]
    assert found[0].rule == "continued_quote"


def test_speaker_before_and_after_the_cue():
    rows = run("John Doe said the plan was “a disgrace to the nation”. “It will fail,” said Jane Roe.")["quotes"]
    assert [(r["text"], r["speaker_id"], r["cue"]) for r in rows] == [
        ("a disgrace to the nation", "john-doe", "say"),
        ("It will fail,", "jane-roe", "say"),
    ]


def test_pronoun_resolves_to_last_named_person():
    rows = run("Jane Roe visited the port on Monday. “The ships are ready,” she said.")["quotes"]
    assert rows[0]["speaker_id"] == "jane-roe"


def test_title_before_name_and_appositive():
    rows = run("Freedonia's envoy John Doe, the head of the delegation, said “talks are over for now”.")["quotes"]
    assert rows[0]["speaker_id"] == "john-doe"


def test_definite_description_resolves_to_organisation():
    text = (
        "The Acme Institute of Policy published a report on Monday. "
        "“Turnout was inflated in every district,” the institute said."
    )
    assert run(text)["quotes"][0]["speaker_id"] == "acme-institute"


def test_term_scare_and_other_kinds():
    text = (
        "Jane Roe called the election a “farce”. Officials announced the initial “results” late. "
        "Crowds carried a banner reading, “Peace for all”."
    )
    kinds = {r["text"]: (r["kind"], r["speaker_id"]) for r in run(text)["quotes"]}
    assert kinds == {"farce": ("term", "jane-roe"), "results": ("scare", None), "Peace for all": ("other", None)}


def test_unattributed_paragraph_continues_previous_speaker():
    text = "“We are ready,” said John Doe.\n\n“We will not wait for anyone else to act first.”"
    rows = run(text)["quotes"]
    assert [r["speaker_id"] for r in rows] == ["john-doe", "john-doe"]


def test_unknown_speaker_becomes_provisional_actor():
    out = run("“The dam will hold,” said Maria Ivanova, an engineer.")
    assert out["quotes"][0]["speaker_id"] == "maria-ivanova"
    assert out["actors"] == [
        {
            "actor_id": "maria-ivanova",
            "name": "Maria Ivanova",
            "actor_type": "person",
            "title": None,
            "country_code": None,
            "parent_id": None,
            "wikidata_id": None,
            "provisional": True,
        }
    ]


def test_according_to_and_passive_agent():
    out = run("According to John Doe, the count was wrong. The vote was condemned as a “sham” by Jane Roe.")
    claims = {r["claimant_id"] for r in out["claims"]}
    assert claims == {"john-doe", "jane-roe"}
    assert out["quotes"][0]["speaker_id"] == "jane-roe"


def test_nothing_extracted_from_boilerplate():
    text = (
        "Sign up to our newsletter {{ message }} Please enter a valid email address\n\n"
        "Jane Roe said “we are ready” on Monday."
    )
    out = run(text)
    assert [q["text"] for q in out["quotes"]] == ["we are ready"]
    assert all(m["start_char"] > text.index("Jane") - 1 for m in out["mentions"])


def test_caption_rows_are_marked():
    text = "Jane Roe speaks under a banner reading “Unity” in the capital. Photo by Example Agency\n\nBody text here."
    out = run(text)
    assert out["quotes"][0]["section_type"] == "caption"
    assert out["quotes"][0]["kind"] == "other"


def test_speaker_named_in_the_previous_sentence():
    text = "John Doe addressed parliament on Monday.\n\n“We will never give up our land to anyone.”"
    rows = run(text)["quotes"]
    assert rows[0]["speaker_id"] == "john-doe"
    assert rows[0]["rule"].endswith("previous_sentence_speaker")


def test_a_short_paragraph_cut_off_after_a_full_sentence_is_body_not_heading():
    from newsfacts.extract.segment import classify_paragraph

    assert classify_paragraph("“It is the place where we have lived all our lives,” Rivas said. “It") == "body"
    assert classify_paragraph("Floods kill 40 in the north, officials say") == "heading"


def test_a_statement_that_a_named_speaker_made_is_speech():
    from newsfacts.extract.classify import quote_kind

    before = "The command clarified in a statement that "
    assert quote_kind("the boats fired light weapons at the ship", before, "body", "clarify", True) == "speech"
    assert quote_kind("the war is justified", "agreed with the statement that ", "body", None, False) == "other"


def test_a_short_quote_with_a_subject_and_a_verb_is_speech_a_predicate_is_a_term():
    from newsfacts.extract.classify import quote_kind

    assert quote_kind("our people are free.", "and said ", "body", "say", True) == "speech"
    assert quote_kind("should be behind bars.", "said they ", "body", "say", True) == "term"


def test_two_apostrophes_are_one_double_mark():
    from newsfacts.extract.quotes import find_quotes
    from newsfacts.extract.segment import segments

    text = "''It's nonsense,'' Ilse Varga said on ''Morning Talk.'' He was ''Lune's best friend.''"
    spans = [(text[q.start : q.end], q.mark) for q in find_quotes(text, segments(text))]
    assert spans == [("It's nonsense,", "double"), ("Morning Talk.", "double"), ("Lune's best friend.", "double")]


WRAPPED = (
    "Floods hit the coast as rivers burst their banks\n"
    "The floods have claimed at least two more lives, officials\n"
    "confirmed on Tuesday, as rivers burst their banks in several towns on the\n"
    "east coast.\n"
    "The regional fire service commissioner of the state, Ilse\n"
    "Varga, said “we need to brace ourselves for a considerable\n"
    "number of damaged homes,” as the water rose.\n"
)


def test_a_hard_wrapped_text_is_read_in_paragraphs_not_lines():
    from newsfacts.extract.segment import paragraphs

    spans = [WRAPPED[a:b] for a, b in paragraphs(WRAPPED)]
    assert spans[0] == "Floods hit the coast as rivers burst their banks"  # the headline stays alone
    assert spans[1].endswith("east coast.")
    assert spans[2].startswith("The regional fire service commissioner of the state, Ilse\nVarga")
    assert len(spans) == 3
    cand = extract("t", WRAPPED, [], ())
    names = {a["actor_id"]: a["name"] for a in cand["actors"]}
    assert [(q["text"], names.get(q["speaker_id"])) for q in cand["quotes"]] == [
        ("we need to brace ourselves for a considerable\nnumber of damaged homes,", "Ilse Varga")
    ]


def test_lines_of_an_unwrapped_text_stay_paragraphs():
    from newsfacts.extract.segment import paragraphs

    text = "Floods hit the coast\nThe floods have claimed two lives, officials said\nRivers burst their banks.\n"
    assert [text[a:b] for a, b in paragraphs(text)] == text.splitlines()


def test_two_apostrophes_after_a_full_stop_open_the_next_sentence():
    text = "They showed the strain. ''We are anxious,'' said another user, Ilse Varga."
    cand = extract("t", text, [], ())
    names = {a["actor_id"]: a["name"] for a in cand["actors"]}
    assert [(q["text"], names.get(q["speaker_id"])) for q in cand["quotes"]] == [("We are anxious,", "Ilse Varga")]
