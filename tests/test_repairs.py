"""Each repair on the real page whose pattern it handles."""

from __future__ import annotations

from conftest import find, logical_tables
from planparse.repairs.breaks import join_page_break_fragments
from planparse.repairs.headers import drop_repeated_header_rows
from planparse.repairs.ids import split_id, split_leading_id
from planparse.repairs.sections import section_rows_to_theme
from planparse.repairs.spans import fill_down_merged_cells
from planparse.roles import assign_roles, decide


def action_table(name: str, pages: list[int]):
    tables = [assign_roles(t) for t in logical_tables(name, pages)]
    tables = [t for t in tables if decide(t).action_table]
    assert len(tables) == 1
    return tables[0]


def test_drop_repeated_header_rows_sefton_pages_1_2():
    table = action_table("sefton_homelessness_2018_23.word-ruled", [1, 2])
    assert sum(r.kind == "header" for r in table.rows) == 3  # one per Word table
    repaired = drop_repeated_header_rows(table)
    assert not any(r.kind == "header" for r in repaired.rows)
    assert repaired.labels[0] == "Strategy No."
    assert "drop_repeated_header_rows" in repaired.repairs


def test_fill_down_merged_cells_lewisham_pages_1_3():
    # objective "1.1 - Delivering ..." is one merged cell from p.1 to p.3
    table = action_table("lewisham_homelessness_2022.word-ruled", [1, 2, 3])
    objective = table.keys.index("objective")
    data = [r for r in table.rows if r.kind == "data"]
    assert data[0].values[objective].startswith("1.1 - Delivering")
    assert [r.values[objective] for r in data[1:7]] == [""] * 6
    after = [r for r in fill_down_merged_cells(table).rows if r.kind == "data"]
    assert [r.values[objective] for r in after[:7]] == [data[0].values[objective]] * 7
    assert after[7].values[objective].startswith("1.2 - Supporting")
    assert "fill_down_merged_cells" in after[2].repairs


def test_fill_down_continues_a_merged_cell_over_the_page_break(plan_of):
    plan = plan_of("lewisham_housing_2022.excel")
    record = find(plan, "Improving the standards of temporary accommodation")
    assert record.provenance.pages == [2]
    assert record.id == "1.3"
    assert record.objective == "Increase the supply of high-quality accommodation"
    skipped = plan_of("lewisham_housing_2022.excel", ("fill_down_merged_cells",))
    assert find(skipped, "Improving the standards of temporary accommodation").objective is None


def test_join_page_break_fragments_sefton_pages_1_2():
    table = fill_down_merged_cells(action_table("sefton_homelessness_2018_23.word-ruled", [1, 2]))
    objective = table.keys.index("objective")
    joined = join_page_break_fragments(table)
    data = [r for r in joined.rows if r.kind == "data"]
    row_13 = next(r for r in data if r.values[0] == "1.3")
    assert row_13.values[objective].endswith("actively contribute to the reduction of homelessness")
    assert {p for p, _ in row_13.spans} == {1, 2}
    assert len(data) == len([r for r in table.rows if r.kind == "data"]) - 1


def test_join_leaves_a_new_action_under_a_merged_objective_alone(plan_of):
    # Lewisham p.2 opens with the progress tail of p.1's last row (joined) and then new
    # actions of the same merged objective (kept as records).
    plan = plan_of("lewisham_homelessness_2022.word-ruled")
    first = find(plan, "Successfully creating a face- to-face")
    assert first.provenance.pages == [1, 2]
    assert first.progress.endswith(
        "overall our housing options service is specifically tailored to individual need."
    )
    second = find(plan, "Raising awareness with partners about the 'duty to refer'")
    assert second.id == "1.1"


def test_split_leading_id_variants():
    assert split_id("1.1 - Delivering an improved housing options advice") == (
        "1.1",
        "Delivering an improved housing options advice",
    )
    assert split_id("1.2 -Make places where people want to live") == (
        "1.2",
        "Make places where people want to live",
    )
    assert split_id("1.1Delivering homes") == ("1.1", "Delivering homes")
    assert split_id("2.3 Reduce the number") == ("2.3", "Reduce the number")
    assert split_id("100 new homes by 2024") is None
    assert split_id("2.5") is None
    # a numbered list in the cell, its "2." read by OCR as "2:" (Birmingham scanned)
    assert split_id("1. Demographic analysis 2: Homelessness presentation") is None


