"""Ids printed at the start of an objective or action cell."""

from __future__ import annotations

import re
from dataclasses import replace

from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable

#: "1.1 - Text", "1.2 -Text", "1.1Text", "1.1 Text", "2.3a: Text"
_DOTTED_ID = re.compile(
    r"^\s*(?P<id>\d{1,3}(?:\.\d{1,3}){1,3}[a-z]?)\.?(?P<sep>\s*[-–—:)]\s*|\s+|(?=[A-Z]))(?P<rest>\S.*)$",
    re.DOTALL,
)
#: "3 - Text", "12) Text", "4: Text", "7. Text": a plain number needs a separator mark
_PLAIN_ID = re.compile(
    r"^\s*(?P<id>\d{1,3}[a-z]?)\s*(?:[-–—:)]\s*|\.\s+)(?P<rest>\S.*)$", re.DOTALL
)
#: "a. Text", "b) Text": a lettered sub-item of the numbered row above
_LETTERED = re.compile(r"^\s*\(?(?P<letter>[a-z])[.)]\s+(?P<rest>\S.*)$", re.DOTALL)


def split_id(text: str) -> tuple[str, str] | None:
    """(id, remaining text) when the text opens with an id, else None."""
    match = _DOTTED_ID.match(text) or _PLAIN_ID.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    if not rest or not re.search(r"[A-Za-z]", rest[:3]):
        return None
    ident = match.group("id")
    # OCR reads the list's "2." as "2:" or "2;"
    if ident.isdigit() and re.search(rf"(?:^|\s){int(ident) + 1}[.):;]\s", rest):
        return None  # "1. Review ... 2. Develop ...": a numbered list inside the cell
    return ident, rest


def split_leading_id(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: the id printed inside the objective (or action) cell, "1.1 - Text",
    "1.1Text", "1.1 Text", in tables that have no id column.

    Seen in: the Lewisham plans ("1.1 - Delivering an improved housing options advice",
    "1.2 -Make places where people want to live"). The id goes to the record's `id` and
    the cell keeps the text after it.
    Numbered strategies with lettered sub-actions ("8. Increase adoption...", then
    "a. Increase workshops...", as in Vermont's Table B-2) give ids "8" and "8a".
    Leaves alone: tables with an id column; text that opens with a plain number and no
    separator ("100 new homes"); numbers with no words after them; a numbered list
    inside the cell ("1. Review ... 2. Develop ...", as in Birmingham's Key Activity).
    """
    keys = table.keys
    if "id" in keys:
        return table
    target = _id_column(table)
    if target is None:
        return table
    rows = []
    parent: str | None = None
    for row in table.rows:
        if row.kind == "data" and row.values[target]:
            found = split_id(row.values[target])
            lettered = _LETTERED.match(row.values[target])
            if found:
                parent = found[0]
            elif lettered and parent and parent.isdigit():
                found = (parent + lettered.group("letter"), lettered.group("rest").strip())
            if found:
                ident, rest = found
                values = list(row.values)
                values[target] = rest
                row = row.with_repair(
                    "split_leading_id",
                    values=tuple(values),
                    derived=(*[d for d in row.derived if d[0] != "id"], ("id", ident)),
                )
        rows.append(row)
    return replace(table, rows=rows)


def _id_column(table: LogicalTable) -> int | None:
    """The objective or action column that prints ids at the start of its cells: the
    one where most rows open with an id (a card's title "2. Increase Accessibility..."
    rather than its "Main objective"), the objective when neither does."""
    keys = table.keys
    candidates = [keys.index(k) for k in ("objective", "action") if k in keys]
    if not candidates:
        return None
    data = [r for r in table.rows if r.kind == "data"]

    def hits(i: int) -> int:
        return sum(1 for r in data if r.values[i] and split_id(r.values[i]))

    return max(candidates, key=lambda i: (hits(i), -candidates.index(i)))
