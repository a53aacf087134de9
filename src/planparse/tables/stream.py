"""Tables without ruling lines: columns from the header and the whitespace corridors of the
body, rows from where a new row visibly starts.

Word tables with borders turned off print a header (often bold, often shaded, at most a
rule under it) over text in aligned columns, every cell's text starting at its row's top.
So: a band of lines set apart by its style (bold, shaded, or ruled off from the body)
whose words fall into separate labels is a header; the body below it is cut into columns
at the vertical corridors that no body text crosses; rows are cut where the page draws
a rule or a new shaded cell begins, or where a column begins a new run of text after a
gap. Where a column begins new text with no gap, the cut is tentative: whether it opens
a row depends on what the column holds (a new action, or the next paragraph of a
progress note), which the roles stage knows and this module does not. A bold line that
runs across the corridors is a full-width section row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from ..geometry import Box, union
from ..pages import Fill, Page, Rule, Word
from ..settings import Settings, StreamSettings
from ..text import TextLine, group_lines, is_page_number
from .lattice import cell_fill
from .model import Cell, RawTable
from .structure import shade


@dataclass(frozen=True)
class _Header:
    start: int  # index of the first header line
    end: int  # index after the last header line
    cells: list[list[Word]]


def find_stream_tables(page: Page, words: Sequence[Word], settings: Settings) -> list[RawTable]:
    """Tables without (enough) ruling lines among the given words of a page."""
    lines = group_lines(words)
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        header = header_band(lines, i, page, settings)
        if header is None:
            i += 1
            continue
        end = body_end(lines, header, page, settings)
        table = build_table(page, lines, header, end, settings)
        if table is None:
            i += 1
            continue
        tables.append(table)
        i = end
    return tables


# --------------------------------------------------------------------------- header


def header_band(
    lines: Sequence[TextLine], start: int, page: Page, settings: Settings
) -> _Header | None:
    """The header starting at `start`: 1-4 tight lines of one style, set apart from the
    body by bold type, a shaded band or a rule under them, whose words fall into at least
    two short labels. A plain line of prose or data is no header."""
    cfg, steps = settings.stream, settings.structure.shade_steps
    first = lines[start]
    if len(label_groups(first.words, cfg)) < 2:
        return None  # a header's first line names at least two columns
    band = _shade_of(first, page.fills, steps)
    end = start + 1
    while end < min(start + cfg.max_header_lines, len(lines)):
        line, prev = lines[end], lines[end - 1]
        tight = line.box.top - prev.box.bottom <= 0.6 * prev.box.height
        if not tight or line.bold != first.bold or _shade_of(line, page.fills, steps) != band:
            break
        if _rule_between(prev, line, page.rules):
            break
        end += 1
    if not (first.bold or band is not None or _ruled_off(lines[start:end], page.rules, cfg)):
        return None
    cells = label_groups([w for ln in lines[start:end] for w in ln.words], cfg)
    if len(cells) < 2 or any(len(_text(c)) > cfg.max_label_chars for c in cells):
        return None
    return _Header(start, end, cells)


def _shade_of(line: TextLine, fills: Sequence[Fill], steps: int) -> tuple[int, ...] | None:
    """The colour (coarsely) of the shading behind a line's first word, if any."""
    word = line.words[0].box
    hits = [f for f in fills if f.box.contains_point(word.cx, word.cy)]
    return shade(min(hits, key=lambda f: f.box.area).rgb, steps) if hits else None


def _rule_between(above: TextLine, below: TextLine, rules: Sequence[Rule]) -> bool:
    return any(
        r.horizontal and above.box.cy < r.box.cy < below.box.cy and r.box.x_overlap(above.box) > 0
        for r in rules
    )


def _ruled_off(band: Sequence[TextLine], rules: Sequence[Rule], cfg: StreamSettings) -> bool:
    """A horizontal rule runs under the band, close below it and across its width."""
    box = union(ln.box for ln in band)
    height = max(ln.box.height for ln in band)
    return any(
        r.horizontal
        and 0 <= r.box.cy - box.bottom <= cfg.header_rule_gap * height
        and r.box.x_overlap(box) >= 0.8 * box.width
        for r in rules
    )


