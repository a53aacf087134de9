"""Bad input: each case gives records or one clear line with a documented exit code, never a
traceback and never an output file left behind. The inputs are made from real PDFs of the
corpus (cut short, corrupted, encrypted) or are what scripts meet in the wild (an HTML
error page saved as .pdf, an empty download)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from typer.testing import CliRunner

import planparse
from conftest import REAL, dev_pdf
from planparse.cli import app

runner = CliRunner()
PLAN = dev_pdf("col_delivery_plan_2023_27.excel")
PLAN_RECORDS = 26


def make(tmp_path: Path, kind: str) -> Path:
    """Write one bad input of the given kind and return its path."""
    path = tmp_path / f"{kind}.pdf"
    source = PLAN.read_bytes()
    if kind == "zero-byte":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(source[: len(source) * 4 // 10])
    elif kind == "not-a-pdf":
        path.write_text("Minutes of the housing committee, not a PDF at all.\n")
    elif kind == "html":
        path.write_text("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>")
    elif kind == "garbage-after-header":
        rng = random.Random(7)
        path.write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4000)))
    elif kind == "broken-xref":
        found = re.search(rb"startxref\s+(\d+)", source)
        assert found
        path.write_bytes(source[: found.start(1)] + b"999999" + source[found.end(1) :])
    elif kind in ("user-password", "owner-password"):
        writer = pypdf.PdfWriter(clone_from=PLAN)
        user = "secret" if kind == "user-password" else ""
        writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="AES-128")
        writer.write(path)
    elif kind == "blank-page":
        document = pdfium.PdfDocument.new()
        document.new_page(595, 842)
        document.save(path)
    elif kind == "image-only-blank":
        Image.new("RGB", (1240, 1754), "white").save(path, "PDF", resolution=150)
    else:  # pragma: no cover
        raise ValueError(kind)
    return path


def cli(*args: str):
    return runner.invoke(app, list(args))


def assert_one_line_failure(result, needle: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("planparse: error:") and needle in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("kind", "needle"),
    [
        ("zero-byte", "empty file"),
        ("truncated", "damaged PDF"),
        ("not-a-pdf", "not a PDF"),
        ("html", "looks like HTML"),
        ("garbage-after-header", "damaged PDF"),
        ("user-password", "encrypted PDF, give its password with --password"),
        ("blank-page", "no action table"),
        ("image-only-blank", "no action table"),
    ],
)
def test_failure_is_one_line_and_leaves_no_output(tmp_path, kind, needle):
    path = make(tmp_path, kind)
    target = tmp_path / "out" / "plan.json"
    result = cli("extract", str(path), "-o", str(target))
    assert_one_line_failure(result, needle)
    assert not target.exists()
    assert not list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else True


def test_broken_xref_is_read_anyway(tmp_path):
    plan = planparse.extract(make(tmp_path, "broken-xref"))
    assert len(plan.actions) == PLAN_RECORDS


def test_user_password_opens_with_the_password(tmp_path):
    path = make(tmp_path, "user-password")
    with pytest.raises(planparse.EncryptedError):
        planparse.extract(path)
    with pytest.raises(planparse.EncryptedError, match="password given does not open"):
        planparse.extract(path, password="wrong")
    assert len(planparse.extract(path, password="secret").actions) == PLAN_RECORDS
    result = cli("extract", str(path), "--password", "secret")
    assert result.exit_code == 0 and '"Mobilise new RSAC"' in result.stdout


def test_owner_password_only_opens_normally(tmp_path):
    plan = planparse.extract(make(tmp_path, "owner-password"))
    assert len(plan.actions) == PLAN_RECORDS


def test_directory_and_missing_path(tmp_path):
    with pytest.raises(planparse.InputError, match="is a directory"):
        planparse.extract(tmp_path)
    assert_one_line_failure(cli("extract", str(tmp_path / "missing.pdf")), "no such file")
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    result = cli("extract", str(empty), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no PDF files" in result.stderr


def test_text_but_no_table_is_reported_as_such():
    report = (
        REAL
        / "kent-county-council"
        / ("24-00115 - Adoption of Integrated Care Strategy delivery plan - Report.pdf")
    )
    with pytest.raises(planparse.NoActionTableError, match="no action table"):
        planparse.extract(report)


def test_batch_with_bad_files_writes_every_good_file(tmp_path):
    bad = [make(tmp_path, k) for k in ("zero-byte", "html", "user-password", "blank-page")]
    good = [PLAN, dev_pdf("sefton_homelessness_2018_23.word-ruled")]
    out = tmp_path / "out"
    result = cli("extract", *map(str, [bad[0], good[0], *bad[1:], good[1]]), "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.json" for p in good)
    assert "6 file(s), 2 extracted" in result.stderr and "4 failed:" in result.stderr
    for kind in ("[unreadable]", "[encrypted]", "[no_action_table]"):
        assert kind in result.stderr
    assert "Traceback" not in result.output


def test_jobs_give_identical_output(tmp_path):
    inputs = [
        str(PLAN),
        str(dev_pdf("sefton_homelessness_2018_23.word-sections")),
        str(dev_pdf("lewisham_housing_2022.unruled")),
    ]
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("extract", *inputs, "-o", str(one), "--jobs", "1").exit_code == 0
    assert cli("extract", *inputs, "-o", str(two), "--jobs", "2").exit_code == 0
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and len(names) == 3
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_500_page_plan(tmp_path):
    source = pdfium.PdfDocument(dev_pdf("lewisham_homelessness_2022.word-ruled"))
    big = pdfium.PdfDocument.new()
    while len(big) < 500:
        big.import_pages(source, list(range(min(len(source), 500 - len(big)))))
    path = tmp_path / "plan-500-pages.pdf"
    big.save(path)
    plan = planparse.extract(path)
    assert plan.source.pages == 500
    pages = {p for a in plan.actions for p in a.provenance.pages}
    assert max(pages) >= 495  # records all the way to the end
    assert len(plan.actions) > 1500
