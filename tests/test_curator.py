"""The curator's path, end to end, with an invented sixth article in a copy of the project:
extract → register (draft) → build → candidates → review file → publish → build → release."""

import hashlib
import json
import re
import zipfile

import newsfacts
from newsfacts.cli import main
from newsfacts.curate.inputs import Paths, read_sources

SID = "example-news-2022-09-30"
ARTICLE = """Officials in the occupied city said turnout was 76% and that 97.5% of ballots backed joining.

"This vote is a farce staged at gunpoint," said Maria Kovalenko, a teacher who fled to Poland.

According to the regional governor, shelling killed at least 12 people and wounded dozens more overnight.
"""
ENTRY = f"""  - source_id: {SID}
    outlet: Example News
    published_date: 2022-09-30
    authors: null
    headline: null
    url: null
    language: en
    status: {{status}}
    notes:
      outlet: Invented for the curator test.
"""


def _register(root, status):
    path = root / "data/raw/sources.yaml"
    text = path.read_text("utf-8")
    text = re.sub(rf"  - source_id: {SID}\n(    .*\n|      .*\n)*", "", text)
    path.write_text(text + ENTRY.format(status=status), "utf-8")


def _zip_sources(path):
    with zipfile.ZipFile(path) as zf:
        return set(newsfacts.load(path)["sources"]["source_id"]), json.loads(zf.read("datapackage.json"))


def _next_version_pending(root):
    """The copy as a curator has it after bumping the version: the current version's ledger entry
    is a pending cut, not a frozen release (a released version can never be re-cut)."""
    import yaml

    path = root / "releases.yaml"
    header = "".join(line for line in path.read_text("utf-8").splitlines(keepends=True) if line.startswith("#"))
    ledger = yaml.safe_load(path.read_text("utf-8"))
    current = next(e for e in ledger["releases"] if str(e["version"]) == newsfacts.__version__)
    current["status"] = "pending"
    current.pop("commit", None)
    path.write_text(header + yaml.safe_dump(ledger, sort_keys=False), "utf-8")


def test_add_an_article_from_draft_to_release(project, tmp_path, capsys):
    root = project
    _next_version_pending(root)
    before = {s["source_id"] for s in read_sources(Paths(root))}
    article = Paths(root).articles / f"{SID}.txt"
    article.write_text(ARTICLE, "utf-8")

    # 1. what the extractor proposes, before anything is registered
    assert main(["--root", str(root), "extract", str(article), "--out", str(tmp_path / "preview")]) == 0
    assert (tmp_path / "preview/data/quotes.csv").read_text("utf-8").count("maria-kovalenko") == 1

    # 2. registered as a draft: built and validated, not released
    _register(root, "draft")
    assert main(["--root", str(root), "build"]) == 0
    assert SID in set(newsfacts.load(root, include_drafts=True)["quotes"]["source_id"])
    assert SID not in set(newsfacts.load(root)["sources"]["source_id"])
    assert "maria-kovalenko" in set(newsfacts.load(root, include_drafts=True)["actors"]["actor_id"])
    capsys.readouterr()
    assert main(["--root", str(root), "release", "--recut"]) == 0
    zip_path = next((root / "dist").glob("*.zip"))
    released, _ = _zip_sources(zip_path)
    assert released == before
    assert "maria-kovalenko" not in set(newsfacts.load(zip_path)["actors"]["actor_id"]), (
        "a provisional actor cited only by a draft stays out of the release"
    )
    from frictionless import validate

    assert validate(str(zip_path)).valid

    # 3. published without a review: the build fails and says which rows and which file
    _register(root, "published")
    assert main(["--root", str(root), "build"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"published source '{SID}' has" in err and f"data/raw/reviews/{SID}.yaml" in err
    assert f"{SID}:q:" in err

    # 4. the new speaker leaves `provisional` by entering the registry; then review the candidates
    with (root / "data/raw/actors.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "  - {actor_id: maria-kovalenko, name: Maria Kovalenko, actor_type: person, title: teacher,"
            " country_code: UA, parent_id: null, aliases: [Maria Kovalenko, Kovalenko]}\n"
        )
    assert main(["--root", str(root), "candidates", SID]) == 0
    out = capsys.readouterr().out
    digest = re.search(r"^candidates_sha256: ([0-9a-f]{64})$", out, re.M).group(1)
    text_digest = re.search(r"^text_sha256: ([0-9a-f]{64})$", out, re.M).group(1)  # both digests a review needs
    assert text_digest == hashlib.sha256(article.read_bytes()).hexdigest()
    claim = next(line.split("\t")[0] for line in out.splitlines() if f"{SID}:c:" in line)

    (Paths(root).reviews / f"{SID}.yaml").write_text(
        f"text_sha256: {text_digest}\n"
        f"candidates_sha256: {digest}\n"
        "complete: true\n"
        "reject: []\n"
        "amend:\n"
        f'  - id: "{claim}"\n'
        "    set: {said_date: 2022-09-29}\n"
        "    reason: Invented correction, to exercise amend.\n"
        "add: []\n",
        "utf-8",
    )
    assert main(["--root", str(root), "build"]) == 0
    tables = newsfacts.load(root)
    rows = {t: tables[t][tables[t]["source_id"] == SID] for t in ("mentions", "quotes", "claims", "figures")}
    assert all(len(rows[t]) for t in ("quotes", "claims", "figures"))
    assert not any("unreviewed" in set(df["review_status"]) for df in rows.values())
    assert "amended" in set(rows["claims"]["review_status"])
    maria = tables["actors"][tables["actors"]["actor_id"] == "maria-kovalenko"]
    assert list(maria["provisional"]) == [False]

    # 5. release: the pending version must be re-cut on purpose, then the sixth source is in the zip
    capsys.readouterr()
    assert main(["--root", str(root), "release"]) == 2
    assert "newsfacts release --recut" in capsys.readouterr().err
    assert main(["--root", str(root), "release", "--recut"]) == 0
    released, desc = _zip_sources(zip_path)
    assert released == before | {SID}
    assert len(desc["sources"]) == len(before) + 1
    from frictionless import Package

    assert len(Package(str(zip_path)).get_resource("sources").read_rows()) == len(before) + 1
