"""Goal, objective and target statements printed above the per-action tables they govern."""

from __future__ import annotations

from dataclasses import replace

from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable, Row

#: record keys a statement may hold besides its objective (a target, a theme)
STATEMENT_KEYS = frozenset({"objective", "theme", "success_measure", None})


def objective_statements(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: one small table per action (a record card), with a "Goal | <text>" and
    "Target | <text>" box above each group of them.

    Seen in: Norfolk's climate action plan (a Goal/Target box over the strategy cards
    that serve it). The box is no action: its objective becomes the `objective` of the
    cards under it, down to the next box, and its other fields ("Target") go into their
    `extra`, so no word is lost.
    Leaves alone: grids (a row with an objective and no action there is a merged cell
    or a fragment, which other repairs handle), and cards that print an action.
    """
    if table.kind != "card" or "objective" not in table.keys:
        return table
    keys = table.keys
    objective_col = keys.index("objective")
    statement: tuple[tuple[str, str], ...] = ()
    rows: list[Row] = []
    for row in table.rows:
        if row.kind != "data":
            rows.append(row)
            continue
        if _is_statement(row, keys):
            objective = row.values[objective_col]
            extras = tuple(
                (f"extra:{table.columns[i].label}", value)
                for i, value in enumerate(row.values)
                if value and i != objective_col
            )
            statement = (("objective", objective), *extras)
            rows.append(replace(row, kind="statement"))
            continue
        if statement and not row.values[objective_col]:
            row = row.with_repair("objective_statements", derived=(*row.derived, *statement))
        rows.append(row)
    return replace(table, rows=rows)


def _is_statement(row: Row, keys: list[str | None]) -> bool:
    """A card that prints an objective and nothing but statement fields."""
    printed = {keys[i] for i, value in enumerate(row.values) if value}
    return "objective" in printed and printed <= STATEMENT_KEYS
