"""What a column holds, read from its cells: ids, deadlines, status words, RAG colours,
owners, narrative or action text.

A column's header can be blank ("1.1 Delivering an improved ..." under no label),
unknown ("Initiative Health") or wrong for what is printed under it (a "Progress" column
of status words). The profile here is the evidence `roles.assign` weighs against the
header. Each reader is a small predicate on one cell's text, so a rule can be checked on
its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..colour import RGB, rag_from_rgb
from ..normalise import FISCAL_PERIOD, YEAR_SPAN, due_date, rag_from_text, status_from_text
from ..settings import DEFAULTS, ColourSettings, RolesSettings

ContentKind = Literal[
    "id",
    "leading_id",
    "date",
    "status",
    "rag",
    "colour",
    "number",
    "code",
    "owner",
    "narrative",
    "text",
    "empty",
]

#: an identifier printed on its own: "1.1", "2a", "G1.3", "A-12", "3.", "(4)", "#12"
_ID = re.compile(
    r"^[#(]?(?:[A-Z]{1,3}[-.]?\s?)?\d{1,3}(?:[.\-]\d{1,3}){0,3}[a-z]?[).:]?$|^[A-Z][).:]?$"
)
#: an identifier opening a longer text: "1.1 Delivering...", "1.1 - Delivering", "G1.3: ...",
#: "3. Improve...", "12 Housing..." (a plain number needs a mark or a capital after it:
#: "100 new homes" is a count)
_LEADING_ID = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ]{1,3}[-.]?)?\d{1,3}(?:\.\d{1,3}){1,3}[a-z]?(?:[.):\-–]\s*|\s+|(?=[A-Z]))"
    r"[A-Za-z(\"'‘“]"
    r"|^(?:[A-ZÀ-ÖØ-Þ]{1,3}[-.]?)?\d{1,3}[a-z]?(?:[.):\-–]\s*[A-Za-z(\"'‘“]|\s+[A-Z(\"'‘“])"
)
#: a short cell with a percentage is a figure ("Latest: 97%", "Target: 85%, Floor: 80%")
MAX_FIGURE_WORDS = 6
#: a percentage
_PERCENTAGE = re.compile(r"\d\s?%")
#: timescales that name no calendar date but are a deadline column's vocabulary
_TIMESCALE = re.compile(
    r"\b(q[1-4]|quarter|fy\s?\d{2,4}|\d{4}\s?/\s?\d{2,4}|ongoing|on-going|on going|"
    r"tbc|tbd|immediate(?:ly)?|short[- ]term|medium[- ]term|long[- ]term|annual(?:ly)?|"
    r"quarterly|monthly|weekly|within \d+|by (?:end|spring|summer|autumn|fall|winter)|"
    r"spring|summer|autumn|winter|year \d|phase \d)\b",
    re.IGNORECASE,
)
#: a category code: a few capitals and a number ("SO3", "P2", "G1a")
_CODE = re.compile(r"^[A-Z]{1,4}\d{1,3}[a-z]?$")
MAX_CODES = 6
#: a deadline cell is short
MAX_DATE_WORDS = 8
#: a status cell is short; a longer one must open with its status words
MAX_STATUS_WORDS = 6
#: an owner cell is short
MAX_OWNER_WORDS = 10
MAX_OWNER_CHARS = 90
#: a timescale column with its own word for "ongoing": this share of dated cells, and at
#: most this many other phrases, each repeated
TIMESCALE_DATED_SHARE = 0.4
MAX_TIMESCALE_PHRASES = 2
#: words that may sit lowercase in an owner's name ("Head of Housing", "DHS & GSA")
_OWNER_JOINERS = frozenset("and of the & / for with to in on at - – (lead) lead".split())


def is_id(text: str) -> bool:
    return bool(_ID.match(text.strip()))


def has_leading_id(text: str) -> bool:
    """Text that opens with an identifier and goes on in words."""
    text = text.strip()
    return bool(_LEADING_ID.match(text)) and len(text.split()) >= 2


def is_date(text: str) -> bool:
    """A deadline or timescale: a calendar date, a quarter or fiscal year, "Ongoing"."""
    words = text.split()
    if not words or len(words) > MAX_DATE_WORDS:
        return False
    return (
        due_date(text) is not None
        or bool(_TIMESCALE.search(text))
        or bool(YEAR_SPAN.search(text) or FISCAL_PERIOD.search(text))
    )


def is_number(text: str) -> bool:
    """A figure: an amount, a count, a percentage ("97%", "£12.0m", "Latest: 97%"),
    mostly digits, not a date."""
    alnum = [ch for ch in text if ch.isalnum()]
    digits = sum(ch.isdigit() for ch in alnum)
    if digits and _PERCENTAGE.search(text) and len(text.split()) <= MAX_FIGURE_WORDS:
        return True
    return digits > 0 and digits >= 0.5 * len(alnum) and not is_date(text)


def is_code(text: str) -> bool:
    """Category codes, alone or listed: "SO3", "SO3,SO4", "P1 / P2"."""
    parts = [p for p in re.split(r"[\s,;/&]+", text.strip()) if p]
    return bool(parts) and len(parts) <= MAX_CODES and all(_CODE.match(p) for p in parts)


def is_status(text: str) -> bool:
    """A status word or phrase, alone or opening a short comment."""
    words = text.split()
    if not words or is_number(text):
        return False  # a bare percentage is a figure unless the header says status
    if len(words) <= MAX_STATUS_WORDS:
        return status_from_text(text) is not None
    return status_from_text(" ".join(words[:3])) is not None


def is_owner(text: str) -> bool:
    """A name, team, job title or organisation list: short, capitalised words or
    acronyms, no sentence."""
    text = text.strip()
    words = re.findall(r"[\w&'’.-]+", text)
    if not words or len(words) > MAX_OWNER_WORDS or len(text) > MAX_OWNER_CHARS:
        return False
    if text.endswith(".") and len(words) > 3:
        return False
    named = [w for w in words if w.casefold() not in _OWNER_JOINERS]
    if not named or any(ch.isdigit() for ch in text):
        return False
    capitalised = sum(1 for w in named if w[0].isupper())
    return capitalised >= 0.6 * len(named)


def _identifying(texts: Sequence[str]) -> bool:
    """Ids tell rows apart: two or more, distinct; plain numbers count up (1, 2, 3), as
    counts and amounts do not."""
    ids = [t.strip() for t in texts if is_id(t)]
    if len(ids) < 2 or len(set(ids)) < len(ids):
        return False
    numbers = [int(t) for t in ids if t.isdigit()]
    return len(numbers) < len(ids) or numbers == sorted(numbers)


def _timescale_with_a_word(texts: Sequence[str]) -> bool:
    """Dates in most cells and, in the rest, a few short phrases repeated (a timescale
    column's own word for "ongoing" or "to be confirmed", in any language)."""
    if len(texts) < 3:
        return False
    others = [" ".join(t.casefold().strip(" *.").split()) for t in texts if not is_date(t)]
    dated = len(texts) - len(others)
    phrases_ = set(others)
    return (
        dated >= TIMESCALE_DATED_SHARE * len(texts)
        and len(phrases_) <= MAX_TIMESCALE_PHRASES
        and all(len(p.split()) <= 3 for p in phrases_)
        and len(others) >= 2 * len(phrases_)
    )


@dataclass(frozen=True)
class Profile:
    """What one column of a table holds, over its data rows."""

    #: data rows, and rows with text printed in this column
    rows: int
    printed: int
    #: share of printed cells of each kind
    shares: dict[str, float]
    #: share of rows whose cell (printed or not) is filled with a RAG colour
    coloured: float
    #: share of printed cells that span several rows (a merged, grouping cell)
    merged: float
    mean_words: float
    #: a deadline column whose other cells repeat a word or two ("En continu", "TBC")
    timescale_with_a_word: bool = False
    #: the thresholds the kind is read with
    cfg: RolesSettings = DEFAULTS.roles

    @property
    def kind(self) -> ContentKind:
        """The kind most of the column's cells show; "text" when none does."""
        if not self.printed:
            return "colour" if self.coloured >= self.cfg.kind_share else "empty"
        for kind in ("id", "status", "rag", "date", "number", "code", "leading_id"):
            if self.shares.get(kind, 0.0) >= self.cfg.kind_share:
                return kind  # type: ignore[return-value]
        if self.timescale_with_a_word:
            return "date"
        if self.mean_words >= self.cfg.narrative_words:
            return "narrative"
        if self.shares.get("owner", 0.0) >= self.cfg.kind_share:
            return "owner"
        return "text"


def profile(
    cells: Sequence[tuple[str, RGB | None, int]],
    cfg: RolesSettings = DEFAULTS.roles,
    colours: ColourSettings = DEFAULTS.colours,
) -> Profile:
    """The profile of a column from its data rows' (text, fill, rows spanned) cells."""
    printed = [(t, span) for t, _, span in cells if t.strip()]
    shares: dict[str, float] = {}
    if printed:
        n = len(printed)
        texts = [t for t, _ in printed]
        shares = {
            "id": sum(map(is_id, texts)) / n if _identifying(texts) else 0.0,
            "leading_id": sum(map(has_leading_id, texts)) / n,
            "date": sum(map(is_date, texts)) / n,
            "status": sum(map(is_status, texts)) / n,
            "rag": sum(1 for t in texts if rag_from_text(t)) / n,
            "number": sum(map(is_number, texts)) / n,
            "code": sum(map(is_code, texts)) / n,
            "owner": sum(map(is_owner, texts)) / n,
        }
    coloured = sum(1 for _, fill, _ in cells if rag_from_rgb(fill, colours)) / max(1, len(cells))
    return Profile(
        cfg=cfg,
        timescale_with_a_word=_timescale_with_a_word([t for t, _ in printed]),
        rows=len(cells),
        printed=len(printed),
        shares=shares,
        coloured=coloured,
        merged=sum(1 for _, span in printed if span > 1) / max(1, len(printed)),
        mean_words=sum(len(t.split()) for t, _ in printed) / max(1, len(printed)),
    )
