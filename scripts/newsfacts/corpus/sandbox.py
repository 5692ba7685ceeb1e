"""--timeout where the alarm cannot reach: the batch is extracted in a child process's main thread.

Python runs signal handlers only in a process's main thread, so the alarm that enforces
--timeout (`work._time_limit`) cannot interrupt an extraction running in another thread; and a
Dask worker runs every task in a thread of a daemonic process, which multiprocessing refuses to
give children. There, `work.run_batch` hands the batch to a child Python process started with
subprocess: one per calling thread, started once (it loads the extractor and proves it runs the
same code) and kept for the next batches. The child extracts each article in its main thread
under the same alarm as a pool worker, so an article over the limit fails alone, with the same
reason, and the child goes on with the next one.

Batches and results are pickles with a length prefix, on the child's stdin and on a copy of its
stdout (its fd 1 then points to stderr, so that nothing the extractor prints can corrupt them).
The child ends when its stdin closes: at the end of a Dask run (`stop_idle`, which the client
runs on every worker), when its thread ends, or when the worker exits.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import threading
import weakref
from typing import IO, Any

MODULE = "newsfacts.corpus.sandbox"  # run as `python -m` in the child (where __name__ is "__main__")
_LENGTH = struct.Struct("!Q")
_LOCAL = threading.local()
_CHILDREN: weakref.WeakSet[_Child] = weakref.WeakSet()  # every thread's child, for stop_idle


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message; EOFError when the other side has closed (or died)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # from our own child (or parent), over our own pipe


def _stop(proc: subprocess.Popen) -> None:
    """Close the child's stdin (it exits) and reap it; kill it if it does not end."""
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            try:
                stream.close()
            except OSError:
                pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class _Child:
    """A child process that runs `work.run_batch` in its main thread."""

    def __init__(self) -> None:
        from newsfacts.corpus.work import fingerprint

        self.lock = threading.Lock()  # held while a batch runs: stop_idle leaves a busy child alone
        self.closed = False

        try:  # -P: the working directory is not put on the child's sys.path (it may hold anything)
            self.proc = subprocess.Popen(
                [sys.executable, "-P", "-m", MODULE], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        except OSError as exc:
            raise RuntimeError(
                f"cannot start the process that enforces --timeout in a thread ({sys.executable} -m {MODULE}): "
                f"{exc.strerror or exc}"
            ) from None
        self._finalizer = weakref.finalize(self, _stop, self.proc)
        try:
            theirs = _receive(self.proc.stdout)  # type: ignore[arg-type]
        except (EOFError, OSError):
            self.close()
            raise RuntimeError(
                f"the process that enforces --timeout in a thread did not start ({sys.executable} -m {MODULE}; "
                "its error is on this process's stderr, e.g. the Dask worker's log)"
            ) from None
        if theirs != fingerprint():
            self.close()
            raise RuntimeError(
                f"the process that enforces --timeout in a thread runs other newsfacts code "
                f"(fingerprint {str(theirs)[:12]}, here {fingerprint()[:12]}): {sys.executable} "
                "imports another newsfacts installation"
            )

    def run(self, ctx, batch: list) -> list:
        _send(self.proc.stdin, (ctx, batch))  # type: ignore[arg-type]
        return _receive(self.proc.stdout)  # type: ignore[arg-type]

    def close(self) -> None:
        self.closed = True
        self._finalizer()


def run_batch_in_child(ctx, batch: list) -> list:
    """`work.run_batch` in this thread's child process (started on first use, and again after
    stop_idle closed it)."""
    while True:
        child = getattr(_LOCAL, "child", None)
        if child is None or child.closed:
            child = _LOCAL.child = _Child()
            _CHILDREN.add(child)
        with child.lock:
            if not child.closed:  # else stop_idle closed it just now: start another
                return _run(child, ctx, batch)


def _run(child: _Child, ctx, batch: list) -> list:
    try:
        return child.run(ctx, batch)
    except (EOFError, OSError):
        child.close()  # reaps it
        code = child.proc.returncode
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        raise RuntimeError(
            f"the process extracting under --timeout died ({how}; killed, or out of memory?); "
            "rerun with --workers 1 to find the article that causes it"
        ) from None


def stop_idle() -> int:
    """End this process's children that are not running a batch (those of another run on the same
    workers are left to finish theirs); how many were ended. Run on every Dask worker at the end of a
    run with --timeout, so that an extractor's memory is not kept by a worker that no longer needs it."""
    stopped = 0
    for child in list(_CHILDREN):
        if not child.closed and child.lock.acquire(blocking=False):
            try:
                child.close()
                stopped += 1
            finally:
                child.lock.release()
    return stopped


def serve() -> None:
    """The child: report the code fingerprint once the extractor is loaded, then extract batches."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the process that started it
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # print() goes to stderr, not into the messages
    inp = sys.stdin.buffer
    from newsfacts.corpus.work import check_worker, run_batch

    try:
        _send(out, check_worker())  # loads the extractor: no article pays for it inside its time limit
        gc.freeze()  # as in the pool's workers (engines._settle)
        while True:
            try:
                ctx, batch = _receive(inp)
            except EOFError:
                return
            _send(out, run_batch(ctx, batch))
    except BrokenPipeError:  # the thread that started it is gone
        return


if __name__ == "__main__":
    serve()
