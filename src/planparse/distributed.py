"""A batch past one machine: the same run on a Dask cluster (`pip install planparse[dask]`).

OCR runs about 1.4 s a page, so a council's archive of scanned plans can outgrow one
box. `extract_to_file` is a pure function of one file, so an existing engine can map it:
`run_on_dask` submits one call per task to a `distributed.Client` (a LocalCluster, or any
scheduler address), and the results go through the same collector as `run_batch`, so
the outputs and the run report are the same as `planparse extract --jobs N` gives.

    from distributed import Client
    from planparse.batch import ExtractOptions, expand_inputs, plan_tasks
    from planparse.distributed import run_on_dask

    tasks = plan_tasks(expand_inputs([Path("plans")]).files, Path("out"), ".json", several=True)
    with Client("tcp://scheduler:8786") as client:
        run = run_on_dask(tasks, ExtractOptions(), client=client, report=Path("run.jsonl"))

Inputs and outputs are paths: every worker must see them where the client does (a
shared file system). Limits are Dask's: a worker's `memory_limit` makes its nanny
restart it, and a file whose worker died more often than `distributed.scheduler.
allowed-failures` is reported as `crashed`. planparse's per-file timeout is not applied.
`examples/dask_batch.py` is the same as a command.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import BatchResult, Collector, ExtractOptions, FileResult, Task, extract_to_file, failed
from .workers import StopFlag

if TYPE_CHECKING:
    from distributed import Client

#: seconds between looks at the stop flag while no file has finished
POLL_SECONDS = 0.2


def run_on_dask(
    tasks: Sequence[Task],
    options: ExtractOptions | None = None,
    *,
    client: Client,
    report: Path | None = None,
    stop: StopFlag | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    problems: Sequence[tuple[Path, str]] = (),
) -> BatchResult:
    """Extract every task's file on the cluster behind `client`; results stream into
    `report` as they finish, and the run ends as `run_batch`'s does (setting `stop`
    cancels what has not finished)."""
    from distributed import as_completed

    options = options or ExtractOptions()
    collector = Collector(tasks, options, report, on_result, problems)
    futures = client.map(
        extract_to_file,
        list(tasks),
        options=options,
        key=[f"planparse-{i}-{task.path.name}" for i, task in enumerate(tasks)],
        pure=False,
    )
    index = {future.key: i for i, future in enumerate(futures)}
    finished = as_completed(futures)
    while not finished.is_empty():
        if stop is not None and stop.is_set():
            client.cancel(futures)
            break
        if not finished.has_ready():
            time.sleep(POLL_SECONDS)
            continue
        for future in finished.next_batch(block=False):
            i = index[future.key]
            collector.add(i, _result(future, tasks[i]))
    return collector.finish(stop)


def _result(future: Any, task: Task) -> FileResult:
    try:
        result: FileResult = future.result()
    except Exception as exc:  # KilledWorker (its worker died), a cancelled future...
        return failed(task, "crashed", f"the Dask worker reading it failed ({type(exc).__name__})")
    return result
