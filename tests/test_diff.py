"""`planparse diff`: two editions of a plan matched action by action, every change reported
exactly, and nothing reported that did not change.

The editions are tests/pdfs/sefton-progress-2019-09.pdf and -2020-03.pdf, rendered by
tests/pdfs/make_edition_fixtures.py from the real Sefton plan's records; the second differs
from the first by the edits listed in that script's `second_edition`, and only by them.
"""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from typer.testing import CliRunner

from conftest import EDITION_NEW, EDITION_OLD, PDFS, REAL, dev_pdf, find
from planparse.cli import app
from planparse.diff import diff_plans
from planparse.diff.changes import same, status_kind
from planparse.diff.match import match_actions

runner = CliRunner()

#: every change the second edition makes to an action of the first:
#: (old id, new id, start of the action text) -> {record key: (kind, old, new)}
EXPECTED_CHANGES = {
    ("1.3", "1.2", "Adapt current practices"): {
        "id": ("renumbered", "1.3", "1.2"),
        "status": ("improved", "not_started", "in_progress"),
    },
    ("1.4", "1.3", "Introduce a new IT system"): {
        "id": ("renumbered", "1.4", "1.3"),
        "status": ("improved", "in_progress", "complete"),
    },
    ("2.2", "2.2", "Make bids for external funding"): {
        "status": ("worsened", "complete", "delayed"),
        "rag": ("worsened", "green", "red"),
    },
    ("2.3", "2.3", "Review the remit of Council"): {"rag": ("worsened", "green", "red")},
    ("2.3", "2.3", "Establish an additional post"): {"action": ("edited", None, None)},
    ("2.4", "2.4", "Provide homelessness officers"): {"due": ("slipped", "2018-10", "2020-12")},
    ("2.5", "2.5", "Undertake annual engagement"): {"due": ("added", None, "2020-03")},
    ("3.2", "3.2", "Review existing pathway"): {"lead": ("edited", None, None)},
    ("3.3", "3.4", "Update housing advice"): {
        "id": ("renumbered", "3.3", "3.4"),
        "objective": ("moved", None, None),
    },
    ("4.2", "4.2", "Ensure there is a comprehensive"): {"action": ("edited", None, None)},
    ("4.4", "4.4", "Commission an independent review"): {"due": ("removed", "2019-12", None)},
    ("4.5", "4.5", "Introduce a peer led"): {"due": ("earlier", "2023-12", "2022-12")},
    ("5.1", "5.1", "Relocate the housing options"): {"progress": ("updated", None, None)},
    ("6.2", "6.2", "LCR CA will agree"): {"progress": ("updated", None, None)},
}
EXPECTED_ADDED = [
    ("3.2", "Set up a hospital discharge"),
    ("6.3", "Provide emergency accommodation"),
]
EXPECTED_REMOVED = [("1.2", "Arrange for inspection"), ("5.2", "Recommission accommodation-based")]


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def pdf_diff() -> dict:
    result = run("diff", EDITION_OLD, EDITION_NEW)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def observed_changes(diff: dict) -> dict:
    """The diff's matched actions with changes, in the shape of EXPECTED_CHANGES."""
    found = {}
    for match in diff["matched"]:
        if not match["changes"]:
            continue
        start = next(s for (_, _, s) in EXPECTED_CHANGES if match["new"]["action"].startswith(s))
        key = (match["old"]["id"], match["new"]["id"], start)
        found[key] = {
            name: (kind, *match["changes"][name]) for name, kind in match["kinds"].items()
        }
    return found


def test_diff_of_two_editions_reports_exactly_the_edits(pdf_diff):
    found = observed_changes(pdf_diff)
    assert set(found) == set(EXPECTED_CHANGES)
    for key, expected in EXPECTED_CHANGES.items():
        assert set(found[key]) == set(expected), key
        for name, (kind, old, new) in expected.items():
            assert found[key][name][0] == kind, (key, name)
            if old is not None or new is not None:
                assert found[key][name][1:] == (old, new), (key, name)
    for listed, expected in (
        (pdf_diff["added"], EXPECTED_ADDED),
        (pdf_diff["removed"], EXPECTED_REMOVED),
    ):
        assert [a["id"] for a in listed] == [i for i, _ in expected]
        for action, (_, start) in zip(listed, expected, strict=True):
            assert action["action"].startswith(start)


def test_summary_counts_the_changes(pdf_diff):
    summary = pdf_diff["summary"]
    assert summary["old_actions"] == 45 and summary["new_actions"] == 45
    assert summary["matched"] == 43 and summary["added"] == 2 and summary["removed"] == 2
    assert summary["changed"] == len(EXPECTED_CHANGES)
    assert summary["unchanged"] == 43 - len(EXPECTED_CHANGES)
    assert (summary["worsened"], summary["improved"]) == (2, 2)
    assert (summary["status_worsened"], summary["rag_worsened"]) == (1, 2)
    assert (summary["slipped"], summary["earlier"]) == (1, 1)
    assert (summary["deadline_added"], summary["deadline_removed"]) == (1, 1)
    assert (summary["renumbered"], summary["moved"], summary["edited"]) == (3, 1, 3)
    assert summary["progress_updated"] == 2


