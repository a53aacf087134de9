"""Nothing lost without a word: account for every word printed in a table, and every word
on a page that holds an action table.

After the records are built, each word is looked for where it may rightly have gone: a
record (any field, `extra` included), a column header, a theme or objective, or a named
drop (page furniture, a page number, a caption, a table that is not an action table,
rows a repair took out). A word found nowhere is reported: one `unplaced_text` warning
per cell or line, with its page, its box and the text itself, so an analyst can see what
the records miss. Words are compared as a multiset per page, so a word printed twice
must be placed twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .context import captions
from .geometry import Box
from .models import Action, DroppedText, PlanWarning
from .settings import DEFAULTS, ContextSettings, Settings
from .stitch import LogicalTable, is_furniture
from .tables import PageLayout, RawTable
from .text import is_page_number

WORD = re.compile(r"[^\W_]+")
#: where a composed id ("1a", "2.b") joins the printed parts it was made of
ID_PART = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
#: the words a "New this period?" cell may print, read into the record's `new`
YES_NO_WORDS = "yes y no n true false new existing not"
#: at most this many characters of a drop are kept as its sample
DROP_SAMPLE_CHARS = 80


def words_of(text: str) -> list[str]:
    """The words of a text, as the audit compares them (case and accents kept apart)."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class Audit:
    """The audit's findings: text no record holds, and text left out on purpose."""

    warnings: tuple[PlanWarning, ...]
    dropped: tuple[DroppedText, ...]


def audit(
    layouts: Sequence[PageLayout],
    tables: Sequence[LogicalTable],
    repaired: Sequence[LogicalTable],
    actions: Sequence[Action],
    furniture: set[str],
    document_text: str = "",
    settings: Settings = DEFAULTS,
) -> Audit:
    """Account for the printed words of the pages (see the module doc). `tables` are all
    the logical tables as stitched, `repaired` the action tables after their repairs;
    the document's own title and facts (`document_text`) are placed on its first page."""
    action_sources = {src for t in repaired for src in t.sources}
    other_sources = {src for t in tables for src in t.sources} - action_sources
    action_tables = [t for t in tables if set(t.sources) & action_sources]
    pools = _placed_words([*action_tables, *repaired], actions)
    if layouts:
        pools.setdefault(layouts[0].page, Counter()).update(words_of(document_text))
    everywhere: Counter[str] = sum(pools.values(), Counter())
    # a heading may name rows on the next page: themes and objectives count everywhere
    context = Counter(
        w for a in actions for text in (a.theme, a.objective) if text for w in words_of(text)
    )
    warnings: list[PlanWarning] = []
    dropped: list[DroppedText] = []
    for layout in layouts:
        pool = pools.get(layout.page, Counter())
        has_action_table = any((layout.page, t.box) in action_sources for t in layout.tables)
        for table in layout.tables:
            if (layout.page, table.box) in action_sources:
                warnings.extend(_unplaced_cells(table, pool))
            elif (layout.page, table.box) in other_sources:
                dropped.append(_drop("not_an_action_table", layout.page, _table_text(table)))
        if has_action_table:
            warnings.extend(
                _unplaced_lines(layout, pool, context, furniture, dropped, settings.context)
            )
            if layout.sideways:
                text = " ".join(w.text for w in layout.sideways)
                dropped.append(_drop("sideways", layout.page, text))
        warnings.extend(_clipped_out_of_sight(layout, everywhere))
    return Audit(tuple(warnings), tuple(_merged(dropped)))


def _clipped_out_of_sight(layout: PageLayout, placed: Counter[str]) -> list[PlanWarning]:
    """Text in the text layer that the page clips out of sight is not read (a spreadsheet
    prints a merged cell's text again, clipped, on every page it reaches); where the
    output holds it nowhere (a cell's last words cut off on screen), it is reported."""
    warnings = []
    for line in layout.clipped:
        missing = [w for w in words_of(line.text) if placed[w] == 0]
        if missing:
            warning = _unplaced(layout.page, line.box, line.text, missing)
            message = warning.message.replace("printed here", "clipped out of sight here")
            warnings.append(warning.model_copy(update={"message": message}))
    return warnings


