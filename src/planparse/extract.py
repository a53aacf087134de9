"""The pipeline, composed: PDF -> pages -> raw tables -> logical tables -> records -> plan."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .audit import audit
from .document import document_text, read_document, title_block
from .errors import InputError, NoActionTableError, PagesNotFound
from .logs import capture_logs
from .models import Action, ActionPlan, PlanWarning, Source, TableRepair
from .normalise import numeric_date_order
from .ocr import OcrMode, OcrUnavailable, is_searchable_scan, needs_ocr, ocr_pages
from .pages import Page, file_sha256, open_pdf, read_pages, select_pages
from .records import table_records
from .repairs import STRUCTURE_REPAIRS, apply_repairs, check_repair_names
from .roles import Decision, assign_roles, decide
from .settings import DEFAULTS, OcrSettings, Settings
from .stitch import LogicalTable, furniture_key, furniture_lines, stitch
from .tables import FINDERS, Area, Finder, PageLayout, PdfSource, find_tables
from .version import __version__

logger = logging.getLogger(__name__)


def extract(
    path: str | os.PathLike[str],
    *,
    pages: Sequence[int] | None = None,
    password: str | None = None,
    skip_repairs: Collection[str] = (),
    ocr: OcrMode = "auto",
    jobs: int = 1,
    tables: Finder = "auto",
    settings: Settings = DEFAULTS,
    areas: Sequence[Area] = (),
    columns: Sequence[float] = (),
) -> ActionPlan:
    """Read the action-plan tables of a PDF into a validated plan.

    `pages` limits the pages read (1-based); `password` opens an encrypted PDF;
    `skip_repairs` turns named repairs off; `ocr` is "auto" (scanned pages only),
    "always" or "never"; `jobs` > 1 OCRs pages in that many processes; `tables` names
    the table finder ("auto", "native" or a camelot flavour); `settings` holds every
    tuning threshold (`planparse.Settings`, measured defaults); `areas` and `columns`
    say where tables are when detection fails (see `planparse.tables.find_tables`).
    Raises InputError for unreadable input (EncryptedError without the right password,
    PagesNotFound when none of `pages` exists), NoActionTableError when no table maps
    onto the record, OcrUnavailable when scanned pages need Tesseract and it is missing,
    and ValueError for an unknown repair name.
    """
    check_repair_names(skip_repairs)
    if tables not in FINDERS:
        raise ValueError(f"unknown table finder {tables!r}; known: {', '.join(FINDERS)}")
    source = PdfSource(Path(path), password)
    find = partial(
        find_tables, finder=tables, source=source, settings=settings, areas=areas, columns=columns
    )
    read = read_pdf(path, pages=pages, password=password, ocr=ocr, jobs=jobs,
                    settings=settings, find=find)  # fmt: skip
    return plan_of(read, skip_repairs=skip_repairs, settings=settings)


@dataclass(frozen=True)
class ReadPdf:
    """A PDF read up to its tables: each page's layout, and what could not be read."""

    layouts: list[PageLayout]
    source: Source
    metadata: dict[str, object] | None
    #: what could not be read, one line each
    damage: list[str]
    #: problems of the page tree: (page or None, note)
    tree_notes: list[tuple[int | None, str]]


def read_pdf(
    path: str | os.PathLike[str],
    *,
    pages: Sequence[int] | None = None,
    password: str | None = None,
    ocr: OcrMode = "auto",
    jobs: int = 1,
    settings: Settings = DEFAULTS,
    find: Callable[[Page], PageLayout] | None = None,
) -> ReadPdf:
    """The first stages: each page read once (OCR'd once when scanned), then its tables
    found by geometry with `find` (default: `find_tables` with `settings`). The other
    arguments are `extract`'s."""
    path = Path(path)
    find = find or partial(find_tables, settings=settings)
    layouts: dict[int, PageLayout] = {}
    scanned: list[Page] = []
    unreadable: list[Page] = []
    damage: list[str] = []  # what could not be read, page by page
    with capture_logs(), open_pdf(path, password) as pdf:
        numbers = select_pages(pdf.page_count, pages)
        if pages and not numbers:
            raise PagesNotFound(
                f"{path}: has {pdf.page_count} page(s); none of the pages asked for exists",
                pdf.page_count,
            )
        for page in read_pages(pdf, numbers, settings.reading):
            if needs_ocr(page, ocr, settings.ocr):
                scanned.append(page)  # OCR reads what the page shows, damaged text or not
                continue
            if page.unreadable:
                unreadable.append(page)
            damage.extend(page.notes)
            layouts[page.number] = find(page)
        if len(unreadable) == len(numbers):
            raise InputError(f"{path}: no page could be read ({unreadable[0].notes[0]})")
        metadata = pdf.metadata
        page_count = pdf.page_count
        tree_notes = list(pdf.notes)
        damage.extend(note for _, note in tree_notes)
    for page in _ocr_or_text_layer(path, scanned, password, jobs, settings.ocr):
        layouts[page.number] = find(page)
    about = Source(file=path.name, sha256=file_sha256(path), pages=page_count)
    ordered = [layouts[n] for n in sorted(layouts)]
    return ReadPdf(ordered, about, metadata, damage, tree_notes)


