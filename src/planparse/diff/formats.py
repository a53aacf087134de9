"""A PlanDiff written out: JSON (the models' dump), CSV (one row per change) or a table for
a terminal. Chosen by name, or by the suffix of the output file."""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..exporters.to_csv import LIST_SEPARATOR, cell_text
from ..exporters.to_table import terminal_console
from ..models import Action
from .models import MatchedAction, PlanDiff, Value

#: CSV columns, one row per change
CSV_HEADER = [
    "change",
    "key",
    "old",
    "new",
    "old_text",
    "new_text",
    "old_id",
    "new_id",
    "action",
    "old_pages",
    "new_pages",
    "match",
]
#: raw-text keys shown beside their normalised key's change rather than on rows of their own
RAW_OF = {"status": "status_raw", "due": "due_raw"}
KIND_STYLE = {
    "worsened": "bold red",
    "slipped": "red",
    "removed": "red",
    "improved": "green",
    "earlier": "green",
    "added": "green",
}
EDIT_STYLE = {"=": "", "-": "red strike", "+": "green"}
#: how kept, deleted and inserted words read without colour (as wdiff prints them)
EDIT_MARKS = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
#: long texts are cut to this many characters in the terminal view
CELL_CHARS = 70
#: words kept either side of an edit when a long text's change is shown
CONTEXT_WORDS = 4
#: texts longer than this many characters show their edits, not both whole values
EDIT_CHARS = 60


@dataclass(frozen=True)
class DiffFormat:
    name: str
    suffix: str
    write: Callable[[PlanDiff, IO[str]], None]


