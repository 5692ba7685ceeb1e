"""The newsfacts command line: a thin layer over the pipeline functions."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsfacts.errors import InputError

console = Console(stderr=True, highlight=False, soft_wrap=True)
ROOT = Path.cwd()


class ValidationError(Exception):
    def __init__(self, failures):
        self.failures = failures
        super().__init__(f"{len(failures)} validation failure(s)")


def report(failures) -> None:
    table = Table(title=f"{len(failures)} validation failure(s)", show_lines=False)
    for col in ("table", "row", "field", "rule", "message"):
        table.add_column(col, overflow="fold")
    for f in failures[:500]:
        table.add_row(f.table, "" if f.row is None else str(f.row), f.field or "", f.rule, f.message)
    console.print(table)
    if len(failures) > 500:
        console.print(f"… and {len(failures) - 500} more")


def _check(staging: Path) -> None:
    from newsfacts.validate import validate_package

    failures = validate_package(staging)
    if failures:
        raise ValidationError(failures)


def cmd_build(args) -> int:
    from newsfacts.build import build_tables, render_package, write_atomically

    root = Path(args.root).resolve()
    notices: list[str] = []
    with console.status("extracting") as status:
        tables = build_tables(root, progress=lambda sid: status.update(f"extracted {sid}"), notices=notices)
        status.update("validating")
        write_atomically(root, render_package(root, tables), _check)
    for notice in notices:
        console.print(f"[yellow]review notice[/yellow]: {notice}")
    counts = ", ".join(f"{n} {t}" for t, n in ((t, len(df)) for t, df in tables.items()))
    console.print(f"[green]built and validated[/green]: {counts}")
    return 0


def cmd_validate(args) -> int:
    from newsfacts.validate import validate_package

    failures = validate_package(Path(args.path))
    if failures:
        report(failures)
        return 1
    console.print(f"[green]valid[/green]: {args.path}")
    return 0


def cmd_extract(args) -> int:
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from newsfacts.corpus.run import extract_corpus

    out = Path(args.out)
    live = console.is_terminal
    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]} articles/s"), TextColumn("{task.fields[failed]}"),
                   TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True, disable=not live,
                   auto_refresh=False)  # no refresh thread: worker processes are forked from this one
    task = None

    def progress(done, total, failed):
        nonlocal task
        if task is None:
            task = bar.add_task("extract", total=total or None, rate="-", failed="")
        speed = bar.tasks[task].speed
        bar.update(task, completed=done, rate=f"{speed:,.1f}" if speed else "-",
                   failed=f"[red]{failed} failed[/red]" if failed else "")
        bar.refresh()

    def terminated(signum, frame):
        raise KeyboardInterrupt  # clean up as for Ctrl-C: staging removed, --out left as it was

    import threading

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, terminated) if main_thread else None
    try:
        with bar:
            summary = extract_corpus(args.files, out, Path(args.root).resolve(), workers=args.workers,
                                     scheduler=args.scheduler, parquet=args.parquet, max_chars=args.max_chars or None,
                                     progress=progress)
    except KeyboardInterrupt:
        console.print(f"[red]interrupted[/red]: {escape(str(out))} left as it was")
        return 130
    except RuntimeError as exc:
        console.print(f"[red]error[/red]: {escape(str(exc))}")
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        console.print(f"[red]error[/red]: {escape(where + (exc.strerror or str(exc)))}; nothing written to {escape(str(out))}")
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
    line = (f"extracted {summary.articles:,} article(s), {summary.words:,} words in {summary.seconds:.1f} s "
            f"({summary.articles / secs:,.1f} articles/s, {summary.words / secs:,.0f} words/s, {summary.engine})")
    if summary.failed_count:
        console.print(f"[yellow]{escape(line)}; {summary.failed_count:,} failed, listed in "
                      f"{escape(str(out / 'failures.csv'))}[/yellow]")
        return 1
    console.print(f"[green]{escape(line)}; candidate tables written to {escape(str(out))}[/green]")
    return 0


def cmd_quality(args) -> int:
    from newsfacts.quality import write_quality

    path = write_quality(Path(args.root).resolve(), Path(args.out) if args.out else None)
    console.print(f"[green]quality report written to[/green] {path}")
    return 0


def cmd_findings(args) -> int:
    from newsfacts.findings import write_findings

    path = write_findings(Path(args.root).resolve(), Path(args.out) if args.out else None)
    console.print(f"[green]cross-source findings written to[/green] {path}")
    return 0


def cmd_diff(args) -> int:
    from newsfacts.diff import LEVELS, diff_packages, render

    d = diff_packages(args.old, args.new, Path(args.root).resolve())
    sys.stdout.write(render(d))
    if LEVELS[d.bump] < LEVELS[d.required]:
        console.print(f"[red]version bump {d.old_version} → {d.new_version} is {d.bump}, "
                      f"but the changes need {d.required}[/red]")
        return 1
    return 0


def cmd_export(args) -> int:
    from newsfacts.export import export_sqlite

    path = export_sqlite(Path(args.root).resolve(), Path(args.sqlite))
    console.print(f"[green]SQLite database written to[/green] {path}")
    return 0


def cmd_candidates(args) -> int:
    from newsfacts.candidates import print_candidates

    print_candidates(Path(args.root).resolve(), args.source_id)
    return 0


def cmd_release(args) -> int:
    from newsfacts.release import release

    path = release(Path(args.root).resolve())
    console.print(f"[green]release written to[/green] {path}")
    return 0


EXTRACT_HELP = """\
Candidate tables (no review applied) for article texts, as a data package in DIR:
data/<table>.csv (and .parquet with --parquet), schemas/, datapackage.json, and failures.csv
listing the articles that could not be extracted (origin, reason). Articles are read and
written as a stream, so a corpus of any size runs in constant memory; rows are in input
order (files as given, a directory's files sorted by path, JSON Lines in line order) and
are byte-identical whatever --workers or --scheduler.

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
"""


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number")
    return int(value)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="newsfacts", description=__doc__)
    parser.add_argument("--root", default=str(ROOT), help="project root (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="extract, review, validate and write data/*.csv and datapackage.json")
    p = sub.add_parser("validate", help="validate a data package directory")
    p.add_argument("path", nargs="?", default=".")
    p = sub.add_parser("extract", help="candidate tables for article texts or a whole corpus, no review applied",
                       description=EXTRACT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="INPUT",
                   help="article text files, directories (every *.txt below, recursively) or JSON Lines files "
                        "(*.jsonl, *.ndjson)")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output directory: new, empty, or made by an earlier `newsfacts extract`")
    p.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="worker processes on this machine (default: the number of cores)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://SCHEDULER-HOST:8786)")
    p.add_argument("--parquet", action="store_true", help="also write data/<table>.parquet")
    p.add_argument("--max-chars", type=_count, default=1_000_000, metavar="N",
                   help="articles longer than N characters fail instead of running for long (default: "
                        "1,000,000; 0: no limit)")
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
    if args.command == "extract" and args.scheduler and args.workers:
        parser.error("extract: --workers and --scheduler exclude each other (the cluster's workers do the work)")
    handlers = {"build": cmd_build, "validate": cmd_validate, "extract": cmd_extract, "quality": cmd_quality, "findings": cmd_findings, "diff": cmd_diff, "export": cmd_export, "candidates": cmd_candidates,
                "release": cmd_release}
    try:
        return handlers[args.command](args)
    except InputError as exc:
        console.print(f"[red]error[/red]: {exc}")
        return 2
    except ValidationError as exc:
        report(exc.failures)
        console.print("[red]build failed validation; previous outputs left unchanged[/red]")
        return 1


if __name__ == "__main__":
    sys.exit(main())
