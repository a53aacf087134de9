"""Tables drawn with ruling lines: rules -> connected line networks -> grids of (merged) cells.

The rules of a page are snapped and joined, grouped into networks of touching horizontal
and vertical lines, and each network with at least two lines each way becomes a grid.
A grid position whose border is missing merges with its neighbour, so a cell merged
across rows or columns in Word or Excel comes back as one cell with its span; a "merged"
cell whose words sit apart in separate grid columns is split again (borders drawn in
white on a dark header band are no borders to pdfminer).

Tables drawn with no rules but with every cell shaded (slides, designed reports) are
found the same way from the edges of their shaded cells.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from ..colour import RGB
from ..geometry import Box, DisjointSets, cluster_values, nearest_index
from ..pages import Fill, Page, Rule, Word
from ..settings import DEFAULTS, LatticeSettings, StructureSettings
from ..text import group_lines
from .model import Cell, RawTable, Strategy
from .structure import find_header

#: a mark in a tick-box grid: a symbol ("✓", "✗", "●"), or letters naming sub-items ("a, b")
TICK_MARK = re.compile(r"^(?:[^\w\s]{1,2}|[A-Za-z](?:\s*,\s*[A-Za-z])*)$")


@dataclass(frozen=True, slots=True)
class Segment:
    """A merged ruling line: `pos` is its y (horizontal) or x (vertical); start < end."""

    pos: float
    start: float
    end: float


def find_lattice_tables(page: Page, cfg: LatticeSettings) -> list[RawTable]:
    """Every ruled table on the page, top to bottom."""
    strategy: Strategy = "ocr-lattice" if page.ocr else "lattice"
    return _grids(page, page.rules, strategy, cfg)


def find_shaded_tables(
    page: Page,
    cfg: LatticeSettings,
    taken: Sequence[RawTable] = (),
    structure: StructureSettings = DEFAULTS.structure,
) -> list[RawTable]:
    """Tables whose cells are shaded boxes with no ruling lines, outside the `taken`
    tables: the edges of the shaded boxes are the grid. A grid must be mostly shaded and
    hold text in at least two cells (two touching coloured panels are no table)."""
    limit = cfg.max_cell_fill_share * page.width * page.height
    fills = [
        f
        for f in page.fills
        if f.box.area < limit
        and not any(t.box.contains_point(f.box.cx, f.box.cy, 1.0) for t in taken)
    ]
    edges = [Rule(Box(*e)) for f in fills for e in _edges(f.box)]
    strategy: Strategy = "ocr-shaded" if page.ocr else "shaded"
    return [
        t
        for t in _grids(page, edges, strategy, cfg)
        if _mostly_shaded(t, fills, page.words, cfg, structure)
    ]


def _edges(b: Box) -> list[tuple[float, float, float, float]]:
    return [
        (b.x0, b.top, b.x1, b.top),
        (b.x0, b.bottom, b.x1, b.bottom),
        (b.x0, b.top, b.x0, b.bottom),
        (b.x1, b.top, b.x1, b.bottom),
    ]


def _mostly_shaded(
    table: RawTable,
    fills: Sequence[Fill],
    words: Sequence[Word],
    cfg: LatticeSettings,
    structure: StructureSettings,
) -> bool:
    """Shaded for the most part, with text in two cells or more, and not the shaded
    header band of a table that goes on below it unshaded."""
    shaded = sum(f.box.intersection_area(table.box) for f in fills)
    printed = sum(1 for c in table.cells if c.lines)
    return (
        printed >= 2
        and table.n_rows >= 2
        and shaded >= cfg.min_shaded_share * table.box.area
        and not _only_a_header(table, structure)
        and not _text_runs_on_below(table, words)
    )


def _only_a_header(table: RawTable, structure: StructureSettings) -> bool:
    """The grid's last row is its header: a shaded header band over an unshaded body."""
    header = find_header(table, structure)
    return header is not None and header.last == table.n_rows - 1


def _text_runs_on_below(table: RawTable, words: Sequence[Word]) -> bool:
    """Words just under the grid, in two of its columns or more: its body goes on."""
    below = [
        w
        for w in words
        if 0 <= w.box.top - table.box.bottom <= 2.5 * w.box.height
        and table.box.x0 <= w.box.cx <= table.box.x1
    ]
    return len({bisect_right(table.xs, w.box.cx) for w in below}) >= 2


