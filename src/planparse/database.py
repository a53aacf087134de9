"""A batch into one SQLite database (`planparse extract plans/ -o plans.db`).

Each file is extracted as in any batch (workers, failures kept as data), its plan staged as
JSON in a temporary folder; then every plan that succeeded is written to the database in one
transaction, in input order. A failed file leaves its old rows as they were; a run in which
every file failed leaves no database behind.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .batch import FileResult, run_batch
from .errors import PlanparseError
from .exporters.to_sqlite import write_database
from .models import ActionPlan


class DatabaseError(PlanparseError):
    """The database cannot be written (not a SQLite file, read-only, locked...)."""

    kind = "unwritable"


@dataclass(frozen=True)
class DatabaseStage:
    """Where a batch's plans wait, as JSON, before they go into the database together."""

    target: Path
    folder: Path

    def work(self, files: Sequence[Path]) -> list[tuple[Path, Path | None]]:
        """(input, staged JSON) pairs for planparse.batch.run_batch with format "json"."""
        return [(path, self.folder / f"{i:06d}.json") for i, path in enumerate(files)]

    def commit(self, results: Sequence[FileResult]) -> list[FileResult]:
        """Write the plans of the files that succeeded; their results now name the database.
        Raises DatabaseError when the database cannot be written."""
        outputs = [r.output for r in results if r.ok and r.output is not None]
        if outputs:
            plans = [ActionPlan.model_validate_json(o.read_text("utf-8")) for o in outputs]
            try:
                write_database(self.target, plans)
            except (sqlite3.Error, OSError) as exc:
                raise DatabaseError(f"cannot write {self.target}: {exc}") from None
        return [replace(r, output=self.target if r.ok else None) for r in results]


@contextmanager
def staged_database(target: Path) -> Iterator[DatabaseStage]:
    """A stage for a batch into `target`; its folder is removed on leaving."""
    with tempfile.TemporaryDirectory(prefix="planparse-batch-") as folder:
        yield DatabaseStage(target, Path(folder))


def extract_to_database(
    files: Sequence[Path],
    target: Path,
    options: dict[str, Any] | None = None,
    *,
    jobs: int = 1,
    on_done: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Extract every file into the one database at `target`; results in input order."""
    with staged_database(target) as stage:
        results = run_batch(stage.work(files), "json", options or {}, jobs=jobs, on_done=on_done)
        return stage.commit(results)
