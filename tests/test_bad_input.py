"""Bad input: a clear error naming file and line, a non-zero exit, and nothing changed."""

import pytest

from newsfacts.cli import main


@pytest.fixture(autouse=True)
def _fast(cached_extract):
    """`built` (conftest) is a copy of the built project; the extractor is memoised per module."""


def _outputs(root):
    files = sorted((root / "data").glob("*.csv")) + [root / "datapackage.json"]
    return {p.name: p.read_bytes() for p in files}


def _fails(root, capsys, *needles):
    before = _outputs(root)
    code = main(["--root", str(root), "build"])
    err = capsys.readouterr().err
    assert code != 0
    flat = " ".join(err.split())
    for needle in needles:
        assert needle in flat, flat
    assert _outputs(root) == before, "a failed build changed the previous outputs"
    return flat


def test_article_not_utf8(built, capsys):
    (built / "data/raw/articles/afp-undated.txt").write_bytes(b"line one\nbad \xff byte\n")
    _fails(built, capsys, "afp-undated.txt:2", "not valid UTF-8")


def test_article_empty(built, capsys):
    (built / "data/raw/articles/afp-undated.txt").write_text("  \n", encoding="utf-8")
    _fails(built, capsys, "afp-undated.txt", "empty")


def test_article_without_metadata(built, capsys):
    (built / "data/raw/articles/new-article.txt").write_text("Some text.\n", encoding="utf-8")
    _fails(built, capsys, "new-article.txt", "no metadata entry")


def test_source_id_not_a_slug(built, capsys):
    p = built / "data/raw/sources.yaml"
    p.write_text(p.read_text("utf-8").replace("source_id: afp-undated", "source_id: AFP Undated"), "utf-8")
    _fails(built, capsys, "sources.yaml:", "not a lowercase slug")


def test_source_id_escaping_raw(built, capsys):
    p = built / "data/raw/sources.yaml"
    p.write_text(p.read_text("utf-8").replace("source_id: afp-undated", "source_id: ../../etc"), "utf-8")
    _fails(built, capsys, "sources.yaml:", "not a lowercase slug")


def test_duplicate_source_id(built, capsys):
    p = built / "data/raw/sources.yaml"
    p.write_text(p.read_text("utf-8").replace("source_id: nyt-undated", "source_id: afp-undated"), "utf-8")
    _fails(built, capsys, "sources.yaml:", "duplicate source_id 'afp-undated'")


def test_duplicate_actor_id(built, capsys):
    p = built / "data/raw/actors.yaml"
    p.write_text(p.read_text("utf-8").replace("{actor_id: china,", "{actor_id: russia,"), "utf-8")
    _fails(built, capsys, "actors.yaml:", "duplicate actor_id 'russia'")


def test_yaml_that_does_not_parse(built, capsys):
    p = built / "data/raw/actors.yaml"
    p.write_text(p.read_text("utf-8") + "  - {actor_id: broken, name: [unclosed\n", "utf-8")
    _fails(built, capsys, "actors.yaml:", "YAML does not parse")


def test_review_of_a_changed_article(built, capsys):
    p = built / "data/raw/articles/upi-2022-09-28.txt"
    p.write_text(p.read_text("utf-8") + "One more sentence.\n", encoding="utf-8")
    _fails(built, capsys, "upi-2022-09-28.yaml:2", "another version of the article")


def test_review_with_an_unknown_id(built, capsys):
    p = built / "data/raw/reviews/upi-2022-09-28.yaml"
    text = p.read_text("utf-8")
    entry = '- {id: "upi-2022-09-28:q:1-2", reason: x}\n'
    if "\nreject: []\n" in text:  # an empty list: this entry is its first
        text = text.replace("\nreject: []\n", "\nreject:\n" + entry, 1)
    elif "\nreject:\n" in text:  # the review already rejects candidates: one more entry, first in the list
        text = text.replace("\nreject:\n", "\nreject:\n" + entry, 1)
    else:
        text = text.replace("amend:\n", "reject:\n" + entry + "amend:\n", 1)
    p.write_text(text, "utf-8")
    line = text.splitlines().index("reject:") + 2  # the entry under `reject:`
    _fails(built, capsys, f"upi-2022-09-28.yaml:{line}", "stale review", "upi-2022-09-28:q:1-2")


def test_added_row_whose_evidence_is_not_unique(built, capsys):
    p = built / "data/raw/reviews/nyt-undated.yaml"
    text = p.read_text("utf-8").replace(
        "add:\n", "add:\n- {table: mentions, evidence: Putin, set: {actor_id: vladimir-putin}, reason: x}\n", 1
    )
    p.write_text(text, "utf-8")
    _fails(built, capsys, "nyt-undated.yaml:", "evidence occurs")


def test_validation_failure_leaves_outputs_unchanged(built, capsys):
    """An amendment that breaks a schema rule fails validation and writes nothing."""
    p = built / "data/raw/reviews/upi-2022-09-28.yaml"
    text = p.read_text("utf-8").replace("set: {claim_type: displacement}", "set: {claim_type: not-a-type}")
    p.write_text(text, "utf-8")
    _fails(built, capsys, "claims", "claim_type")


def test_new_candidates_after_a_review_are_not_accepted_silently(built, capsys):
    """A complete review accepts only the candidates it was made against; a published source
    with unreviewed rows fails the build, a draft one is built with them marked `unreviewed`."""
    p = built / "data/raw/actors.yaml"
    p.write_text(
        p.read_text("utf-8") + "  - {actor_id: finland, name: Finland, actor_type: state, title: null,"
        " country_code: FI, parent_id: null, aliases: [Finland]}\n",
        "utf-8",
    )
    before = _outputs(built)
    assert main(["--root", str(built), "build"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "review notice" in err and "completed against other candidates" in err
    assert "published source 'cnn-2022-09-29' has" in err and "data/raw/reviews/cnn-2022-09-29.yaml" in err
    assert "cnn-2022-09-29:m:" in err, "row ids are printed as they are"
    assert _outputs(built) == before
    s = built / "data/raw/sources.yaml"
    text = s.read_text("utf-8")
    i = text.index("source_id: cnn-2022-09-29")
    s.write_text(text[:i] + text[i:].replace("status: published", "status: draft", 1), "utf-8")
    assert main(["--root", str(built), "build"]) == 0
    import newsfacts

    mentions = newsfacts.load(built, include_drafts=True)["mentions"]
    finland = mentions[mentions.actor_id == "finland"]
    assert len(finland) == 2 and set(finland.review_status) == {"unreviewed"}
    assert "accepted" not in set(mentions[mentions.source_id == "cnn-2022-09-29"].review_status)
    assert "accepted" in set(mentions[mentions.source_id == "nyt-undated"].review_status)
    assert "cnn-2022-09-29" not in set(newsfacts.load(built)["mentions"].source_id), "drafts are not loaded by default"
