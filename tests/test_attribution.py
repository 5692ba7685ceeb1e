"""Each attribution rule and each names rule on invented sentences, with an empty registry:
speakers come from the text itself."""

import pytest

from newsfacts.extract import extract
from newsfacts.extract.article import analyse
from newsfacts.extract.attribution import RULES, QuoteIndex, cues_in, resolve
from newsfacts.extract.names import Entities, Name, initials, names_in
from newsfacts.extract.quotes import find_quotes


def speakers(text: str, actors=()) -> dict[str, str | None]:
    """quote text -> speaker name (canonical) for an article with no registry."""
    from newsfacts.extract.mentions import aliases_of

    cand = extract("t", text, list(actors), tuple(aliases_of(list(actors))))
    names = {a["actor_id"]: a["name"] for a in cand["actors"]} | {a["actor_id"]: a["name"] for a in actors}
    return {q["text"]: names.get(q["speaker_id"]) for q in cand["quotes"]}


def rule_of(text: str, cue_word: str) -> tuple[str | None, str | None]:
    """(speaker name, rule) that `resolve` gives the cue `cue_word` of a one-paragraph text."""
    art = analyse("t", text, (), None, {})
    index = QuoteIndex(find_quotes(text, art.segments))
    for sent in art.sentences:
        for i, lemma in cues_in(sent, index):
            if sent.tokens[i].text == cue_word:
                att = resolve(art, sent, i, lemma, index)
                if att is None:
                    return None, None
                ent = art.entity(att.actor_id)
                return (ent.name if ent else None), att.rule
    raise AssertionError(f"no cue {cue_word!r}")


def test_rules_are_small_functions_in_a_fixed_order():
    assert [r.__name__ for r in RULES] == [
        "cited_speaker",
        "according_to",
        "passive_agent",
        "speaker_after_cue",
        "pronoun_subject",
        "relative_subject",
        "coordinated_subject",
        "speaker_before_cue",
    ]


# --- one test per rule -------------------------------------------------------------------


def test_according_to_names_the_source():
    assert rule_of("Ten villages were flooded, according to Marta Quill, the district engineer.", "according") == (
        "Marta Quill",
        "according_to",
    )


def test_passive_agent():
    assert rule_of("The plan was denounced as a “disgrace” by Senator Orrin Blake on Monday.", "denounced") == (
        "Orrin Blake",
        "passive_agent",
    )


def test_speaker_after_cue_with_title_and_unknown_name():
    assert rule_of("“We will rebuild,” said Mayor Tomasz Wierzba.", "said") == ("Tomasz Wierzba", "speaker_after_cue")


def test_speaker_after_cue_skips_an_age_description():
    text = "Lena Morrow lost her home. “Nothing is left,” said the 64-year-old Lena."
    assert speakers(text)["Nothing is left,"] == "Lena Morrow"


def test_pronoun_subject_takes_the_salient_person_not_an_object():
    text = (
        "“The count is rising,” Governor Ada Kline said, referring to Piet Vos’s earlier report. "
        "“We need more boats,” she said."
    )
    assert speakers(text)["We need more boats,"] == "Ada Kline"


def test_he_is_not_the_person_named_as_an_object_after_as():
    text = (
        "Mr Tomas Varga spoke after the meeting. He named the dead officer as Ari Lund.\n\n"
        "“It is clear that these men came to fight,” he said."
    )
    assert speakers(text)["It is clear that these men came to fight,"] == "Tomas Varga"


def test_pronoun_gender_skips_a_person_of_the_other_gender():
    text = "Maria Lopez met John Carter in the square. “We are tired,” she said."
    assert speakers(text)["We are tired,"] == "Maria Lopez"


def test_it_resolves_to_the_last_organisation():
    text = "The Harbour Rescue Service sent two boats. “The water is still rising,” it said."
    assert speakers(text)["The water is still rising,"] == "Harbour Rescue Service"


def test_relative_subject():
    assert rule_of("“It was chaos,” Irvan, who had been waiting at the station told reporters.", "told") == (
        "Irvan",
        "relative_subject",
    )
    # closed by a second comma it is an appositive, read by speaker_before_cue
    assert rule_of("“It was chaos,” Irvan, who had been waiting, told reporters.", "told") == (
        "Irvan",
        "speaker_before_cue",
    )


def test_an_insertion_between_the_subject_and_its_verb_is_skipped():
    text = "Varga, meanwhile, who has no such support, said the vote shows who is “ready to lead.”"
    assert speakers(text) == {"ready to lead.": "Varga"}
    text = "Lunaria's government, in a statement that did not mention Port Vell, urged an “immediate truce”."
    assert rule_of(text, "urged")[0] == "Lunaria's government"
    # a name in an appositive (not an insertion) is still the speaker
    assert rule_of("A Lunarian envoy, Ilse Varga, said “enough”.", "said")[0] == "Ilse Varga"


def test_a_lone_name_after_a_and_adjectives_is_the_subject():
    assert speakers("“Lunaria will always be Lunaria,” an angry Varga retorted.") == {
        "Lunaria will always be Lunaria,": "Varga"
    }
    assert rule_of("“No,” the angry Varga retorted.", "retorted")[1] != "speaker_before_cue"


def test_an_organisation_named_after_its_common_noun():
    assert _names("The Lunarian newspaper Gazeta Vell noted it.") == [("Gazeta Vell", "organization", None)]
    assert speakers("The news agency Tasvir reported that “the camp is empty”.") == {"the camp is empty": "Tasvir"}
    # a title after the noun is not its name; a weekday is not one either
    assert ("Monday", "organization", None) not in _names("The Lunarian army Monday said so.")


def test_coordinated_and_participle_subjects():
    assert (
        rule_of("The Coastal Authority denied the report and said it had “no record” of it.", "said")[1]
        == "coordinated_subject"
    )
    name, rule = rule_of("Commissioner Ruth Ibe was blunt, saying: “This is a failure.”", "saying")
    assert (name, rule) == ("Ruth Ibe", "coordinated_subject")


def test_speaker_before_cue_prefers_the_person_in_an_appositive_clause():
    text = "“We saw the wave,” the harbour master of Lune province Oskar Vilde told reporters."
    assert speakers(text)["We saw the wave,"] == "Oskar Vilde"


# --- descriptions ------------------------------------------------------------------------


def test_organisation_description_keeps_its_modifiers():
    assert speakers("The Kenyan embassy in Oslo called the images “horrific.”")["horrific."] == "Kenyan embassy"
    text = "The regional health office in Lune called the images “horrific.”"
    assert speakers(text)["horrific."] == "regional health office in Lune"


def test_definite_description_finds_the_named_holder_of_the_title():
    text = "Mayor Anika Sorel visited the shelters. Later the mayor said the town had “run out of beds.”"
    assert speakers(text)["run out of beds."] == "Anika Sorel"


def test_description_in_a_headline_finds_the_holder_named_later():
    text = "Floods leave town ‘under water’, a mayor says\n\nMayor Anika Sorel said the river rose overnight."
    # an indefinite description ("a mayor") is an unnamed speaker, never the nearest name
    assert speakers(text)["under water"] is None


def test_a_modifier_picks_among_several_holders_of_a_title():
    text = (
        "Ruritanian President Ivo Brand met Coastal President Ana Lind. "
        "“We agreed on nothing at all today,” the Ruritanian president said."
    )
    assert speakers(text)["We agreed on nothing at all today,"] == "Ivo Brand"


def test_the_woman_is_the_salient_woman():
    text = "Ana Lind and her husband Ivo Brand fled the town. “We left everything behind us,” the woman said."
    assert speakers(text)["We left everything behind us,"] == "Ana Lind"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will respond,” a Veltra official said.", "Veltra"),
        ("“We will respond,” a spokesman for Veltra said.", "Veltra"),
        ("A Coastal Relief Agency official said the camp was “overwhelmed by arrivals”.", "Coastal Relief Agency"),
        ("“The camp is overwhelmed,” a resident of Port Vell said.", None),  # a person, not a body's voice
        ("“The town is gone,” a Ruritanian mayor said.", None),
    ],
)
def test_an_unnamed_member_speaks_for_the_organisation_named(text, speaker):
    assert list(speakers(text).values()) == [speaker]


def test_a_nationality_before_a_members_role_is_not_a_body():
    text = "Russian representatives in the occupied areas announced “overwhelming support” for joining."
    assert rule_of(text, "announced") == (None, "unnamed")


def test_a_registered_organisation_described_in_lower_case_words_is_still_itself():
    actors = [
        {"actor_id": "g7", "name": "Group of Seven", "actor_type": "organization", "aliases": ["G7 Group of Seven"]}
    ]
    text = "The G7 Group of Seven industrialised nations condemned the referendums as a “sham”."
    assert speakers(text, actors)["sham"] == "Group of Seven"


def test_the_official_is_the_same_unnamed_member_as_before():
    text = (
        "A Ruritanian military official said the crowd came for “revenge”.\n\n"
        "“We are trying to keep the two sides apart,” the official told journalists. Omar Haddad watched."
    )
    assert speakers(text)["We are trying to keep the two sides apart,"] == "Ruritanian military"


def test_the_organisation_is_the_one_that_last_spoke():
    text = (
        "The Coastal Relief Agency said the camp was full. The Ruritanian Red Cross sent tents. "
        "“We need far more help than this,” the organisation said."
    )
    assert speakers(text)["We need far more help than this,"] == "Coastal Relief Agency"


