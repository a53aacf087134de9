"""`planparse extract --jobs 2` as a user runs it, in its own process, stopped from outside:
Ctrl-C (SIGINT to the whole process group, as a terminal sends it), SIGTERM (to planparse
alone, as a service manager sends it), and a worker killed as the out-of-memory killer
would. Each ends in seconds with a message, keeps finished outputs, leaves no .part file
and no process behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import dev_pdf
from fuzz.mutations import more_pages

PLAN = dev_pdf("col_delivery_plan_2023_27.excel")
GOOD = [PLAN, dev_pdf("sefton_homelessness_2018_23.word-ruled"), dev_pdf("col_peer_review.review")]


@pytest.fixture(scope="module")
def slow_pdfs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("slow")
    data = more_pages(PLAN.read_bytes(), 5000)
    paths = [folder / f"slow-{i}.pdf" for i in range(2)]
    for path in paths:
        path.write_bytes(data)
    return paths


def start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "planparse", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a job in a terminal
    )


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def workers_of(pid: int) -> list[int]:
    """planparse's worker processes (not multiprocessing's resource tracker)."""
    out = []
    for child in descendants(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"spawn_main" in command and b"resource_tracker" not in command:
            out.append(child)
    return out


def wait_for(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.parametrize(
    ("how", "code"), [("SIGINT", 130), ("SIGTERM", 143)], ids=["ctrl-c", "sigterm"]
)
def test_a_signal_stops_a_jobs_2_batch_within_seconds(tmp_path, slow_pdfs, how, code):
    out, report = tmp_path / "out", tmp_path / "run.jsonl"
    inputs = [PLAN, *slow_pdfs, *GOOD[1:]]
    run = start(["extract", *map(str, inputs), "-o", str(out), "-j", "2", "--report", str(report)])
    wait_for(lambda: report.exists() and report.read_text().count("\n") >= 1)  # PLAN is done
    wait_for(lambda: len(workers_of(run.pid)) == 2)
    below = descendants(run.pid)
    sent = time.monotonic()
    if how == "SIGINT":
        os.killpg(run.pid, signal.SIGINT)
    else:
        os.kill(run.pid, signal.SIGTERM)
    _, stderr = run.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert run.returncode == code
    lines = stderr.splitlines()
    assert lines and all(line.startswith("planparse: ") for line in lines), stderr
    assert any(f"stopped by {how}" in line for line in lines)
    assert (out / f"{PLAN.stem}.json").exists()
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))
    entries = [json.loads(line) for line in report.read_text().splitlines()]
    assert entries[-1]["summary"]["stopped_by"] == how
    assert {e["kind"] for e in entries[:-1] if not e["ok"]} == {"interrupted"}
    wait_for(lambda: not any(alive(pid) for pid in below), seconds=5)  # no orphan


def test_a_worker_killed_mid_run_costs_only_its_file(tmp_path, slow_pdfs):
    out, report = tmp_path / "out", tmp_path / "run.jsonl"
    slow = slow_pdfs[0]
    args = ["extract", str(slow), *map(str, GOOD), "-o", str(out), "-j", "2"]
    run = start([*args, "--report", str(report), "--timeout", "10"])
    wait_for(lambda: len(workers_of(run.pid)) == 2)
    time.sleep(0.5)  # both workers hold a file
    os.kill(min(workers_of(run.pid)), signal.SIGKILL)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 1
    assert all(line.startswith("planparse: ") for line in stderr.splitlines()), stderr
    *entries, last = (json.loads(line) for line in report.read_text().splitlines())
    kinds = {Path(e["input"]): e["kind"] for e in entries}
    crashed = [path for path, kind in kinds.items() if kind == "crashed"]
    assert len(crashed) == 1 and f"[crashed] {crashed[0]}:" in stderr
    assert kinds[slow] in ("timeout", "crashed")  # --timeout ends it if it was not the one
    for entry in entries:
        if Path(entry["input"]) not in (slow, crashed[0]):
            assert entry["ok"] and Path(entry["output"]).exists(), entry
    assert last["summary"]["failed"] == 2 - (kinds[slow] == "crashed")
