"""The out-of-sample scorer (newsfacts evaluate) on invented excerpts and keys."""

import pytest

from newsfacts.publish.evaluate import Counts, evaluate_excerpt, half_of, key_bounds, names_match


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),  # a spelling variant
        ("Grossi", "Rafael Grossi", True),  # a surname alone
        ("Red Crescent", "Palestinian Red Crescent", True),  # a run of two words
        ("AFP", "AFP news agency", True),  # generic organisation words
        ("Russia’s defense ministry", "Russian Ministry of Defense", True),  # other order and form
        ("Mali’s army", "Malian army", True),
        ("Russian army", "Russian Ministry of Defense", False),
        ("Rafael Grossi", "Rafael Nadal", False),
        ("Red", "Palestinian Red Crescent", False),  # one word that is not the surname
        ("WSJ", "Wall Street Journal", True),  # an acronym of the other's words
        ("UNHCR", "United Nations High Commissioner for Refugees", True),
        ("WSJ", "Washington Post", False),
        (None, None, True),
        ("Grossi", None, False),
    ],
)
def test_names_match(predicted, gold, same):
    assert names_match(predicted, gold) is same


def test_halves_are_blocks_of_six():
    assert [half_of(f"d{n:02d}") for n in (1, 6, 7, 12, 13, 25, 31, 48)] == [
        "develop",
        "develop",
        "check",
        "check",
        "develop",
        "develop",
        "check",
        "check",
    ]


@pytest.mark.parametrize(
    ("item", "bounds"),
    [
        ({"evidence": "23", "value": 23}, (23, 23, 23)),  # an exact count: low = value = high
        ({"evidence": "at least 23", "value": 23, "low": 23}, (23, 23, None)),
        ({"evidence": "about 300", "value": 300}, (300, None, None)),
        ({"evidence": "thousands", "value": None}, (None, None, None)),
    ],
)
def test_key_bounds_in_the_project_convention(item, bounds):
    assert key_bounds(item) == bounds


TEXT = "“We will rebuild,” said Mayor Ilse Varga. Floods killed 40 people and thousands fled, she said."
KEY = {
    "quotes": [{"text": "We will rebuild,", "occurrences": 1, "speaker": "Ilse Varga", "kind": "speech"}],
    "figures": [
        {"evidence": "40", "value": 40, "low": None, "high": None, "metric": "killed", "claimant": "Ilse Varga"},
        {"evidence": "thousands", "value": None, "low": None, "high": None, "metric": "fled_country"},
    ],
}


def test_an_excerpt_is_scored_on_spans_speakers_kinds_and_figures():
    c = evaluate_excerpt(TEXT, KEY, [], "x01")
    assert (c.quotes_key, c.quotes_matched, c.speakers_key, c.speakers_right, c.kinds_right) == (1, 1, 1, 1, 1)
    assert (c.figures_key, c.figures_matched) == (2, 2)
    assert c.bounds_right == 2  # the vague "thousands" is right with a null value, whatever its table bounds


def test_misses_name_the_excerpt_and_what_was_wrong():
    key = {
        "quotes": [{"text": "We will rebuild,", "occurrences": 1, "speaker": "Ana Lind", "kind": "term"}],
        "figures": [{"evidence": "99", "value": 99, "metric": "killed"}],
    }
    c = evaluate_excerpt(TEXT, key, [], "x02")
    assert isinstance(c, Counts)
    assert "x02 speaker: 'Ana Lind' got 'Ilse Varga' for “We will rebuild,”" in c.misses
    assert "x02 kind: 'term' got 'speech' for “We will rebuild,”" in c.misses
    assert "x02 figure missed: '99' (killed)" in c.misses
    assert any(m.startswith("x02 figure extra: '40'") for m in c.misses)


def test_a_vague_figure_is_found_on_its_evidence_in_any_case():
    text = "Storm kills dozens\n\nDozens of people were killed when the storm hit Lune."
    key = {
        "quotes": [],
        "figures": [{"evidence": "dozens", "value": None, "metric": "killed", "occurrences": 2}],
    }
    c = evaluate_excerpt(text, key, [], "x03")
    assert (c.figures_key, c.figures_matched) == (2, 2)


def test_a_set_s_targets_are_printed_met_or_missed(tmp_path):
    from newsfacts.publish.evaluate import read_targets, target_lines

    assert read_targets(tmp_path) == {}
    (tmp_path / "targets.yaml").write_text("speaker_accuracy: 0.90\nfigure_recall: 0.9\n", encoding="utf-8")
    targets = read_targets(tmp_path)
    assert target_lines(targets, {"speaker_accuracy": 0.91, "figure_recall": 0.8996}) == [
        "target speaker_accuracy >= 0.9: 0.91 met",
        "target figure_recall >= 0.9: 0.8996 MISSED",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("speaker_acuracy: 0.9\n", "unknown column 'speaker_acuracy'"),
        ("figure_recall: 90\n", "expected a number from 0 to 1"),
        ("figure_recall: yes\n", "expected a number from 0 to 1"),
        ("figure_recall: 0.9\nfigure_recall: 0.8\n", "duplicate"),
        ("- figure_recall\n", "expected a mapping"),
    ],
)
def test_a_bad_targets_file_is_one_located_error(tmp_path, text, message):
    from newsfacts.errors import InputError
    from newsfacts.publish.evaluate import read_targets

    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_targets(tmp_path)
    assert "targets.yaml" in str(err.value)
