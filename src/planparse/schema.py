"""The JSON Schema of planparse's JSON output, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from .models import ActionPlan

SCHEMA_ID = "https://planparse.invalid/schemas/action-plan.schema.json"


def json_schema() -> dict[str, Any]:
    schema = ActionPlan.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
