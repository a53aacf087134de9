"""The JSON Schema in schemas/ is generated from the models, and output validates against it."""

from __future__ import annotations

import json

import jsonschema

from conftest import ROOT
from planparse.diff import diff_plans
from planparse.diff.formats import diff_to_json
from planparse.exporters.to_json import plan_to_json
from planparse.models import RECORD_KEYS
from planparse.schema import diff_json_schema, json_schema, schema_text

SCHEMA_FILE = ROOT / "schemas" / "action-plan.schema.json"
DIFF_SCHEMA_FILE = ROOT / "schemas" / "plan-diff.schema.json"


def test_schema_file_matches_models():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/action-plan.schema.json is stale: run `make schema`"
    )


def test_diff_schema_file_matches_models():
    assert DIFF_SCHEMA_FILE.read_text(encoding="utf-8") == schema_text("diff"), (
        "schemas/plan-diff.schema.json is stale: run `make schema`"
    )


def test_diff_output_validates_against_its_schema(editions):
    data = json.loads(diff_to_json(diff_plans(*editions)))
    jsonschema.validate(data, diff_json_schema())
    keys = ["planparse_version", "old", "new", "summary", "matched", "added", "removed"]
    assert list(data) == keys


def test_output_validates_against_schema(plan_of):
    data = json.loads(plan_to_json(plan_of("sefton_homelessness_2018_23.word-sections")))
    jsonschema.validate(data, json_schema())


def test_schema_rejects_a_bad_status(plan_of):
    data = json.loads(plan_to_json(plan_of("col_delivery_plan_2023_27.excel")))
    data["actions"][0]["status"] = "sort of done"
    validator = jsonschema.Draft202012Validator(json_schema())
    assert any("sort of done" in e.message for e in validator.iter_errors(data))


def test_records_carry_every_record_key_in_order(plan_of):
    data = json.loads(plan_to_json(plan_of("col_delivery_plan_2023_27.excel")))
    assert list(data)[:4] == ["planparse_version", "source", "document", "columns"]
    for record in data["actions"]:
        assert list(record)[: len(RECORD_KEYS)] == list(RECORD_KEYS)