def test_split_leading_id_lewisham_page_1():
    table = fill_down_merged_cells(action_table("lewisham_housing_2022.word-ruled", [1]))
    rows = [r for r in split_leading_id(table).rows if r.kind == "data"]
    objective = table.keys.index("objective")
    assert rows[0].derived_value("id") == "1.1"
    assert rows[0].values[objective] == "Deliver as many social rented properties as possible"


def test_section_rows_to_theme_sefton_page_2():
    table = action_table("sefton_homelessness_2018_23.word-ruled", [2])
    themed = section_rows_to_theme(drop_repeated_header_rows(table))
    themes = [(r.values[0], r.theme) for r in themed.rows]
    assert ("1.4", "1. Measuring the current and future likely levels of homelessness") in themes
    assert ("2.1", "2. Resource activities to tackle homelessness") in themes
    assert all(r.kind == "data" for r in themed.rows)


def test_theme_ends_when_ids_move_to_the_next_number(plan_of):
    # Lewisham housing has a theme row for priorities 1, 4 and 5 only: rows 2.x and 3.x
    # get no theme rather than priority 1's.
    plan = plan_of("lewisham_housing_2022.excel")
    themes = {a.id.split(".")[0]: a.theme for a in plan.actions}
    assert themes["1"] == "Delivering the homes that Lewisham needs"
    assert themes["2"] is None and themes["3"] is None
    assert themes["4"] == "Supporting our residents to lead safe, Independent and active lives"


def test_drop_filter_arrow_rows_on_ocrd_spreadsheet_header():
    # tests/pdfs/filter-arrows-spreadsheet.pdf reproduces the City of London delivery plan's
    # OCR'd header: "Unique | ..." over a row "v | ID × | v | ٧ | v | v | ¥ | ٧ | | ▼ Experience ▼".
    import planparse
    from conftest import ROOT

    plan = planparse.extract(ROOT / "tests" / "pdfs" / "filter-arrows-spreadsheet.pdf")
    assert plan.columns[1] == "Unique ID"
    assert plan.columns[9] == "Success Measure or Service User Experience"
    assert plan.columns[10] == "RAG rated progress"
    assert [a.id for a in plan.actions] == ["1.6", None, "1.10", "1.11", "1.12"]
    assert not any("×" in a.action or a.action in {"v", "٧"} for a in plan.actions)
    first = plan.actions[0]
    assert first.theme == "Priority 1: Rapid, Effective and Tailored Interventions"
    assert first.success_measure == "Accessing CoL webpages poses no risk to anyone seeking advice"
    assert first.status == "complete"


def test_vertical_rules_only_table_read_as_hybrid():
    # tests/pdfs/vertical-rules-only.pdf: a framed table with column lines but no lines
    # between rows (made by tests/pdfs/make_partial_rules_fixtures.py from the Lewisham plan)
    import planparse
    from conftest import ROOT

    plan = planparse.extract(ROOT / "tests" / "pdfs" / "vertical-rules-only.pdf")
    assert len(plan.actions) == 7
    assert {a.provenance.strategy for a in plan.actions} == {"hybrid"}
    assert [a.id for a in plan.actions] == ["1.1"] * 5 + ["1.2"] * 2
    assert plan.actions[3].objective == "Delivering an improved housing options advice"
    assert plan.actions[3].status_raw == "Completed"
    assert plan.actions[0].theme.startswith("Prevent homelessness at the earliest opportunity")


def test_horizontal_rules_only_table_rows_from_rules():
    import planparse
    from conftest import ROOT

    plan = planparse.extract(ROOT / "tests" / "pdfs" / "horizontal-rules-only.pdf")
    assert len(plan.actions) == 7
    assert plan.actions[1].action.startswith("Raising awareness with partners")
    assert plan.actions[1].progress.startswith('The "Duty to Refer" legislation')
    assert plan.actions[6].status_raw == "On-going" and plan.actions[6].status == "in_progress"


def test_table_level_repairs_reach_the_output(plan_of):
    plan = plan_of("sefton_homelessness_2018_23.word-ruled")
    (repair,) = plan.table_repairs
    assert repair.repair == "drop_repeated_header_rows" and repair.table == 0
    assert repair.pages[:2] == [1, 2] and "repeated header row(s) dropped" in repair.detail


def test_filter_arrow_row_repair_reaches_the_output():
    # tests/pdfs/filter-arrows-spreadsheet.pdf (make_filter_arrow_fixture.py)
    import planparse
    from conftest import PDFS

    plan = planparse.extract(PDFS / "filter-arrows-spreadsheet.pdf")
    names = [r.repair for r in plan.table_repairs]
    assert "drop_filter_arrow_rows" in names
