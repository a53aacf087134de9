"""Spreadsheet filter-arrow junk: the autofilter buttons of an Excel export.

Printed or scanned spreadsheets show a drop-down arrow in every header cell. Text layers
and OCR read those arrows as stray glyphs, v, ▼, ×, ¥, ٧ and the like, either inside the
header labels ("Unique ID ×", "▼ Experience ▼") or as a row of their own under the header.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..settings import DEFAULTS, Settings
from ..stitch import Column, LogicalTable
from ..text import GLYPH_RUN, strip_glyph_junk

_LEADING_ARROW = re.compile(r"^\s*[vVY](?:\s+|$)")


def is_arrow_junk(text: str) -> bool:
    """True when a cell holds nothing but filter-arrow junk."""
    bare = GLYPH_RUN.sub(" ", text).strip()
    return not bare or all(token in {"v", "V", "Y", "y", "-", "~"} for token in bare.split())


def drop_filter_arrow_rows(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: a row of filter-arrow glyphs under a spreadsheet header (v | ▼ | × | ¥ ...).

    Seen in: City of London's delivery plan (a 12-column Excel export, OCR'd), where
    the row under the header reads "v | ID × | v | ٧ | v | v | ¥ | ٧ | | ▼ Experience ▼".
    A row right under a header whose cells are junk or a header word each is dropped;
    the header words it held ("ID", "Experience") are appended to their column labels.
    Leaves alone: data rows, and any row with a cell of real text that is not junk.
    """
    rows, columns, changed = [], list(table.columns), False
    dropped = list(table.dropped)
    previous_kind = ""
    for row in table.rows:
        if row.kind == "data" and previous_kind == "header" and _is_arrow_row(row.values):
            columns = _append_label_words(columns, row.values)
            dropped.append((row.page, row.text))
            changed = True
            previous_kind = "header"
            continue
        rows.append(row)
        previous_kind = row.kind
    if not changed:
        return table
    return replace(
        table,
        rows=rows,
        columns=columns,
        dropped=dropped,
        repairs=[*table.repairs, "drop_filter_arrow_rows"],
        notes=[*table.notes, "a row of filter-arrow glyphs under the header folded into it"],
    )


def _is_arrow_row(values: tuple[str, ...]) -> bool:
    filled = [v for v in values if v.strip()]
    if len(filled) < 2:
        return False
    junk = sum(1 for v in filled if is_arrow_junk(v) or GLYPH_RUN.search(v))
    leftover_words = sum(len(strip_glyph_junk(v).split()) for v in filled)
    return junk >= max(2, len(filled) // 2) and leftover_words <= len(filled)


def _append_label_words(columns: list[Column], values: tuple[str, ...]) -> list[Column]:
    out = []
    for column, value in zip(columns, values, strict=False):
        extra = strip_glyph_junk(_LEADING_ARROW.sub("", value))
        if extra and extra.casefold() not in column.label.casefold():
            column = replace(column, label=f"{column.label} {extra}".strip())
        out.append(column)
    return out + columns[len(out) :]
