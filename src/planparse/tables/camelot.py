"""camelot-py's table finders, adapted to the raw-table model.

camelot finds tables by flavour: lattice (ruling lines, found in a rendering of the page,
so rules drawn as images or as many short strokes count), stream (text alignment),
network (text alignment as a graph) and hybrid (network guided by lattice). This module
takes only camelot's geometry, each table's column and row boundaries and, for the ruled
flavours, which cell edges are drawn, and builds the table on that grid from planparse's
own page model: the same words, the same merged cells, the same fills. So a table camelot
found goes through the same stitching, roles, repairs and provenance as any other, and
records say which finder found it (`strategy`: "camelot-lattice", ...).

Only pages with a text layer: camelot reads no OCR.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..pages import Page
from ..settings import LatticeSettings
from .lattice import table_on_grid
from .model import RawTable, Strategy

logger = logging.getLogger(__name__)

Flavor = Literal["lattice", "stream", "network", "hybrid"]
FLAVORS: tuple[Flavor, ...] = ("lattice", "stream", "network", "hybrid")
#: flavours whose cells carry the edges drawn round them
RULED_FLAVORS = frozenset({"lattice", "hybrid"})


@dataclass(frozen=True)
class PdfSource:
    """Where a page's PDF is, for finders that read the file themselves."""

    path: Path
    password: str | None = None


def find_camelot_tables(
    page: Page, source: PdfSource, flavor: Flavor, cfg: LatticeSettings
) -> list[RawTable]:
    """camelot's tables of one page, as raw tables on the page's own words."""
    import camelot  # imported here: it loads OpenCV and pandas, which most runs never need

    try:
        found = camelot.read_pdf(
            str(source.path),
            pages=str(page.number),
            flavor=flavor,
            password=source.password,
            suppress_stdout=True,
        )
    except Exception as exc:  # camelot fails on damaged pages in many ways
        logger.info("camelot %s could not read page %d: %s", flavor, page.number, exc)
        return []
    tables = [_raw_table(page, table, flavor, cfg) for table in found]
    return sorted((t for t in tables if t is not None), key=lambda t: (t.box.top, t.box.x0))


def _raw_table(page: Page, table: Any, flavor: Flavor, cfg: LatticeSettings) -> RawTable | None:
    """One camelot table on planparse's grid model (camelot measures y from the page's
    foot; the page model from its head)."""
    cols: Sequence[tuple[float, float]] = table.cols
    rows: Sequence[tuple[float, float]] = table.rows
    if not cols or not rows:
        return None
    xs = [float(cols[0][0]), *(float(right) for _, right in cols)]
    ys = [page.height - float(rows[0][0]), *(page.height - float(low) for _, low in rows)]
    if any(b <= a for a, b in itertools.pairwise(xs)) or any(
        b <= a for a, b in itertools.pairwise(ys)
    ):
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    cells = table.cells
    if flavor in RULED_FLAVORS:
        has_h = [
            [r == 0 or r == n_rows or cells[r][c].top for c in range(n_cols)]
            for r in range(n_rows + 1)
        ]
        has_v = [
            [c == 0 or c == n_cols or cells[r][c].left for c in range(n_cols + 1)]
            for r in range(n_rows)
        ]
    else:  # text flavours draw no edges: every grid position is a cell of its own
        has_h = [[True] * n_cols for _ in range(n_rows + 1)]
        has_v = [[True] * (n_cols + 1) for _ in range(n_rows)]
    strategy: Strategy = f"camelot-{flavor}"  # type: ignore[assignment]
    raw = table_on_grid(page, xs, ys, has_h, has_v, strategy, cfg)
    if raw is None or flavor in RULED_FLAVORS:
        return raw
    return replace(raw, tentative=tentative_rows(raw))


def tentative_rows(table: RawTable) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """camelot's text flavours cut a row at every line of text: each cut is tentative,
    opening the columns whose text begins there (as the native stream finder records
    them), so the roles stage can join a cell's lines back into one row."""
    printed = [{c.col for c in row if c.text} for row in table.rows]
    return tuple(
        (r, tuple(sorted(printed[r] - printed[r - 1])))
        for r in range(1, table.n_rows)
        if printed[r]
    )
