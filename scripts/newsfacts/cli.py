"""The newsfacts command line: a thin layer over the pipeline functions."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from newsfacts.errors import InputError

console = Console(stderr=True, highlight=False, soft_wrap=True)
ROOT = Path.cwd()


class ValidationError(Exception):
    def __init__(self, failures):
        self.failures = failures
        super().__init__(f"{len(failures)} validation failure(s)")


def report(failures, limit: int = 500) -> None:
    """One line per failure (plain text: a message may contain [brackets]), then a count."""
    for f in failures[:limit]:
        console.print(Text("failure: " + f.line()))
    if len(failures) > limit:
        console.print(f"… and {len(failures) - limit} more")
    console.print(f"{len(failures)} validation failure(s)")


def _check(staging: Path, articles: Path) -> None:
    from newsfacts.validate import validate_package

    failures = validate_package(staging, articles)
    if failures:
        raise ValidationError(failures)


def cmd_build(args) -> int:
    from newsfacts.build import build_tables, locate_failures, render_package, write_atomically
    from newsfacts.review import Origins

    root = Path(args.root).resolve()
    notices: list[str] = []
    origins: Origins = {}
    with console.status("extracting") as status:
        tables = build_tables(root, progress=lambda sid: status.update(f"extracted {sid}"), notices=notices,
                              origins=origins)
        status.update("validating")
        try:
            recovered = write_atomically(root, render_package(root, tables), _check)
        except ValidationError as exc:
            raise ValidationError(locate_failures(exc.failures, tables, origins)) from None
    for notice in recovered:
        console.print(f"[yellow]notice[/yellow]: {escape(notice)}")
    for notice in notices:
        console.print(f"[yellow]review notice[/yellow]: {escape(notice)}")
    counts = ", ".join(f"{n} {t}" for t, n in ((t, len(df)) for t, df in tables.items()))
    console.print(f"[green]built and validated[/green]: {counts}")
    return 0


def cmd_validate(args) -> int:
    from newsfacts.validate import validate_package

    failures = validate_package(Path(args.path))
    if failures:
        report(failures)
        return 1
    console.print(f"[green]valid[/green]: {escape(args.path)}")
    return 0


def cmd_extract(args) -> int:
    from newsfacts.candidates import extract_files

    extract_files([Path(p) for p in args.files], Path(args.out), Path(args.root).resolve())
    console.print(f"[green]candidate tables written to[/green] {args.out}")
    return 0


def cmd_quality(args) -> int:
    from newsfacts.quality import write_quality

    path = write_quality(Path(args.root).resolve(), Path(args.out) if args.out else None)
    console.print(f"[green]quality report written to[/green] {escape(str(path))}")
    return 0


def cmd_findings(args) -> int:
    from newsfacts.findings import write_findings

    path = write_findings(Path(args.root).resolve(), Path(args.out) if args.out else None)
    console.print(f"[green]cross-source findings written to[/green] {escape(str(path))}")
    return 0


def cmd_diff(args) -> int:
    from newsfacts.diff import LEVELS, diff_packages, render

    d = diff_packages(args.old, args.new, Path(args.root).resolve())
    sys.stdout.write(render(d))
    if LEVELS[d.bump] < LEVELS[d.required]:
        console.print(escape(f"version bump {d.old_version} → {d.new_version} is {d.bump}, "
                             f"but the changes need {d.required}"), style="red")
        return 1
    return 0


def cmd_export(args) -> int:
    from newsfacts.export import export_sqlite

    path = export_sqlite(Path(args.root).resolve(), Path(args.sqlite))
    console.print(f"[green]SQLite database written to[/green] {escape(str(path))}")
    return 0


def cmd_candidates(args) -> int:
    from newsfacts.candidates import print_candidates

    print_candidates(Path(args.root).resolve(), args.source_id)
    return 0


def cmd_release(args) -> int:
    from newsfacts.release import release

    path = release(Path(args.root).resolve())
    console.print(f"[green]release written to[/green] {escape(str(path))}")
    return 0


READERS = {"quality", "findings", "export", "release", "validate"}


def _finish_interrupted_build(root: Path) -> None:
    """A build killed after its switch left a half-placed package: finish it before reading the package."""
    from newsfacts.atomic import PREFIX, project_lock, recover

    if not root.is_dir() or not any(root.glob(PREFIX + "*")):
        return
    try:
        with project_lock(root):
            for notice in recover(root):
                console.print(f"[yellow]notice[/yellow]: {escape(notice)}")
    except InputError:
        pass  # a build is running: its staging directory is its own


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="newsfacts", description=__doc__)
    parser.add_argument("--root", default=str(ROOT), help="project root (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="extract, review, validate and write data/*.csv and datapackage.json")
    p = sub.add_parser("validate", help="validate a data package directory")
    p.add_argument("path", nargs="?", default=".")
    p = sub.add_parser("extract", help="candidate tables for article texts, no review applied")
    p.add_argument("files", nargs="+")
    p.add_argument("--out", required=True)
    p = sub.add_parser("quality", help="extractor precision and recall from the reviews")
    p.add_argument("--out", default=None)
    p = sub.add_parser("findings", help="cross-source comparison of figures (reports/findings.csv)")
    p.add_argument("--out", default=None)
    p = sub.add_parser("diff", help="rows and schema changes between two package versions")
    p.add_argument("old", help="zip, directory or git ref")
    p.add_argument("new", help="zip, directory or git ref")
    p = sub.add_parser("export", help="export the tables to SQLite with primary and foreign keys")
    p.add_argument("--sqlite", required=True, metavar="PATH")
    p = sub.add_parser("candidates", help="a source's extractor candidates and their candidates_sha256")
    p.add_argument("source_id")
    sub.add_parser("release", help="write dist/<name>-<version>.zip from the built package")
    args = parser.parse_args(argv)
    handlers = {"build": cmd_build, "validate": cmd_validate, "extract": cmd_extract, "quality": cmd_quality, "findings": cmd_findings, "diff": cmd_diff, "export": cmd_export, "candidates": cmd_candidates,
                "release": cmd_release}
    try:
        if args.command in READERS:
            _finish_interrupted_build(Path(args.root).resolve())
        return handlers[args.command](args)
    except InputError as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        return 2
    except ValidationError as exc:
        report(exc.failures)
        console.print("[red]build failed validation; previous outputs left unchanged[/red]")
        return 1
    except OSError as exc:  # the filesystem said no: read-only, full, locked, a directory where a file goes
        console.print(f"[red]error[/red]: {escape(os_error_message(exc))}")
        return 2
    except KeyboardInterrupt:
        console.print("interrupted; outputs left as they were")
        return 130


HINTS = {errno.ENOSPC: "free some disk space and run it again", errno.EDQUOT: "free some disk space and run it again",
         errno.EACCES: "check its permissions (read-only?) and run it again",
         errno.EPERM: "check its permissions and attributes (chattr -i?) and run it again",
         errno.EROFS: "the filesystem is read-only; work on a writable copy", errno.EISDIR: "give a file path instead",
         errno.ENOENT: "check the path", errno.ENOTDIR: "check the path"}


def os_error_message(exc: OSError) -> str:
    """One line: the file, what the system said, and what to do."""
    where = exc.filename2 or exc.filename
    prefix = f"{where}: " if where else ""
    return f"{prefix}{exc.strerror or exc}; {HINTS.get(exc.errno, 'check the file and run it again')}"


if __name__ == "__main__":
    sys.exit(main())