def _opens_new_table(lines: Sequence[TextLine], j: int, page: Page, settings: Settings) -> bool:
    """A line inside a body starts another table only under a clear header: a bold or
    shaded band of labels under plain text."""
    found = header_band(lines, j, page, settings)
    if found is None:
        return False
    previous = lines[j - 1]
    steps = settings.structure.shade_steps
    return previous.bold != lines[j].bold or _shade_of(previous, page.fills, steps) != _shade_of(
        lines[j], page.fills, steps
    )


def label_groups(words: Sequence[Word], cfg: StreamSettings) -> list[list[Word]]:
    """Words of a header band grouped into labels: overlapping or near in x."""
    groups: list[list[Word]] = []
    right = 0.0
    for word in sorted(words, key=lambda w: w.box.x0):
        gap = cfg.header_word_gap * max(word.size, 1.0)
        if groups and word.box.x0 <= right + gap:
            groups[-1].append(word)
            right = max(right, word.box.x1)
        else:
            groups.append([word])
            right = word.box.x1
    return groups


def _text(words: Sequence[Word]) -> str:
    return " ".join(line.text for line in group_lines(words))


# --------------------------------------------------------------------------- body


def body_end(lines: Sequence[TextLine], header: _Header, page: Page, settings: Settings) -> int:
    """Index after the last body line of the table under `header`."""
    cfg = settings.stream
    left = min(w.box.x0 for c in header.cells for w in c)
    width = max(w.box.x1 for c in header.cells for w in c) - left
    heights = [ln.box.height for ln in lines[header.start : header.end]]
    line_height = median(heights) if heights else 10.0
    end = header.end
    starts = [min(w.box.x0 for w in cell) for cell in header.cells]
    for j in range(header.end, len(lines)):
        line = lines[j]
        gap = line.box.top - lines[j - 1].box.bottom
        if gap > cfg.max_body_gap * line_height and not _resumes(line, starts, cfg):
            break
        if is_page_number(line.text):
            break
        if j > header.end and _opens_new_table(lines, j, page, settings):
            break
        # the last column runs on to the margin: only text starting left of the table
        # (a paragraph, a page heading) is outside it
        inside = sum(1 for w in line.words if w.box.x0 >= left - 0.05 * width)
        if inside < cfg.min_inside_share * len(line.words):
            break
        end = j + 1
    return end


def _resumes(line: TextLine, starts: Sequence[float], cfg: StreamSettings) -> bool:
    """After a gap, a line whose first word and at least one other word start where the
    header's labels start: the table goes on, in the same columns (a row moved down by
    white space, not a new block of text)."""
    aligned = [w for w in line.words if any(abs(w.box.x0 - x) <= cfg.column_align for x in starts)]
    return len(aligned) >= 2 and aligned[0] is line.words[0]


def column_bounds(
    header: _Header, body: Sequence[TextLine], fills: Sequence[Fill], rules: Sequence[Rule] = ()
) -> list[float]:
    """x boundaries between the columns: the emptiest corridor of the body text just left
    of each header label (a header cell's shading edge or a vertical rule beside the
    header wins where there is one)."""
    starts = [min(w.box.x0 for w in cell) for cell in header.cells]
    left = min(starts[0], *(w.box.x0 for ln in body for w in ln.words)) if body else starts[0]
    right = max(
        [w.box.x1 for c in header.cells for w in c] + [w.box.x1 for ln in body for w in ln.words]
    )
    coverage = _coverage(body, left, right)
    header_box = union(w.box for c in header.cells for w in c)
    drawn = [f.box for f in fills if f.box.y_overlap(header_box) > 0] + [
        r.box for r in rules if not r.horizontal and r.box.y_overlap(header_box) > 0
    ]
    fill_edges = sorted({round(b.x0, 1) for b in drawn} | {round(b.x1, 1) for b in drawn})
    bounds = [left - 1.0]
    for i in range(1, len(starts)):
        lo = max(bounds[-1] + 1.0, _label_right(header.cells[i - 1], starts[i]))
        hi = starts[i]
        shading = [e for e in fill_edges if lo - 1.0 <= e <= hi + 0.5]
        if shading:
            bounds.append(shading[-1])
        else:
            bounds.append(_corridor(coverage, left, lo, hi))
    bounds.append(right + 1.0)
    return bounds


def _label_right(cell: Sequence[Word], next_start: float) -> float:
    return min(max(w.box.x1 for w in cell), next_start - 1.0)


