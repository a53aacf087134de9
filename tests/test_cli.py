"""The command line: outputs, formats, several inputs, bad input and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from conftest import dev_pdf
from planparse.cli import app

runner = CliRunner()
SEFTON = dev_pdf("sefton_homelessness_2018_23.word-ruled")
COL = dev_pdf("col_delivery_plan_2023_27.excel")


def run(*args: str):
    return runner.invoke(app, list(args))


def test_one_input_writes_json_to_stdout():
    result = run("extract", str(COL))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["actions"]) == 26
    assert data["columns"][1] == "Unique ID"


def test_output_file_and_format_from_suffix(tmp_path):
    target = tmp_path / "plan.csv"
    result = run("extract", str(COL), "-o", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 26
    first = rows[0]
    assert first["id"] == "1.6" and first["partners"] == "HO" and first["due"] == "2023-12-31"
    assert rows[2]["partners"] == "RSSM; CM; providers"
    assert first["pages"] == "1"
    assert not list(tmp_path.glob("*.part"))


def test_several_inputs_write_one_file_each(tmp_path):
    result = run("extract", str(COL), str(SEFTON), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [f"{COL.stem}.json", f"{SEFTON.stem}.json"]


def test_several_inputs_need_an_output_folder():
    result = run("extract", str(COL), str(SEFTON))
    assert result.exit_code == 2
    assert "several inputs need -o FOLDER" in result.output


def test_not_a_pdf_fails_with_one_line(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    result = run("extract", str(fake))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("planparse: error:") and "not a PDF" in lines[0]
    assert "Traceback" not in result.output


def test_missing_file(tmp_path):
    result = run("extract", str(tmp_path / "nowhere.pdf"))
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_batch_goes_on_past_a_bad_file_and_leaves_nothing_half_written(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = run("extract", str(bad), str(COL), "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [f"{COL.stem}.json"]
    assert "empty file" in result.stderr
    assert "2 file(s), 1 extracted" in result.stderr and "1 failed:" in result.stderr
    assert "[unreadable]" in result.stderr


def test_failed_single_output_leaves_no_file(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage with no objects")
    target = tmp_path / "bad.json"
    result = run("extract", str(bad), "-o", str(target))
    assert result.exit_code == 1
    assert not target.exists()
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "--format", "yaml", "x.pdf"),
        ("extract", "--pages", "3-1", "x.pdf"),
        ("extract", "--skip-repair", "nonsense", "x.pdf"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2


def test_pages_option():
    result = run("extract", str(SEFTON), "--pages", "1")
    assert result.exit_code == 0
    pages = {p for a in json.loads(result.stdout)["actions"] for p in a["provenance"]["pages"]}
    assert pages == {1}


def test_schema_command(tmp_path):
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "ActionPlan"
    assert "Action" in schema["$defs"]


def test_table_format_for_terminal():
    result = run("extract", str(COL), "--format", "table")
    assert result.exit_code == 0
    assert "Mobilise new RSAC" in result.stdout


def test_validate_accepts_planparse_output_and_names_each_problem(tmp_path):
    good = tmp_path / "plan.json"
    assert run("extract", str(COL), "-o", str(good)).exit_code == 0
    result = run("validate", str(good))
    assert result.exit_code == 0 and result.stdout == ""
    data = json.loads(good.read_text())
    data["actions"][0]["status"] = "sort of done"
    data["actions"][2]["due"] = "2024-02-30"
    data["actions"][3]["action"] = ""
    del data["actions"][4]["lead"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    result = run("validate", str(good), str(bad), str(tmp_path / "missing.json"))
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert f"{bad}: $.actions[0].status: 'sort of done' is not one of not_started" in lines[0]
    assert lines[1] == f"{bad}: $.actions[2].due: '2024-02-30' is not a calendar date"
    assert lines[2].startswith(f"{bad}: $.actions[3].action:")
    assert lines[3] == f"{bad}: $.actions[4]: 'lead' is a required property"
    assert lines[4] == f"{tmp_path / 'missing.json'}: $: no such file"
    assert "1 of 3 file(s) valid" in result.stderr


def test_xlsx_export(tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "plan.xlsx"
    assert run("extract", str(COL), "-o", str(target)).exit_code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["actions", "document", "warnings"]
    sheet = book["actions"]
    assert sheet.max_row == 27
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["id", "theme", "workstream", "objective", "action"]
    assert sheet.cell(row=4, column=header.index("partners") + 1).value == "RSSM; CM; providers"


def test_inspect_draws_the_page(tmp_path):
    from PIL import Image

    target = tmp_path / "page.png"
    result = run("inspect", str(SEFTON), "--page", "2", "-o", str(target))
    assert result.exit_code == 0, result.output
    image = Image.open(target)
    assert image.size[0] > 1000  # a landscape page at 110 dpi
    assert run("inspect", str(SEFTON), "--page", "99", "-o", str(target)).exit_code == 2


def test_same_names_in_several_folders_get_distinct_outputs(tmp_path):
    import shutil

    for folder, name in (("x", "a.pdf"), ("y", "a.pdf"), ("z", "a-2.pdf")):
        (tmp_path / folder).mkdir()
        shutil.copy(COL, tmp_path / folder / name)
    out = tmp_path / "out"
    result = run("extract", *(str(tmp_path / d) for d in ("x", "y", "z")), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a-2-2.json", "a-2.json", "a.json"]


def test_outputs_have_the_usual_file_mode(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        target = tmp_path / "plan.json"
        assert run("extract", str(COL), "-o", str(target)).exit_code == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_report_for_one_input(tmp_path):
    report = tmp_path / "run.jsonl"
    result = run("extract", str(COL), "-o", str(tmp_path / "p.json"), "--report", str(report))
    assert result.exit_code == 0
    entry, last = (json.loads(line) for line in report.read_text().splitlines())
    assert entry["ok"] and entry["records"] == 26 and entry["pages"] == 4
    assert entry["input"] == str(COL) and entry["output"] == str(tmp_path / "p.json")
    assert last["summary"]["extracted"] == 1


def test_unwritable_outputs_fail_in_one_line(tmp_path):
    result = run("schema", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("planparse: error: cannot write")
    assert "Traceback" not in result.output


def test_inspect_a_pdf_with_no_action_table(tmp_path):
    from conftest import REAL

    warn = REAL / "pdfplumber-fixtures" / "WARN-Report-for-7-1-2015-to-03-25-2016.pdf"
    target = tmp_path / "warn.png"
    result = run("inspect", str(warn), "--page", "1", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 10_000


def test_a_report_equal_to_an_output_is_a_usage_error(tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("an earlier output")
    result = run("extract", str(COL), "-o", str(target), "--report", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith("planparse: error: ") and "also the output of" in result.stderr
    assert target.read_text() == "an earlier output"
    folder = tmp_path / "out"
    result = run("extract", str(COL), str(SEFTON), "-o", str(folder),
                 "--report", str(folder / f"{SEFTON.stem}.json"))  # fmt: skip
    assert result.exit_code == 2 and not folder.exists()


def test_inspect_reads_and_ocrs_the_page_once(monkeypatch):
    """`inspect` draws the tables and the records of one reading of the page (a spy
    counts the real reads; nothing is replaced)."""
    import importlib

    from conftest import dev_pdf
    from planparse.overlay import draw_page

    pipeline = importlib.import_module("planparse.extract")  # the module, not the function

    calls: dict[str, list[int]] = {"read": [], "ocr": []}
    read_pages, ocr_pages = pipeline.read_pages, pipeline.ocr_pages

    def counted_read(pdf, numbers, *settings):
        calls["read"].extend(numbers)
        return read_pages(pdf, numbers, *settings)

    def counted_ocr(path, pages, **options):
        calls["ocr"].extend(p.number for p in pages)
        return ocr_pages(path, pages, **options)

    monkeypatch.setattr(pipeline, "read_pages", counted_read)
    monkeypatch.setattr(pipeline, "ocr_pages", counted_ocr)
    picture = draw_page(dev_pdf("sefton_homelessness_2018_23.scanned"), 2)
    assert picture.size[0] > 1000
    assert calls == {"read": [2], "ocr": [2]}
