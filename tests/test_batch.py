"""The batch library (planparse.batch) called directly: inputs, outputs, worker processes,
limits, stopping and the run report. Bad files are made from real corpus PDFs by the fuzz
mutations (tests/fuzz/mutations.py); workers are real processes, killed for real."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from conftest import dev_pdf
from fuzz.mutations import add_bomb, more_pages
from planparse.batch import (
    ExtractOptions,
    FileResult,
    Task,
    check_report_path,
    expand_inputs,
    plan_tasks,
    run_batch,
)
from planparse.errors import UsageError
from planparse.limits import Limits
from planparse.workers import StopFlag

PLAN = dev_pdf("col_delivery_plan_2023_27.excel")  # 4 pages, 26 records
SEFTON = dev_pdf("sefton_homelessness_2018_23.word-ruled")
LEWISHAM = dev_pdf("lewisham_housing_2022.unruled")
GOOD = (PLAN, SEFTON, LEWISHAM)


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory) -> Path:
    """A 5,000-page plan: minutes of work, so it is still running when a test acts."""
    path = tmp_path_factory.mktemp("slow") / "plan-5000-pages.pdf"
    path.write_bytes(more_pages(PLAN.read_bytes(), 5000))
    return path


def tasks_for(files: list[Path], out: Path) -> list[Task]:
    return plan_tasks(files, out, ".json", several=True)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split()[2] != "Z"
    except OSError:
        return False


def no_part_files(folder: Path) -> bool:
    return not list(folder.rglob("*.part"))


def test_folders_are_walked_and_what_cannot_be_read_is_reported(tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    (plans / "sub").mkdir(parents=True)
    (plans / "locked").mkdir()
    shutil.copy(PLAN, plans / "a.pdf")
    shutil.copy(SEFTON, plans / "sub" / "B.PDF")
    (plans / "notes.txt").write_text("not a PDF")
    (plans / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    (plans / "sub" / "up").symlink_to(plans)  # a loop: each folder is read once
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # a folder root cannot read
        if str(path) == str(plans / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    found = expand_inputs([plans])
    monkeypatch.undo()
    assert found.files == (plans / "a.pdf", plans / "gone.pdf", plans / "sub" / "B.PDF")
    assert found.problems == ((plans / "locked", "cannot read folder (Permission denied)"),)
    out = tmp_path / "out"
    run = run_batch(tasks_for(list(found.files), out), problems=found.problems, jobs=2)
    by_path = {r.path: r for r in run.results}
    assert by_path[plans / "gone.pdf"].error == "broken symbolic link"
    assert by_path[plans / "locked"].kind == "unreadable"
    assert by_path[plans / "a.pdf"].ok and by_path[plans / "sub" / "B.PDF"].ok
    assert run.exit_code() == 1


def test_same_names_get_distinct_outputs_and_the_report_maps_each(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
    shutil.copy(PLAN, tmp_path / "x" / "plan.pdf")
    shutil.copy(SEFTON, tmp_path / "y" / "plan.pdf")
    files = expand_inputs([tmp_path / "x", tmp_path / "y"]).files
    report = tmp_path / "run.jsonl"
    run = run_batch(tasks_for(list(files), tmp_path / "out"), report=report)
    assert run.exit_code() == 0
    *entries, last = (json.loads(line) for line in report.read_text().splitlines())
    mapping = {e["output"]: (e["input"], e["records"]) for e in entries}
    assert mapping == {
        str(tmp_path / "out" / "plan.json"): (str(tmp_path / "x" / "plan.pdf"), 26),
        str(tmp_path / "out" / "plan-2.json"): (str(tmp_path / "y" / "plan.pdf"), 45),
    }
    assert last["summary"]["records"] == 71


def test_a_report_may_not_overwrite_an_output_or_an_input(tmp_path):
    tasks = tasks_for([PLAN, SEFTON], tmp_path / "out")
    with pytest.raises(UsageError, match="also the output of"):
        check_report_path(tmp_path / "out" / f"{PLAN.stem}.json", tasks)
    with pytest.raises(UsageError, match="one of the inputs"):
        check_report_path(SEFTON, tasks)
    with pytest.raises(UsageError, match="is the input itself"):
        plan_tasks([PLAN], PLAN, ".json", several=False)


def test_a_killed_worker_costs_only_its_file(tmp_path):
    out = tmp_path / "out"
    files = [PLAN, SEFTON, LEWISHAM, dev_pdf("col_peer_review.review")]
    victim = files[1]
    pids: list[int] = []

    def kill_victim(task: Task, pid: int) -> None:
        pids.append(pid)
        if task.path == victim:
            os.kill(pid, signal.SIGKILL)  # as the out-of-memory killer would

    run = run_batch(tasks_for(files, out), jobs=2, on_start=kill_victim)
    crashed = [r for r in run.results if not r.ok]
    assert [(r.path, r.kind) for r in crashed] == [(victim, "crashed")]
    assert "SIGKILL" in (crashed[0].error or "")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{f.stem}.json" for f in files if f != victim
    )
    assert run.exit_code() == 1 and no_part_files(out)
    assert len(set(pids)) >= 2  # the pool started a new worker after the kill
    assert not any(alive(pid) for pid in pids)


def test_a_file_past_its_timeout_is_ended_and_the_run_goes_on(tmp_path, slow_pdf):
    out = tmp_path / "out"
    start = time.monotonic()
    # the limit leaves the good file room on a loaded machine; the 5,000 pages need far more
    run = run_batch(tasks_for([slow_pdf, PLAN], out), jobs=2, limits=Limits(timeout=10))
    assert time.monotonic() - start < 40
    slow, good = run.results
    assert (slow.kind, slow.error) == ("timeout", "took longer than 10 s (--timeout)")
    assert good.ok and good.records == 26
    assert sorted(p.name for p in out.iterdir()) == [f"{PLAN.stem}.json"]


@pytest.mark.parametrize("double", [False, True], ids=["2.3GB-in-2MB", "8GB-deflated-twice"])
def test_a_decompression_bomb_is_stopped_by_the_memory_limit(tmp_path, double):
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(add_bomb(PLAN.read_bytes(), 1, double=double))
    run = run_batch(tasks_for([bomb, PLAN], tmp_path / "out"), limits=Limits(max_memory_mb=400))
    stopped, good = run.results
    assert stopped.kind == "too_large", stopped
    assert "400 MB" in (stopped.error or "")
    assert good.ok


def test_stop_ends_the_run_keeps_finished_files_and_kills_the_workers(tmp_path, slow_pdf):
    out, report = tmp_path / "out", tmp_path / "run.jsonl"
    stop = StopFlag()
    pids: list[int] = []

    def stop_after_first(result: FileResult) -> None:
        stop.set("SIGINT", signal.SIGINT)  # what stop_on_signals does on Ctrl-C

    files = [PLAN, slow_pdf, slow_pdf.parent / "copy.pdf"]
    shutil.copy(slow_pdf, files[2])
    start = time.monotonic()
    run = run_batch(
        tasks_for(files, out),
        jobs=2,
        report=report,
        stop=stop,
        on_start=lambda task, pid: pids.append(pid),
        on_result=stop_after_first,
    )
    assert time.monotonic() - start < 20
    assert run.stopped_by == "SIGINT" and run.exit_code() == 130
    assert [r.kind for r in run.results] == [None, "interrupted", "interrupted"]
    assert sorted(p.name for p in out.iterdir()) == [f"{PLAN.stem}.json"]
    assert no_part_files(out) and not any(alive(pid) for pid in pids)
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert [e["input"] for e in lines[:-1]] == [str(f) for f in files]
    assert lines[-1]["summary"]["stopped_by"] == "SIGINT"


def test_results_stream_into_the_report_as_files_finish(tmp_path):
    report = tmp_path / "run.jsonl"
    seen: list[int] = []
    run_batch(
        tasks_for(list(GOOD), tmp_path / "out"),
        report=report,
        on_result=lambda result: seen.append(len(report.read_text().splitlines())),
    )
    assert seen == [1, 2, 3]  # each file's line is there when the next is still running
    assert "summary" in json.loads(report.read_text().splitlines()[-1])


def test_standard_output_is_written_by_the_parent(tmp_path, capsys):
    run = run_batch([Task(PLAN, None)], ExtractOptions(format="csv"))
    assert run.results[0].ok and run.results[0].plan is None
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 27 and rows[0][0] == "id"  # the header and 26 records


def test_an_output_that_cannot_be_written_is_named_not_its_temporary_file(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    run = run_batch([Task(PLAN, blocker / "plan.json"), Task(SEFTON, tmp_path / "ok.json")], jobs=2)
    failed, good = run.results
    assert (failed.kind, failed.message) == (
        "unwritable",
        f"{PLAN}: cannot write {blocker / 'plan.json'} (Not a directory)",
    )
    assert ".part" not in (failed.error or "") and good.ok
