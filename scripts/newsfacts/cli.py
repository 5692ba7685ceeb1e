"""The newsfacts command line: a thin layer over the pipeline functions."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsfacts import __version__
from newsfacts.errors import InputError
from newsfacts.publish.loader import IntegrityError
from newsfacts.publish.safezip import UnsafeZipError

console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)



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
    from newsfacts.package.validate import validate_package

    failures = validate_package(staging, articles)
    if failures:
        raise ValidationError(failures)


def cmd_build(args) -> int:
    from newsfacts.package.build import build_tables, locate_failures, render_package, unreviewed_published, write_atomically
    from newsfacts.curate.apply import Origins

    root = Path(args.root).resolve()
    notices: list[str] = []
    origins: Origins = {}
    with console.status("extracting") as status:
        tables = build_tables(root, progress=lambda sid: status.update(f"extracted {sid}"), notices=notices,
                              origins=origins)
        problems = unreviewed_published(root, tables)
        if problems:
            for notice in notices:
                console.print(f"[yellow]review notice[/yellow]: {escape(notice)}")
            for problem in problems:
                console.print(f"[red]error[/red]: {escape(problem)}")
            console.print("[red]build failed: published sources must be fully reviewed; previous outputs left unchanged[/red]")
            return 1
        status.update("validating")
        try:
            recovered = write_atomically(root, render_package(root, tables), _check)
        except ValidationError as exc:
            raise ValidationError(locate_failures(exc.failures, tables, origins)) from None
    for notice in recovered:
        console.print(f"[yellow]notice[/yellow]: {escape(notice)}")
    for notice in notices:
        console.print(f"[yellow]review notice[/yellow]: {escape(notice)}")
    drafts = sorted(tables["sources"].loc[tables["sources"]["status"] == "draft", "source_id"])
    if drafts:
        console.print(f"[yellow]draft sources[/yellow] (built, not released): {escape(', '.join(drafts))}")
    counts = ", ".join(f"{n} {t}" for t, n in ((t, len(df)) for t, df in tables.items()))
    console.print(f"[green]built and validated[/green]: {counts}")
    return 0


def cmd_validate(args) -> int:
    from newsfacts.package.validate import validate_package

    failures = validate_package(Path(args.path))
    if failures:
        report(failures)
        return 1
    console.print(f"[green]valid[/green]: {escape(args.path)}")
    return 0


def cmd_schemas(args) -> int:
    from newsfacts.model.metadata import render_schemas, write_schemas

    schema_dir = Path(args.root).resolve() / "schemas"
    if args.check:
        stale = [name for name, data in render_schemas(schema_dir).items()
                 if not (schema_dir / name).is_file() or (schema_dir / name).read_bytes() != data]
        if stale:
            console.print(f"[red]out of date[/red] (run `newsfacts schemas`): {escape(', '.join(stale))}")
            return 1
        console.print("[green]schemas up to date[/green]")
        return 0
    changed = write_schemas(schema_dir)
    console.print(f"[green]schemas written[/green]: {escape(', '.join(changed)) or 'none changed'}")
    return 0


def cmd_extract(args) -> int:
    from newsfacts.candidates import extract_files

    extract_files([Path(p) for p in args.files], Path(args.out), Path(args.root).resolve())
    console.print(f"[green]candidate tables written to[/green] {args.out}")
    return 0


def cmd_quality(args) -> int:
    from newsfacts.publish.quality import write_quality

    path = write_quality(Path(args.root).resolve(), Path(args.out) if args.out else None)
    console.print(f"[green]quality report written to[/green] {escape(str(path))}")
    return 0


def cmd_findings(args) -> int:
    from newsfacts.publish.findings import write_findings

    path = write_findings(Path(args.root).resolve(), Path(args.out) if args.out else None)
    console.print(f"[green]cross-source findings written to[/green] {escape(str(path))}")
    return 0


def cmd_diff(args) -> int:
    from newsfacts.publish.diff import LEVELS, diff_packages, render

    d = diff_packages(args.old, args.new, Path(args.root).resolve())
    sys.stdout.write(render(d))
    if LEVELS[d.bump] < LEVELS[d.required]:
        console.print(escape(f"version bump {d.old_version} → {d.new_version} is {d.bump}, "
                             f"but the changes need {d.required}"), style="red")
        return 1
    return 0


def cmd_export(args) -> int:
    from newsfacts.publish.export import export_sqlite

    path = export_sqlite(Path(args.root).resolve(), Path(args.sqlite))
    console.print(f"[green]SQLite database written to[/green] {escape(str(path))}")
    return 0


def cmd_candidates(args) -> int:
    from newsfacts.candidates import print_candidates

    print_candidates(Path(args.root).resolve(), args.source_id)
    return 0


def cmd_release(args) -> int:
    from newsfacts.publish.release import release

    path = release(Path(args.root).resolve(), recut=args.recut, freeze=args.freeze)
    console.print(f"[green]release written to[/green] {escape(str(path))}")
    return 0


def cmd_evaluate(args) -> int:
    from newsfacts.publish.evaluate import COLUMNS, METRICS, evaluate, to_csv
    from newsfacts.curate.inputs import Paths, read_actors

    root = Path(args.root).resolve()
    rows, totals = evaluate(Path(args.directory), read_actors(Paths(root)))
    table = Table(title=f"raw extractor on {args.directory} (out of sample)")
    shown = [c for c in COLUMNS if c in METRICS or c == "scope"]
    for col in shown:
        table.add_column(col.replace("_", " "), overflow="fold")
    for r in rows if args.per_excerpt else rows[:3]:
        table.add_row(*("" if r[c] is None else str(r[c]) for c in shown))
    Console(highlight=False, width=max(160, Console().width)).print(table)
    if args.misses:
        for line in totals["all"].misses:
            print(line)
    if args.out:
        Path(args.out).write_bytes(to_csv(rows))
        console.print(f"[green]evaluation written to[/green] {args.out}")
    return 0


READERS = {"quality", "findings", "export", "release", "validate"}


def _finish_interrupted_build(root: Path) -> None:
    """A build killed after its switch left a half-placed package: finish it before reading the package."""
    from newsfacts.package.atomic import PREFIX, project_lock, recover

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
    parser.add_argument("--version", action="version", version=f"newsfacts {__version__}")
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str):
        return sub.add_parser(name, help=summary, description=f"{summary}. {description}")

    command("build", "extract, review, validate and write data/*.csv and datapackage.json",
            "Reads data/raw/ (articles, sources.yaml, actors.yaml, reviews/), validates everything in a "
            "staging directory and switches the outputs only when it passes. Fails when a `published` "
            "source has unreviewed rows.")
    p = command("validate", "validate a data package directory",
                "Frictionless, pandera and the cross-table rules; one line per failure.")
    p.add_argument("path", nargs="?", default=".")
    p = command("schemas", "write schemas/<table>.schema.yaml from schemas/fields.yaml and schemas/tables/",
                "The published Table Schemas are generated: shared fields are defined once.")
    p.add_argument("--check", action="store_true", help="exit 1 when a generated schema differs from the file")
    p = command("extract", "candidate tables for article texts, no review applied",
                "Writes the six tables the extractor proposes for any article files into --out.")
    p.add_argument("files", nargs="+")
    p.add_argument("--out", required=True)
    p = command("quality", "extractor precision and recall from the reviews",
                "Compares the extractor's candidates with the reviewed rows (reports/quality.csv).")
    p.add_argument("--out", default=None)
    p = command("findings", "cross-source comparison of figures (reports/findings.csv)",
                "Lists figures that different outlets report for the same quantity.")
    p.add_argument("--out", default=None)
    p = command("diff", "rows and schema changes between two package versions",
                "Drafts the CHANGELOG entry and exits 1 when the version bump is smaller than the change needs.")
    p.add_argument("old", help="zip, directory or git ref")
    p.add_argument("new", help="zip, directory or git ref")
    p = command("export", "export the tables to SQLite with primary and foreign keys",
                "Published sources only, as in the release.")
    p.add_argument("--sqlite", required=True, metavar="PATH")
    p = command("candidates", "a source's extractor candidates and their candidates_sha256",
                "What a review file is made against: every candidate row of one source.")
    p.add_argument("source_id")
    p = command("release", "write dist/<name>-<version>.zip from the built package",
                "A standard zipped Data Package (published sources only; CSV, Parquet, SQLite). The bytes "
                "must match the version's entry in releases.yaml; a released version is never overwritten.")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--recut", action="store_true",
                   help="record this cut as the current version's pending entry in releases.yaml")
    g.add_argument("--freeze", action="store_true",
                   help="mark the current version's pending entry released (data and ledger committed first)")
    p = command("evaluate", "score the raw extractor on an annotated set (benchmarks/devset)",
                "Out-of-sample quote, speaker, kind and figure scores per excerpt and for the develop and "
                "check halves; matching as in the set's GUIDE.md.")
    p.add_argument("directory", help="folder of <id>.txt excerpts with <id>.yaml answer keys")
    p.add_argument("--out", default=None, help="write the scores as CSV (reports/evaluation.csv)")
    p.add_argument("--per-excerpt", action="store_true", help="print a row per excerpt too")
    p.add_argument("--misses", action="store_true", help="list every wrong speaker and missed figure")
    args = parser.parse_args(argv)
    handlers = {"build": cmd_build, "validate": cmd_validate, "extract": cmd_extract, "quality": cmd_quality, "findings": cmd_findings, "diff": cmd_diff, "export": cmd_export, "candidates": cmd_candidates,
                "schemas": cmd_schemas, "release": cmd_release, "evaluate": cmd_evaluate}
    try:
        if args.command in READERS:
            _finish_interrupted_build(Path(args.root).resolve())
        return handlers[args.command](args)
    except InputError as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        return 2
    except (IntegrityError, UnsafeZipError, TimeoutError, ConnectionError) as exc:
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
