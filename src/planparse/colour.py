"""Colours: PDF colour values to RGB, and RGB to a red/amber/green rating.

PDF fills arrive as gray, RGB or CMYK tuples (or pattern names, which carry no colour we
can use). RAG cells use many palettes (Office's FF0000/FFC000/00B050, Excel's pale
conditional-format fills, darker or softer variants), so the rating is read from hue,
with floors on saturation and brightness to keep grey header bands and white cells out.
"""

from __future__ import annotations

import colorsys
from typing import Any, Literal

from .settings import DEFAULTS, ColourSettings

RGB = tuple[float, float, float]
Rag = Literal["red", "amber", "green"]

#: hue bands in degrees; anything outside them (blues, purples) is no rating
RAG_HUES: tuple[tuple[float, float, Rag], ...] = (
    (0.0, 18.0, "red"),
    (18.0, 68.0, "amber"),
    (68.0, 175.0, "green"),
    (330.0, 360.0, "red"),
)


def to_rgb(colour: Any) -> RGB | None:
    """Gray, RGB or CMYK colour components (0-1) as RGB; None for patterns and junk."""
    if colour is None:
        return None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)):
        return None
    try:
        parts = [float(c) for c in colour]
    except (TypeError, ValueError):
        return None
    if any(not 0.0 <= c <= 1.0 for c in parts):
        # some producers write 0-255 components
        if all(0.0 <= c <= 255.0 for c in parts):
            parts = [c / 255.0 for c in parts]
        else:
            return None
    if len(parts) == 1:
        return (parts[0], parts[0], parts[0])
    if len(parts) == 3:
        return (parts[0], parts[1], parts[2])
    if len(parts) == 4:
        c, m, y, k = parts
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def is_near_white(rgb: RGB | None, cfg: ColourSettings = DEFAULTS.colours) -> bool:
    return rgb is not None and min(rgb) >= cfg.near_white


def rag_from_rgb(rgb: RGB | None, cfg: ColourSettings = DEFAULTS.colours) -> Rag | None:
    """Classify a fill colour as red, amber or green; None when it is none of them."""
    if rgb is None:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(*rgb)
    if saturation < cfg.rag_min_saturation or value < cfg.rag_min_value:
        return None
    degrees = hue * 360.0
    for low, high, rating in RAG_HUES:
        if low <= degrees < high:
            return rating
    return None


#: blue, BRAG's colour for complete: hue band in degrees, and floors like the RAG ones
BRAG_BLUE_HUES = (190.0, 250.0)
BRAG_MIN_SATURATION = 0.3


def is_brag_blue(rgb: RGB | None, cfg: ColourSettings = DEFAULTS.colours) -> bool:
    """A clearly blue fill: "complete" in plans rated Blue/Red/Amber/Green."""
    if rgb is None:
        return False
    hue, saturation, value = colorsys.rgb_to_hsv(*rgb)
    low, high = BRAG_BLUE_HUES
    return (
        saturation >= BRAG_MIN_SATURATION and value >= cfg.rag_min_value and low <= hue * 360 < high
    )
