"""Rows broken across a page break."""

from __future__ import annotations

import re
from dataclasses import replace

from ..normalise import rag_from_text, status_from_text, yes_no
from ..settings import DEFAULTS, Settings
from ..stitch import LogicalTable, Row

#: a list item opening a cell: "a.", "b)", "(ii)", "3."
_ENUMERATOR = re.compile(r"^\(?([a-z]|[ivx]{1,4}|\d{1,2})[.)]\s")
#: short phrase columns: a new sentence there means a new row, not a continuation
_PHRASE_KEYS = frozenset({"action", "objective", "id"})
#: a cell ending with one of these words (or marks) continues on the next line
_OPEN_ENDINGS = frozenset(
    "and or but nor the of to a an in into onto on at for with without by from as that which "
    "who whose is are was were be been will would can could should has have had not no any "
    "all each every their its our your this these those than such including via per under "
    "over between through within about across against & ".split()
)


def join_page_break_fragments(table: LogicalTable, settings: Settings = DEFAULTS) -> LogicalTable:
    """Pattern: a table row split by a page break, its tail printed at the top of the next
    page as a row of its own with no id and no action text.

    Seen in: Sefton's plan (objective 1.3 ends "...actively contribute to" on one page and
    "the reduction of homelessness" opens the next) and the Lewisham plans (a Progress
    cell running on over the break). The fragment's cell texts are appended to the row
    above it and its page is added to that row's provenance.
    Leaves alone: a first row that has an id or action of its own, unless every text it
    holds reads as running on from the previous row (starts in lower case, or the
    previous text stops mid-phrase) more than as starting afresh, and none starts in a
    column the previous row left empty; rows after a new section heading.
    """
    keys = table.keys
    id_col = keys.index("id") if "id" in keys else None
    action_col = keys.index("action") if "action" in keys else None
    rows: list[Row] = []
    last_data: int | None = None
    last_section: str | None = None
    for row in table.rows:
        if row.kind in ("section", "heading"):
            if row.text != last_section:
                last_data = None
            last_section = row.text
            rows.append(row)
            continue
        if row.kind != "data":
            rows.append(row)
            continue
        if (
            row.after_page_break
            and last_data is not None
            and is_fragment(row, rows[last_data], keys, id_col, action_col)
        ):
            rows[last_data] = merge_fragment(rows[last_data], row)
            continue
        rows.append(row)
        last_data = len(rows) - 1
    return replace(table, rows=rows)


def is_fragment(
    row: Row, previous: Row, keys: list[str | None], id_col: int | None, action_col: int | None
) -> bool:
    own = [row.own_text(i) for i in range(len(row.values))]
    if not any(own):
        return False
    if id_col is not None and own[id_col]:
        return False
    if action_col is not None and not own[action_col]:
        return True
    return _flows_on(own, previous, keys)


def _flows_on(own: list[str], previous: Row, keys: list[str | None]) -> bool:
    """The row's texts read as the tails of the previous row's cells.

    A text in a column the previous row left empty means a new row (cells are printed
    from their top). Otherwise each text votes: it runs on (a lower-case start, or the
    previous text stopping mid-phrase) or, in the short phrase columns (action,
    objective), it starts afresh (a capital after a full stop). Running on must win."""
    votes = 0
    for i, text in enumerate(own):
        if not text:
            continue
        before = previous.values[i]
        if not before or _complete_value(keys[i], before, text):
            return False
        if _ENUMERATOR.match(text) or text == before:
            votes -= 1  # "a. ...", "2) ..." or a repeated value open a new entry
        elif _continues(before, text):
            votes += 1
        elif keys[i] in _PHRASE_KEYS and _starts_afresh(before, text):
            votes -= 1
    return votes > 0


def _complete_value(key: str | None, before: str, after: str) -> bool:
    """Both texts are whole values of a closed vocabulary (a status, a RAG rating, yes/no):
    the second belongs to a row of its own."""
    if key not in ("status", "rag", "new"):
        return False
    readers = (status_from_text, rag_from_text, yes_no)
    return any(r(before) is not None and r(after) is not None for r in readers)


def _continues(before: str, after: str) -> bool:
    tail = before.rstrip()
    if after[:1].islower() or tail[-1:] in ",;-–/(&":
        return True
    last_word = tail.rsplit(None, 1)[-1].casefold() if tail else ""
    return last_word in _OPEN_ENDINGS


def _starts_afresh(before: str, after: str) -> bool:
    return before.rstrip()[-1:] in ".!?" and after[:1].isupper()


def merge_fragment(row: Row, fragment: Row) -> Row:
    values = list(row.values)
    for i in range(len(values)):
        tail = fragment.own_text(i)
        if tail:
            values[i] = f"{values[i]} {tail}".strip()
    repairs = tuple(dict.fromkeys((*row.repairs, *fragment.repairs, "join_page_break_fragments")))
    return replace(row, values=tuple(values), spans=(*row.spans, *fragment.spans), repairs=repairs)
