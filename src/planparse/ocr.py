"""Stage 1 for scanned pages: a page image -> the same page model a text layer gives.

A page with no usable text layer is rendered (PDFium), straightened, read by Tesseract
(words with boxes and confidences) and searched for ruling lines and shaded cells with
OpenCV, the way camelot's lattice mode finds lines in an image. Everything is converted
to PDF points, so every later stage and repair runs unchanged on it.
"""

from __future__ import annotations

import glob
import logging
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING, Literal

import numpy as np

from .colour import RGB
from .errors import PlanparseError
from .geometry import Box
from .pages import Fill, Page, Rule, Word
from .settings import DEFAULTS, OcrSettings

if TYPE_CHECKING:
    from tesserocr import PyTessBaseAPI as TessApi

logger = logging.getLogger(__name__)

OcrMode = Literal["auto", "always", "never"]


class OcrUnavailable(PlanparseError):
    """A page needs OCR, but Tesseract or its language data cannot be found."""

    kind = "ocr_unavailable"


def tessdata_path() -> str:
    """Where Tesseract's language data is: $TESSDATA_PREFIX or the usual system places."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    candidates += sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True)
    candidates += [
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
        "/opt/homebrew/share/tessdata",
    ]
    for path in candidates:
        if path and os.path.exists(os.path.join(path, "eng.traineddata")):
            return path.rstrip("/") + "/"
    raise OcrUnavailable(
        "this PDF has scanned pages, but Tesseract's English data (eng.traineddata) was not "
        "found: install tesseract-ocr (apt-get install tesseract-ocr) or set TESSDATA_PREFIX"
    )


def needs_ocr(page: Page, mode: OcrMode, cfg: OcrSettings = DEFAULTS.ocr) -> bool:
    """Whether a page read from its text layer should be read by OCR instead: a scan
    (few words, images covering much of it), or a searchable scan (the same picture
    under an invisible text layer, whose table rules exist only in the picture)."""
    if mode == "never":
        return False
    if mode == "always":
        return True
    if len(page.words) >= cfg.scan_max_words and not is_searchable_scan(page, cfg):
        return False
    return image_share(page) >= cfg.scan_min_image_share


def is_searchable_scan(page: Page, cfg: OcrSettings = DEFAULTS.ocr) -> bool:
    """A page image with an OCR text layer laid over it (render mode 3, invisible), as
    scanners and ocrmypdf make them."""
    return (
        page.invisible_text >= cfg.searchable_invisible_share
        and image_share(page) >= cfg.scan_min_image_share
    )


def image_share(page: Page) -> float:
    """The share of the page that embedded images cover."""
    page_area = page.width * page.height or 1.0
    return sum(min(img.area, page_area) for img in page.images) / page_area


@dataclass(frozen=True)
class Raster:
    """A page image and how its pixels map to PDF points."""

    rgb: np.ndarray  # H x W x 3, uint8
    scale: float  # points per pixel

    @property
    def gray(self) -> np.ndarray:
        import cv2

        return cv2.cvtColor(self.rgb, cv2.COLOR_RGB2GRAY)


def render(
    pdf_path: str, number: int, dpi: int = DEFAULTS.ocr.dpi, password: str | None = None
) -> Raster:
    """Render one page (1-based) to RGB pixels with PDFium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_path, password=password or None)
    try:
        page = document[number - 1]
        try:
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            rgb = np.asarray(image, dtype=np.uint8)
        finally:
            page.close()
    finally:
        document.close()
    return Raster(rgb=rgb, scale=72 / dpi)


def ocr_page(
    pdf_path: str,
    number: int,
    width: float,
    height: float,
    *,
    cfg: OcrSettings = DEFAULTS.ocr,
    password: str | None = None,
) -> Page:
    """The page model of a scanned page, read from its image; small print (words under
    `min_word_height` pixels high at `dpi`) is read again from a finer rendering, where
    its words are `target_word_height` pixels high (at most `max_dpi`): Tesseract
    misreads letters only a dozen pixels high."""
    page = _ocr_page_at(pdf_path, number, width, height, cfg.dpi, cfg, password)
    if not page.words:
        return page
    typical = median(w.box.height for w in page.words) * cfg.dpi / 72
    if typical >= cfg.min_word_height:
        return page
    finer = min(cfg.max_dpi, round(cfg.dpi * cfg.target_word_height / typical))
    return _ocr_page_at(pdf_path, number, width, height, finer, cfg, password)


