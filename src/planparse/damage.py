"""What could not be read: damaged content streams, pages and page trees.

pdfminer reads what it can of a damaged PDF and mostly says nothing: a content stream
that does not inflate becomes empty, an unknown operator is skipped, a missing object
is None, a loop in the page tree is cut. Records then go missing with no warning. This
module looks at each page's content streams, at what reading the page drew, and at the
log records pdfminer wrote meanwhile, and says in one line per page what was lost, so
the loss reaches the plan's warnings (and `--strict` can fail on it).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral, keyword_name, literal_name

from .logs import LogCapture

#: pdfminer's loggers whose warnings on a page mean part of its content was not read:
#: the interpreter and its device (operands that are not numbers, strings it cannot
#: show), the content tokeniser, and stream decoding ("Data-loss while decompressing")
CONTENT_LOGGERS = (
    "pdfminer.pdfinterp",
    "pdfminer.pdfdevice",
    "pdfminer.psparser",
    "pdfminer.pdftypes",
    "pdfminer.pdfparser",
)
#: ... and whose warnings mean text may come out wrong (a ToUnicode map ignored)
TEXT_LOGGERS = ("pdfminer.cmapdb",)
#: a content stream that draws nothing is garbage when at least this share of its
#: operators is unknown to PDF (a blank page's "q Q" or clip-only stream has none)
UNKNOWN_OPERATOR_SHARE = 0.2
#: operators looked at to tell garbage from a blank page's content
OPERATORS_SAMPLED = 2000
#: ... and a stream with fewer operators than one per this many bytes is garbage too
#: (page content has one every 5-50 bytes, outside long text strings and inline images)
BYTES_PER_OPERATOR = 500
#: why characters come out as (cid:N) when pdfminer gives no reason
UNDECODED_REASON = "a font's ToUnicode map is missing or broken"
#: a stream reference or page-tree node more than this many levels deep is not followed
PAGE_TREE_MAX_DEPTH = 256


@dataclass(frozen=True)
class StreamCheck:
    """What a page's /Contents holds, before the page is interpreted."""

    declared: bool
    streams: tuple[PDFStream, ...]
    missing: int
    undecodable: int
    blank: bool


def check_streams(page_obj: Any) -> StreamCheck:
    """Resolve and decode (pdfminer keeps the decoded bytes) the page's content streams.

    A stream that holds bytes but decodes to none could not be decoded: pdfminer turns a
    Flate stream it cannot inflate into b"" without a word. MemoryError (a decompression
    bomb under a memory limit) is not caught here."""
    declared = "Contents" in page_obj.attrs
    streams: list[PDFStream] = []
    missing = undecodable = 0
    blank = True
    for ref in page_obj.contents:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            missing += 1
            continue
        raw = stream.rawdata if stream.rawdata is not None else stream.data
        try:
            data = stream.get_data()
        except (MemoryError, RecursionError):
            raise
        except Exception:  # an unsupported or broken filter
            undecodable += 1
            continue
        if raw and not data and not _inflates_to_nothing(stream, raw):
            undecodable += 1
            continue
        streams.append(stream)
        blank = blank and not data.strip()
    return StreamCheck(
        declared=declared,
        streams=tuple(streams),
        missing=missing,
        undecodable=undecodable,
        blank=blank,
    )


def _inflates_to_nothing(stream: PDFStream, raw: bytes) -> bool:
    """Whether a Flate stream that pdfminer decoded to no bytes really holds none (a
    blank page's empty stream) rather than data zlib cannot inflate (pdfminer gives b""
    for both)."""
    if [_literal(name) for name, _ in stream.get_filters()] != ["FlateDecode"]:
        return False
    try:
        return zlib.decompress(raw) == b""
    except zlib.error:
        return False


@dataclass(frozen=True)
class PageDamage:
    """What was lost on one page: a line per problem, and whether nothing was read."""

    notes: tuple[str, ...] = ()
    #: nothing on the page could be read (as opposed to part of it)
    unreadable: bool = False