def _coverage(body: Sequence[TextLine], left: float, right: float) -> list[int]:
    """For each whole point across the table, how many body lines put ink there."""
    size = int(right - left) + 2
    counts = [0] * size
    for line in body:
        if line.bold and len(line.words) > 1:
            continue  # section rows run across the corridors
        for w in line.words:
            for x in range(max(0, int(w.box.x0 - left)), min(size, int(w.box.x1 - left) + 1)):
                counts[x] += 1
    return counts


def _corridor(coverage: list[int], left: float, lo: float, hi: float) -> float:
    """The x in [lo, hi] inside the emptiest run of coverage, nearest to `hi`."""
    a = max(0, int(lo - left))
    b = min(len(coverage) - 1, int(hi - left))
    if b <= a:
        return hi - 0.5
    least = min(coverage[a : b + 1])
    x = b
    while x >= a and coverage[x] != least:
        x -= 1
    return left + x + 0.5


# --------------------------------------------------------------------------- rows


def column_of(word: Word, bounds: Sequence[float]) -> int:
    x = word.box.x0 + min(2.0, word.box.width / 2)
    for i in range(len(bounds) - 1):
        if x < bounds[i + 1]:
            return i
    return len(bounds) - 2


def _is_section_line(line: TextLine, bounds: Sequence[float], marks: RowMarks) -> bool:
    """A line whose text runs on across a column corridor (no column gap between two
    words of different columns), or sits in a shaded band as wide as the table: a
    full-width row, a section title or a note."""
    shading = marks.cell_of(line)
    if shading is not None:
        wide = shading.width >= marks.cfg.full_width_share * (bounds[-1] - bounds[0])
        if not wide:
            return False  # the line sits in an ordinary shaded cell
        if shading.height <= marks.cfg.max_band_lines * line.box.height:
            return True
    if len(line.words) < 2:
        return False
    words = sorted(line.words, key=lambda w: w.box.x0)
    for a, b in itertools.pairwise(words):
        gap = b.box.x0 - a.box.x1
        if gap < 0.6 * max(a.size, 1.0) and column_of(a, bounds) != column_of(b, bounds):
            return True
    return False


def _section_block(
    body: Sequence[TextLine], start: int, bounds: Sequence[float], marks: RowMarks
) -> int:
    """Index after a full-width row that starts at `start`: its own line plus the tight
    lines under it in the same type that stay in the first column (its wrapped tail)."""
    first = body[start]
    end = start + 1
    while end < len(body):
        line = body[end]
        tight = line.box.top - body[end - 1].box.bottom <= 0.6 * max(line.box.height, 1.0)
        same_type = line.bold == first.bold
        if not (
            tight
            and same_type
            and (
                _is_section_line(line, bounds, marks)
                or {column_of(w, bounds) for w in line.words} == {0}
            )
        ):
            break
        end += 1
    return end


@dataclass(frozen=True)
class RowStart:
    """A body line that opens a row. `opens` is None when the page shows the cut (a rule,
    a new shaded cell, a gap, the table's first row, a full-width row); otherwise the cut
    is tentative and `opens` names the columns that begin new text on that line."""

    line: int
    full_width: bool = False
    opens: frozenset[int] | None = None


def row_starts(
    body: Sequence[TextLine], bounds: Sequence[float], marks: RowMarks
) -> list[RowStart]:
    """Where rows start, certainly or tentatively.

    Shading and rules decide where they can: two lines in the same shaded cell share a
    row, lines in different shaded cells or across a rule do not. Elsewhere a column
    starting a new run of text after a gap opens a row; without a gap, the cut is
    tentative (see the module doc)."""
    starts: list[RowStart] = []
    previous: set[int] = set()
    heights = [ln.box.height for ln in body]
    line_height = median(heights) if heights else 10.0
    j = 0
    while j < len(body):
        line = body[j]
        if _is_section_line(line, bounds, marks):
            starts.append(RowStart(j, full_width=True))
            j = _section_block(body, j, bounds, marks)
            previous = set()
            continue
        columns = {column_of(w, bounds) for w in line.words}
        opened = columns - previous
        gap = line.box.top - body[j - 1].box.bottom if j else 0.0
        marked = marks.between(body[j - 1], line) if j else None
        if not starts or starts[-1].full_width or marked:
            starts.append(RowStart(j))
        elif marked is None and opened:
            certain = gap > marks.cfg.row_gap * line_height
            starts.append(RowStart(j, opens=None if certain else frozenset(opened)))
        previous = columns
        j += 1
    return starts


