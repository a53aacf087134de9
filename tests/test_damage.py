"""Damaged pages are never a silent loss: each page whose content cannot be read is a
page-level warning in the JSON and one stderr line, --strict fails on it, a PDF none of
whose pages can be read is `unreadable`, and the PDF libraries' own messages stay off the
terminal unless --verbose. The damaged PDFs are real corpus PDFs with one thing broken
(tests/fuzz/mutations.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planparse
from conftest import dev_pdf
from fuzz.mutations import (
    break_tounicode,
    drop_page_contents,
    loop_page_tree,
    poison_numbers,
    set_page_contents,
)
from planparse.cli import app

REVIEW = dev_pdf("col_peer_review.review")  # 3 pages, 32 records, 13 of them on page 1
REVIEW_RECORDS = 32
runner = CliRunner()


def damaged(tmp_path: Path, data: bytes, name: str = "damaged.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def lost_pages(plan: planparse.ActionPlan) -> set[int | None]:
    return {w.page for w in plan.warnings if w.code == "page_unreadable"}


@pytest.mark.parametrize(
    ("payload", "encoding", "says"),
    [
        (random.Random(1).randbytes(5000), "raw", "is not valid page content"),
        (random.Random(2).randbytes(5000), "flate", "is not valid page content"),
        (b"", "raw", "is empty"),
        (b" \n", "flate", "is empty"),
        (b"", "flate", "is empty"),  # a valid empty zlib stream: blank, not undecodable
        (b"", "claims_flate", "is empty"),
        (b"x\x9c garbage", "claims_flate", "could not be decoded"),
    ],
    ids=[
        "garbage",
        "garbage-deflated",
        "empty",
        "blank-deflated",
        "empty-deflated",
        "zero-length",
        "bad-flate",
    ],
)
def test_a_page_whose_content_cannot_be_read_is_a_page_warning(tmp_path, payload, encoding, says):
    path = damaged(tmp_path, set_page_contents(REVIEW.read_bytes(), [0], payload, encoding))
    plan = planparse.extract(path)
    assert len(plan.actions) < REVIEW_RECORDS
    assert lost_pages(plan) == {1}
    assert says in plan.warnings[0].message and plan.warnings[0].message.startswith("page 1:")


def test_a_missing_content_object_is_a_page_warning(tmp_path):
    plan = planparse.extract(damaged(tmp_path, drop_page_contents(REVIEW.read_bytes(), [2])))
    assert lost_pages(plan) == {3}
    assert "missing (object not found)" in plan.warnings[0].message


def damage_lines(stderr: str) -> list[str]:
    """The lines of stderr other than the audit's one line on unplaced text (the review
    plan's report prose, on pages with its tables, is in no record)."""
    return [line for line in stderr.splitlines() if "unplaced_text" not in line]


def test_on_the_command_line_strict_fails_and_quiet_still_tells(tmp_path):
    payload = random.Random(3).randbytes(4000)
    path = damaged(tmp_path, set_page_contents(REVIEW.read_bytes(), [0], payload, "raw"))
    plain = runner.invoke(app, ["extract", str(path), "-o", str(tmp_path / "a.json")])
    assert plain.exit_code == 0
    assert damage_lines(plain.stderr) == [
        f"planparse: warning: {path}: page 1: its content stream is not valid page content; "
        "nothing on it was read"
    ]
    strict = runner.invoke(app, ["extract", str(path), "-o", str(tmp_path / "b.json"), "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1].startswith("planparse: error: --strict: 1 file(s)")
    assert (tmp_path / "b.json").exists()  # the output is still written for a look
    quiet = runner.invoke(app, ["extract", str(path), "-o", str(tmp_path / "c.json"), "-q"])
    assert quiet.exit_code == 0 and "page 1:" in quiet.stderr


def test_a_pdf_none_of_whose_pages_can_be_read_is_unreadable(tmp_path):
    path = damaged(tmp_path, set_page_contents(REVIEW.read_bytes(), [0, 1, 2], b"", "raw"))
    with pytest.raises(planparse.InputError, match="no page could be read"):
        planparse.extract(path)
    result = runner.invoke(app, ["extract", str(path), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"planparse: error: {path}: no page could be read (page 1: its content stream is "
        "empty: a blank page, or its content was lost)"
    ]


def test_a_page_lost_to_a_loop_in_the_page_tree_is_named(tmp_path):
    plan = planparse.extract(
        damaged(tmp_path, loop_page_tree(REVIEW.read_bytes(), "kid_replaced", 1))
    )
    tree = [w for w in plan.warnings if w.code == "page_tree_broken"]
    assert [(w.page, w.message) for w in tree] == [
        (
            2,
            "page 2: the page tree points back up where this page should be (a loop); "
            "the page is missing",
        )
    ]
    harmless = planparse.extract(
        damaged(tmp_path, loop_page_tree(REVIEW.read_bytes(), "self_kid", 1), "loop.pdf")
    )
    assert len(harmless.actions) == REVIEW_RECORDS
    assert [w.message for w in harmless.warnings if w.code != "unplaced_text"] == [
        "the page tree has a loop after page 1; no page is missing"
    ]


def test_nan_coordinates_are_left_out_and_said_once_per_page(tmp_path):
    data = poison_numbers(REVIEW.read_bytes(), [1], 0.3, random.Random(4))
    path = damaged(tmp_path, data)
    result = runner.invoke(app, ["extract", str(path), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0
    assert all(line.startswith("planparse: ") for line in result.stderr.splitlines())
    lines = damage_lines(result.stderr)
    assert lines and all(": page 2: " in line for line in lines)
    assert "pdfminer" not in result.stderr  # the libraries' own lines are not shown...
    verbose = runner.invoke(app, ["extract", str(path), "-o", str(tmp_path / "v.json"), "-v"])
    debug = [line for line in verbose.stderr.splitlines() if line.startswith("planparse: debug:")]
    assert debug and any("pdfminer." in line for line in debug)  # ...unless asked for
    assert len(verbose.stderr.splitlines()) <= 20


def test_text_that_cannot_be_decoded_is_said_so(tmp_path):
    body_font = break_tounicode(REVIEW.read_bytes(), "raw_flate_junk", random.Random(3), 0.2)
    plan = planparse.extract(damaged(tmp_path, body_font, "one.pdf"))
    notes = [w.message for w in plan.warnings if w.code == "page_unreadable"]
    assert notes[0] == (
        "page 1: 2915 character(s) could not be decoded to text "
        "(a font's ToUnicode map is missing or broken)"
    )
    assert len(notes) == 3 and len(plan.actions) == REVIEW_RECORDS
    every_font = break_tounicode(REVIEW.read_bytes(), "raw_flate_junk", random.Random(5))
    with pytest.raises(planparse.NoActionTableError, match="page 1: 3028 character"):
        planparse.extract(damaged(tmp_path, every_font, "all.pdf"))
