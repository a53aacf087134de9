"""Table finding by geometry alone, on real pages: ruled grids, shaded grids, white
borders, record cards, tick-box grids, tables without rules; and no record vocabulary
anywhere in the finders."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import DEV, REAL, REAL_DEV, ROOT, page_layouts
from planparse.tables.structure import find_header, read_cards

GEOMETRY_MODULES = [
    *sorted((ROOT / "src" / "planparse" / "tables").glob("*.py")),
    ROOT / "src" / "planparse" / "stitch.py",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_table_finding_imports_nothing_about_record_keys():
    for path in GEOMETRY_MODULES:
        imported = _imports(path)
        assert not any("roles" in name or "mapping" in name for name in imported), path.name
        assert "SYNONYMS" not in path.read_text(), path.name


def test_white_borders_on_a_dark_header_do_not_merge_its_labels():
    # CAP IT modernization, slide 14: the header's column lines are white on navy
    (layout,) = page_layouts(REAL_DEV / "us-cap-goal-it-modernization-fy2018q1.pdf", [14])
    (table,) = layout.tables
    header = find_header(table)
    assert header is not None and len(header.labels) == 6
    assert header.labels[:3] == ("Key Milestones*", "Milestone Due Date", "Milestone Status")


def test_a_table_of_shaded_cells_is_a_grid():
    # Kent's Appendix A, page 4: no ruling lines, every cell a shaded box
    pdf = (
        REAL
        / "kent-county-council"
        / ("24-00115 - Appendix A - Current Health wellbeing activity within KCC.pdf")
    )
    (layout,) = page_layouts(pdf, [4])
    (table,) = layout.tables
    assert table.strategy == "shaded" and table.n_cols == 2
    header = find_header(table)
    assert header is not None
    assert header.labels == ("What we have committed to", "Strategies / plans in place to deliver")


def test_one_small_table_per_action_reads_as_cards():
    # West Midlands Police, page 17: four ruled cards, each under its title row
    (layout,) = page_layouts(REAL_DEV / "wmp-liberate-mshtplan-2018.pdf", [17])
    cards = [card for table in layout.tables for card in read_cards(table)]
    assert len(cards) == 4
    assert cards[0].title is not None and cards[0].title.text.startswith("1.1 Topical Problem")
    labels = [p.label for p in cards[0].pairs]
    assert labels[:4] == ["Task", "Method", "Actioned by", "Owned by"]
    assert labels[-1] == "RAG status"


def test_a_tick_box_grid_gives_the_marked_option():
    # OGP self-assessment, page 7: "Completion level" over four options, a tick under one
    (layout,) = page_layouts(REAL_DEV / "us-ogp-nap3-selfassessment-2016.pdf", [7])
    pairs = [p for t in layout.tables for card in read_cards(t) for p in card.pairs]
    completion = [p for p in pairs if p.label == "Completion level"]
    assert [p.value for p in completion] == ["Limited", "Substantial"]


def test_cards_printed_edge_to_edge_are_cut_at_their_titles():
    # OGP self-assessment, page 18: the end of commitment 4 and all of commitment 5 in
    # one ruled grid
    (layout,) = page_layouts(REAL_DEV / "us-ogp-nap3-selfassessment-2016.pdf", [18])
    cards = read_cards(layout.tables[0])
    assert [c.title is None for c in cards] == [True, False]
    assert cards[1].title.text.startswith("5. Improve Transparency of Privacy")
    assert cards[0].pairs[0].label == "Ambition"


def test_a_table_of_shaded_cells_with_its_caption_band():
    # HUD priority goal, slide 7: no rules; a caption band, then a shaded header and rows
    (layout,) = page_layouts(REAL_DEV / "us-hud-apg-length-of-homelessness-fy2018q1.pdf", [7])
    (table,) = layout.tables
    assert table.strategy == "shaded"
    header = find_header(table)
    assert header is not None and header.first == 1
    assert header.labels == (
        "Key Milestone",
        "Milestone Due Date",
        "Milestone Status",
        "Change from last quarter",
        "Comments",
    )
    assert table.n_rows == 5


def test_a_table_without_rules_is_found_by_its_styled_header():
    # West Sussex's action plan: no vertical rules, a bold header over aligned text
    (layout,) = page_layouts(REAL / "west-sussex-tobacco-control" / "Action_plan_Table.pdf", [4])
    (table,) = layout.tables
    assert table.strategy == "stream"
    assert [c.text for c in table.rows[0]][:2] == ["Action", "Description"]
    # rows 19 and 20 sit below a gap in the same columns: the table goes on
    assert any(c.text.startswith("20 - Hold stop smoking") for c in table.cells)


def test_a_header_printed_as_its_own_table_is_found():
    # Sefton's Excel print: the header row is a one-row table of its own
    (layout,) = page_layouts(DEV / "sefton_homelessness_2018_23.excel.pdf", [1])
    header_table = layout.tables[0]
    assert header_table.n_rows == 1
    assert find_header(header_table) is not None
