"""Stage 5: repaired rows -> canonical records, with normalised values and provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean

from .colour import RGB, is_brag_blue, rag_from_rgb
from .geometry import union
from .models import Action, PageBox, PlanWarning, Provenance, Rag, Status
from .normalise import (
    due_date,
    rag_from_text,
    split_people,
    split_status_comment,
    status_from_text,
    yes_no,
)
from .settings import DEFAULTS, ColourSettings, Settings
from .stitch import LogicalTable, Row

_TEXT_KEYS = (
    "id",
    "workstream",
    "objective",
    "action",
    "description",
    "progress",
    "due_raw",
    "evidence",
    "success_measure",
)


@dataclass
class _Values:
    """Record values gathered from one row before validation."""

    text: dict[str, str] = field(default_factory=dict)
    status: Status | None = None
    status_raw: str | None = None
    rag: Rag | None = None
    rag_source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)
    #: a comment printed after the status word in a status cell
    status_comment: tuple[str, str] | None = None


def table_records(
    table: LogicalTable,
    table_index: int,
    warnings: list[PlanWarning],
    *,
    dayfirst: bool = True,
    settings: Settings = DEFAULTS,
) -> list[Action]:
    """One record per data row of an action table; rows with no action text are reported."""
    records = []
    roles = content_roles(table)
    rated = colour_rated_columns(table, settings.colours)
    for row in table.rows:
        if row.kind != "data" or not row.text:
            continue
        values = row_values(table, row, rated, settings.colours)
        action = values.text.get("action") or _fallback_action(table, values)
        if not action:
            warnings.append(
                PlanWarning(
                    code="row_without_action",
                    page=row.page,
                    message=f"page {row.page}: a row with no action text was not made a record: "
                    f"{row.text[:80]!r}",
                )
            )
            continue
        record = build_action(row, values, action, table_index, roles, dayfirst)
        records.append(record)
        low = [c for c in row_confidences(row) if c < settings.ocr.low_confidence]
        if low:
            label = f"{record.id} " if record.id else ""
            warnings.append(
                PlanWarning(
                    code="low_ocr_confidence",
                    page=row.page,
                    message=f"page {row.page}, row {label}{record.action[:50]!r}: {len(low)} "
                    f"word(s) read by OCR with low confidence (lowest {min(low):.0f}); "
                    "check them against the page",
                )
            )
    return records


def row_confidences(row: Row) -> list[float]:
    """OCR confidences of the words printed in the row's own cells (none for a text layer)."""
    seen: set[int] = set()
    out: list[float] = []
    for cell, own in zip(row.cells, row.owns, strict=False):
        if cell is None or not own or id(cell) in seen:
            continue
        seen.add(id(cell))
        out.extend(cell.confidences)
    return out


def _fallback_action(table: LogicalTable, values: _Values) -> str | None:
    """A table with an objective column but no action column lists objectives as actions."""
    if "action" in table.keys:
        return None
    return values.text.get("objective")


def row_values(
    table: LogicalTable,
    row: Row,
    rated_by_colour: frozenset[int] = frozenset(),
    colours: ColourSettings = DEFAULTS.colours,
) -> _Values:
    out = _Values(repairs=list(row.repairs))
    for index, column in enumerate(table.columns):
        text = " ".join(row.values[index].split()) if index < len(row.values) else ""
        key = column.key
        if key in ("status", "rag"):
            _route_status_or_rag(out, column.label or key, key, text, row.fill(index), colours)
        elif key == "progress":
            if index in rated_by_colour:
                _colour_of_cell(out, row.fill(index), colours)
            if text:
                before = out.text.get(key)
                out.text[key] = f"{before} {text}" if before else text
        elif key in _TEXT_KEYS or key in ("lead", "partners", "new", "theme"):
            if text:
                # a second progress column ("Work outstanding" after "Progress") reads on
                before = out.text.get(key)
                out.text[key] = f"{before} {text}" if before else text
        elif text:
            out.extra[_unique(out.extra, column.label or f"column {index + 1}")] = text
    for key in ("id", "objective"):
        derived = row.derived_value(key)
        if derived and not out.text.get(key):
            out.text[key] = derived
    for key, value in row.derived:
        if key.startswith("extra:") and value:
            out.extra[_unique(out.extra, key.removeprefix("extra:"))] = value
    if out.status_comment is not None:
        label, comment = out.status_comment
        if "progress" in out.text:
            out.extra[_unique(out.extra, label)] = comment
        else:
            out.text["progress"] = comment
    return out