def _placed_words(
    action_tables: Sequence[LogicalTable], actions: Sequence[Action]
) -> dict[int, Counter[str]]:
    """Per page, the words the output holds for it: its records' text, and the header
    labels, captions, section rows and statements of the action tables printed there,
    and the rows their repairs took out."""
    pools: dict[int, Counter[str]] = {}
    for action in actions:
        words = Counter(words_of(" ".join(_record_texts(action))))
        for page in action.provenance.pages:
            pools.setdefault(page, Counter()).update(words)
    for table in action_tables:
        labels = Counter(words_of(" ".join(table.labels)))
        for page, _ in table.sources:
            pools.setdefault(page, Counter()).update(labels)
        for row in table.rows:
            if row.kind in ("caption", "statement", "header", "section", "subhead"):
                pools.setdefault(row.page, Counter()).update(words_of(row.text))
        for page, text in table.dropped:
            pools.setdefault(page, Counter()).update(words_of(text))
    return pools


def _record_texts(action: Action) -> Iterable[str]:
    if action.new is not None:
        yield YES_NO_WORDS  # the yes/no cell is in the record as a boolean
    for key, value in action.model_dump(exclude={"provenance"}).items():
        if key == "id" and value:
            yield ID_PART.sub(" ", value)  # "1a": strategy 1's printed "a." composed in
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))
        elif isinstance(value, dict) and key == "extra":
            yield from (f"{k} {v}" for k, v in value.items())


def _take(pool: Counter[str], words: list[str]) -> list[str]:
    """Take the words from the pool; return those it does not hold."""
    missing = []
    for word in words:
        if pool[word] > 0:
            pool[word] -= 1
        else:
            missing.append(word)
    return missing


def _unplaced_cells(table: RawTable, pool: Counter[str]) -> list[PlanWarning]:
    warnings = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        missing = _take(pool, words_of(cell.text))
        if missing:
            warnings.append(_unplaced(table.page, cell.box, cell.text, missing))
    return warnings


def _unplaced_lines(
    layout: PageLayout,
    pool: Counter[str],
    context: Counter[str],
    furniture: set[str],
    dropped: list[DroppedText],
    cfg: ContextSettings,
) -> list[PlanWarning]:
    warnings = []
    for line in layout.lines:
        text = line.text
        if is_page_number(text):
            dropped.append(_drop("page_number", layout.page, text))
        elif is_furniture(line, furniture):
            dropped.append(_drop("furniture", layout.page, text))
        elif any(captions(line.box, t.box, cfg) for t in layout.tables):
            dropped.append(_drop("caption", layout.page, text))
        else:
            missing = [w for w in _take(pool, words_of(text)) if not context[w]]
            if missing:
                warnings.append(_unplaced(layout.page, line.box, text, missing))
    return warnings


def _unplaced(page: int, box: Box, text: str, missing: list[str]) -> PlanWarning:
    """The warning for text whose `missing` words no record holds: the whole text when
    most of it is missing, else the missing words and the text they stand in."""
    text = " ".join(text.split())
    if len(missing) * 2 >= len(words_of(text)):
        what = repr(text)
    else:
        what = f"{' '.join(missing)!r} in {_sample(text)!r}"
    return PlanWarning(
        code="unplaced_text",
        page=page,
        bbox=box.rounded(),
        message=f"page {page}: {len(missing)} word(s) printed here are in no record, "
        f"header or theme: {what}",
    )


DropKind = Literal["furniture", "page_number", "caption", "sideways", "not_an_action_table"]


def _drop(kind: DropKind, page: int, text: str) -> DroppedText:
    text = " ".join(text.split())
    return DroppedText(kind=kind, page=page, words=len(words_of(text)), text=text)


def _merged(dropped: list[DroppedText]) -> list[DroppedText]:
    """One entry per page and kind, with its word count and the start of its text."""
    merged: dict[tuple[int, str], DroppedText] = {}
    for drop in dropped:
        key = (drop.page, drop.kind)
        before = merged.get(key)
        if before is None:
            merged[key] = drop
        else:
            merged[key] = DroppedText(
                kind=drop.kind,
                page=drop.page,
                words=before.words + drop.words,
                text=f"{before.text} · {drop.text}",
            )
    return [
        d.model_copy(update={"text": _sample(d.text)})
        for _, d in sorted(merged.items(), key=lambda kv: kv[0])
    ]


def _sample(text: str) -> str:
    return text if len(text) <= DROP_SAMPLE_CHARS else text[: DROP_SAMPLE_CHARS - 1] + "…"


def _table_text(table: RawTable) -> str:
    return " ".join(c.text for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.text)
