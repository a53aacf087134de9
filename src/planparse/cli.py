"""The `planparse` command: a thin Typer layer over the library.

Each command parses its options and calls the public API (`planparse.batch`,
`planparse.validate`, `planparse.overlay`, `planparse.schema`); what a run prints comes
from `planparse.runlog`. Every line written to standard error starts with "planparse: ".

Exit codes: 0 every input gave a plan; 1 one or more inputs failed (or, with --strict, a
page could not be read); 2 usage error; 130 / 143 stopped by Ctrl-C / SIGTERM.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from .batch import (
    ExtractOptions,
    FileResult,
    check_report_path,
    expand_inputs,
    format_for,
    plan_tasks,
    run_batch,
)
from .errors import PlanparseError, UsageError
from .exporters import EXPORTERS
from .limits import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, Limits
from .logs import capture_logs
from .overlay import PageNotFound, draw_page
from .repairs import REPAIR_NAMES
from .runlog import PREFIX, closing_lines, file_lines
from .schema import schema_text
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


class OcrChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


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
            help="Output format (default: from the -o suffix, else json).",
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
    """Extract the action-plan records of PDF files as JSON (or CSV, XLSX, a table)."""
    try:
        format_name = format_for(fmt.value if fmt else None, output)
        found = expand_inputs(inputs)
        several = len(found.files) + len(found.problems) > 1 or found.had_folder
        ocr_jobs = 1 if several else jobs  # files are the parallel unit of a batch
        options = ExtractOptions(
            parse_pages(pages), password, tuple(skip_repair or ()), ocr.value, ocr_jobs, format_name
        )
        tasks = plan_tasks(found.files, output, EXPORTERS[format_name].suffix, several=several)
        if report is not None:
            check_report_path(report, tasks)
        if EXPORTERS[format_name].binary and output is None and sys.stdout.isatty():
            raise UsageError(f"{format_name} is binary: write it with -o FILE")
    except (UsageError, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from None
    say([f"{PREFIX}warning: {path}: no PDF files in this folder" for path in found.empty_folders])
    if not tasks and not found.problems:
        _fail(f"{PREFIX}error: no PDF files to read", EXIT_FAILED)
    limits = Limits(timeout or None, max_memory or None)
    with stop_on_signals() as stop, _follow(len(tasks), several, quiet, verbose) as on_result:
        try:
            batch = run_batch(
                tasks,
                options,
                jobs=jobs if several else 1,
                limits=limits,
                report=report,
                stop=stop,
                on_result=on_result,
                problems=found.problems,
            )
        except PlanparseError as exc:
            _fail(f"{PREFIX}error: {exc}", EXIT_FAILED)
    say(closing_lines(batch, several=several, strict=strict, quiet=quiet))
    raise typer.Exit(batch.exit_code(strict=strict))


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
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write. Default: stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of planparse's JSON output."""
    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_text(output, text)
    except OSError as exc:
        _fail(f"{PREFIX}error: cannot write {output} ({exc.strerror or exc})", EXIT_FAILED)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="planparse")
