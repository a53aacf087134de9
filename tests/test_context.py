"""The text around tables: themes from the heading that names the rows, objectives from
goal boxes, on real plans."""

from __future__ import annotations

from conftest import REAL


def themes(plan):
    return list(dict.fromkeys(a.theme for a in plan.actions))


def test_a_label_heading_reads_with_the_heading_under_it(real_dev_plan):
    # West Midlands Police: "Objective 1:" over "PREPARE: Prepare for the threat ...", on
    # an introduction page before the tables
    plan = real_dev_plan("wmp-liberate-mshtplan-2018")
    assert themes(plan)[0] == (
        "Objective 1: PREPARE: Prepare for the threat of Modern Slavery and Human Trafficking"
    )
    assert len(themes(plan)) == 4


def test_a_two_line_slide_title_is_one_theme(real_dev_plan):
    # CAP security: "Key Milestones" (printed on every slide) over "Sub-Goal 1: ..."
    plan = real_dev_plan("us-cap-goal-security-suitability-fy2018q1")
    assert themes(plan)[0] == "Key Milestones Sub-Goal 1: Trusted Workforce"


def test_under_a_generic_slide_title_the_statement_names_the_rows(real_dev_plan):
    # HUD: the slide title is only "Key Milestones"; the strategy statement under it names
    # the milestones, and the "Milestone Summary" band is the table's caption
    plan = real_dev_plan("us-hud-apg-length-of-homelessness-fy2018q1")
    assert themes(plan)[0].startswith("Create an unsheltered homelessness strategy")
    assert not any(a.theme == "Milestone Summary" for a in plan.actions)


def test_a_caption_and_an_appendix_title_name_no_group(real_dev_plan):
    plan = real_dev_plan("us-omb-section508-strategic-plan-2013")
    assert themes(plan) == [None]
    assert any(d.kind == "caption" for d in plan.dropped)


def test_full_width_group_rows_win_over_the_slide_title(real_dev_plan):
    plan = real_dev_plan("us-cap-goal-it-modernization-fy2018q1")
    assert themes(plan)[:2] == [
        "Enterprise Infrastructure Solutions (EIS)",
        "Technology Modernization Fund (TMF)*",
    ]
    assert "Key Milestones: Protect Networks and Data" in themes(plan)


def test_the_nearest_heading_not_the_page_title():
    import planparse

    plan = planparse.extract(REAL / "other-action-plans" / "geo-women-economy-action-plan-2013.pdf")
    assert themes(plan)[:2] == ["Chapter 1: Starting Out", "Chapter 2: Getting On"]
    # the sideways margin title is dropped by name, not read into a heading
    assert any(d.kind == "sideways" for d in plan.dropped)


def test_a_goal_box_gives_the_cards_under_it_their_objective():
    import planparse

    plan = planparse.extract(
        REAL / "other-action-plans" / "norfolk-va-climate-action-plan-2019.pdf"
    )
    solar = next(a for a in plan.actions if a.action.startswith("Solar Survey"))
    assert solar.objective == "Renewable Energy Production: Increase usage of renewable energy"
    assert solar.extra["Target"].startswith("Increase supply of non-carbon renewable energy")
    assert "objective_statements" in solar.provenance.repairs
