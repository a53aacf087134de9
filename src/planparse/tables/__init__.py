"""Stage 2: page -> raw tables. One entry point, one module per strategy."""

from __future__ import annotations

from ..pages import Page
from ..text import group_lines
from .lattice import find_lattice_tables
from .model import Cell, PageLayout, RawTable

__all__ = ["Cell", "PageLayout", "RawTable", "find_tables"]


def find_tables(page: Page) -> PageLayout:
    """The tables on a page, and the lines of text that lie outside every table."""
    tables = find_lattice_tables(page)
    outside = [
        w
        for w in page.words
        if not any(t.box.contains_point(w.box.cx, w.box.cy, tolerance=1.0) for t in tables)
    ]
    return PageLayout(
        page=page.number,
        width=page.width,
        height=page.height,
        tables=tuple(tables),
        lines=tuple(group_lines(outside)),
        ocr=page.ocr,
        ocr_confidence=page.ocr_confidence,
        notes=page.notes,
    )