def test_report_is_its_organisation():
    text = "The Relief Monitoring Office published figures on Friday. “Shelters are full,” the report said."
    assert speakers(text)["Shelters are full,"] == "Relief Monitoring Office"


def test_unnamed_speaker_is_null_with_rule_unnamed():
    cand = extract("t", "“We ran to the hills,” a resident said, as Governor Ada Kline watched.", [], ())
    q = cand["quotes"][0]
    assert q["speaker_id"] is None and q["rule"].endswith("unnamed")


def test_specific_description_becomes_an_actor():
    text = "“The bridge is gone,” the mayor of Dunmore said."
    assert speakers(text)["The bridge is gone,"] == "mayor of Dunmore"


# --- quotes across sentences and paragraphs ------------------------------------------------


def test_nested_quote_takes_the_outer_speaker():
    text = "“They told us ‘stay inside’ all night,” Omar Haddad said."
    assert speakers(text)["stay inside"] == "Omar Haddad"


def test_continued_quote_takes_the_attribution_that_closes_it():
    text = "“The first wave came at night.\n\n“The second came at dawn,” Omar Haddad said."
    assert speakers(text)["The first wave came at night."] == "Omar Haddad"


def test_a_lone_capitalised_word_opening_a_sentence_is_not_a_name():
    text = "Officials announced the initial “results” late."
    assert speakers(text)["results"] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Veltra said in a statement that the raid was “a massacre of the innocent”.", "Veltra"),
        ("Witnesses said the soldiers were “firing at everyone they saw”.", None),
        ("Authorities said the fire was “under control at last, thank God”.", None),
        ("Residents fled. Later residents said the river was “rising by the minute now”.", None),
    ],
)
def test_a_lone_word_opening_a_sentence_is_a_name_unless_it_is_a_common_noun(text, speaker):
    assert list(speakers(text).values()) == [speaker]


def test_a_lone_name_after_the_cue_is_a_person():
    text = "“We lost the house and the car,” said Tariq, who gave only his first name."
    assert speakers(text)["We lost the house and the car,"] == "Tariq"


def test_a_bracketed_acronym_between_subject_and_cue_is_skipped():
    text = "The Coastal Defence Forces (CDF) said in a statement: “We struck 450 targets overnight.”"
    assert rule_of(text, "said") == ("Coastal Defence Forces", "speaker_before_cue")


def test_a_nationality_and_military_is_an_organisation():
    text = "“We are ready for anything,” the Ruritanian military said."
    assert speakers(text)["We are ready for anything,"] == "Ruritanian military"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Harbour mayor Ilse Varga: “We will rebuild every house”\n\nThe mayor spoke on Monday.", "Ilse Varga"),
        ("Kostrava: “We will not give up”\n\nThe president spoke on Monday.", "Kostrava"),
        ("Relief chief: ‘The world is failing us’\n\nThe appeal was read out.", None),
    ],
)
def test_a_lead_that_is_only_a_name_and_a_colon_names_the_speaker(text, speaker):
    assert list(speakers(text).values()) == [speaker]


def test_an_upper_case_acronym_is_not_the_relative_pronoun_who():
    text = "Speaking in Geneva, WHO spokesperson Tarik Vasek said “the needs are huge”."
    assert rule_of(text, "said") == ("Tarik Vasek", "speaker_before_cue")


def test_an_opening_quotation_mark_starts_the_next_sentence():
    text = "Perhaps it was the first time she said it. “We have left our house.”"
    art = analyse("t", text, (), None, {})
    assert [text[s.start : s.end] for s in art.sentences] == [
        "Perhaps it was the first time she said it.",
        "“We have left our house.”",
    ]


def test_a_lone_name_with_an_age_is_a_person_with_the_gender_of_the_given_name():
    text = "Her husband, Tomas, 41, was calm. “We did not want any part of this war,” he said."
    assert speakers(text)["We did not want any part of this war,"] == "Tomas"


def test_a_quote_without_a_cue_belongs_to_the_person_its_paragraph_is_about():
    text = (
        "Mirela Dast, 37, a lawyer, looked at the road. Perhaps she had never said it out loud. "
        "“We have left our house, our car, everything.”"
    )
    assert speakers(text)["We have left our house, our car, everything."] == "Mirela Dast"


# --- names -------------------------------------------------------------------------------


def _names(text: str) -> list[tuple[str, str, str | None]]:
    return [(n.text, n.kind, n.title) for n in names_in(text, 0, len(text))]


def test_names_strip_titles_and_keep_particles():
    assert _names("Interior Minister Halim al-Rashid met Dr Sina Vogt.") == [
        ("Halim al-Rashid", "person", "interior minister"),
        ("Sina Vogt", "person", "dr"),
    ]


def test_lower_case_role_before_a_name_is_its_title():
    assert _names("Bucharest mayor Ion Petrescu spoke.")[-1] == ("Ion Petrescu", "person", "mayor")


def test_organisation_heads_and_possessive_organisations():
    assert _names("The Northern Flood Relief Agency and Ruritania’s health ministry met.") == [
        ("Northern Flood Relief Agency", "organization", None),
        ("Ruritania’s health ministry", "organization", None),
    ]


def test_acronym_after_a_name_and_initials_refer_to_it():
    art = analyse("t", "The Coastal Relief Agency (CRA) said so. CRA later added more.", (), None, {})
    keys = {r.text: r.key for r in art.refs}
    assert keys["CRA"] == keys["Coastal Relief Agency"]
    assert initials("Kenya National Commission on Human Rights") == "KNCHR"


def test_spelling_variants_and_surnames_are_one_person():
    ents = Entities()
    a = ents.add(Name(0, 16, "Anatoly Fedoruk", "person", None))
    assert ents.add(Name(20, 37, "Anatoliy Fedoruk", "person", None)) is a
    assert ents.add(Name(40, 47, "Fedoruk", "person", None)) is a
    assert ents.add(Name(50, 57, "Jane Fedor", "person", None)) is not a


@pytest.mark.parametrize("text", ["Police said the road was closed.", "Post mortems are pending."])
def test_a_common_noun_opening_a_sentence_is_not_a_name(text):
    assert _names(text) == []


def test_colon_intro_names_the_speaker_of_the_next_paragraph():
    text = "In a statement, Chairwoman Ruth Ibe said:\n\n“The figures are still rising.”"
    assert speakers(text)["The figures are still rising."] == "Ruth Ibe"


def test_the_before_a_lone_name_makes_an_organisation():
    text = "The Chronicle reports that most residents were saved by “staff wading through the water.”"
    assert speakers(text)["staff wading through the water."] == "Chronicle"


def test_a_name_between_commas_after_a_description():
    text = "A UN envoy to the region, Osnat Vire, said the evacuation was “hopeful.”"
    assert speakers(text)["hopeful."] == "Osnat Vire"


def test_pronoun_antecedents_are_outside_quotations():
    text = (
        "The Harbour Rescue Service said boats reached “the families of the Lune Valley Cooperative.” "
        "It also said there were “no more boats.”"
    )
    assert speakers(text)["no more boats."] == "Harbour Rescue Service"


def test_an_organisation_named_with_a_registered_state_keeps_its_name():
    actors = [{"actor_id": "ruritania", "name": "Ruritania", "actor_type": "state", "aliases": ["Ruritania"]}]
    text = "Ruritania’s defence ministry said the strike hit “military targets.”"
    assert speakers(text, actors)["military targets."] == "Ruritania’s defence ministry"


def test_an_organisation_named_with_a_registered_organisation_keeps_its_name():
    actors = [{"actor_id": "un", "name": "United Nations", "actor_type": "organization", "aliases": ["United Nations"]}]
    text = "The United Nations Office for the Relief of Flood Victims (ORFV) said the dam was “about to give way.”"
    assert speakers(text, actors)["about to give way."] == "United Nations Office for the Relief of Flood Victims"


def test_a_body_described_after_the_cue_is_not_the_registered_name_inside_it():
    actors = [{"actor_id": "un", "name": "United Nations", "actor_type": "organization", "aliases": ["UN"]}]
    text = "“Floods have forced 9,000 people to flee,” said the UN refugee agency. “We are worried,” said the UN."
    assert speakers(text, actors) == {
        "Floods have forced 9,000 people to flee,": "UN refugee agency",
        "We are worried,": "United Nations",
    }


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "IAEA Director General Rafael Grossi said so.",
            [("IAEA", "organization", None), ("Rafael Grossi", "person", "director general")],
        ),
        (
            "WHO Director-General Tedros Adhanom said so.",
            [("WHO", "organization", None), ("Tedros Adhanom", "person", "director-general")],
        ),
        ("Spokesman  Marek  Ovan said so.", [("Marek  Ovan", "person", "spokesman")]),
        ("The Lunar state news agency TASR reported so.", [("TASR", "organization", None)]),
        ("The governor of Sumy Dmytro Marsh said so.", [("Sumy", "place", None), ("Dmytro Marsh", "person", None)]),
        ("Jordan Fabian reported so.", [("Jordan Fabian", "person", None)]),  # a given name, not a place
        (
            "Head of Vell Oblast Military Administration Oleh Marsh said so.",
            [
                ("Vell Oblast Military Administration", "organization", None),
                ("Oleh Marsh", "person", "head of vell oblast military administration"),
            ],
        ),
        (
            "Vell Regional Military Administration said so.",
            [("Vell Regional Military Administration", "organization", None)],
        ),
        (
            "It was reported by the Ministry for the Reintegration of the Eastern Territories.",
            [("Ministry for the Reintegration of the Eastern Territories", "organization", None)],
        ),
        ("Who said it?", []),
    ],
)
def test_office_holders_acronyms_spaces_and_connectors_in_names(text, names):
    assert _names(text) == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Minister for Climate Change Sherin Rahal said so.",
            ("Sherin Rahal", "person", "minister for climate change"),
        ),
        ("Minister of Foreign Affairs Jan Lipa said so.", ("Jan Lipa", "person", "minister of foreign affairs")),
    ],
)
def test_a_title_with_its_portfolio_is_not_part_of_the_name(text, name):
    assert _names(text) == [name]


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("Ten sailors died, according to two sources in the Ruritanian port.", "according", (None, "unnamed")),
        (
            "The toll was revised to 275 by the Coastal Relief Agency which said some were counted twice.",
            "said",
            ("Coastal Relief Agency", "relative_subject"),
        ),
    ],
)
def test_according_to_a_place_a_passive_without_agent_and_which(text, cue, expected):
    assert rule_of(text, cue) == expected


