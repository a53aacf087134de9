"""The `planparse` command: a thin Typer layer over planparse.extract() and the exporters.

Exit codes: 0 every input gave a plan; 1 one or more inputs failed (unreadable, not a
PDF, encrypted, no action table), each named on stderr in one line; 2 usage error.
"""

from __future__ import annotations

import io
import json
import signal
import sys
from collections.abc import Callable
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .batch import FileResult, atomic_output, extract_file, run_batch
from .database import DatabaseError, staged_database
from .deadlines import parse_as_of
from .diff import FAIL_ON_NAMES, diff_plans, fail_on_hits
from .diff.formats import DIFF_FORMATS, diff_format_for
from .errors import PlanparseError
from .exporters import EXPORTERS, Exporter, exporter_for_suffix, get_exporter
from .inputs import LoadedPlan, load_plan
from .overlay import PageNotFound, draw_page
from .repairs import REPAIR_NAMES
from .report import render_report
from .schema import schema_text
from .validate import validate_file
from .version import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

EPILOG = (
    "Exit codes: 0 every input gave a plan; 1 one or more inputs failed (each named on "
    "stderr); 2 usage error."
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn the action-plan tables in council PDFs into clean, validated records.",
    epilog=EPILOG,
)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

Format = Enum("Format", {name: name for name in EXPORTERS}, type=str)  # type: ignore[misc]
DiffFormatChoice = Enum("DiffFormatChoice", {n: n for n in DIFF_FORMATS}, type=str)  # type: ignore[misc]


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


def parse_pages(spec: str | None) -> list[int] | None:
    """'1-3,7' -> [1, 2, 3, 7]."""
    if not spec:
        return None
    pages: list[int] = []
    try:
        for part in spec.split(","):
            part = part.strip()
            if "-" in part:
                first, last = (int(x) for x in part.split("-", 1))
                if first < 1 or last < first:
                    raise ValueError
                pages.extend(range(first, last + 1))
            else:
                number = int(part)
                if number < 1:
                    raise ValueError
                pages.append(number)
    except ValueError:
        raise typer.BadParameter(f"{spec!r} is not a page list like 1-3,7") from None
    return pages


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders walked for PDFs (sorted, so runs are repeatable)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
            if not found:
                errors.print(f"planparse: warning: {path}: no PDF files in this folder")
            out.extend(found)
        else:
            out.append(path)
    return out


def choose_exporter(fmt: str | None, output: Path | None) -> Exporter:
    if fmt:
        return get_exporter(fmt)
    if output is not None and output.suffix:
        return exporter_for_suffix(output.suffix) or get_exporter("json")
    return get_exporter("json")


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
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Also write a JSON summary of the run to this file."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, no warnings.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show a traceback when a file fails.")
    ] = False,
) -> None:
    """Extract the action-plan records of PDF files as JSON (or CSV, XLSX, a table)."""
    page_list = parse_pages(pages)
    unknown = set(skip_repair or ()) - set(REPAIR_NAMES)
    if unknown:
        raise typer.BadParameter(
            f"unknown repair {', '.join(sorted(unknown))}; known: {', '.join(REPAIR_NAMES)}",
            param_hint="--skip-repair",
        )
    files = expand_inputs(inputs)
    exporter = choose_exporter(fmt.value if fmt else None, output)
    several = len(files) > 1 or any(p.is_dir() for p in inputs)
    if exporter.combined:
        check_combined_output(exporter, output, several)
    elif several and output is None:
        raise typer.BadParameter("several inputs need -o FOLDER", param_hint="--output")
    elif several and output is not None and output.exists() and not output.is_dir():
        raise typer.BadParameter(
            f"{output} is a file; several inputs need a folder", param_hint="--output"
        )
    if exporter.binary and output is None and sys.stdout.isatty():
        raise typer.BadParameter(f"{exporter.name} is binary: write it with -o FILE")
    if not files:
        errors.print("planparse: error: no PDF files to read")
        raise typer.Exit(EXIT_FAILED)
    options = {
        "pages": page_list,
        "password": password,
        "skip_repairs": tuple(skip_repair or ()),
        "ocr": ocr.value,
        "jobs": jobs,
    }
    if exporter.combined and output is not None:
        extract_combined(files, output, options, report, quiet=quiet, verbose=verbose)
    if not several:
        target = (
            output / f"{files[0].stem}{exporter.suffix}" if output and output.is_dir() else output
        )
        result = extract_file(files[0], target, exporter.name, options)
        report_file(result, quiet=quiet, verbose=verbose, warnings=True)
        if report is not None:
            write_report([result], report)
        raise typer.Exit(EXIT_OK if result.ok else EXIT_FAILED)
    assert output is not None
    work = list(zip(files, output_paths(files, output, exporter.suffix), strict=True))
    results = run_with_progress(work, exporter.name, options, jobs, quiet=quiet, verbose=verbose)
    print_summary(results, quiet=quiet)
    if report is not None:
        write_report(results, report)
    raise typer.Exit(EXIT_FAILED if any(not r.ok for r in results) else EXIT_OK)


