"""Many PDFs in one run: the library behind `planparse extract`.

    inputs = expand_inputs([Path("plans/"), Path("extra.pdf")])
    tasks = plan_tasks(inputs.files, Path("out/"), ".json", several=True)
    run = run_batch(tasks, ExtractOptions(), jobs=2, report=Path("run.jsonl"))
    run.exit_code()

Each file is read in a worker process under per-file limits (`planparse.limits`), so a
file that hangs, eats memory or crashes a C library costs only itself. A file that
fails never stops the run and never leaves a half-written output: outputs are written
to a temporary file beside the target and renamed into place (`planparse.writing`),
and a failed or interrupted file's temporary file is removed. Results stream into the run report as
files finish (`planparse.runlog`); the same inputs give the same outputs and the same
report with any number of workers.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from .errors import PlanparseError, UsageError
from .exporters import exporter_for_suffix, get_exporter
from .extract import extract
from .limits import Limits
from .logs import capture_logs
from .models import ActionPlan, PlanWarning
from .ocr import OcrMode
from .repairs import REPAIR_NAMES
from .runlog import RunReport
from .settings import DEFAULTS, Settings
from .tables import FINDERS, Area
from .workers import Failure, StopFlag, run_pool, stray_output
from .writing import remove_temp_files, write_plan

#: warning codes that mean part of a PDF could not be read (what --strict fails on)
LOST_CONTENT_CODES = frozenset({"page_unreadable", "page_tree_broken"})
#: captured library messages kept per file (each distinct message once, with a count)
LOG_LINES_KEPT = 50
#: an error message is cut to this many characters
ERROR_CHARS = 300


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class ExtractOptions:
    """How each file is read and written: planparse.extract()'s options and a format."""

    pages: tuple[int, ...] | None = None
    password: str | None = None
    skip_repairs: tuple[str, ...] = ()
    ocr: OcrMode = "auto"
    #: processes that OCR one file's pages (use it for one big scanned file)
    ocr_jobs: int = 1
    #: output format: a registered exporter's name
    format: str = "json"
    #: the table finder (see planparse.tables.FINDERS)
    tables: str = "auto"
    #: every tuning threshold (planparse.Settings)
    settings: Settings = DEFAULTS
    #: manual overrides: where tables are, and their column lines
    areas: tuple[Area, ...] = ()
    columns: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        get_exporter(self.format)  # ValueError naming the known formats
        if self.tables not in FINDERS:
            raise ValueError(f"unknown table finder {self.tables}; known: {', '.join(FINDERS)}")
        unknown = sorted(set(self.skip_repairs) - set(REPAIR_NAMES))
        if unknown:
            raise ValueError(
                f"unknown repair {', '.join(unknown)}; known: {', '.join(REPAIR_NAMES)}"
            )

    def extract_kwargs(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "password": self.password,
            "skip_repairs": self.skip_repairs,
            "ocr": self.ocr,
            "jobs": self.ocr_jobs,
            "tables": self.tables,
            "settings": self.settings,
            "areas": self.areas,
            "columns": self.columns,
        }


def format_for(name: str | None, output: Path | None) -> str:
    """The format asked for by name, else the one the output's suffix names, else json."""
    if name:
        return get_exporter(name).name
    exporter = exporter_for_suffix(output.suffix) if output is not None and output.suffix else None
    return exporter.name if exporter is not None else "json"


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Inputs:
    """The PDF files to read, and what could not even be looked at."""

    files: tuple[Path, ...]
    #: (path, reason) of folders that could not be read: each becomes a failed entry
    problems: tuple[tuple[Path, str], ...] = ()
    #: folders given that hold no PDF
    empty_folders: tuple[Path, ...] = ()
    #: whether a folder was among the inputs (its output is then a folder too)
    had_folder: bool = False


def expand_inputs(paths: Sequence[Path]) -> Inputs:
    """Files as given; folders walked for *.pdf (symbolic links followed, each folder
    once, sorted so runs are repeatable). A broken link named *.pdf stays an input, and
    fails as such; a folder that cannot be read is a problem, never skipped silently."""
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    empty: list[Path] = []
    had_folder = False
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        had_folder = True
        found = _walk_pdfs(path, problems)
        if not found:
            empty.append(path)
        files.extend(found)
    return Inputs(tuple(files), tuple(problems), tuple(empty), had_folder)


def _walk_pdfs(folder: Path, problems: list[tuple[Path, str]]) -> list[Path]:
    found: list[Path] = []
    visited: set[str] = set()

    def unreadable(error: OSError) -> None:
        problems.append((Path(error.filename or folder), f"cannot read folder ({error.strerror})"))

    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:  # a link back up the tree: its files are listed already
            dirs.clear()
            continue
        visited.add(real)
        dirs.sort()
        found.extend(Path(root) / n for n in sorted(names) if n.lower().endswith(".pdf"))
    return sorted(found)