def test_a_person_named_with_two_spaces_has_a_canonical_name_with_one():
    assert list(speakers("Spokesman  Marek  Ovan said: “We are ready.”").values()) == ["Marek Ovan"]


@pytest.mark.parametrize(
    "text",
    [
        "The Coastal Command clarified in a statement that “the boats fired first at the tanker.”",
        "The Coastal Command issued a statement. It continued: “The boats fired first at the tanker.”",
    ],
)
def test_verbs_that_report_before_a_colon_or_a_quotation(text):
    assert list(speakers(text).values()) == ["Coastal Command"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mr Varga also thanked the Gulf states “for their mediation and support” in the talks.", "Varga"),
        ("The Coastal Foreign Ministry expressed its ‘extreme concern’ over the clashes.", "Coastal Foreign Ministry"),
        ("The Coastal Army had blamed the attack on “terrorists” late on Sunday.", "Coastal Army"),
    ],
)
def test_thanking_expressing_and_blaming_report_words(text, speaker):
    assert list(speakers(text).values()) == [speaker]


def test_a_titles_office_is_one_organisation():
    assert _names("The Ruritanian Attorney General’s Office said so.") == [
        ("Ruritanian Attorney General’s Office", "organization", None)
    ]


def test_a_participle_after_a_noun_is_not_a_cue_but_after_a_comma_it_is():
    assert rule_of("Marek Ovan stood by the road, saying “nothing will happen”.", "saying")[1] == "coordinated_subject"
    art = analyse("t", "Images showed personnel closely observing voters in a station.", (), None, {})
    index = QuoteIndex(find_quotes(art.text, art.segments))
    assert [lemma for s in art.sentences for _, lemma in cues_in(s, index)] == []


def test_authorities_in_a_named_city_are_an_unnamed_source():
    text = "Authorities in the southern city of Port Vell said rockets hit “the market and the school”."
    assert rule_of(text, "said") == (None, "unnamed")


def test_a_headline_quoting_the_body_takes_the_body_quotes_speaker():
    text = (
        "Streets ‘littered with corpses,’ a Ruritanian mayor said\n\n"
        "Mayor Ilse Varga said the streets were “littered with corpses,” and asked for help."
    )
    rows = extract("t", text, [], ())["quotes"]
    assert [(r["text"], r["kind"], r["rule"].endswith("/repeated_in_body")) for r in rows][0] == (
        "littered with corpses,",
        "term",
        True,
    )
    assert speakers(text) == {"littered with corpses,": "Ilse Varga"}


@pytest.mark.parametrize(
    "text",
    [
        "Ilse Varga, the mayor, had a message for the government: “Send help now.”",
        "Ilse Varga spoke after the meeting.\n\nIlse Varga was blunt:\n\n“We failed them.”",
    ],
)
def test_a_clause_ending_in_a_colon_introduces_its_subjects_words(text):
    assert list(speakers(text).values()) == ["Ilse Varga"]


def test_the_n_year_old_with_a_role_is_the_person_in_focus():
    text = "Ilse Varga did not hesitate. “We stay here, whatever happens,” the 54-year-old mayor said."
    assert speakers(text)["We stay here, whatever happens,"] == "Ilse Varga"


def test_a_name_right_after_a_dash_after_the_quote_is_its_speaker():
    assert list(speakers("“We will rebuild everything we lost.” — Ilse Varga, mayor of Port Vell").values()) == [
        "Ilse Varga"
    ]
    assert list(speakers("The fighting went on — “It is hell,” — and nobody came.").values()) == [None]


def test_continue_without_a_colon_is_not_a_cue():
    assert rule_of("Fighting continued. The Coastal Command said so.", "said")[0] == "Coastal Command"
    text = "The talks continued “in a good spirit” into the night."
    assert list(speakers(text).values()) == [None]


def test_adjectives_before_an_organisation_are_not_a_person():
    # the name that follows the organisation noun is the organisation's
    assert _names("The Oslo-based Kurdish rights group Hengaw said so.")[-1] == ("Hengaw", "organization", None)
    assert [n for n in _names("The Oslo-based Kurdish rights group said so.") if n[1] == "person"] == []


def test_a_description_after_the_cue_yields_to_the_name_after_its_comma():
    text = "“We saw fifty people burned,” said the deputy mayor of Port Vell, Ilse Varga."
    assert rule_of(text, "said") == ("Ilse Varga", "speaker_after_cue/appositive")
    assert rule_of("“We saw it,” said the deputy mayor of Port Vell.", "said")[1] != "speaker_after_cue/appositive"


def test_a_title_of_a_place_is_not_a_name_and_a_clause_is_not_an_organisation():
    assert [n for n in _names("The Prime Minister of Norway, Ilse Varga, spoke.") if n[1] == "person"] == [
        ("Ilse Varga", "person", None)
    ]
    text = "Lunaria announced its forces rescued four hostages. “It was a success,” the press office said."
    assert speakers(text) == {"It was a success,": None}


def test_a_plural_possessive_inside_an_organisations_name():
    assert _names("The Lunar People's Party leader said so.")[0][:2] == ("Lunar People's Party", "organization")
    assert _names("The Workers' Party of Lunaria met.")[0][:2] == ("Workers' Party of Lunaria", "organization")
    assert _names("Russia's defense ministry said so.")[0][:2] == ("Russia's defense ministry", "organization")


def test_said_by_telephone_is_a_medium_not_an_agent():
    assert rule_of("“It is nonsense,” Ilse Varga said by telephone on Lune Radio.", "said")[0] == "Ilse Varga"


def test_a_question_then_its_cue_is_one_sentence():
    text = "Ilse Varga spoke first. “Is that you?” Ana Lind asked. “Go home!” Ben Ode shouted at them."
    assert speakers(text) == {"Is that you?": "Ana Lind", "Go home!": "Ben Ode"}


def test_mrs_and_a_surname_is_not_the_man_of_that_surname():
    text = "Ben Lind spoke first. Ana Lind followed.\n\n“We will win,” Mrs. Lind said."
    assert speakers(text) == {"We will win,": "Ana Lind"}


@pytest.mark.parametrize(
    "text",
    [
        "Tom Berg thanked his manager, Carl Wu, and his brother Paul. “Now that is over,” he said.",
        "Tom Berg spoke for an hour. He finished behind Carl Wu in the vote. “We learned a lot,” he said.",
    ],
)
def test_he_is_the_person_a_sentence_is_about_not_the_last_man_named(text):
    assert list(speakers(text).values()) == ["Tom Berg"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ilse Varga criticised the council for making “very rude statements”.", "Ilse Varga"),
        ("Former mayor Ilse Varga, who backs the plan, ripped the council for acting as “the judge”.", "Ilse Varga"),
        ("On Friday, Ilse Varga thanked the “volunteers” of the council.", "Ilse Varga"),  # past the adverbial
        ("With Ilse Varga gone, the “volunteers” left.", None),  # a name after a preposition
        ("The so-called “referendums” were held in Lune.", None),  # no name opens the sentence
    ],
)
def test_a_quote_no_cue_attributes_belongs_to_the_name_its_sentence_opens_with(text, speaker):
    assert list(speakers(text).values()) == [speaker]


def test_a_surname_in_the_headline_is_the_person_named_in_full_below():
    text = "Lind: the council acted as 'judge and jury'\n\nAna Lind, the former mayor, spoke on Monday."
    assert speakers(text) == {"judge and jury": "Ana Lind"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will win,” Ilse Varga boasted.", "Ilse Varga"),
        ("“It is a mess,” Tom Berg barked at them.", "Tom Berg"),
        ("“Not again,” Tom Berg repeated.", "Tom Berg"),
    ],
)
def test_more_reporting_verbs(text, speaker):
    assert list(speakers(text).values()) == [speaker]


def test_a_name_after_a_preposition_and_a_title_is_not_who_he_is():
    text = "The murder of Father Carl Wu left Tom Berg in tears. “It is over,” he said."
    assert list(speakers(text).values()) == ["Tom Berg"]


