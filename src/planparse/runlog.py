"""What a run tells: the JSON Lines run report, and the lines written to standard error.

The report (`--report run.jsonl`) has one line per input, streamed as each file
finishes, so a long run can be followed (`tail -f`) and a run cut short still says what
it did. When the run ends, the report is rewritten in input order with a last line
holding the summary, so the same inputs give the same report with any number of
workers (or on Dask):

    {"input": "plans/a.pdf", "output": "out/a.json", "ok": true, "kind": null,
     "error": null, "pages": 4, "records": 26, "warnings": []}
    ...
    {"summary": {"files": 3, "extracted": 2, "failed": 1, ...}}

Every line planparse writes to standard error starts with "planparse: ", and one file
gives at most a few: its failure or its warnings, cut at MAX_WARNING_LINES (lost content
first; the audit's unplaced text summed up in one line).
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import PlanparseError
from .writing import write_text

if TYPE_CHECKING:
    from .batch import BatchResult, FileResult
    from .models import PlanWarning

PREFIX = "planparse: "
#: warnings printed per file; the rest are counted in one more line (all are in the output)
MAX_WARNING_LINES = 8
#: the audit's warning code for text no record holds: one line per file on stderr
UNPLACED = "unplaced_text"
#: captured library messages printed per file with --verbose
MAX_LOG_LINES = 10
#: traceback lines printed per file with --verbose
MAX_DETAIL_LINES = 12


class ReportError(PlanparseError):
    """The run report cannot be written."""

    kind = "unwritable"


class RunReport:
    """A run report being written: results stream in, `finish` puts them in order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.stream: IO[str] | None = path.open("w", encoding="utf-8")
        except OSError as exc:
            raise ReportError(f"cannot write the report {path} ({exc.strerror or exc})") from None

    def add(self, result: FileResult) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(_line(entry(result)))
            self.stream.flush()
        except OSError as exc:  # the disk filled up: the run goes on, the report is lost
            self.error = f"cannot write the report {self.path} ({exc.strerror or exc})"
            self._close()

    def finish(self, batch: BatchResult) -> None:
        """Rewrite the report in input order with the summary; `error` says if it failed."""
        self._close()
        text = "".join(_line(entry(r)) for r in batch.results) + _line({"summary": summary(batch)})
        try:
            write_text(self.path, text)
        except OSError as exc:
            self.error = f"cannot write the report {self.path} ({exc.strerror or exc})"

    def _close(self) -> None:
        if self.stream is not None:
            stream, self.stream = self.stream, None
            with contextlib.suppress(OSError):
                stream.close()


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def entry(result: FileResult) -> dict[str, Any]:
    """One input's line in the run report."""
    if result.ok:
        output: str | None = str(result.output) if result.output is not None else "-"
    else:
        output = None
    return {
        "input": str(result.path),
        "output": output,
        "ok": result.ok,
        "kind": result.kind,
        "error": result.error,
        "pages": result.pages,
        "records": result.records,
        "warnings": [w.model_dump(mode="json") for w in result.warnings],
    }


def summary(batch: BatchResult) -> dict[str, Any]:
    results = batch.results
    failed = [r for r in results if not r.ok]
    return {
        "files": len(results),
        "extracted": len(results) - len(failed),
        "failed": len(failed),
        "pages": sum(r.pages for r in results),
        "records": sum(r.records for r in results),
        "warnings": sum(len(r.warnings) for r in results),
        "lost_content": sum(1 for r in results if r.lost_content),
        "failures": dict(sorted(Counter(r.kind or "error" for r in failed).items())),
        "stopped_by": batch.stopped_by,
    }


# --------------------------------------------------------------------------- stderr


