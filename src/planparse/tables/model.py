"""Stage 2 output: raw tables as grids of cells with their geometry, one page at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from ..colour import RGB
from ..geometry import Box
from ..pages import Word
from ..text import TextLine, bold_share, group_lines, join_lines

#: how a table's grid was found
Strategy = Literal[
    "lattice",
    "shaded",
    "stream",
    "hybrid",
    "ocr-lattice",
    "ocr-shaded",
    "ocr-stream",
    "ocr-hybrid",
    "camelot-lattice",
    "camelot-stream",
    "camelot-network",
    "camelot-hybrid",
    "manual",
]


@dataclass(frozen=True)
class Cell:
    """One cell of a grid; a merged cell covers `rowspan` x `colspan` grid positions.

    A cell keeps its text, not its words: a long document's tables stay small in memory.
    """

    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box
    #: the cell's printed lines, top to bottom
    lines: tuple[str, ...] = ()
    fill: RGB | None = None
    bold: bool = False
    #: OCR confidences of the cell's words (empty for a text layer)
    confidences: tuple[float, ...] = ()

    @classmethod
    def of(
        cls,
        row: int,
        col: int,
        rowspan: int,
        colspan: int,
        box: Box,
        words: Sequence[Word] = (),
        fill: RGB | None = None,
    ) -> Cell:
        """A cell holding the given words."""
        return cls(
            row=row,
            col=col,
            rowspan=rowspan,
            colspan=colspan,
            box=box,
            lines=tuple(line.text for line in group_lines(words)),
            fill=fill,
            bold=bool(words) and bold_share(words) >= 0.6,
            confidences=tuple(w.confidence for w in words if w.confidence is not None),
        )

    @cached_property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass(frozen=True)
class RawTable:
    """A table as found on one page: column and row boundaries plus the cells between them."""

    page: int
    box: Box
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[Cell, ...]
    strategy: Strategy = "lattice"
    #: grid rows whose top border the page does not show (tables without rules): (row,
    #: the columns that begin new text there); whether each opens a row is decided once
    #: the columns' roles are known
    tentative: tuple[tuple[int, tuple[int, ...]], ...] = ()

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @cached_property
    def rows(self) -> tuple[tuple[Cell, ...], ...]:
        """For each grid row, the distinct cells covering it, left to right."""
        by_row: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                by_row[r].append(cell)
        return tuple(tuple(sorted(row, key=lambda c: c.col)) for row in by_row)

    def row_box(self, r: int) -> Box:
        return Box(self.xs[0], self.ys[r], self.xs[-1], self.ys[r + 1])


@dataclass(frozen=True)
class PageLayout:
    """One page after table finding: its tables and the text lines outside them."""

    page: int
    width: float
    height: float
    tables: tuple[RawTable, ...]
    lines: tuple[TextLine, ...]
    ocr: bool = False
    notes: tuple[str, ...] = field(default=())
    #: the type size most of the page's text is set in (weighted by characters)
    body_size: float = 0.0
    #: lines of the text layer that a clipping path hides from the reader
    clipped: tuple[TextLine, ...] = ()
    #: words set sideways outside every table (a title printed up the page margin)
    sideways: tuple[Word, ...] = ()
