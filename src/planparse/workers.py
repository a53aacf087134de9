"""Worker processes in which a bad file costs only itself.

`run_pool` hands items to worker processes one at a time and watches each: a worker
past its file's time or memory limit is killed (with anything it started), a worker
that dies (a segfault in a C library, the out-of-memory killer) costs only the item it
held, and a new worker takes its place. A stop request (Ctrl-C, SIGTERM: see
`stop_on_signals`) ends the run within a poll interval, killing every worker.

Workers are started with "spawn" (a forked child inherits OpenCV's and Tesseract's
thread state and can hang), each in its own process group so a kill reaches the OCR
processes it may have started, and on Linux each dies with its parent. A worker's
standard error (where C libraries print) goes to a file that `stray_output` reads, so
nothing but planparse's own lines reaches the terminal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import IO, Any, Generic, TypeVar, cast

from .limits import Limits, cap_address_space, resident_bytes

T = TypeVar("T")
R = TypeVar("R")

#: seconds between checks of the workers' time, memory and the stop flag
POLL_SECONDS = 0.1
#: seconds a worker is given to exit after being told to; then it is killed
EXIT_GRACE_SECONDS = 2.0
#: bytes of a worker's stray standard error kept per item
STRAY_OUTPUT_BYTES = 16_384


@dataclass(frozen=True)
class Failure:
    """Why an item has no result of its own: `timeout`, `too_large` or `crashed`."""

    kind: str
    reason: str
    #: the end of what the worker printed before it died, for --verbose
    details: str | None = None


class StopFlag:
    """Set from a signal handler (or another thread) to stop a run at the next poll."""

    def __init__(self) -> None:
        self._event = threading.Event()
        #: what asked for the stop: "SIGINT", "SIGTERM", ...
        self.reason: str | None = None
        self.signal_number: int | None = None

    def set(self, reason: str = "stop", signal_number: int | None = None) -> None:
        if not self._event.is_set():
            self.reason, self.signal_number = reason, signal_number
            self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()


@contextmanager
def stop_on_signals(
    signals: Sequence[int] = (signal.SIGINT, signal.SIGTERM),
) -> Iterator[StopFlag]:
    """While the block runs, SIGINT and SIGTERM set the returned flag instead of ending
    the process, so a run can stop its workers and say what it did. Outside the main
    thread (where Python allows no signal handlers) the flag is only set by hand."""
    flag = StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def handler(number: int, _frame: object) -> None:
        flag.set(signal.Signals(number).name, number)

    previous = {number: signal.signal(number, handler) for number in signals}
    try:
        yield flag
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    #: index of the item it is working on, None when idle
    item: int | None = None
    started: float = 0.0
    peak_rss: int = 0


@dataclass
class _Pool(Generic[T, R]):
    work: Callable[[T], R]
    limits: Limits
    jobs: int
    workers: list[_Worker] = field(default_factory=list)

    def run(
        self,
        items: Sequence[T],
        failed: Callable[[T, Failure], R],
        on_start: Callable[[int, int], None] | None,
        on_result: Callable[[int, R], None] | None,
        stop: StopFlag | None,
    ) -> dict[int, R]:
        results: dict[int, R] = {}
        pending = deque(range(len(items)))
        while pending or any(w.item is not None for w in self.workers):
            if stop is not None and stop.is_set():
                break
            self._dispatch(pending, items, on_start)
            busy = [w for w in self.workers if w.item is not None]
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], POLL_SECONDS)
            for worker in busy:
                index = worker.item
                assert index is not None
                outcome = self._check(worker)
                if outcome is None:
                    continue
                result = failed(items[index], outcome) if isinstance(outcome, Failure) else outcome
                results[index] = result
                if on_result is not None:
                    on_result(index, result)
        return results

    def _dispatch(
        self, pending: deque[int], items: Sequence[T], on_start: Callable[[int, int], None] | None
    ) -> None:
        while pending:
            worker = next((w for w in self.workers if w.item is None), None)
            if worker is None:
                if len(self.workers) >= self.jobs:
                    return
                worker = self._start()
            index = pending.popleft()
            worker.item, worker.started, worker.peak_rss = index, time.monotonic(), 0
            with contextlib.suppress(OSError):  # a worker dead already: _check says so
                worker.conn.send(items[index])
            if on_start is not None and worker.process.pid is not None:
                on_start(index, worker.process.pid)

    def _start(self) -> _Worker:
        context = get_context("spawn")
        parent_end, child_end = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker_main,
            args=(child_end, self.work, self.limits),
            name="planparse-worker",
            daemon=False,  # a daemon may not start processes, and OCR with --jobs does
        )
        with _sigint_ignored():
            process.start()  # born ignoring Ctrl-C, before it has a process group of its own
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def _check(self, worker: _Worker) -> R | Failure | None:
        """The worker's result, or why it has none, or None while it is still at work."""
        if worker.conn.poll():
            try:
                status, payload = worker.conn.recv()
            except (EOFError, OSError):
                return self._died(worker)
            worker.item = None
            if status == "done":
                return cast(R, payload)
            self._retire(worker)  # after a MemoryError or a defect a worker is not trusted
            if status == "memory":
                return Failure("too_large", self._memory_reason())
            return Failure("crashed", "the worker process reading it failed", payload)
        if not worker.process.is_alive():
            return self._died(worker)
        pid = worker.process.pid
        rss = resident_bytes(pid) if pid is not None else 0
        worker.peak_rss = max(worker.peak_rss, rss)
        timeout = self.limits.timeout
        if timeout is not None and time.monotonic() - worker.started > timeout:
            self._retire(worker)
            return Failure("timeout", f"took longer than {timeout:g} s (--timeout)")
        if self.limits.over_memory(rss):
            self._retire(worker)
            return Failure("too_large", self._memory_reason())
        return None

    def _memory_reason(self) -> str:
        return (
            f"needed more than {self.limits.max_memory_mb} MB of memory (--max-memory); "
            "a decompression bomb, or too big to read at once"
        )

    def _died(self, worker: _Worker) -> Failure:
        worker.process.join(EXIT_GRACE_SECONDS)
        code = worker.process.exitcode
        near = self.limits.near_memory(worker.peak_rss)
        self._retire(worker)
        if code is not None and code < 0:
            how = f"was killed by {_signal_name(-code)}"
        else:
            how = f"exited with code {code}"
        if near:
            return Failure("too_large", f"{self._memory_reason()}; the worker {how}")
        return Failure("crashed", f"the worker process reading it {how}")

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and everything it started; a new one takes its place on demand."""
        _kill_group(worker.process)
        worker.process.join(EXIT_GRACE_SECONDS)
        worker.conn.close()
        worker.item = None
        self.workers.remove(worker)

    def close(self) -> None:
        """End every worker: idle ones are told to exit, busy ones are killed."""
        for worker in self.workers:
            if worker.item is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            else:
                _kill_group(worker.process)
        deadline = time.monotonic() + EXIT_GRACE_SECONDS
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                _kill_group(worker.process)
                worker.process.join(EXIT_GRACE_SECONDS)
            worker.conn.close()
        self.workers.clear()


def run_pool(
    items: Sequence[T],
    work: Callable[[T], R],
    failed: Callable[[T, Failure], R],
    *,
    jobs: int = 1,
    limits: Limits | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[int, R], None] | None = None,
    stop: StopFlag | None = None,
) -> dict[int, R]:
    """Run `work` on each item in `jobs` worker processes under `limits`.

    Returns {index: result} for the items that finished, in any order; `failed(item,
    failure)` makes the result of an item whose worker timed out, ran out of memory or
    died. `on_start(index, pid)` and `on_result(index, result)` are called in this
    process as items start and finish. When `stop` is set the run ends at once: items
    not finished have no result. `work` must be a module-level function (it is sent to
    the workers by reference)."""
    pool: _Pool[T, R] = _Pool(work, limits or Limits(), max(1, jobs))
    try:
        return pool.run(items, failed, on_start, on_result, stop)
    finally:
        pool.close()


# --------------------------------------------------------------------------- the worker

_stray: IO[bytes] | None = None


def _worker_main(conn: Connection, work: Callable[[Any], Any], limits: Limits) -> None:
    """A worker's life: take an item, work, send the result, until told to stop."""
    _isolate()
    cap_address_space(limits)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if item is None:
            return
        try:
            message: tuple[str, Any] = ("done", work(item))
        except MemoryError:
            message = ("memory", None)
        except BaseException:  # work() reports its own failures; this is a defect in it
            message = ("crash", traceback.format_exc())
        try:
            conn.send(message)
        except (OSError, EOFError):
            return
        except MemoryError:
            return
        if message[0] != "done":
            return