@dataclass(frozen=True)
class RowMarks:
    """What the page draws between rows: shaded cells and horizontal rules (and the
    settings that read them)."""

    fills: tuple[Fill, ...]
    rules: tuple[Box, ...]
    cfg: StreamSettings

    @classmethod
    def of(cls, page: Page, left: float, right: float, cfg: StreamSettings) -> RowMarks:
        width = right - left
        cells = tuple(f for f in page.fills if f.box.x1 > left and f.box.x0 < right)
        rules = tuple(
            r.box
            for r in page.rules
            if r.horizontal and r.box.x_overlap(Box(left, 0, right, 0)) >= 0.5 * width
        )
        return cls(cells, rules, cfg)

    def between(self, above: TextLine, below: TextLine) -> bool | None:
        """True: a row boundary lies between the lines; False: they share a shaded cell;
        None: the page does not say."""
        y0, y1 = above.box.cy, below.box.cy
        if any(y0 < r.cy < y1 for r in self.rules):
            return True
        upper = self.cell_of(above)
        lower = self.cell_of(below)
        if upper is None or lower is None:
            return None
        same = abs(upper.top - lower.top) < 1.0 and abs(upper.bottom - lower.bottom) < 1.0
        return not same

    def cell_of(self, line: TextLine) -> Box | None:
        """The smallest shaded box under the line's first word, if any."""
        x, y = line.words[0].box.cx, line.box.cy
        hits = [f.box for f in self.fills if f.box.contains_point(x, y)]
        return min(hits, key=lambda b: b.area) if hits else None


def build_table(
    page: Page, lines: Sequence[TextLine], header: _Header, end: int, settings: Settings
) -> RawTable | None:
    """The raw table for a header and the body lines under it."""
    body = list(lines[header.end : end])
    if not body:
        return None
    bounds = column_bounds(header, body, page.fills, page.rules)
    marks = RowMarks.of(page, bounds[0], bounds[-1], settings.stream)
    starts = row_starts(body, bounds, marks)
    if all(start.full_width for start in starts):
        return None  # a line with a gap in it over prose (an OCR'd title split in two)
    header_lines = lines[header.start : header.end]
    top = min(ln.box.top for ln in header_lines) - 1.0
    ys = [top, max(ln.box.bottom for ln in header_lines) + 0.5]
    for k, start in enumerate(starts):
        if k:
            ys.append((body[start.line - 1].box.bottom + body[start.line].box.top) / 2)
    ys.append(body[-1].box.bottom + 1.0)
    n = len(bounds) - 1
    cells = [
        Cell.of(
            row=0,
            col=i,
            rowspan=1,
            colspan=1,
            box=Box(bounds[i], ys[0], bounds[i + 1], ys[1]),
            words=tuple(w for w in _header_words(header) if column_of(w, bounds) == i),
        )
        for i in range(n)
    ]
    for r, start in enumerate(starts, start=1):
        stop = starts[r].line if r < len(starts) else len(body)
        row_words = [w for ln in body[start.line : stop] for w in ln.words]
        if start.full_width:
            box = Box(bounds[0], ys[r], bounds[-1], ys[r + 1])
            cells.append(
                Cell.of(row=r, col=0, rowspan=1, colspan=n, box=box, words=tuple(row_words))
            )
            continue
        for i in range(n):
            box = Box(bounds[i], ys[r], bounds[i + 1], ys[r + 1])
            inside = tuple(w for w in row_words if column_of(w, bounds) == i)
            cells.append(
                Cell.of(
                    row=r,
                    col=i,
                    rowspan=1,
                    colspan=1,
                    box=box,
                    words=inside,
                    fill=cell_fill(box, page.fills, settings.lattice.fill_coverage),
                )
            )
    return RawTable(
        page=page.number,
        box=Box(bounds[0], ys[0], bounds[-1], ys[-1]),
        xs=tuple(bounds),
        ys=tuple(ys),
        cells=tuple(cells),
        strategy="ocr-stream" if page.ocr else "stream",
        tentative=tuple(
            (r, tuple(sorted(start.opens)))
            for r, start in enumerate(starts, start=1)
            if start.opens is not None
        ),
    )


def _header_words(header: _Header) -> list[Word]:
    return [w for cell in header.cells for w in cell]
