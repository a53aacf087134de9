"""Concrete records from real PDFs of the dev corpus."""

from __future__ import annotations

from conftest import find


def test_objective_filled_down_over_merged_cell(plan_of):
    plan = plan_of("lewisham_homelessness_2022.word-ruled")
    rows = [a for a in plan.actions if a.id == "1.1"]
    assert len(rows) == 5
    assert {a.objective for a in rows} == {"Delivering an improved housing options advice"}
    assert rows[0].action == (
        "Successfully creating a face- to-face service provision specifically tailored to "
        "individual need"
    )
    assert all("fill_down_merged_cells" in a.provenance.repairs for a in rows[1:])


def test_row_broken_across_page_break_is_joined(plan_of):
    plan = plan_of("sefton_homelessness_2018_23.word-ruled")
    record = find(plan, "Adapt current practices for carrying out equalities impact")
    assert record.id == "1.3"
    assert record.objective.endswith("actively contribute to the reduction of homelessness")
    assert record.provenance.pages == [1, 2]
    assert "join_page_break_fragments" in record.provenance.repairs
    # the fragment never becomes a record of its own
    assert not any(a.action.startswith("the reduction of") for a in plan.actions)


def test_section_row_becomes_theme(plan_of):
    plan = plan_of("sefton_homelessness_2018_23.word-ruled")
    record = find(plan, "Establish a joint commissioning arrangement")
    assert record.id == "2.1"
    assert record.theme == "2. Resource activities to tackle homelessness"
    assert not any(a.action.startswith("2. Resource activities") for a in plan.actions)


def test_heading_between_spreadsheet_blocks_becomes_theme(plan_of):
    plan = plan_of("col_delivery_plan_2023_27.excel")
    record = find(plan, "Implement new TA framework")
    assert record.theme == "Priority 2: Securing Access to Suitable, Affordable Accommodation"
    assert record.id == "2.9"
    assert record.workstream == "Cross-cutting"


def test_rag_read_from_cell_colour(plan_of):
    plan = plan_of("sefton_homelessness_2018_23.word-sections")
    record = find(plan, "Carry out an in-depth analysis of data collected")
    assert record.rag == "amber"
    assert record.provenance.rag_source == "fill"
    assert {a.rag for a in plan.actions} == {"red", "amber", "green"}


def test_due_dates_parsed_to_iso(plan_of):
    plan = plan_of("col_delivery_plan_2023_27.excel")
    record = find(plan, "Implement safe access to online information")
    assert (record.due_raw, record.due) == ("31-Dec-23", "2023-12-31")
    sefton = plan_of("sefton_homelessness_2018_23.word-ruled")
    assert (
        find(sefton, "Carry out an in-depth").due_raw,
        find(sefton, "Carry out an in-depth").due,
    ) == ("June 2019", "2019-06")


def test_header_kept_once_as_columns(plan_of):
    plan = plan_of("sefton_homelessness_2018_23.word-ruled")
    assert plan.columns == [
        "Strategy No.",
        "What does success look like? (objective)",
        "What will we look at? (Scope – work package)",
        "What will we deliver or produce to ensure success - (product)",
        "Who",
        "Timeframe",
        "Current Outcome Assessment",
    ]
    labels = set(plan.columns)
    assert not any(a.action in labels or a.objective in labels for a in plan.actions)
    assert len({a.id for a in plan.actions}) > 20


def test_id_split_from_objective_cell(plan_of):
    plan = plan_of("lewisham_housing_2022.word-ruled")
    record = find(plan, "Designing good quality housing and open spaces")
    assert record.id == "1.2"
    assert record.objective == "Make places where people want to live"
    assert "split_leading_id" in record.provenance.repairs


def test_status_normalised_and_kept_as_printed(plan_of):
    plan = plan_of("lewisham_housing_2022.excel")
    pairs = {(a.status_raw, a.status) for a in plan.actions}
    assert ("Slipped / Ongoing", "delayed") in pairs
    assert ("On going", "in_progress") in pairs
    assert ("Completed", "complete") in pairs


def test_spreadsheet_columns_mapped(plan_of):
    plan = plan_of("col_delivery_plan_2023_27.excel")
    record = find(plan, "Mobilise new RSAC")
    assert record.id == "1.10"
    assert record.partners == ["RSSM", "CM", "providers"]
    assert record.new is False
    assert record.status == "complete" and record.status_raw == "Complete"
    assert record.evidence == "Mobilisation plan"
    assert record.success_measure == "Service open according to plan and specification"


def test_document_facts_from_first_page(plan_of):
    plan = plan_of("lewisham_homelessness_2022.word-sections")
    assert plan.document.title == (
        "Update on the Homelessness Strategy 2020-2022 Action Plan to Housing Select Committee"
    )
    assert plan.document.period == "2020-2022"
    assert plan.document.published == "2022-03"
    assert plan.document.organisation == "London Borough of Lewisham"


def test_every_record_has_provenance(plan_of):
    plan = plan_of("lewisham_homelessness_2022.excel")
    for action in plan.actions:
        prov = action.provenance
        assert prov.pages and [b.page for b in prov.boxes] == prov.pages
        for box in prov.boxes:
            x0, top, x1, bottom = box.bbox
            assert 0 <= x0 < x1 and 0 <= top < bottom