def test_a_long_quote_opening_a_sentence_is_the_previous_sentences_speaker_before_its_subject():
    text = "Yet Tom Berg is also a “change agent,” Carl Wu said.\n\n“That is what people want right now.”"
    assert speakers(text)["That is what people want right now."] == "Carl Wu"


def test_a_noun_after_a_possessive_is_not_a_reporting_verb():
    text = "Tom Berg spoke on Monday. Varga denounced Berg’s remarks as “hurtful” and warned of what may come."
    assert speakers(text) == {"hurtful": "Varga"}


def test_a_reporting_word_after_a_preposition_is_a_noun_unless_it_ends_in_ing():
    """ "despite reports from survivors that …", "amid claims that …": nouns, no reporting verb (the
    claim had the claimant text "despite"); "after saying" still reports."""
    for text in (
        "Rescuers called off the search, despite reports from survivors that dozens were swept away.",
        "The vote went ahead amid claims that ballots were forged.",
    ):
        word = next(w for w in ("reports", "claims") if w in text)
        with pytest.raises(AssertionError, match="no cue"):
            rule_of(text, word)
    rule_of("Ilse Varga left after saying the vote was forged.", "saying")  # a cue: no "no cue" error


def test_a_person_is_not_joined_to_what_follows_on_in_or_at():
    found = [n[0] for n in _names("Varga trashed Tom Berg on Lune Radio on Friday.")]
    assert "Tom Berg" in found and not any(" on " in n for n in found)
    assert _names("The Lune Commission on Human Rights said so.")[0][:2] == (
        "Lune Commission on Human Rights",
        "organization",
    )


def test_a_quote_ending_in_a_comma_is_attributed_after_it():
    text = "Tom Berg cannot say that “from his side,” Ilse Varga added."
    assert speakers(text) == {"from his side,": "Ilse Varga"}


def test_a_colon_intro_after_two_apostrophes_and_a_leading_clause():
    text = "Since she met Mrs. Lind, Ilse Varga has had a simple message: ''Do not give up!''"
    assert speakers(text) == {"Do not give up!": "Ilse Varga"}


def test_she_is_the_person_a_sentence_opens_with_even_with_an_unknown_given_name():
    text = (
        "Leaders of Lune will visit the town of Vale later.\n\n"
        "Buarai Tanon's two grandsons were among those killed.\n\n“I couldn't sleep,” she said."
    )
    assert speakers(text) == {"I couldn't sleep,": "Buarai Tanon"}


def test_it_is_the_organisation_that_spoke_not_the_one_it_addressed():
    text = (
        "“Violence is rising,” the Lune Rights Office said.\n\n"
        "The office urged the authorities and the Vale Council to do more.\n\n"
        "“Gangs filmed the scenes,” it said."
    )
    assert speakers(text)["Gangs filmed the scenes,"] == "Lune Rights Office"


@pytest.mark.parametrize(
    "text",
    [
        "Tom Berg, the mayor of Vale, spoke first.\n\n“We will rebuild,” the mayor said.",
        "Help came, according to Tom Berg, an officer from the Vale Police who took part.\n\n"
        "“We will rebuild,” the police officer added.",
        "The Mayor of Vale, Tom Berg, spoke first.\n\n“We will rebuild,” the mayor said.",
    ],
)
def test_a_description_in_apposition_is_a_title_of_the_person(text):
    assert speakers(text) == {"We will rebuild,": "Tom Berg"}


def test_a_sentence_opening_with_a_title_is_about_the_person_so_titled():
    text = (
        "Vale's prime minister, Tom Berg, spoke on Sunday.\n\n"
        "The prime minister displayed photos of a carrier “which does not belong to the police”."
    )
    assert speakers(text) == {"which does not belong to the police": "Tom Berg"}


def test_a_verb_after_but_shares_a_described_subject():
    text = (
        "“Order is restored,” the Lune Interior Ministry said on Friday.\n\n"
        "The statement does not give a number but merely mentions “dozens of deaths after the stampede.”"
    )
    assert speakers(text)["dozens of deaths after the stampede."] == "Lune Interior Ministry"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Tom Berg spoke first. Years ago, he backed Carl Wu and said, “Wu has never done anything for us.”",
            "Wu has never done anything for us.",
        ),
        ("Tom Berg won the vote. Instead, he was back to boasting about “winning” on Monday.", "winning"),
        (
            "Tom Berg spoke. “Honestly,” he continued, “we may be on the brink of something bad.”",
            "we may be on the brink of something bad.",
        ),
    ],
)
def test_he_opening_a_sentence_and_continued_between_quotes(text, quote):
    assert speakers(text)[quote] == "Tom Berg"


def test_an_apposition_between_dashes_before_the_cue_is_skipped():
    text = "On Friday, Varga — named by the press as the likely choice for mayor — told Lune Radio “we will see.”"
    assert speakers(text) == {"we will see.": "Varga"}


@pytest.mark.parametrize("text", ["He saw THE in a box.", "THE", "It read AND OF THE."])
def test_capitalised_function_words_alone_are_no_name_and_no_crash(text):
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“The toll is 41,” Lune Television said.\n\nIt also showed protesters in “some provinces” on fire.",
            "Lune Television",
        ),
        ("“The toll is 41,” Lune Television said.\n\nIt is unclear who set fire to “some provinces”.", None),
        ("“The toll is 41,” Lune Television said.\n\nIt took them five days to leave “the hell” behind.", None),
    ],
)
def test_it_opening_a_sentence_is_the_organisation_that_spoke_unless_it_is_a_dummy(text, speaker):
    assert [v for k, v in speakers(text).items() if k != "The toll is 41,"] == [speaker]


def test_an_adverb_before_an_opening_clause_ever_since():
    text = (
        "Ever since she endorsed Mrs. Lind this month, Ms. Varga has been a powerful surrogate, visiting "
        "the campaign with a simple message: “Do not give up!”"
    )
    assert speakers(text) == {"Do not give up!": "Varga"}


def test_a_person_named_in_an_agent_or_source_phrase_is_preferred_to_the_organisation():
    assert speakers("It was “careless” – as described by LBI Director Ilse Varga – in every way.") == {
        "careless": "Ilse Varga"
    }
    assert speakers("There were “no more beds”, according to WHO chief Ilse Varga.") == {"no more beds": "Ilse Varga"}
    # an organisation alone is still the source
    assert speakers("There were “no more beds”, according to the Lunarian Red Crescent.") == {
        "no more beds": "Lunarian Red Crescent"
    }


def test_a_parenthesis_before_an_insertion_and_pointed_out():
    text = "Sen. Ilse Varga (D-Mo.), who has endorsed Lind, said Kern made her a “stronger” candidate."
    assert speakers(text) == {"stronger": "Ilse Varga"}
    text = "As Speaker Ilse Varga (R-Mo.) has pointed out, that is the “textbook definition” of it."
    assert speakers(text) == {"textbook definition": "Ilse Varga"}
    with pytest.raises(AssertionError, match="no cue"):  # "pointed to" reports nothing
        rule_of("Ilse Varga pointed to the “red line” on the map.", "pointed")


def test_a_parenthesis_that_gives_an_acronym_is_no_part_of_the_subject():
    """ "the UN rights office (OHCHR) said": the acronym after a described body is skipped, as one
    after a name is ("the Israel Defense Forces (IDF) said"); a parenthesis of words is not."""
    text = "About 600 people were displaced, the Vale rights office (VRO) said in a report."
    assert rule_of(text, "said") == ("Vale rights office", "speaker_before_cue")
    assert rule_of("The Vale rights office (VRO) said 600 people fled.", "said") == (
        "Vale rights office",
        "speaker_before_cue",
    )
    assert rule_of("The Vale Rights Watch (VRW) said 600 people fled.", "said") == (
        "Vale Rights Watch",
        "speaker_before_cue",
    )
    assert rule_of("The council (which met on Monday) said 600 people fled.", "said") == (None, None)


def test_a_quote_closing_a_nested_quote_and_its_cue_clause_are_one_sentence():
    text = "“When I opened the door, he said: ‘Hurry!’” resident Ilse Varga said."
    assert speakers(text)["When I opened the door, he said: ‘Hurry!’"] == "Ilse Varga"
    text = "“When I opened the door, he said: ‘Go home now.’” resident Ilse Varga said."
    assert speakers(text)["When I opened the door, he said: ‘Go home now.’"] == "Ilse Varga"
    # a full stop and a new sentence that opens in capitals stay two sentences
    art = analyse("t", "“He said: ‘Go home now.’” Residents said nothing.", (), None, {})
    assert len(art.sentences) == 2


def test_a_run_that_ends_in_a_title_is_a_title_not_a_name():
    assert _names("The organisation’s Country Director, Ilse Varga, spoke on Thursday.") == [
        ("Ilse Varga", "person", "director")
    ]
    assert _names("Deputy Prime Minister spoke.") == []
    # a given name before a surname that is also a title word is still a name
    assert _names("John Major spoke.") == [("John Major", "person", None)]
    text = (
        "The organisation’s Country Director, Ilse Varga, spoke on Thursday.\n\n"
        "“The protests left at least 24 people dead,” she said."
    )
    assert list(speakers(text).values()) == ["Ilse Varga"]


def test_an_apostrophe_in_the_speakers_appositive_is_not_a_closing_mark():
    text = "“It raises serious questions,\" Ilse Varga, the LPJ' director for the East and North Lunaria, said."
    assert speakers(text) == {"It raises serious questions,": "Ilse Varga"}


