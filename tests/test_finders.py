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