def _unique(taken: dict[str, str], label: str) -> str:
    """A label not yet used in `extra`: a repeated header ("Update", "Update") gets " (2)"."""
    name, count = label, 1
    while name in taken:
        count += 1
        name = f"{label} ({count})"
    return name


def _route_status_or_rag(
    out: _Values, label: str, key: str, text: str, fill: RGB | None, colours: ColourSettings
) -> None:
    """Status and RAG columns are read by what they hold: a status word (and any comment
    after it), a RAG word, or a colour filling the cell: red, amber or green as `rag`,
    blue (BRAG plans) as complete."""
    split = split_status_comment(text) if key == "status" else None
    if split is not None and out.status is None:
        phrase, comment = split
        out.status, out.status_raw = status_from_text(phrase), phrase
        out.status_comment = (label, comment)
        out.repairs.append("split_status_comment")
        text = phrase
    status = status_from_text(text)
    rag = rag_from_text(text)
    if status and out.status is None:
        out.status, out.status_raw = status, text
    elif key == "status" and text and not rag and out.status_raw is None:
        out.status_raw = text
    if rag and out.rag is None:
        out.rag, out.rag_source = rag, "text"
    _colour_of_cell(out, fill, colours)
    if key == "rag" and text and not status and not rag:
        out.extra[_unique(out.extra, label)] = text


def _colour_of_cell(out: _Values, fill: RGB | None, colours: ColourSettings) -> None:
    """A status, RAG or progress cell's fill: red, amber (yellow) or green give `rag`;
    blue, BRAG's complete, gives the status where no word does."""
    if out.rag is None:
        fill_rag = rag_from_rgb(fill, colours)
        if fill_rag:
            out.rag, out.rag_source = fill_rag, "fill"
            out.repairs.append("rag_from_fill")
    if out.status is None and is_brag_blue(fill, colours):
        out.status = "complete"
        out.repairs.append("status_from_fill")


def colour_rated_columns(table: LogicalTable, colours: ColourSettings) -> frozenset[int]:
    """Progress columns whose cells are filled in more than one RAG colour: the colour
    rates each row. One colour throughout is the table's background."""
    rated = set()
    for i, key in enumerate(table.keys):
        if key != "progress":
            continue
        found = {rag_from_rgb(r.fill(i), colours) for r in table.rows if r.kind == "data"}
        if len(found - {None}) >= 2:
            rated.add(i)
    return frozenset(rated)


def content_roles(table: LogicalTable) -> dict[str, str]:
    """Record keys whose column was recognised by its content (or the table's shape), not
    its header, and why."""
    return {c.key: c.reason for c in table.columns if c.key and c.source not in (None, "header")}


def build_action(
    row: Row,
    values: _Values,
    action: str,
    table_index: int,
    roles: dict[str, str],
    dayfirst: bool = True,
) -> Action:
    text = values.text
    confidences = row_confidences(row)
    ocr = bool(confidences) or row.strategy.startswith("ocr")
    theme = text.get("theme") or row.theme
    due_raw = text.get("due_raw")
    pages = sorted({page for page, _ in row.spans})
    boxes = [
        PageBox(page=page, bbox=union(b for p, b in row.spans if p == page).rounded())
        for page in pages
    ]
    return Action(
        id=text.get("id"),
        theme=theme,
        workstream=text.get("workstream"),
        objective=text.get("objective"),
        action=action,
        description=text.get("description"),
        progress=text.get("progress"),
        status=values.status,
        status_raw=values.status_raw,
        rag=values.rag,
        lead=split_people(text.get("lead")),
        partners=split_people(text.get("partners")),
        due_raw=due_raw,
        due=due_date(due_raw, dayfirst=dayfirst),
        evidence=text.get("evidence"),
        success_measure=text.get("success_measure"),
        new=yes_no(text.get("new")),
        extra=values.extra,
        provenance=Provenance(
            pages=pages,
            boxes=boxes,
            table=table_index,
            strategy=row.strategy,
            repairs=list(dict.fromkeys(values.repairs)),
            rag_source=values.rag_source,  # type: ignore[arg-type]
            ocr=ocr,
            ocr_confidence=round(mean(confidences), 1) if confidences else None,
            roles_from_content=roles,
        ),
    )
