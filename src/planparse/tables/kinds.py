"""What kind of table a raw table is: a headed grid, a box of actions, or a record card.

These read a raw table's cells only, so table finders and the stitcher share them.
"""

from __future__ import annotations

from ..mapping import header_score, map_columns, score_header, strip_glyph_junk
from .model import Cell, RawTable

#: how many leading grid rows of a table are searched for its header row
HEADER_SEARCH_ROWS = 4


def find_header_row(table: RawTable) -> int | None:
    """Index of the grid row that reads as the table's header, if any."""
    best, best_score = None, 0.0
    for r, cells in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        styled = all(c.bold or c.fill is not None for c in cells if c.text)
        score = header_score([c.text for c in cells], styled=styled)
        if score > best_score:
            best, best_score = r, score
    return best


def clean_label(text: str) -> str:
    """A header label as printed, without spreadsheet filter-arrow glyphs."""
    return strip_glyph_junk(text)


def box_title(table: RawTable) -> str | None:
    """The title of a "Potential next steps" style box: a grid whose first row is one
    full-width cell naming actions, and whose other cells each hold one action."""
    if table.n_rows < 2 or table.n_cols < 1 or len(table.rows[0]) != 1:
        return None
    title = table.rows[0][0].text
    if score_header(title).key != "action":
        return None
    return title


def card_pairs(table: RawTable) -> list[tuple[str, Cell]] | None:
    """The (label, value cell) pairs of a record card: a small grid of label cells beside
    or above their values ("Strategy | <text>", then "Timeline | Lead Agency | ..." over
    one row of values). None unless the card names an action."""
    pairs: list[tuple[str, Cell]] = []
    rows = table.rows
    r = 0
    while r < len(rows):
        cells = rows[r]
        labels = [clean_label(c.text) for c in cells]
        if header_score(labels) > 0 and r + 1 < len(rows) and len(rows[r + 1]) == len(cells):
            pairs.extend(zip(labels, rows[r + 1], strict=True))
            r += 2
            continue
        if len(cells) == 2 and score_header(labels[0]).key is not None and cells[1].colspan > 1:
            pairs.append((labels[0], cells[1]))
            r += 1
            continue
        return None
    if len(pairs) < 2 or "action" not in map_columns([label for label, _ in pairs]):
        return None
    return pairs
