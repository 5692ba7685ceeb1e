"""Replace the generated files of the package in one atomic step, or not at all.

A build writes every output into a staging directory `.newsfacts-build-*` inside the
project (same filesystem), validates it there, then keeps a copy of the current outputs
beside the new ones and commits by renaming one marker file, `COMMITTED`: that rename is
the single atomic switch. After it the files are put in place; should that fail half-way
(a file locked or immutable) the marker is renamed to `ROLLBACK` and the old files are put
back. A process killed at any point leaves a staging directory that the next build
finishes: forward when it says COMMITTED, back when it says ROLLBACK, and deleted
(nothing was touched yet) otherwise. Builds in one project take an exclusive lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from newsfacts.errors import InputError

PREFIX = ".newsfacts-build-"
COMMITTED, ROLLBACK, JOURNAL = "COMMITTED", "ROLLBACK", "journal.json"


@contextlib.contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """An exclusive lock on the project directory for the duration of a build."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                "another newsfacts build is running in this project; wait for it to finish", file=root
            ) from None
        yield
    finally:
        os.close(fd)


def write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def check_output_path(path: Path) -> None:
    """An output file path must name a file in an existing directory."""
    if path.is_dir():
        raise InputError("is a directory; give the path of a file to write", file=path)
    if not path.parent.is_dir():
        raise InputError(f"the directory {path.parent} does not exist; create it first", file=path)


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` that replaces it when the block succeeds and is removed when not."""
    check_output_path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_output(path: Path, data: bytes) -> Path:
    """Write one output file (a report, an export) atomically; no stray temporary file on failure."""
    with output_file(path) as tmp:
        tmp.write_bytes(data)
    return path


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _put(staging: Path, side: str, rels: list[str], root: Path, done: list[str] | None = None) -> None:
    """Make every `rels` under root a copy of staging/<side>/ (idempotent); absent there means absent.

    Each rel is appended to `done` once it is in place.
    """
    done = [] if done is None else done
    for rel in rels:
        src, target = staging / side / rel, root / rel
        if src.exists():
            tmp = staging / "tmp" / rel
            _link_or_copy(src, tmp)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        else:
            target.unlink(missing_ok=True)
        done.append(rel)


def _mark(staging: Path, marker: str) -> None:
    """Create `marker` atomically (written aside, then renamed). ROLLBACK outranks COMMITTED."""
    tmp = staging / f"{marker}.tmp"
    tmp.write_text(marker + "\n", encoding="utf-8")
    os.replace(tmp, staging / marker)


def _finish(staging: Path, root: Path) -> None:
    """Complete or undo what a staging directory says, then remove it."""
    rels = json.loads((staging / JOURNAL).read_text("utf-8")) if (staging / JOURNAL).exists() else []
    if (staging / ROLLBACK).exists():
        _put(staging, "old", rels, root)
    elif (staging / COMMITTED).exists():
        _put(staging, "new", rels, root)
    shutil.rmtree(staging)


def recover(root: Path) -> list[str]:
    """Finish or remove the staging directories an interrupted build left; what was done, for a notice."""
    done = []
    for staging in sorted(root.glob(PREFIX + "*")):
        if staging.is_dir() and not staging.is_symlink():
            state = (
                "rolled back"
                if (staging / ROLLBACK).exists()
                else ("completed" if (staging / COMMITTED).exists() else "removed")
            )
            _finish(staging, root)
            done.append(f"an interrupted build's {staging.name} was {state}")
    return done


def switch(
    root: Path,
    files: dict[str, bytes],
    check: Callable[[Path], None],
    prepare: Callable[[Path], None] = lambda new: None,
) -> None:
    """Write `files` (relative path -> bytes) under root if `check(staged package)` passes; else change nothing."""
    staging = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))
    try:
        new = staging / "new"
        for rel, data in files.items():
            write_file(new / rel, data)
        prepare(new)
        check(new)
        for rel in files:
            if (root / rel).exists():
                _link_or_copy(root / rel, staging / "old" / rel)
        (staging / JOURNAL).write_text(json.dumps(sorted(files)), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _mark(staging, COMMITTED)  # the switch: from here on the new outputs are the package
    done: list[str] = []
    try:
        _put(staging, "new", sorted(files), root, done)
    except KeyboardInterrupt:  # committed: finish the few renames left, then stop
        _put(staging, "new", sorted(files), root)
        shutil.rmtree(staging)
        raise
    except OSError as exc:
        _mark(staging, ROLLBACK)
        _put(staging, "old", done, root)  # only what was replaced; a next run restores all if this fails
        shutil.rmtree(staging)
        where = Path(exc.filename2 or exc.filename or root)
        raise InputError(
            f"cannot replace this output ({exc.strerror}); previous outputs restored. Make it "
            "writable (close it in other programs) and build again",
            file=where,
        ) from None
    shutil.rmtree(staging)
