"""Every table finder through the whole pipeline, on real PDFs: the native finders and
camelot-py's four flavours, adapted to the same raw-table model."""

from __future__ import annotations

import pytest

import planparse
from conftest import REAL_DEV

SECTION_508 = REAL_DEV / "us-omb-section508-strategic-plan-2013.pdf"


@pytest.mark.parametrize("finder", ["native", "camelot-lattice", "camelot-hybrid"])
def test_ruled_finders_read_the_508_action_plan(finder):
    plan = planparse.extract(SECTION_508, pages=[12], tables=finder)
    assert len(plan.actions) == 12
    first = plan.actions[0]
    assert first.action.startswith("Action plan for transforming www.section508.gov")
    assert first.lead == ["GSA"] and first.workstream == "Increase Transparency"
    expected = "lattice" if finder == "native" else finder
    assert {a.provenance.strategy for a in plan.actions} == {expected}


@pytest.mark.parametrize("finder", ["camelot-stream", "camelot-network"])
def test_text_finders_read_a_table_without_rules(finder):
    # West Sussex's plan: rows ruled, no vertical lines; camelot reads its columns from
    # the text alignment
    pdf = REAL_DEV.parent / "real" / "west-sussex-tobacco-control" / "Action_plan_Table.pdf"
    plan = planparse.extract(pdf, pages=[4], tables=finder)
    assert plan.actions
    assert {a.provenance.strategy for a in plan.actions} == {finder}
    assert any(a.action.startswith("Improving links between prisons") for a in plan.actions)


def test_an_unknown_finder_is_refused():
    with pytest.raises(ValueError, match="unknown table finder"):
        planparse.extract(SECTION_508, tables="magic")  # type: ignore[arg-type]


VIENNA = REAL_DEV.parent / "real" / "heat-health-action-plans" / "Austria__2022_38.pdf"


def test_an_area_and_its_column_lines_recover_a_table_detection_misses():
    # Vienna's heat plan, page 60: "Responsibility | Measures | Impact", rules between
    # the rows only and a header in 6 pt type: no finder sees a table there
    with pytest.raises(planparse.NoActionTableError):
        planparse.extract(VIENNA, pages=[60])
    from planparse.tables import Area

    plan = planparse.extract(
        VIENNA, pages=[60], areas=[Area.parse("60:125,135,560,760")], columns=[355, 518]
    )
    assert plan.columns == ["Responsibility", "Measures", "Impact"]
    assert len(plan.actions) == 17
    first = plan.actions[0]
    assert first.action == "L1 (Avenue) tree initiative"
    assert first.lead == [
        "City of Vienna – Road Management and Construction (MA 28) City of Vienna – Parks "
        "and Gardens (MA 42)"
    ]
    assert {a.provenance.strategy for a in plan.actions} == {"manual"}
    assert plan.actions[-1].action.startswith("Ü8 Heat alert system at the workplace")


def test_the_command_line_takes_area_and_columns(tmp_path):
    from typer.testing import CliRunner

    from planparse.cli import app

    out = tmp_path / "vienna.json"
    args = ["extract", str(VIENNA), "-p", "60", "--area", "60:125,135,560,760"]
    result = CliRunner().invoke(app, [*args, "--columns", "355,518", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert planparse.ActionPlan.model_validate_json(out.read_text()).actions
    bad = CliRunner().invoke(app, [*args, "--columns", "518,355"])
    assert bad.exit_code == 2 and "column lines go left to right" in bad.output
