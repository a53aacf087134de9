"""Stage 3: raw tables across pages -> logical tables, by geometry and printed text alone.

A table continues the current logical table when it repeats the same header, or has no
header and its columns line up with the current table's. Record cards (one small table
per record) are gathered into one table of one row per card; a card broken over a page
joins back. Text lines between tables (headings such as "Priority 2: ...") ride along as
heading rows in reading order, so context can turn them into themes. Page furniture
(running titles, page numbers) is left out here, once, for every later stage. What the
columns mean is decided after this stage (`roles`), so every column's key is None here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from rapidfuzz import fuzz

from .colour import RGB
from .geometry import Box, union
from .settings import DEFAULTS, StitchSettings, StructureSettings
from .tables import Cell, PageLayout, RawTable
from .tables.structure import Card, Header, box_items, clean_label, find_header, read_cards
from .text import TextLine, is_page_number, join_lines, normalise_label

#: header: the column labels; data: one record; section: a full-width row naming a theme;
#: caption: a full-width row above the header, the table's own title ("Milestone
#: Summary", "PROGRESS REPORT"); subhead: a full-width row inside a box naming the
#: objective of the cells under it; statement: a goal/target box above the cards it
#: governs; heading: a short block of text between tables; prose: a longer one
RowKind = Literal[
    "header", "data", "section", "caption", "subhead", "statement", "heading", "prose"
]


@dataclass(frozen=True)
class Column:
    """One column of a logical table: its printed label and extent; its record key and
    how that key was chosen are filled in by the roles stage."""

    label: str
    x0: float
    x1: float
    key: str | None = None
    #: "header", "content" or "structure" (a card's title); None until roles are assigned
    source: str | None = None
    #: why the role was chosen, for provenance and `inspect`
    reason: str = ""


@dataclass(frozen=True)
class Row:
    """One row of a logical table, as later stages and repairs see it."""

    kind: RowKind
    page: int
    box: Box
    #: per column, the text as it stands now (repairs update these)
    values: tuple[str, ...]
    #: per column, the cell covering it (None where the row has no cell there)
    cells: tuple[Cell | None, ...] = ()
    #: per column, True when this row is the first row of its (possibly merged) cell
    owns: tuple[bool, ...] = ()
    #: every (page, box) the row occupies once fragments are joined
    spans: tuple[tuple[int, Box], ...] = ()
    repairs: tuple[str, ...] = ()
    theme: str | None = None
    #: record values a repair derived from the row's cells (an id split off an objective)
    derived: tuple[tuple[str, str], ...] = ()
    #: first body row of a raw table that continues the logical table on a later page
    after_page_break: bool = False
    #: for heading rows: the style of the heading text
    bold: bool = False
    size: float = 0.0
    strategy: str = "lattice"
    #: a row of a table without rules whose top the page does not show: the columns that
    #: begin new text on its first line (None when the row's top is certain)
    opens: tuple[int, ...] | None = None

    @property
    def text(self) -> str:
        return " ".join(v for v in self.values if v).strip()

    def fill(self, index: int) -> RGB | None:
        cell = self.cells[index] if index < len(self.cells) else None
        return cell.fill if cell is not None else None

    def own_text(self, index: int) -> str:
        """The text printed in this row's own cell at `index` ("" under a merged cell)."""
        cell = self.cells[index] if index < len(self.cells) else None
        if cell is None or not self.owns[index]:
            return ""
        return cell.text

    def derived_value(self, key: str) -> str | None:
        return dict(self.derived).get(key)

    def with_repair(self, name: str, **changes: object) -> Row:
        repairs = self.repairs if name in self.repairs else (*self.repairs, name)
        return replace(self, repairs=repairs, **changes)  # type: ignore[arg-type]


