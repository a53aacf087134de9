"""Nothing lost without a word: the coverage audit on real plans."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import DEV, REAL_DEV, RECALL, dev_pdf
from planparse.audit import audit
from planparse.exporters.to_json import plan_to_json
from planparse.extract import extract

REAL_DEV_PLANS = sorted(p.name[: -len(".truth.json")] for p in REAL_DEV.glob("*.truth.json"))


def token_recall(truth, plan, tmp_path) -> dict[str, float]:
    pred = tmp_path / "pred.json"
    pred.write_text(plan_to_json(plan))
    done = subprocess.run(
        [sys.executable, str(RECALL), str(truth), str(pred), "--show", "20"],
        capture_output=True,
        text=True,
        check=True,
    )
    words = done.stdout.split()
    return {name: float(words[words.index(name) + 1]) for name in ("kept", "warned")}


@pytest.mark.parametrize("name", REAL_DEV_PLANS)
def test_every_truth_word_is_in_the_output_or_a_warning(real_dev_plan, name, tmp_path):
    plan = real_dev_plan(name)
    found = token_recall(REAL_DEV / f"{name}.truth.json", plan, tmp_path)
    assert found["kept"] + found["warned"] >= 0.9999, (name, found)
    assert found["kept"] >= 0.995, (name, found)


def test_clipped_text_no_record_holds_is_reported(real_dev_plan):
    # Louisville: the last progress cell of page 1 is cut off on screen ("presents itself.")
    plan = real_dev_plan("louisville-omb-progress-2016")
    clipped = [w for w in plan.warnings if "clipped out of sight" in w.message]
    assert len(clipped) == 1 and "presents itself." in clipped[0].message
    assert clipped[0].page == 1 and clipped[0].bbox is not None


def test_a_lost_row_is_reported_with_its_page_box_and_text():
    # take one record away from a real plan: its words become unplaced_text warnings
    from planparse.document import document_text, read_document
    from planparse.pages import open_pdf, read_pages
    from planparse.roles import assign_roles, decide
    from planparse.stitch import furniture_lines, stitch
    from planparse.tables import find_tables

    pdf = dev_pdf("sefton_homelessness_2018_23.word-ruled")
    plan = extract(pdf)
    with open_pdf(pdf) as handle:
        layouts = [find_tables(p) for p in read_pages(handle, range(1, 14))]
    furniture = furniture_lines(layouts)
    tables = [assign_roles(t) for t in stitch(layouts, furniture=furniture)]
    action_tables = [t for t in tables if decide(t).action_table]
    lost = plan.actions[3]
    kept = [a for a in plan.actions if a is not lost]
    document = read_document(layouts)
    found = audit(layouts, tables, action_tables, kept, furniture, document_text(document))
    unplaced = [w for w in found.warnings if w.code == "unplaced_text"]
    assert unplaced
    assert all(w.page in lost.provenance.pages and w.bbox for w in unplaced)
    assert any(lost.action[:40] in w.message for w in unplaced)


def test_every_dev_plan_places_every_table_word():
    for pdf in sorted(DEV.glob("*.word-ruled.pdf")):
        plan = extract(pdf)
        unplaced = [w for w in plan.warnings if w.code == "unplaced_text"]
        assert not unplaced, (pdf.name, [w.message for w in unplaced][:3])
        assert {d.kind for d in plan.dropped} <= {"furniture", "page_number", "caption"}
        json.loads(plan_to_json(plan))


def test_unplaced_text_is_one_line_on_stderr_and_every_passage_in_the_json(tmp_path):
    from typer.testing import CliRunner

    from planparse.cli import app
    from planparse.runlog import page_ranges

    review = dev_pdf("col_peer_review.review")  # the report's prose sits beside its tables
    out = tmp_path / "review.json"
    result = CliRunner().invoke(app, ["extract", str(review), "-o", str(out)])
    assert result.exit_code == 0
    warnings = json.loads(out.read_text())["warnings"]
    unplaced = [w for w in warnings if w["code"] == "unplaced_text"]
    pages = page_ranges(sorted({w["page"] for w in unplaced}))
    assert unplaced and all(w["bbox"] for w in unplaced)
    assert result.stderr.splitlines() == [
        f"planparse: warning: {review}: {len(unplaced)} passage(s) of text on page(s) {pages} "
        "are in no record, header or theme (each is an unplaced_text warning in the output)"
    ]
    assert page_ranges([1, 2, 3, 7, 9, 10]) == "1-3, 7, 9-10"


def test_a_composed_id_places_the_letter_printed_for_it():
    from conftest import REAL

    # Vermont: "a. Make available to farmers ..." under strategy 1 becomes id "1a"
    plan = extract(REAL / "vermont-clean-water" / "burlingtonurl35.pdf", pages=[80, 81])
    assert "1a" in [a.id for a in plan.actions]
    lone = [
        w.message for w in plan.warnings if w.code == "unplaced_text" and "1 word(s)" in w.message
    ]
    assert not lone
