"""SQLite export: keys from the schemas, and a join of quotes to actors to sources."""

import sqlite3

import pytest

from conftest import ROOT
from newsfacts.cli import main


def test_sqlite_export_joins_quotes_actors_sources(tmp_path):
    db = tmp_path / "news.sqlite"
    assert main(["--root", str(ROOT), "export", "--sqlite", str(db)]) == 0
    con = sqlite3.connect(db)
    rows = con.execute("""
        SELECT a.name, s.outlet, q.text FROM quotes q
        JOIN actors a ON a.actor_id = q.speaker_id
        JOIN sources s ON s.source_id = q.source_id
        WHERE a.actor_id = 'joe-biden' ORDER BY s.outlet, q.start_char""").fetchall()
    assert ("Joe Biden", "UPI", "sham.") in rows
    assert {r[1] for r in rows} == {"AFP", "UPI"}
    assert (
        con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
        == sum(1 for _ in (ROOT / "data/quotes.csv").open(encoding="utf-8")) - 1
    )
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute(
            "INSERT INTO quotes (quote_id, source_id, kind, start_char, end_char, text, section_type,"
            " review_status) VALUES ('x:q:1-2', 'no-such-source', 'speech', 1, 2, 'a', 'body', 'added')"
        )
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE quotes SET kind = 'nonsense' WHERE rowid = 1")
