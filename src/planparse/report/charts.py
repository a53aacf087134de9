"""Charts as geometry: stacked horizontal bars computed here, drawn as inline SVG by the
report's template (so every label passes through the template's escaping, and the page needs
no script library and no network)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

#: drawing sizes, in CSS pixels
WIDTH = 760
LABEL_WIDTH = 280
COUNT_WIDTH = 40
BAR_HEIGHT = 18
BAR_GAP = 8
LEGEND_HEIGHT = 28
#: a label longer than this is cut, with the whole label as the bar's tooltip
LABEL_CHARS = 44


@dataclass(frozen=True)
class Category:
    """One colour of a chart: a status or a RAG value (key None: no value)."""

    key: str | None
    label: str
    colour: str

    @property
    def slug(self) -> str:
        return self.key or "none"


@dataclass(frozen=True)
class Segment:
    category: Category
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    y: float
    total: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    """A stacked bar chart: one bar per group (theme), one segment per category."""

    name: str
    title: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[Category, int], ...]


def stacked_bars(
    name: str,
    title: str,
    groups: Sequence[tuple[str, Counter[str | None]]],
    categories: Sequence[Category],
) -> Chart:
    """Bars for (group label, counts by category key), scaled to the largest group."""
    largest = max((sum(c.values()) for _, c in groups), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - COUNT_WIDTH) / largest
    bars = []
    for row, (label, counts) in enumerate(groups):
        x = float(LABEL_WIDTH)
        segments = []
        for category in categories:
            count = counts.get(category.key, 0)
            if count:
                segments.append(Segment(category, count, round(x, 2), round(count * scale, 2)))
                x += count * scale
        bars.append(
            Bar(
                label=label,
                short_label=_short(label),
                y=LEGEND_HEIGHT + row * (BAR_HEIGHT + BAR_GAP),
                total=sum(counts.values()),
                segments=tuple(segments),
            )
        )
    totals: Counter[str | None] = Counter()
    for _, counts in groups:
        totals.update(counts)
    legend = tuple((c, totals.get(c.key, 0)) for c in categories if totals.get(c.key, 0))
    height = LEGEND_HEIGHT + len(groups) * (BAR_HEIGHT + BAR_GAP)
    return Chart(name, title, WIDTH, height, LABEL_WIDTH, BAR_HEIGHT, tuple(bars), legend)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
