"""Tables where the user says they are: an area of a page, and optionally its column lines
(the manual overrides users of camelot and tabula reach for when detection fails).

With an area only, the native finders look inside it and nowhere else on that page. With
column lines too, the area is read as one table on those columns: a grid row per line of
text, cut for certain where the page draws a rule between two lines, and elsewhere
tentatively where a column begins new text (as the stream finder does), so the roles
stage joins a cell's lines back into one row. The table goes through the same
stitching, roles, repairs and provenance as any other (`strategy`: "manual").
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..geometry import Box
from ..pages import Page
from ..settings import Settings
from ..text import group_lines
from .camelot import tentative_rows
from .lattice import table_on_grid
from .model import RawTable


@dataclass(frozen=True)
class Area:
    """A region of one page, in PDF points from the page's top-left corner."""

    page: int
    box: Box

    @classmethod
    def parse(cls, spec: str) -> Area:
        """'3:40,100,560,700' -> page 3, x0 40, top 100, x1 560, bottom 700 (ValueError)."""
        page, _, numbers = spec.partition(":")
        try:
            x0, top, x1, bottom = (float(n) for n in numbers.split(","))
            number = int(page)
        except ValueError:
            raise ValueError(f"{spec!r} is not an area like 3:40,100,560,700") from None
        if number < 1 or x1 <= x0 or bottom <= top:
            raise ValueError(f"{spec!r}: the page starts at 1, x0 < x1 and top < bottom")
        return cls(number, Box(x0, top, x1, bottom))


def parse_columns(spec: str) -> tuple[float, ...]:
    """'120,300,450' -> the x positions (points) of the lines between columns."""
    try:
        xs = tuple(float(x) for x in spec.split(","))
    except ValueError:
        raise ValueError(f"{spec!r} is not a list of column lines like 120,300,450") from None
    if list(xs) != sorted(set(xs)):
        raise ValueError(f"{spec!r}: column lines go left to right, each once")
    return xs


def within(page: Page, box: Box) -> Page:
    """The page cut down to what lies inside `box` (words by their middle)."""
    return replace(
        page,
        words=tuple(w for w in page.words if box.contains_point(w.box.cx, w.box.cy)),
        rules=tuple(r for r in page.rules if box.contains_point(r.box.cx, r.box.cy, 1.0)),
        fills=tuple(f for f in page.fills if box.contains_point(f.box.cx, f.box.cy)),
        images=(),
    )


def table_on_columns(
    page: Page, box: Box, columns: Sequence[float], settings: Settings
) -> RawTable | None:
    """The area read as one table on the given column lines."""
    inside = within(page, box)
    lines = group_lines(w for w in inside.words if w.upright)
    if not lines:
        return None
    xs = [box.x0, *(x for x in columns if box.x0 < x < box.x1), box.x1]
    ys = [box.top]
    ruled = set()  # grid rows whose top border the page draws
    for above, below in itertools.pairwise(lines):
        if any(above.box.cy < r.box.cy < below.box.cy for r in inside.rules if r.horizontal):
            ruled.add(len(ys))
        ys.append((above.box.bottom + below.box.top) / 2)
    ys.append(box.bottom)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    has_h = [[True] * n_cols for _ in range(n_rows + 1)]
    has_v = [[True] * (n_cols + 1) for _ in range(n_rows)]
    table = table_on_grid(inside, xs, ys, has_h, has_v, "manual", settings.lattice)
    if table is None:
        return None
    tentative = tuple((r, opens) for r, opens in tentative_rows(table) if r not in ruled)
    return replace(table, tentative=tentative)