def _grids(
    page: Page, rules: Sequence[Rule], strategy: Strategy, cfg: LatticeSettings
) -> list[RawTable]:
    horizontal = merge_segments(_segments(rules, horizontal=True), cfg)
    vertical = merge_segments(_segments(rules, horizontal=False), cfg)
    tables = []
    for h_group, v_group in line_networks(horizontal, vertical, cfg):
        table = grid_table(page, h_group, v_group, strategy, cfg)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: (t.box.top, t.box.x0))


def _segments(rules: Iterable[Rule], *, horizontal: bool) -> list[Segment]:
    out = []
    for rule in rules:
        if rule.horizontal != horizontal:
            continue
        b = rule.box
        if horizontal:
            out.append(Segment(b.cy, b.x0, b.x1))
        else:
            out.append(Segment(b.cx, b.top, b.bottom))
    return out


def merge_segments(segments: Sequence[Segment], cfg: LatticeSettings) -> list[Segment]:
    """Snap segments to shared positions, then join collinear overlapping/near pieces."""
    if not segments:
        return []
    positions = cluster_values((s.pos for s in segments), cfg.snap_tolerance)
    snapped: dict[float, list[Segment]] = {}
    for seg in segments:
        pos = positions[nearest_index(positions, seg.pos)]
        snapped.setdefault(pos, []).append(seg)
    merged = []
    for pos, group in sorted(snapped.items()):
        group.sort(key=lambda s: s.start)
        start, end = group[0].start, group[0].end
        for seg in group[1:]:
            if seg.start <= end + cfg.join_tolerance:
                end = max(end, seg.end)
            else:
                merged.append(Segment(pos, start, end))
                start, end = seg.start, seg.end
        merged.append(Segment(pos, start, end))
    return merged


def _touch(h: Segment, v: Segment, tolerance: float) -> bool:
    return (
        h.start - tolerance <= v.pos <= h.end + tolerance
        and v.start - tolerance <= h.pos <= v.end + tolerance
    )