def test_same_meaning_printed_differently_is_no_change(editions, pdf_diff):
    """'Ongoing' -> 'On-going' and 'March 2022' -> 'Mar 2022' are in the PDFs and not changes."""
    old, new = editions
    reworded = (find(old, "Widely promote"), find(new, "Widely promote"))
    assert [a.status_raw for a in reworded] == ["Ongoing", "On-going"]
    assert {a.status for a in reworded} == {"in_progress"}
    restated = (find(old, "Develop a series of prevention"), find(new, "Develop a series"))
    assert [a.due_raw for a in restated] == ["March 2022", "Mar 2022"]
    assert {a.due for a in restated} == {"2022-03"}
    unchanged = [m for m in pdf_diff["matched"] if not m["changes"]]
    texts = {m["new"]["action"][:30] for m in unchanged}
    assert any(t.startswith("Widely promote") for t in texts)
    assert any(t.startswith("Develop a series of prevention") for t in texts)


def test_every_match_says_why(pdf_diff):
    def match_of(start: str) -> dict:
        (hit,) = [m for m in pdf_diff["matched"] if m["new"]["action"].startswith(start)]
        return hit

    by_id = match_of("Make bids for external")
    assert by_id["method"] == "id" and by_id["reason"] == "same id 2.2, text similarity 100"
    renumbered = match_of("Adapt current practices")
    assert renumbered["method"] == "text" and renumbered["reason"] == "text similarity 100"
    edited = match_of("Establish an additional post")
    assert edited["method"] == "id" and edited["reason"].startswith("same id 2.3, text similarity")
    assert all(m["reason"] for m in pdf_diff["matched"])


def test_json_inputs_give_the_same_diff(tmp_path, pdf_diff):
    old_json, new_json = tmp_path / "old.json", tmp_path / "new.json"
    for pdf, target in ((EDITION_OLD, old_json), (EDITION_NEW, new_json)):
        assert run("extract", pdf, "-o", target).exit_code == 0
    result = run("diff", old_json, new_json)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == pdf_diff


def test_diff_is_deterministic(editions):
    from planparse.diff.formats import diff_to_json

    old, new = editions
    assert diff_to_json(diff_plans(old, new)) == diff_to_json(diff_plans(old, new))


def test_a_plan_against_itself_has_no_change(editions):
    old, _ = editions
    diff = diff_plans(old, old)
    assert diff.summary.matched == 45 and diff.summary.changed == 0
    assert not diff.added and not diff.removed


@pytest.mark.parametrize(
    ("plan", "first", "second"),
    [
        ("sefton_homelessness_2018_23", "word-ruled", "unruled"),
        ("lewisham_homelessness_2022", "word-ruled", "unruled"),
        ("col_delivery_plan_2023_27", "word-ruled", "excel"),
    ],
)
def test_one_real_plan_printed_two_ways_has_no_change(plan_of, plan, first, second):
    """The dev corpus prints each real plan in several layouts with the same records: every
    action matches (col's unnumbered rows by text) and no change is reported."""
    diff = diff_plans(plan_of(f"{plan}.{first}"), plan_of(f"{plan}.{second}"))
    assert diff.summary.matched == len(plan_of(f"{plan}.{first}").actions)
    assert diff.summary.changed == 0
    assert not diff.added and not diff.removed


def test_theme_moved_and_rows_sharing_an_id(editions):
    """Edits a parser of the PDFs never sees: a theme renamed, two rows under one id swapped."""
    old, _ = editions
    actions = list(old.actions)
    i = next(k for k, a in enumerate(actions) if a.action.startswith("Review the remit"))
    actions[i - 1], actions[i] = actions[i], actions[i - 1]  # two 2.3 rows change places
    actions[0] = actions[0].model_copy(update={"theme": "Measuring homelessness"})
    diff = diff_plans(old, old.model_copy(update={"actions": actions}))
    changed = [m for m in diff.matched if m.changes]
    assert [(m.new.id, m.kinds) for m in changed] == [("1.1", {"theme": "moved"})]
    assert diff.summary.matched == 45 and diff.summary.moved == 1


def test_renumbered_plan_matches_by_text_not_by_id(editions):
    """Ids that now name other actions are not trusted: 1.3 and 1.4 became 1.2 and 1.3."""
    old, new = editions
    pairs = {
        (old.actions[p.old].id, new.actions[p.new].id): p
        for p in match_actions(old.actions, new.actions)
    }
    assert ("1.3", "1.2") in pairs and ("1.4", "1.3") in pairs
    assert ("1.2", "1.2") not in pairs and ("1.3", "1.3") not in pairs
    assert pairs[("1.3", "1.2")].method == "text"


