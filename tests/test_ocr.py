"""Scanned pages: OCR into the same records as the text twin, and never OCR a text PDF."""

from __future__ import annotations

import numpy as np
import pytest

import planparse
from conftest import dev_pdf, find, image_only_scan
from planparse.ocr import needs_ocr, render, skew_angle, straighten, tessdata_path
from planparse.pages import open_pdf, read_pages


def test_tesseract_data_is_installed():
    assert tessdata_path().endswith("/")


@pytest.fixture(scope="module")
def scanned():
    return planparse.extract(dev_pdf("sefton_homelessness_2018_23.scanned"), pages=[1, 2, 3])


def test_scanned_page_gives_the_records_of_its_text_twin(scanned):
    record = find(scanned, "Adapt current practices for carrying out equalities impact")
    assert record.id == "1.3"
    assert record.lead == ["Local Housing Authority", "Children Services", "Public Authorities"]
    assert (record.due_raw, record.due) == ("June 2021", "2021-06")
    assert record.theme == "1. Measuring the current and future likely levels of homelessness"
    assert record.provenance.pages == [1, 2]  # the row broken over the page break, rejoined


def test_ocr_is_recorded_in_provenance(scanned):
    for action in scanned.actions:
        assert action.provenance.ocr is True
        assert action.provenance.strategy.startswith("ocr-")
        assert 50 <= action.provenance.ocr_confidence <= 100


def test_text_pdf_is_never_ocrd_under_auto(plan_of):
    plan = plan_of("sefton_homelessness_2018_23.word-ruled")
    assert all(
        a.provenance.ocr is False and a.provenance.ocr_confidence is None for a in plan.actions
    )
    assert not any(a.provenance.strategy.startswith("ocr") for a in plan.actions)


def test_ocr_modes_decide_per_page():
    with open_pdf(dev_pdf("sefton_homelessness_2018_23.scanned")) as pdf:
        scan = next(read_pages(pdf, [1]))
    with open_pdf(dev_pdf("sefton_homelessness_2018_23.word-ruled")) as pdf:
        text = next(read_pages(pdf, [1]))
    assert needs_ocr(scan, "auto") and not needs_ocr(text, "auto")
    assert needs_ocr(text, "always") and not needs_ocr(scan, "never")


def test_tilted_scan_is_straightened():
    # the dev scans are rotated by a few tenths of a degree (page 3: -0.4 degrees)
    raster = render(str(dev_pdf("sefton_homelessness_2018_23.scanned")), 3)
    assert abs(skew_angle(raster.gray)) > 0.2
    assert abs(skew_angle(straighten(raster).gray)) < 0.1


def test_low_confidence_words_are_reported():
    plan = planparse.extract(dev_pdf("col_delivery_plan_2023_27.scanned"), pages=[6])
    low = [w for w in plan.warnings if w.code == "low_ocr_confidence"]
    assert low and all(w.page == 6 and "page 6" in w.message for w in low)


def test_rag_colour_read_from_scan_pixels():
    # tests/pdfs/scanned-rag-sefton.pdf: page 1 of Sefton's plan with RAG shown only as a
    # cell colour, rendered at 150 dpi and tilted 0.3 degrees (make_scanned_rag_fixture.py)
    from conftest import ROOT

    plan = planparse.extract(ROOT / "tests" / "pdfs" / "scanned-rag-sefton.pdf")
    assert [a.rag for a in plan.actions] == ["amber", "amber"]
    assert {a.provenance.rag_source for a in plan.actions} == {"fill"}
    assert plan.columns[4] == "Who"
    assert plan.actions[1].lead == ["Local Housing Authority"]


def test_tilted_scan_without_rules_is_straightened_from_its_text():
    # a real text-only page (Kent's cabinet report), tilted by 1 degree as a scanner would
    from PIL import Image

    from conftest import REAL
    from planparse.ocr import Raster

    report = (
        REAL
        / "kent-county-council"
        / ("24-00115 - Adoption of Integrated Care Strategy delivery plan - Report.pdf")
    )
    page = render(str(report), 2)
    tilted = Image.fromarray(page.rgb).rotate(1.0, fillcolor="white")
    raster = Raster(rgb=np.asarray(tilted), scale=page.scale)
    assert abs(skew_angle(raster.gray) + 1.0) < 0.3
    assert abs(skew_angle(straighten(raster).gray)) < 0.3


