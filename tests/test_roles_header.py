"""Header labels of real plans map onto record keys (the vocabulary half of a column's role)."""

from __future__ import annotations

import pytest

from planparse.roles.header import map_columns, score_header
from planparse.text import strip_glyph_junk


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


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Key Milestones", "action"),
        ("Milestone Due Date", "due_raw"),
        ("Milestone Status", "status"),
        ("Owner", "lead"),
        ("Initiative", "action"),
        ("Lead government actors", "lead"),
        ("Other actors involved", "partners"),
        ("SRO", "lead"),
        ("Focus Area", "workstream"),
        ("Work outstanding", "progress"),
        ("Change from last quarter", "progress"),
    ],
)
def test_general_action_plan_vocabulary(label, key):
    assert score_header(label).key == key


def test_a_label_whose_best_key_is_taken_takes_its_next():
    assert map_columns(["Initiative", "Initiative Health"]) == ["action", "status"]


def test_a_secondary_name_yields_to_a_primary_one():
    assert map_columns(["Actioned by", "Owned by"]) == [None, "lead"]
    assert map_columns(["Actioned by", "Due"]) == ["lead", "due_raw"]


def test_names_that_are_not_record_keys():
    for label in ("Start date", "Date of update", "Risks", "Goal Health", "Percent complete"):
        assert score_header(label).key is None, label


def test_filter_arrow_glyphs_stripped_from_labels():
    assert strip_glyph_junk("Unique ID ×") == "Unique ID"
    assert strip_glyph_junk("▼ Experience ▼") == "Experience"
    assert strip_glyph_junk("Lead Area v") == "Lead Area"
