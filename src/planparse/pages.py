"""Stage 1: PDF -> pages. Each page is read once into words, rules and filled regions.

Every later stage works on this page model only, never on the PDF, so a page read
from a text layer and a page read by OCR look the same downstream.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from .clipping import HiddenChars, hidden_chars
from .colour import RGB
from .damage import assess_page, check_streams, page_tree_problems
from .errors import EncryptedError, InputError
from .geometry import Box
from .logs import capture_logs
from .reading import page_objects
from .settings import DEFAULTS, ReadingSettings

logger = logging.getLogger(__name__)

#: bytes at the start of a file searched for the %PDF signature
PDF_HEADER_WINDOW = 1024


@dataclass(frozen=True, slots=True)
class Word:
    """One word as printed: its text, box and type style."""

    text: str
    box: Box
    size: float
    bold: bool = False
    #: False for text set sideways (a margin title printed up the page edge)
    upright: bool = True
    #: OCR confidence in [0, 100]; None for words from a text layer
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A visible straight ruling line, horizontal or vertical."""

    box: Box

    @property
    def horizontal(self) -> bool:
        return self.box.width >= self.box.height


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled (shaded) rectangle, such as a header band or a RAG-coloured cell."""

    box: Box
    rgb: RGB


@dataclass(frozen=True, slots=True)
class Page:
    """Everything later stages need from one page."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    fills: tuple[Fill, ...]
    #: areas covered by embedded images (to spot scanned pages)
    images: tuple[Box, ...] = ()
    ocr: bool = False
    #: share of the text layer drawn invisible (render mode 3): on a page image, the
    #: OCR layer of a searchable scan
    invisible_text: float = 0.0
    #: anything odd seen while reading the page, one line each ("page 3: ...")
    notes: tuple[str, ...] = field(default=())
    #: nothing on the page could be read (its content is damaged, empty or missing)
    unreadable: bool = False
    #: words in the text layer that a clipping path hides from the reader
    clipped: tuple[Word, ...] = ()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_pdf_file(path: Path) -> None:
    """Fail early, with a one-line reason, on inputs that cannot be a PDF."""
    if path.is_symlink() and not path.exists():
        raise InputError(f"{path}: broken symbolic link")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a PDF")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(PDF_HEADER_WINDOW)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError(f"{path}: empty file (0 bytes)")
    if b"%PDF-" not in head:
        kind = "HTML" if head.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")) else ""
        hint = f" (it looks like {kind})" if kind else ""
        raise InputError(f"{path}: not a PDF, no %PDF header{hint}")


@dataclass
class PdfFile:
    """An open PDF: pdfplumber for words and shapes, PDFium for what pdfminer cannot tell
    (clipped text; page images for OCR)."""

    path: Path
    plumber: pdfplumber.PDF
    pdfium: pdfium.PdfDocument | None
    #: problems of the page tree, as (page where it is, if known; one line)
    notes: tuple[tuple[int | None, str], ...] = ()

    @property
    def page_count(self) -> int:
        return len(self.plumber.pages)

    @property
    def metadata(self) -> dict[str, Any]:
        return dict(self.plumber.metadata or {})


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[PdfFile]:
    """Open a PDF, turning the many ways it can fail into planparse errors."""
    check_pdf_file(path)
    try:
        plumber = pdfplumber.open(path, password=password or "")
        _ = plumber.pages  # forces the page tree to be read, where damage shows
    except Exception as exc:  # pdfminer raises many kinds, some bare, some wrapped
        raise _open_error(path, password, exc) from exc
    document = None
    try:
        if not plumber.pages:
            raise InputError(f"{path}: the PDF has no pages")
        document = _open_pdfium(path, password)
        notes = page_tree_problems(plumber.doc.catalog, len(plumber.pages))
        yield PdfFile(path=path, plumber=plumber, pdfium=document, notes=tuple(notes))
    finally:
        plumber.close()
        if document is not None:
            document.close()


def _open_error(path: Path, password: str | None, exc: Exception) -> InputError:
    """The planparse error for a PDF pdfplumber cannot open, with its one-line reason."""
    causes = [exc, *(a for a in exc.args if isinstance(a, Exception))]
    if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes) or any(
        "password" in str(c).lower() or "encrypt" in str(c).lower() for c in causes
    ):
        if password:
            return EncryptedError(f"{path}: the password given does not open this PDF")
        return EncryptedError(f"{path}: encrypted PDF, give its password with --password")
    inner = next((c for c in causes[1:] if str(c)), exc)
    reason = f"{type(inner).__name__}: {inner}".rstrip(": ")
    return InputError(f"{path}: damaged PDF ({reason})")


def _open_pdfium(path: Path, password: str | None) -> pdfium.PdfDocument | None:
    try:
        return pdfium.PdfDocument(path, password=password or None)
    except pdfium.PdfiumError as exc:  # pdfminer read it; work without PDFium's extras
        logger.info("%s: PDFium cannot open this file (%s); clipped text not checked", path, exc)
        return None


def select_pages(count: int, wanted: Sequence[int] | None) -> list[int]:
    """1-based page numbers to read: all of them, or the wanted ones that exist."""
    if not wanted:
        return list(range(1, count + 1))
    return sorted({n for n in wanted if 1 <= n <= count})


def read_pages(
    pdf: PdfFile, numbers: Sequence[int], cfg: ReadingSettings = DEFAULTS.reading
) -> Iterator[Page]:
    """Yield the page model of each page number, releasing each page's caches as it goes.

    A page that cannot be read, or only in part, says so in its notes: a damaged
    content stream spoils one page, not the file."""
    for number in numbers:
        plumber_page = pdf.plumber.pages[number - 1]
        try:
            page = read_page(plumber_page, number, partial(_hidden, pdf, number, cfg), cfg)
        except MemoryError:
            raise  # a decompression bomb under a memory limit: the file is too large
        except RecursionError:
            page = _unread_page(plumber_page, number, "its objects are nested too deeply")
        except Exception as exc:
            page = _unread_page(plumber_page, number, f"{type(exc).__name__}: {exc}")
        finally:
            plumber_page.close()
        yield page


