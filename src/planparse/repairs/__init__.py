"""Repair heuristics: small named functions, each for one pattern seen in real plans.

Each takes a logical table and returns a repaired copy; rows it changes name it in their
`repairs`, which ends up in every record's provenance, and table-level repairs name
themselves in the table's `repairs`. Structure repairs run before the columns get their
roles (they mend the header the roles are read from); row repairs run after, in the
order below.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable
from .breaks import join_page_break_fragments
from .headers import drop_repeated_header_rows
from .ids import split_leading_id
from .junk import drop_filter_arrow_rows
from .rows import join_continuation_lines
from .sections import section_rows_to_theme
from .spans import fill_down_merged_cells
from .statements import objective_statements

#: a repair takes a logical table and the run's settings, and returns the repaired copy
Repair = Callable[[LogicalTable, Settings], LogicalTable]

#: repairs of a table's header and structure, run before roles are assigned
STRUCTURE_REPAIRS: tuple[Repair, ...] = (drop_filter_arrow_rows,)
#: repairs of its rows, which read the columns' roles, in the order they run
ROW_REPAIRS: tuple[Repair, ...] = (
    join_continuation_lines,
    drop_repeated_header_rows,
    fill_down_merged_cells,
    join_page_break_fragments,
    split_leading_id,
    objective_statements,
    section_rows_to_theme,
)
#: every repair, in the order it runs
REPAIRS: tuple[Repair, ...] = STRUCTURE_REPAIRS + ROW_REPAIRS

REPAIR_NAMES: tuple[str, ...] = tuple(r.__name__ for r in REPAIRS)


def check_repair_names(names: Collection[str]) -> None:
    """Raise ValueError naming any repair that does not exist."""
    unknown = set(names) - set(REPAIR_NAMES)
    if unknown:
        raise ValueError(
            f"unknown repair(s): {', '.join(sorted(unknown))}; known: {', '.join(REPAIR_NAMES)}"
        )


def apply_repairs(
    table: LogicalTable,
    skip: Collection[str] = (),
    repairs: tuple[Repair, ...] = ROW_REPAIRS,
    settings: Settings = DEFAULTS,
) -> LogicalTable:
    """Run the given repairs (by default the row repairs) not named in `skip`, in order
    (`extract` checks the names in `skip` once, with `check_repair_names`)."""
    for repair in repairs:
        if repair.__name__ not in skip:
            table = repair(table, settings)
    return table


__all__ = [
    "REPAIRS",
    "REPAIR_NAMES",
    "ROW_REPAIRS",
    "STRUCTURE_REPAIRS",
    "Repair",
    "apply_repairs",
    "check_repair_names",
]
