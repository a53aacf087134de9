"""pdfplumber's parsed page layout -> characters, ruling lines, fills and image areas.

pdfplumber parses a page once with pdfminer (`page.layout`); its `page.chars`/`rects`
then turn every object into a dict of ~20 resolved attributes, which costs more than the
parse itself. planparse reads the few attributes it needs straight from the layout
objects, with pdfplumber's coordinate conventions (top-left origin, media box offset).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

from .colour import is_near_white, to_rgb
from .geometry import Box
from .settings import DEFAULTS, ReadingSettings

Char = dict[str, Any]


@dataclass
class PageObjects:
    """What a page draws, in points from its top-left corner."""

    chars: list[Char] = field(default_factory=list)
    #: (x0, top, x1, bottom) of each straight ruling line (zero width or height)
    rules: list[Box] = field(default_factory=list)
    #: (box, rgb) of each filled region
    fills: list[tuple[Box, tuple[float, float, float]]] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)
    #: objects left out because their position is NaN or infinite (a damaged content
    #: stream's numbers, or products of numbers too big for a float)
    dropped: int = 0


def page_objects(page: Any, cfg: ReadingSettings = DEFAULTS.reading) -> PageObjects:
    """Characters, rules, fills and images of a pdfplumber page, from its layout (`cfg`
    says which segments are ruling lines)."""
    out = PageObjects()
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])

    def box(obj: Any) -> Box:
        return Box(
            obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top
        )

    for obj in _walk(page.layout):
        if not _finite(obj):
            out.dropped += 1
            continue
        if isinstance(obj, LTChar):
            b = box(obj)
            out.chars.append(
                {
                    "text": obj.get_text(),
                    "x0": b.x0,
                    "x1": b.x1,
                    "top": b.top,
                    "bottom": b.bottom,
                    "doctop": b.top,
                    "upright": obj.upright,
                    "fontname": _fontname(obj.fontname),
                    "size": obj.size,
                    "matrix": obj.matrix,
                }
            )
        elif isinstance(obj, LTLine):
            _stroke(out, box(obj), obj, cfg)
        elif isinstance(obj, LTRect):
            _rect(out, box(obj), obj, cfg)
        elif isinstance(obj, LTCurve):
            _curve(out, obj, (height, mb_x0, mb_top), cfg)
        elif isinstance(obj, LTImage):
            out.images.append(box(obj))
    return out


def _walk(container: Any) -> Iterator[Any]:
    for obj in container:
        if isinstance(obj, LTContainer) and not isinstance(obj, LTChar):
            yield from _walk(obj)
        else:
            yield obj


def _finite(obj: Any) -> bool:
    points = getattr(obj, "pts", ())
    return all(math.isfinite(v) for v in (obj.x0, obj.y0, obj.x1, obj.y1)) and all(
        math.isfinite(x) and math.isfinite(y) for x, y in points
    )


def _fontname(name: Any) -> str:
    if isinstance(name, bytes):
        return name.decode("latin-1", "replace")
    return str(name)


def segment(
    x0: float, top: float, x1: float, bottom: float, cfg: ReadingSettings = DEFAULTS.reading
) -> Box | None:
    """A ruling line for an axis-aligned segment long and thin enough to be one."""
    x0, x1 = sorted((x0, x1))
    top, bottom = sorted((top, bottom))
    width, height = x1 - x0, bottom - top
    if width >= cfg.rule_min_length and height <= cfg.rule_max_thickness:
        y = (top + bottom) / 2
        return Box(x0, y, x1, y)
    if height >= cfg.rule_min_length and width <= cfg.rule_max_thickness:
        x = (x0 + x1) / 2
        return Box(x, top, x, bottom)
    return None


def _visible(colour: Any) -> bool:
    return not is_near_white(to_rgb(colour))


def _stroke(out: PageObjects, b: Box, obj: Any, cfg: ReadingSettings) -> None:
    if getattr(obj, "stroke", True) and _visible(obj.stroking_color):
        rule = segment(b.x0, b.top, b.x1, b.bottom, cfg)
        if rule:
            out.rules.append(rule)


def _rect(out: PageObjects, b: Box, obj: Any, cfg: ReadingSettings) -> None:
    if obj.fill:
        rgb = to_rgb(obj.non_stroking_color)
        thin = segment(b.x0, b.top, b.x1, b.bottom, cfg)
        if thin is not None:
            if not is_near_white(rgb):
                out.rules.append(thin)
        elif rgb is not None and not is_near_white(rgb):
            out.fills.append((b, rgb))
    if obj.stroke and _visible(obj.stroking_color):
        for edge in (
            (b.x0, b.top, b.x1, b.top),
            (b.x0, b.bottom, b.x1, b.bottom),
            (b.x0, b.top, b.x0, b.bottom),
            (b.x1, b.top, b.x1, b.bottom),
        ):
            rule = segment(*edge, cfg)
            if rule:
                out.rules.append(rule)


def _curve(
    out: PageObjects, obj: Any, frame: tuple[float, float, float], cfg: ReadingSettings
) -> None:
    """Paths of straight segments (pdfminer calls them curves) are often cell borders."""
    height, mb_x0, mb_top = frame
    points = [(x + mb_x0, height - y + mb_top) for x, y in obj.pts]
    if len(points) < 2:
        return
    if obj.stroke and _visible(obj.stroking_color):
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            rule = segment(ax, ay, bx, by, cfg)
            if rule:
                out.rules.append(rule)
    xs = {round(x, 1) for x, _ in points}
    ys = {round(y, 1) for _, y in points}
    if obj.fill and len(xs) == 2 and len(ys) == 2:
        b = Box(min(xs), min(ys), max(xs), max(ys))
        rgb = to_rgb(obj.non_stroking_color)
        thin = segment(b.x0, b.top, b.x1, b.bottom, cfg)
        if thin is not None and not is_near_white(rgb):
            out.rules.append(thin)
        elif thin is None and rgb is not None and not is_near_white(rgb):
            out.fills.append((b, rgb))
