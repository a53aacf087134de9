"""Cells merged vertically over several rows (Objective, Strategy No., Lead Area...)."""

from __future__ import annotations

from dataclasses import replace

from ..stitch import LogicalTable, Row


def fill_down_merged_cells(table: LogicalTable) -> LogicalTable:
    """Pattern: an id/objective/theme cell merged down over every action row it governs.

    Seen in: the Lewisham plans, where "1.1 - Delivering an improved housing options
    advice" spans five action rows, and Sefton's Strategy No./objective cells. The text
    printed once at the top of the merged cell is copied to every row the cell spans.
    Where such a cell runs on over a page break, the next page shows an empty cell at the
    top: it continues the previous page's value when the column is one that holds merged
    cells elsewhere in the table.
    Leaves alone: empty cells that are not merged (a row that really has no id).
    """
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