def _isolate() -> None:
    """Own process group, death with the parent, no Ctrl-C of its own, and standard
    error (where C libraries print) into a file."""
    global _stray
    with contextlib.suppress(OSError):
        os.setpgrp()  # the parent kills the group: this worker and its OCR processes
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    _stray = tempfile.TemporaryFile()  # noqa: SIM115 (open for the worker's whole life)
    sys.stderr.flush()
    os.dup2(_stray.fileno(), 2)
    logging.captureWarnings(True)  # Python warnings become log records, which planparse captures


def stray_output() -> list[str]:
    """Lines a worker's C libraries (or anything else) wrote to standard error since
    the last call; empty outside a worker."""
    if _stray is None:
        return []
    sys.stderr.flush()
    _stray.seek(0)
    data = _stray.read(STRAY_OUTPUT_BYTES)
    _stray.seek(0)
    _stray.truncate()
    return [line for line in data.decode("utf-8", "replace").splitlines() if line.strip()]


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a worker is started: an ignored signal stays ignored in the
    new program, and Python then installs no KeyboardInterrupt handler, so a Ctrl-C that
    reaches the terminal's process group before the worker leaves it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _kill_group(process: BaseProcess) -> None:
    pid = process.pid
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # not its own group leader yet
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    except AttributeError:  # no process groups on this platform
        process.kill()


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
