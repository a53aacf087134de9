"""Rows of tables without rules, assembled once the columns' roles are known."""

from __future__ import annotations

from dataclasses import replace

from ..geometry import union
from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable, Row
from ..tables import Cell
from ..text import join_lines

#: columns whose text starts a row: a new run of text there is a new row
ROW_START_KEYS = frozenset(
    {
        "id",
        "workstream",
        "objective",
        "action",
        "status",
        "rag",
        "lead",
        "partners",
        "due_raw",
        "new",
        "theme",
    }
)


def join_continuation_lines(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: a table without ruling lines whose cells run over several lines, where
    the page shows no border between rows, only where each column's text begins.

    Seen in: the unruled dev layouts (Word tables with borders off: a new action begins
    beside the last lines of the previous row's long progress note) and West Sussex's
    tobacco control plan. The table finder cuts a tentative row wherever a column begins
    new text with no gap; a cut stands when one of those columns is a key column (id,
    objective, action, owner, deadline, status...), and otherwise the lines are joined
    to the row above: the next paragraph of a progress note or a description is not a
    new action.
    Leaves alone: rows whose top the page shows (a rule, a new shaded cell, a gap, a
    full-width row), and every ruled table.
    """
    keys = table.keys
    rows: list[Row] = []
    for row in table.rows:
        previous = rows[-1] if rows else None
        if (
            row.kind == "data"
            and row.opens is not None
            and previous is not None
            and previous.kind == "data"
            and not any(keys[i] in ROW_START_KEYS for i in row.opens if i < len(keys))
        ):
            rows[-1] = merge_rows(previous, row)
            continue
        rows.append(row)
    return replace(table, rows=rows)


def merge_rows(upper: Row, lower: Row) -> Row:
    """One row from two vertically adjacent rows of the same table, cell by cell."""
    n = max(len(upper.values), len(lower.values))
    cells: list[Cell | None] = []
    values: list[str] = []
    owns: list[bool] = []
    for i in range(n):
        a = upper.cells[i] if i < len(upper.cells) else None
        b = lower.cells[i] if i < len(lower.cells) else None
        cells.append(_merge_cells(a, b))
        values.append(join_lines([_at(upper.values, i), _at(lower.values, i)]))
        owns.append(_at_bool(upper.owns, i) or _at_bool(lower.owns, i))
    return upper.with_repair(
        "join_continuation_lines",
        values=tuple(values),
        cells=tuple(cells),
        owns=tuple(owns),
        box=union([upper.box, lower.box]),
        spans=(*upper.spans, *lower.spans),
    )


def _merge_cells(a: Cell | None, b: Cell | None) -> Cell | None:
    if a is None or b is None:
        return a or b
    return replace(
        a,
        box=union([a.box, b.box]),
        rowspan=a.rowspan + b.rowspan,
        lines=a.lines + b.lines,
        fill=a.fill if a.fill is not None else b.fill,
        bold=a.bold and (b.bold or not b.lines),
        confidences=a.confidences + b.confidences,
    )


def _at(values: tuple[str, ...], i: int) -> str:
    return values[i] if i < len(values) else ""


def _at_bool(values: tuple[bool, ...], i: int) -> bool:
    return values[i] if i < len(values) else False
