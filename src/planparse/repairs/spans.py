"""Cells merged vertically over several rows (Objective, Strategy No., Lead Area...)."""

from __future__ import annotations

from dataclasses import replace

from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable, Row


def fill_down_merged_cells(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: an id/objective/theme cell merged down over every action row it governs.

    Seen in: the Lewisham plans, where "1.1 - Delivering an improved housing options
    advice" spans five action rows, and Sefton's Strategy No./objective cells. The text
    printed once at the top of the merged cell is copied to every row the cell spans.
    Where such a cell runs on over a page break, the next page shows an empty cell at the
    top: it continues the previous page's value when the column is one that holds merged
    cells elsewhere in the table.
    In tables without ruling lines a merged cell cannot be seen: there an empty id /
    objective / workstream cell is continued from the row above when every such grouping
    cell of the row is empty (Sefton's 2.3 with three actions), and left empty when the
    row starts a group of its own (City of London: a Lead Area but no Unique ID).
    Leaves alone: empty cells that are not merged (a row that really has no id).
    """
    table = _fill_unruled_groups(table)
    grouping = {
        i
        for row in table.rows
        if row.kind == "data"
        for i, cell in enumerate(row.cells)
        if cell is not None and cell.rowspan > 1
    }
    continuing: set[int] = set()
    last: dict[int, str] = {}
    last_section = None
    rows: list[Row] = []
    for row in table.rows:
        if row.kind == "section":
            if row.text != last_section:
                last = {}
            last_section = row.text
        if row.kind != "data":
            rows.append(row)
            continue
        if row.after_page_break:
            continuing |= {id(c) for c in row.cells if c is not None and not c.text}
        values = list(row.values)
        for i, cell in enumerate(row.cells):
            if cell is None:
                continue
            if not row.owns[i] and cell.text and not values[i]:
                values[i] = cell.text
            elif not cell.text and id(cell) in continuing and i in grouping and last.get(i):
                values[i] = last[i]
            if values[i]:
                last[i] = values[i]
            elif row.owns[i]:
                last.pop(i, None)
        if tuple(values) != row.values:
            row = row.with_repair("fill_down_merged_cells", values=tuple(values))
        rows.append(row)
    return replace(table, rows=rows)


#: columns whose cells group the rows under them
GROUPING_KEYS = ("id", "objective", "workstream", "theme")


def _fill_unruled_groups(table: LogicalTable) -> LogicalTable:
    """Rows of a table found without rules (stream, hybrid) whose grouping cells are all
    empty take them from the row above (within one section)."""
    groups = [i for i, key in enumerate(table.keys) if key in GROUPING_KEYS]
    if not groups:
        return table
    rows: list[Row] = []
    last: dict[int, str] = {}
    last_section = None
    for row in table.rows:
        if row.kind == "section" and row.text != last_section:
            last, last_section = {}, row.text
        if row.kind != "data" or row.strategy.endswith(("lattice", "shaded")):
            if row.kind == "data":
                last = {i: row.values[i] for i in groups}
            rows.append(row)
            continue
        if all(not row.values[i] for i in groups) and any(last.get(i) for i in groups):
            values = list(row.values)
            for i in groups:
                values[i] = last.get(i, "")
            row = row.with_repair("fill_down_merged_cells", values=tuple(values))
        last = {i: row.values[i] for i in groups}
        rows.append(row)
    return replace(table, rows=rows)
