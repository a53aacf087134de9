"""Pictures of each record's row, cut from the PDF with PDFium, as data: URIs the report can
embed. A row printed across a page break gives one picture of its parts, stacked."""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from ..models import Action

#: rendering scale (1 = 72 dpi): 1.5 keeps 7pt text legible at a modest size
CROP_SCALE = 1.5
#: points of page kept around a row's box
MARGIN = 3.0
#: rows taller than this many points are cut (a row may fill a page)
MAX_HEIGHT = 400.0


def row_crops(pdf: Path, actions: Sequence[Action], *, password: str | None = None) -> list[str]:
    """A PNG data: URI of each action's row (parts on several pages stacked), in order.
    Each page is rendered once, and released before the next."""
    wanted: dict[int, list[tuple[int, tuple[float, float, float, float]]]] = defaultdict(list)
    for index, action in enumerate(actions):
        for box in action.provenance.boxes:
            wanted[box.page].append((index, box.bbox))
    parts: dict[int, list[Image.Image]] = defaultdict(list)
    document = pdfium.PdfDocument(pdf, password=password)
    try:
        for number in sorted(wanted):
            if number > len(document):
                continue
            page = document[number - 1]
            picture = page.render(scale=CROP_SCALE).to_pil().convert("RGB")
            page.close()
            for index, bbox in wanted[number]:
                parts[index].append(_cut(picture, bbox))
    finally:
        document.close()
    return [_data_uri(_stack(parts[i])) if parts[i] else "" for i in range(len(actions))]


def _cut(picture: Image.Image, bbox: tuple[float, float, float, float]) -> Image.Image:
    x0, top, x1, bottom = bbox
    bottom = min(bottom, top + MAX_HEIGHT)
    box = (
        max(0, round((x0 - MARGIN) * CROP_SCALE)),
        max(0, round((top - MARGIN) * CROP_SCALE)),
        min(picture.width, round((x1 + MARGIN) * CROP_SCALE)),
        min(picture.height, round((bottom + MARGIN) * CROP_SCALE)),
    )
    return picture.crop(box)


def _stack(parts: list[Image.Image]) -> Image.Image:
    if len(parts) == 1:
        return parts[0]
    width = max(p.width for p in parts)
    sheet = Image.new("RGB", (width, sum(p.height for p in parts)), "white")
    y = 0
    for part in parts:
        sheet.paste(part, (0, y))
        y += part.height
    return sheet


def _data_uri(picture: Image.Image) -> str:
    # a 64-colour palette keeps text and cell fills and makes the file a quarter the size
    small = picture.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
