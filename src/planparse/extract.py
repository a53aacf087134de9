"""The pipeline, composed: PDF -> pages -> raw tables -> logical tables -> records -> plan."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path

from .document import read_document, title_block
from .errors import InputError, NoActionTableError
from .logs import capture_logs
from .mapping import MAX_SMALL_HEADER
from .models import Action, ActionPlan, PlanWarning, Source
from .ocr import OcrMode, needs_ocr, ocr_pages
from .pages import Page, file_sha256, open_pdf, read_pages, select_pages
from .records import table_records
from .repairs import apply_repairs
from .stitch import LogicalTable, furniture_key, stitch
from .tables import PageLayout, find_tables
from .version import __version__

#: an action table maps at least this many of its columns onto record keys
MIN_MAPPED_COLUMNS = 2


def extract(
    path: str | os.PathLike[str],
    *,
    pages: Sequence[int] | None = None,
    password: str | None = None,
    skip_repairs: Collection[str] = (),
    ocr: OcrMode = "auto",
    jobs: int = 1,
) -> ActionPlan:
    """Read the action-plan tables of a PDF into a validated plan.

    `pages` limits the pages read (1-based); `password` opens an encrypted PDF;
    `skip_repairs` turns named repairs off; `ocr` is "auto" (scanned pages only),
    "always" or "never"; `jobs` > 1 OCRs pages in that many processes. Raises InputError
    for unreadable input (EncryptedError without the right password), NoActionTableError
    when no table maps onto the record, OcrUnavailable when scanned pages need Tesseract
    and it is missing, and ValueError for an unknown repair name.
    """
    path = Path(path)
    layouts: dict[int, PageLayout] = {}
    scanned: list[Page] = []
    unreadable: list[Page] = []
    damage: list[str] = []  # what could not be read, page by page
    with capture_logs(), open_pdf(path, password) as pdf:
        numbers = select_pages(pdf.page_count, pages)
        if pages and not numbers:
            raise InputError(
                f"{path}: has {pdf.page_count} page(s); none of the pages asked for exists"
            )
        for page in read_pages(pdf, numbers):
            if needs_ocr(page, ocr):
                scanned.append(page)  # OCR reads what the page shows, damaged text or not
                continue
            if page.unreadable:
                unreadable.append(page)
            damage.extend(page.notes)
            layouts[page.number] = find_tables(page)
        if len(unreadable) == len(numbers):
            raise InputError(f"{path}: no page could be read ({unreadable[0].notes[0]})")
        metadata = pdf.metadata
        page_count = pdf.page_count
        document_notes = pdf.notes
        damage.extend(note for _, note in document_notes)
    for page in ocr_pages(str(path), scanned, password=password, jobs=jobs):
        layouts[page.number] = find_tables(page)
    source = Source(file=path.name, sha256=file_sha256(path), pages=page_count)
    ordered = [layouts[n] for n in sorted(layouts)]
    try:
        plan = build_plan(ordered, source, metadata, skip_repairs=skip_repairs)
    except NoActionTableError as exc:
        if damage:  # the table may be in what could not be read: say so
            raise NoActionTableError(f"{exc}; {len(damage)} problem(s) reading the PDF, "
                                     f"first: {damage[0]}") from None  # fmt: skip
        raise
    return with_page_tree_warnings(plan, document_notes)


def with_page_tree_warnings(
    plan: ActionPlan, notes: Sequence[tuple[int | None, str]]
) -> ActionPlan:
    """The plan with a `page_tree_broken` warning first for each page-tree problem."""
    if not notes:
        return plan
    tree = [PlanWarning(code="page_tree_broken", page=page, message=note) for page, note in notes]
    return plan.model_copy(update={"warnings": [*tree, *plan.warnings]})


def build_plan(
    layouts: Sequence[PageLayout],
    source: Source,
    metadata: dict[str, object] | None = None,
    *,
    skip_repairs: Collection[str] = (),
) -> ActionPlan:
    """Everything after table finding: stitch, repair, map, normalise, validate."""
    document = read_document(layouts, metadata)
    title_keys = set()
    if layouts:
        first = layouts[0]
        title_keys = {furniture_key(ln.text) for ln in title_block(first.lines, first.body_size)}
    tables = stitch(layouts, exclude=title_keys)
    action_tables = [t for t in tables if is_action_table(t)]
    if not action_tables:
        raise NoActionTableError(f"{source.file}: {describe_tables(tables, len(layouts))}")
    warnings: list[PlanWarning] = [
        PlanWarning(code="page_unreadable", page=layout.page, message=note)
        for layout in layouts
        for note in layout.notes
    ]
    actions: list[Action] = []
    best_columns: list[str] = []
    best_count = -1
    for index, table in enumerate(action_tables):
        repaired = apply_repairs(table, skip_repairs)
        records = table_records(repaired, index, warnings)
        actions.extend(records)
        if len(records) > best_count:
            best_columns, best_count = [c for c in repaired.labels if c], len(records)
    if not actions:
        raise NoActionTableError(f"{source.file}: action table(s) found, but no rows in them")
    return ActionPlan(
        planparse_version=__version__,
        source=source,
        document=document,
        columns=best_columns,
        actions=actions,
        warnings=warnings,
    )


def is_action_table(table: LogicalTable) -> bool:
    """A table is an action table when it has an action (or objective) column among at
    least two columns that map onto record keys (or a narrow table of at most three
    columns), and rows under its header; or when it is a box of actions ("Potential
    next steps")."""
    if table.kind == "box":
        return any(row.kind == "data" for row in table.rows)
    keys = [k for k in table.keys if k]
    has_anchor = "action" in keys or "objective" in keys
    has_rows = any(row.kind == "data" and row.text for row in table.rows)
    enough = len(keys) >= MIN_MAPPED_COLUMNS or len(table.columns) <= MAX_SMALL_HEADER
    return has_anchor and enough and has_rows


def describe_tables(tables: Sequence[LogicalTable], pages: int) -> str:
    if not tables:
        return f"no action table: no table found on {pages} page(s)"
    headed = [t for t in tables if any(c.label for c in t.columns)]
    return (
        f"no action table: {len(tables)} table(s) found on {pages} page(s), none with an "
        f"action or objective column among its headers"
        + (f" (first: {' | '.join(headed[0].labels)[:80]})" if headed else "")
    )
