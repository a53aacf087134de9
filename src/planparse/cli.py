"""The `planparse` command: a thin Typer layer over the library.

Each command parses its options and calls the public API (`planparse.batch`,
`planparse.validate`, `planparse.overlay`, `planparse.schema`); what a run prints comes
from `planparse.runlog`. Every line written to standard error starts with "planparse: ".

Exit codes: 0 every input gave a plan; 1 one or more inputs failed (or, with --strict, a
page could not be read); 2 usage error; 130 / 143 stopped by Ctrl-C / SIGTERM.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum, StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from .batch import (
    BatchResult,
    ExtractOptions,
    FileResult,
    Task,
    check_report_path,
    expand_inputs,
    format_for,
    plan_tasks,
    run_batch,
)
from .database import extract_to_database
from .deadlines import parse_as_of
from .diff import FAIL_ON_NAMES, diff_plans, fail_on_hits
from .diff.formats import DIFF_FORMATS, diff_format_for
from .errors import PlanparseError, UsageError
from .exporters import EXPORTERS
from .inputs import LoadedPlan, load_plan
from .limits import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, Limits
from .logs import capture_logs
from .overlay import PageNotFound, draw_page
from .repairs import REPAIR_NAMES
from .report import render_report
from .runlog import PREFIX, closing_lines, file_lines
from .schema import schema_text
from .settings import Settings
from .tables import FINDERS, Area
from .tables.manual import parse_columns
from .validate import validate_file
from .version import __version__
from .workers import stop_on_signals
from .writing import atomic_output, write_text

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = (
    "Exit codes: 0 every input gave a plan; 1 one or more inputs failed (each named on "
    "stderr), or with --strict a page could not be read; 2 usage error; 130 / 143 "
    "stopped by Ctrl-C / SIGTERM."
)

errors = Console(stderr=True, highlight=False, soft_wrap=True)


def say(lines: Sequence[str]) -> None:
    for line in lines:
        errors.print(line, markup=False)


class _Group(TyperGroup):
    """Typer's group, with usage errors and interrupts reported in planparse's own
    one-line form instead of a framed panel."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.Abort:
            say([f"{PREFIX}interrupted"])
            code = EXIT_INTERRUPTED
        except typer.TyperException as exc:  # click's usage errors, as Typer ships them
            context = getattr(exc, "ctx", None)
            hint = f" (see '{context.command_path} --help')" if context is not None else ""
            message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
            say([f"{PREFIX}error: {' '.join(message.split())}{hint}"])
            code = getattr(exc, "exit_code", EXIT_USAGE)
        if not standalone_mode:
            return code
        sys.exit(code or EXIT_OK)


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Turn the action-plan tables in council PDFs into clean, validated records.",
    epilog=EPILOG,
)

Format = Enum("Format", {name: name for name in EXPORTERS}, type=str)  # type: ignore[misc]
Finder = Enum("Finder", {name: name for name in FINDERS}, type=str)  # type: ignore[misc]
DiffFormat = Enum("DiffFormat", {n: n for n in DIFF_FORMATS}, type=str)  # type: ignore[misc]


class OcrChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class SchemaChoice(StrEnum):
    plan = "plan"
    diff = "diff"