def diff_to_json(diff: PlanDiff) -> str:
    """JSON with a fixed key order and a trailing newline; identical for identical inputs."""
    return json.dumps(diff.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_json(diff: PlanDiff, stream: IO[str]) -> None:
    stream.write(diff_to_json(diff))


def change_rows(diff: PlanDiff) -> Iterator[list[str]]:
    """One row per change: each changed key of a matched action, then each action added and
    removed. A status or deadline row carries the text as printed in old_text / new_text."""
    for match in diff.matched:
        for key, kind in match.kinds.items():
            before, after = match.changes[key]
            raw = match.changes.get(RAW_OF.get(key, ""), (None, None))
            yield [
                kind,
                key,
                cell_text(before),
                cell_text(after),
                cell_text(raw[0] if key in RAW_OF else None),
                cell_text(raw[1] if key in RAW_OF else None),
                match.old.id or "",
                match.new.id or "",
                match.new.action,
                _pages(match.old),
                _pages(match.new),
                match.reason,
            ]
    for change, actions in (("added", diff.added), ("removed", diff.removed)):
        for action in actions:
            old, new = (None, action) if change == "added" else (action, None)
            yield [
                change,
                "",
                "",
                "",
                "",
                "",
                (old.id or "") if old else "",
                (new.id or "") if new else "",
                action.action,
                _pages(old) if old else "",
                _pages(new) if new else "",
                "",
            ]


def write_csv(diff: PlanDiff, stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(change_rows(diff))


def _pages(action: Action) -> str:
    return LIST_SEPARATOR.join(str(p) for p in action.provenance.pages)


def diff_view(diff: PlanDiff) -> Group:
    """The diff for a terminal: a summary line, then changed, added and removed actions."""
    s = diff.summary
    headline = Text(
        f"{diff.old.file} ({diff.old.published or 'undated'}, {s.old_actions} actions) -> "
        f"{diff.new.file} ({diff.new.published or 'undated'}, {s.new_actions} actions)\n"
        f"{s.matched} matched ({s.matched_by_id} by id, {s.matched_by_text} by text), "
        f"{s.changed} changed, {s.added} added, {s.removed} removed\n"
        f"status/RAG: {s.worsened} worsened, {s.improved} improved; deadlines: {s.slipped} "
        f"slipped, {s.earlier} earlier; progress: {s.progress_updated} updated, "
        f"{s.progress_not_updated} not updated"
    )
    parts: list[Table | Text] = [headline]
    changed = [m for m in diff.matched if m.changes]
    if changed:
        parts.append(_changed_table(changed))
    for title, actions, style in (
        ("added", diff.added, "green"),
        ("removed", diff.removed, "red"),
    ):
        if actions:
            parts.append(_actions_table(title, actions, style))
    return Group(*parts)


def _changed_table(changed: list[MatchedAction]) -> Table:
    table = Table(title="changed", expand=True, show_lines=True, title_justify="left")
    for name, ratio in (("id", 1), ("action", 5), ("changes", 7), ("match", 2)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for match in changed:
        lines = Text()
        for key, kind in match.kinds.items():
            before, after = match.changes[key]
            if key in RAW_OF and RAW_OF[key] in match.changes:
                before, after = match.changes[RAW_OF[key]]
            if lines:
                lines.append("\n")
            lines.append(f"{key} {kind}: ", style=KIND_STYLE.get(kind, "bold"))
            if shows_edits(before, after):
                for op, words in text_edits(before, after):  # type: ignore[arg-type]
                    lines.append(EDIT_MARKS[op].format(words) + " ", style=EDIT_STYLE[op])
            elif isinstance(before, list) or isinstance(after, list):
                lines.append(_list_edits(before or [], after or []))  # type: ignore[arg-type]
            else:
                lines.append(
                    f"{_short(cell_text(before)) or '-'} -> {_short(cell_text(after)) or '-'}"
                )
        ident = match.new.id or ""
        if match.old.id != match.new.id:
            ident = f"{match.old.id or '-'} -> {match.new.id or '-'}"
        table.add_row(Text(ident), Text(_short(match.new.action)), lines, Text(match.reason))
    return table


def _actions_table(title: str, actions: list[Action], style: str) -> Table:
    table = Table(title=title, title_style=style, expand=True, title_justify="left")
    for name, ratio in (("id", 1), ("action", 8), ("due", 2), ("status", 2), ("pages", 1)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for action in actions:
        table.add_row(
            Text(action.id or ""),
            Text(_short(action.action)),
            Text(action.due or action.due_raw or ""),
            Text(action.status or action.status_raw or ""),
            Text(_pages(action)),
        )
    return table


def text_edits(before: str, after: str) -> list[tuple[str, str]]:
    """A text change as ("=", kept) / ("-", deleted) / ("+", inserted) runs of words, with
    long kept runs cut to a few words either side of an edit ("…" marks the cut)."""
    old_words, new_words = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("=", _context(old_words[i1:i2], first=i1 == 0, last=i2 == len(old_words))))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(old_words[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(new_words[j1:j2])))
    return [run for run in runs if run[1]]


def _list_edits(before: list[str], after: list[str]) -> str:
    """A list change as the items taken out and put in: "-Old Lead; +New Lead"."""
    gone = [f"-{item}" for item in before if item not in after]
    come = [f"+{item}" for item in after if item not in before]
    return LIST_SEPARATOR.join(gone + come) or "order changed"


def _context(words: list[str], *, first: bool, last: bool) -> str:
    """Kept words around edits: the end of a run before an edit, the start of one after."""
    n = CONTEXT_WORDS
    if len(words) <= 2 * n:
        return " ".join(words)
    if first:
        return "… " + " ".join(words[-n:])
    if last:
        return " ".join(words[:n]) + " …"
    return " ".join(words[:n]) + " … " + " ".join(words[-n:])


def shows_edits(before: Value, after: Value) -> bool:
    """Whether a change reads better as its edits: two long texts."""
    return (
        isinstance(before, str)
        and isinstance(after, str)
        and max(len(before), len(after)) > EDIT_CHARS
    )


def _short(text: str) -> str:
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def write_table(diff: PlanDiff, stream: IO[str]) -> None:
    terminal_console(stream).print(diff_view(diff))


DIFF_FORMATS: dict[str, DiffFormat] = {
    f.name: f
    for f in (
        DiffFormat("json", ".json", write_json),
        DiffFormat("csv", ".csv", write_csv),
        DiffFormat("table", ".txt", write_table),
    )
}


def diff_format_for(name: str | None, suffix: str | None) -> DiffFormat:
    """The format named, else the one whose suffix the output file has, else JSON."""
    if name:
        return DIFF_FORMATS[name]
    for fmt in DIFF_FORMATS.values():
        if suffix and fmt.suffix == suffix.lower():
            return fmt
    return DIFF_FORMATS["json"]