@dataclass
class LogicalTable:
    """A table as the reader sees it, stitched across pages."""

    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    #: names of table-level repairs applied (header rows dropped, junk removed...)
    repairs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    body_size: float = 0.0
    #: grid: a table with (or continuing) a header row, or none; box: a titled grid of
    #: one item per cell; card: one small table per record, labels beside or above their
    #: values (the card's title, if any, is the first column, labelled "")
    kind: Literal["grid", "box", "card"] = "grid"
    #: whether a card table's first column holds the cards' titles
    titled: bool = False
    #: the raw tables it is made of: (page, box)
    sources: list[tuple[int, Box]] = field(default_factory=list)
    #: text a table-level repair took out of it, by page (junk rows, repeated headers)
    dropped: list[tuple[int, str]] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.columns]

    @property
    def keys(self) -> list[str | None]:
        return [c.key for c in self.columns]


# --------------------------------------------------------------------------- furniture


def furniture_lines(
    layouts: Sequence[PageLayout], cfg: StitchSettings = DEFAULTS.stitch
) -> set[str]:
    """Normalised texts of running headers/footers: lines repeated on half the pages, or
    on a few pages always in the top or bottom margin (at least three either way: a
    theme row repeated over a short table's two pages is not furniture)."""
    if len(layouts) < 2:
        return set()
    seen: Counter[str] = Counter()
    in_margin: Counter[str] = Counter()
    for layout in layouts:
        keys = {furniture_key(line.text) for line in layout.lines}
        seen.update(keys)
        in_margin.update(
            {
                furniture_key(line.text)
                for line in layout.lines
                if line.box.bottom < cfg.margin_share * layout.height
                or line.box.top > (1 - cfg.margin_share) * layout.height
            }
        )
    threshold = max(cfg.margin_repeats, cfg.furniture_page_share * len(layouts))
    return {
        text
        for text, count in seen.items()
        if count >= threshold or (count >= cfg.margin_repeats and in_margin[text] == count)
    }


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def is_furniture(line: TextLine, furniture: set[str]) -> bool:
    text = line.text.strip()
    return is_page_number(text) or furniture_key(text) in furniture


# --------------------------------------------------------------------------- headers


def same_header(a: Sequence[str], b: Sequence[str], cfg: StitchSettings) -> bool:
    if len(a) != len(b):
        return False
    left = " | ".join(normalise_label(x) for x in a)
    right = " | ".join(normalise_label(x) for x in b)
    return fuzz.ratio(left, right) >= cfg.same_header_ratio


def columns_align(columns: Sequence[Column], table: RawTable, cfg: StitchSettings) -> bool:
    """True when every column boundary of the logical table has a grid line in the table."""
    width = max(columns[-1].x1 - columns[0].x0, 1.0)
    tolerance = cfg.column_align_tolerance * width
    bounds = [columns[0].x0] + [c.x1 for c in columns]
    return all(any(abs(b - x) <= tolerance for x in table.xs) for b in bounds) and all(
        any(abs(x - b) <= tolerance for b in bounds) for x in table.xs
    )


def header_columns(header: Header) -> list[Column]:
    return [
        Column(label=label, x0=cell.box.x0, x1=cell.box.x1)
        for cell, label in zip(header.cells, header.labels, strict=True)
    ]


def grid_columns(table: RawTable) -> list[Column]:
    """Unlabelled columns for a table with no header row: one per grid column."""
    return [Column(label="", x0=table.xs[i], x1=table.xs[i + 1]) for i in range(table.n_cols)]


# --------------------------------------------------------------------------- rows


def column_index(columns: Sequence[Column], cell: Cell) -> list[int]:
    """Logical columns a cell covers: those whose extent it overlaps for most of their width."""
    hits = []
    for i, col in enumerate(columns):
        overlap = min(cell.box.x1, col.x1) - max(cell.box.x0, col.x0)
        if overlap > 0.5 * (col.x1 - col.x0):
            hits.append(i)
    if not hits:
        centre = cell.box.cx
        hits = [
            min(
                range(len(columns)), key=lambda i: abs((columns[i].x0 + columns[i].x1) / 2 - centre)
            )
        ]
    return hits


