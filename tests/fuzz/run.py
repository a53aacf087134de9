"""`make fuzz`: the fuzz cases through the command line, with issue 12's acceptance checks.

Each damaged PDF (tests/fuzz/mutations.py) is extracted by its own `planparse extract
--timeout T` process, `--jobs` of them at a time, and checked:

* exit code 0 or 1, no traceback;
* every stderr line starts with "planparse: ", and at most MAX_LINES of them;
* done within the timeout (plus the time to start and to kill a worker);
* nothing left behind: no .part file, no output for a failed file; and the output of a
  file that gave a plan passes `planparse validate`;
* no silent loss: a file that gives fewer records than its intact source has a
  warning naming a page that the intact source does not have (a page that could not
  be read; on a scanned page whose image is damaged, words OCR could not read well).

    python tests/fuzz/run.py [--count 350] [--jobs 2] [--timeout 60] [--shared ../shared]

Prints a table per mutation kind and exits 1 when any case fails a check.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, as pytest has it
from fuzz.mutations import Case, cases, make_case
from planparse.validate import validate_file

#: stderr lines one file may give
MAX_LINES = 20
#: seconds beyond --timeout a run may take: interpreter start, worker start and kill
SLACK_SECONDS = 15.0
PLANPARSE = [sys.executable, "-m", "planparse"]


@dataclass
class Outcome:
    """One case's run and what its checks found."""

    case: Case
    exit_code: int
    seconds: float
    lines: int
    kind: str | None
    records: int
    intact: int
    problems: list[str] = field(default_factory=list)

    @property
    def silent_loss(self) -> bool:
        return any(p.startswith("silent loss") for p in self.problems)

    @property
    def leftovers(self) -> bool:
        return any(p.startswith("leftover") for p in self.problems)


def extract(
    pdf: Path, folder: Path, timeout: float, extra: Sequence[str] = ()
) -> tuple[subprocess.CompletedProcess[str], float]:
    """`planparse extract PDF -o FOLDER/plan.json --report FOLDER/run.jsonl --timeout T`."""
    folder.mkdir(parents=True, exist_ok=True)
    command = [*PLANPARSE, "extract", str(pdf), "-o", str(folder / "plan.json")]
    command += ["--timeout", f"{timeout:g}", "--report", str(folder / "run.jsonl"), *extra]
    start = time.monotonic()
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout + 4 * SLACK_SECONDS, check=False
    )
    return done, time.monotonic() - start


def report_entry(folder: Path) -> dict[str, object]:
    lines = (folder / "run.jsonl").read_text(encoding="utf-8").splitlines()
    return dict(json.loads(lines[0]))


@dataclass(frozen=True)
class Intact:
    """What planparse gets from an undamaged source."""

    records: int
    #: its page warnings, as (code, page, message)
    warnings: frozenset[tuple[str, int, str]]


def intact_runs(
    sources: Sequence[Path], work: Path, timeout: float, jobs: int
) -> dict[Path, Intact]:
    def run(source: Path) -> Intact:
        folder = work / "intact" / source.stem
        extract(source, folder, timeout)
        entry = report_entry(folder)
        return Intact(int(entry["records"]) if entry["ok"] else 0, page_warnings(entry))  # type: ignore[call-overload]

    with ThreadPoolExecutor(jobs) as pool:
        return dict(zip(sources, pool.map(run, sources), strict=True))


def page_warnings(entry: dict[str, object]) -> frozenset[tuple[str, int, str]]:
    warnings = entry.get("warnings") or []
    return frozenset(
        (w["code"], w["page"], w["message"])
        for w in warnings  # type: ignore[attr-defined]
        if w["page"] is not None
    )


