"""JSON: the plan with RECORD.md's keys, in a fixed order, byte-identical across runs."""

from __future__ import annotations

import json
from typing import IO

from ..models import ActionPlan
from . import Exporter, register


def plan_to_json(plan: ActionPlan) -> str:
    """The plan as JSON text: 2-space indent, UTF-8 characters kept, trailing newline."""
    return json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_json(plan: ActionPlan, stream: IO[str]) -> None:  # type: ignore[override]
    stream.write(plan_to_json(plan))


register(
    Exporter(
        name="json",
        suffix=".json",
        binary=False,
        write=write_json,  # type: ignore[arg-type]
        description="one JSON object per PDF: document, columns, actions, warnings",
    )
)
