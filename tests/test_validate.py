"""`planparse validate` on hostile JSON: each problem is one short line and exit code 1,
never a traceback, whatever the file holds."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import dev_pdf
from planparse.cli import app
from planparse.validate import iso_date_problem

runner = CliRunner()
#: the longest line a problem may give (the file's path aside)
LINE_CHARS = 250


@pytest.fixture(scope="module")
def plan_text(tmp_path_factory) -> str:
    target = tmp_path_factory.mktemp("plan") / "plan.json"
    result = runner.invoke(
        app, ["extract", str(dev_pdf("col_delivery_plan_2023_27.excel")), "-o", str(target)]
    )
    assert result.exit_code == 0
    return target.read_text()


def check(tmp_path, text: str, name: str = "hostile.json"):
    path = tmp_path / name
    path.write_text(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert lines and all(len(line) - len(str(path)) <= LINE_CHARS for line in lines), lines
    assert result.stderr == "planparse: 0 of 1 file(s) valid\n"
    return [line[len(str(path)) + 2 :] for line in lines]


def test_deep_nesting(tmp_path):
    assert check(tmp_path, "[" * 100_000 + "]" * 100_000) == [
        "$: nested too deeply to be a plan (more than 32 levels)"
    ]
    lines = check(tmp_path, '{"a":' * 40 + "1" + "}" * 40, "forty.json")
    assert lines == ["$" + ".a" * 32 + ": nested more than 32 levels deep: not a plan"]


def test_huge_numbers(tmp_path, plan_text):
    data = plan_text.replace('"pages": 4', '"pages": ' + "9" * 5000, 1)
    assert check(tmp_path, data) == ["$.source.pages: a number of 5000 digits is too large"]
    data = plan_text.replace('"pages": 4', '"pages": 1e999', 1)
    assert check(tmp_path, data, "inf.json") == ["$.source.pages: 1e999 is too large for a number"]


def test_nan_and_infinity_in_boxes(tmp_path, plan_text):
    plan = json.loads(plan_text)
    plan["actions"][0]["provenance"]["boxes"][0]["bbox"][1] = float("nan")
    plan["actions"][2]["provenance"]["boxes"][0]["bbox"][3] = float("-inf")
    assert check(tmp_path, json.dumps(plan)) == [
        "$.actions[0].provenance.boxes[0].bbox[1]: NaN is not a JSON number "
        "(JSON has no NaN or Infinity)",
        "$.actions[2].provenance.boxes[0].bbox[3]: -Infinity is not a JSON number "
        "(JSON has no NaN or Infinity)",
    ]


def test_dates_are_calendar_dates_at_every_precision(tmp_path, plan_text):
    plan = json.loads(plan_text)
    plan["actions"][0]["due"] = "2025-13"
    plan["actions"][1]["due"] = "2025-02-29"
    plan["actions"][2]["due"] = "0000"
    plan["actions"][3]["due"] = "2024-02-29"  # a leap day: fine
    plan["document"]["published"] = "March 2022"
    assert check(tmp_path, json.dumps(plan)) == [
        "$.actions[0].due: '2025-13' is not a calendar date",
        "$.actions[1].due: '2025-02-29' is not a calendar date",
        "$.actions[2].due: '0000' is not a calendar date",
        "$.document.published: 'March 2022' is not an ISO date like 2025-03-31, 2019-06 or 2019",
    ]
    assert iso_date_problem("2019") is None and iso_date_problem("2019-12") is None


def test_an_array_is_one_short_line_not_the_document(tmp_path, plan_text):
    plan = json.loads(plan_text)
    lines = check(tmp_path, json.dumps([plan] * 20))
    assert lines == ["$: an array of 20 item(s) is not of type 'object'"]
    assert len(json.dumps([plan] * 20)) > 70_000


def test_long_values_are_cut(tmp_path, plan_text):
    plan = json.loads(plan_text)
    plan["actions"][0]["status"] = "x" * 10_000
    plan["actions"][1]["bogus"] = 1
    lines = check(tmp_path, json.dumps(plan))
    assert lines[0].startswith("$.actions[0].status: 'xxxx") and "…" in lines[0]
    assert lines[1].startswith("$.actions[1]: Additional properties are not allowed")
