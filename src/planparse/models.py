"""The canonical action-plan record (../spec/RECORD.md) and the plan that holds it.

These models are the product's contract: the JSON export is their dump, and the JSON
Schema in schemas/ is generated from them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Status = Literal["not_started", "in_progress", "complete", "delayed", "deferred", "cancelled"]
Rag = Literal["red", "amber", "green"]
BBox = tuple[float, float, float, float]

ISO_DUE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageBox(_Model):
    """Where on a page a record's cells are."""

    page: int = Field(description="1-based page number.", ge=1)
    bbox: BBox = Field(
        description="x0, top, x1, bottom in PDF points, origin at the page's top-left corner."
    )


class Provenance(_Model):
    """Where a record came from and what was done to it, so any value can be checked."""

    pages: list[int] = Field(description="Pages the record's row is printed on, in order.")
    boxes: list[PageBox] = Field(description="The row's bounding box on each of those pages.")
    table: int = Field(description="Index (0-based) of the logical table the row belongs to.")
    strategy: str = Field(
        description="How the table was found: lattice (ruling lines or shaded cells), "
        "stream (text alignment), hybrid (a ruled frame read again from its text), "
        "ocr-lattice / ocr-stream / ocr-hybrid (the same on OCR'd pages), camelot-lattice "
        "/ camelot-stream / camelot-network / camelot-hybrid (camelot-py's cells, with "
        "`--tables`, or under auto where images may hold the rules), manual (`--columns`)."
    )
    repairs: list[str] = Field(
        description="Names of the repair functions that changed this record, in the "
        "order they ran (fill_down_merged_cells, join_page_break_fragments, ...)."
    )
    rag_source: Literal["text", "fill"] | None = Field(
        default=None, description="Whether `rag` was read from the cell's text or its colour."
    )
    ocr: bool = Field(default=False, description="True when the text was read by OCR.")
    ocr_confidence: float | None = Field(
        default=None, description="Mean OCR word confidence (0-100) of the row's words."
    )
    roles_from_content: dict[str, str] = Field(
        default_factory=dict,
        description="Record keys whose column was recognised from what it holds (or from "
        "the table's shape), not from its header, with the reason: "
        '{"status": "column \'Progress\' holds status words"}.',
    )


class Action(_Model):
    """One row of an action plan: what was promised, by whom, by when, and how it went."""

    id: str | None = Field(
        description='Identifier printed for the row ("1.1"); rows under a merged id cell share it.'
    )
    theme: str | None = Field(description="Section / priority heading grouping the rows.")
    workstream: str | None = Field(description='Per-row category column ("Lead Area").')
    objective: str | None = Field(description="Objective / goal, without its leading id.")
    action: str = Field(description="The action / activity text of the row.", min_length=1)
    description: str | None = Field(description='Second descriptive column ("Does what?").')
    progress: str | None = Field(description="Progress update or commentary.")
    status: Status | None = Field(description="Normalised status.")
    status_raw: str | None = Field(description="Status text exactly as printed.")
    rag: Rag | None = Field(description="Red / amber / green, from text or cell colour.")
    lead: list[str] = Field(description='Owners ("Who", "Lead officer"), split on commas.')
    partners: list[str] = Field(description='Partners ("With who"), split on commas.')
    due_raw: str | None = Field(description="Deadline text as printed.")
    due: str | None = Field(
        description='ISO deadline: "2025-03-31", "2019-06" or "2019".',
        pattern=ISO_DUE_PATTERN,
    )
    evidence: str | None = Field(description='"Evidence/Audit" column.')
    success_measure: str | None = Field(description='"Success Measure" column.')
    new: bool | None = Field(description='From a "New this period?" column.')
    extra: dict[str, str] = Field(
        default_factory=dict,
        description="Columns that map to no record key: header label -> cell text.",
    )
    provenance: Provenance

    @field_validator("action")
    @classmethod
    def _action_has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("action text is empty")
        return value


class Document(_Model):
    """What the document says about itself."""

    title: str | None = Field(default=None, description="Document title.")
    organisation: str | None = Field(default=None, description="Publishing organisation.")
    period: str | None = Field(default=None, description='Period covered, "2020-2022".')
    published: str | None = Field(default=None, description='Publication month, "2022-03".')


class Source(_Model):
    """The input file."""

    file: str = Field(description="File name of the PDF.")
    sha256: str = Field(description="SHA-256 of the PDF's bytes.")
    pages: int = Field(description="Number of pages in the PDF.", ge=0)


class PlanWarning(_Model):
    """Something the analyst should check: low OCR confidence, a row with no action..."""

    code: str = Field(description="Short machine-readable kind.")
    message: str = Field(description="One line for people.")
    page: int | None = Field(default=None, description="Page concerned, if one.")
    bbox: BBox | None = Field(
        default=None,
        description="Where on the page (x0, top, x1, bottom in points), if one place.",
    )


class DroppedText(_Model):
    """Printed text left out of the records on purpose, by kind and page."""

    kind: Literal["furniture", "page_number", "caption", "sideways", "not_an_action_table"] = Field(
        description="Why it was left out: running headers and footers (furniture), page "
        "numbers, a table's own caption printed above it, text set sideways in the "
        "margin, a table that is not an action table."
    )
    page: int = Field(description="1-based page number.", ge=1)
    words: int = Field(description="How many words were left out.", ge=0)
    text: str = Field(description="The start of the text left out.")


class TableRepair(_Model):
    """A repair applied to a whole table rather than to single rows (a header printed on
    every page taken out, a row of filter-arrow glyphs folded into the header)."""

    repair: str = Field(description="Name of the repair function.")
    table: int = Field(description="Index (0-based) of the logical table, as in provenance.")
    pages: list[int] = Field(description="Pages of the table.")
    detail: str = Field(description="What the repair did, in one line.")


class ActionPlan(_Model):
    """Everything planparse read from one PDF."""

    planparse_version: str = Field(description="Version of planparse that wrote this.")
    source: Source
    document: Document
    columns: list[str] = Field(
        description="Header cells of the action table as printed, left to right."
    )
    actions: list[Action]
    warnings: list[PlanWarning] = Field(default_factory=list)
    table_repairs: list[TableRepair] = Field(
        default_factory=list,
        description="Repairs applied to whole tables; row repairs are in each record's provenance.",
    )
    dropped: list[DroppedText] = Field(
        default_factory=list,
        description="Text left out of the records on purpose (page furniture, tables that "
        "are not action tables...): every other printed word of an action table's pages "
        "is in a record, a header, a theme, or an `unplaced_text` warning.",
    )


RECORD_KEYS: tuple[str, ...] = (
    "id",
    "theme",
    "workstream",
    "objective",
    "action",
    "description",
    "progress",
    "status",
    "status_raw",
    "rag",
    "lead",
    "partners",
    "due_raw",
    "due",
    "evidence",
    "success_measure",
    "new",
)