def test_numbered_list_in_a_scanned_cell_is_read_line_by_line(tmp_path):
    # Birmingham's Key Activity cells hold numbered lists; Tesseract takes the column of
    # list numbers for one tall glyph ("yawn") whose box merged the cell's five lines
    from conftest import REAL_DEV

    scan = image_only_scan(
        REAL_DEV / "birmingham-homeless-single-system-programme-2016.pdf",
        tmp_path,
        pages=[4, 5],
        tilt=False,
    )
    plan = planparse.extract(scan)
    technology = next(a for a in plan.actions if a.workstream == "Technology")
    lines = [
        "Identify technology needs to support the single homeless system",
        "2. Move forward Housing Advice and Homelessness IT requirements",
        "3. Develop Business Requirements",
        "Procure technology",
        "Implement technology change",
    ]
    positions = [technology.action.find(line) for line in lines]
    assert -1 not in positions and positions == sorted(positions)  # the lines in order
    assert technology.id is None  # a list in the cell, not an id
    heights = sorted(w.box.height for w in _ocr_words(scan, 2))
    assert heights[-1] < 2 * heights[len(heights) // 2]


def test_text_on_a_grey_header_band_is_read(tmp_path):
    # Louisville's progress report prints its header on grey cells darker than the page's
    # threshold: binarised with the page, they went black and the header was lost
    from conftest import REAL_DEV

    scan = image_only_scan(
        REAL_DEV / "louisville-omb-progress-2016.pdf", tmp_path, pages=[2], tilt=False
    )
    header = {w.text for w in _ocr_words(scan, 1) if w.box.top < 85}
    assert {"Goal", "Risks", "Initiative", "Analysis", "LouieStat", "Percent", "Health"} <= header


def _ocr_words(pdf, number: int):
    return _ocr_page(pdf, number).words


@pytest.fixture(scope="module")
def wmp_scan(tmp_path_factory):
    """West Midlands Police's plan, pages 17 and 18 (record cards under dark title bands,
    labels in a narrow column), as an image-only scan."""
    from conftest import REAL_DEV

    return image_only_scan(
        REAL_DEV / "wmp-liberate-mshtplan-2018.pdf",
        tmp_path_factory.mktemp("wmp"),
        pages=[17, 18],
        tilt=False,
    )


def test_light_text_on_a_dark_band_reads_as_the_card_title(wmp_scan):
    # the local threshold took the band between the white letters for ink, found
    # "rules" along the title's baseline, whitened them and split the title in two
    plan = planparse.extract(wmp_scan, pages=[1])
    card = next(a for a in plan.actions if a.id == "1.1")
    assert card.action == "Topical Problem Profiles"
    assert card.lead == ["Tactical intelligence"]
    words = _ocr_words(wmp_scan, 1)
    band = [w.text for w in words if 113 < w.box.cy < 131]
    assert band == ["1.1", "Topical", "Problem", "Profiles"]


def test_label_standing_apart_is_read(wmp_scan):
    # page 18's three cards: "RAG status" beside an empty dark cell, under a tall
    # value; Tesseract's layout analysis passed over it
    labels = [w.text for w in _ocr_words(wmp_scan, 2) if w.box.x1 < 196]
    assert labels.count("RAG") == 3 and labels.count("status") == 3
    assert labels.count("outstanding") == 3


def test_grey_cells_apart_by_white_gutters_make_a_grid(tmp_path):
    # HUD's milestone tables: grey cells on white paper, set apart by thin white gaps and
    # no rules. Closing over the letters bridged the gaps into one grey block, and the
    # edges of light fills were taken for rules
    from conftest import REAL_DEV

    scan = image_only_scan(
        REAL_DEV / "us-hud-apg-length-of-homelessness-fy2018q1.pdf", tmp_path, pages=[7], tilt=False
    )
    plan = planparse.extract(scan)
    assert plan.columns == [
        "Key Milestone",
        "Milestone Due Date",
        "Milestone Status",
        "Change from last quarter",
        "Comments",
    ]
    assert [a.due_raw for a in plan.actions] == ["3/31/2018", "5/31/2018", "12/31/2018"]
    assert {a.provenance.strategy for a in plan.actions} == {"ocr-shaded"}


def test_small_print_is_read_again_at_a_finer_resolution(monkeypatch, tmp_path):
    # Louisville's progress report prints 5-point text: a dozen pixels at 200 dpi, which
    # Tesseract misreads; the Sefton scan's 9-point text is read once
    from conftest import REAL_DEV
    from planparse import ocr

    resolutions: list[int] = []
    real_render = ocr.render

    def render(pdf_path, number, dpi=200, password=None):
        resolutions.append(dpi)
        return real_render(pdf_path, number, dpi, password)

    monkeypatch.setattr(ocr, "render", render)
    small = image_only_scan(
        REAL_DEV / "louisville-omb-progress-2016.pdf", tmp_path, pages=[1], tilt=False
    )
    ocr.ocr_page(str(small), 1, 1008, 612)
    assert resolutions[0] == 200 and resolutions[1] >= 300
    resolutions.clear()
    ocr.ocr_page(str(dev_pdf("sefton_homelessness_2018_23.scanned")), 1, 842, 595)
    assert resolutions == [200]


def test_a_split_title_over_prose_is_no_table(tmp_path):
    # HUD's slide title "Key Milestones", tilted in the scan, is read "Key M es:ories":
    # a line with a gap in it, bold, over the slide's statement, which the stream finder
    # took for a two-column header over one full-width row; that table broke the run of
    # milestone tables and lost the statement's words in it
    from conftest import REAL_DEV
    from planparse.tables import native_tables

    scan = image_only_scan(REAL_DEV / "us-hud-apg-length-of-homelessness-fy2018q1.pdf", tmp_path)
    page = _ocr_page(scan, 8)
    assert "Key" in {w.text for w in page.words}
    for table in native_tables(page):
        body = [
            r
            for r in range(1, table.n_rows)
            if sum(1 for c in table.cells if c.row == r and c.lines) >= 2
        ]
        assert body, [c.lines for c in table.cells]


def _ocr_page(pdf, number: int):
    from planparse.ocr import ocr_page

    with open_pdf(pdf) as document:
        page = next(read_pages(document, [number]))
    return ocr_page(str(pdf), number, page.width, page.height)
