"""Document facts from the first page: title, organisation, period, publication month."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence

from .models import Document
from .normalise import MONTH_NAMES, YEAR_SPAN, due_date
from .tables import PageLayout
from .text import TextLine

#: words that name a publishing body
_ORGANISATION = re.compile(
    r"\b(council|borough|corporation|authority|county|city of|government|department|"
    r"ministry|partnership|nhs|trust|agency|commission|office)\b",
    re.IGNORECASE,
)
#: a title is at most this many lines of the largest type on page one
MAX_TITLE_LINES = 3


def read_document(
    layouts: Sequence[PageLayout], metadata: Mapping[str, object] | None = None
) -> Document:
    """Title, organisation, period and publication month, where the document states them."""
    first = layouts[0] if layouts else None
    lines = list(first.lines) if first else []
    title_lines = title_block(lines, first.body_size if first else 0.0)
    title = " ".join(line.text for line in title_lines) or _metadata_title(metadata)
    title = _tidy(title) if title else None
    return Document(
        title=title,
        organisation=_organisation(lines, title_lines, title),
        period=_period(title, lines),
        published=_published(lines),
    )


def title_block(lines: Sequence[TextLine], body_size: float) -> list[TextLine]:
    """The run of lines in the largest type at the top of the page (the title); where no
    type is larger than the body's, the first bold line."""
    texts = [ln for ln in lines if re.search(r"[A-Za-z]{3}", ln.text)]
    if not texts:
        return []
    largest = max(ln.size for ln in texts)
    candidates = [ln for ln in texts if ln.size >= largest - 0.3]
    if largest <= body_size + 0.3:
        bold = [ln for ln in texts if ln.bold]
        candidates = bold[:1] if bold else []
    if not candidates:
        return []
    block = [candidates[0]]
    for line in candidates[1:MAX_TITLE_LINES]:
        if line.box.top - block[-1].box.bottom > 1.5 * line.box.height:
            break
        block.append(line)
    return block


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"(\d{4})-\s+(\d{2,4})", r"\1-\2", text)


def _metadata_title(metadata: Mapping[str, object] | None) -> str | None:
    if not metadata:
        return None
    value = metadata.get("Title")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _organisation(
    lines: Sequence[TextLine], title_lines: Sequence[TextLine], title: str | None
) -> str | None:
    for line in lines:
        if line in title_lines:
            continue
        text = line.text.strip()
        if len(text.split()) <= 8 and _ORGANISATION.search(text) and not YEAR_SPAN.search(text):
            return text
    if title:
        owner = re.match(r"^(.+?(?:council|borough|corporation|county))(?:'s|’s)?\b", title, re.I)
        if owner:
            return owner.group(1)
    return None


def _period(title: str | None, lines: Sequence[TextLine]) -> str | None:
    for text in [title or ""] + [ln.text for ln in lines[:10]]:
        found = YEAR_SPAN.search(text)
        if found:
            start, end = found.group(1), found.group(2)
            if len(end) == 2:
                end = start[:2] + end
            if int(end) > int(start):
                return f"{start}-{end}"
    return None


def _published(lines: Sequence[TextLine]) -> str | None:
    """A short line on page one that is a month and year ("March 2022")."""
    for line in lines[:15]:
        words = re.findall(r"[A-Za-z]+", line.text.casefold())
        if 0 < len(line.text.split()) <= 4 and any(w in MONTH_NAMES for w in words):
            found = due_date(line.text)
            if found and len(found) >= 7:
                return found[:7]
    return None


def document_text(document: Document) -> str:
    """The document's facts as words, for the audit: its publication month also by name
    ("2022-03" was printed "March 2022")."""
    parts = [v for v in document.model_dump().values() if isinstance(v, str)]
    if document.published and len(document.published) >= 7:
        month = int(document.published[5:7])
        parts.append(calendar.month_name[month])
    return " ".join(parts)
