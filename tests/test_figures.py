"""Reading numbers and classifying figures, on sentences written for the test."""

import pytest

from newsfacts.extract.article import analyse
from newsfacts.extract.figures import find_figures
from newsfacts.extract.places import find_places


def figures(text):
    art = analyse("t", text, ())
    return [f for s in art.sentences for f in find_figures(text, s)]


def one(text):
    [f] = figures(text)
    return f


@pytest.mark.parametrize(
    "text,value,low,high,approx",
    [
        ("Shelling killed five people in the town.", 5, 5, 5, "exact"),
        ("Officials said 1,250 people were wounded.", 1250, 1250, 1250, "exact"),
        ("More than 50,000 people have fled the country.", 50000, 50000, None, "more_than"),
        ("At least 100,000 people crossed the border.", 100000, 100000, None, "at_least"),
        ("About 300,000 reservists were mobilised.", 300000, None, None, "about"),
        ("Up to 400 people were detained.", 400, None, 400, "up_to"),
        ("Twenty-five people were killed.", 25, 25, 25, "exact"),
        ("A hundred people were wounded overnight.", 100, 100, 100, "exact"),
        ("Some 2 million people have been displaced.", 2_000_000, None, None, "about"),
    ],
)
def test_counts_of_people(text, value, low, high, approx):
    f = one(text)
    assert (f.phrase.value, f.phrase.low, f.phrase.high, f.phrase.approx, f.phrase.unit) == (
        value,
        low,
        high,
        approx,
        "people",
    )


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("Dozens of people were killed.", 24, 99),
        ("Hundreds of thousands of people have fled the country.", 200_000, 999_999),
        ("Tens of thousands of people were displaced.", 20_000, 99_999),
    ],
)
def test_vague_quantities_map_to_bounds(text, low, high):
    f = one(text)
    assert (f.phrase.value, f.phrase.low, f.phrase.high, f.phrase.approx) == (None, low, high, "vague")


@pytest.mark.parametrize(
    "text,low,high,unit",
    [
        ("Between 10 and 20 people were killed.", 10, 20, "people"),
        ("Officials said 1,000 to 1,500 people were detained.", 1000, 1500, "people"),
        ("Shelling killed 30-40 people.", 30, 40, "people"),
        ("Between 60 and 70 percent of voters backed it, a poll found.", 60, 70, "percent"),
    ],
)
def test_ranges(text, low, high, unit):
    f = one(text)
    assert (f.phrase.value, f.phrase.low, f.phrase.high, f.phrase.approx, f.phrase.unit) == (
        None,
        low,
        high,
        "range",
        unit,
    )


def test_fractions_are_shares():
    f = one("Russia controls a third of the territory of the region.")
    assert (f.metric, f.phrase.unit, round(f.phrase.value, 2)) == ("territory_share", "percent", 33.33)


@pytest.mark.parametrize(
    "text,value,metric",
    [
        ("Officials said 87.05% of voters backed the proposal.", 87.05, "vote_share_for"),
        ("Officials said 93 per cent of the ballots supported joining.", 93, "vote_share_for"),
        ("The region makes up around 18 percent of the territory.", 18, "territory_share"),
        ("A poll found 16% of respondents agreed.", 16, "poll_share"),
        ("Turnout in the referendum was 76%, officials said.", 76, "turnout"),
        ("The district recorded 61% polling, officials said.", 61, "turnout"),  # as South Asian English writes it
        ("Polling stood at 59% in the first phase.", 59, "turnout"),
    ],
)
def test_percentages(text, value, metric):
    f = one(text)
    assert (f.phrase.value, f.phrase.unit, f.metric) == (value, "percent", metric)


@pytest.mark.parametrize(
    "text",
    [
        "The man, 29, was detained in the capital.",  # an age (no count of detained people)
        "A 59-year-old official voted on Friday.",  # an age
        "Voting began at 0500 GMT on Friday.",  # a time
        "The vote was held on 23 September after talks.",  # a date
        "The 1993 constitution forbids it.",  # a year
        "Four regions held votes over five days.",  # regions and a duration
        "The 1st Tank Regiment received new troops.",  # an ordinal
        "The Group of Seven condemned the vote.",  # a number inside a name
        "Hundreds of settlements were retaken.",  # not people
    ],
)
def test_not_figures(text):
    assert figures(text) == []


def test_metric_is_taken_from_the_nearest_word_in_the_clause():
    fs = figures("Rockets killed five people and wounded 10 others in Donetsk over the last 24 hours.")
    assert [(f.metric, f.phrase.value, f.subject) for f in fs] == [("killed", 5, "people"), ("wounded", 10, "others")]
    assert {f.period_text for f in fs} == {"over the last 24 hours"}
    assert {f.place_code for f in fs} == {"UA-14"}


