"""Many PDFs in one run: each file extracted and written on its own, failures kept as data.

A file that fails never stops the run and never leaves a half-written output: outputs are
written to a temporary file beside the target and renamed into place. With several
workers the files are spread over processes; every output is the same as with one.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any

from .errors import PlanparseError
from .exporters import get_exporter
from .extract import extract
from .models import ActionPlan


@dataclass(frozen=True)
class FileResult:
    """What became of one input file."""

    path: Path
    output: Path | None
    ok: bool
    pages: int = 0
    records: int = 0
    warnings: tuple[str, ...] = ()
    #: one line saying why the file failed
    error: str | None = None
    #: the failure's kind: unreadable, encrypted, no_action_table, internal...
    kind: str | None = None
    seconds: float = 0.0
    #: the traceback of an internal error, shown with --verbose
    details: str | None = field(default=None, repr=False)


@contextmanager
def atomic_output(target: Path, binary: bool) -> Iterator[IO[str] | IO[bytes]]:
    """Write to a temporary file beside the target, renamed into place only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:  # type: ignore[call-overload]
            yield handle
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_plan(plan: ActionPlan, format_name: str, target: Path | None) -> None:
    """Write a plan in a format to a file, or to standard output when `target` is None."""
    exporter = get_exporter(format_name)
    if target is None:
        stream = sys.stdout.buffer if exporter.binary else sys.stdout
        exporter.write(plan, stream)
        stream.flush()
        return
    with atomic_output(target, exporter.binary) as handle:
        exporter.write(plan, handle)


def extract_file(
    path: Path, target: Path | None, format_name: str, options: dict[str, Any]
) -> FileResult:
    """Extract one PDF and write it; every failure comes back as a FileResult."""
    start = time.perf_counter()
    try:
        plan = extract(path, **options)
        write_plan(plan, format_name, target)
    except PlanparseError as exc:
        return FileResult(
            path, target, False, error=str(exc), kind=exc.kind, seconds=time.perf_counter() - start
        )
    except Exception as exc:  # a defect, or a PDF no library can read: one line, no traceback
        return FileResult(
            path,
            target,
            False,
            error=f"{path}: internal error ({type(exc).__name__}: {exc})",
            kind="internal",
            seconds=time.perf_counter() - start,
            details=traceback.format_exc(),
        )
    return FileResult(
        path,
        target,
        True,
        pages=plan.source.pages,
        records=len(plan.actions),
        warnings=tuple(w.message for w in plan.warnings),
        seconds=time.perf_counter() - start,
    )


def run_batch(
    work: Sequence[tuple[Path, Path | None]],
    format_name: str,
    options: dict[str, Any],
    *,
    jobs: int = 1,
    on_done: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Extract every (input, output) pair, `jobs` files at a time; results in input order."""
    results: dict[int, FileResult] = {}
    if jobs <= 1 or len(work) <= 1:
        for i, (path, target) in enumerate(work):
            results[i] = extract_file(path, target, format_name, options)
            if on_done:
                on_done(results[i])
    else:
        # each worker OCRs its own file's pages one at a time: files are the parallel unit
        per_file = {**options, "jobs": 1}
        # "spawn": a forked child inherits OpenCV's and Tesseract's thread state and can hang
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            futures = {
                pool.submit(extract_file, path, target, format_name, per_file): i
                for i, (path, target) in enumerate(work)
            }
            for future in as_completed(futures):
                i = futures[future]
                try:
                    results[i] = future.result()
                except Exception as exc:  # the worker died (a crash in a native library)
                    path, target = work[i]
                    results[i] = FileResult(
                        path,
                        target,
                        False,
                        kind="internal",
                        error=f"{path}: internal error (worker process failed: "
                        f"{type(exc).__name__}: {exc})",
                    )
                if on_done:
                    on_done(results[i])
    return [results[i] for i in range(len(work))]