OcrOption = Annotated[
    OcrChoice, typer.Option("--ocr", help="As for extract.", case_sensitive=False)
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planparse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn the action-plan tables in council PDFs into clean, validated records."""


def parse_pages(spec: str | None) -> tuple[int, ...] | None:
    """'1-3,7' -> (1, 2, 3, 7)."""
    if not spec:
        return None
    pages: list[int] = []
    try:
        for part in spec.split(","):
            first, _, last = part.strip().partition("-")
            low, high = int(first), int(last or first)
            if low < 1 or high < low:
                raise ValueError
            pages.extend(range(low, high + 1))
    except ValueError:
        raise typer.BadParameter(f"{spec!r} is not a page list like 1-3,7") from None
    return tuple(pages)


@app.command("extract", epilog=EPILOG)
def extract_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="PDF files, or folders to search for PDFs.", metavar="PDF..."),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (one input), or folder for several "
            "inputs (writes FOLDER/<pdf name>.json). Default: standard output.",
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the -o suffix, else json): "
            + "; ".join(f"{e.name}: {e.description}" for e in EXPORTERS.values())
            + ".",
            case_sensitive=False,
        ),
    ] = None,
    pages: Annotated[
        str | None, typer.Option("--pages", "-p", help="Pages to read, e.g. 1-3,7.")
    ] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="Password of an encrypted PDF.")
    ] = None,
    skip_repair: Annotated[
        list[str] | None,
        typer.Option(
            "--skip-repair",
            help="Turn off a repair by name (repeatable): " + ", ".join(REPAIR_NAMES) + ".",
        ),
    ] = None,
    ocr: Annotated[
        OcrChoice,
        typer.Option(
            "--ocr",
            help="OCR scanned pages (auto), every page (always) or none.",
            case_sensitive=False,
        ),
    ] = OcrChoice.auto,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes to use: files in parallel for several inputs, pages to OCR for one.",
        ),
    ] = 1,
    tables: Annotated[
        Finder,
        typer.Option(
            "--tables",
            help="Table finder: auto (native, and camelot's lattice where rules may be "
            "drawn as pictures), native, or one of camelot's flavours.",
            case_sensitive=False,
        ),
    ] = Finder.auto,  # type: ignore[attr-defined]
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="GROUP.NAME=VALUE",
            help="Change one setting (repeatable), e.g. stream.max_body_gap=3.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="A TOML file of settings ([stream] max_body_gap = 3)."),
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area",
            metavar="PAGE:X0,TOP,X1,BOTTOM",
            help="Look for tables only inside this area of the page, in points from the "
            "top-left corner (repeatable).",
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="X1,X2,...",
            help="The lines between columns, in points: each --area (or each whole page) "
            "is read as one table on them.",
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            help=f"Seconds one file may take; 0: no limit. [default: {DEFAULT_TIMEOUT:g}]",
            show_default=False,
        ),
    ] = DEFAULT_TIMEOUT,
    max_memory: Annotated[
        int,
        typer.Option(
            "--max-memory",
            min=0,
            metavar="MB",
            help=f"Memory one file may use; 0: no limit. [default: {DEFAULT_MAX_MEMORY_MB}]",
            show_default=False,
        ),
    ] = DEFAULT_MAX_MEMORY_MB,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Also write a JSON Lines report of the run: a line per input as it "
            "finishes, then a summary line.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 when a page could not be read (for CI)."),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No progress bar; no warnings but those of unread pages."
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also show the PDF libraries' messages and tracebacks."
        ),
    ] = False,
) -> None:
    """Extract the action-plan records of PDF files as JSON (or CSV, XLSX, SQLite, a
    table)."""
    try:
        format_name = format_for(fmt.value if fmt else None, output)
        found = expand_inputs(inputs)
        several = len(found.files) + len(found.problems) > 1 or found.had_folder
        options = ExtractOptions(
            parse_pages(pages),
            password,
            tuple(skip_repair or ()),
            ocr.value,
            1 if several else jobs,  # files are the parallel unit of a batch
            format_name,
            tables.value,
            read_settings(config, set_ or []),
            tuple(Area.parse(a) for a in area or ()),
            parse_columns(columns) if columns else (),
        )
        tasks = plan_output(found.files, output, format_name, several=several)
        if report is not None:
            check_report_path(report, tasks)
    except (UsageError, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from None
    say([f"{PREFIX}warning: {path}: no PDF files in this folder" for path in found.empty_folders])
    if not tasks and not found.problems:
        _fail(f"{PREFIX}error: no PDF files to read", EXIT_FAILED)
    run = batch_runner(found.files, tasks, format_name, output)
    with stop_on_signals() as stop, _follow(len(tasks), several, quiet, verbose) as on_result:
        try:
            batch = run(
                options=options,
                jobs=jobs if several else 1,
                limits=Limits(timeout or None, max_memory or None),
                report=report,
                stop=stop,
                on_result=on_result,
                problems=found.problems,
            )
        except PlanparseError as exc:
            _fail(f"{PREFIX}error: {exc}", EXIT_FAILED)
    say(closing_lines(batch, several=several, strict=strict, quiet=quiet))
    raise typer.Exit(batch.exit_code(strict=strict))


def batch_runner(
    files: Sequence[Path], tasks: Sequence[Task], format_name: str, output: Path | None
) -> Callable[..., BatchResult]:
    """The library call that runs the batch: into one database for a format that holds a
    whole batch (SQLite), else one output per task."""
    if EXPORTERS[format_name].combined and output is not None:
        return partial(extract_to_database, files, output)
    return partial(run_batch, tasks)


def read_settings(config: Path | None, overrides: Sequence[str]) -> Settings:
    """Settings from --config and then each --set GROUP.NAME=VALUE (ValueError)."""
    settings = Settings.from_toml(config) if config is not None else Settings()
    pairs = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--set {item!r}: expected GROUP.NAME=VALUE")
        pairs[name.strip()] = value.strip()
    return Settings.from_overrides(pairs, settings)


def plan_output(
    files: Sequence[Path], output: Path | None, format_name: str, *, several: bool
) -> list[Task]:
    """The tasks of a run (UsageError for outputs that cannot work). A format that holds
    a whole batch (SQLite) writes one file, never a folder, and never to a terminal."""
    exporter = EXPORTERS[format_name]
    if exporter.combined and output is not None and output.is_dir():
        raise UsageError(f"{output} is a folder; {format_name} writes one file: -o FILE.db")
    if exporter.combined and several and output is None:
        raise UsageError("several inputs need -o FILE.db")
    if exporter.binary and output is None and sys.stdout.isatty():
        raise UsageError(f"{format_name} is binary: write it with -o FILE")
    if exporter.combined and output is not None:
        return [Task(path, output) for path in files]
    return plan_tasks(files, output, exporter.suffix, several=several)


def _fail(line: str, code: int) -> NoReturn:
    say([line])
    raise typer.Exit(code)


@contextmanager
def _follow(
    total: int, several: bool, quiet: bool, verbose: bool
) -> Iterator[Callable[[FileResult], None]]:
    """Print each finished file's lines, under a progress bar on a terminal (none when
    piped or quiet). A run of several files lists its failures in the summary."""

    def report(result: FileResult) -> None:
        say(file_lines(result, quiet=quiet, verbose=verbose, failure=not several))

    if not several or quiet or not errors.is_terminal:
        yield report
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=errors, transient=True) as progress:
        bar = progress.add_task("extracting", total=total)

        def advance(result: FileResult) -> None:
            progress.update(bar, advance=1, description=result.path.name[:40])
            report(result)

        yield advance


@app.command(epilog="Exit codes: 0 every file is valid; 1 a problem was found; 2 usage error.")
def validate(
    files: Annotated[list[Path], typer.Argument(help="planparse JSON files.", metavar="JSON...")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing when valid.")] = False,
) -> None:
    """Check JSON files against the schema and the record rules: one line per problem."""
    failed = 0
    for path in files:
        problems = validate_file(path)
        for problem in problems:
            typer.echo(problem.line(str(path)))
        failed += bool(problems)
    if not quiet:
        say([f"{PREFIX}{len(files) - failed} of {len(files)} file(s) valid"])
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command(epilog=EPILOG)
def inspect(
    pdf: Annotated[Path, typer.Argument(help="The PDF.", metavar="PDF")],
    page: Annotated[int, typer.Option("--page", "-p", min=1, help="Page to draw (1-based).")] = 1,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="PNG to write. Default: <pdf name>-p<N>.png."),
    ] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="Password of an encrypted PDF.")
    ] = None,
    ocr: Annotated[
        OcrChoice, typer.Option("--ocr", help="As for extract.", case_sensitive=False)
    ] = OcrChoice.auto,
) -> None:
    """Draw a page with the table cells, rows and record ids planparse found on it."""
    target = output or Path(f"{pdf.stem}-p{page}.png")
    try:
        with capture_logs():  # the PDF libraries' messages are not for the terminal
            picture = draw_page(pdf, page, password=password, ocr=ocr.value)
        with atomic_output(target, binary=True) as handle:
            picture.save(handle, format="PNG")
    except PageNotFound as exc:
        _fail(f"{PREFIX}error: {exc}", EXIT_USAGE)
    except PlanparseError as exc:
        _fail(f"{PREFIX}error: {exc}", EXIT_FAILED)
    except OSError as exc:
        _fail(f"{PREFIX}error: cannot write {target} ({exc.strerror or exc})", EXIT_FAILED)
    say([f"{PREFIX}wrote {target}"])


@app.command(epilog=EPILOG)
def schema(
    which: Annotated[
        SchemaChoice,
        typer.Argument(help="plan (the output of extract) or diff (the output of diff)."),
    ] = SchemaChoice.plan,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write. Default: stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of planparse's JSON output (a plan, or a diff)."""
    emit(schema_text(which.value), output)


