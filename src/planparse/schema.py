"""The JSON Schemas of planparse's JSON outputs, generated from the models: the plan that
`extract` writes and the diff that `diff` writes."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .models import ActionPlan

SCHEMA_ID = "https://planparse.invalid/schemas/action-plan.schema.json"
DIFF_SCHEMA_ID = "https://planparse.invalid/schemas/plan-diff.schema.json"


def _schema_of(model: type[BaseModel], schema_id: str) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **model.model_json_schema(mode="serialization"),
    }


def json_schema() -> dict[str, Any]:
    """The schema of a plan (`planparse extract`)."""
    return _schema_of(ActionPlan, SCHEMA_ID)


def diff_json_schema() -> dict[str, Any]:
    """The schema of a diff (`planparse diff`)."""
    from .diff import PlanDiff

    return _schema_of(PlanDiff, DIFF_SCHEMA_ID)


def schema_text(which: str = "plan") -> str:
    """A schema as JSON text: "plan" or "diff"."""
    schema = diff_json_schema() if which == "diff" else json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