def line_networks(
    horizontal: Sequence[Segment], vertical: Sequence[Segment], cfg: LatticeSettings
) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of touching rules with at least two lines in each direction."""
    sets = DisjointSets(len(horizontal) + len(vertical))
    offset = len(horizontal)
    for hi, h in enumerate(horizontal):
        for vi, v in enumerate(vertical):
            if _touch(h, v, cfg.touch_tolerance):
                sets.join(hi, offset + vi)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for hi, h in enumerate(horizontal):
        groups.setdefault(sets.find(hi), ([], []))[0].append(h)
    for vi, v in enumerate(vertical):
        groups.setdefault(sets.find(offset + vi), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _coverage(segments: Iterable[Segment], start: float, end: float) -> float:
    """Share of [start, end] covered by the segments (which share one position)."""
    span = end - start
    if span <= 0:
        return 1.0
    pieces = sorted((max(s.start, start), min(s.end, end)) for s in segments)
    covered, reach = 0.0, start
    for a, b in pieces:
        if b <= reach:
            continue
        a = max(a, reach)
        covered += b - a
        reach = b
    return covered / span


def _grid_positions(values: Iterable[float], cfg: LatticeSettings) -> list[float]:
    positions = cluster_values(values, cfg.snap_tolerance)
    kept: list[float] = []
    for p in positions:
        if kept and p - kept[-1] < cfg.min_grid_step:
            continue
        kept.append(p)
    return kept


def grid_table(
    page: Page,
    h_group: list[Segment],
    v_group: list[Segment],
    strategy: Strategy,
    cfg: LatticeSettings,
) -> RawTable | None:
    """Build the cell grid of one line network; None when it holds no table."""
    # Rules that run past the outermost perpendicular line (vertical rules running on to
    # the page bottom under a merged cell that continues on the next page) open a final
    # row or column, so the text there is not lost.
    ys = _grid_positions(
        [s.pos for s in h_group] + [min(s.start for s in v_group), max(s.end for s in v_group)],
        cfg,
    )
    xs = _grid_positions(
        [s.pos for s in v_group] + [min(s.start for s in h_group), max(s.end for s in h_group)],
        cfg,
    )
    if len(xs) < 2 or len(ys) < 2:
        return None
    h_at = _by_position(h_group, ys, cfg)
    v_at = _by_position(v_group, xs, cfg)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # has_h[r][c]: border under grid row r-1 / above row r, across column c (r in 0..n_rows)
    has_h = [
        [_coverage(h_at[r], xs[c], xs[c + 1]) >= cfg.border_coverage for c in range(n_cols)]
        for r in range(n_rows + 1)
    ]
    has_v = [
        [_coverage(v_at[c], ys[r], ys[r + 1]) >= cfg.border_coverage for c in range(n_cols + 1)]
        for r in range(n_rows)
    ]
    return table_on_grid(page, xs, ys, has_h, has_v, strategy, cfg)


def table_on_grid(
    page: Page,
    xs: Sequence[float],
    ys: Sequence[float],
    has_h: list[list[bool]],
    has_v: list[list[bool]],
    strategy: Strategy,
    cfg: LatticeSettings,
) -> RawTable | None:
    """The raw table of a grid whose borders are known: grid positions merged across
    missing borders, the page's words placed in the cells, the cells' fills read; None
    when the grid holds fewer than two cells or no text. `has_h[r][c]` is the border
    above grid row r across column c; `has_v[r][c]` the border left of column c in row r."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    spans = merged_spans(has_h, has_v, n_rows, n_cols)
    box = Box(xs[0], ys[0], xs[-1], ys[-1])
    words_at = place_words(page.words, xs, ys)
    spans = [
        piece for span in spans for piece in split_unruled_span(span, words_at, xs, cfg.column_gap)
    ]
    cells = []
    for r0, c0, r1, c1 in spans:
        inside = tuple(
            w
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            for w in words_at.get((r, c), ())
        )
        cell_box = Box(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        cells.append(
            Cell.of(
                row=r0,
                col=c0,
                rowspan=r1 - r0 + 1,
                colspan=c1 - c0 + 1,
                box=cell_box,
                words=inside,
                fill=cell_fill(cell_box, page.fills, cfg.fill_coverage),
            )
        )
    if len(cells) < 2 or not any(c.lines for c in cells):
        return None
    return RawTable(
        page=page.number,
        box=box,
        xs=tuple(xs),
        ys=tuple(ys),
        cells=tuple(cells),
        strategy=strategy,
    )


def split_unruled_span(
    span: tuple[int, int, int, int],
    words_at: dict[tuple[int, int], list[Word]],
    xs: Sequence[float],
    column_gap: float,
) -> list[tuple[int, int, int, int]]:
    """A one-row span over several grid columns is cut at every column border that no
    word crosses and where the words on either side stand apart as separate cells do:
    its borders are drawn in a colour the page does not show (white lines on a dark
    header band) or not at all. A title or a paragraph across the columns (words
    spaced as one text over the border) stays whole. A lone mark (a tick, "a, b") in a
    span is placed in the grid column it sits in, as in a tick-box grid."""
    r0, c0, r1, c1 = span
    if r0 != r1 or c0 == c1:
        return [span]
    words = [w for c in range(c0, c1 + 1) for w in words_at.get((r0, c), [])]
    if not words:
        return [span]
    if TICK_MARK.match(" ".join(w.text for w in words)):
        return [(r0, c, r0, c) for c in range(c0, c1 + 1)]
    borders = [xs[c] for c in range(c0 + 1, c1 + 1)]
    cuts = [c for c in range(c0 + 1, c1 + 1) if _separates(words, xs[c], column_gap, borders)]
    bounds = [c0, *cuts, c1 + 1]
    return [(r0, a, r0, b - 1) for a, b in itertools.pairwise(bounds)]


def _separates(
    words: Sequence[Word], x: float, column_gap: float, borders: Sequence[float]
) -> bool:
    """Words on both sides of x, none across it, the nearest ones a cell gap apart: at
    least `column_gap` of the type size, and, where the text has word gaps within the
    grid columns (crossing none of the `borders`) to compare with, twice its usual one
    (an OCR'd title's words, whose boxes are tight to the ink, stand further apart than
    a text layer's, and stay one cell)."""
    left = [w for w in words if w.box.x1 <= x + 1.0]
    right = [w for w in words if w.box.x0 >= x - 1.0]
    if not left or not right or len(left) + len(right) < len(words):
        return False
    gap = min(w.box.x0 for w in right) - max(w.box.x1 for w in left)
    if gap < column_gap * max(w.size for w in words):
        return False
    others = _word_gaps(words, borders)
    return len(others) < 2 or gap >= 2 * median(others)


def _word_gaps(words: Sequence[Word], borders: Sequence[float]) -> list[float]:
    """The gaps between neighbouring words of each line, where no border lies between."""
    return [
        b.box.x0 - a.box.x1
        for line in group_lines(words)
        for a, b in itertools.pairwise(line.words)
        if b.box.x0 > a.box.x1 and not any(a.box.x1 - 1.0 <= x <= b.box.x0 + 1.0 for x in borders)
    ]


def place_words(
    words: Iterable[Word], xs: Sequence[float], ys: Sequence[float]
) -> dict[tuple[int, int], list[Word]]:
    """The words whose anchor falls in each grid position (row, col) of the grid."""
    placed: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        x, y = _anchor(word)
        if not (xs[0] - 1.0 <= x <= xs[-1] + 1.0 and ys[0] - 1.0 <= y <= ys[-1] + 1.0):
            continue
        c = min(max(bisect_right(xs, x) - 1, 0), len(xs) - 2)
        r = min(max(bisect_right(ys, y) - 1, 0), len(ys) - 2)
        placed.setdefault((r, c), []).append(word)
    return placed


def _by_position(
    segments: Iterable[Segment], positions: Sequence[float], cfg: LatticeSettings
) -> list[list[Segment]]:
    buckets: list[list[Segment]] = [[] for _ in positions]
    for seg in segments:
        i = nearest_index(positions, seg.pos)
        if abs(positions[i] - seg.pos) <= cfg.snap_tolerance + cfg.min_grid_step:
            buckets[i].append(seg)
    return buckets


def merged_spans(
    has_h: list[list[bool]], has_v: list[list[bool]], n_rows: int, n_cols: int
) -> list[tuple[int, int, int, int]]:
    """Grid positions joined across missing borders, as (row0, col0, row1, col1) inclusive."""
    sets = DisjointSets(n_rows * n_cols)
    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not has_v[r][c + 1]:
                sets.join(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not has_h[r + 1][c]:
                sets.join(r * n_cols + c, (r + 1) * n_cols + c)
    extent: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = sets.find(r * n_cols + c)
            e = extent.setdefault(root, [r, c, r, c])
            e[0], e[1] = min(e[0], r), min(e[1], c)
            e[2], e[3] = max(e[2], r), max(e[3], c)
    spans = _non_overlapping(sorted(tuple(e) for e in extent.values()))  # type: ignore[misc]
    return spans


def _non_overlapping(
    spans: list[tuple[int, int, int, int]],
) -> list[tuple[int, int, int, int]]:
    """Spans that do not overlap: a span inside an earlier (bigger, L-shaped) merge's
    bounding rectangle is dropped, and any grid position left uncovered becomes a cell of
    its own, so no position (and no word) is lost."""
    taken: set[tuple[int, int]] = set()
    kept = []
    for r0, c0, r1, c1 in sorted(spans, key=lambda s: -(s[2] - s[0] + 1) * (s[3] - s[1] + 1)):
        positions = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if positions & taken:
            continue
        taken |= positions
        kept.append((r0, c0, r1, c1))
    rows = max((s[2] for s in spans), default=-1) + 1
    cols = max((s[3] for s in spans), default=-1) + 1
    kept += [(r, c, r, c) for r in range(rows) for c in range(cols) if (r, c) not in taken]
    return sorted(kept)


def _anchor(word: Word) -> tuple[float, float]:
    """The point that places a word in a cell: just inside its start, so overflowing text
    that runs past its cell's right border still belongs to the cell it starts in."""
    return (word.box.x0 + min(2.0, word.box.width / 2), word.box.cy)


def cell_fill(box: Box, fills: Sequence[Fill], coverage: float) -> RGB | None:
    """The colour of the fill covering most of the box, if it covers enough of it."""
    best, best_area = None, 0.0
    area = box.area or 1.0
    for fill in fills:
        covered = fill.box.intersection_area(box)
        if covered > best_area:
            best, best_area = fill, covered
    if best is None or best_area / area < coverage:
        return None
    return best.rgb
