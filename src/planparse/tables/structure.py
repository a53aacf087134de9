"""The shape of a raw table, read from its geometry and type alone: header row, title
row, key/value cards, boxes of items.

Nothing here knows what a column means: a header is a row set apart by its style, a
card is a narrow column of short labels beside their values. What the labels say is
`roles`' business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..settings import DEFAULTS, StructureSettings
from ..text import join_lines, strip_glyph_junk
from .model import Cell, RawTable


def clean_label(text: str) -> str:
    """A header label as printed, without spreadsheet filter-arrow glyphs."""
    return strip_glyph_junk(text)


def _is_label(text: str, max_words: int, max_chars: int) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= max_chars and len(text.split()) <= max_words


def _styled(cells: Sequence[Cell]) -> bool:
    """Every printed cell of the row is bold, or every cell of the row is shaded."""
    printed = [c for c in cells if c.text]
    return bool(printed) and (all(c.bold for c in printed) or all(c.fill for c in cells))


def _style(cells: Sequence[Cell], steps: int) -> tuple[bool, tuple[int, ...] | None]:
    """(all printed cells bold, the row's one shade) where the shade is the cells' common
    fill colour, compared coarsely: a scanned page prints one colour a little unevenly."""
    printed = [c for c in cells if c.text]
    bold = bool(printed) and all(c.bold for c in printed)
    shades = {shade(c.fill, steps) for c in cells}
    return bold, next(iter(shades)) if len(shades) == 1 else None


def shade(rgb: tuple[float, float, float] | None, steps: int) -> tuple[int, ...] | None:
    """A fill colour on a coarse scale (`steps` per channel), so near-equal colours
    compare equal."""
    return None if rgb is None else tuple(round(c * steps) for c in rgb)


@dataclass(frozen=True)
class Header:
    """A table's header: grid rows `first`..`last`, and one label per cell of the last
    row (a label printed over several rows, or over split columns, is joined in)."""

    first: int
    last: int
    cells: tuple[Cell, ...]
    labels: tuple[str, ...]
    #: set apart by bold type or shading (an unstyled header is only shorter text)
    styled: bool = True

    @property
    def rows(self) -> range:
        return range(self.first, self.last + 1)


def find_header(table: RawTable, cfg: StructureSettings = DEFAULTS.structure) -> Header | None:
    """The table's header, if any: among the first rows, a run of rows of short labels
    set apart from the row under it by its type or shading (bold or shaded rows over a
    plain one), or, where no row is styled, a row of short labels over a row holding
    longer text. A styled row of labels alone is a header printed as a table of its
    own. Title rows (one cell across the table) above the header are left out."""
    last = _last_header_row(table, cfg)
    if last is None:
        return None
    first = last
    style = _style(table.rows[last], cfg.shade_steps)
    while first > 0 and _label_row(table.rows[first - 1], table.n_cols, cfg, min_printed=1):
        if _style(table.rows[first - 1], cfg.shade_steps) != style:
            break
        first -= 1
    cells = table.rows[last]
    labels = tuple(_joined_label(table, first, last, cell) for cell in cells)
    return Header(first, last, cells, labels, styled=_styled(cells))


def _last_header_row(table: RawTable, cfg: StructureSettings) -> int | None:
    rows = table.rows
    steps = cfg.shade_steps
    for r, cells in enumerate(rows[: cfg.header_search_rows]):
        if not _label_row(cells, table.n_cols, cfg):
            continue
        style = _style(cells, steps)
        last = r
        # labels wrapped onto the next grid row (a few of them, in the same style) are
        # still the header
        while (
            _styled(cells)
            and last + 1 < len(rows)
            and _style(rows[last + 1], steps) == style
            and _label_row(rows[last + 1], table.n_cols, cfg, min_printed=1)
            and 2 * _printed(rows[last + 1]) < _printed(cells)
        ):
            last += 1
        if last + 1 == len(rows):
            # a header printed as a table of its own (spreadsheet print titles)
            return last if _styled(cells) else None
        below = rows[last + 1]
        if _styled(cells) and style != _style(below, steps):
            return last
        plain = not any(_styled(rows[k]) for k in range(r + 1))
        if plain and (_longer_below(cells, below, cfg) or _figures_below(table, r, cfg)):
            return r
    return None


def _printed(cells: Sequence[Cell]) -> int:
    return sum(1 for c in cells if c.text)


def _figures_below(table: RawTable, r: int, cfg: StructureSettings) -> bool:
    """Labels with no digit over columns of figures, ids or dates: in two columns or
    more, the label is a word and most cells under it hold digits ("Revision" over
    "0.1", "0.2"; "Date" over "13/09/2018")."""
    labels = [c for c in table.rows[r] if c.text]
    if any(ch.isdigit() for c in labels for ch in c.text):
        return False
    contrasting = 0
    for label in labels:
        under = [
            c.text
            for row in table.rows[r + 1 :]
            for c in row
            if c.col == label.col and c.row > r and c.text
        ]
        digits = sum(1 for t in under if any(ch.isdigit() for ch in t))
        contrasting += len(under) >= 2 and digits >= cfg.figures_share * len(under)
    return contrasting >= 2


def _joined_label(table: RawTable, first: int, last: int, cell: Cell) -> str:
    """The label of a header cell: its own text after the texts of the header cells above
    it (a group label over split columns, or a label broken over two rows)."""
    parts: list[str] = []
    for r in range(first, last + 1):
        for above in table.rows[r]:
            overlap = min(above.box.x1, cell.box.x1) - max(above.box.x0, cell.box.x0)
            text = clean_label(above.text)
            if overlap > 0.5 * cell.box.width and text and text not in parts:
                parts.append(text)
    return " ".join(parts)


def _label_row(
    cells: Sequence[Cell], n_cols: int, cfg: StructureSettings, min_printed: int = 2
) -> bool:
    printed = [c for c in cells if c.text]
    return (
        len(cells) >= 2
        and len(printed) >= min_printed
        and all(
            _is_label(clean_label(c.text), cfg.max_label_words, cfg.max_label_chars)
            for c in printed
        )
        and not _label_beside_wide_value(cells, n_cols)
    )


def _label_beside_wide_value(cells: Sequence[Cell], n_cols: int) -> bool:
    """'Strategy | <one cell across the other columns>': a card's pair, not a header."""
    return n_cols > 2 and len(cells) == 2 and cells[1].colspan == n_cols - 1


def _longer_below(cells: Sequence[Cell], below: Sequence[Cell], cfg: StructureSettings) -> bool:
    """Plain labels (a few words each, none opening with a number) over longer text."""
    printed = [c.text for c in cells if c.text]
    if any(
        len(t.split()) > cfg.max_plain_label_words
        or len(t) > cfg.max_plain_label_chars
        or t[0].isdigit()
        for t in printed
    ):
        return False
    longest = max(len(t.split()) for t in printed)
    return any(len(c.text.split()) > max(longest, 3) for c in below)


def title_text(table: RawTable) -> str | None:
    """The title of a table whose first row is one cell across its whole width."""
    if table.n_rows < 2 or not table.rows or len(table.rows[0]) != 1:
        return None
    cell = table.rows[0][0]
    if cell.colspan != table.n_cols or cell.rowspan != 1 or not cell.text:
        return None
    return cell.text


# --------------------------------------------------------------------------- cards


@dataclass(frozen=True)
class Pair:
    """One label of a record card and its value: the value's cell, or the options of a
    tick-box grid and the marks under them."""

    label: str
    cell: Cell
    #: for a tick-box grid: the option labels, and which of them are marked
    options: tuple[str, ...] = ()
    marked: tuple[bool, ...] = ()
    #: cells under the value with no label of their own: the value runs on in them
    more: tuple[Cell, ...] = ()
    #: the label is printed above its value (in a row of labels), not beside it
    above: bool = False

    @property
    def value(self) -> str:
        if self.options:
            return " / ".join(o for o, m in zip(self.options, self.marked, strict=True) if m)
        return join_lines([self.cell.text, *(c.text for c in self.more)])


@dataclass(frozen=True)
class Card:
    """A record card: one small table per record, its title row (if any) and its
    label/value pairs. `lead_value` is text with no label at its top: the tail of the
    previous card's last value, broken across a page."""

    title: Cell | None
    pairs: tuple[Pair, ...]
    lead_value: Cell | None = None

    @property
    def is_header_over_a_row(self) -> bool:
        """No title, and every label above its value: read as a card, or as a table of
        one row under its header, alike."""
        return self.title is None and all(p.above for p in self.pairs)


def read_cards(table: RawTable, cfg: StructureSettings = DEFAULTS.structure) -> list[Card]:
    """The table as record cards, when its shape is theirs: label cells down a narrow
    left column beside their values ("Task | <text>", "Owned by | <name>"), or a row of
    styled labels over a row of values ("Timeline | Lead Agency" over "Short-term |
    Council"), each card under its title (one cell across the card) if it has one.
    Cards printed edge to edge make one ruled grid: it is cut at each title. Rows
    before the first title continue a card from the page before. Empty when the table
    has another shape."""
    rows = list(table.rows)
    segments: list[tuple[Cell | None, list[Sequence[Cell]]]] = [(None, [])]
    for cells in rows:
        if _is_title_row(cells, table):
            segments.append((cells[0], []))
        else:
            segments[-1][1].append(cells)
    if not segments[0][1]:
        segments.pop(0)
    cards = [_card(title, body, table, cfg) for title, body in segments]
    if not cards or any(c is None for c in cards):
        return []
    return [c for c in cards if c is not None]


def read_card(table: RawTable, cfg: StructureSettings = DEFAULTS.structure) -> Card | None:
    """The table as one record card (see `read_cards`), or None."""
    cards = read_cards(table, cfg)
    return cards[0] if len(cards) == 1 else None


def _is_title_row(cells: Sequence[Cell], table: RawTable) -> bool:
    return (
        len(cells) == 1
        and cells[0].colspan == table.n_cols
        and cells[0].rowspan == 1
        and bool(cells[0].text)
    )


def _card(
    title: Cell | None, rows: list[Sequence[Cell]], table: RawTable, cfg: StructureSettings
) -> Card | None:
    lead: Cell | None = None
    if title is None and rows and _unlabelled_value(rows[0], table, cfg):
        lead, rows = rows[0][-1], rows[1:]
    pairs: list[Pair] = []
    r = 0
    while r < len(rows):
        if pairs and _unlabelled_value(rows[r], table, cfg):
            # the last value goes on in a row with no label of its own
            pairs[-1] = replace(pairs[-1], more=(*pairs[-1].more, rows[r][-1]))
            r += 1
            continue
        step = _pairs_at(rows, r, table, cfg)
        if step is None:
            return None
        found, used = step
        pairs.extend(found)
        r += used
    labels = [p.label for p in pairs]
    enough = len(pairs) >= 2 or (title is None and (pairs or lead is not None))
    if not enough or len(set(labels)) < len(labels):
        return None
    return Card(title=title, pairs=tuple(pairs), lead_value=lead)


def _unlabelled_value(cells: Sequence[Cell], table: RawTable, cfg: StructureSettings) -> bool:
    """A first row with an empty label cell beside text: a value run on from a page before."""
    return (
        len(cells) == 2
        and not cells[0].text
        and bool(cells[1].text)
        and _narrow_label_column(cells[0], table, cfg)
    )


def _pairs_at(
    rows: Sequence[Sequence[Cell]], r: int, table: RawTable, cfg: StructureSettings
) -> tuple[list[Pair], int] | None:
    """The pairs starting at row `r`, and how many rows they take; None if none start."""
    cells = rows[r]
    if not cells:
        return None
    first = cells[0]
    label = clean_label(first.text)
    narrow_label = _is_label(
        label, cfg.max_card_label_words, cfg.max_card_label_chars
    ) and _narrow_label_column(first, table, cfg)
    if narrow_label and first.rowspan == 2 and r + 1 < len(rows):
        grid = _tick_grid(label, cells[1:], [c for c in rows[r + 1] if c is not first], cfg)
        if grid is not None:
            return [grid], 2
    if narrow_label and len(cells) == 2:
        return [Pair(label, cells[1])], max(1, first.rowspan)
    below = rows[r + 1] if r + 1 < len(rows) else ()
    over = _labels_over_values(cells, below, cfg)
    if over is not None:
        return over, 2
    return None


def _narrow_label_column(cell: Cell, table: RawTable, cfg: StructureSettings) -> bool:
    return cell.col == 0 and cell.box.width <= cfg.max_label_column_share * table.box.width


def _tick_grid(
    label: str, options: Sequence[Cell], marks: Sequence[Cell], cfg: StructureSettings
) -> Pair | None:
    """'Completion level' over 'Not started | Limited | Substantial | Completed', with a
    tick (or any mark) under the options that apply."""
    if len(options) < 2 or len(options) != len(marks):
        return None
    if not all(_is_label(o.text, cfg.max_label_words, cfg.max_label_chars) for o in options):
        return None
    if any(len(m.text.split()) > 4 for m in marks):
        return None
    return Pair(
        label,
        options[0],
        options=tuple(o.text for o in options),
        marked=tuple(bool(m.text.strip()) for m in marks),
    )


def _labels_over_values(
    cells: Sequence[Cell], below: Sequence[Cell], cfg: StructureSettings
) -> list[Pair] | None:
    if len(cells) < 2 or len(cells) != len(below) or not _styled(cells):
        return None
    if not all(
        _is_label(clean_label(c.text), cfg.max_label_words, cfg.max_label_chars) for c in cells
    ):
        return None
    if _styled(below) and _style(below, cfg.shade_steps) == _style(cells, cfg.shade_steps):
        return None
    aligned = all(
        abs(a.box.x0 - b.box.x0) < 2.0 and abs(a.box.x1 - b.box.x1) < 2.0
        for a, b in zip(cells, below, strict=True)
    )
    if not aligned:
        return None
    return [Pair(clean_label(c.text), v, above=True) for c, v in zip(cells, below, strict=True)]


# --------------------------------------------------------------------------- boxes


def box_items(table: RawTable, cfg: StructureSettings = DEFAULTS.structure) -> str | None:
    """The title of a box of items ("Potential next steps" over a grid of one item per
    cell): one title cell across a grid of one to three columns of equal width, with
    no header row and no label column. None when the table has another shape."""
    title = title_text(table)
    if title is None or table.n_cols > cfg.max_box_columns:
        return None
    widths = [table.xs[i + 1] - table.xs[i] for i in range(table.n_cols)]
    if table.n_cols > 1 and min(widths) < (1 - cfg.box_width_spread) * max(widths):
        return None
    body = [c for c in table.cells if c.row > 0 and c.text]
    if len(body) < 2:
        return None
    return title