def _ocr_page_at(
    pdf_path: str,
    number: int,
    width: float,
    height: float,
    dpi: int,
    cfg: OcrSettings,
    password: str | None,
) -> Page:
    raster = straighten(render(pdf_path, number, dpi, password), cfg.min_skew)
    rules, line_ink = find_rules(raster, cfg.line_share, cfg.rule_contrast)
    fills = find_fills(raster, line_ink, cfg)
    words = [
        w
        for w in read_words(raster, line_ink, cfg, shaded=[f.box for f in fills])
        if not _is_rule_glyph(w, rules)
    ]
    return Page(
        number=number,
        width=width,
        height=height,
        words=tuple(words),
        rules=tuple(rules),
        fills=tuple(fills),
        ocr=True,
    )


# ----------------------------------------------------------------------------- skew


def skew_angle(gray: np.ndarray) -> float:
    """The page's tilt in degrees, from its long horizontal lines (table rules, underlines)
    or, where it has none, from its lines of text."""
    import cv2

    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    width = ink.shape[1]
    lines = cv2.HoughLinesP(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(8, width // 60)), np.uint8)),
        rho=1,
        theta=np.pi / 720,
        threshold=width // 8,
        minLineLength=width // 6,
        maxLineGap=6,
    )
    angles = []
    for x1, y1, x2, y2 in lines.reshape(-1, 4) if lines is not None else []:
        angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
        if abs(angle) < 5:
            angles.append(angle)
    if angles:
        return float(median(angles))
    return _text_skew(ink)


def _text_skew(ink: np.ndarray) -> float:
    """Tilt from text: the angle whose row profile of smeared words is sharpest."""
    import cv2

    smeared = cv2.dilate(ink, np.ones((1, 25), np.uint8))
    small = cv2.resize(smeared, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    centre = (small.shape[1] / 2, small.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for tenth in range(-20, 21):
        angle = tenth / 10
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, matrix, (small.shape[1], small.shape[0]))
        score = float(np.var(turned.sum(axis=1)))
        if score > best_score:
            best, best_score = angle, score
    return best


def straighten(raster: Raster, min_skew: float = DEFAULTS.ocr.min_skew) -> Raster:
    """The raster rotated so that its rules and lines of text run level (unless it is
    off by less than `min_skew` degrees)."""
    import cv2

    angle = skew_angle(raster.gray)
    if abs(angle) < min_skew:
        return raster
    h, w = raster.rgb.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(
        raster.rgb, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )
    return Raster(rgb=turned, scale=raster.scale)


# ----------------------------------------------------------------------------- words


def read_words(
    raster: Raster,
    erase: np.ndarray | None = None,
    cfg: OcrSettings = DEFAULTS.ocr,
    shaded: Sequence[Box] = (),
) -> list[Word]:
    """Tesseract's words, with boxes in points, a type size and a bold guess from ink.
    The pixels of `erase` (ruling lines) are whitened first: lines touching letters
    make Tesseract misread them ("1.1" as "gE"); the `shaded` regions (points) are
    made black on white (`_binarise_shaded`)."""
    from PIL import Image
    from tesserocr import PSM, PyTessBaseAPI

    gray = raster.gray
    if erase is not None:
        gray = gray.copy()
        gray[erase > 0] = 255
    if shaded:
        gray = _binarise_shaded(gray, shaded, raster.scale)
    with PyTessBaseAPI(path=tessdata_path(), lang="eng", psm=PSM.AUTO) as api:
        api.SetImage(Image.fromarray(gray))
        found = _recognise(api)
        found = _reread_doubtful_words(api, found, gray.shape, cfg)
        found += _read_missed_lines(api, gray, found, cfg)
    ink = gray < 128
    densities = [_ink_share(ink, box) for _, box, _, _ in found]
    typical = median(densities) if densities else 0.0
    s = raster.scale
    return [
        Word(
            text=text,
            box=Box(x0 * s, y0 * s, x1 * s, y1 * s),
            size=round(line_height * s * cfg.line_to_size, 1),
            bold=typical > 0 and density > cfg.bold_ink_ratio * typical,
            confidence=round(confidence, 1),
        )
        for (text, (x0, y0, x1, y1), confidence, line_height), density in zip(
            found, densities, strict=True
        )
    ]


def _binarise_shaded(gray: np.ndarray, shaded: Sequence[Box], scale: float) -> np.ndarray:
    """Text on shaded cells (a grey header band, a RAG-coloured status cell): Tesseract
    binarises the page with one threshold (Otsu), and a shade darker than it turns the
    whole cell black, text and all ("Goal Description" on grey is lost). Such a region
    is thresholded on its own and made black on white, its more common side taken for
    the paper, so light text on a dark fill is read too. Lighter shades are left as
    they are: Tesseract reads them well, and their letters keep their soft edges."""
    import cv2

    page_threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    gray = gray.copy()
    for box in shaded:
        x0, y0 = int(box.x0 / scale), int(box.top / scale)
        x1, y1 = math.ceil(box.x1 / scale), math.ceil(box.bottom / scale)
        region = gray[y0:y1, x0:x1]
        if region.size == 0:
            continue
        _, light = cv2.threshold(region, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        paper_is_light = (light > 0).mean() >= 0.5
        paper = np.median(region[(light > 0) == paper_is_light])
        if paper > page_threshold:
            continue
        gray[y0:y1, x0:x1] = light if paper_is_light else 255 - light
    return gray


#: a word Tesseract read: text, pixel box, confidence, the height of its text line
_Found = tuple[str, tuple[int, int, int, int], float, float]


def _recognise(api: TessApi) -> list[_Found]:
    """Every word Tesseract reads in the image (or the rectangle) set on `api`."""
    from tesserocr import RIL, iterate_level

    api.Recognize()
    found: list[_Found] = []
    for word in iterate_level(api.GetIterator(), RIL.WORD):
        try:
            text = (word.GetUTF8Text(RIL.WORD) or "").strip()
        except RuntimeError:  # tesserocr's way of saying the page holds no text
            break
        box = word.BoundingBox(RIL.WORD)
        line = word.BoundingBox(RIL.TEXTLINE)
        if not text or box is None:
            continue
        line_height = (line[3] - line[1]) if line else (box[3] - box[1])
        found.append((text, box, float(word.Confidence(RIL.WORD)), float(line_height)))
    return found


def _reread_doubtful_words(
    api: TessApi, found: list[_Found], shape: tuple[int, ...], cfg: OcrSettings
) -> list[_Found]:
    """Numbered lists in table cells: Tesseract's layout analysis takes the column of
    list numbers ("1." over "2." over "3.") as a block of its own and misreads it, as one
    tall word spanning several lines ("yawn"), whose box then joins the lines of the cell
    into one, or as low-confidence noise ("WO)", "(ST)"). A word more than
    `tall_word_lines` typical words high, or read with a confidence under
    `low_confidence`, is read again alone, as a block of text lines; the re-reading
    replaces it when its words are of ordinary height and, for a word that was not
    tall, every one of them is read with confidence."""
    typical = median(box[3] - box[1] for _, box, _, _ in found) if found else 0
    limit = cfg.tall_word_lines * typical

    def doubtful(word: _Found) -> bool:
        return word[1][3] - word[1][1] > limit or word[2] < cfg.low_confidence

    if not any(doubtful(word) for word in found):
        return found
    replaced: list[_Found] = []
    for word in found:
        if not doubtful(word):
            replaced.append(word)
            continue
        # the padding may catch the edge of a neighbouring line: keep what the word held
        again = _read_region(api, word[1], int(typical / 2), shape)
        tall = word[1][3] - word[1][1] > limit
        ordinary = bool(again) and all(box[3] - box[1] <= limit for _, box, _, _ in again)
        sure = bool(again) and min(c for _, _, c, _ in again) >= cfg.low_confidence
        replaced.extend(again if ordinary and (sure or tall) else [word])
    return replaced


def _read_missed_lines(
    api: TessApi, gray: np.ndarray, found: list[_Found], cfg: OcrSettings
) -> list[_Found]:
    """Labels alone in a narrow column ("Method", "Work outstanding" in a card's label
    cell, centred beside a tall value): Tesseract's page layout analysis can pass over
    a short text line standing apart, and its words would be lost without a word. Ink
    shaped like a line of text (its letters smeared together: one to two typical word
    heights tall, at least one wide) that no word read covers is read again alone, and
    the words read there with confidence are added."""
    import cv2

    if not found:
        return []
    height = median(box[3] - box[1] for _, box, _, _ in found)
    ink = (gray < 128).astype(np.uint8)
    smear = max(3, int(height * 0.6))
    blobs = cv2.dilate(ink, np.ones((1, smear), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    read = np.zeros(gray.shape, dtype=bool)
    for _, (x0, y0, x1, y1), _, _ in found:
        read[y0:y1, x0:x1] = True
    pad = max(2, int(height / 2))
    added: list[_Found] = []
    for x, y, w, h, _ in stats[1:count]:
        if (
            not (0.6 * height <= h <= 2 * height and w >= height)
            or read[y : y + h, x : x + w].any()
        ):
            continue
        region = (int(x), int(y), int(x + w), int(y + h))
        added += [
            word
            for word in _read_region(api, region, pad, gray.shape)
            if word[2] >= cfg.low_confidence
        ]
    return added


def _read_region(
    api: TessApi, box: tuple[int, int, int, int], pad: int, shape: tuple[int, ...]
) -> list[_Found]:
    """The words Tesseract reads in `box` (pixels) and `pad` pixels round it, read alone
    as a block of text lines; only those whose centre lies in `box` are kept."""
    from tesserocr import PSM

    x0, y0, x1, y1 = box
    left, top = max(0, x0 - pad), max(0, y0 - pad)
    right, bottom = min(shape[1], x1 + pad), min(shape[0], y1 + pad)
    api.SetPageSegMode(PSM.SINGLE_BLOCK)
    api.SetRectangle(left, top, right - left, bottom - top)
    return [word for word in _recognise(api) if _centre_inside(word[1], box)]


def _centre_inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


_LINE_GLYPHS = set("|Il1[]_—–-!/\\")


def _is_rule_glyph(word: Word, rules: list[Rule]) -> bool:
    """OCR reads a ruling line crossing text as "|", "I", "_" or "—": drop such words."""
    if len(word.text) > 2 or not set(word.text) <= _LINE_GLYPHS:
        return False
    for rule in rules:
        b = rule.box
        if rule.horizontal:
            if b.x0 - 2 <= word.box.cx <= b.x1 + 2 and abs(b.cy - word.box.cy) <= word.box.height:
                return True
        elif b.top - 2 <= word.box.cy <= b.bottom + 2 and abs(b.cx - word.box.cx) <= word.box.width:
            return True
    return False


def _ink_share(ink: np.ndarray, box: tuple[int, int, int, int]) -> float:
    x0, y0, x1, y1 = box
    region = ink[y0:y1, x0:x1]
    return float(region.mean()) if region.size else 0.0


# ----------------------------------------------------------------------------- rules


def find_rules(
    raster: Raster,
    line_share: float = DEFAULTS.ocr.line_share,
    contrast: int = DEFAULTS.ocr.rule_contrast,
) -> tuple[list[Rule], np.ndarray]:
    """Ruling lines: long thin runs of ink (pixels `contrast` grey levels darker than
    their surroundings, at least `line_share` of the page across) kept by a
    morphological opening, as camelot's lattice mode finds them; and the mask of their
    pixels."""
    import cv2

    gray = raster.gray
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, contrast
    )
    inside, bands = _dark_bands(gray, raster.scale)
    ink[inside] = 0
    h, w = ink.shape
    s = raster.scale
    rules: list[Rule] = []
    lines = np.zeros_like(ink)
    for horizontal in (True, False):
        length = max(8, int((w if horizontal else h) * line_share))
        kernel = np.ones((1, length) if horizontal else (length, 1), np.uint8)
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
        lines = np.bitwise_or(lines, mask)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, cw, ch = cv2.boundingRect(contour)
            if horizontal and cw >= length and ch <= 12:
                mid = (y + ch / 2) * s
                rules.append(Rule(Box(x * s, mid, (x + cw) * s, mid)))
            elif not horizontal and ch >= length and cw <= 12:
                mid = (x + cw / 2) * s
                rules.append(Rule(Box(mid, y * s, mid, (y + ch) * s)))
    for x, y, bw, bh in bands:  # a band's top and bottom edges border its cell
        if bw >= max(w * line_share, 4 * bh):
            rules += [Rule(Box(x * s, e * s, (x + bw) * s, e * s)) for e in (y, y + bh)]
    return rules, lines


def _dark_bands(
    gray: np.ndarray, scale: float
) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Solid dark areas (a dark title band with light text on it): the mask of their
    inside, and their boxes (pixels). Inside them the local threshold reads the band
    between the letters as ink and finds "rules" along the lines of text, which cut the
    letters and split the band: that ink is dropped, and the band's own edges are given
    as rules instead. An area is solid when, closed over its light letters, it is
    thicker than 3 points and mostly dark (black text closed over is mostly paper)."""
    import cv2

    _, dark = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    solid = max(3, int(3 / scale))
    kernel = np.ones((solid, solid), np.uint8)
    closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, kernel)
    blocks = cv2.morphologyEx(closed, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(blocks)
    inside = np.zeros(gray.shape, dtype=bool)
    bands = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        component = labels[y : y + h, x : x + w] == label
        if (dark[y : y + h, x : x + w][component] > 0).mean() < 0.6:
            continue  # words closed into a blob: mostly paper between their strokes
        inside[y : y + h, x : x + w] |= component
        bands.append((int(x), int(y), int(w), int(h)))
    return cv2.erode(inside.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0, bands


# ----------------------------------------------------------------------------- fills


def find_fills(
    raster: Raster, lines: np.ndarray | None = None, cfg: OcrSettings = DEFAULTS.ocr
) -> list[Fill]:
    """Shaded regions (header bands, RAG-coloured cells): areas neither paper-white nor
    ink-dark, closed over the text printed on them but cut at ruling lines (so stacked
    cells stay apart), kept when nearly rectangular."""
    import cv2

    rgb = raster.rgb
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    saturation, value = hsv[:, :, 1], hsv[:, :, 2]
    tinted = ((saturation > 25) | (value < 243)) & (value > 90)
    mask: np.ndarray = tinted.astype(np.uint8) * 255
    text_gap = max(3, int(3 / raster.scale))  # close over letters about 3 pt high
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((text_gap, text_gap), np.uint8))
    mask[_white_gutters(value, saturation, raster.scale)] = 0
    if lines is not None:
        mask[lines > 0] = 0
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    s = raster.scale
    fills: list[Fill] = []
    for contour in contours:
        x, y, cw, ch = cv2.boundingRect(contour)
        if cw * s < cfg.min_fill_width or ch * s < cfg.min_fill_height:
            continue
        if cv2.contourArea(contour) < 0.85 * cw * ch:
            continue  # not a rectangle: a logo, a photo, a stain
        inside = tinted[y : y + ch, x : x + cw]
        if inside.mean() < cfg.min_tint_share:
            continue  # mostly paper or ink: a word's anti-aliased edges, not a shaded cell
        region = rgb[y : y + ch, x : x + cw][inside]
        colour: RGB = tuple(float(c) / 255 for c in np.median(region, axis=0))  # type: ignore[assignment]
        fills.append(Fill(Box(x * s, y * s, (x + cw) * s, (y + ch) * s), colour))
    return fills


def _white_gutters(value: np.ndarray, saturation: np.ndarray, scale: float) -> np.ndarray:
    """Shaded cells set apart by thin white gaps instead of rules (a grid of grey cells
    on white paper): closing over the letters bridges the gaps, so the paper of every
    straight white run at least 20 points long is cut out again. Inside a shaded cell
    the paper never shows, so no cell is cut by it."""
    import cv2

    paper = ((value >= 243) & (saturation <= 25)).astype(np.uint8)
    run = max(8, int(20 / scale))
    across = cv2.morphologyEx(paper, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    down = cv2.morphologyEx(paper, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    return (across > 0) | (down > 0)


def ocr_pages(
    pdf_path: str,
    pages: list[Page],
    *,
    password: str | None = None,
    jobs: int = 1,
    cfg: OcrSettings = DEFAULTS.ocr,
) -> list[Page]:
    """OCR the given pages (their text-layer models give number and size), in parallel
    worker processes when `jobs` > 1. The result does not depend on `jobs`."""
    if not pages:
        return []
    tessdata_path()  # fail early, once, with a clear message
    args = [(pdf_path, p.number, p.width, p.height, cfg, password) for p in pages]
    if jobs <= 1 or len(pages) == 1:
        return [_ocr_job(a) for a in args]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # "spawn": a forked child inherits OpenCV's and Tesseract's thread state and can hang
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("spawn"), initializer=_single_threaded
    ) as pool:
        return list(pool.map(_ocr_job, args))


def _ocr_job(args: tuple[str, int, float, float, OcrSettings, str | None]) -> Page:
    pdf_path, number, width, height, cfg, password = args
    return ocr_page(pdf_path, number, width, height, cfg=cfg, password=password)


def _single_threaded() -> None:
    """Worker processes share the cores: Tesseract and OpenCV use one thread each."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import cv2

    cv2.setNumThreads(1)
