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
#: risk registers, budgets, KPI grids, lists and data tables: never a made-up plan
NOT_ACTION_PLANS = [
    "pdfplumber-fixtures/WARN-Report-for-7-1-2015-to-03-25-2016.pdf",
    "pdfplumber-fixtures/150109DSP-Milw-505-90D.pdf",
    "kent-county-council/Appendix I Budget Risk Register 22.01.25.pdf",
    "kent-county-council/Appendix J - Budget Risk Register.pdf",
    "kent-county-council/Appendix F - All templates.pdf",
    "kent-county-council/QPR Q3 Cabinet appendix 1.pdf",
    "tabula-java-fixtures/One_Stop_Voting_Site_List_Nov2012.pdf",
    "tabula-java-fixtures/schools.pdf",
    "tabula-java-fixtures/Publication_of_award_of_Bids_for_Transport_Sector__August_2016.pdf",
    "heat-health-action-plans/United_States__2022_11.pdf",
    "camelot-fixtures/benchmark-lattice-row_span/row_span.pdf",
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


#: the real action plans of corpus/real and the records measured from each (a floor just
#: under the figure: West Sussex must give all of its 88 actions)
REAL_PLANS = {
    "west-sussex-tobacco-control/Action_plan_Table.pdf": 88,
    "kent-county-council/24-00115 - Appendix B - KCC ICS priorities measures.pdf": 90,
    APPENDIX_A: 225,
    "vermont-clean-water/burlingtonurl35.pdf": 104,
    "other-action-plans/geo-women-economy-action-plan-2013.pdf": 35,
    "other-action-plans/norfolk-va-climate-action-plan-2019.pdf": 62,
    "other-action-plans/napa-county-adaptation-memo-2024.pdf": 100,
    "pdfplumber-fixtures/chelsea_pdta.pdf": 38,
    "heat-health-action-plans/Austria__2022_38.pdf": 25,
}


def test_action_plans_give_records(outcomes):
    short = {
        name: outcomes[name]
        for name, minimum in REAL_PLANS.items()
        if outcomes[name][0] != "plan" or outcomes[name][1] < minimum
    }
    assert not short


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
