"""Words to lines to text, the way a reader reads a cell or a heading."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .geometry import Box, union
from .pages import Word

#: a line that is only a page number: "3", "Page 3", "3 of 12", "Page 3/12"
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$", re.IGNORECASE)
#: two words share a line when their vertical overlap is at least this share of the smaller
LINE_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line: its words left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return union(w.box for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return bold_share(self.words) >= 0.6


def group_lines(words: Iterable[Word]) -> list[TextLine]:
    """Group words into lines top to bottom, each line left to right."""
    ordered = sorted(words, key=lambda w: (w.box.top, w.box.x0))
    lines: list[list[Word]] = []
    line_top = line_bottom = 0.0
    for word in ordered:
        if lines and _same_line(word.box, line_top, line_bottom):
            lines[-1].append(word)
            line_top = min(line_top, word.box.top)
            line_bottom = max(line_bottom, word.box.bottom)
        else:
            lines.append([word])
            line_top, line_bottom = word.box.top, word.box.bottom
    return [TextLine(tuple(sorted(line, key=lambda w: w.box.x0))) for line in lines]


def _same_line(box: Box, top: float, bottom: float) -> bool:
    overlap = min(box.bottom, bottom) - max(box.top, top)
    smaller = min(box.height, bottom - top) or 1.0
    return overlap / smaller >= LINE_OVERLAP


def join_lines(lines: Sequence[str]) -> str:
    """Lines of a cell joined the way a reader sees them: single spaces, trimmed; a line
    that breaks after a hyphen ("face-" / "to-face") joins with none ("face-to-face")."""
    out = ""
    for line in lines:
        text = " ".join(line.split())
        if not text:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[0].isalpha():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out


def bold_share(words: Iterable[Word]) -> float:
    total = bold = 0
    for word in words:
        total += len(word.text)
        bold += len(word.text) if word.bold else 0
    return bold / total if total else 0.0


def phrases(text: str) -> tuple[str, ...]:
    """'a | b c | d' -> ('a', 'b c', 'd'): vocabulary tables written compactly."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


# ----------------------------------------------------------------------------- labels

#: glyphs that text layers and OCR produce for spreadsheet filter buttons
FILTER_GLYPHS = "▼▾▽▿⯆⏷↓⇣×✕¥٧⌄ˇ⋁∨\u25bc\U0001f5d6\U0001f896"
GLYPH_RUN = re.compile(f"[{re.escape(FILTER_GLYPHS)}]+")
#: a lone v/V/Y token at the end of a label is an OCR'd filter arrow
_TRAILING_ARROW = re.compile(r"(?:\s+[vVY])+\s*$")


def strip_glyph_junk(text: str) -> str:
    """A header label without filter-arrow glyphs (and without a lone trailing 'v')."""
    cleaned = GLYPH_RUN.sub(" ", text)
    cleaned = _TRAILING_ARROW.sub("", cleaned)
    return " ".join(cleaned.split())


def normalise_label(text: str) -> str:
    """Label text reduced to lowercase words: accents, punctuation and filter glyphs gone,
    so two printings of the same header compare equal."""
    text = strip_glyph_junk(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^a-z0-9#()]+", " ", text)
    text = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", text))
    return " ".join(text.split())
