"""Status, RAG, owners, dates and yes/no, on the values printed in real plans."""

from __future__ import annotations

import pytest

from planparse.colour import rag_from_rgb, to_rgb
from planparse.normalise import (
    due_date,
    numeric_date_order,
    rag_from_text,
    split_people,
    split_status_comment,
    status_from_text,
    yes_no,
)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Ongoing", "in_progress"),
        ("On-going", "in_progress"),
        ("On going", "in_progress"),
        ("Complete", "complete"),
        ("Completed", "complete"),
        ("Slipped / Ongoing", "delayed"),
        ("To Action", "not_started"),
        ("Deferred", "deferred"),
        ("Not started", "not_started"),
        ("Cancelled - no longer required", "cancelled"),
        ("In progress", "in_progress"),
        ("On hold", "deferred"),
        ("Not achieved", "delayed"),
        ("Not on track", "delayed"),
        ("Partially achieved", "in_progress"),
        ("Not complete", "in_progress"),
        ("On target", "in_progress"),
        ("Achieved", "complete"),
        ("", None),
        ("See comments", None),
    ],
)
def test_status(text, status):
    assert status_from_text(text) == status


@pytest.mark.parametrize(
    ("text", "rag"),
    [
        ("Red", "red"),
        ("AMBER", "amber"),
        ("Green", "green"),
        ("G", "green"),
        ("RAG: Amber", "amber"),
        ("Complete", None),
        ("A long comment about greenery and red tape", None),
    ],
)
def test_rag_text(text, rag):
    assert rag_from_text(text) == rag


@pytest.mark.parametrize(
    ("colour", "rag"),
    [
        ((1.0, 0.0, 0.0), "red"),
        ((1.0, 0.753, 0.0), "amber"),
        ((0.0, 0.69, 0.314), "green"),
        ((0.776, 0.937, 0.808), "green"),  # Excel "Good" C6EFCE
        ((1.0, 0.78, 0.808), "red"),  # Excel "Bad" FFC7CE
        ((1.0, 0.922, 0.612), "amber"),  # Excel "Neutral" FFEB9C
        ((0.85, 0.85, 0.85), None),
        ((0.949, 0.949, 0.949), None),  # grey header/theme bands
        ((0.741, 0.839, 0.933), None),  # blue header BDD6EE
        ((0.886, 0.937, 0.851), None),  # pale green header E2EFD9
    ],
)
def test_rag_from_fill(colour, rag):
    assert rag_from_rgb(colour) == rag


def test_pdf_colour_spaces():
    assert to_rgb((0.5,)) == (0.5, 0.5, 0.5)
    assert to_rgb((0.0, 1.0, 1.0, 0.0)) == (1.0, 0.0, 0.0)
    assert to_rgb("P0") is None
    assert to_rgb(None) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("31-Mar-25", "2025-03-31"),
        ("June 2019", "2019-06"),
        ("December 2018 & ongoing", "2018-12"),
        ("2026", "2026"),
        ("30/09/2021", "2021-09-30"),
        ("Ongoing", None),
        ("Dec-24", "2024-12"),
        ("October 2018 March 2019 additional posts", "2018-10"),
        ("End of March 2020", "2020-03"),
        ("Year 1", None),
        # fiscal periods, quarters and spans of years name no single calendar date
        ("Q1 2025", None),
        ("Q3 2024/25", None),
        ("Q2FY18", None),
        ("FY19", None),
        ("3rd Quarter FY2014", None),
        ("completed in 2016 and 2017", None),
        ("Within 60 days of release of plan", None),
        ("complete by Fall 2016", "2016"),
        ("Mar-2018", "2018-03"),
        ("Year 2 (2024)", "2024"),
        ("Phase 2 2024", "2024"),
        ("2025-03-31", "2025-03-31"),
        ("31.03.2021", "2021-03-31"),
        ("TBC", None),
        ("01-Sep-23", "2023-09-01"),
        ("2019/20", None),
        ("2025-03", "2025-03"),
    ],
)
def test_due_date(text, iso):
    assert due_date(text) == iso


def test_numeric_dates_month_first_in_us_plans():
    assert due_date("3/31/2018", dayfirst=False) == "2018-03-31"
    assert due_date("5/6/2018", dayfirst=False) == "2018-05-06"
    assert due_date("5/6/2018") == "2018-06-05"


def test_numeric_date_order_from_the_dates_that_tell():
    assert numeric_date_order(["3/31/2018", "5/6/2018"]) is False
    assert numeric_date_order(["31/03/2019", "5/6/2018"]) is True
    assert numeric_date_order(["5/6/2018"]) is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("On track", "in_progress"),
        ("Slightly Off Track", "delayed"),
        ("Accomplished", "complete"),
        ("Behind schedule", "delayed"),
        ("At risk", "delayed"),
        ("Overdue", "delayed"),
        ("Superseded", "cancelled"),
        ("Closed", "complete"),
        ("75%", "in_progress"),
        ("100% complete", "complete"),
        ("0%", "not_started"),
        ("Limited / Substantial / Completed", "in_progress"),
        ("Not started", "not_started"),
    ],
)
def test_broad_status_vocabulary(text, status):
    assert status_from_text(text) == status


def test_status_word_and_comment_split():
    assert split_status_comment("Complete - provider details available for peer support") == (
        "Complete",
        "provider details available for peer support",
    )
    assert split_status_comment("On Track (green)") is None
    assert split_status_comment("Completed May 2019 and approved") is None


def test_people_split_on_commas():
    assert split_people("RSSM, PC, RSC") == ["RSSM", "PC", "RSC"]
    assert split_people("Local Housing Authority") == ["Local Housing Authority"]
    assert split_people("") == []


def test_yes_no():
    assert (yes_no("Yes"), yes_no("No"), yes_no("n/a")) == (True, False, None)


def test_status_words_run_together_by_ocr():
    # HUD's scanned milestone tables: OCR reads "On track" as "Ontrack"
    from planparse.normalise import status_from_text

    assert status_from_text("Ontrack") == "in_progress"
    assert status_from_text("Notstarted") == "not_started"
    assert status_from_text("Offtrack") == "delayed"
    assert status_from_text("Ontology review") is None
