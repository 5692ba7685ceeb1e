"""Where the per-article function runs: here, in a process pool, or on a Dask cluster.

Every engine takes batches of articles in corpus order and yields their results in the same
order, with a bounded number of batches in flight: memory does not grow with the corpus, and
the tables are the same whatever the engine and the number of workers.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator

from newsfacts.corpus.work import Context, run_batch
from newsfacts.errors import InputError


def batches(items: Iterable, max_articles: int = 8, max_chars: int = 200_000) -> Iterator[list]:
    """Consecutive items grouped into batches of at most `max_articles` or about `max_chars`."""
    batch, chars = [], 0
    for item in items:
        batch.append(item)
        chars += len(getattr(item, "text", ""))
        if len(batch) >= max_articles or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _in_order(submit: Callable, work: Iterable[list], window: int) -> Iterator[list]:
    """Submit batches, at most `window` in flight, and yield their results in submission order."""
    pending: deque = deque()
    try:
        for batch in work:
            pending.append(submit(batch))
            while len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()


def serial(ctx: Context, work: Iterable[list]) -> Generator[list, None, None]:
    _settle(ctx)
    try:
        for batch in work:
            yield run_batch(ctx, batch)
    finally:
        gc.unfreeze()


def _settle(ctx: Context | None = None) -> None:
    """Load the extractor (a warm-up article), then leave every object alive now (spaCy's
    vocabulary, the registry's matcher, the gazetteer, the caches) out of garbage collection
    (gc.freeze): an article's tokens live until it is done, so they reach the oldest generation, and
    each collection of it would otherwise walk all of those objects again (collections took 0.34 s
    of 5.9 CPU seconds on the 1k bench corpus, 0.12 s frozen). gc.unfreeze() undoes it; a forked
    worker inherits it. No gc.collect() first: measured, it made the extraction slower."""
    from newsfacts.corpus.work import Article, extract_article

    if ctx is not None:
        extract_article(ctx, Article(-1, "warmup", "Warm-up text, said nobody.", "warm-up", "", {}))
    gc.freeze()


def _quiet() -> None:
    """Pool initializer: ignore Ctrl-C and end quietly on SIGTERM; the parent stops the pool."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _warm_spawned() -> None:
    from newsfacts.corpus.work import check_worker

    _quiet()
    check_worker()
    _settle()


def pool(ctx: Context, work: Iterable[list], workers: int) -> Generator[list, None, None]:
    """A pool of `workers` processes. On Linux, when this process runs no other thread, they are
    forked from it once it has loaded the extractor (and derived the registry's matcher), so
    they start at once and share its memory; otherwise they are spawned and load it themselves."""
    import multiprocessing
    import sys
    import threading
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from newsfacts.corpus.work import Article, check_worker, extract_article

    if sys.platform == "linux" and threading.active_count() == 1:  # forking a threaded process can deadlock
        check_worker()
        extract_article(ctx, Article(-1, "warmup", "Warm-up text, said nobody.", "warm-up", "", {}))
        _settle()
        executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_quiet)
    else:
        executor = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_spawned
        )
    try:
        yield from _in_order(lambda b: executor.submit(run_batch, ctx, b), work, window=4 * workers)
    except BrokenProcessPool:
        raise RuntimeError(
            "a worker process died (killed, or out of memory?); "
            "rerun with --workers 1 to find the article that causes it"
        ) from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def dask(
    ctx: Context, work: Iterable[list], address: str, on_connect: Callable[[str], None] | None = None
) -> Generator[list, None, None]:
    """The same function on the Dask cluster whose scheduler is at `address`. Its tasks run in worker
    threads: with a time limit, `run_batch` extracts each batch in the thread's child process (`sandbox`)."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(
            "--scheduler needs Dask: pip install 'newsfacts[cluster]' "
            "(dask and distributed, the versions the workers run)"
        ) from None
    try:
        client = Client(address, timeout="15s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot connect to the Dask scheduler at {address}: {' '.join(str(exc).split())}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=30)
        except TimeoutError:
            raise InputError(f"the Dask scheduler at {address} has no workers (waited 30 s)") from None
        from newsfacts.corpus.work import check_worker, fingerprint

        mine = fingerprint()
        for worker, theirs in sorted(client.run(check_worker).items()):
            if theirs != mine:
                raise InputError(
                    f"Dask worker {worker} runs other newsfacts code (fingerprint {theirs[:12]}, "
                    f"here {mine[:12]}): install the same newsfacts version on every worker"
                )
        threads = sum(client.nthreads().values())
        if on_connect:
            on_connect(f"{len(client.nthreads())} Dask workers, {threads} threads at {address}")
        [remote_ctx] = client.scatter([ctx], broadcast=True, hash=False)
        yield from _in_order(
            lambda b: client.submit(run_batch, remote_ctx, b, pure=False), work, window=max(4, 3 * threads)
        )
        if ctx.timeout:
            from newsfacts.corpus.sandbox import stop_idle

            client.run(stop_idle)  # the workers' child processes (sandbox) are not needed any more
    finally:
        client.close()