def assess_page(
    number: int,
    check: StreamCheck,
    *,
    chars: int,
    dropped: int,
    undecoded_chars: int,
    log: LogCapture,
) -> PageDamage:
    """The page's damage from its stream check, what reading it gave, and its log."""
    where = f"page {number}"
    unread = _unread_content(check, chars)
    if unread:
        return PageDamage((f"{where}: its content stream {unread}",), True)
    notes: list[str] = []
    if check.undecodable or check.missing:
        notes.append(
            f"{where}: {check.undecodable + check.missing} of its content streams could not "
            "be read (undecodable or missing); part of the page may be lost"
        )
    problems = log.total(prefixes=CONTENT_LOGGERS)
    if problems:
        first = _cut(log.first_message(CONTENT_LOGGERS))
        notes.append(
            f"{where}: part of its content could not be read ({problems} problem(s); "
            f"first: {first})"
        )
    if dropped:
        notes.append(
            f"{where}: {dropped} object(s) at impossible positions (NaN or infinite) left out"
        )
    if undecoded_chars or log.total(prefixes=TEXT_LOGGERS):
        reason = _cut(log.first_message(TEXT_LOGGERS) or UNDECODED_REASON)
        count = f"{undecoded_chars} character(s)" if undecoded_chars else "some characters"
        notes.append(f"{where}: {count} could not be decoded to text ({reason})")
    return PageDamage(tuple(notes))


def _unread_content(check: StreamCheck, chars: int) -> str | None:
    """Why nothing of a page that has content could be read, or None."""
    if not check.declared:
        return None  # a page with no /Contents is blank by design
    if not check.streams or check.blank:
        if check.undecodable:
            return "could not be decoded; nothing on it was read"
        if check.missing:
            return "is missing (object not found); nothing on it was read"
        return "is empty: a blank page, or its content was lost"
    if chars == 0 and _garbage(check.streams):
        return "is not valid page content; nothing on it was read"
    return None


def _cut(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _garbage(streams: Sequence[PDFStream]) -> bool:
    """Whether the streams are not page content: most of their operators are unknown
    to PDF, or there are too few operators for their size (random bytes read as one
    long string). A stream with an inline image is content, however sparse."""
    parser = PDFContentParser(list(streams))
    known = unknown = 0
    try:
        while known + unknown < OPERATORS_SAMPLED:
            _, token = parser.nextobject()
            if isinstance(token, PDFStream):
                return False  # an inline image: BI ... ID <data> EI
            if isinstance(token, PSKeyword):
                if _is_operator(keyword_name(token)):
                    known += 1
                else:
                    unknown += 1
    except PSEOF:
        size = sum(len(stream.get_data()) for stream in streams)
        if known * BYTES_PER_OPERATOR < size:
            return True
    except (MemoryError, RecursionError):
        raise
    except Exception:  # the tokeniser gave up: that is garbage too
        return True
    return unknown > 0 and unknown >= UNKNOWN_OPERATOR_SHARE * (known + unknown)


def _literal(value: object) -> str | None:
    return literal_name(value) if isinstance(value, PSLiteral) else None


def _is_operator(name: object) -> bool:
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    if not isinstance(name, str):
        return False
    method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
    return name in ("BI", "ID", "EI") or hasattr(PDFPageInterpreter, method)


def page_tree_problems(catalog: dict[str, Any], pages_found: int) -> list[tuple[int | None, str]]:
    """Loops in the page tree, as (page, line): pdfminer walks the tree skipping any node
    it has seen, so a /Kids entry pointing back up loses the page that should be there
    without a word. The page is where the loop is, counting the pages before it."""
    root_ref = catalog.get("Pages")
    root = resolve1(root_ref)
    if not isinstance(root, dict):
        return []
    declared = resolve1(root.get("Count"))
    missing = isinstance(declared, int) and declared > pages_found
    loops: list[int] = []  # the page number each loop stands in place of
    broken: list[int] = []  # ... and each kid that is not a page or a node
    leaves = 0
    seen: set[int] = set()
    stack: list[tuple[object, int]] = [(root_ref, 0)]
    while stack:
        ref, depth = stack.pop()
        key = getattr(ref, "objid", None)
        if key is not None:
            if key in seen:
                loops.append(leaves + 1)
                continue
            seen.add(key)
        node = resolve1(ref)
        if not isinstance(node, dict) or depth > PAGE_TREE_MAX_DEPTH:
            broken.append(leaves + 1)
            continue
        if _literal(node.get("Type")) == "Pages":
            kids = resolve1(node.get("Kids"))
            if isinstance(kids, list):
                stack.extend((kid, depth + 1) for kid in reversed(kids))
        else:
            leaves += 1
    if missing:
        notes: list[tuple[int | None, str]] = [
            (
                page,
                f"page {page}: the page tree points back up where this page should be "
                "(a loop); the page is missing",
            )
            for page in loops
        ]
        notes += [
            (
                page,
                f"page {page}: the page tree lists something that is not a page here; "
                "the page is missing",
            )
            for page in broken
        ]
        if not notes:
            notes.append(
                (None, f"the page tree declares {declared} page(s) but {pages_found} were found")
            )
        return notes
    return [
        (None, f"the page tree has a loop after page {page - 1}; no page is missing")
        for page in loops[:1]
    ]
