"""XLSX for analysts who live in Excel: the actions as a filterable sheet, plus the
document facts and the warnings on sheets of their own."""

from __future__ import annotations

from datetime import datetime
from typing import IO

from ..models import ActionPlan
from . import Exporter, register
from .to_csv import csv_header, csv_row

#: widest a column is set (characters); long texts wrap inside it
MAX_WIDTH = 60
#: the workbook's stated creation time (openpyxl stamps the save time as "modified")
FIXED_TIME = datetime(2000, 1, 1)


def write_xlsx(plan: ActionPlan, stream: IO[bytes]) -> None:  # type: ignore[override]
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.properties.creator = f"planparse {plan.planparse_version}"
    book.properties.created = FIXED_TIME
    sheet = book.active
    sheet.title = "actions"
    header = csv_header(plan)
    sheet.append(header)
    for action in plan.actions:
        sheet.append([_safe(value) for value in csv_row(action, header)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that opens with "=" is text, not a formula
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_WIDTH, max(8, width + 2))
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    facts = book.create_sheet("document")
    facts.append(["field", "value"])
    for key, value in plan.document.model_dump().items():
        facts.append([key, _safe(value)])
    for key, value in plan.source.model_dump().items():
        facts.append([f"source {key}", value])
    facts.append(["columns", " | ".join(plan.columns)])
    facts.append(["planparse version", plan.planparse_version])

    notes = book.create_sheet("warnings")
    notes.append(["code", "page", "message"])
    for warning in plan.warnings:
        notes.append([warning.code, warning.page, _safe(warning.message)])
    book.save(stream)


def _safe(value: object) -> object:
    """Cell text without the control characters XLSX cannot hold."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


register(
    Exporter(
        name="xlsx",
        suffix=".xlsx",
        binary=True,
        write=write_xlsx,  # type: ignore[arg-type]
        description="an Excel workbook: actions, document facts, warnings",
    )
)
