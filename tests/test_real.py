"""Real public PDFs no one here made (../shared/corpus/real): records where they are action
plans, an honest "no action table" where they are not, and never a traceback."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

import planparse
from conftest import REAL

ALL_REAL = sorted(REAL.rglob("*.pdf"))
APPENDIX_A = (
    "kent-county-council/24-00115 - Appendix A - Current Health wellbeing activity within KCC.pdf"
)
#: documents that are not action plans: planparse must say so, not invent records
NOT_ACTION_PLANS = [
    "pdfplumber-fixtures/WARN-Report-for-7-1-2015-to-03-25-2016.pdf",
    "kent-county-council/Appendix J - Budget Risk Register.pdf",
    "tabula-java-fixtures/One_Stop_Voting_Site_List_Nov2012.pdf",
]


def _outcome(path: str) -> tuple[str, str, str]:
    """(path, outcome kind, the plan's JSON when there is one), run in a worker process."""
    try:
        plan = planparse.extract(path)
    except planparse.NoActionTableError:
        return path, "no_action_table", ""
    except planparse.PlanparseError as exc:
        return path, f"error: {exc}", ""
    except Exception as exc:  # any other exception is a defect
        return path, f"crash: {type(exc).__name__}: {exc}", ""
    return path, "plan", plan.model_dump_json()


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[str, planparse.ActionPlan | None]]:
    """Every real PDF extracted once, two at a time."""
    assert ALL_REAL, f"no PDFs under {REAL}"
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(_outcome, [str(p) for p in ALL_REAL]))
    return {
        Path(p).relative_to(REAL).as_posix(): (
            kind,
            planparse.ActionPlan.model_validate_json(data) if data else None,
        )
        for p, kind, data in results
    }


@pytest.fixture(scope="module")
def outcomes(extracted) -> dict[str, tuple[str, int]]:
    return {
        name: (kind, len(plan.actions) if plan else 0) for name, (kind, plan) in extracted.items()
    }


def test_every_real_pdf_runs_without_a_crash(outcomes):
    crashes = {name: kind for name, (kind, _) in outcomes.items() if kind.startswith("crash")}
    assert not crashes
    errors = {name: kind for name, (kind, _) in outcomes.items() if kind.startswith("error")}
    assert not errors


def test_action_plans_give_records(outcomes):
    for name, minimum in [
        ("west-sussex-tobacco-control/Action_plan_Table.pdf", 70),
        ("kent-county-council/24-00115 - Appendix B - KCC ICS priorities measures.pdf", 60),
        (APPENDIX_A, 150),
        ("vermont-clean-water/burlingtonurl35.pdf", 80),
        ("other-action-plans/geo-women-economy-action-plan-2013.pdf", 30),
        ("other-action-plans/norfolk-va-climate-action-plan-2019.pdf", 50),
        ("pdfplumber-fixtures/chelsea_pdta.pdf", 30),
    ]:
        kind, count = outcomes[name]
        assert kind == "plan" and count >= minimum, (name, kind, count)


@pytest.mark.parametrize("name", NOT_ACTION_PLANS)
def test_documents_that_are_not_action_plans_say_so(outcomes, name):
    assert outcomes[name][0] == "no_action_table"


@pytest.fixture(scope="module")
def plan_at(extracted):
    def get(relative: str) -> planparse.ActionPlan:
        kind, plan = extracted[relative]
        assert plan is not None, (relative, kind)
        return plan

    return get


def _find(plan: planparse.ActionPlan, start: str) -> planparse.Action:
    hits = [a for a in plan.actions if a.action.startswith(start)]
    assert len(hits) == 1, (start, len(hits))
    return hits[0]


def test_west_sussex_unruled_rows(plan_at):
    plan = plan_at("west-sussex-tobacco-control/Action_plan_Table.pdf")
    assert plan.columns[:2] == ["Action", "Description"]
    record = _find(plan, "Share data gathered from health MOTs")
    assert record.id == "9"
    assert (record.status, record.status_raw) == ("complete", "Complete")
    assert record.partners == ["Wellbeing programme"]
    assert (
        record.success_measure == "Awareness of local smoking population data collected and shared"
    )
    assert record.provenance.strategy == "stream"


def test_kent_slides_rows_from_shaded_cells(plan_at):
    plan = plan_at("kent-county-council/24-00115 - Appendix B - KCC ICS priorities measures.pdf")
    record = _find(plan, "Deliver Ageing Well Programme")
    assert record.lead == ["CPH lead"]
    assert (record.due_raw, record.due) == ("2027", "2027")
    assert record.workstream == "SO3,SO4"
    assert record.theme.startswith("Prevention Programme supporting the Integrated Care")
    # consecutive one-line rows stay apart
    assert _find(plan, "Deliver Smokefree Generation").due_raw == "2024-2029"


def test_vermont_numbered_strategies_and_lettered_sub_actions(plan_at):
    plan = plan_at("vermont-clean-water/burlingtonurl35.pdf")
    parent = _find(plan, "Increase adoption of field agronomic practices")
    child = _find(plan, "Increase workshops and targeted outreach")
    assert (parent.id, child.id) == ("8", "8a")
    assert (child.status, child.workstream) == ("complete", "Agriculture")
    assert child.provenance.pages == [85]
    assert (
        "Additional workshops focused on soil health"
        in child.extra["Explanation (numbers associated with Basin 5 unless otherwise noted)"]
    )


def test_norfolk_strategy_cards(plan_at):
    plan = plan_at("other-action-plans/norfolk-va-climate-action-plan-2019.pdf")
    record = _find(plan, "Residential Solar")
    assert record.lead == ["Municipal Government", "Financial Institutions", "NGOs"]
    assert record.partners == ["Advocacy Organizations"]
    assert record.due_raw == "Short-term"
    assert record.extra["Secondary Benefits"] == "Job Creation, Equity, Cost Savings"


def test_government_action_plan_ids(plan_at):
    plan = plan_at("other-action-plans/geo-women-economy-action-plan-2013.pdf")
    assert plan.columns == ["Ref", "Detailed action", "Government response"]
    record = next(a for a in plan.actions if a.id == "G1.1")
    assert record.action.startswith("Support recommendation of National Careers Council")
    assert record.theme == "Chapter 1: Starting Out"  # the nearest heading, not the page title
