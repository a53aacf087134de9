"""Section rows and headings that name the theme of the rows under them."""

from __future__ import annotations

import re
from dataclasses import replace

from ..context import choose_heading
from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable, Row

#: the number a theme is labelled with: "1. Measuring...", "Priority 2: ..."
_THEME_NUMBER = re.compile(r"^(?:[A-Za-z]+\s+)?(\d{1,2})(?:[.):]|\s)")
_HIERARCHICAL_ID = re.compile(r"^(\d{1,3})\.\d")


def section_rows_to_theme(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: full-width section rows inside the table ("2. Resource activities to
    tackle homelessness") and headings printed just above it ("Priority 1: Rapid,
    Effective and Tailored Interventions").

    Seen in: Sefton's plan (a shaded full-width row per strategy area, repeated at the
    top of each page), City of London's delivery plan (a priority band above each
    block of rows), City of London's peer review (a section title over "Key findings"
    above each "Potential next steps" box, whose full-width bold rows name the
    objective of the cells under them). The text becomes the `theme` of the data rows
    under it and is never a record. A theme labelled with a number ("1.", "Priority 2")
    or first met with ids of one number (1.1, 1.2...) ends when the ids move to another
    number with no new section row: those rows get no theme rather than a wrong one.
    Leaves alone: prose paragraphs above a table (long, or neither bold, larger nor
    numbered like a heading).
    """
    theme: str | None = None
    number: str | None = None
    objective: str | None = None
    rows: list[Row] = []
    id_col = table.keys.index("id") if "id" in table.keys else None
    pending: list[Row] = []
    for row in table.rows:
        if row.kind in ("heading", "prose"):
            pending.append(row)
            continue
        if pending:
            chosen = choose_heading(pending, row, table.body_size, settings.context)
            pending = []
            if chosen is not None:
                theme, objective = _named(chosen), None
                number = _number_of(theme)
        if row.kind == "section":
            if len(row.text) <= settings.context.max_theme_chars:  # a longer one is a note
                theme, objective = _named(row.text), None
                number = _number_of(theme)
            continue
        if row.kind == "subhead":
            objective = _named(row.text)
            continue
        if row.kind != "data":
            continue
        major = _id_major(row, id_col)
        if theme is not None and major is not None:
            if number is None:
                number = major
            elif major != number:
                theme, number = None, None
        if theme is not None or objective is not None:
            changes: dict[str, object] = {"theme": theme}
            if objective is not None:
                changes["derived"] = (*row.derived, ("objective", objective))
            row = row.with_repair("section_rows_to_theme", **changes)
        rows.append(row)
    return replace(table, rows=rows)


def _named(text: str) -> str:
    return " ".join(text.split())


def _number_of(theme: str) -> str | None:
    found = _THEME_NUMBER.match(theme)
    return found.group(1) if found else None


def _id_major(row: Row, id_col: int | None) -> str | None:
    ident = row.values[id_col] if id_col is not None else row.derived_value("id")
    if not ident:
        return None
    found = _HIERARCHICAL_ID.match(ident.strip())
    return found.group(1) if found else None
