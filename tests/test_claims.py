"""Claims: claimant, unnamed sources, type, stance, verification and said_date."""

import datetime as dt

from newsfacts.extract import extract
from newsfacts.extract.mentions import aliases_of

ACTORS = [
    {"actor_id": "jane-roe", "name": "Jane Roe", "actor_type": "person", "aliases": ["Jane Roe", "Roe"]},
    {"actor_id": "freedonia", "name": "Freedonia", "actor_type": "state", "aliases": ["Freedonia"]},
]


def claims(text, published=None):
    return extract("test", text, ACTORS, tuple(aliases_of(ACTORS)), published)["claims"]


def test_named_claimant_type_and_stance():
    [c] = claims("Jane Roe said on Tuesday that the referendum was a sham and illegal.")
    assert (c["claimant_id"], c["claim_type"], c["stance"]) == ("jane-roe", "legitimacy", "rejects")


def test_said_date_resolves_weekday_against_publication():
    [c] = claims("Jane Roe said Tuesday that the vote was illegal.", dt.date(2022, 9, 28))
    assert c["said_date"] == dt.date(2022, 9, 27)


def test_said_date_is_null_without_publication_date():
    [c] = claims("Jane Roe said Tuesday that the vote was illegal.")
    assert c["said_date"] is None


def test_unnamed_source_keeps_its_words():
    [c] = claims("Witnesses said soldiers forced residents to vote at gunpoint.")
    assert (c["claimant_id"], c["claimant_text"], c["claim_type"]) == (None, "Witnesses", "coercion")


def test_outlet_could_not_verify_applies_to_preceding_claims():
    text = "Jane Roe alleged that troops were conscripting protesters.\n\nThe newspaper could not verify the claims."
    [c] = claims(text)
    assert c["verification"] == "outlet_could_not_verify"


def test_no_evidence_offered():
    [c] = claims("Freedonia said convicts were joining the front lines. It offered no evidence for the claim.")
    assert c["verification"] == "no_evidence_offered"


def test_narration_is_not_a_claim():
    assert claims("The talks ended late on Friday after the delegates left the building.") == []


def test_claim_carried_by_quote_has_the_quote_speaker():
    out = extract("test", "“The results are genuine,” said Jane Roe.", ACTORS, tuple(aliases_of(ACTORS)))
    [c] = out["claims"]
    [q] = out["quotes"]
    assert c["quote_id"] == q["quote_id"] and c["claimant_id"] == q["speaker_id"] == "jane-roe"


def test_name_between_commas_after_a_description():
    [c] = claims("In the port city, the mayor appointed last year, Jane Roe, also publicly urged residents to leave.")
    assert c["claimant_id"] == "jane-roe"


def test_titles_are_dropped_from_provisional_names():
    out = extract(
        "t",
        "About 200,000 people have fled, Interior Minister Marat Ivanov told reporters.",
        ACTORS,
        tuple(aliases_of(ACTORS)),
    )
    [c] = out["claims"]
    assert c["claimant_id"] == "marat-ivanov" and out["actors"][0]["name"] == "Marat Ivanov"


def test_verification_in_the_claims_own_sentence_only_applies_to_it():
    text = (
        "Freedonia said its troops had withdrawn to new lines. "
        "At least 40 soldiers were killed, according to Jane Roe, a figure the agency could not verify."
    )
    first, second = claims(text)
    assert (first["verification"], second["verification"]) == ("none_stated", "outlet_could_not_verify")


def test_it_resolves_to_the_previous_sentences_organisation_or_state():
    text = "Freedonia rejected the vote on Monday. It urged allies to impose new sanctions on its neighbour."
    second = [c for c in claims(text) if c["text"].startswith("It")]
    assert [(c["claimant_id"], c["claimant_text"]) for c in second] == [("freedonia", "It")]


def test_a_figure_takes_the_named_claimant_of_its_sentence_over_an_unnamed_one():
    text = "Witnesses said 40 people were killed in Freedonia, Jane Roe said."
    [f] = extract("test", text, ACTORS, tuple(aliases_of(ACTORS)))["figures"]
    assert f["claimant_id"] == "jane-roe"


def test_a_headline_names_who_reports_its_figures_without_a_claim_row():
    """ "Freedonia says strike kills 20" / "Floods killed over 900 since June: Ilse Varga": the
    headline's named speaker is its figures' claimant; a headline makes no claim, and an unnamed
    speaker ("ministry says") or a headline of narration gives none."""

    def headline(first_line):
        out = extract("test", first_line + "\nThe strike hit the town on Friday.", ACTORS, tuple(aliases_of(ACTORS)))
        return [f["claimant_id"] for f in out["figures"]], out["claims"]

    assert headline("Freedonia says strike on Vale kills 20") == (["freedonia"], [])
    assert headline("Floods killed over 900 in Vale since June: Ilse Varga") == (["ilse-varga"], [])
    assert headline("Quake kills 296 in Vale, ministry says") == ([None], [])
    assert headline("Strike on Vale kills 20") == ([None], [])
    assert headline("Quake kills 296 in Vale: what we know") == ([None], [])
    assert headline("Quake kills 296 in Vale: Live Updates") == ([None], [])  # no given name: not a person