def test_places_and_variants_map_to_iso_codes():
    codes = [p[3] for p in find_places("Lugansk, the LPR, Zaporozhye, the Kharkiv region, Crimea, Finland and Russia")]
    assert codes == ["UA-09", "UA-09", "UA-23", "UA-63", "UA-43", "FI", "RU"]
    codes = [p[3] for p in find_places("Sumy, the Odesa region, Kryvyi Rih, Lviv and the Belgorod region")]
    assert codes == ["UA-59", "UA-51", "UA-12", "UA-46", "RU-BEL"]


def test_each_share_takes_the_place_that_follows_it():
    fs = figures("Officials claimed 87% in Kherson, 93% in Zaporizhzhia and 98% in the LPR voted yes.")
    assert [(f.phrase.value, f.place_code) for f in fs] == [(87, "UA-65"), (93, "UA-23"), (98, "UA-09")]


def test_street_numbers_are_not_figures():
    assert [f.phrase.value for f in figures("Two were killed near 10 Downing Street.")] == [2]


# --- rules that generalise beyond the project's articles ---------------------------------


def test_metric_across_a_parenthetical_subset_and_the_subset_itself():
    fs = figures("At least 41 people, including seven children, have been killed in the blast.")
    assert [(f.phrase.value, f.metric, f.rule) for f in fs] == [
        (41, "killed", "people_keyword"),
        (7, "killed", "subset"),
    ]


def test_coordinated_counts_share_the_metric():
    fs = figures("The dead include 12 children and 30 women.")
    assert [(f.phrase.value, f.metric) for f in fs] == [(12, "killed"), (30, "killed")]


def test_death_toll_far_before_the_number():
    [f] = figures("The death toll from the floods in the northern valley towns rose on Sunday to 412.")
    assert (f.phrase.value, f.metric) == (412, "killed")


@pytest.mark.parametrize(
    "text,metric",
    [
        ("At least 18 people are still missing.", "missing"),
        ("Some 2,300 residents were evacuated overnight.", "evacuated"),
        ("The agency counted 5,000 refugees at the camp.", "refugees"),
        ("Both sides exchanged 95 prisoners of war.", "prisoners_exchanged"),
        ("As many as 38 people were killed.", "killed"),
        ("Gunmen murdered 12 villagers at dawn.", "killed"),
        ("Police apprehended 40 suspects near the port.", "detained"),
        ("More than 1,200 migrants arrived on the island overnight.", "crossed_border"),
        ("About 3,000 families were uprooted by the fighting.", "displaced"),
    ],
)
def test_more_metrics(text, metric):
    assert one(text).metric == metric


@pytest.mark.parametrize(
    "text",
    [
        "A magnitude 6.3 earthquake killed people in the west.",  # a magnitude, not a count
        "A man was killed and a woman wounded.",  # the article "a" is not 1
        "One of the wounded died in hospital.",  # a singular mention
        "The candidate fell short of the 50% threshold needed to win the vote.",
        "Six residential buildings were destroyed and people were injured.",
    ],
)
def test_more_not_figures(text):
    assert figures(text) == []