DIFF_EPILOG = (
    "Exit codes: 0 compared (changes or not); 1 an input failed, or a --fail-on change was "
    "found; 2 usage error."
)


@app.command("diff", epilog=DIFF_EPILOG)
def diff_command(
    old: Annotated[
        Path, typer.Argument(help="The earlier edition: PDF or planparse JSON.", metavar="OLD")
    ],
    new: Annotated[
        Path, typer.Argument(help="The later edition: PDF or planparse JSON.", metavar="NEW")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write. Default: stdout.")
    ] = None,
    fmt: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json, csv (one row per change) or table (default: from the -o suffix, "
            "else json).",
            case_sensitive=False,
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when any of these changes is found, e.g. slipped,worsened,removed. "
            "Known: " + ", ".join(FAIL_ON_NAMES) + ".",
        ),
    ] = None,
    ocr: OcrOption = OcrChoice.auto,
) -> None:
    """Compare two editions of a plan: actions matched (by id, or by text), what changed,
    what was added and removed."""
    names = parse_fail_on(fail_on)
    chosen = diff_format_for(fmt.value if fmt else None, output.suffix if output else None)
    before, after = (load_or_exit(p, ocr=ocr.value) for p in (old, new))
    result = diff_plans(before.plan, after.plan)
    buffer = io.StringIO()
    chosen.write(result, buffer)
    emit(buffer.getvalue(), output)
    hits = fail_on_hits(result, names)
    if hits:
        found = ", ".join(f"{count} {name}" for name, count in hits.items())
        _fail(f"{PREFIX}--fail-on: found {found}", EXIT_FAILED)


