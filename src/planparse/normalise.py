"""Cell text -> normalised record values: status, RAG, owners, dates, yes/no."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from dateutil import parser as date_parser

from .models import Rag, Status
from .text import phrases

# ----------------------------------------------------------------------------- status


#: The status vocabulary: the words action plans, progress reports and delivery plans
#: print in a status column, gathered from UK council, police and government plans, US
#: federal performance updates (CAP/APG "On Track", "Slightly Off Track",
#: "Accomplished"), Open Government Partnership self-assessments (completion levels
#: "Not started", "Limited", "Substantial", "Completed") and BRAG plans ("Blue" for
#: complete). Each entry is a general status word, never one document's phrase.
#: The exception states win, in this order, over progress states.
_EXCEPTION_STATUSES: tuple[tuple[Status, tuple[str, ...]], ...] = (
    (
        "cancelled",
        phrases(
            "cancelled | canceled | withdrawn | stopped | no longer required | not proceeding | "
            "abandoned | superseded | discontinued | no longer applicable | dropped | removed"
        ),
    ),
    (
        "deferred",
        phrases("deferred | postponed | on hold | paused | suspended | rescheduled"),
    ),
    (
        "delayed",
        phrases(
            "delayed | slipped | slippage | behind schedule | overdue | off track | off-track | "
            "late | at risk | behind | not achieved | not met | missed | not on track | "
            "not on target | experiencing delays | some delays"
        ),
    ),
)
#: progress states: the first one printed in the cell decides
_PROGRESS_STATUSES: tuple[tuple[Status, tuple[str, ...]], ...] = (
    (
        "not_started",
        phrases(
            "not started | not yet started | to action | to do | yet to start | not commenced | "
            "not yet commenced | planned | pending | to start | not due | not yet due | scheduled"
        ),
    ),
    (
        "complete",
        phrases(
            "complete | completed | done | achieved | accomplished | delivered | finished | "
            "closed | fully implemented | implemented | met | blue | fully achieved | "
            "fully met | fully delivered | embedded | business as usual"
        ),
    ),
    (
        "in_progress",
        phrases(
            "ongoing | on going | in progress | underway | under way | started | progressing | "
            "on track | on target | on schedule | in hand | in train | continuing | commenced | "
            "partially complete | partially completed | partially achieved | partially met | "
            "partially implemented | partial | partially | active | incomplete | not complete | "
            "not completed | not yet complete | open | in development | under development | "
            "work in progress | being implemented | limited | substantial"
        ),
    ),
)
#: "75%", "75% complete": a share done is a status (none done: not started; all: complete)
_PERCENT_DONE = re.compile(r"^(\d{1,3})\s?%(?:\s+(?:complete|completed|done|progress))?$")
#: only the opening words of a status cell decide the status (the rest is commentary)
STATUS_WORDS = 8


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in ordered) + r")\b")


_EXCEPTION_PATTERNS = [(s, _phrase_pattern(p)) for s, p in _EXCEPTION_STATUSES]
_PROGRESS_PATTERN = _phrase_pattern(tuple(p for _, ps in _PROGRESS_STATUSES for p in ps))
_PROGRESS_LOOKUP = {p: s for s, ps in _PROGRESS_STATUSES for p in ps}


#: OCR reads tight word spacing as none ("Ontrack", "Notstarted", "Inprogress"): a word
#: that is a status phrase of several words run together counts as the phrase
_SQUASHED: dict[str, Status] = {
    p.replace(" ", ""): s
    for s, ps in (*_EXCEPTION_STATUSES, *_PROGRESS_STATUSES)
    for p in ps
    if " " in p
}


def _status_text(text: str) -> str:
    words = re.sub(r"[-_/|]+", " ", text.casefold()).split()
    return " ".join(words[:STATUS_WORDS])


_ALL_STATUS_PHRASES = sorted(
    {p for _, ps in (*_EXCEPTION_STATUSES, *_PROGRESS_STATUSES) for p in ps}, key=len, reverse=True
)
#: a status phrase opening a cell, a separator, then a comment of three words or more
_STATUS_THEN_COMMENT = re.compile(
    r"^\s*(?P<status>(?:" + "|".join(re.escape(p) for p in _ALL_STATUS_PHRASES) + r"))"
    r"\s*[-–—:;,.]\s*(?P<comment>\S+(?:\s+\S+){2,})\s*$",
    re.IGNORECASE | re.DOTALL,
)


def split_status_comment(text: str | None) -> tuple[str, str] | None:
    """("Complete", "provider details now available") for a status cell that opens with
    a status word and goes on with a comment after a dash or colon; None otherwise."""
    found = _STATUS_THEN_COMMENT.match(text or "")
    if not found:
        return None
    return found.group("status").strip(), found.group("comment").strip()


def status_from_text(text: str | None) -> Status | None:
    """Normalised status of a status cell: exception states (cancelled, deferred, delayed)
    win over progress states; otherwise the first progress term printed decides."""
    if not text:
        return None
    percent = _PERCENT_DONE.match(text.strip().casefold())
    if percent:
        share = int(percent.group(1))
        return "not_started" if share == 0 else "complete" if share >= 100 else "in_progress"
    plain = _status_text(text)
    for status, pattern in _EXCEPTION_PATTERNS:
        if pattern.search(plain):
            return status
    found = _PROGRESS_PATTERN.search(plain)
    if found:
        return _PROGRESS_LOOKUP[found.group(1)]
    return next((_SQUASHED[w] for w in plain.split() if w in _SQUASHED), None)


# ----------------------------------------------------------------------------- rag

_RAG_WORDS: dict[str, Rag] = {
    "red": "red",
    "r": "red",
    "amber": "amber",
    "a": "amber",
    "yellow": "amber",
    "orange": "amber",
    "green": "green",
    "g": "green",
}
#: a RAG cell says its colour in at most this many words ("Amber", "RAG: Green")
RAG_WORDS = 3


def rag_from_text(text: str | None) -> Rag | None:
    """'Red' / 'Amber' / 'Green' (or R / A / G) in a short cell, else None."""
    if not text:
        return None
    words = re.findall(r"[a-z]+", text.casefold())
    if not words or len(words) > RAG_WORDS:
        return None
    for word in words:
        if word in _RAG_WORDS and (len(word) > 1 or len(words) == 1):
            return _RAG_WORDS[word]
    return None


# ----------------------------------------------------------------------------- people


def split_people(text: str | None) -> list[str]:
    """Owners or partners listed in a cell, split on commas (and semicolons)."""
    if not text:
        return []
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip(" .")]


# ----------------------------------------------------------------------------- yes/no

_YES = {"yes", "y", "new", "true", "x", "✓", "✔"}
_NO = {"no", "n", "false", "existing", "not new"}


def yes_no(text: str | None) -> bool | None:
    if not text:
        return None
    word = " ".join(text.casefold().strip(" .!?").split())
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


# ----------------------------------------------------------------------------- dates

_PROBE_A = datetime(1900, 1, 1)
_PROBE_B = datetime(1904, 2, 2)
#: plausible years for a plan's deadlines
MIN_YEAR, MAX_YEAR = 1990, 2100
#: "Dec-24", "Apr 21": Excel's month-year format, with a two-digit year
_MONTH_YY = re.compile(r"^([A-Za-z]{3,9})[-\s'’]+(\d{2})$")
#: "2019/20", "2020-2021": a span of years
YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*[-/–]\s*((?:19|20)?\d{2})\b(?![-/.]\d)")
#: a fiscal period or quarter: "Q3", "Q2FY18", "FY19", "FY 2019", "3rd Quarter"
FISCAL_PERIOD = re.compile(r"\bQ[1-4]\b|Q[1-4]\s?FY|\bFY\s?'?\d{2,4}\b|\bquarter\b", re.IGNORECASE)
#: the first two numbers of a numeric date
_DAY_MONTH = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}\b")
#: longest run of words read as one date ("1st of April 2020" is four)
MAX_DATE_WORDS = 4
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|\b\d{4}-\d{2}(-\d{2})?\b")
MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def due_date(text: str | None, *, dayfirst: bool = True) -> str | None:
    """ISO form of the deadline the text names, at the precision printed, read by
    dateutil from the first run of words that holds a date with a year:
    "31-Mar-25" -> "2025-03-31", "June 2019" -> "2019-06", "2026" -> "2026";
    "December 2018 & ongoing" -> "2018-12". Numeric dates are read day first
    ("30/09/2021", UK plans) unless `dayfirst` is False ("3/31/2018", US plans).

    None when the text names no single calendar date: no date at all ("Ongoing"), a
    fiscal period or quarter ("Q3 2024/25", "Q2FY18", "FY19", "3rd Quarter FY2014"),
    a span of years ("2019/20", "2020-2022") or several years with no month ("in 2016
    and 2017"): converting those needs a fiscal-year convention or a choice the text
    does not make. `due_raw` always keeps the text as printed."""
    if not text or not re.search(r"\d", text):
        return None
    text = " ".join(text.split())
    if FISCAL_PERIOD.search(text) or _year_span(text) or _several_bare_years(text):
        return None
    month_yy = _MONTH_YY.match(text)
    if month_yy:
        text = f"{month_yy.group(1)} 20{month_yy.group(2)}"
    words = [w.strip("*†‡()[]") for w in text.split()]
    words = [w for w in words if w]
    for start in range(len(words)):
        best = None
        for size in range(1, min(MAX_DATE_WORDS, len(words) - start) + 1):
            chunk = words[start : start + size]
            if _count_months(chunk) > 1 or sum(bool(_YEAR.fullmatch(w)) for w in chunk) > 1:
                break  # a second date begins: the first one is complete
            if not _names_a_date(chunk):
                continue  # "Within 60 days": a small number alone is no year
            found = _parse_precise(" ".join(chunk), dayfirst)
            if found is not None and len(found) > 4 and not _states_month(chunk):
                found = found[:4]  # "Phase 2 2024": a small number is no month
            if found is not None and (best is None or len(found) >= len(best)):
                best = found
        if best is not None:
            return best
    return None


def _names_a_date(words: list[str]) -> bool:
    """A four-digit year, a month by name, or a numeric date among the words."""
    return any(_YEAR.search(w) for w in words) or _states_month(words)


def _year_span(text: str) -> bool:
    """ "2019/20", "2020-2022": a span of years (not "2025-03", a month)."""
    for found in YEAR_SPAN.finditer(text):
        first, second = found.group(1), found.group(2)
        if int(second[-2:]) > int(first[-2:]) and len(second) in (2, 4):
            return True
    return False


def _several_bare_years(text: str) -> bool:
    """Two years or more and no month: "completed in 2016 and 2017"."""
    years = set(_YEAR.findall(text))
    return len(years) > 1 and not _states_month(text.split())


def numeric_date_order(texts: Sequence[str]) -> bool | None:
    """Whether the numeric dates of a document are printed day first (True), month first
    (False), or cannot tell (None): a first number above 12 is a day, a second one above
    12 is a day too. The majority of the telling dates decides."""
    day_first = month_first = 0
    for text in texts:
        for a, b in _DAY_MONTH.findall(text or ""):
            if int(a) > 12 >= int(b):
                day_first += 1
            elif int(b) > 12 >= int(a):
                month_first += 1
    if day_first == month_first:
        return None
    return day_first > month_first


def _states_month(words: list[str]) -> bool:
    """Whether the words print a month: by name, or inside a numeric date (30/09/2021)."""
    return _count_months(words) > 0 or any(_NUMERIC_DATE.search(w) for w in words)


def _count_months(words: list[str]) -> int:
    return sum(
        1 for w in words for part in re.findall(r"[a-z]+", w.casefold()) if part in MONTH_NAMES
    )


def _parse_precise(text: str, dayfirst: bool = True) -> str | None:
    """Parse with two different defaults: the parts that differ were not printed."""
    try:
        a, _ = date_parser.parse(text, fuzzy_with_tokens=True, dayfirst=dayfirst, default=_PROBE_A)
        b, _ = date_parser.parse(text, fuzzy_with_tokens=True, dayfirst=dayfirst, default=_PROBE_B)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year or not MIN_YEAR <= a.year <= MAX_YEAR:
        return None
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    return f"{a.year:04d}-{a.month:02d}-{a.day:02d}"