def test_a_place_after_said_is_not_an_inverted_speaker():
    text = "“It was the bloodiest day,” the Lunarian envoy, Ilse Varga, said in New York."
    assert speakers(text) == {"It was the bloodiest day,": "Ilse Varga"}


def test_a_nationality_in_the_plural_before_names_is_not_part_of_the_first():
    assert [n[0] for n in _names("Lunarians Varga, Ilse Kern and Paul Lind were freed.")] == [
        "Varga",
        "Ilse Kern",
        "Paul Lind",
    ]
    # a given name that ends so is kept
    assert _names("Evans Kidero spoke.") == [("Evans Kidero", "person", None)]


def test_a_participles_subject_is_the_person_a_state_names_the_office_of():
    text = "KYIV: US special envoy Ilse Varga met officials on Tuesday, claiming that peace is “within our grasp.”"
    assert speakers(text) == {"within our grasp.": "Ilse Varga"}


def test_a_dateline_in_capitals_is_not_an_organisation():
    assert _names("GENEVA: The envoy Ilse Varga met officials.") == [("Ilse Varga", "person", "envoy")]
    assert _names("The WHO said so.") == [("WHO", "organization", None)]
    # a city in capitals opening a paragraph, before a wire credit and a dash, or a region and a dash
    for line in (
        "SAO VALE (Lune) - Ilse Varga spoke.",
        "VALE CITY (Lune): Ilse Varga spoke.",
        "VALE, Lunaria — Ilse Varga spoke.",
    ):
        names = _names(line)
        assert ("Ilse Varga", "person", None) in names and not any("VALE" in n[0] for n in names), line
    # an acronym opening a paragraph with no dash after it, or a dateline's words inside a sentence, are names
    assert _names("NATO (the alliance) said so.") == [("NATO", "organization", None)]
    assert _names("He met VALE (Lune) - then left.")[0][0] == "VALE"


def test_a_reporting_word_after_a_possessive_is_a_noun():
    text = "Ilse Varga said that the inspector's report “was not good.”"
    assert rule_of(text, "said")[0] == "Ilse Varga"
    with pytest.raises(AssertionError, match="no cue"):
        rule_of(text, "report")


def test_he_is_the_subject_of_the_main_clause_not_of_an_opening_clause():
    text = (
        "Two days after Ilse Varga spoke about the case, Attorney General Paul Lind closed it. "
        "“I accepted their recommendation,” he said."
    )
    assert speakers(text) == {"I accepted their recommendation,": "Paul Lind"}
    # the White House is no person "he" could be
    text = "Paul Lind said he expected his White House bid to open his past. “I have no problem,” he said."
    assert speakers(text) == {"I have no problem,": "Paul Lind"}


def test_a_description_that_names_the_speaker_known_as():
    text = "“There never was an order,” said the base chief known as Bob, speaking for the first time."
    assert speakers(text) == {"There never was an order,": "Bob"}
    assert speakers("“We ran,” a man identified only as Ahmed told reporters.") == {"We ran,": "Ahmed"}
    assert speakers("“We ran,” said a man called to the scene.") == {"We ran,": None}


def test_who_was_asked_answers():
    text = (
        "Paul Lindqvist is 74. Last month, Tom Kern asked Lindqvist whether his age was fair game.\n\n"
        "“Sure it is. I was blessed,” he said."
    )
    assert speakers(text) == {"Sure it is. I was blessed,": "Paul Lindqvist"}
    # without a question, "he" is the subject of the sentence before
    text = "Paul Lindqvist is 74. Last month, Tom Kern met Lindqvist.\n\n“Sure it is,” he said."
    assert speakers(text) == {"Sure it is,": "Tom Kern"}


def test_a_participle_after_a_quote_is_no_inverted_cue():
    text = "Varga said, “It is time we change how we do it,” promising the Friends of Lune will return."
    assert speakers(text) == {"It is time we change how we do it,": "Varga"}


def test_an_exclamation_and_a_cue_after_a_name_and_its_appositive_are_one_sentence():
    text = "“Perpetual motion!” Rep. Ilse Varga, R-Pa., said of the convention."
    assert speakers(text) == {"Perpetual motion!": "Ilse Varga"}
    # a new sentence that opens with a name and goes on without a cue stays apart
    art = analyse("t", "“Perpetual motion!” Ilse Varga, the mayor, left the hall early.", (), None, {})
    assert len(art.sentences) == 2


def test_a_cue_in_an_opening_clause_is_not_the_earlier_verb_of_the_main_clause():
    text = (
        "Ilse Varga spoke first. As the crowd began to chant, Varga was joined on stage by Paul Lindqvist "
        "and joked, “You are being ridiculous,” drawing jeers."
    )
    assert speakers(text) == {"You are being ridiculous,": "Ilse Varga"}


def test_he_in_a_main_clause_is_the_person_of_its_opening_clause():
    text = (
        "Paul Lindqvist is an actor. Ilse Varga leads the polls. When the interview steered Lindqvist toward "
        "the election, he offered his thoughts on Varga’s continued appeal. “I think it is funny,” he said."
    )
    assert speakers(text) == {"I think it is funny,": "Paul Lindqvist"}


def test_a_reporting_word_after_a_possessive_and_a_modifier_is_a_noun_but_not_after_a_noun():
    with pytest.raises(AssertionError, match="no cue"):
        rule_of("Varga’s continued appeal among voters grew.", "appeal")
    assert rule_of("Lunaria’s military said “the town is ours”.", "said")[0] is not None


def test_a_sentence_opening_with_adding_shares_the_last_speaker():
    text = "Later, Ilse Varga stated that the report “was not good.” Adding, “It is never that bad.”"
    assert speakers(text) == {"was not good.": "Ilse Varga", "It is never that bad.": "Ilse Varga"}


def test_a_state_or_province_is_a_place_not_a_person():
    assert _names("Ilse Varga, a voter in New York, spoke.") == [
        ("Ilse Varga", "person", None),
        ("New York", "place", None),
    ]
    text = "Ilse Varga, 27, a voter in New York, said the vote came up.\n\n“I keep it light,” she said."
    assert speakers(text) == {"I keep it light,": "Ilse Varga"}
    # a region's name that is also a given name stays a name
    assert _names("Victoria said so.") == [("Victoria", "person", None)]


def test_a_title_case_headline_opens_with_the_person_named_below():
    text = "Varga Addresses Port Vell Attack: ‘This Cannot Continue.’\n\nOn Friday, Ilse Varga spoke."
    assert speakers(text) == {"This Cannot Continue.": "Ilse Varga"}
    text = "Ilse Varga Sides With Paul Lindqvist On ‘Radical Reform.’\n\nIlse Varga spoke on Sunday."
    assert speakers(text) == {"Radical Reform.": "Ilse Varga"}
    # a headline that opens with someone not named below is not given to who is
    text = "Lindqvist Addresses Port Vell Attack: ‘This Cannot Continue.’\n\nOn Friday, Ilse Varga spoke."
    assert speakers(text)["This Cannot Continue."] != "Ilse Varga"


def test_the_subject_of_an_absolute_with_clause():
    text = "The campaign denied it, with Ilse Varga saying it was “totally delusional”."
    assert speakers(text) == {"totally delusional": "Ilse Varga"}
    text = "Ilse Varga ran it. The campaign denied it, with Varga taking to X to call Lind “totally delusional”."
    assert speakers(text) == {"totally delusional": "Ilse Varga"}
    # "with" before an organisation or a clause break is no absolute clause of a person
    text = "Ilse Varga met with the Lunarian army, saying it was “totally ready”."
    assert speakers(text) == {"totally ready": "Ilse Varga"}


def test_praising_or_hailing_attaches_a_term_to_its_subject():
    text = "UN refugee chief Ilse Varga said aid was needed. The UN refugee chief hailed the “remarkable” response."
    assert speakers(text) == {"remarkable": "Ilse Varga"}


def test_a_lone_surname_is_the_person_of_that_name_named_last():
    text = (
        "Paul Lindqvist founded the firm. His daughter Ilse Lindqvist runs its fashion line.\n\n"
        "“Leave matters to me,” Lindqvist told a magazine."
    )
    assert speakers(text) == {"Leave matters to me,": "Ilse Lindqvist"}


def test_geographic_names_are_places():
    names = _names("The Aral Sea dried up near Lake Lune, by the Gaza Strip, in Zamzam Camp and on Mount Vell.")
    assert {n[0]: n[1] for n in names} == {
        "Aral Sea": "place",
        "Lake Lune": "place",
        "Gaza Strip": "place",
        "Zamzam Camp": "place",
        "Mount Vell": "place",
    }
    # an organisation named after a place stays an organisation
    assert _names("The Port Authority said so.") == [("Port Authority", "organization", None)]


def test_a_label_right_before_a_quote_ending_in_a_comma_is_its_cue():
    text = "In a clip that Judge Ilse Varga called “distasteful,” Paul Lindqvist expressed a wish to go."
    assert speakers(text) == {"distasteful,": "Ilse Varga"}
    # a quote ending in a comma is still attributed after it when no label precedes it
    assert speakers("“We will win,” Ilse Varga added.") == {"We will win,": "Ilse Varga"}


