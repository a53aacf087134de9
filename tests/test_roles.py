"""Column roles from header and content, and which tables are action tables, on real plans."""

from __future__ import annotations

import pytest

from conftest import PDFS, REAL, REAL_DEV, page_layouts
from planparse import NoActionTableError, extract
from planparse.roles import assign_roles, decide
from planparse.roles.content import has_leading_id, is_code, is_date, is_id, is_owner, is_status
from planparse.stitch import stitch


def tables_of(pdf, pages):
    return [assign_roles(t) for t in stitch(page_layouts(pdf, pages))]


@pytest.mark.parametrize("text", ["1.1", "2a", "G1.3", "A-12", "3.", "(4)", "12"])
def test_identifiers(text):
    assert is_id(text)


@pytest.mark.parametrize("text", ["Delivering the plan", "2024-25", "£12m", "1.1 Delivering"])
def test_not_identifiers(text):
    assert not is_id(text)


def test_identifier_opening_text():
    assert has_leading_id("1.1 Delivering an improved housing options advice")
    assert has_leading_id("G1.3: Promote flexible working")
    assert not has_leading_id("100 new homes")


@pytest.mark.parametrize(
    "text", ["Q2FY18", "Mar-2018", "3/31/2018", "Ongoing", "FY19", "2019/20", "June 2019"]
)
def test_deadlines_and_timescales(text):
    assert is_date(text)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("OMB, GSA", True),
        ("Head of Housing", True),
        ("Local Housing Authority, Children Services", True),
        ("Improve access to services for young people.", False),
        ("31 March 2025", False),
    ],
)
def test_owners(text, owner):
    assert is_owner(text) is owner


def test_status_words_alone_or_opening_a_comment():
    assert is_status("On track")
    assert is_status("Completed - report published and shared with partners in May")
    assert not is_status("75%")  # a figure, unless the header says status


def test_category_codes():
    assert is_code("SO3,SO4") and is_code("P1") and not is_code("Prevention")


def test_a_blank_first_header_gives_id_and_objective_on_every_record():
    # tests/pdfs/blank-first-header.pdf: the Lewisham table with its first column printed
    # under no label (tests/pdfs/make_blank_header_fixture.py)
    plan = extract(PDFS / "blank-first-header.pdf")
    assert len(plan.actions) == 7
    assert [a.id for a in plan.actions] == ["1.1"] * 5 + ["1.2"] * 2
    assert {a.objective for a in plan.actions[:5]} == {
        "Delivering an improved housing options advice"
    }
    assert all("objective" in a.provenance.roles_from_content for a in plan.actions)


def test_header_vocabulary_of_us_performance_plans():
    (table,) = [
        t
        for t in tables_of(REAL_DEV / "us-cap-goal-security-suitability-fy2018q1.pdf", [6])
        if decide(t).action_table
    ]
    assert table.keys == ["action", "due_raw", "status", "lead", "progress"]
    assert {c.source for c in table.columns} == {"header"}


def test_a_status_that_rates_groups_of_rows_is_not_the_rows_status():
    # Louisville: "Goal Health" is merged down over each goal, "Initiative Health" rates
    # each initiative
    tables = tables_of(REAL_DEV / "louisville-omb-progress-2016.pdf", [1])
    (table,) = [t for t in tables if decide(t).action_table]
    by_label = dict(zip(table.labels, table.keys, strict=True))
    assert by_label["Initiative Health"] == "status"
    assert by_label["Goal Health"] is None
    assert by_label["Initiative"] == "action"


def test_a_titled_card_names_its_action_and_its_task_describes_it(real_dev_plan):
    plan = real_dev_plan("wmp-liberate-mshtplan-2018")
    first = plan.actions[0]
    assert (first.id, first.action) == ("1.1", "Topical Problem Profiles")
    assert first.description.startswith("Create bi-monthly problem profiles")
    assert first.lead == ["Tactical intelligence"]
    assert (first.rag, first.provenance.rag_source) == ("green", "fill")
    assert first.provenance.roles_from_content["action"] == "the title of each card"


def test_a_goal_structure_is_not_an_action_table():
    # CAP security, slide 4: Sub-Goal | Major Strategies names no owner, deadline or status
    tables = tables_of(REAL_DEV / "us-cap-goal-security-suitability-fy2018q1.pdf", [4])
    assert tables and not any(decide(t).action_table for t in tables)


def test_kpi_grids_are_not_action_tables():
    # Kent's quarterly performance report: RAG-rated KPIs beside their figures
    pdf = REAL / "kent-county-council" / "QPR Q3 Cabinet appendix 1.pdf"
    tables = tables_of(pdf, [9, 40])
    assert tables and not any(decide(t).action_table for t in tables)


def test_a_legend_of_ratings_is_not_an_action_table():
    pdf = REAL / "vermont-clean-water" / "burlingtonurl35.pdf"
    tables = tables_of(pdf, [99])
    decisions = [decide(t) for t in tables]
    assert any("legend" in d.reason for d in decisions)
    assert not any(d.action_table for d in decisions)


def test_the_refusal_says_why():
    with pytest.raises(NoActionTableError, match="no action column"):
        extract(REAL / "tabula-java-fixtures" / "schools.pdf")