def table_rows(
    table: RawTable, columns: Sequence[Column], skip: set[int], *, after_break: bool
) -> list[Row]:
    """The table's grid rows as logical rows (skipping header rows given in `skip`)."""
    rows: list[Row] = []
    first_body = True
    n = len(columns)
    tentative = dict(table.tentative)
    for r, cells in enumerate(table.rows):
        if r in skip:
            continue
        by_col: list[Cell | None] = [None] * n
        owns = [False] * n
        texts: list[list[str]] = [[] for _ in range(n)]
        for cell in cells:  # left to right
            covered = column_index(columns, cell)
            for i in covered:
                if by_col[i] is None or (not owns[i] and cell.row == r):
                    by_col[i], owns[i] = cell, cell.row == r
            # a cell spanning several columns shows its text once, in its first column;
            # two cells under one header (a label over split columns) both keep theirs
            if cell.row == r and cell.text:
                texts[covered[0]].append(cell.text)
        values = tuple(" ".join(parts) for parts in texts)
        wide = [c for c in cells if len(column_index(columns, c)) > 1 and c.text]
        kind: RowKind = "data"
        if len(cells) == 1 and n > 1:
            kind = "section"
        elif wide and all(not v for c, v in zip(by_col, values, strict=True) if c not in wide):
            kind = "section" if len(column_index(columns, wide[0])) >= max(2, n // 2) else "data"
        box = table.row_box(r)
        rows.append(
            Row(
                kind=kind,
                page=table.page,
                box=box,
                values=values,
                cells=tuple(by_col),
                owns=tuple(owns),
                spans=((table.page, box),),
                after_page_break=after_break and first_body and kind == "data",
                strategy=table.strategy,
                opens=_logical_columns(tentative.get(r), table, columns),
            )
        )
        if kind == "data":
            first_body = False
    return rows


def _logical_columns(
    raw: tuple[int, ...] | None, table: RawTable, columns: Sequence[Column]
) -> tuple[int, ...] | None:
    """Raw grid columns as the logical columns whose extent holds their middles."""
    if raw is None:
        return None
    out: set[int] = set()
    for c in raw:
        middle = (table.xs[c] + table.xs[c + 1]) / 2
        out.update(i for i, col in enumerate(columns) if col.x0 - 1.0 <= middle <= col.x1 + 1.0)
    return tuple(sorted(out))


def heading_row(lines: Sequence[TextLine], page: int) -> Row:
    text = " ".join(line.text for line in lines)
    box = union(line.box for line in lines)
    return Row(
        kind="heading",
        page=page,
        box=box,
        values=(text,),
        spans=((page, box),),
        bold=all(line.bold for line in lines),
        size=max(line.size for line in lines),
    )


# --------------------------------------------------------------------------- stitching


@dataclass
class _Stream:
    cfg: StitchSettings
    structure: StructureSettings
    tables: list[LogicalTable] = field(default_factory=list)
    current: LogicalTable | None = None
    pending: list[Row] = field(default_factory=list)
    #: for the current card table: each card's row index and (label, cell, value) entries
    cards: dict[int, list[tuple[str, Cell, str]]] = field(default_factory=dict)

    def close(self) -> None:
        if self.current is not None:
            table = self.current
            if table.kind == "card":
                table = _card_table(table, self.cards)
            self.tables.append(_captions(table))
        self.current = None
        self.cards = {}


def stitch(
    layouts: Sequence[PageLayout],
    *,
    furniture: set[str] | None = None,
    cfg: StitchSettings = DEFAULTS.stitch,
    structure: StructureSettings = DEFAULTS.structure,
) -> list[LogicalTable]:
    """Group the raw tables of all pages into logical tables, in reading order.

    `furniture` holds normalised line texts never taken as headings (running headers
    and footers, the document title): by default the lines `furniture_lines` finds."""
    furniture = furniture_lines(layouts, cfg) if furniture is None else furniture
    state = _Stream(cfg, structure)
    for layout in layouts:
        body_size = layout.body_size
        for kind, item in _reading_order(layout):
            if kind == "lines":
                state.pending.extend(_heading_blocks(item, layout.page, furniture))  # type: ignore[arg-type]
            else:
                _add_table(state, item, body_size)  # type: ignore[arg-type]
    state.close()
    return state.tables


def _reading_order(layout: PageLayout) -> list[tuple[str, object]]:
    """Tables and the runs of outside lines between them, top to bottom."""
    items: list[tuple[float, str, object]] = [(t.box.top, "table", t) for t in layout.tables]
    bounds = [t.box for t in layout.tables]
    runs: dict[int, list[TextLine]] = {}
    for line in layout.lines:
        # which gap between tables the line sits in: index of the first table below it
        slot = sum(1 for b in bounds if b.bottom <= line.box.top + 1.0)
        runs.setdefault(slot, []).append(line)
    for slot, lines in runs.items():
        anchor = bounds[slot - 1].bottom if slot > 0 else -1.0
        items.append((anchor + 0.001, "lines", lines))
    items.sort(key=lambda x: (x[0], x[1] == "table"))
    return [(k, obj) for _, k, obj in items]


def _heading_blocks(lines: Sequence[TextLine], page: int, furniture: set[str]) -> list[Row]:
    """Split outside lines into blocks of consecutive same-style lines, as heading rows.
    A block made only of page furniture is left out; a running title printed as the
    first line of a slide's two-line title ("Key Milestones" over "Sub-Goal 1: ...")
    stays with it."""
    blocks: list[list[TextLine]] = []
    for line in lines:
        if blocks:
            prev = blocks[-1][-1]
            gap = line.box.top - prev.box.bottom
            if (
                gap <= 0.6 * max(prev.box.height, 1.0)
                and prev.bold == line.bold
                and abs(prev.size - line.size) < 0.5
            ):
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return [
        heading_row(block, page)
        for block in blocks
        if not all(is_furniture(line, furniture) for line in block)
    ]


# --------------------------------------------------------------------------- boxes


def box_rows(table: RawTable) -> list[Row]:
    """One data row per filled cell of a box, read row by row, left to right; a
    full-width row inside the box names the objective of the cells under it."""
    rows: list[Row] = []
    for r, cells in enumerate(table.rows[1:], start=1):
        full_width = len(cells) == 1 and table.n_cols > 1
        for cell in cells:
            if not cell.text or cell.row != r:
                continue
            rows.append(
                Row(
                    kind="subhead" if full_width else "data",
                    page=table.page,
                    box=cell.box,
                    values=(cell.text,),
                    cells=(cell,),
                    owns=(True,),
                    spans=((table.page, cell.box),),
                    strategy=table.strategy,
                    bold=cell.bold,
                )
            )
    return rows


def _add_box(state: _Stream, table: RawTable, title: str, body_size: float) -> None:
    state.close()
    columns = [Column(label=clean_label(title), x0=table.box.x0, x1=table.box.x1)]
    box = LogicalTable(columns=columns, body_size=body_size, pages=[table.page], kind="box")
    box.sources.append((table.page, table.box))
    box.rows.extend(_headings_for(state.pending, state.cfg))
    box.rows.extend(box_rows(table))
    box.notes.append(f"box titled {title!r}: one item per cell")
    state.pending = []
    state.tables.append(box)


# --------------------------------------------------------------------------- cards


def _card_entries(card: Card) -> list[tuple[str, Cell, str]]:
    """A card's (label, cell, value) entries in print order; its title is labelled ""."""
    entries = [("", card.title, card.title.text)] if card.title is not None else []
    return entries + [(p.label, p.cell, p.value) for p in card.pairs]


def _add_cards(state: _Stream, table: RawTable, cards: list[Card], body_size: float) -> None:
    for card in cards:
        _add_card(state, table, card, body_size)


def _add_card(state: _Stream, table: RawTable, card: Card, body_size: float) -> None:
    """A card becomes one row of a card table; a card with no title whose labels the
    previous card has not printed yet is that card's continuation over a page break."""
    current = state.current
    if current is not None and current.kind == "card" and _continues_card(state, card, table.page):
        _extend_card(state, table, card)
        return
    titled = card.title is not None
    if current is None or current.kind != "card" or current.titled != titled:
        state.close()
        current = LogicalTable(columns=[], body_size=body_size, kind="card", titled=titled)
        state.current = current
    current.rows.extend(_headings_for(state.pending, state.cfg))
    state.pending = []
    box = card.title.box if card.title is not None else table.box
    row = Row(kind="data", page=table.page, box=box, values=(), spans=((table.page, box),))
    current.rows.append(replace(row, strategy=table.strategy))
    state.cards[len(current.rows) - 1] = _card_entries(card)
    _add_source(current, table)


def _last_card(state: _Stream) -> int | None:
    return max(state.cards) if state.cards else None


def _continues_card(state: _Stream, card: Card, page: int) -> bool:
    """A card with no title, on a later page than the last card, printing none of the
    labels the last card printed: the rest of that card, broken by the page."""
    last = _last_card(state)
    if card.title is not None or last is None or state.current is None:
        return False
    if state.current.rows[last].spans[-1][0] >= page:
        return False
    printed = {label for label, _, value in state.cards[last] if value}
    return not printed & {p.label for p in card.pairs}


def _extend_card(state: _Stream, raw: RawTable, card: Card) -> None:
    """Add a card's continuation (the rest of its pairs on the next page) to its row."""
    table = state.current
    index = _last_card(state)
    assert table is not None and index is not None
    entries = state.cards[index]
    if card.lead_value is not None and entries:
        # the first value of the page runs on from the last value printed before it
        label, cell, value = entries[-1]
        entries[-1] = (label, cell, join_lines([value, card.lead_value.text]))
    entries.extend(_card_entries(card))
    last = table.rows[index]
    table.rows[index] = replace(
        last,
        spans=(*last.spans, (raw.page, raw.box)),
        repairs=(*last.repairs, "join_card_across_pages"),
    )
    _add_source(table, raw)


def _card_table(table: LogicalTable, cards: dict[int, list[tuple[str, Cell, str]]]) -> LogicalTable:
    """The card table's columns (every label, in the order the cards print them) and
    each card's row of values."""
    order: list[str] = []
    geometry: dict[str, Cell] = {}
    for entries in cards.values():
        previous = -1
        for label, cell, _ in entries:
            if label in order:
                previous = order.index(label)
                continue
            order.insert(previous + 1, label)
            geometry[label] = cell
            previous += 1
    columns = [
        Column(label=label, x0=geometry[label].box.x0, x1=geometry[label].box.x1) for label in order
    ]
    rows = list(table.rows)
    for index, entries in cards.items():
        by_label = {label: (cell, value) for label, cell, value in entries}
        rows[index] = replace(
            rows[index],
            values=tuple(by_label[label][1] if label in by_label else "" for label in order),
            cells=tuple(by_label[label][0] if label in by_label else None for label in order),
            owns=tuple(label in by_label for label in order),
        )
    return replace(table, columns=columns, rows=rows)


def _captions(table: LogicalTable) -> LogicalTable:
    """Title rows above a repeated header are the table's captions ("PROGRESS REPORT")
    when the same text stands over every header; a title that changes from one header
    to the next names the group of rows under it (a section), and so does any title
    over a header printed once."""
    headers = sum(1 for r in table.rows if r.kind == "header")
    titles = [r.text for r in table.rows if r.kind == "caption"]
    if not titles:
        return table
    constant = {t for t in set(titles) if headers >= 2 and titles.count(t) >= headers}
    rows = [
        replace(r, kind="section") if r.kind == "caption" and r.text not in constant else r
        for r in table.rows
    ]
    return replace(table, rows=rows)


# --------------------------------------------------------------------------- grids


def _add_table(state: _Stream, table: RawTable, body_size: float) -> None:
    header = find_header(table, state.structure)
    current = state.current
    aligned = _aligned_continuation(current, table, header, state.cfg) if header else False
    if header is not None and not header.styled and aligned:
        header = None  # plain text atop a continued table is its first row, not a header
    continues = _continues(current, table, header, state.cfg)
    if not continues:
        cards = read_cards(table, state.structure)
        if cards and (
            header is None
            or _pairs_above(table, header)
            or (
                current is not None
                and current.kind == "card"
                and _continues_card(state, cards[0], table.page)
            )
        ):
            _add_cards(state, table, cards, body_size)
            return
        title = box_items(table, state.structure) if header is None else None
        if title is not None:
            _add_box(state, table, title, body_size)
            return
        state.close()
        columns = header_columns(header) if header is not None else grid_columns(table)
        current = LogicalTable(columns=columns, body_size=body_size)
        state.current = current
    assert current is not None
    after_break = continues and bool(current.pages) and table.page != current.pages[-1]
    skip = set(header.rows) if header is not None else set()
    # a repeated header places this page's columns; a table with no header of its own
    # lines up with the logical table's columns
    geometry = current.columns
    if header is not None and continues:
        geometry = [
            replace(own, label=col.label)
            for own, col in zip(header_columns(header), current.columns, strict=True)
        ]
    rows = table_rows(table, geometry, skip, after_break=after_break)
    if header is not None:
        header_box = union([table.row_box(header.first), table.row_box(header.last)])
        # the header goes in the stream at its place: the table's title rows above it
        # come first, as captions
        above = [
            replace(r, kind="caption") if r.kind == "section" else r
            for r in rows
            if r.box.bottom <= header_box.top + 0.5
        ]
        below = rows[len(above) :]
        header_row = Row(
            kind="header",
            page=table.page,
            box=header_box,
            values=header.labels,
            spans=((table.page, header_box),),
            strategy=table.strategy,
        )
        rows = [*above, header_row, *below]
    current.rows.extend(_headings_for(state.pending, state.cfg))
    state.pending = []
    current.rows.extend(rows)
    _add_source(current, table)


def _add_source(logical: LogicalTable, raw: RawTable) -> None:
    if raw.page not in logical.pages:
        logical.pages.append(raw.page)
    if (raw.page, raw.box) not in logical.sources:
        logical.sources.append((raw.page, raw.box))


def _continues(
    current: LogicalTable | None, table: RawTable, header: Header | None, cfg: StitchSettings
) -> bool:
    """Whether a raw table continues the current logical (grid) table: the same printed
    header, or no header and the same column geometry. Column geometry is not compared
    under a repeated header, as tables without rules place their column corridors a
    little differently on every page."""
    if current is None or current.kind != "grid":
        return False
    if header is not None:
        return same_header(current.labels, header.labels, cfg)
    return columns_align(current.columns, table, cfg)


def _aligned_continuation(
    current: LogicalTable | None, table: RawTable, header: Header, cfg: StitchSettings
) -> bool:
    return (
        current is not None
        and current.kind == "grid"
        and not same_header(current.labels, header.labels, cfg)
        and columns_align(current.columns, table, cfg)
    )


def _pairs_above(table: RawTable, header: Header) -> bool:
    """Rows above the header that are not title rows: a card's label/value pairs
    ("Strategy | <text>") over a row of labels."""
    return any(len(cells) > 1 for cells in table.rows[: header.first])


def _headings_for(pending: list[Row], cfg: StitchSettings) -> list[Row]:
    """Heading rows kept for a table: short blocks, the last ones before it."""
    return [
        r if len(r.text) <= cfg.max_heading_chars else replace(r, kind="prose") for r in pending
    ]
