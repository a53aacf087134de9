"""Text a reader cannot see because a clipping path hides it.

Spreadsheet exports (LibreOffice Calc, Excel) draw a merged cell's text on every page the
cell reaches, clipped to the part of the cell on that page, and clip text that overflows
its cell. pdfminer (and so pdfplumber) ignores clipping paths, so those hidden copies
would be read as words: a header becomes "Objective times of urgent need". PDFium knows
each text object's clipping path; this module lists the characters that fall outside it.
"""

from __future__ import annotations

import ctypes
import logging

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

logger = logging.getLogger(__name__)

#: character origins are compared after rounding to this many decimals
ORIGIN_DIGITS = 1

Origin = tuple[str, float, float]


def _clip_box(obj: ctypes.c_void_p) -> tuple[float, float, float, float] | None:
    """Bounding box (left, bottom, right, top) of an object's clipping path, if it has one."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    xs: list[float] = []
    ys: list[float] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        for j in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, i)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, i, j)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(
                segment, ctypes.byref(x), ctypes.byref(y)
            ):
                xs.append(x.value)
                ys.append(y.value)
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def _spills(
    bounds: tuple[float, float, float, float], clip: tuple[float, float, float, float], t: float
) -> bool:
    left, bottom, right, top = bounds
    c_left, c_bottom, c_right, c_top = clip
    return left < c_left - t or right > c_right + t or bottom < c_bottom - t or top > c_top + t


def hidden_chars(page: pdfium.PdfPage, tolerance: float = 1.0) -> HiddenChars:
    """(text, x, y) origins, relative to the media box, of the characters clipped out of
    sight: lying more than `tolerance` points outside their clip box; and the share of
    the page's text objects drawn invisible (text render mode 3: the OCR layer scanners
    lay over a page image). Rotated pages are not checked for clipping (their origins
    are not comparable)."""
    clips: dict[int, tuple[float, float, float, float]] = {}
    texts = invisible = 0
    left, bottom, right, top = (
        ctypes.c_float(),
        ctypes.c_float(),
        ctypes.c_float(),
        ctypes.c_float(),
    )
    rotated = page.get_rotation() % 360 != 0
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        texts += 1
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
        invisible += mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        box = None if rotated else _clip_box(obj)
        if box is None:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        if _spills((left.value, bottom.value, right.value, top.value), box, tolerance):
            clips[ctypes.cast(obj, ctypes.c_void_p).value or 0] = box
    share = invisible / texts if texts else 0.0
    if not clips:
        return HiddenChars(invisible_share=share)
    mb_left, mb_bottom, _, _ = page.get_mediabox()
    origins = _clipped_chars(page, clips, (mb_left, mb_bottom), tolerance)
    return HiddenChars(origins, invisible_share=share)


def _clipped_chars(
    page: pdfium.PdfPage,
    clips: dict[int, tuple[float, float, float, float]],
    offset: tuple[float, float],
    t: float,
) -> set[Origin]:
    textpage = page.get_textpage()
    hidden: set[Origin] = set()
    x, y = ctypes.c_double(), ctypes.c_double()
    try:
        for i in range(pdfium_c.FPDFText_CountChars(textpage.raw)):
            obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, i)
            box = clips.get(ctypes.cast(obj, ctypes.c_void_p).value or 0) if obj else None
            if box is None:
                continue
            if not pdfium_c.FPDFText_GetCharOrigin(
                textpage.raw, i, ctypes.byref(x), ctypes.byref(y)
            ):
                continue
            c_left, c_bottom, c_right, c_top = box
            inside = c_left - t <= x.value <= c_right + t and c_bottom - t <= y.value <= c_top + t
            if not inside:
                char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
                hidden.add(
                    (
                        char,
                        round(x.value - offset[0], ORIGIN_DIGITS),
                        round(y.value - offset[1], ORIGIN_DIGITS),
                    )
                )
    finally:
        textpage.close()
    return hidden


class HiddenChars:
    """The clipped-away characters of a page, matched to pdfplumber chars by text and
    origin (the text matrix's translation, which PDFium and pdfminer agree on to within
    a tenth of a point)."""

    def __init__(self, origins: set[Origin] | None = None, invisible_share: float = 0.0) -> None:
        #: the share of the page's text objects drawn invisible (render mode 3)
        self.invisible_share = invisible_share
        self.keys = {(text, round(x * 10), round(y * 10)) for text, x, y in origins or ()}
        self.texts = {text for text, _, _ in self.keys}

    def __bool__(self) -> bool:
        return bool(self.keys)

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, dict) or char.get("text") not in self.texts:
            return False
        matrix = char.get("matrix")
        if not isinstance(matrix, tuple) or len(matrix) != 6:
            return False
        text, x, y = char["text"], round(matrix[4] * 10), round(matrix[5] * 10)
        keys = self.keys
        return (text, x, y) in keys or any(
            (text, x + dx, y + dy) in keys for dx in (-1, 0, 1) for dy in (-1, 0, 1)
        )