# --------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class Task:
    """One file to read and where its output goes (None: standard output)."""

    path: Path
    output: Path | None


def plan_tasks(
    files: Sequence[Path], output: Path | None, suffix: str, *, several: bool
) -> list[Task]:
    """Pair each input with its output. One input: `output` is the file (or a folder to
    write <pdf name><suffix> into, or None for standard output). Several: `output` must
    be a folder; two inputs with the same name get distinct outputs (a.json, a-2.json).
    Raises UsageError for a combination that cannot work."""
    if several:
        if output is None:
            raise UsageError("several inputs need -o FOLDER")
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output} is a file; several inputs need a folder")
        outputs = output_paths(files, output, suffix)
        tasks = [Task(f, o) for f, o in zip(files, outputs, strict=True)]
    elif output is not None and output.is_dir():
        tasks = [Task(f, output / f"{f.stem}{suffix}") for f in files]
    else:
        tasks = [Task(f, output) for f in files]
    for task in tasks:
        if task.output is not None and _same_file(task.output, task.path):
            raise UsageError(f"the output {task.output} is the input itself")
    return tasks


def output_paths(files: Sequence[Path], folder: Path, suffix: str) -> list[Path]:
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


def check_report_path(report: Path, tasks: Sequence[Task]) -> None:
    """The run report may overwrite neither an output nor an input (UsageError)."""
    for task in tasks:
        if task.output is not None and _same_file(report, task.output):
            raise UsageError(f"--report {report} is also the output of {task.path}")
        if _same_file(report, task.path):
            raise UsageError(f"--report {report} is one of the inputs")


def _same_file(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True)
class FileResult:
    """What became of one input file."""

    path: Path
    #: where its output went (None: standard output, or nowhere when it failed)
    output: Path | None
    ok: bool
    pages: int = 0
    records: int = 0
    warnings: tuple[PlanWarning, ...] = ()
    #: one line saying why the file failed (without the file's name)
    error: str | None = None
    #: the failure's kind: unreadable, encrypted, no_action_table, ocr_unavailable,
    #: timeout, too_large, crashed, unwritable, interrupted, internal
    kind: str | None = None
    #: the PDF libraries' messages while reading it, one per distinct message (--verbose)
    log: tuple[str, ...] = field(default=(), repr=False)
    #: the traceback of an internal error or a crash (--verbose)
    details: str | None = field(default=None, repr=False)
    #: the plan itself, kept only when it goes to standard output
    plan: ActionPlan | None = field(default=None, repr=False)

    @property
    def message(self) -> str:
        """`path: reason`, the one line a failure is reported in."""
        return f"{self.path}: {self.error}"

    @property
    def lost_content(self) -> tuple[PlanWarning, ...]:
        """The warnings that say part of the PDF could not be read."""
        return tuple(w for w in self.warnings if w.code in LOST_CONTENT_CODES)


def failed(task: Task, kind: str, reason: str, details: str | None = None) -> FileResult:
    return FileResult(task.path, task.output, False, error=reason, kind=kind, details=details)


def extract_to_file(task: Task, options: ExtractOptions) -> FileResult:
    """Extract one PDF and write its output; every failure comes back as a FileResult.

    This is what a worker runs, and what any other engine (Dask, a job queue) can map
    over tasks: a function of the file alone."""
    with capture_logs() as log:
        result = _extract_and_write(task, options)
    messages = log.lines() + [f"stderr: {line}" for line in stray_output()]
    return replace(result, log=tuple(messages[:LOG_LINES_KEPT]))


def _extract_and_write(task: Task, options: ExtractOptions) -> FileResult:
    try:
        plan = extract(task.path, **options.extract_kwargs())
    except PlanparseError as exc:
        return failed(task, exc.kind, reason_of(exc, task.path))
    except MemoryError:
        return failed(task, "too_large", "ran out of memory while reading it")
    except RecursionError:
        return failed(task, "unreadable", "damaged PDF (objects nested too deeply to read)")
    except Exception as exc:  # a defect, or a PDF no library can read: one line, no traceback
        reason = _cut(f"internal error ({type(exc).__name__}: {exc})")
        return failed(task, "internal", reason, traceback.format_exc())
    if task.output is not None:
        try:
            write_plan(plan, options.format, task.output)
        except OSError as exc:
            return failed(task, "unwritable", f"cannot write {task.output} ({_os_reason(exc)})")
    return FileResult(
        task.path,
        task.output,
        True,
        pages=plan.source.pages,
        records=len(plan.actions),
        warnings=tuple(plan.warnings),
        plan=plan if task.output is None else None,
    )