def test_two_names_joined_by_and_are_one_subject_and_the_first_speaks():
    text = "“It works,” experts Ilse Varga and Paul Lindqvist wrote in September."
    assert speakers(text) == {"It works,": "Ilse Varga"}
    # "and" inside an organisation's name does not cut the subject short
    # (the clause was "International Security"; the name itself is still split at "and")
    text = "“It works,” the Lunarian Institute for Science and International Security wrote."
    assert rule_of(text, "wrote") == ("Lunarian Institute for Science", "speaker_before_cue")
    # the last person of a subject is still who speaks when no "and" joins them
    assert speakers("Lunarian leader Ilse Varga's adviser Paul Lindqvist said “no”.")["no"] == "Paul Lindqvist"


def test_an_opening_asked_clause_with_an_appositive_ends_where_the_subject_starts():
    text = (
        "Paul Lindqvist spoke in Port Vell. Asked whether he feared that Ilse Varga, the nominee, who denies "
        "the crisis, could win, Lindqvist demurred. “There is just one science,” he said."
    )
    assert speakers(text) == {"There is just one science,": "Paul Lindqvist"}


def test_a_medium_that_cites_someone_is_not_the_speaker():
    text = 'Governor Olga Lunova spoke on Tuesday. "The system is in place," the agency cites Lunova.'
    assert speakers(text) == {"The system is in place,": "Olga Lunova"}
    # a participle after the medium's own report names its source, not a speaker
    text = "The agency Lunar News reported that the blast was “an accident,” citing police."
    assert speakers(text) == {"an accident,": "Lunar News"}


def test_a_compound_title_is_no_name_and_a_chief_is_the_head_named_before():
    text = "Prosecutor General Andriy Lunov spoke. ‘More children were deported,’ the Prosecutor General stated."
    assert speakers(text) == {"More children were deported,": "Andriy Lunov"}
    text = "Olga Marsh, head of the group Vell, spoke. The Vell chief estimated losses. “We lost many,” she said."
    assert speakers(text) == {"We lost many,": "Olga Marsh"}


def test_designated_by_names_who_labels():
    text = 'The regiment is designated as a "terrorist organization" by Lunaria.'
    actors = [{"actor_id": "lunaria", "name": "Lunaria", "actor_type": "state", "aliases": ["Lunaria"]}]
    assert speakers(text, actors) == {"terrorist organization": "Lunaria"}


def test_a_quote_after_a_label_takes_the_source_line_above_it():
    text = (
        "Strikes hit the city overnight.\n\nSource: Olga Lunova, Head of Vell Oblast Military Administration"
        '\n\nQuote: "Six missiles hit the city last night."\n\nDetails: Lunova said two people were hurt.'
    )
    assert speakers(text) == {"Six missiles hit the city last night.": "Olga Lunova"}
    # "Quote:" alone names no one
    assert speakers('Strikes hit the city.\n\nQuote: "Six missiles hit the city last night."') == {
        "Six missiles hit the city last night.": None
    }


def test_the_owner_in_a_possessive_subject_is_not_the_speaker():
    text = (
        "Ivan Lunov apologised. Lunov’s defense attorney, Olga Marsh, argued that his client had been unprepared"
        " for the “violent military confrontation” that troops met."
    )
    assert speakers(text) == {"violent military confrontation": "Olga Marsh"}


def test_a_document_named_right_after_its_quote_reports_it():
    text = "The Lunar Emergency Service posted an update. “Two people were hurt”, the statement reads."
    assert speakers(text) == {"Two people were hurt": "Lunar Emergency Service"}


def test_a_lone_surname_is_the_person_whatever_the_surname_means_as_a_given_name():
    text = "Olga Clinton spoke. Clinton seemed ready, telling the crowd, “Some people get carried away.”"
    assert speakers(text) == {"Some people get carried away.": "Olga Clinton"}
    # a title still tells two people apart
    text = "Bill Lunov spoke. Mrs. Lunov said she was “not convinced.”"
    assert speakers(text)["not convinced."] != "Bill Lunov"


def test_a_campaign_named_after_its_candidate_is_an_organisation():
    text = "Olga Marsh spoke. “This income funded the campaign,” the Marsh campaign explained in its release."
    assert speakers(text) == {"This income funded the campaign,": "Marsh campaign"}


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # the outlet that reported the sentence is not its speaker
        (
            'Mayor Tom Berg said of the blast, "Ten of our workers were inside," reported local radio Lune FM.',
            "Ten of our workers were inside,",
            "Tom Berg",
        ),
        (
            "Ana Lopes added that the “talks will go on,” reported the Vale Herald, citing the Lune Agency.",
            "talks will go on,",
            "Ana Lopes",
        ),
        # an unnamed speaker before the quote stays unnamed rather than becoming the outlet
        ("Voters said there had been “massive fraud”, the Vale Herald reported.", "massive fraud", None),
        # a question before the quote is not its speaker's: the outlet that reported it is the source
        (
            "Residents are answering if they back their “region's entry into Lune”, the Vale Herald reported.",
            "region's entry into Lune",
            "Vale Herald",
        ),
        # with no speaker before the quote in its sentence, the outlet is the source
        ("The dam broke at night. “It was terrible,” reported the Vale Herald.", "It was terrible,", "Vale Herald"),
    ],
)
def test_an_outlet_reporting_after_the_quote_does_not_take_the_inner_speakers_quote(text, quote, expected):
    assert speakers(text)[quote] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a person's full name, then "of" and their organisation or town: two names
        (
            "Tom Berg of the Vale Institute said so.",
            [("Tom Berg", "person", None), ("Vale Institute", "organization", None)],
        ),
        ("Ana Lopes from Lune Radio said so.", [("Ana Lopes", "person", None), ("Lune Radio", "organization", None)]),
        # not a name that holds "of"
        ("The Bank of Vale said so.", [("Bank of Vale", "organization", None)]),
        # a title word right after "for" is the organisation's, not an office holder's
        ("The Center for Civil Liberties said so.", [("Center for Civil Liberties", "organization", None)]),
        # an office holder after an organisation still is one
        ("Ministry of Defence Spokesman Tom Berg said so.", [("Tom Berg", "person", "defence spokesman")]),
    ],
)
def test_a_person_of_an_organisation_and_an_organisation_for_a_cause(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # the description after the comma is the named person's: the name inside it is not the speaker
        (
            "“We will rebuild,” Ana Lopes, the chief of staff to President Tom Berg said.",
            "We will rebuild,",
            "Ana Lopes",
        ),
        (
            "“We will rebuild,” Ana Lopes, an adviser of Prime Minister Tom Berg told us.",
            "We will rebuild,",
            "Ana Lopes",
        ),
        # a title holding "of" is no prepositional phrase: the titled person speaks
        ("Vale's Minister of Defence Tom Berg said the attacker was a “monster.”", "monster.", "Tom Berg"),
        ("Secretary of State Ana Lopes called the order “something I reject.”", "something I reject.", "Ana Lopes"),
        # "with President X suggesting": X speaks, the preposition does not make X an object
        (
            "The government denounced it, with Vale President Tom Berg suggesting it was “a sham.”",
            "a sham.",
            "Tom Berg",
        ),
        # a day before a title does not make the name an object
        ("On Monday President Tom Berg said “we will rebuild.”", "we will rebuild.", "Tom Berg"),
    ],
)
def test_a_name_in_a_description_or_after_a_titled_preposition(text, quote, expected):
    assert speakers(text)[quote] == expected


def test_a_name_after_a_role_with_of_is_a_person_not_the_roles_noun():
    # "chief of staff Ana Lopes": "staff" is a role's noun, not an organisation named Ana Lopes
    text = "“We are back,” President Tom Berg’s chief of staff Ana Lopes said."
    assert speakers(text)["We are back,"] == "Ana Lopes"
    # the organisation noun right before a name still names it
    assert ("Lune Daily", "organization", None) in _names("The newspaper Lune Daily said so.")


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # a given name alone after a role noun, the sentence's full stop after it
        (
            "“I would have been buried,” said survivor Andriy, whose flat was hit.",
            "I would have been buried,",
            "Andriy",
        ),
        ("The dam broke. “It was loud,” said resident Olena.", "It was loud,", "Olena"),
        ("The dam broke. “It was loud,” said Ahmed.", "It was loud,", "Ahmed"),
        # a common word after the cue is no name
        ("The dam broke. “It was loud,” said police Sunday.", "It was loud,", None),
        # "read" right after the quote reports: the document's author speaks
        (
            "“The count lacked planning,” read a statement released by the Lune Observer Mission.",
            "The count lacked planning,",
            "Lune Observer Mission",
        ),
        (
            '"The count lacked planning", read a statement from the Lune Observer Mission.',
            "The count lacked planning",
            "Lune Observer Mission",
        ),
    ],
)
def test_a_lone_name_after_a_role_and_a_statement_that_reads(text, quote, expected):
    assert speakers(text)[quote] == expected


def test_read_after_a_quote_is_a_cue_but_not_elsewhere():
    from newsfacts.extract.cues import cue_lemma
    from newsfacts.extract.segment import nlp

    def lemma_of(text: str, word: str):
        toks = list(nlp().make_doc(text))
        return cue_lemma(toks, next(i for i, t in enumerate(toks) if t.text == word))

    assert lemma_of("“We are ready,” read the statement.", "read") == "read"
    assert lemma_of("He read the statement slowly.", "read") is None


