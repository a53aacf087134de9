"""Stage 2: page -> raw tables. One entry point, one module per strategy.

Ruled tables are found first (lattice); the words left over are searched for tables
without ruling lines (stream). Each table records which strategy found it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..pages import Page, Word
from ..text import group_lines
from .lattice import find_lattice_tables
from .model import Cell, PageLayout, RawTable
from .stream import find_stream_tables

__all__ = ["Cell", "PageLayout", "RawTable", "find_tables"]


def find_tables(page: Page) -> PageLayout:
    """The tables on a page, and the lines of text that lie outside every table."""
    lattice = find_lattice_tables(page)
    loose = words_outside(page.words, lattice)
    stream = find_stream_tables(page, loose)
    tables = sorted([*lattice, *stream], key=lambda t: (t.box.top, t.box.x0))
    return PageLayout(
        page=page.number,
        width=page.width,
        height=page.height,
        tables=tuple(tables),
        lines=tuple(group_lines(words_outside(loose, stream))),
        ocr=page.ocr,
        ocr_confidence=page.ocr_confidence,
        notes=page.notes,
    )


def words_outside(words: Sequence[Word], tables: Sequence[RawTable]) -> list[Word]:
    """The words whose centre lies in none of the tables."""
    return [
        w
        for w in words
        if not any(t.box.contains_point(w.box.cx, w.box.cy, tolerance=1.0) for t in tables)
    ]