def test_a_count_listed_before_another_shares_its_metric():
    fs = figures("Hundreds of protesters, reform activists and 17 journalists were arrested.")
    assert [(f.phrase.value, f.metric, f.rule) for f in fs] == [
        (None, "detained", "coordinated"),
        (17, "detained", "people_keyword"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The number of fatalities from the deadly valley fire remains at 115 this week.", [(115, "killed")]),
        ("The death toll in the three-train crash on Friday was revised to 275.", [(275, "killed")]),
        ("Report of 2023-09-09: 40 people were killed.", [(40, "killed")]),
        ("At least 370 people are missing in the city of about 300,000 residents.", [(370, "missing")]),
        ("Of these patients, 23 are in critical condition.", [(23, "wounded")]),
    ],
)
def test_compounds_dates_and_populations_are_not_counts_and_tallies_reach_far(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Gangs attacked two neighborhoods in a rampage that left at least a dozen people dead.", [(12, "killed")]),
        ("Two dozen people were injured.", [(24, "wounded")]),
        ("The returned prisoners consisted of 202 enlisted men.", [(202, "prisoners_exchanged")]),
        ("More than 200 soldiers have been released by the other side.", [(200, "prisoners_exchanged")]),
    ],
)
def test_dozens_prisoners_and_what_an_attack_left(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("They are among more than half a million people who have crossed the border.", [(500000, "crossed_border")]),
        ("Four members of a Kurdish-led security force in the north were killed on Thursday.", [(4, "killed")]),
        ("The first explosion was 700 meters from the grave.", []),
        ("His brother, Hallel Yaniv, 22 — a student — was wounded.", []),
        ("The governor said six “bandits” had been “liquidated.”", [(6, "killed")]),
    ],
)
def test_half_a_million_long_subjects_distances_ages_and_liquidated(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


def test_counts_of_vehicles_and_supplies_are_not_people():
    assert figures("Some 40 trucks and 12 boats carrying aid arrived at the port.") == []


def test_a_hundred_is_still_a_number():
    assert one("A thousand people were evacuated.").phrase.value == 1000


def test_other_counts_and_a_subset_inside_a_quote():
    fs = figures("Gunmen kidnapped 14 aid workers. Police arrested nine men, including “three minors.”")
    assert [(f.phrase.value, f.metric, f.category) for f in fs] == [
        (14, "other", "other"),
        (9, "detained", "mobilization"),
        (3, "detained", "mobilization"),
    ]


def test_words_restated_in_digits_are_one_figure_and_lists_share_the_metric():
    [f] = figures("Records show that twelve (12) people have died.")
    assert (f.phrase.value, f.metric, f.start) == (12, "killed", 26)
    fs = figures("The dead are from Lune (7), Arden (3) and Vale (2).")
    assert [(f.phrase.value, f.metric) for f in fs] == [(7, "killed"), (3, "killed"), (2, "killed")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Many people were killed in the raid.", [(None, None, None, "killed")]),
        ("Numerous others were injured in the blast.", [(None, None, None, "wounded")]),
        ("The shelling left multiple people injured.", [(None, None, None, "wounded")]),
        ("Tens of people were detained.", [(None, 20, 99, "detained")]),
        # a degree or a question, not a count
        ("As many as 38 people were killed.", [(38, None, 38, "killed")]),
        ("Nobody knows how many people were killed.", []),
        ("In many cases the wounded were not treated.", []),
    ],
)
def test_many_numerous_and_multiple_are_vague_counts(text, found):
    assert [(f.phrase.value, f.phrase.low, f.phrase.high, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a count in a place is still people ("in" ends the look for what is counted)
        ("The toll stands at 205, including 202 in Lune province.", [(205, "killed"), (202, "killed")]),
        ("Six buildings in the city were destroyed.", []),
        # a capitalised number word after a dateline's digits opens the sentence
        ("date 2022-07-20 Eight tourists died in the attack.", [(8, "killed")]),
        ("Leaders of the Group of Seven met in Lune.", []),
        # a singular that counts no people does not stop the look for the metric
        ("Five members of one family died.", [(5, "killed")]),
        ("Five people were killed and one wounded.", [(5, "killed")]),
        # "X, totalling N": the noun before the comma
        ("The abductees, totalling 287, include some pupils.", [(287, "other")]),
        # "handed over N": the verb's particle is not "more than"
        ("Both sides handed over 40 captives.", [(40, "prisoners_exchanged")]),
    ],
)
def test_places_datelines_singulars_totals_and_particles(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


def test_handed_over_is_an_exact_count():
    assert one("Both sides handed over 40 captives.").phrase.approx == "exact"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a count of people takes the nearest metric word of its sentence when none is near it
        (
            "The attack on the market in the old town of Lune, which lasted for several hours on Sunday "
            "according to witnesses at the scene, claimed 12 civilians, officials in the region said after "
            "the funeral of the dead.",
            [(12, "killed")],
        ),
        (
            "Gunmen stormed the camp where 30 Lunians and their families had sought shelter, killing them.",
            [(30, "killed")],
        ),
        # people who live somewhere, or who speak, are not figures
        ("About 12 million people live in the districts hit by the floods.", []),
        ("Lune is home to around a million refugees.", []),
        ("Two doctors said dozens of people were killed.", [(None, "killed")]),
        ("A car bomb exploded, claiming at least five lives.", [(5, "killed")]),
    ],
)
def test_a_count_of_people_takes_its_sentence_metric_but_not_residents_or_sources(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a tally goes on past entries of one (which are not listed)
        (
            "The dead are from Lune (7), Arden (1), Vale (3) and Mere (2).",
            [(7, "killed"), (3, "killed"), (2, "killed")],
        ),
        # two number words in a row are two numbers
        ("Her two three-year-old grandsons were among those killed.", [(2, "killed")]),
        # a dateline's day before a vague quantity does not multiply it
        ("date 2024-05-01 Dozens of protesters were arrested in Lune.", [(None, "detained")]),
        # an apposition between dashes is skipped on the way to the metric word
        (
            "Hours later two settlers — brothers Ari Lind, 20, and Ben Lind, 22 — were shot dead near Lune.",
            [(2, "killed")],
        ),
    ],
)
def test_tallies_past_singulars_number_words_datelines_and_dashes(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Officials expect 40 more people to die.", "killed"),
        ("The storm left 12 victims in Lune.", "killed"),
        ("Police say 12 people were fatally shot.", "killed"),
        ("Nine workers were maimed in the blast.", "wounded"),
        ("A court sentenced 14 protesters on Monday.", "detained"),
        ("The sides repatriated 90 soldiers.", "prisoners_exchanged"),
        ("About 300 migrants landed on the island.", "crossed_border"),
        ("Officials began to evacuate 2,000 residents.", "evacuated"),
        ("More than 5,000 villagers were relocated.", "displaced"),
    ],
)
def test_more_casualty_and_displacement_words(text, metric):
    assert one(text).metric == metric