@app.command(epilog="Exit codes: 0 report written; 1 an input failed; 2 usage error.")
def report(
    plans: Annotated[
        list[Path],
        typer.Argument(help="Plans: PDFs or planparse JSON files.", metavar="PLAN..."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="HTML file to write. Default: stdout."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Judge deadlines at this date (2020-03-31). Default: each plan's "
            "publication month.",
        ),
    ] = None,
    pdf_dir: Annotated[
        Path | None,
        typer.Option("--pdf-dir", help="Folder of the PDFs that JSON inputs were read from."),
    ] = None,
    compare: Annotated[
        bool | None,
        typer.Option(
            "--compare/--no-compare",
            help="Lead with what changed from each plan to the next (default: with two plans).",
        ),
    ] = None,
    crops: Annotated[
        bool, typer.Option("--crops/--no-crops", help="Pictures of each row from the PDF.")
    ] = True,
    ocr: OcrOption = OcrChoice.auto,
) -> None:
    """One self-contained HTML report: headline counts, status and RAG charts, overdue
    actions, the action table; with two editions, what changed leads."""
    try:
        when = parse_as_of(as_of) if as_of else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--as-of") from None
    loaded = [load_or_exit(p, pdf_dir=pdf_dir, ocr=ocr.value) for p in plans]
    emit(render_report(loaded, as_of=when, compare=compare, crops=crops), output)
    if output is not None:
        say([f"{PREFIX}wrote {output}"])


def load_or_exit(path: Path, **options: Any) -> LoadedPlan:
    """A plan from a PDF or planparse JSON file; a failure ends the run in one line."""
    try:
        with capture_logs():
            return load_plan(path, **options)
    except PlanparseError as exc:
        _fail(f"{PREFIX}error: {exc}", EXIT_FAILED)
    except Exception as exc:  # a defect, or a PDF no library can read: one line
        _fail(f"{PREFIX}error: {path}: internal error ({type(exc).__name__}: {exc})", EXIT_FAILED)


def emit(text: str, output: Path | None) -> None:
    """Text to standard output, or atomically into the -o file (one line if it cannot)."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_text(output, text)
    except OSError as exc:
        _fail(f"{PREFIX}error: cannot write {output} ({exc.strerror or exc})", EXIT_FAILED)


def parse_fail_on(spec: str | None) -> list[str]:
    names = [n.strip() for n in (spec or "").split(",") if n.strip()]
    unknown = [n for n in names if n not in FAIL_ON_NAMES]
    if unknown:
        raise typer.BadParameter(
            f"unknown change {', '.join(unknown)}; known: {', '.join(FAIL_ON_NAMES)}",
            param_hint="--fail-on",
        )
    return names


def main() -> None:
    """Console-script entry point."""
    app(prog_name="planparse")
