"""Repair heuristics: small named functions, each for one pattern seen in real plans.

Each takes a logical table and returns a repaired copy; rows it changes name it in their
`repairs`, which ends up in every record's provenance. They run in the order below.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from ..stitch import LogicalTable
from .breaks import join_page_break_fragments
from .headers import drop_repeated_header_rows
from .ids import split_leading_id
from .junk import drop_filter_arrow_rows
from .sections import section_rows_to_theme
from .spans import fill_down_merged_cells

Repair = Callable[[LogicalTable], LogicalTable]

#: every repair, in the order it runs
REPAIRS: tuple[Repair, ...] = (
    drop_filter_arrow_rows,
    drop_repeated_header_rows,
    fill_down_merged_cells,
    join_page_break_fragments,
    split_leading_id,
    section_rows_to_theme,
)

REPAIR_NAMES: tuple[str, ...] = tuple(r.__name__ for r in REPAIRS)


def apply_repairs(table: LogicalTable, skip: Collection[str] = ()) -> LogicalTable:
    """Run every repair not named in `skip`, in registry order."""
    unknown = set(skip) - set(REPAIR_NAMES)
    if unknown:
        raise ValueError(
            f"unknown repair(s): {', '.join(sorted(unknown))}; known: {', '.join(REPAIR_NAMES)}"
        )
    for repair in REPAIRS:
        if repair.__name__ not in skip:
            table = repair(table)
    return table


__all__ = ["REPAIRS", "REPAIR_NAMES", "Repair", "apply_repairs"]
