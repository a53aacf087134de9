"""Run a planparse batch on Dask: the same outputs and report as `planparse extract --jobs N`.

    python examples/dask_batch.py plans/ -o out/ --report run.jsonl
    python examples/dask_batch.py plans/ -o out/ --scheduler tcp://scheduler:8786

With no --scheduler a LocalCluster of --workers single-threaded processes is started on
this machine; with one, the cluster's workers must see the input and output paths.
Needs `pip install 'planparse[dask]'`. Exit codes as for `planparse extract`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import ExitStack
from pathlib import Path

from planparse.batch import ExtractOptions, expand_inputs, plan_tasks
from planparse.distributed import run_on_dask
from planparse.errors import UsageError
from planparse.exporters import get_exporter
from planparse.runlog import PREFIX, closing_lines, file_lines
from planparse.workers import stop_on_signals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="PDF files or folders")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output folder")
    parser.add_argument("--format", default="json", help="output format (default json)")
    parser.add_argument("--report", type=Path, help="JSON Lines run report to write")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster processes")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    options = ExtractOptions(format=args.format)
    found = expand_inputs(args.inputs)
    try:
        tasks = plan_tasks(found.files, args.output, get_exporter(args.format).suffix, several=True)
    except UsageError as exc:
        parser.error(str(exc))
    with ExitStack() as stack:
        if args.scheduler:
            client = stack.enter_context(Client(args.scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=args.workers, threads_per_worker=1, silence_logs=logging.ERROR
                )
            )
            client = stack.enter_context(Client(cluster))
        stop = stack.enter_context(stop_on_signals())
        run = run_on_dask(
            tasks,
            options,
            client=client,
            report=args.report,
            stop=stop,
            on_result=lambda r: _say(file_lines(r, quiet=False, verbose=False, failure=False)),
            problems=found.problems,
        )
    _say(closing_lines(run, several=True, strict=False, quiet=False))
    return run.exit_code()


def _say(lines: list[str]) -> None:
    for line in lines:
        assert line.startswith(PREFIX)
        print(line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
