"""Scans with a text layer (measured in docs/finders.md). Their table rules exist only in
the page image: under `--ocr auto` planparse reads them as the scans they are (OCR, rules
from the pixels); read from their text layer (`--ocr never`, or Tesseract missing), a
text page whose words lie on a picture gets camelot's lattice under `--tables auto`,
which sees the rules in the rendered page. A page whose pictures carry no words (photos
beside the text) is left to the native finders."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import planparse
from conftest import REAL, dev_pdf
from planparse.ocr import is_searchable_scan
from planparse.pages import open_pdf, read_pages
from planparse.tables import _camelot_may_see_more, native_tables

#: resolution of the scan given to Tesseract (fast; still reads the table's text)
SCAN_DPI = 200


@pytest.fixture(scope="module")
def searchable_scan(tmp_path_factory) -> Path:
    """Page 1 of the scanned Sefton plan made searchable as scanners and ocrmypdf do:
    Tesseract's PDF output, the page image with its recognised text as an invisible
    layer on top. The table's rules exist only in the image."""
    folder = tmp_path_factory.mktemp("searchable")
    image = folder / "page.png"
    scan = pdfium.PdfDocument(dev_pdf("sefton_homelessness_2018_23.scanned"))
    scan[0].render(scale=SCAN_DPI / 72).to_pil().save(image)
    scan.close()
    subprocess.run(
        ["tesseract", str(image), str(folder / "page"), "--dpi", str(SCAN_DPI), "pdf"],
        check=True,
        capture_output=True,
    )
    return folder / "page.pdf"


def test_native_finders_see_no_table_in_the_text_layer(searchable_scan):
    with pytest.raises(planparse.NoActionTableError):
        planparse.extract(searchable_scan, tables="native", ocr="never")


def test_auto_reads_the_text_layer_with_camelots_lattice(searchable_scan):
    plan = planparse.extract(searchable_scan, tables="auto", ocr="never")
    assert {a.provenance.strategy for a in plan.actions} == {"camelot-lattice"}
    assert any(a.action.startswith("Carry out an in-depth analysis") for a in plan.actions)


def test_a_searchable_scan_is_read_as_a_scan(searchable_scan):
    with open_pdf(searchable_scan) as doc:
        page = next(read_pages(doc, [1]))
    assert page.words and page.invisible_text == 1.0 and is_searchable_scan(page)
    plan = planparse.extract(searchable_scan)
    assert {a.provenance.strategy for a in plan.actions} == {"ocr-lattice"}
    assert all(a.provenance.ocr for a in plan.actions)
    assert any(a.action.startswith("Carry out an in-depth analysis") for a in plan.actions)
    text_pdf = dev_pdf("sefton_homelessness_2018_23.word-ruled")
    with open_pdf(text_pdf) as doc:
        assert not is_searchable_scan(next(read_pages(doc, [1])))


def test_a_photo_beside_the_text_does_not_call_camelot():
    # Norfolk's climate plan, p. 19: a photo covering 11% of the page, no table, and
    # none of the page's words on the photo
    pdf = REAL / "other-action-plans" / "norfolk-va-climate-action-plan-2019.pdf"
    with open_pdf(pdf) as doc:
        page = next(read_pages(doc, [19]))
    assert page.images and not native_tables(page)
    assert not _camelot_may_see_more(page, [])
