"""The per-article function: one article in, its candidate rows out, already formatted as CSV cells.

The same function runs in this process (`--workers 1`), in pool processes (`--workers N`) and
on Dask workers (`--scheduler`), so the tables cannot depend on where an article was
extracted. Nothing here reads files or talks to the network.
"""

from __future__ import annotations

import hashlib
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Article:
    """One article of the corpus, ready to extract."""

    index: int  # position in the corpus: results are written in this order
    source_id: str
    text: str
    origin: str  # where it came from, for messages: a file, or file:line of a JSON Lines file
    sha256: str
    meta: dict = field(default_factory=dict)  # outlet, published_date (datetime.date), authors, headline, url, language


@dataclass(frozen=True)
class Failed:
    """An article that gave no rows, and why (one line)."""

    index: int
    source_id: str | None
    origin: str
    reason: str


@dataclass(frozen=True)
class Done:
    """An article's rows: per table, rows of CSV cells in the table's column and row order."""

    index: int
    source_id: str
    rows: dict[str, list[list[str]]]
    actors: list[dict]  # provisional actors proposed for this article
    used: frozenset[str]  # actor ids its rows refer to
    words: int
    chars: int


@dataclass(frozen=True)
class Context:
    """What every worker needs besides the articles: the actor registry and the table layouts."""

    registry: tuple[dict, ...]
    # table -> ((field, type), ...) in schema order, and the row sort key columns
    columns: dict[str, tuple[tuple[str, str], ...]]
    sort_keys: dict[str, tuple[str, ...]]
    actor_columns: dict[str, tuple[str, ...]]  # table -> the columns that name an actor (Table.actor_columns)
    registry_sha256: str  # identifies the registry, so that each process derives its aliases once
    timeout: float | None = None  # seconds one article may take (see _time_limit and run_batch)


_ALIASES: dict[str, tuple] = {}


def _aliases(ctx: Context) -> tuple:
    if ctx.registry_sha256 not in _ALIASES:
        from newsfacts.extract.mentions import aliases_of

        _ALIASES.clear()
        _ALIASES[ctx.registry_sha256] = tuple(aliases_of(list(ctx.registry)))
    return _ALIASES[ctx.registry_sha256]


def fingerprint() -> str:
    """SHA-256 of the newsfacts package's code and vocabularies: equal on every machine that
    would extract the same rows from the same text."""
    return _fingerprint_cached()


_FP: list[str] = []


def _fingerprint_cached() -> str:
    if not _FP:
        import newsfacts

        pkg = Path(newsfacts.__file__).parent
        h = hashlib.sha256(newsfacts.__version__.encode())
        for p in sorted(pkg.rglob("*")):
            if p.is_file() and p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts:
                h.update(p.relative_to(pkg).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
        _FP.append(h.hexdigest())
    return _FP[0]


def _format(rows: list[dict], columns, sort_key) -> list[list[str]]:
    ordered = sorted(rows, key=lambda r: tuple(r.get(k) for k in sort_key))
    return [[_cell(r.get(name), ftype) for name, ftype in columns] for r in ordered]


def _cell(value, ftype: str) -> str:
    """`newsfacts.model.metadata.cell`, without building a Field or asking pandas about the
    common cells: nothing, a text in a string field, an int in an integer field."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str and ftype == "string":
        return value
    if kind is int and ftype == "integer":
        return str(value)
    from newsfacts.model.metadata import cell

    return cell(value, ftype)


def extract_article(ctx: Context, art: Article) -> Done | Failed:
    """The candidate rows of one article; any exception becomes a Failed with its reason."""
    from newsfacts.extract import extract
    from newsfacts.model.ids import SPAN_TABLES
    from newsfacts.package.build import source_row

    try:
        with _time_limit(ctx.timeout):
            cand = extract(art.source_id, art.text, list(ctx.registry), _aliases(ctx), art.meta.get("published_date"))
        fields = {name: None for name, _ in ctx.columns["sources"]}  # metadata not given is null
        src = source_row({**fields, "source_id": art.source_id, **art.meta}, art.text, art.sha256)
        rows = {"sources": _format([src], ctx.columns["sources"], ctx.sort_keys["sources"])}
        used: set[str] = set()
        for t in SPAN_TABLES:
            rows[t] = _format(cand[t], ctx.columns[t], ctx.sort_keys[t])
            used.update(r.get(k) for r in cand[t] for k in ctx.actor_columns[t])
        used.discard(None)
    except ArticleTimeout as exc:
        return Failed(art.index, art.source_id, art.origin, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus run
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        return Failed(art.index, art.source_id, art.origin, f"extractor error: {reason[:300]}")
    return Done(art.index, art.source_id, rows, cand["actors"], frozenset(used), len(art.text.split()), len(art.text))


class ArticleTimeout(Exception):
    """An article that took longer than --timeout seconds."""


def alarm_usable() -> bool:
    """Whether the alarm that enforces --timeout can interrupt an extraction here: in a process's
    main thread (Python runs signal handlers only there) on a system with interval timers."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in the extraction after `seconds`, with a real-time alarm signal. It holds
    where the alarm can reach (`alarm_usable`): here and in pool workers; `run_batch` sends the
    batches of other threads (a Dask worker's) to a process where it can (`sandbox`)."""
    if not seconds:
        yield
        return
    if not alarm_usable():
        raise RuntimeError(
            "--timeout cannot be enforced here: "
            + (
                "outside a main thread (run_batch extracts in a child process there)"
                if hasattr(signal, "setitimer")
                else "this system has no interval timers (signal.setitimer)"
            )
        )

    def stop(_signum, _frame):
        raise ArticleTimeout(f"timed out: extraction took longer than {seconds:g} s (--timeout)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_batch(ctx: Context, batch: list) -> list:
    """Results of a batch in its order; Failed items (bad input found while reading) pass through.
    With a time limit, outside a main thread (a Dask worker's task), the batch is extracted in a
    child process of this thread, where the alarm holds (`sandbox`)."""
    if ctx.timeout and hasattr(signal, "setitimer") and threading.current_thread() is not threading.main_thread():
        from newsfacts.corpus.sandbox import run_batch_in_child

        return run_batch_in_child(ctx, batch)
    return [item if isinstance(item, Failed) else extract_article(ctx, item) for item in batch]


def check_worker() -> str:
    """Run on each Dask worker before any article: its code fingerprint (and a warm extractor)."""
    from newsfacts.extract import extract

    extract("warmup", "Warm-up text, said nobody.", [], ())
    return fingerprint()
