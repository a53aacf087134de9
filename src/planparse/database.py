"""A batch into one SQLite database (`planparse extract plans/ -o plans.db`).

Each file is extracted as in any batch (workers, limits, failures kept as data), its plan
staged as JSON in a temporary folder; then every plan that succeeded is written to the
database in one transaction, in input order. A failed file leaves its old rows as they
were; a run in which every file failed leaves no database behind.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .batch import BatchResult, ExtractOptions, FileResult, Task, run_batch
from .errors import PlanparseError
from .exporters.to_sqlite import write_database
from .limits import Limits
from .models import ActionPlan
from .workers import StopFlag


class DatabaseError(PlanparseError):
    """The database cannot be written (not a SQLite file, read-only, locked...)."""

    kind = "unwritable"


def extract_to_database(
    files: Sequence[Path],
    target: Path,
    options: ExtractOptions | None = None,
    *,
    jobs: int = 1,
    limits: Limits | None = None,
    report: Path | None = None,
    stop: StopFlag | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    problems: Sequence[tuple[Path, str]] = (),
) -> BatchResult:
    """Extract every file into the one database at `target` (see `run_batch` for the
    rest); the results of the files that succeeded name the database as their output.
    Raises DatabaseError when the database cannot be written."""
    json_options = replace(options or ExtractOptions(), format="json")
    with tempfile.TemporaryDirectory(prefix="planparse-batch-") as folder:
        tasks = [Task(path, Path(folder) / f"{i:06d}.json") for i, path in enumerate(files)]
        batch = run_batch(
            tasks,
            json_options,
            jobs=jobs,
            limits=limits,
            report=report,
            stop=stop,
            on_result=on_result,
            problems=problems,
        )
        staged = [r.output for r in batch.results if r.ok and r.output is not None]
        plans = [ActionPlan.model_validate_json(o.read_text("utf-8")) for o in staged]
    if plans:
        try:
            write_database(target, plans)
        except (sqlite3.Error, OSError) as exc:
            raise DatabaseError(f"cannot write {target}: {exc}") from None
    results = tuple(replace(r, output=target if r.ok else None) for r in batch.results)
    return replace(batch, results=results)