def test_a_revised_count_keeps_the_metric_of_the_count_before():
    fs = figures("Officials confirmed 92 deaths and, later, the figure was raised to 99.")
    assert [(f.phrase.value, f.metric, f.rule) for f in fs] == [
        (92, "killed", "people_keyword"),
        (99, "killed", "revised"),
    ]
    assert [f.metric for f in figures("The mayor reported the disembarkation of 200 people.")] == ["crossed_border"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Several dozen people were wounded.", [(None, 36, 99, "wounded")]),
        ("A handful of people were injured.", [(None, None, None, "wounded")]),
        ("Some 1.5m people fled.", [(1_500_000, None, None, "fled_country")]),
        ("About 12k people fled.", [(12_000, None, None, "fled_country")]),
        ("A 20m wall fell on 3 people, killing them.", [(3, 3, 3, "killed")]),  # metres, not millions
    ],
)
def test_several_dozen_a_handful_and_abbreviated_millions(text, found):
    assert [(f.phrase.value, f.phrase.low, f.phrase.high, f.metric) for f in figures(text)] == found


def test_a_parents_family_size_is_no_figure():
    assert figures("“I am home,” said Omar, 50, a teacher and father of five, as he arrived in the city.") == []
    # a count of people after "of" elsewhere still is one
    assert [f.phrase.value for f in figures("The bodies of five people were found.")] == [5]


def test_counts_of_blasts_attacks_and_colleges_count_no_people():
    assert [(f.phrase.value, f.metric) for f in figures("Two explosions killed 73 people.")] == [(73, "killed")]
    assert [f.phrase.value for f in figures("More than 300 people died in three series of attacks.")] == [300]
    text = "The bodies of the victims were taken to three government medical colleges."
    assert figures(text) == []


def test_people_who_speak_are_a_source_however_far_their_verb():
    text = "Two doctors and a nurse in the capital, Port Vell, said they could not confirm how many had died."
    assert figures(text) == []
    # the same people as victims, before a reporting verb that follows the metric word
    assert [(f.phrase.value, f.metric) for f in figures("Two doctors were killed, officials said.")] == [(2, "killed")]


def test_a_tally_that_rose_to_a_value_takes_its_metric_however_far_the_tally_noun():
    text = "The death toll from the attack on a mosque in the old quarter of Port Vell a day earlier rose to 62."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(62, "killed")]
    text = "The number of people displaced by the floods in the three northern provinces has climbed to 12,000."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(12000, "displaced")]
    # without a tally noun, no metric word is found that far back
    text = "The storm that hit the old quarter of Port Vell on a quiet Sunday morning a day earlier rose to 62."
    assert figures(text) == []


def test_a_share_of_people_takes_the_metric_word_near_it():
    text = "That means 14 million people, 27% of the population, are subject to conscription."
    assert [(f.phrase.value, f.phrase.unit, f.metric) for f in figures(text)] == [
        (14_000_000, "people", "mobilized"),
        (27, "percent", "mobilized"),
    ]
    assert [(f.phrase.value, f.metric) for f in figures("About 80 percent of those who crossed were women.")] == [
        (80, "crossed_border")
    ]
    # a chance, a fraction in words and a price are no share of people
    assert figures("If someone came out, they had a 99% chance of dying.") == []
    assert figures("The victims were nearly a third of those killed.") == []
    assert figures("Prices rose 20% last year.") == []


def test_enlisting_is_mobilisation():
    text = "The junta is calling on around 60,000 a year to enlist."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(60000, "mobilized")]


def test_whereabouts_unknown_is_missing_and_burned_alive_is_killed():
    text = "Officials are struggling to pinpoint the whereabouts of dozens in the wreckage."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(None, "missing")]
    text = "I saw between 50 and 54 people burned alive."
    assert [(f.phrase.low, f.phrase.high, f.metric) for f in figures(text)] == [(50, 54, "killed")]
    assert figures("They found 12 people alive.") == []


@pytest.mark.parametrize(
    ("text", "evidence", "value", "low", "high"),
    [
        ("No fewer than 30 people were injured.", "No fewer than 30", 30, 30, None),
        ("In excess of 40 people were injured.", "In excess of 40", 40, 40, None),
        ("Close to 500 people were injured.", "Close to 500", 500, None, None),
        ("A few hundred people were injured.", "A few hundred", None, 200, 999),
        ("About 3m people fled the country.", "About 3m", 3_000_000, None, None),
        ("Fewer than 30 people were injured.", "Fewer than 30", 30, None, 30),
    ],
)
def test_qualifiers_and_vague_hundreds(text, evidence, value, low, high):
    f = one(text)
    assert (text[f.start : f.end], f.phrase.value, f.phrase.low, f.phrase.high) == (evidence, value, low, high)


