"""Header cells of real plans map onto record keys."""

from __future__ import annotations

import pytest

from planparse.mapping import header_score, map_columns, score_header, strip_glyph_junk


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Objective", "objective"),
        ("Strategy No.", "id"),
        ("Action", "action"),
        ("What does success look like? (objective)", "objective"),
        ("What will we look at? (Scope – work package)", "action"),
        ("What will we deliver or produce to ensure success - (product)", "progress"),
        ("Comments on progress", "progress"),
        ("RAG rated progress", "rag"),
        ("Current Outcome Assessment", "rag"),
        ("Unique ID", "id"),
        ("Lead Area", "workstream"),
        ("New this RP?", "new"),
        ("Who?", "lead"),
        ("With who?", "partners"),
        ("By when?", "due_raw"),
        ("Does what?", "description"),
        ("Evidence/Audit", "evidence"),
        ("Success Measure or Service User Experience", "success_measure"),
        ("Activity or Intervention", "action"),
        ("Timeframe", "due_raw"),
        ("Status", "status"),
        ("Lead officer(s)", "lead"),
        ("Timefrarne", "due_raw"),
        ("Which partners are involved", "partners"),
    ],
)
def test_seed_column_names(label, key):
    assert score_header(label).key == key


def test_unknown_header_maps_to_nothing():
    assert score_header("Revision").key is None
    assert score_header("Author(s)").key is None


def test_each_key_goes_to_one_column():
    assert map_columns(["Action", "Actions", "Progress"]) == ["action", None, "progress"]


def test_data_rows_do_not_read_as_headers():
    row = [
        "Rough Sleeping",
        "",
        "Improve safety at rough sleeping hotspots",
        "No",
        "",
        "Creation of new meterials",
        "RSSM, PC, RSC",
        "31-Mar-25",
        "Resources/media/feedback",
        "Improved outcomes and safety",
        "Complete",
        "October 24 - Encampments Policy",
    ]
    assert header_score(row) == 0.0
    assert header_score(["Objective", "Action", "Progress", "Status"]) > 1.0


def test_filter_arrow_glyphs_stripped_from_labels():
    assert strip_glyph_junk("Unique ID ×") == "Unique ID"
    assert strip_glyph_junk("▼ Experience ▼") == "Experience"
    assert strip_glyph_junk("Lead Area v") == "Lead Area"