def reason_of(exc: Exception, path: Path) -> str:
    """An error's message without the file name it starts with (messages name the file
    by path or by name; reports name it once, by the path as given)."""
    text = " ".join(str(exc).split())
    for prefix in (f"{path}: ", f"{path.name}: "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    return _cut(text)


def _cut(text: str) -> str:
    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 1] + "…"


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class BatchResult:
    """A run: the inputs that could not be looked at, then one result per task in
    task order, and what stopped it early."""

    results: tuple[FileResult, ...]
    #: "SIGINT" / "SIGTERM" when a signal stopped the run; None when it ran to the end
    stopped_by: str | None = None
    stop_signal: int | None = None
    #: why the run report could not be written, if it could not
    report_error: str | None = None

    @property
    def failed(self) -> tuple[FileResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 every file gave a plan; 1 a file failed, the report could not be written
        or (with `strict`) a page could not be read; 128 + the signal's number when a
        signal stopped the run (130 for SIGINT, 143 for SIGTERM)."""
        if self.stopped_by is not None:
            return 128 + self.stop_signal if self.stop_signal else 1
        lost = strict and any(r.lost_content for r in self.results)
        if self.failed or self.report_error or lost:
            return 1
        return 0


class Collector:
    """What the parent does with each finished file, whatever ran it: write a plan meant
    for standard output, remove a failed file's leftovers, stream the result into the
    run report; and at the end, fill in the files that never finished."""

    def __init__(
        self,
        tasks: Sequence[Task],
        options: ExtractOptions,
        report: Path | None = None,
        on_result: Callable[[FileResult], None] | None = None,
        problems: Sequence[tuple[Path, str]] = (),
    ) -> None:
        self.tasks = tasks
        self.options = options
        self.on_result = on_result
        self.results: dict[int, FileResult] = {}
        self.report = RunReport(report) if report is not None else None
        #: what could not even be looked at (unreadable folders): failed from the start
        self.problems = [
            FileResult(path, None, False, error=reason, kind="unreadable")
            for path, reason in problems
        ]
        for result in self.problems:
            self._record(result)

    def add(self, index: int, result: FileResult) -> None:
        if result.ok and result.output is None and result.plan is not None:
            write_plan(result.plan, self.options.format, None)
            result = replace(result, plan=None)
        if not result.ok:
            remove_temp_files(self.tasks[index].output)
        self.results[index] = result
        self._record(result)

    def _record(self, result: FileResult) -> None:
        if self.report is not None:
            self.report.add(result)
        if self.on_result is not None:
            self.on_result(result)

    def finish(self, stop: StopFlag | None = None) -> BatchResult:
        stopped = stop.reason if stop is not None and stop.is_set() else None
        for index, task in enumerate(self.tasks):
            if index not in self.results:
                remove_temp_files(task.output)
                reason = f"not finished: the run was stopped ({stopped or 'interrupted'})"
                self.results[index] = failed(task, "interrupted", reason)
        batch = BatchResult(
            (*self.problems, *(self.results[i] for i in range(len(self.tasks)))),
            stopped_by=stopped,
            stop_signal=stop.signal_number if stop is not None and stopped else None,
        )
        if self.report is not None:
            self.report.finish(batch)
            batch = replace(batch, report_error=self.report.error)
        return batch


def run_batch(
    tasks: Sequence[Task],
    options: ExtractOptions | None = None,
    *,
    jobs: int = 1,
    limits: Limits | None = None,
    report: Path | None = None,
    stop: StopFlag | None = None,
    on_start: Callable[[Task, int], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    problems: Sequence[tuple[Path, str]] = (),
) -> BatchResult:
    """Extract every task's file, `jobs` at a time, each in a worker process under
    `limits` (Limits() by default: 30 min and 2 GB per file).

    `report` is a JSON Lines file the results stream into as files finish, rewritten in
    task order with a summary line at the end (`planparse.runlog`). Setting `stop` (see
    `workers.stop_on_signals`) ends the run within a fraction of a second: its workers
    are killed, files finished so far are kept, and the rest are `interrupted`.
    `on_start(task, worker_pid)` and `on_result(result)` follow the run as it goes;
    `problems` (from `expand_inputs`) are reported as failed files first."""
    options = options or ExtractOptions()
    collector = Collector(tasks, options, report, on_result, problems)
    run_pool(
        tasks,
        partial(extract_to_file, options=options),
        _failed_in_worker,
        jobs=min(jobs, max(1, len(tasks))),
        limits=limits or Limits(),
        on_start=(lambda i, pid: on_start(tasks[i], pid)) if on_start else None,
        on_result=collector.add,
        stop=stop,
    )
    return collector.finish(stop)


def _failed_in_worker(task: Task, failure: Failure) -> FileResult:
    return failed(task, failure.kind, failure.reason, failure.details)
