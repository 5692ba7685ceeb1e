"""The newsfacts command line: a thin layer over the pipeline functions."""

from __future__ import annotations

import argparse
import errno
import signal
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsfacts import __version__
from newsfacts.errors import InputError, IntegrityError
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
    from newsfacts.curate.apply import Origins
    from newsfacts.package.build import (
        build_tables,
        locate_failures,
        render_package,
        unreviewed_published,
        write_atomically,
    )

    root = Path(args.root).resolve()
    notices: list[str] = []
    origins: Origins = {}
    with console.status("extracting") as status:
        tables = build_tables(
            root, progress=lambda sid: status.update(f"extracted {sid}"), notices=notices, origins=origins
        )
        problems = unreviewed_published(root, tables)
        if problems:
            for notice in notices:
                console.print(f"[yellow]review notice[/yellow]: {escape(notice)}")
            for problem in problems:
                console.print(f"[red]error[/red]: {escape(problem)}")
            console.print(
                "[red]build failed: published sources must be fully reviewed; previous outputs left unchanged[/red]"
            )
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
    from newsfacts.publish.validate_zip import validate_release_zip

    path = Path(args.path)
    failures = validate_release_zip(path) if path.is_file() and path.suffix == ".zip" else validate_package(path)
    if failures:
        report(failures)
        return 1
    console.print(f"[green]valid[/green]: {escape(args.path)}")
    return 0


def cmd_schemas(args) -> int:
    from newsfacts.model.metadata import render_schemas, write_schemas

    schema_dir = Path(args.root).resolve() / "schemas"
    if args.check:
        stale = [
            name
            for name, data in render_schemas(schema_dir).items()
            if not (schema_dir / name).is_file() or (schema_dir / name).read_bytes() != data
        ]
        if stale:
            console.print(f"[red]out of date[/red] (run `newsfacts schemas`): {escape(', '.join(stale))}")
            return 1
        console.print("[green]schemas up to date[/green]")
        return 0
    changed = write_schemas(schema_dir)
    console.print(f"[green]schemas written[/green]: {escape(', '.join(changed)) or 'none changed'}")
    return 0


def cmd_extract(args) -> int:
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from newsfacts.corpus.run import extract_corpus

    out = Path(args.out)
    live = console.is_terminal
    bar = Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TextColumn("{task.fields[failed]}"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not live,
        auto_refresh=False,
    )  # no refresh thread: worker processes are forked from this one
    task = None

    def progress(done, total, failed):
        nonlocal task
        if task is None:
            task = bar.add_task("extract", total=total or None, rate="-", failed="")
        speed = bar.tasks[task].speed
        bar.update(
            task,
            completed=done,
            rate=f"{speed:,.1f}" if speed else "-",
            failed=f"[red]{failed} failed[/red]" if failed else "",
        )
        bar.refresh()

    def terminated(signum, frame):
        raise KeyboardInterrupt  # clean up as for Ctrl-C: staging removed, --out left as it was

    import threading

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminated) if main_thread else None
    try:
        with bar:
            summary = extract_corpus(
                args.files,
                out,
                Path(args.root).resolve(),
                workers=args.workers,
                scheduler=args.scheduler,
                parquet=args.parquet,
                max_chars=args.max_chars or None,
                timeout=args.timeout or None,
                progress=progress,
            )
    except KeyboardInterrupt:
        console.print(f"[red]interrupted[/red]: {escape(str(out))} left as it was")
        return 130
    except RuntimeError as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        console.print(
            f"[red]error[/red]: {escape(where + (exc.strerror or str(exc)))}; nothing written to {escape(str(out))}"
        )
        return 2
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    for f in summary.failed:
        sid = f" ({f.source_id})" if f.source_id else ""
        console.print(f"[red]failed[/red] {escape(f.origin)}{escape(sid)}: {escape(f.reason)}")
    if summary.failed_count > len(summary.failed):
        console.print(f"… and {summary.failed_count - len(summary.failed)} more")
    secs = max(summary.seconds, 1e-9)
    line = (
        f"extracted {summary.articles:,} article(s), {summary.words:,} words in {summary.seconds:.1f} s "
        f"({summary.articles / secs:,.1f} articles/s, {summary.words / secs:,.0f} words/s, {summary.engine})"
    )
    if summary.failed_count:
        console.print(
            f"[yellow]{escape(line)}; {summary.failed_count:,} failed, listed in "
            f"{escape(str(out / 'failures.csv'))}[/yellow]"
        )
        return 1
    console.print(f"[green]{escape(line)}; candidate tables written to {escape(str(out))}[/green]")
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
        console.print(
            escape(f"version bump {d.old_version} → {d.new_version} is {d.bump}, but the changes need {d.required}"),
            style="red",
        )
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


def cmd_restamp(args) -> int:
    from newsfacts.package.restamp import restamp

    path = restamp(
        Path(args.root).resolve(), args.source_id, frozenset(args.accept), log=lambda line: console.print(escape(line))
    )
    console.print(f"[green]review rewritten[/green]: {escape(str(path))} (check with `newsfacts diff HEAD .`)")
    return 0