def _ocr_or_text_layer(
    path: Path, scanned: list[Page], password: str | None, jobs: int, cfg: OcrSettings
) -> list[Page]:
    """The scanned pages read by OCR; searchable scans keep their own text layer when
    Tesseract is missing (camelot's lattice can still see their rules under auto)."""
    try:
        return ocr_pages(str(path), scanned, password=password, jobs=jobs, cfg=cfg)
    except OcrUnavailable:
        if not all(is_searchable_scan(page, cfg) for page in scanned):
            raise
        logger.info("%s: Tesseract is missing: searchable scans read from their text", path)
        return scanned


def plan_of(
    read: ReadPdf, *, skip_repairs: Collection[str] = (), settings: Settings = DEFAULTS
) -> ActionPlan:
    """The validated plan of a PDF read up to its tables; NoActionTableError names what
    could not be read when no action table was found, since it may be there."""
    try:
        plan = build_plan(
            read.layouts, read.source, read.metadata, skip_repairs=skip_repairs,
            settings=settings,
        )  # fmt: skip
    except NoActionTableError as exc:
        if read.damage:
            raise NoActionTableError(f"{exc}; {len(read.damage)} problem(s) reading the PDF, "
                                     f"first: {read.damage[0]}") from None  # fmt: skip
        raise
    return with_page_tree_warnings(plan, read.tree_notes)


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
    settings: Settings = DEFAULTS,
) -> ActionPlan:
    """Everything after table finding: stitch, roles, repair, records, validate."""
    document = read_document(layouts, metadata)
    furniture = furniture_lines(layouts, settings.stitch)
    if layouts:
        first = layouts[0]
        furniture |= {furniture_key(ln.text) for ln in title_block(first.lines, first.body_size)}
    tables = [
        assign_roles(apply_repairs(t, skip_repairs, STRUCTURE_REPAIRS, settings), settings)
        for t in stitch(
            layouts, furniture=furniture, cfg=settings.stitch, structure=settings.structure
        )
    ]
    decisions = [decide(t, settings) for t in tables]
    action_tables = [t for t, d in zip(tables, decisions, strict=True) if d.action_table]
    if not action_tables:
        why = describe_tables(tables, decisions, len(layouts))
        raise NoActionTableError(f"{source.file}: {why}")
    warnings: list[PlanWarning] = [
        PlanWarning(code="page_unreadable", page=layout.page, message=note)
        for layout in layouts
        for note in layout.notes
    ]
    actions: list[Action] = []
    best_columns: list[str] = []
    best_count = -1
    dayfirst = date_order(action_tables, layouts)
    repaired_tables = []
    for index, table in enumerate(action_tables):
        repaired = apply_repairs(table, skip_repairs, settings=settings)
        repaired_tables.append(repaired)
        records = table_records(repaired, index, warnings, dayfirst=dayfirst, settings=settings)
        actions.extend(records)
        if len(records) > best_count:
            best_columns, best_count = [c for c in repaired.labels if c], len(records)
    if not actions:
        raise NoActionTableError(f"{source.file}: action table(s) found, but no rows in them")
    found = audit(
        layouts, tables, repaired_tables, actions, furniture, document_text(document), settings
    )
    return ActionPlan(
        planparse_version=__version__,
        source=source,
        document=document,
        columns=best_columns,
        actions=actions,
        warnings=[*warnings, *found.warnings],
        table_repairs=table_repairs(repaired_tables),
        dropped=list(found.dropped),
    )


def table_repairs(tables: Sequence[LogicalTable]) -> list[TableRepair]:
    """The table-level repairs of the action tables, each with what it did."""
    out = []
    for index, table in enumerate(tables):
        for name in dict.fromkeys(table.repairs):
            detail = next((n for n in table.notes if _describes(n, name)), name)
            out.append(TableRepair(repair=name, table=index, pages=table.pages, detail=detail))
    return out


def _describes(note: str, repair: str) -> bool:
    words = {"drop_repeated_header_rows": "header", "drop_filter_arrow_rows": "filter-arrow"}
    return words.get(repair, repair) in note


#: page sizes (points, either side) of US letter and legal paper
US_PAPER_SIDES = frozenset({612, 792, 1008})


def date_order(tables: Sequence[LogicalTable], layouts: Sequence[PageLayout]) -> bool:
    """Whether the plan prints numeric dates day first: as its unambiguous dates show
    ("31/03/2019"), or else as its paper suggests (month first on US letter and legal)."""
    texts = [
        row.values[i]
        for table in tables
        for i, key in enumerate(table.keys)
        if key == "due_raw"
        for row in table.rows
        if row.kind == "data" and i < len(row.values)
    ]
    order = numeric_date_order(texts)
    if order is not None:
        return order
    us_paper = any(
        round(layout.width) in US_PAPER_SIDES and round(layout.height) in US_PAPER_SIDES
        for layout in layouts[:1]
    )
    return not us_paper


def describe_tables(
    tables: Sequence[LogicalTable], decisions: Sequence[Decision], pages: int
) -> str:
    """Why no table is an action table, in one line."""
    if not tables:
        return f"no action table: no table found on {pages} page(s)"
    reasons = sorted({d.reason for d in decisions})
    headed = [t for t in tables if any(c.label for c in t.columns)]
    return (
        f"no action table: {len(tables)} table(s) found on {pages} page(s), none an action "
        f"table ({'; '.join(reasons)[:120]})"
        + (f"; first header: {' | '.join(headed[0].labels)[:80]}" if headed else "")
    )