def run_case(
    case: Case, work: Path, timeout: float, intact: dict[Path, Intact], extra: Sequence[str] = ()
) -> Outcome:
    pdf = work / "cases" / case.name
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(make_case(case))
    folder = work / "out" / Path(case.name).stem
    done, seconds = extract(pdf, folder, timeout, extra)
    lines = done.stderr.splitlines()
    problems = []
    if done.returncode not in (0, 1):
        problems.append(f"exit code {done.returncode}")
    if "Traceback" in done.stderr or "Traceback" in done.stdout:
        problems.append("traceback")
    unprefixed = [line for line in lines if not line.startswith("planparse: ")]
    if unprefixed:
        problems.append(f"stderr line without 'planparse: ': {unprefixed[0][:100]!r}")
    if len(lines) > MAX_LINES:
        problems.append(f"{len(lines)} stderr lines")
    if seconds > timeout + SLACK_SECONDS:
        problems.append(f"took {seconds:.0f} s")
    entry = report_entry(folder) if (folder / "run.jsonl").exists() else {}
    if not entry:
        problems.append("no run report")
    ok = bool(entry.get("ok"))
    left = sorted(p.name for p in folder.iterdir() if p.name != "run.jsonl")
    if left != (["plan.json"] if ok else []):
        problems.append(f"leftovers: {left}")
    elif ok:
        invalid = validate_file(folder / "plan.json")
        if invalid:
            problems.append(f"invalid output: {invalid[0].line('plan.json')}")
    records = int(entry.get("records", 0))  # type: ignore[call-overload]
    source = intact[case.source]
    if ok and records < source.records and not page_warnings(entry) - source.warnings:
        problems.append(f"silent loss: {records} of {source.records} records, no page warning")
    kind = entry.get("kind")
    return Outcome(
        case,
        done.returncode,
        seconds,
        len(lines),
        kind if isinstance(kind, str) else None,
        records,
        source.records,
        problems,
    )


def run_cases(
    selected: Sequence[Case],
    work: Path,
    *,
    timeout: float,
    jobs: int,
    extra: Sequence[str] = (),
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Each case through `planparse extract --timeout T [extra]`, `jobs` at a time."""
    sources = sorted({case.source for case in selected})
    intact = intact_runs(sources, work, timeout, jobs)

    def one(case: Case) -> Outcome:
        outcome = run_case(case, work, timeout, intact, extra)
        if progress is not None:
            progress(outcome)
        return outcome

    with ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(one, selected))


def table(outcomes: Sequence[Outcome]) -> str:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        groups[outcome.case.kind].append(outcome)
    groups["all"] = list(outcomes)
    head = (
        f"{'kind':<22}{'cases':>6}{'exit 0':>7}{'exit 1':>7}{'other':>6}{'max lines':>10}"
        f"{'max s':>7}{'leftover':>9}{'silent':>7}{'failing':>8}  failure kinds"
    )
    rows = [head, "-" * len(head)]
    for kind, group in groups.items():
        kinds: dict[str, int] = defaultdict(int)
        for outcome in group:
            if outcome.kind:
                kinds[outcome.kind] += 1
        rows.append(
            f"{kind:<22}{len(group):>6}{sum(o.exit_code == 0 for o in group):>7}"
            f"{sum(o.exit_code == 1 for o in group):>7}"
            f"{sum(o.exit_code not in (0, 1) for o in group):>6}"
            f"{max(o.lines for o in group):>10}{max(o.seconds for o in group):>7.1f}"
            f"{sum(o.leftovers for o in group):>9}{sum(o.silent_loss for o in group):>7}"
            f"{sum(bool(o.problems) for o in group):>8}  "
            + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=350)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[3] / "shared")
    parser.add_argument("--keep", type=Path, help="work here and keep the files")
    args = parser.parse_args()
    selected = cases(args.shared, args.count)
    with tempfile.TemporaryDirectory(prefix="planparse-fuzz-") as scratch:
        work = args.keep or Path(scratch)
        start = time.monotonic()

        def progress(outcome: Outcome) -> None:
            mark = "FAIL " + "; ".join(outcome.problems) if outcome.problems else "ok"
            print(
                f"{outcome.case.name:<70} exit {outcome.exit_code} {outcome.seconds:5.1f}s "
                f"{outcome.records:>4}/{outcome.intact:<4} {outcome.kind or '':<16} {mark}",
                flush=True,
            )

        outcomes = run_cases(
            selected, work, timeout=args.timeout, jobs=args.jobs, progress=progress
        )
        print()
        print(table(outcomes))
        print(f"\n{len(outcomes)} cases in {time.monotonic() - start:.0f} s")
    return 1 if any(o.problems for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
