"""`planparse inspect`: a page image with what planparse saw drawn on it.

Blue: the cells of every table found on the page (labelled with the strategy that found
it). Shaded bands: the rows that became records, each labelled with the record's id (or
its number in the plan) and a star where a repair changed it. So an analyst can see at a
glance why a value is what it is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import NoActionTableError, PagesNotFound, PlanparseError
from .extract import plan_of, read_pdf
from .ocr import OcrMode

#: pixels per inch of the drawn page
RESOLUTION = 110
CELL_COLOUR = (31, 119, 180)
ROW_COLOURS = ((255, 170, 0, 60), (44, 160, 44, 60))


class PageNotFound(PlanparseError):
    """The page asked for is not in the PDF."""

    kind = "usage"


def draw_page(
    path: str | os.PathLike[str],
    number: int,
    *,
    password: str | None = None,
    ocr: OcrMode = "auto",
) -> Any:
    """The annotated page as a PIL image. The page is read (and OCR'd) once: its tables
    and its records come from the same reading."""
    import pdfplumber
    from PIL import ImageDraw

    path = Path(path)
    try:
        read = read_pdf(path, pages=[number], password=password, ocr=ocr)
    except PagesNotFound as exc:
        raise PageNotFound(
            f"{path} has {exc.page_count} page(s); there is no page {number}"
        ) from None
    (layout,) = read.layouts
    try:  # the page's own records (read alone, so ids and themes may differ slightly)
        actions = plan_of(read).actions
    except NoActionTableError:
        actions = []  # still worth seeing: what was found, and why it is no action table
    with pdfplumber.open(path, password=password or "") as pdf:
        image = pdf.pages[number - 1].to_image(resolution=RESOLUTION)
        scale = image.scale
        for table in layout.tables:
            for cell in table.cells:
                image.draw_rect(
                    cell.box.rounded(), stroke=CELL_COLOUR, fill=(0, 0, 0, 0), stroke_width=1
                )
        picture = image.annotated.convert("RGB")  # RGBA drawing on RGB blends
    shade = ImageDraw.Draw(picture, "RGBA")
    for index, action in enumerate(actions, start=1):
        for box in action.provenance.boxes:
            if box.page != number:
                continue
            x0, top, x1, bottom = (v * scale for v in box.bbox)
            shade.rectangle((x0, top, x1, bottom), fill=ROW_COLOURS[index % 2])
            label = (action.id or f"#{index}") + ("*" if action.provenance.repairs else "")
            shade.rectangle((x0, top, x0 + 7 * len(label) + 6, top + 13), fill=(0, 0, 0, 170))
            shade.text((x0 + 3, top + 1), label, fill=(255, 255, 255, 255))
    for table in layout.tables:
        x0, top = table.box.x0 * scale, table.box.top * scale
        shade.text((x0, max(0, top - 12)), table.strategy, fill=(*CELL_COLOUR, 255))
    return picture
