"""The text around tables: which heading names the group of rows under it (their theme),
and which labelled statements give their objective.

Headings between tables ride along in each logical table as heading rows, in reading
order (`stitch`). For each run of them this module picks the one that names the rows
below: on the table's own page if it has one (a slide or page title naming the group,
else the statement just above the table), else the last heading of the pages before
(a chapter heading on an introduction page). A table's own caption ("Improving
Management of Section 508 - Action Plan" centred over it), a document part ("Appendix
B"), a lead-in sentence ("The strategy aims to:") and a generic title repeated on every
page (page furniture, left out earlier) name no group. A heading that is only a label
("Objective 1:") is read with the heading that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .geometry import Box
from .settings import DEFAULTS, ContextSettings
from .stitch import LogicalTable, Row

#: heading texts that open like a section title
HEADING_START = re.compile(
    r"^(priority|theme|section|objective|outcome|goal|aim|strategic|chapter|part|"
    r"workstream|pillar|strategy|sub-goal)\b|^\d{1,2}(\.\d{1,2})*[.):]?\s+\S",
    re.IGNORECASE,
)
#: headings that name a part of the document, not a group of rows
DOCUMENT_PART = re.compile(r"^(appendix|annex|annexe|schedule|table|figure)\b", re.IGNORECASE)
#: a web address: a footnote or a reference, never a heading
URL = re.compile(r"https?://|www\.", re.IGNORECASE)


def choose_heading(
    headings: Sequence[Row],
    below: Row | None,
    body_size: float,
    cfg: ContextSettings = DEFAULTS.context,
) -> str | None:
    """The text of the heading that names the rows after `headings` (the text blocks
    between the previous table and this one; `below` is the first row after them), or
    None when none does.

    The nearest heading wins, but a heading with prose under it heads that prose, not
    the table ("Key findings" over a paragraph), unless it is the page's title (its
    largest heading). A statement (a sentence) names the rows only where no heading
    does, as under a generic slide title."""
    page = below.page if below is not None else (headings[-1].page if headings else 0)
    parts = [i for i, h in enumerate(headings) if h.page == page and DOCUMENT_PART.match(h.text)]
    if parts:
        headings = headings[parts[-1] + 1 :]  # a new part of the document starts here
    candidates = [
        h
        for h in headings
        if is_theme_heading(h, body_size, cfg)
        and not (below is not None and is_caption(h, below, cfg))
    ]
    same_page = [h for h in candidates if h.page == page]
    if same_page:
        candidates = same_page
    else:
        # from the pages before, only what is set as a heading (bold or larger type)
        candidates = [h for h in candidates if h.bold or h.size > body_size + 0.5]
        candidates = [h for h in candidates if h.page == candidates[-1].page]
    if not candidates:
        return None
    titles = [h for h in candidates if not is_statement(h.text, cfg)]
    if titles:
        largest = max(h.size for h in titles)
        kept = [h for h in titles if h.size >= largest - 0.3 or not _heads_prose(h, headings, cfg)]
        chosen = kept[-1]
    else:
        chosen = candidates[-1]
    return _with_its_label_text(chosen, headings, cfg)


def is_statement(text: str, cfg: ContextSettings) -> bool:
    """A sentence, not a title: it ends like one, or runs long."""
    text = text.strip()
    return text.endswith((".", "!", "?")) or len(text.split()) > cfg.max_title_words


def _heads_prose(heading: Row, headings: Sequence[Row], cfg: ContextSettings) -> bool:
    """Text that is not a heading follows the heading on its page, before the table."""
    after = list(headings)[list(headings).index(heading) + 1 :]
    return any(
        h.page == heading.page and (h.kind == "prose" or is_statement(h.text, cfg)) for h in after
    )


def is_theme_heading(row: Row, body_size: float, cfg: ContextSettings) -> bool:
    """A short block set as a heading: bold, larger than the body, or numbered and
    worded like a section title; not a document part or a lead-in sentence."""
    text = row.text
    if not text or len(text) > cfg.max_theme_chars or not re.search(r"[A-Za-z]{3}", text):
        return False
    if DOCUMENT_PART.match(text) or URL.search(text):
        return False
    if text.endswith(":") and not is_label(text, cfg):
        return False  # "The National Strategy aims to:" leads in to a list
    if body_size and row.size < body_size - 0.5:
        return False  # smaller than the body text: a footnote or a caption
    return row.bold or row.size > body_size + 0.5 or bool(HEADING_START.match(text))


def is_caption(heading: Row, below: Row, cfg: ContextSettings) -> bool:
    """A short line centred just above a table names the table itself."""
    return heading.page == below.page and captions(heading.box, below.box, cfg)


def captions(line: Box, table: Box, cfg: ContextSettings) -> bool:
    """Whether text in box `line` is the caption of a table in box `table`: centred on
    it, narrower than it, and standing close above it."""
    gap = table.top - line.bottom
    width = table.width
    return (
        0 <= gap <= cfg.caption_gap * max(line.height, 1.0)
        and abs(line.cx - table.cx) <= cfg.caption_centre * width
        and line.width < 0.8 * width
        and line.x0 > table.x0 + 0.05 * width
    )


def is_label(text: str, cfg: ContextSettings) -> bool:
    """A heading that only labels what follows: "Objective 1:", "Priority B:", "Goal:"."""
    words = text.split()
    return (
        text.endswith(":")
        and len(words) <= cfg.max_label_words
        and (len(words) == 1 or any(ch.isdigit() for ch in text) or len(words[-1]) <= 2)
    )


def _with_its_label_text(chosen: Row, headings: Sequence[Row], cfg: ContextSettings) -> str:
    """'Objective 1:' over 'PREPARE: Prepare for the threat ...': one heading, whichever
    of the two was chosen."""
    text = " ".join(chosen.text.split())
    rows = list(headings)
    at = rows.index(chosen)
    if is_label(text, cfg):
        follow = next((h for h in rows[at + 1 :] if h.page == chosen.page), None)
        if follow is not None and len(follow.text) <= cfg.max_theme_chars:
            return f"{text} {' '.join(follow.text.split())}"
        return text
    before = rows[at - 1] if at else None
    if before is not None and before.page == chosen.page and is_label(before.text.strip(), cfg):
        return f"{' '.join(before.text.split())} {text}"
    return text


def next_table_row(table: LogicalTable, index: int) -> Row | None:
    """The first row after position `index` that is not a heading."""
    return next((r for r in table.rows[index + 1 :] if r.kind != "heading"), None)