def test_people_forced_from_or_fleeing_their_homes_are_displaced_not_refugees():
    assert [(f.phrase.value, f.metric) for f in figures("More than 1,000 people were forced from their homes.")] == [
        (1000, "displaced")
    ]
    assert [(f.phrase.value, f.metric) for f in figures("About 2,000 people fled to Poland.")] == [
        (2000, "fled_country")
    ]


def test_a_name_set_off_by_commas_does_not_count_towards_the_distance_to_the_metric_word():
    text = "There are 10,000 Russians that the interior minister, Ilse Varga, said on Tuesday were entering daily."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(10000, "crossed_border")]


def test_a_part_of_the_next_count_shares_its_metric():
    text = "The family are just three of the 10,000 Lunarians who are crossing the border daily."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(3, "crossed_border"), (10000, "crossed_border")]


def test_a_tally_restated_without_a_metric_word_takes_the_figure_before():
    from newsfacts.extract import extract

    text = (
        "The election had a voter turnout of only 41.8 per cent. "
        "“According to the final count, the figure stands at 41.8 per cent,” the commissioner said."
    )
    assert [(f["text"], f["metric"]) for f in extract("t", text, [], ())["figures"]] == [
        ("41.8 per cent", "turnout"),
        ("41.8 per cent", "turnout"),
    ]
    # with no figure before it, the tally is no figure
    assert extract("t", "The figure stands at 41.8 per cent.", [], ())["figures"] == []


def test_a_total_brought_to_a_new_value_takes_the_figure_before():
    text = "Ten bodies were pulled from the river, bringing the total to 34."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(10, "bodies_exhumed"), (34, "bodies_exhumed")]
    # the verb must bring the tally to its value
    assert [f.phrase.value for f in figures("Ten bodies were found; the total cost came to 34.")] == [10]


def test_people_treated_are_wounded():
    assert [(f.phrase.value, f.metric) for f in figures("Clinics treated more than 300 people for burns.")] == [
        (300, "wounded")
    ]