def cmd_evaluate(args) -> int:
    from newsfacts.curate.inputs import Paths, read_actors
    from newsfacts.publish.evaluate import COLUMNS, METRICS, evaluate, read_targets, target_lines, to_csv

    root = Path(args.root).resolve()
    targets = read_targets(Path(args.directory))
    rows, totals = evaluate(Path(args.directory), read_actors(Paths(root)))
    table = Table(title=f"raw extractor on {args.directory} (out of sample)")
    shown = [c for c in COLUMNS if c in METRICS or c == "scope"]
    for col in shown:
        table.add_column(col.replace("_", " "), overflow="fold")
    for r in rows if args.per_excerpt else rows[:3]:
        table.add_row(*("" if r[c] is None else str(r[c]) for c in shown))
    Console(highlight=False, width=max(160, Console().width)).print(table)
    for line in target_lines(targets, next(r for r in rows if r["scope"] == "all")):
        print(line)
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


EXTRACT_HELP = """\
Candidate tables (no review applied) for article texts, as a data package in DIR:
data/<table>.csv (and .parquet with --parquet), schemas/, datapackage.json, and failures.csv
listing the articles that could not be extracted (origin, reason). Articles are read and
written as a stream, so a corpus of any size runs in constant memory; rows are in input
order (files as given, a directory's files sorted by path, JSON Lines in line order) and
are byte-identical whatever --workers or --scheduler.

datapackage.json lists each table's CSV as a resource (<table>, with bytes and sha256) and,
with --parquet, each Parquet file as a resource of its own (<table>-parquet): the same rows
in the same order and the same Table Schema, columns typed (integer int64, number float64,
boolean, date date32, the rest string; an empty cell is null), with its sha256 but no byte
count (frictionless, which validates both formats, cannot count a Parquet file's bytes).
`newsfacts validate DIR` checks both, and that each Parquet file holds its CSV's rows, typed.

Inputs: a text file is one article; its source id is its file name slugified (-2, -3 on a
clash). A JSON Lines file holds one article per line: {"id": ..., "text": ...} and optionally
"outlet", "published_date" (YYYY-MM-DD), "authors" (a string or a list), "headline", "url",
"language" (ISO 639-1); ids are slugified and must be unique.

Exit status: 0 all articles extracted; 1 some failed (the others are written; see
failures.csv); 2 a usage or input error (nothing written); 130 interrupted.

On a Dask cluster (pip install 'newsfacts[cluster]', the same newsfacts version everywhere):
  scheduler machine:  dask scheduler --port 8786
  each worker:        dask worker tcp://SCHEDULER:8786 --nworkers auto --nthreads 1
  here:               newsfacts extract corpus.jsonl --out DIR --scheduler tcp://SCHEDULER:8786
Workers need newsfacts, not the corpus: texts go to them through the scheduler, rows come back
and are written here. A worker with other newsfacts code is refused (its fingerprint differs).
--timeout holds there as here: Dask runs tasks in threads, which the alarm that stops an article
cannot reach, so with --timeout each worker thread extracts in a child process of its own
(`python -m newsfacts.corpus.sandbox`, started once; one more extractor in memory per thread
until the run ends).
"""


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number")
    return int(value)