def file_lines(result: FileResult, *, quiet: bool, verbose: bool, failure: bool) -> list[str]:
    """The lines one finished file gives: its failure (when `failure`), its warnings
    (with `quiet`, only those saying content was lost), and with `verbose` the
    libraries' messages and any traceback."""
    lines: list[str] = []
    if not result.ok and failure:
        lines.append(f"{PREFIX}error: {result.message}")
    lost = list(result.lost_content)
    others = [w for w in result.warnings if w not in lost and w.code != UNPLACED]
    shown = lost if quiet else lost + others
    for warning in shown[:MAX_WARNING_LINES]:
        lines.append(f"{PREFIX}warning: {result.path}: {warning.message}")
    if len(shown) > MAX_WARNING_LINES:
        more = len(shown) - MAX_WARNING_LINES
        lines.append(f"{PREFIX}warning: {result.path}: {more} more warning(s), all in the output")
    unplaced = [w for w in result.warnings if w.code == UNPLACED]
    if unplaced and not quiet:
        lines.append(f"{PREFIX}warning: {result.path}: {unplaced_summary(unplaced)}")
    if verbose:
        lines += _capped([f"{result.path}: {m}" for m in result.log], MAX_LOG_LINES)
        if result.details:
            lines += _capped(result.details.rstrip().splitlines(), MAX_DETAIL_LINES, tail=True)
    return lines


def unplaced_summary(warnings: Sequence[PlanWarning]) -> str:
    """One line for a file's `unplaced_text` warnings: how many, and on which pages (the
    text and box of each is in the output)."""
    pages = sorted({w.page for w in warnings if w.page is not None})
    return (
        f"{len(warnings)} passage(s) of text on page(s) {page_ranges(pages)} are in no "
        "record, header or theme (each is an unplaced_text warning in the output)"
    )


def page_ranges(pages: Sequence[int]) -> str:
    """ "1-3, 7" for [1, 2, 3, 7]."""
    spans: list[list[int]] = []
    for page in pages:
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _capped(messages: Sequence[str], limit: int, *, tail: bool = False) -> list[str]:
    kept = list(messages[-limit:] if tail else messages[:limit])
    lines = [f"{PREFIX}debug: {m}" for m in kept]
    if len(messages) > limit:
        lines.append(f"{PREFIX}debug: ({len(messages) - limit} more line(s) not shown)")
    return lines


def closing_lines(batch: BatchResult, *, several: bool, strict: bool, quiet: bool) -> list[str]:
    """The run's last lines: why it stopped early, the summary of a run of several
    files (counts, then each failure in one line), what --strict fails on, and a report
    that could not be written."""
    interrupted = sum(1 for r in batch.failed if r.kind == "interrupted")
    lines: list[str] = []
    if batch.stopped_by:
        lines.append(
            f"{PREFIX}stopped by {batch.stopped_by}: {len(batch.results) - interrupted} of "
            f"{len(batch.results)} file(s) finished, {interrupted} not (outputs written so "
            "far are kept)"
        )
    if several:
        lines += summary_lines(batch, quiet=quiet)
    lost = [r for r in batch.results if r.lost_content]
    if strict and lost:
        lines.append(
            f"{PREFIX}error: --strict: {len(lost)} file(s) have pages that could not be read: "
            + ", ".join(str(r.path) for r in lost[:5])
            + (", ..." if len(lost) > 5 else "")
        )
    if batch.report_error:
        lines.append(f"{PREFIX}error: {batch.report_error}")
    return lines


def summary_lines(batch: BatchResult, *, quiet: bool) -> list[str]:
    """Counts, then each failure in one line (nothing with `quiet` when all went well)."""
    figures = summary(batch)
    failed = [r for r in batch.failed if r.kind != "interrupted"]
    if quiet and not batch.failed:
        return []
    counts = (
        f"{PREFIX}{figures['files']} file(s), {figures['extracted']} extracted: "
        f"{figures['pages']} page(s), {figures['records']} record(s), "
        f"{figures['warnings']} warning(s)" + (f"; {len(failed)} failed:" if failed else "")
    )
    return [counts, *(f"{PREFIX}error: [{r.kind}] {r.message}" for r in failed)]