def _unread_page(plumber_page: Any, number: int, reason: str) -> Page:
    logger.debug("page %d could not be read: %s", number, reason)
    return Page(
        number=number,
        width=_finite_or(plumber_page.width, 612.0),
        height=_finite_or(plumber_page.height, 792.0),
        words=(),
        rules=(),
        fills=(),
        notes=(f"page {number}: could not be read ({_one_line(reason)})",),
        unreadable=True,
    )


def _finite_or(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hidden(pdf: PdfFile, number: int, cfg: ReadingSettings) -> HiddenChars:
    """The page's clipped-away characters, when PDFium can open the file."""
    if pdf.pdfium is None:
        return HiddenChars()
    try:
        pdfium_page = pdf.pdfium[number - 1]
    except (pdfium.PdfiumError, IndexError) as exc:  # PDFium sees a different page tree
        logger.debug("page %d: PDFium cannot load it (%s); clipped text not checked", number, exc)
        return HiddenChars()
    try:
        return hidden_chars(pdfium_page, cfg.clip_tolerance)
    finally:
        pdfium_page.close()


def read_page(
    page: Any,
    number: int,
    hidden: Callable[[], HiddenChars] | None = None,
    cfg: ReadingSettings = DEFAULTS.reading,
) -> Page:
    """Build the page model from one pdfplumber page, leaving out the characters
    `hidden()` names, with a note for each part of the page that could not be read.

    pdfminer reads the page first: a content stream too big to inflate fails there with
    MemoryError, before PDFium (which `hidden` asks) could abort on it."""
    with capture_logs() as log:
        streams = check_streams(page.page_obj)
        objects = page_objects(page, cfg)
    out_of_sight = hidden() if hidden else HiddenChars()
    chars = visible_chars(objects.chars, page.bbox, out_of_sight)
    clipped = [c for c in objects.chars if out_of_sight and c in out_of_sight]
    damage = assess_page(
        number,
        streams,
        chars=len(chars),
        dropped=objects.dropped,
        undecoded_chars=sum(1 for c in chars if c["text"].startswith("(cid:")),
        log=log,
    )
    return Page(
        number=number,
        width=float(page.width),
        height=float(page.height),
        words=tuple(_read_words(dedupe_chars(chars), cfg.word_gap_ratio)),
        rules=tuple(Rule(b) for b in objects.rules),
        fills=tuple(Fill(b, rgb) for b, rgb in objects.fills),
        images=tuple(objects.images),
        notes=damage.notes,
        unreadable=damage.unreadable,
        clipped=tuple(_read_words(dedupe_chars(clipped), cfg.word_gap_ratio)),
        invisible_text=out_of_sight.invisible_share,
    )


def visible_chars(
    chars: Sequence[dict[str, Any]], bbox: tuple[float, float, float, float], hidden: HiddenChars
) -> list[dict[str, Any]]:
    """Characters a reader can see: on the page, and not clipped away (spreadsheet exports
    draw a merged cell's text on every page it reaches, clipped to that page's part)."""
    x0, top, x1, bottom = bbox
    return [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
        and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        and c not in hidden
    ]


def dedupe_chars(chars: Sequence[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """Drop characters printed twice at (nearly) the same spot, as fake-bold text is.

    pdfplumber's own dedupe_chars is quadratic in the page's characters; this is linear:
    each character is compared only with those of the same text in neighbouring cells of
    a grid as fine as the tolerance."""
    kept: list[dict[str, Any]] = []
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    for char in chars:
        text, x, y = char["text"], char["x0"], char["top"]
        gx, gy = int(x // tolerance), int(y // tolerance)
        if _near_seen(seen, text, gx, gy, x, y, tolerance):
            continue
        seen.setdefault((text, gx, gy), []).append((x, y))
        kept.append(char)
    return kept


def _near_seen(
    seen: dict[tuple[str, int, int], list[tuple[float, float]]],
    text: str,
    gx: int,
    gy: int,
    x: float,
    y: float,
    tolerance: float,
) -> bool:
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for ox, oy in seen.get((text, gx + dx, gy + dy), ()):
                if abs(ox - x) <= tolerance and abs(oy - y) <= tolerance:
                    return True
    return False


def _read_words(chars: Sequence[dict[str, Any]], gap_ratio: float) -> Iterator[Word]:
    # Words are not split where the type size changes: small capitals print a word's
    # first letter larger ("AXES" as "A" + "XES").
    words = pdfplumber.utils.text.extract_words(
        list(chars),
        x_tolerance=1.5,
        x_tolerance_ratio=gap_ratio,
        y_tolerance=3,
        keep_blank_chars=False,
        use_text_flow=False,
        return_chars=True,
    )
    for w in words:
        text = w["text"].strip()
        if not text:
            continue
        glyphs = w["chars"]
        bold = sum(1 for c in glyphs if _is_bold(str(c.get("fontname", ""))))
        upright = sum(1 for c in glyphs if c.get("upright", True))
        yield Word(
            text=text,
            box=Box(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
            size=round(max(float(c.get("size", 0.0)) for c in glyphs), 2),
            bold=2 * bold > len(glyphs),
            upright=2 * upright >= len(glyphs),
        )


def _is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1].lower()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b")) or (
        name.endswith("-b") or name.endswith("bd")
    )
