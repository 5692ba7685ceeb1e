"""`newsfacts extract`: a corpus in, a candidate data package out, streamed."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsfacts.corpus import engines
from newsfacts.corpus.reader import count_articles, read_articles, resolve_inputs
from newsfacts.corpus.work import Context, Failed
from newsfacts.corpus.writer import PackageWriter, check_out
from newsfacts.errors import InputError
from newsfacts.yamlio import plain


@dataclass
class Summary:
    articles: int = 0  # extracted
    failed: list[Failed] = field(default_factory=list)  # the first ones, for the terminal
    failed_count: int = 0
    words: int = 0
    seconds: float = 0.0
    engine: str = ""


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def make_context(root: Path) -> tuple[Context, dict[str, dict], list[dict]]:
    from newsfacts.curate.inputs import Paths, read_actors
    from newsfacts.model.metadata import load_tables

    paths = Paths(root)
    if not paths.schemas.is_dir():
        raise InputError(
            "not a newsfacts project (no schemas/ directory); run in the project or pass --root", file=root
        )
    tables = load_tables(paths.schemas)
    schemas = {t: table.schema for t, table in tables.items()}
    registry = [plain(a) for a in read_actors(paths)] if (paths.raw / "actors.yaml").exists() else []
    columns = {t: tuple((f["name"], f["type"]) for f in s["fields"]) for t, s in schemas.items()}
    sort_keys = {t: tuple(table.sort_keys) for t, table in tables.items()}
    actor_columns = {t: tuple(table.actor_columns) for t, table in tables.items()}
    digest = hashlib.sha256(json.dumps(registry, sort_keys=True, default=str).encode()).hexdigest()
    return Context(tuple(registry), columns, sort_keys, actor_columns, digest), schemas, registry


def extract_corpus(
    paths: list[str],
    out: Path,
    root: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    parquet: bool = False,
    max_chars: int | None = None,
    timeout: float | None = None,
    progress=None,
    on_engine=None,
    keep_failed: int = 20,
) -> Summary:
    """Extract every article of `paths` into a candidate package at `out`.

    `progress(done, total, failed)` is called after each batch; `on_engine(text)` once the
    engine is ready. Usage errors (bad arguments, a bad --out, no project) raise InputError
    before anything is written; per-article failures are counted in the summary and listed in
    out/failures.csv.
    """
    if timeout and not hasattr(signal, "setitimer"):
        raise InputError("--timeout needs interval timers (signal.setitimer), which this system does not have")
    inputs = resolve_inputs(paths)
    check_out(out, root)
    ctx, schemas, registry = make_context(root)
    ctx = replace(ctx, timeout=timeout)
    from newsfacts.curate.inputs import Paths, read_package_meta

    read_package_meta(Paths(root))  # fail now, not after the run
    total = count_articles(inputs)
    workers = workers or default_workers()
    work = engines.batches(read_articles(inputs, max_chars))
    if scheduler:
        results = engines.dask(ctx, work, scheduler, on_connect=on_engine)
        engine = f"Dask scheduler {scheduler}"
    elif workers > 1 and total > 1:
        workers = min(workers, total)
        results = engines.pool(ctx, work, workers)
        engine = f"{workers} worker processes"
        if on_engine:
            on_engine(engine)
    else:
        results = engines.serial(ctx, work)
        engine = "1 process"
        if on_engine:
            on_engine(engine)
    summary = Summary(engine=engine)
    writer = PackageWriter(out, root, schemas, registry, parquet)
    start = time.perf_counter()
    try:
        done = 0
        for batch in results:
            for r in batch:
                writer.add(r)
                if isinstance(r, Failed):
                    summary.failed_count += 1
                    if len(summary.failed) < keep_failed:
                        summary.failed.append(r)
            done += len(batch)
            if progress:
                progress(done, total, summary.failed_count)
        results.close()
        writer.commit()
    except BaseException:
        results.close()
        writer.abort()
        raise
    summary.seconds = time.perf_counter() - start
    summary.articles, summary.words = writer.articles, writer.words
    return summary