def test_row_numbers_are_not_ids(editions):
    """A log numbered 1, 2, 3... renumbers every row after one it drops: those numbers are not
    trusted, so the action that takes a dropped row's number is added, not an edit of it."""
    old, _ = editions
    numbered = [a.model_copy(update={"id": str(n)}) for n, a in enumerate(old.actions, 1)]
    kept = numbered[:2] + numbered[3:]
    extra = numbered[0].model_copy(update={"action": "Open a winter night shelter in Bootle"})
    new_actions = [a.model_copy(update={"id": str(n)}) for n, a in enumerate([*kept, extra], 1)]
    diff = diff_plans(
        old.model_copy(update={"actions": numbered}),
        old.model_copy(update={"actions": new_actions}),
    )
    assert [a.id for a in diff.removed] == ["3"] and [a.id for a in diff.added] == ["45"]
    assert diff.summary.matched == 44 and diff.summary.matched_by_text == 44
    assert diff.summary.renumbered == 42 and diff.summary.changed == 42


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        ("not_started", "in_progress", "improved"),
        ("in_progress", "complete", "improved"),
        ("complete", "in_progress", "worsened"),
        ("in_progress", "delayed", "worsened"),
        ("complete", "cancelled", "worsened"),
        ("deferred", "in_progress", "improved"),
        ("delayed", "deferred", "changed"),
    ],
)
def test_status_kinds(before, after, kind):
    assert status_kind(before, after) == kind


def test_values_compare_as_read():
    assert same("The  Council’s plan", "The Council's plan")
    assert same(["A", "B"], ["B", "A"])
    assert not same("Review the plan", "Review the plans")
    assert not same(None, True)


def test_csv_has_one_row_per_change(tmp_path, pdf_diff):
    target = tmp_path / "changes.csv"
    result = run("diff", EDITION_OLD, EDITION_NEW, "-o", target)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    changes = sum(len(kinds) for kinds in EXPECTED_CHANGES.values())
    assert len(rows) == changes + len(EXPECTED_ADDED) + len(EXPECTED_REMOVED)
    status = next(r for r in rows if r["key"] == "status" and r["old_id"] == "2.2")
    assert (status["change"], status["old"], status["new"]) == ("worsened", "complete", "delayed")
    assert (status["old_text"], status["new_text"]) == ("Complete", "Delayed")
    assert status["match"] == "same id 2.2, text similarity 100"
    assert [r["change"] for r in rows[-4:]] == ["added", "added", "removed", "removed"]


def test_table_view(tmp_path):
    result = run("diff", EDITION_OLD, EDITION_NEW, "--format", "table")
    assert result.exit_code == 0, result.output
    assert "43 matched (40 by id, 3 by text), 14 changed, 2 added, 2 removed" in result.stdout
    assert "status worsened: Complete -> Delayed" in result.stdout
    assert "lead edited: +Youth Offending Team" in result.stdout
    assert "{+and young people+}" in result.stdout


def test_fail_on_exits_1_when_found_and_names_what():
    result = run("diff", EDITION_OLD, EDITION_NEW, "--fail-on", "slipped,worsened,removed")
    assert result.exit_code == 1
    assert result.stderr.strip() == "planparse: --fail-on: found 1 slipped, 2 worsened, 2 removed"
    assert json.loads(result.stdout)["summary"]["removed"] == 2  # the diff is still written


def test_fail_on_exits_0_when_not_found():
    result = run("diff", EDITION_OLD, EDITION_NEW, "--fail-on", "rag_improved")
    assert result.exit_code == 0, result.output


def test_fail_on_unknown_name_is_a_usage_error():
    result = run("diff", EDITION_OLD, EDITION_NEW, "--fail-on", "slipped,sideways")
    assert result.exit_code == 2
    assert "unknown change sideways" in result.output


def test_missing_input_fails_in_one_line(tmp_path):
    result = run("diff", tmp_path / "nowhere.pdf", EDITION_NEW)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"planparse: error: {tmp_path / 'nowhere.pdf'}: no such file"
    ]


def test_json_that_is_not_a_plan_fails_in_one_line(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    result = run("diff", bad, EDITION_NEW)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a planparse JSON file" in lines[0]
    assert "Traceback" not in result.output


def test_a_pdf_with_no_plan_fails_in_one_line():
    not_a_plan = REAL / "tabula-java-fixtures" / "schools.pdf"
    result = run("diff", dev_pdf("sefton_homelessness_2018_23.word-ruled"), not_a_plan)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("planparse: error: schools.pdf: no action table")


def test_fixture_generator_is_the_source_of_the_editions(editions):
    """The fixture PDFs read back exactly as the generator wrote them."""
    sys.path.insert(0, str(PDFS))
    import make_edition_fixtures as fixtures

    first = fixtures.first_edition()
    for rows, plan in ((first, editions[0]), (fixtures.second_edition(first), editions[1])):
        read = [
            {
                "id": a.id or "",
                "objective": a.objective or "",
                "action": a.action,
                "lead": ", ".join(a.lead),
                "due": a.due_raw or "",
                "status": a.status_raw or "",
                "rag": (a.rag or "").title(),
                "progress": a.progress or "",
            }
            for a in plan.actions
        ]
        assert read == rows
        assert all(a.theme is None for a in plan.actions)