def test_deportations_cross_a_border_and_stabbings_wound():
    text = "More than 24,000 Lunarians were deported from Port Vell last month."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(24000, "crossed_border")]
    assert [(f.phrase.value, f.metric) for f in figures("Three people were stabbed outside the hall.")] == [
        (3, "wounded")
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a tally after a colon, entry by entry
        (
            "The toll rose to 724 dead: 500 in the South, 100 in Grand Lune, 122 in Nippes and 2 in the North.",
            [(724, "killed"), (500, "killed"), (100, "killed"), (122, "killed"), (2, "killed")],
        ),
        # "and N" repeating the figure's noun
        (
            "The morgue received 135 bodies on Tuesday and 128 on Monday.",
            [(135, "bodies_exhumed"), (128, "bodies_exhumed")],
        ),
        # a spaced dash after a dateline is no date
        ("PORT VELL - More than 40 people died on Thursday.", [(40, "killed")]),
        # a change, not a range
        (
            "The toll climbed from 558 to 569, with 1,800 others wounded.",
            [(558, "killed"), (569, "killed"), (1800, "wounded")],
        ),
        ("Another 35 are undergoing treatment.", [(35, "wounded")]),
        # South Asian numbering
        ("In all 3.2 lakh people were evacuated.", [(320_000, "evacuated")]),
    ],
)
def test_tallies_changes_and_lakhs(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


def test_a_sentence_opening_among_them_counts_part_of_the_figure_before():
    from newsfacts.extract import extract

    text = "Storms have killed at least 21 people, police said. Among them were three children struck by lightning."
    assert [(f["value"], f["metric"]) for f in extract("t", text, [], ())["figures"]] == [(21, "killed"), (3, "killed")]


def test_a_day_of_a_month_does_not_open_a_range_with_the_count_after_it():
    text = "The toll rose on August 15 to 724 dead: 500 in the South and 224 in the North."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(724, "killed"), (500, "killed"), (224, "killed")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The injured will receive ₹10 lakh each, the families $5,000.", []),  # money
        ("The mercury crossed 40 degrees Celsius.", []),  # a temperature
        ("The floods left more than 4 million people stranded.", []),  # "left" says what was done to them
        ("The blast left 12 people dead.", [(12, "killed")]),
        ("About 2,000 people left the country.", [(2000, "fled_country")]),
    ],
)
def test_money_temperatures_and_what_left_means(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "evidence", "value", "low", "approx"),
    [
        ("150-odd people were injured.", "150-odd", 150, None, "about"),
        ("Some 1,000-plus people were injured.", "Some 1,000-plus", 1000, 1000, "more_than"),
        ("Several dozens of people were injured.", "Several dozens", None, 36, "vague"),
    ],
)
def test_odd_plus_and_plural_dozens(text, evidence, value, low, approx):
    f = one(text)
    assert (text[f.start : f.end], f.phrase.value, f.phrase.low, f.phrase.approx) == (evidence, value, low, approx)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The death toll – 37 so far – has yet to be confirmed.", [(37, "killed")]),
        ("105 people were missing on Sunday, up from about 70 the prior day.", [(105, "missing"), (70, "missing")]),
        ("About 70 a day are crossing the border.", [(70, "crossed_border")]),
        ("Six residential buildings were destroyed.", []),
    ],
)
def test_a_tally_set_off_by_dashes_an_old_value_and_a_rate(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("“We have lost 30 of our men,” the commander said.", [(30, "killed")]),
        ("The battalion lost five soldiers on Monday.", [(5, "killed")]),
        ("The party lost 30 seats.", []),  # not people
        ("Thirty-one did not survive.", [(31, "killed")]),
        ("Twenty people remain in hospital.", [(20, "wounded")]),
        ("Twelve were taken to hospitals in the capital.", [(12, "wounded")]),
        ("Seven are in a serious condition.", [(7, "wounded")]),
        ("Two doctors at the hospital said 40 people were brought in.", []),  # a source, and no metric
    ],
)
def test_lost_men_did_not_survive_and_in_hospital(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Five children aged 4 were killed.", [(5, "killed")]),
        ("The victims were aged between 20 and 35.", []),
        ("The 23 victims ranged in age from 4 to 80.", [(23, "killed")]),
        ("Of the dead, 20 were soldiers.", [(20, "killed")]),
        ("Of the visitors, 20 were soldiers.", []),  # no metric word in the opening group
    ],
)
def test_ages_are_no_counts_and_an_opening_group_gives_its_metric(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A gunman shot 12 people at a school.", [(12, "wounded")]),
        ("Twelve people were shot dead.", [(12, "killed")]),
        ("Troops shot down 3 drones.", []),
    ],
)
def test_people_shot_are_wounded_and_shot_dead_killed(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("21 of our brothers were sent to the hospital.", [(21, "wounded")]),
        ("Three of them are in intensive care.", [(3, "wounded")]),
        ("Twenty people sought medical help after the blast.", [(20, "wounded")]),
        ("The clinic has 20 medical staff.", []),
        ("There have been thirty-two (32) cases of enforced disappearances.", [(32, "missing")]),
        ("The sector recorded 1,900 migrant apprehensions on Friday.", [(1900, "detained")]),
        ("Crossings fell after Title 42 ended.", []),  # a number that is part of a name
        ("At least 100 people died when Flight 370 vanished.", [(100, "killed")]),
        ("Twelve people including four children were killed.", [(12, "killed"), (4, "killed")]),
    ],
)
def test_hospitals_apprehensions_names_with_numbers_and_subsets_without_commas(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Lunov received more than 16 million votes and Marsh more than 13 million"
            " out of about 30 million votes cast.",
            [(16e6, "vote_share_for"), (13e6, "vote_share_for"), (30e6, "turnout")],
        ),
        ("In all, 7,820,204 citizens cast their ballots.", [(7820204, "turnout")]),
        (
            "Conversely, 2,045,271 people, or 26.15%, voted against.",
            [(2045271, "vote_share_for"), (26.15, "vote_share_for")],
        ),
        ("Out of the total votes, 130,267 ballots were deemed invalid.", []),  # ballots are things
        ("About 2,000 people gathered in the square.", []),  # people present, no vote
        ("In the rigged voting, many residents said soldiers forced them to vote.", []),  # no count of votes
        ("Some 2,000 people said they voted for him.", []),  # a source, not a tally
    ],
)
def test_counts_of_votes(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "At least 19 people were killed in an attack at a centre where hundreds of students were preparing.",
            [(19, "killed")],
        ),
        (
            "Of the 54 deaths, 20 were reported from Lunby, followed by 15 in Marsh and 6 in Vell.",
            [(54, "killed"), (20, "killed"), (15, "killed"), (6, "killed")],
        ),
        ("We had 49 workers in the risky area, 21 of our workers were sent to hospital.", [(21, "wounded")]),
        (
            "Some 1.2 million people were evacuated, including 3.2 lakh from Lunby and 1.3 lakh from Marsh.",
            [(1.2e6, "evacuated"), (320_000, "evacuated"), (130_000, "evacuated")],
        ),
    ],
)
def test_relative_clauses_tallies_followed_by_and_lists(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A group of 20 civilians are leaving the steelworks.", [(20, "fled_country")]),
        ("Twenty civilians have been transferred to a safe place.", [(20, "evacuated")]),
        ("The strike killed 5 people leaving a mosque.", [(5, "killed")]),  # another metric word wins
        ("Some 25 civilians had quit the site by Saturday.", [(25, "fled_country")]),
    ],
)
def test_people_leaving_a_place_and_transferred(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("At least 5 dead after missile fragments scatter over a beach", [(5, "killed")]),
        ("Five were killed and over 100 injured when missile fragments fell.", [(5, "killed"), (100, "wounded")]),
        ("He said two arrest warrants had helped.", []),  # a metric word before a noun of things
        ("The ministry said 91 of them were shot down.", []),
        ("Lunaria gained the release of five commanders.", [(5, "prisoners_exchanged")]),
        ("More than 2,000 defenders marched into captivity.", [(2000, "detained")]),
        ("The country has managed to return 387 children.", [(387, "crossed_border")]),
        ("Troops returned fire, killing 5 people.", [(5, "killed")]),  # another metric word wins
        ("Eight children were brought back to the country on Wednesday.", [(8, "crossed_border")]),
        ("Both sides each handed over 205 captured soldiers.", [(205, "prisoners_exchanged")]),
        ("About 400 children have been flown to the mainland.", [(400, "evacuated")]),
        ("The army airlifted 300 people out of the valley.", [(300, "evacuated")]),
    ],
)
def test_counts_before_objects_returns_releases_and_captivity(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


def test_a_range_with_one_scale_word_has_it_on_both_ends():
    [f] = figures("Some 12-13 million people fled.")
    assert (f.phrase.low, f.phrase.high) == (12e6, 13e6)
    [f] = figures("Between 200 and 300 people fled.")
    assert (f.phrase.low, f.phrase.high) == (200, 300)


def test_a_tally_reaching_a_value_takes_the_metric_of_its_sentence():
    text = "The number of missing persons has more than doubled, reaching almost 50,000 today."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(50000, "missing")]
    assert figures("Prices rose, reaching 50 dollars.") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Another four rescuers, eight police officers and three civilians were injured.",
            [(4, "wounded"), (8, "wounded"), (3, "wounded")],
        ),
        ("The death toll after a drone strike on a block in Vell rose to 10 on Sunday.", [(10, "killed")]),
        ("A court handed down prison sentences to 12 members of the unit.", [(12, "detained")]),
        ("Day 229: the missile terror goes on", []),
        ("The number of casualties has risen to 160.", [(160, "other")]),
        ("Their losses in the battle exceeded 2,500 men.", [(2500, "other")]),
        ("Losses of 300 tanks were reported.", []),
        ("There are now 3.7 million IDPs in the country.", [(3.7e6, "displaced")]),
        ("Some 2,000 asylum seekers were registered.", [(2000, "refugees")]),
        ("The floods left 3,000 people without homes.", [(3000, "displaced")]),
        ("Some 500 families lost their homes.", [(500, "displaced")]),
        ("Five people died in their homes.", [(5, "killed")]),
        ("Some 300 people were taken out of the village.", [(300, "evacuated")]),
        ("Rescuers pulled out 12 bodies.", [(12, "bodies_exhumed")]),  # the nearer word wins
        ("At least 119 detainees walked free.", [(119, "detained")]),
        (
            "Officials said 40 paratroopers from the brigade, which fought near the airport for weeks, were killed.",
            [(40, "killed")],
        ),
        ("Tens of thousands trek to the north on foot.", [(None, "displaced")]),
        ("A number of people were injured.", [(None, "wounded")]),
        ("People have left in large numbers.", [(None, "fled_country")]),
        ("The number of people killed rose to 40.", [(40, "killed")]),
        ("A number of buildings were destroyed.", []),
    ],
)
def test_lists_of_counts_revised_tallies_sentences_and_days(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


def test_they_included_counts_part_of_the_figure_before():
    from newsfacts.extract import extract

    text = "The court sentenced 11 people in absentia. They included nine women who worked as cooks."
    assert [(f["value"], f["metric"]) for f in extract("t", text, [], ())["figures"]] == [
        (11, "detained"),
        (9, "detained"),
    ]
    assert [f["value"] for f in extract("t", "They included nine women who worked as cooks.", [], ())["figures"]] == []


def test_more_people_take_the_metric_of_the_count_before():
    from newsfacts.extract import extract

    text = "Seven soldiers were killed in Gao. Another 12 soldiers in Timbuktu."
    assert [(f["value"], f["metric"]) for f in extract("t", text, [], ())["figures"]] == [(7, "killed"), (12, "killed")]
    text = "Seven soldiers were killed in Gao. He said two more buildings collapsed."
    assert [f["value"] for f in extract("t", text, [], ())["figures"]] == [7]


@pytest.mark.parametrize(
    "text, low, high",
    [
        # after "between" or "from", a range may be written in words at either end
        ("Officials said that between six and 10 bodies have been recovered.", 6, 10),
        ("From five to ten people died each day.", 5, 10),
        ("Between 2,000 and 3,000 people fled.", 2000, 3000),
    ],
)
def test_a_range_after_between_or_from_with_number_words(text, low, high):
    f = one(text)
    assert (f.phrase.approx, f.phrase.low, f.phrase.high) == ("range", low, high)


def test_a_change_from_one_number_to_another_is_two_numbers():
    assert [f.phrase.value for f in figures("The toll rose from five to ten dead.")] == [5, 10]


@pytest.mark.parametrize(
    "text", ["The participation rate was 41.13%, the lowest ever.", "Voter participation reached 61%."]
)
def test_a_participation_rate_is_turnout(text):
    assert one(text).metric == "turnout"


def test_ballots_cast_are_all_votes_and_ballots_alone_are_none():
    f = one("Samia won nearly all of the 32 million ballots cast in the election.")
    assert (f.phrase.value, f.metric) == (32_000_000, "turnout")
    assert figures("Officials printed 5 million ballots.") == []


def test_a_death_toll_given_as_a_number():
    f = one("Authorities previously gave the civilian death toll as 26.")
    assert (f.phrase.value, f.metric) == (26, "killed")


@pytest.mark.parametrize(
    "text, values",
    [
        # counties and districts are places counted, not people
        ("The commission documented 37 arrests across seventeen counties.", [37]),
        # the second day of a month named before the first is a date (not "August 15 to 724 dead")
        ("A group of 128 Cubans who joined protests on July 11 and 12 were sentenced.", [128]),
        ("The toll rose on August 15 to 724 dead.", [724]),
        # an age after "now", set off by a comma
        ("The court sentenced the former minister, now 78 and in exile, over a crackdown that killed 1,400.", [1400]),
    ],
)
def test_places_counted_a_second_day_and_an_age_after_now_are_not_counts(text, values):
    assert [f.phrase.value for f in figures(text)] == values


def test_shares_listed_for_names_take_the_metric_of_the_first():
    """ "Vale district led the turnout chart with 62.46%, followed by Lune district at 57.84% and
    Tarn at 55.96%": each share given "at" a name after the first takes its metric; a share of
    something else after "at" with no name before it does not."""
    text = "Vale district led the turnout chart with 62.46%, followed by Lune district at 57.84% and Tarn at 55.96%."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [
        (62.46, "turnout"),
        (57.84, "turnout"),
        (55.96, "turnout"),
    ]
    assert [f.phrase.value for f in figures("Turnout was 61% on Monday, while inflation stood at 5%.")] == [61]
    assert [f.phrase.value for f in figures("Polling stations opened at 7am and 40% of them had no power.")] == []


def test_a_part_set_off_by_a_dash_takes_the_metric_of_the_count_before():
    text = "Attacks left at least eight dead in Lunaria on Monday – four in the capital – and cut power."
    assert [(f.phrase.value, f.metric, f.rule) for f in figures(text)] == [
        (8, "killed", "people_keyword"),
        (4, "killed", "subset"),
    ]
    assert [f.phrase.value for f in figures("The strike killed 20 people – 10 days after the truce.")] == [20]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Eleven people were killed and another dozen were wounded.", [(11, "killed"), (12, "wounded")]),
        ("Three people declined hospitalization.", [(3, "wounded")]),
        (
            "Reports put the death toll at around 60, but later tallies raised it to about 80.",
            [(60, "killed"), (80, "killed")],
        ),
    ],
)
def test_another_dozen_hospitalization_and_a_toll_raised_to(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("There are 5608 registered uncontactable people in Vale.", [(5608, "missing")]),
    ],
)
def test_uncontactable_people_are_missing(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


def test_n_of_them_is_a_part_of_the_count_of_the_sentence_before():
    from newsfacts.extract import extract

    text = "There are 5608 uncontactable people. Police are most concerned for around 10 of them, Tom Berg said."
    rows = extract("t", text, [], ())["figures"]
    assert [(r["value"], r["metric"], r["rule"]) for r in rows] == [
        (5608, "missing", "figure/people_keyword"),
        (10, "missing", "figure/subset"),
    ]


@pytest.mark.parametrize(
    "text, found",
    [
        (
            "Varga won with 56.6 percent against 41.6 percent for Tom Berg.",
            [(56.6, "vote_share_for"), (41.6, "vote_share_for")],
        ),
        ("Gunmen kidnap over 315 students and teachers in Vale.", [(315, "other")]),
    ],
)
def test_a_share_that_won_is_a_vote_share_and_kidnap_counts(text, found):
    assert [(f.phrase.value, f.metric) for f in figures(text)] == found


def test_garnered_shares_are_vote_shares_also_with_a_space_before_the_sign():
    text = "She garnered 56.1 %, as opposed to Tom Berg’s 31 %."
    assert [(f.phrase.value, f.metric) for f in figures(text)] == [(56.1, "vote_share_for"), (31, "vote_share_for")]