def check_combined_output(exporter: Exporter, output: Path | None, several: bool) -> None:
    """A format that holds a whole batch in one file takes -o FILE, never a folder."""
    if output is not None and output.is_dir():
        raise typer.BadParameter(
            f"{output} is a folder; {exporter.name} writes one file: -o FILE{exporter.suffix}",
            param_hint="--output",
        )
    if several and output is None:
        raise typer.BadParameter(
            f"several inputs need -o FILE{exporter.suffix}", param_hint="--output"
        )


def extract_combined(
    files: list[Path],
    target: Path,
    options: dict[str, Any],
    report: Path | None,
    *,
    quiet: bool,
    verbose: bool,
) -> None:
    """Every input into the one database at `target` (planparse.database does the work),
    reported as a batch is; ends the run with its exit code."""
    try:
        with staged_database(target) as stage:
            work = stage.work(files)
            results = run_with_progress(
                work, "json", options, options["jobs"], quiet=quiet, verbose=verbose
            )
            results = stage.commit(results)
    except DatabaseError as exc:
        errors.print(f"planparse: error: {exc}", markup=False)
        raise typer.Exit(EXIT_FAILED) from None
    if len(results) > 1:
        print_summary(results, quiet=quiet)
    else:  # one file: its failure in one line, as extract says it
        report_file(results[0], quiet=quiet, verbose=False, warnings=False)
    if report is not None:
        write_report(results, report)
    raise typer.Exit(EXIT_FAILED if any(not r.ok for r in results) else EXIT_OK)


def output_paths(files: list[Path], folder: Path, suffix: str) -> list[Path]:
    """FOLDER/<pdf name><suffix> for each input; a name already taken gets -2, -3..."""
    taken: set[str] = set()
    paths = []
    for path in files:
        name, count = path.stem, 1
        while name.casefold() in taken:
            count += 1
            name = f"{path.stem}-{count}"
        taken.add(name.casefold())
        paths.append(folder / f"{name}{suffix}")
    return paths


def report_file(
    result: FileResult, *, quiet: bool, verbose: bool, warnings: bool, failure: bool = True
) -> None:
    """One line per failure (the traceback too with -v); a file's warnings unless quiet."""
    if not result.ok:
        if failure:
            errors.print(f"planparse: error: {result.error}", markup=False)
        if verbose and result.details:
            errors.print(result.details, markup=False)
        return
    if warnings and not quiet:
        for message in result.warnings:
            errors.print(f"planparse: warning: {result.path.name}: {message}", markup=False)


def run_with_progress(
    work: list[tuple[Path, Path | None]],
    format_name: str,
    options: dict[str, Any],
    jobs: int,
    *,
    quiet: bool,
    verbose: bool,
) -> list[FileResult]:
    """Run the batch with a progress bar on a terminal (none when piped or quiet)."""
    show = errors.is_terminal and not quiet
    if not show:
        return run_batch(
            work,
            format_name,
            options,
            jobs=jobs,
            on_done=lambda r: report_file(
                r, quiet=quiet, verbose=verbose, warnings=True, failure=False
            ),
        )
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task("extracting", total=len(work))

        def done(result: FileResult) -> None:
            progress.advance(task)
            progress.update(task, description=result.path.name[:40])
            report_file(result, quiet=quiet, verbose=verbose, warnings=True, failure=False)

        return run_batch(work, format_name, options, jobs=jobs, on_done=done)


