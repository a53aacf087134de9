"""Stage 2: page -> raw tables, by geometry alone. One entry point, finders behind it.

The native finders: ruled tables first (lattice), then tables of shaded cells; the words
left over are searched for tables without ruling lines (stream), and a ruled frame whose
rules do not delimit its rows is read again from its text (hybrid). camelot-py's four
flavours are adapted to the same raw-table model (`tables.camelot`). `find_tables`
takes a finder by name: "native", one camelot flavour, or "auto" (native, and camelot's
lattice on text pages whose words lie on a picture, where it can see rules the native
finders cannot). Each table records which finder found it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal, get_args

from ..geometry import Box
from ..pages import Page, Word
from ..settings import DEFAULTS, Settings
from ..text import group_lines
from .camelot import PdfSource, find_camelot_tables
from .lattice import find_lattice_tables, find_shaded_tables
from .manual import Area, table_on_columns, within
from .model import Cell, PageLayout, RawTable
from .stream import find_stream_tables
from .structure import box_items, find_header, read_card

__all__ = [
    "FINDERS",
    "Area",
    "Cell",
    "Finder",
    "PageLayout",
    "PdfSource",
    "RawTable",
    "find_tables",
]

#: the table finders a run can use (`--tables`)
Finder = Literal[
    "auto", "native", "camelot-lattice", "camelot-stream", "camelot-network", "camelot-hybrid"
]
FINDERS: tuple[str, ...] = get_args(Finder)


def find_tables(
    page: Page,
    finder: Finder = "auto",
    source: PdfSource | None = None,
    settings: Settings = DEFAULTS,
    areas: Sequence[Area] = (),
    columns: Sequence[float] = (),
) -> PageLayout:
    """The tables on a page, and the lines of text that lie outside every table.

    `areas` and `columns` are the manual overrides: on a page with areas, tables are
    looked for inside them only (on the `columns` given, if any); with columns and no
    area, the whole page is read as one table on them."""
    boxes = [a.box for a in areas if a.page == page.number]
    if columns and not boxes:
        boxes = [Box(0.0, 0.0, page.width, page.height)]
    if boxes:
        tables = [
            t for box in boxes for t in _in_area(page, box, columns, finder, source, settings)
        ]
    else:
        tables = _tables(page, finder, source, settings)
    # text set sideways belongs to a ruled cell (a vertical header) or to the margin: it
    # takes no part in lines of text, which it would cut across
    outside = words_outside(page.words, tables)
    return PageLayout(
        page=page.number,
        width=page.width,
        height=page.height,
        tables=tuple(sorted(tables, key=lambda t: (t.box.top, t.box.x0))),
        lines=tuple(group_lines(w for w in outside if w.upright)),
        ocr=page.ocr,
        notes=page.notes,
        body_size=body_size(page.words),
        clipped=tuple(group_lines(page.clipped)),
        sideways=tuple(w for w in outside if not w.upright),
    )


def _tables(
    page: Page, finder: Finder, source: PdfSource | None, settings: Settings
) -> list[RawTable]:
    if finder.startswith("camelot-") and source is not None and not page.ocr:
        flavor = finder.removeprefix("camelot-")
        return find_camelot_tables(page, source, flavor, settings.lattice)  # type: ignore[arg-type]
    tables = native_tables(page, settings)
    if finder == "auto" and source is not None and _camelot_may_see_more(page, tables, settings):
        return find_camelot_tables(page, source, "lattice", settings.lattice) or tables
    return tables


def _in_area(
    page: Page,
    box: Box,
    columns: Sequence[float],
    finder: Finder,
    source: PdfSource | None,
    settings: Settings,
) -> list[RawTable]:
    if columns:
        table = table_on_columns(page, box, columns, settings)
        return [table] if table is not None else []
    inside = within(page, box)
    return [t for t in _tables(inside, finder, source, settings) if _mostly_inside(t.box, box)]


def native_tables(page: Page, settings: Settings = DEFAULTS) -> list[RawTable]:
    """The native finders in turn: lattice, shaded grids, hybrid re-reads, stream."""
    ruled = [
        t
        for found in find_lattice_tables(page, settings.lattice)
        for t in reread_from_text(page, found, settings)
    ]
    lattice = ruled + find_shaded_tables(page, settings.lattice, ruled, settings.structure)
    loose = [w for w in words_outside(page.words, lattice) if w.upright]
    return lattice + find_stream_tables(page, loose, settings)


def _camelot_may_see_more(
    page: Page, tables: Sequence[RawTable], settings: Settings = DEFAULTS
) -> bool:
    """A text page where the native finders found nothing, whose words lie on a picture
    covering part of it: its table rules may be drawn in that picture (a scan with a text
    layer), which camelot's lattice sees in its rendering of the page and the vector
    reading does not. camelot takes the rules from the picture and the text from the text
    layer, so a picture with no words on it (a photo, a map, a logo beside the text) can
    give it only empty cells: such pages are left alone. Measured in docs/finders.md: on
    the corpora's pages with photos beside the text camelot found no table; on scans with
    a text layer every word lies on the page image and camelot finds the ruled tables."""
    if tables or page.ocr or not page.words:
        return False
    on_images = [b for b in page.images if any(_on(w, b) for w in page.words)]
    cfg = settings.lattice
    if sum(b.area for b in on_images) < cfg.camelot_image_share * page.width * page.height:
        return False
    carried = sum(1 for w in page.words if any(_on(w, b) for b in on_images))
    return carried >= cfg.camelot_words_on_images * len(page.words)


def _on(word: Word, image: Box) -> bool:
    return image.contains_point(word.box.cx, word.box.cy)


def reread_from_text(page: Page, table: RawTable, settings: Settings) -> list[RawTable]:
    """A ruled table whose rules do not delimit its rows (only vertical lines, only a
    frame, lines only round the header) has at most a few grid rows, each holding what
    the reader sees as several: its text is read again as a table without rules, inside
    the frame ("hybrid": rows and columns from the text, with the drawn lines as hints).
    The re-reading is kept when the grid has no header row, or when a line runs across
    the column lines of the grid's header row, above the header the text shows (a
    section band printed in the same grid row as the labels). Record cards and boxes of
    items are kept as drawn."""
    card = read_card(table, settings.structure)
    if table.n_rows > settings.lattice.max_degenerate_rows or box_items(table, settings.structure):
        return [table]
    if card is not None and not card.is_header_over_a_row:
        return [table]
    inside = [w for w in page.words if table.box.contains_point(w.box.cx, w.box.cy, 1.0)]
    found = [
        t for t in find_stream_tables(page, inside, settings) if _mostly_inside(t.box, table.box)
    ]
    if not found:
        return [table]
    header = find_header(table, settings.structure)
    if header is not None and not _band_above(inside, found[0], table, header.first):
        return [table]  # the text shows the grid's own header: the grid stands
    return [replace(t, strategy="ocr-hybrid" if page.ocr else "hybrid") for t in found]


def _band_above(words: Sequence[Word], found: RawTable, table: RawTable, row: int) -> bool:
    """A line of text running across the grid's column lines in its header row, above
    the header the text shows: a section band printed in the same grid row as the
    labels (a label wrapped over two lines stays inside its column)."""
    above = [w for w in words if table.ys[row] <= w.box.cy < found.ys[0]]
    inner = table.xs[1:-1]
    lines = group_lines(above)
    return any(line.box.x0 < x < line.box.x1 for line in lines for x in inner)


def _mostly_inside(inner: Box, outer: Box) -> bool:
    return inner.intersection_area(outer) >= 0.8 * max(inner.area, 1.0)


def body_size(words: Sequence[Word]) -> float:
    """The type size most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def words_outside(words: Sequence[Word], tables: Sequence[RawTable]) -> list[Word]:
    """The words whose centre lies in none of the tables."""
    return [
        w
        for w in words
        if not any(t.box.contains_point(w.box.cx, w.box.cy, tolerance=1.0) for t in tables)
    ]