def test_the_leader_of_a_nation_is_its_president_or_prime_minister():
    text = (
        "Vale President Tom Berg said on Sunday that 31 soldiers died. Lune Prime Minister Ana Lopes "
        "disputed it. “It is a lie,” the Vale leader said. “We disagree,” the Lune leader said."
    )
    got = speakers(text)
    assert (got["It is a lie,"], got["We disagree,"]) == ("Tom Berg", "Ana Lopes")
    # a leader of something else is not the president
    assert speakers("Vale President Tom Berg spoke. “It is a lie,” the opposition leader said.")["It is a lie,"] is None


def test_he_after_a_titled_subject_with_of_is_that_subject_not_the_owner_named_after():
    text = (
        "Ana Lopes said Friday she had authorized force. Secretary of State Tom Berg called Lopes’s order "
        "“something I reject.” “The order is wrong,” he said Sunday."
    )
    assert speakers(text)["The order is wrong,"] == "Tom Berg"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Secretary of State Tom Berg", False),  # the title's own "of"
        ("Minister of Defence Tom Berg", False),
        ("the murder of Father Tom Berg", True),  # a preposition, then a title
        ("behind Tom Berg", True),
    ],
)
def test_object_of_preposition_passes_over_a_title_that_holds_of(text, expected):
    from newsfacts.extract.article import object_of_preposition

    assert object_of_preposition(text, text.index("Tom")) is expected


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # the owner in a subject is not the body that speaks
        ("France’s Lune news agency said the square had been “liberated” by police.", "liberated", "Lune news agency"),
        # a quote before "while Y verb" is in the clause of the cue before it
        (
            "Vale said it was “deeply saddened” by the “heinous attacks” while Lune reiterated “its rejection of war.”",
            "heinous attacks",
            "Vale",
        ),
        (
            "Vale said it was “deeply saddened” by the “heinous attacks” while Lune reiterated “its rejection of war.”",
            "its rejection of war.",
            "Lune",
        ),
    ],
)
def test_an_owner_does_not_speak_and_while_starts_another_clause(text, quote, expected):
    assert speakers(text)[quote] == expected


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # a quote in a participle phrase opening the sentence: the main clause's subject
        (
            "Likewise attributing the attack to “ADF rebels,” Tom Berg, coordinator of the local NGO, gave a toll.",
            "ADF rebels,",
            "Tom Berg",
        ),
        ("Describing the strike as “barbaric,” Ana Lopes urged allies to act.", "barbaric,", "Ana Lopes"),
        # a preposition ending in -ing is no participle
        ("Following the “special operation,” Vale annexed four regions.", "special operation,", None),
    ],
)
def test_a_quote_in_an_opening_participle_phrase(text, quote, expected):
    assert speakers(text)[quote] == expected


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # an employer, a role and a person after the cue: the person speaks
        (
            "“The threat never went away,” explains Vale Risks researcher Arran Kennedy.",
            "The threat never went away,",
            "Arran Kennedy",
        ),
        ("“It is bad,” said the Lune Post editor Tom Berg.", "It is bad,", "Tom Berg"),
        # a quote in an opening "While …" clause is that clause's: the main clause's cue is not it
        (
            "While Ana Lopes praised the officers for showing “exceptional restraint,” the Vale Commission issued a "
            "report, accusing officers of using force.",
            "exceptional restraint,",
            "Ana Lopes",
        ),
        # unnamed in the "While" clause: no speaker, not the commission of the main clause
        (
            "While the police praised their officers for showing “exceptional restraint,” the Vale Commission "
            "issued a damning report, accusing officers of using lethal force.",
            "exceptional restraint,",
            None,
        ),
    ],
)
def test_an_employer_before_a_role_and_a_quote_in_an_opening_while_clause(text, quote, expected):
    assert speakers(text)[quote] == expected


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # an age and where the speaker is from, each set off by commas, between the name and the cue
        (
            "“They were not here,” Andriy, 45, from the town of Oleshky, told the Lune Gazette.",
            "They were not here,",
            "Andriy",
        ),
        ("“It is bad,” Tom Berg, from the Vale Institute, said.", "It is bad,", "Tom Berg"),
    ],
)
def test_an_age_and_a_from_phrase_between_the_speaker_and_the_cue(text, quote, expected):
    assert speakers(text)[quote] == expected


@pytest.mark.parametrize(
    "text, quote, expected",
    [
        # no reporting verb: "the <body>" that opens the sentence is the body named before
        (
            "The International Crimes Tribunal sentenced Tom Berg. The tribunal found him the “principal architect”.",
            "principal architect",
            "International Crimes Tribunal",
        ),
        (
            "The Vale Regional Administration reported six dead. The regional administration put it at “seven dead”.",
            "seven dead",
            "Vale Regional Administration",
        ),
        # a body with its own complement is another one
        ("The Vale Police spoke. The ministry of health put the toll at “seven dead”.", "seven dead", None),
    ],
)
def test_a_body_described_at_the_start_of_a_sentence_without_a_cue(text, quote, expected):
    assert speakers(text)[quote] == expected


@pytest.mark.parametrize(
    "name, gender", [("Rand", None), ("Andrea", None), ("Nicola", None), ("John", "male"), ("Olena", "female")]
)
def test_a_given_name_male_in_one_country_and_female_in_another_has_no_gender(name, gender):
    from newsfacts.extract.names import given_name_gender

    assert given_name_gender(name) == gender


def test_he_can_be_a_man_whose_given_name_is_female_elsewhere():
    assert speakers("Senator Rand Paul spoke on Monday. “We will fight,” he said.")["We will fight,"] == "Rand Paul"


def test_the_gender_table_is_read_as_gender_guesser_reads_it_per_country():
    """`_wins_somewhere` reads gender-guesser's table in one pass; it must agree with asking
    get_gender(name, country) for each country, on names of every kind."""
    from newsfacts.extract.names import _gender_detector, _wins_somewhere

    detector = _gender_detector()
    for name in ["Andrea", "Nicola", "Rand", "Kim", "Jean", "Maria", "John", "Sasha", "Elia", "Robin", "Alexis"]:
        for gender in ("male", "female"):
            slow = any(detector.get_gender(name, country) == gender for country in detector.COUNTRIES)
            assert _wins_somewhere(detector.names[name.lower()], gender) == slow, (name, gender)


def test_a_subject_ending_in_a_preposition_is_no_description():
    """ "had been rescued by Sunday morning, told the chief": "rescued by" is no one (no claimant text)."""
    text = (
        "As many as 38 people, including six children, had been rescued by Sunday morning, told the regional "
        "council chief, Lukashuk."
    )
    art = analyse("t", text, (), None, {})
    index = QuoteIndex(find_quotes(text, art.segments))
    found = [resolve(art, s, i, lemma, index) for s in art.sentences for i, lemma in cues_in(s, index)]
    assert all(a is None or a.text != "rescued by" for a in found)


def test_a_place_named_alone_as_the_subject_speaks_for_its_government():
    """ "Kyiv called it “hellish”": a capital (a place in the gazetteer) that is the whole subject
    speaks; a place among other words does not ("Ballots in Kherson ask")."""
    for text in ("Kyiv called the attack “hellish.”", "It was the largest attack that Washington called “hellish.”"):
        assert list(speakers(text).values()) in (["Kyiv"], ["Washington"]), text
    assert speakers("Ballots in Kherson ask voters “yes or no.”") == {"yes or no.": None}


def test_a_name_after_who_is_the_subject_of_an_object_relative_clause():
    text = "Officers lean on colleagues in neighbouring Lunaria, who Tom Berg noted have “been through this before.”"
    assert rule_of(text, "noted") == ("Tom Berg", "speaker_before_cue")
    text = "Ilse Varga, who had been dining with friends, told AFP it was “awful.”"
    assert rule_of(text, "told")[0] == "Ilse Varga"


@pytest.mark.parametrize(
    "text",
    [
        "The report came out. It is also noted that “the forces have intensified attacks.”",
        "Lunaria was hit. It was reported that “nine people died.”",
        "It has been said that the vote was a “sham.”",
    ],
)
def test_a_passive_with_a_dummy_it_reports_no_one(text):
    assert next(iter(speakers(text).values())) is None
    cue = next(w for w in ("noted", "reported", "said") if w in text)
    with pytest.raises(AssertionError, match="no cue"):
        rule_of(text, cue)


def test_the_report_is_its_publishers_when_no_organisation_has_spoken():
    """ "according to the report": the organisation that published it in the sentences before
    ("Vale Watch has released a new report"), not the last organisation named ("attacks by the
    Lune Army"); one named inside a quotation publishes nothing."""
    text = (
        "Vale Watch, working with Lune Hounds, has released a new report on the siege. "
        "It documents 14 attacks by the Lune Army. "
        "The Lune Army “used explosive weapons” in the city, according to the report."
    )
    assert speakers(text) == {"used explosive weapons": "Vale Watch"}


def test_a_name_its_acronym_spells_out_is_an_organisation():
    """ "Inter-Vale Public Relations (IVPR)": four or more capitals spelled by the acronym after the
    name make it an organisation's even with no organisation word; not "Tom Berg (TB)"."""
    art = analyse("t", "Inter-Vale Public Relations (IVPR) said so. Tom Berg (TB) said so too.", (), None, {})
    kinds = {r.text: r.kind for r in art.refs}
    assert kinds["Inter-Vale Public Relations"] == kinds["IVPR"] == "organization"
    assert kinds["Tom Berg"] == "person"


