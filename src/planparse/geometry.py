"""Plain geometry shared by every stage: boxes in PDF points, origin at the page's top-left."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: x grows rightwards, y (top/bottom) grows downwards."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def area(self) -> float:
        return max(0.0, self.width) * max(0.0, self.height)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def contains_point(self, x: float, y: float, tolerance: float = 0.0) -> bool:
        return (
            self.x0 - tolerance <= x <= self.x1 + tolerance
            and self.top - tolerance <= y <= self.bottom + tolerance
        )

    def x_overlap(self, other: Box) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def y_overlap(self, other: Box) -> float:
        return max(0.0, min(self.bottom, other.bottom) - max(self.top, other.top))

    def intersection_area(self, other: Box) -> float:
        return self.x_overlap(other) * self.y_overlap(other)

    def rounded(self, digits: int = 2) -> tuple[float, float, float, float]:
        return (
            round(self.x0, digits),
            round(self.top, digits),
            round(self.x1, digits),
            round(self.bottom, digits),
        )


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding every box given (at least one)."""
    items = list(boxes)
    return Box(
        min(b.x0 for b in items),
        min(b.top for b in items),
        max(b.x1 for b in items),
        max(b.bottom for b in items),
    )


def cluster_values(values: Iterable[float], tolerance: float) -> list[float]:
    """Group sorted values whose neighbours lie within `tolerance`; return each group's mean."""
    ordered = sorted(values)
    if not ordered:
        return []
    groups: list[list[float]] = [[ordered[0]]]
    for value in ordered[1:]:
        if value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def nearest_index(positions: Sequence[float], value: float) -> int:
    """Index of the position closest to `value` in sorted, non-empty `positions`."""
    i = bisect_left(positions, value)
    if i == 0:
        return 0
    if i == len(positions):
        return len(positions) - 1
    return i if positions[i] - value < value - positions[i - 1] else i - 1


class DisjointSets:
    """Union-find over 0..n-1, for grouping touching lines and merged grid positions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
