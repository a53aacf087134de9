"""The `planparse` command: a thin Typer layer over planparse.extract() and the exporters.

Exit codes: 0 every input gave a plan; 1 one or more inputs failed (unreadable, not a
PDF, encrypted, no action table), each named on stderr in one line; 2 usage error.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum, StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console

from .errors import PlanparseError
from .exporters import EXPORTERS, Exporter, exporter_for_suffix, get_exporter
from .extract import extract
from .models import ActionPlan
from .repairs import REPAIR_NAMES
from .schema import schema_text
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


@contextmanager
def atomic_output(target: Path, binary: bool) -> Iterator[IO[str] | IO[bytes]]:
    """Write to a temporary file beside the target, renamed into place only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_plan(plan: ActionPlan, exporter: Exporter, target: Path | None) -> None:
    if target is None:
        stream = sys.stdout.buffer if exporter.binary else sys.stdout
        exporter.write(plan, stream)
        stream.flush()
        return
    with atomic_output(target, exporter.binary) as handle:
        exporter.write(plan, handle)


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
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes to use for OCR.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no warnings.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show a traceback when a file fails.")
    ] = False,
) -> None:
    """Extract the action-plan records of PDF files as JSON (or CSV)."""
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
    if several and output is None:
        raise typer.BadParameter("several inputs need -o FOLDER", param_hint="--output")
    if several and output is not None and output.exists() and not output.is_dir():
        raise typer.BadParameter(
            f"{output} is a file; several inputs need a folder", param_hint="--output"
        )
    failures = 0
    for path in files:
        target = output
        if output is not None and (several or output.is_dir()):
            target = output / f"{path.stem}{exporter.suffix}"
        failures += not run_one(
            path,
            target,
            exporter,
            {
                "pages": page_list,
                "password": password,
                "skip_repairs": tuple(skip_repair or ()),
                "ocr": ocr.value,
                "jobs": jobs,
            },
            quiet=quiet,
            verbose=verbose,
        )
    if several and not quiet:
        errors.print(
            f"planparse: {len(files) - failures} of {len(files)} file(s) extracted"
            + (f", {failures} failed" if failures else "")
        )
    raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)


def run_one(
    path: Path,
    target: Path | None,
    exporter: Exporter,
    options: dict[str, Any],
    *,
    quiet: bool,
    verbose: bool,
) -> bool:
    """Extract one file and write it; on failure print one line and return False."""
    try:
        plan = extract(path, **options)
        write_plan(plan, exporter, target)
    except PlanparseError as exc:
        errors.print(f"planparse: error: {exc}")
        return False
    except Exception as exc:  # a defect or a PDF no library can read: one line, never a trace
        if verbose:
            traceback.print_exc()
        errors.print(
            f"planparse: error: {path}: internal error ({type(exc).__name__}: {exc}); "
            "run with -v for details"
        )
        return False
    if not quiet:
        for warning in plan.warnings:
            errors.print(f"planparse: warning: {path.name}: {warning.message}")
    return True


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
    with atomic_output(output, binary=False) as handle:
        handle.write(text)  # type: ignore[arg-type]


def main() -> None:
    """Console-script entry point."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `planparse ... | head` ends quietly
    app(prog_name="planparse")
