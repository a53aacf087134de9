"""Header rows repeated on every page."""

from __future__ import annotations

from dataclasses import replace

from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable


def drop_repeated_header_rows(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: the header row printed again at the top of every page of a long table.

    Seen in: every multi-page plan of the corpus (Word repeats "header rows" on each page;
    Excel prints its title rows). The header is kept once, as the table's `columns`;
    every header row in the body, first one included, is taken out of the row stream.
    Leaves alone: data rows that merely start with a word such as "Action".
    """
    headers = [row for row in table.rows if row.kind == "header"]
    if not headers:
        return table
    rows = [row for row in table.rows if row.kind != "header"]
    repairs = table.repairs
    dropped = [*table.dropped, *((row.page, row.text) for row in headers)]
    if len(headers) > 1:
        repairs = [*repairs, "drop_repeated_header_rows"]
        notes = [*table.notes, f"{len(headers) - 1} repeated header row(s) dropped"]
    else:
        notes = table.notes
    return replace(table, rows=rows, repairs=repairs, notes=notes, dropped=dropped)
