"""CSV: one row per action, record keys first, then unmapped columns, then provenance."""

from __future__ import annotations

import csv
from typing import IO

from ..models import RECORD_KEYS, Action, ActionPlan
from . import Exporter, register

LIST_SEPARATOR = "; "


def csv_header(plan: ActionPlan) -> list[str]:
    extra: dict[str, None] = {}
    for action in plan.actions:
        extra.update(dict.fromkeys(action.extra))
    return [*RECORD_KEYS, *extra, "pages", "repairs"]


def csv_row(action: Action, header: list[str]) -> list[str]:
    values = action.model_dump(mode="json")
    row = []
    for name in header:
        if name == "pages":
            row.append(LIST_SEPARATOR.join(str(p) for p in action.provenance.pages))
        elif name == "repairs":
            row.append(LIST_SEPARATOR.join(action.provenance.repairs))
        elif name in RECORD_KEYS:
            row.append(cell_text(values[name]))
        else:
            row.append(action.extra.get(name, ""))
    return row


def cell_text(value: object) -> str:
    """A record value as CSV text: lists joined with '; ', booleans as true / false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def write_csv(plan: ActionPlan, stream: IO[str]) -> None:  # type: ignore[override]
    writer = csv.writer(stream, lineterminator="\n")
    header = csv_header(plan)
    writer.writerow(header)
    for action in plan.actions:
        writer.writerow(csv_row(action, header))


register(
    Exporter(
        name="csv",
        suffix=".csv",
        binary=False,
        write=write_csv,  # type: ignore[arg-type]
        description="one row per action; lists joined with '; '; pages and repairs",
    )
)