def print_summary(results: list[FileResult], *, quiet: bool) -> None:
    failed = [r for r in results if not r.ok]
    if quiet and not failed:
        return
    pages = sum(r.pages for r in results)
    records = sum(r.records for r in results)
    warnings = sum(len(r.warnings) for r in results)
    errors.print(
        f"planparse: {len(results)} file(s), {len(results) - len(failed)} extracted: "
        f"{pages} page(s), {records} record(s), {warnings} warning(s)"
        + (f"; {len(failed)} failed:" if failed else "")
    )
    for result in failed:
        errors.print(f"  [{result.kind}] {result.error}", markup=False)


def write_report(results: list[FileResult], target: Path) -> None:
    """A JSON run summary for scripts: one entry per input, in input order."""
    entries = [
        {
            "file": str(r.path),
            "output": str(r.output) if r.output and r.ok else None,
            "ok": r.ok,
            "pages": r.pages,
            "records": r.records,
            "warnings": list(r.warnings),
            "error": r.error,
            "kind": r.kind,
        }
        for r in results
    ]
    text = json.dumps({"files": entries}, indent=2, ensure_ascii=False) + "\n"
    write_text(target, text)


def write_text(target: Path, text: str) -> None:
    """Write a text file atomically; a path that cannot be written ends the run in one line."""
    try:
        with atomic_output(target, binary=False) as handle:
            handle.write(text)  # type: ignore[arg-type]
    except OSError as exc:
        errors.print(f"planparse: error: cannot write {target}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_FAILED) from None


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
        errors.print(f"planparse: {len(files) - failed} of {len(files)} file(s) valid")
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
        picture = draw_page(pdf, page, password=password, ocr=ocr.value)
        with atomic_output(target, binary=True) as handle:
            picture.save(handle, format="PNG")
    except PageNotFound as exc:
        errors.print(f"planparse: error: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    except PlanparseError as exc:
        errors.print(f"planparse: error: {exc}", markup=False)
        raise typer.Exit(EXIT_FAILED) from None
    except OSError as exc:
        errors.print(f"planparse: error: cannot write {target}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_FAILED) from None
    errors.print(f"planparse: wrote {target}")


class SchemaChoice(StrEnum):
    plan = "plan"
    diff = "diff"


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
    text = schema_text(which.value)
    if output is None:
        sys.stdout.write(text)
        return
    write_text(output, text)


DIFF_EPILOG = (
    "Exit codes: 0 compared (changes or not); 1 an input failed, or a --fail-on change was "
    "found; 2 usage error."
)


def load_or_exit(path: Path, **options: Any) -> LoadedPlan:
    """A plan from a PDF or planparse JSON file; a failure ends the run in one line."""
    try:
        return load_plan(path, **options)
    except PlanparseError as exc:
        errors.print(f"planparse: error: {exc}", markup=False)
    except Exception as exc:  # a defect, or a PDF no library can read: one line
        errors.print(f"planparse: error: {path}: internal error ({type(exc).__name__}: {exc})")
    raise typer.Exit(EXIT_FAILED)


def emit(write: Callable[[Any], None], output: Path | None) -> None:
    """Run a text writer to standard output, or atomically into the -o file."""
    if output is None:
        write(sys.stdout)
        return
    buffer = io.StringIO()
    write(buffer)
    write_text(output, buffer.getvalue())


def parse_fail_on(spec: str | None) -> list[str]:
    names = [n.strip() for n in (spec or "").split(",") if n.strip()]
    unknown = [n for n in names if n not in FAIL_ON_NAMES]
    if unknown:
        raise typer.BadParameter(
            f"unknown change {', '.join(unknown)}; known: {', '.join(FAIL_ON_NAMES)}",
            param_hint="--fail-on",
        )
    return names


OcrOption = Annotated[
    OcrChoice, typer.Option("--ocr", help="As for extract.", case_sensitive=False)
]


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
        DiffFormatChoice | None,
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
    emit(lambda stream: chosen.write(result, stream), output)
    hits = fail_on_hits(result, names)
    if hits:
        found = ", ".join(f"{count} {name}" for name, count in hits.items())
        errors.print(f"planparse: --fail-on: found {found}", markup=False)
        raise typer.Exit(EXIT_FAILED)


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
    html = render_report(loaded, as_of=when, compare=compare, crops=crops)
    emit(lambda stream: stream.write(html), output)
    if output is not None:
        errors.print(f"planparse: wrote {output}")


def main() -> None:
    """Console-script entry point."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `planparse ... | head` ends quietly
    app(prog_name="planparse")