def test_terms_is_a_noun_termed_a_label():
    with pytest.raises(AssertionError, match="no cue"):
        rule_of("Courts handed 60 civilians prison terms, known in military “terms” as punishments.", "terms")
    assert rule_of("Ilse Varga termed the vote a “sham.”", "termed")[0] == "Ilse Varga"


def test_a_main_clause_verb_does_not_take_a_quote_from_an_opening_while_clause():
    """ "While X’s statement specified … the “attack on guards”, Radio Vale also reported …": the
    quote is the statement's (its owner's), not the main clause's outlet's."""
    text = "While Tom Berg’s statement specified that guards died in the “attack on guards”, Radio Vale reported it."
    assert speakers(text) == {"attack on guards": "Tom Berg"}
    # a quote that opens the main clause is still the main clause's
    assert speakers("While in Vale, “we saw destruction,” Tom Berg said.") == {"we saw destruction,": "Tom Berg"}


def test_states_reports_before_a_colon_a_quote_or_that_after_a_document():
    text = "Vale Watch published its report. The report states: “the toll is likely underestimated.”"
    assert speakers(text) == {"the toll is likely underestimated.": "Vale Watch"}
    assert speakers("Vale Watch published its report. It states that the toll is “underestimated.”") == {
        "underestimated.": "Vale Watch"
    }
    assert speakers("Member states that backed the “sham” vote were named.") == {"sham": None}


def test_an_acronym_after_a_body_in_a_place_stands_for_the_body():
    """ "the Vale Monitoring Mission in Ukraine (VMMU)": the acronym spells the mission, not Ukraine."""
    art = analyse(
        "t", "This is in the report of the Vale Monitoring Mission in Ukraine (VMMU). VMMU said so.", (), None, {}
    )
    keys = {r.text: r.key for r in art.refs}
    assert keys["VMMU"] == keys["Vale Monitoring Mission"] != keys["Ukraine"]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Two children are said to be among the dead.", "are said"),
        ("At least 105 people were reported missing on Sunday.", "reported"),
        ("Ten more victims were added to the death toll on Monday.", "added"),
        ("The referendum was widely denounced as a sham.", "denounced"),
        ("“Is it over?” Tom Berg was asked.", "asked"),
    ],
)
def test_a_passive_reporting_verb_without_by_reports_no_one(text, cue):
    """Its subject is what is reported on (or who is asked), not who reports."""
    word = cue.split()[-1]
    with pytest.raises(AssertionError, match="no cue"):
        rule_of(text, word)


def test_a_passive_reporting_verb_with_its_agent_still_reports():
    assert speakers("The vote was denounced as a “sham” by Tom Berg.") == {"sham": "Tom Berg"}
    assert speakers("Tom Berg was reported as saying that the vote was a “sham.”") == {"sham.": "Tom Berg"}


def test_a_body_described_with_an_owner_is_a_specific_actor():
    """ "the military government’s information office": not the last organisation named (Vale Watch)."""
    text = (
        "Vale Watch said the strike killed 80. The military government’s information office confirmed the "
        "attack, calling it a “necessary operation”."
    )
    assert speakers(text) == {"necessary operation": "military government’s information office"}
    # another owner's office is its own, not the office named before
    text += " The Vale Nations’ office in Ukraine said it was “deeply concerned”."
    assert speakers(text)["deeply concerned"] == "Vale Nations’ office"


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "UN High Commissioner for Refugees Ilse Varga said so.",
            [("UN", "organization", None), ("Ilse Varga", "person", "high commissioner for refugees")],
        ),
        (
            "Special Rapporteur on Torture Ilse Varga said so.",
            [("Ilse Varga", "person", "special rapporteur on torture")],
        ),
        ("Prime Minister of Haiti Ariel Henry said so.", [("Ariel Henry", "person", "prime minister of haiti")]),
        ("The Center for Civil Liberties said so.", [("Center for Civil Liberties", "organization", None)]),
    ],
)
def test_a_title_with_a_complement_before_a_person_is_the_persons(text, names):
    """ "UN High Commissioner for Refugees X": the organisation, then X titled with the whole title
    and its complement (was one organisation "UN High Commissioner for Refugees X")."""
    assert _names(text) == names


def test_a_summary_is_a_document_and_a_caption_does_not_end_a_turn():
    """ "a summary of the report said" is the report's publisher's; "it said" after a photo credit
    is still the organisation that spoke in the paragraph before the credit (not the state named
    after "in")."""
    text = (
        "The Vale Rights Office called on the government in a new report to end the violence.\n\n"
        "“The focus on security has resulted in violations in Lunaria,” a summary of the report said.\n\n"
        "Photo: Reuters\n\n"
        "Many of the concerns “have become more acute,” it said."
    )
    got = speakers(text)
    assert got["The focus on security has resulted in violations in Lunaria,"] == "Vale Rights Office"
    assert got["have become more acute,"] == "Vale Rights Office"


def test_a_crosshead_quote_takes_the_speaker_of_the_quote_it_opens_below():
    text = (
        "Lune fired 60 missiles, air force spokesperson Tom Berg said.\n\n"
        "‘They want to destroy us’\n\n"
        "“They want to destroy us, and make us slaves,” said Ilse Varga, 53, a resident."
    )
    assert speakers(text)["They want to destroy us"] == "Ilse Varga"
    # a crosshead that the next paragraph does not open with keeps its own reading
    other = text.replace("‘They want to destroy us’", "‘A long night’")
    assert speakers(other)["A long night"] != "Ilse Varga"


def test_a_participle_shares_the_subject_of_a_clause_opened_by_a_conjunction():
    text = "The strikes came as Vale City Council escalated its rhetoric, saying Lunaria was “in a state of war”."
    assert speakers(text) == {"in a state of war": "Vale City Council"}


def test_they_after_two_people_named_together_is_the_one_the_attribution_named():
    text = (
        "Lune Radio reported the storm hit at night.\n\n"
        "Tom and Ilse Varga, owners of the barn, said they hid in a cooler.\n\n"
        "“Forever grateful to the customer,” they wrote."
    )
    assert speakers(text)["Forever grateful to the customer,"] == "Ilse Varga"
    # one person who spoke last is no "they": the organisation that spoke before stays
    alone = text.replace("Tom and Ilse Varga, owners", "Ilse Varga, owner")
    assert speakers(alone)["Forever grateful to the customer,"] == "Lune Radio"


def test_a_reporting_word_after_a_and_a_name_is_a_noun():
    with pytest.raises(AssertionError, match="no cue"):
        rule_of("The ministry said in a Telegram post that the vote was legal.", "post")
    assert rule_of("The Kremlin said the vote was legal.", "said")[0] == "Kremlin"


def test_a_lone_given_name_after_a_role_word_is_a_person():
    """ "army medic Ilse tends to a soldier. “…,” she remarks": Ilse, named alone after her role."""
    text = (
        "Military sources report 150 attacks a day. Army medic Ilse tends to a soldier. “It is serious,” she remarks."
    )
    assert speakers(text) == {"It is serious,": "Ilse"}


def test_according_to_a_lone_given_name_and_he_states():
    text = "According to Tomas, the situation has deteriorated. “This is the most dangerous front,” he states."
    assert speakers(text) == {"This is the most dangerous front,": "Tomas"}
    # a lone name that is no given name after "according to" is not made a person ("according to Pravda")
    text = "“We are ready,” Tom Berg said, according to Pravda. “We will win,” he said."
    assert speakers(text)["We will win,"] == "Tom Berg"


def test_quoted_as_saying_is_the_passives_subjects():
    text = '"The building houses offices," Tom Berg, head of the Vale police, was quoted as saying on Telegram.'
    assert rule_of(text, "saying") == ("Tom Berg", "speaker_before_cue")
    assert speakers("Ilse Varga was quoted as saying the vote was a “sham.”") == {"sham.": "Ilse Varga"}


def test_a_participle_right_after_a_quote_takes_the_last_speaker():
    text = (
        "The cleric Tom Berg said 215 students were abducted. But in another statement on Saturday, the cleric "
        "said 315 were abducted, noting that a check was made.\n\n"
        "“The total number of victims is now 303 students and 12 teachers,” adding that half the school was taken."
    )
    assert speakers(text) == {"The total number of victims is now 303 students and 12 teachers,": "Tom Berg"}


def test_a_count_opening_a_sentence_is_no_part_of_a_name():
    assert ("Sixteen Lunarian", "person", None) not in _names("Sixteen Lunarian soldiers were shot.")
    assert ("Lunarian", "person", None) in _names("Sixteen Lunarian soldiers were shot.")


@pytest.mark.parametrize(
    "text, quote, speaker",
    [
        (
            "Critics called it a stunt. Tom Berg, President of thinktank Vale Watch said it “helped little.”",
            "helped little.",
            "Tom Berg",
        ),
        (
            "Rescuers worked all night. “We saved two people,” said a rescuer, Oleksandr, 44.",
            "We saved two people,",
            "Oleksandr",
        ),
        ("The prosecutor Tom Berg spoke. The crimes, according to him, happen “every day.”", "every day.", "Tom Berg"),
    ],
)
def test_a_titled_appositive_an_age_at_the_sentence_end_and_according_to_him(text, quote, speaker):
    assert speakers(text)[quote] == speaker