MAX_TIMEOUT = 2**31 - 1  # what an interval timer holds everywhere (68 years)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= MAX_TIMEOUT:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds from 0 (no limit) to {MAX_TIMEOUT}")
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="newsfacts", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newsfacts {__version__}")
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str):
        return sub.add_parser(name, help=summary, description=f"{summary}. {description}")

    command(
        "build",
        "extract, review, validate and write data/*.csv and datapackage.json",
        "Reads data/raw/ (articles, sources.yaml, actors.yaml, reviews/), validates everything in a "
        "staging directory and switches the outputs only when it passes. Fails when a `published` "
        "source has unreviewed rows.",
    )
    p = command(
        "validate",
        "validate a data package directory or a release zip",
        "Frictionless, pandera and the cross-table rules; one line per failure. Exit status: 0 valid; "
        "1 validation failures; 2 a package it cannot check (one line naming the file and the resource, "
        "table or field: a descriptor or Table Schema that is malformed or outside what newsfacts reads, "
        "a resource file outside the package).",
    )
    p.add_argument("path", nargs="?", default=".")
    p = command(
        "schemas",
        "write schemas/<table>.schema.yaml from schemas/fields.yaml and schemas/tables/",
        "The published Table Schemas are generated: shared fields are defined once.",
    )
    p.add_argument("--check", action="store_true", help="exit 1 when a generated schema differs from the file")
    p = sub.add_parser(
        "extract",
        help="candidate tables for article texts or a whole corpus, no review applied",
        description=EXTRACT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="INPUT",
        help="article text files, directories (every *.txt below, recursively) or JSON Lines files (*.jsonl, *.ndjson)",
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="output directory: new, empty, or made by an earlier `newsfacts extract`",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes on this machine (default: the number of cores)",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://SCHEDULER-HOST:8786)",
    )
    p.add_argument(
        "--parquet",
        action="store_true",
        help="also write data/<table>.parquet (the same rows, typed; resource <table>-parquet in datapackage.json)",
    )
    p.add_argument(
        "--max-chars",
        type=_count,
        default=1_000_000,
        metavar="N",
        help="articles longer than N characters fail instead of running for long (default: 1,000,000; 0: no limit)",
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=0,
        metavar="SECONDS",
        help="an article that takes longer fails (listed in failures.csv) and the run goes on (default: 0, no "
        "limit; on Dask workers each worker thread extracts in a child process, where the limit holds)",
    )
    p = command(
        "quality",
        "extractor precision and recall from the reviews",
        "Compares the extractor's candidates with the reviewed rows (reports/quality.csv).",
    )
    p.add_argument("--out", default=None)
    p = command(
        "findings",
        "cross-source comparison of figures (reports/findings.csv)",
        "Lists figures that different outlets report for the same quantity.",
    )
    p.add_argument("--out", default=None)
    p = command(
        "diff",
        "rows and schema changes between two package versions",
        "Drafts the CHANGELOG entry and exits 1 when the version bump is smaller than the change needs.",
    )
    p.add_argument("old", help="zip, directory or git ref")
    p.add_argument("new", help="zip, directory or git ref")
    p = command(
        "export",
        "export the tables to SQLite with primary and foreign keys",
        "Published sources only, as in the release.",
    )
    p.add_argument("--sqlite", required=True, metavar="PATH")
    p = command(
        "candidates",
        "a source's extractor candidates and their candidates_sha256",
        "What a review file is made against: every candidate row of one source.",
    )
    p.add_argument("source_id")
    p = command(
        "release",
        "write dist/<name>-<version>.zip from the built package",
        "A standard zipped Data Package (published sources only; CSV, Parquet, SQLite). The bytes "
        "must match the version's entry in releases.yaml; a released version is never overwritten.",
    )
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--recut", action="store_true", help="record this cut as the current version's pending entry in releases.yaml"
    )
    g.add_argument(
        "--freeze",
        action="store_true",
        help="mark the current version's pending entry released (data and ledger committed first)",
    )
    p = command(
        "restamp",
        "carry a completed review over to changed extractor candidates",
        "Rewrites data/raw/reviews/SOURCE.yaml so that, applied to what the extractor proposes now, it "
        "gives back the published rows: amendments for values the extractor no longer proposes, added "
        "rows for rows it no longer finds, rejections for new candidates. Prints every change.",
    )
    p.add_argument("source_id")
    p.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="FIELD",
        help="take the new candidates' value of FIELD (a coding rule that changed on purpose)",
    )
    p = command(
        "evaluate",
        "score the raw extractor on an annotated set (benchmarks/devset)",
        "Out-of-sample quote, speaker, kind and figure scores per excerpt and for the develop and "
        "check halves; matching as in the set's GUIDE.md.",
    )
    p.add_argument("directory", help="folder of <id>.txt excerpts with <id>.yaml answer keys")
    p.add_argument("--out", default=None, help="write the scores as CSV (reports/evaluation.csv)")
    p.add_argument("--per-excerpt", action="store_true", help="print a row per excerpt too")
    p.add_argument("--misses", action="store_true", help="list every wrong speaker and missed figure")
    args = parser.parse_args(argv)
    if args.command == "extract" and args.scheduler and args.workers:
        parser.error("extract: --workers and --scheduler exclude each other (the cluster's workers do the work)")
    handlers = {
        "build": cmd_build,
        "validate": cmd_validate,
        "extract": cmd_extract,
        "quality": cmd_quality,
        "findings": cmd_findings,
        "diff": cmd_diff,
        "export": cmd_export,
        "candidates": cmd_candidates,
        "schemas": cmd_schemas,
        "release": cmd_release,
        "evaluate": cmd_evaluate,
        "restamp": cmd_restamp,
    }
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


HINTS = {
    errno.ENOSPC: "free some disk space and run it again",
    errno.EDQUOT: "free some disk space and run it again",
    errno.EACCES: "check its permissions (read-only?) and run it again",
    errno.EPERM: "check its permissions and attributes (chattr -i?) and run it again",
    errno.EROFS: "the filesystem is read-only; work on a writable copy",
    errno.EISDIR: "give a file path instead",
    errno.ENOENT: "check the path",
    errno.ENOTDIR: "check the path",
}


def os_error_message(exc: OSError) -> str:
    """One line: the file, what the system said, and what to do."""
    where = exc.filename2 or exc.filename
    prefix = f"{where}: " if where else ""
    hint = HINTS.get(exc.errno, "check the file and run it again") if exc.errno is not None else "check the file"
    return f"{prefix}{exc.strerror or exc}; {hint}"


if __name__ == "__main__":
    sys.exit(main())
