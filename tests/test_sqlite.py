"""`--format sqlite`: one database for a batch, the same records as the JSON, re-runs replace
rows instead of adding them, and the file opens in sqlite-utils as it is."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from conftest import EDITION_NEW, EDITION_OLD, dev_pdf
from planparse.cli import app
from planparse.database import extract_to_database
from planparse.exporters.to_sqlite import read_plans
from planparse.models import RECORD_KEYS, ActionPlan

runner = CliRunner()
BATCH = [
    dev_pdf("col_delivery_plan_2023_27.excel"),
    dev_pdf("lewisham_housing_2022.word-sections"),
    dev_pdf("sefton_homelessness_2018_23.word-ruled"),
    EDITION_OLD,
    EDITION_NEW,
]


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def counts(db: Path) -> dict[str, int]:
    return {t.name: t.count for t in sqlite_utils.Database(db).tables}


def plans_in(db: Path) -> dict[str, ActionPlan]:
    with closing(sqlite3.connect(db)) as connection:
        return {plan.source.file: plan for plan in read_plans(connection)}


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, Path]:
    """The batch extracted twice: into one database, and as JSON files (the reference)."""
    folder = tmp_path_factory.mktemp("batch")
    db, json_dir = folder / "plans.db", folder / "json"
    result = run("extract", *BATCH, "-o", db, "-q")
    assert result.exit_code == 0, result.output
    assert run("extract", *BATCH, "-o", json_dir, "-q").exit_code == 0
    return db, json_dir


def test_one_database_holds_every_file_of_the_batch(batch):
    db, json_dir = batch
    assert sorted(p.name for p in db.parent.iterdir()) == ["json", "plans.db"]
    stored = plans_in(db)
    assert sorted(stored) == sorted(p.name for p in BATCH)
    for pdf in BATCH:
        from_json = ActionPlan.model_validate_json((json_dir / f"{pdf.stem}.json").read_text())
        assert stored[pdf.name] == from_json, pdf.name


def test_rows_hold_the_json_records(batch):
    """Column by column, as sqlite-utils (and Datasette) read them."""
    db, json_dir = batch
    database = sqlite_utils.Database(db)
    for pdf in BATCH:
        data = json.loads((json_dir / f"{pdf.stem}.json").read_text(encoding="utf-8"))
        key = data["source"]["sha256"]
        document = database["documents"].get(key)
        assert document["file"] == pdf.name and document["action_count"] == len(data["actions"])
        assert json.loads(document["columns"]) == data["columns"]
        rows = list(database["actions"].rows_where("sha256 = ?", [key], order_by="position"))
        assert len(rows) == len(data["actions"])
        for row, record in zip(rows, data["actions"], strict=True):
            for name in RECORD_KEYS:
                value = row[name]
                if name in ("lead", "partners"):
                    value = json.loads(value)
                elif name == "new" and value is not None:
                    value = bool(value)
                assert value == record[name], (pdf.name, row["position"], name)
            assert json.loads(row["pages"]) == record["provenance"]["pages"]
            assert json.loads(row["extra"]) == record["extra"]
        warnings = list(database["warnings"].rows_where("sha256 = ?", [key]))
        assert len(warnings) == len(data["warnings"])


def test_tables_are_keyed_by_the_pdf_hash(batch):
    database = sqlite_utils.Database(batch[0])
    assert set(database.table_names()) == {
        "documents",
        "actions",
        "warnings",
        "table_repairs",
        "dropped",
    }
    assert database["documents"].pks == ["sha256"]
    assert database["actions"].pks == ["sha256", "position"]
    assert {(fk.column, fk.other_table) for fk in database["actions"].foreign_keys} == {
        ("sha256", "documents")
    }


def test_a_second_run_leaves_the_row_counts_unchanged(batch, tmp_path):
    db = tmp_path / "plans.db"
    db.write_bytes(batch[0].read_bytes())
    before = counts(db)
    assert before["documents"] == len(BATCH)
    result = run("extract", *BATCH, "-o", db, "-q")
    assert result.exit_code == 0, result.output
    assert counts(db) == before
    result = run("extract", BATCH[0], "-o", db)  # one file again: its rows replaced
    assert result.exit_code == 0, result.output
    assert counts(db) == before
    assert plans_in(db) == plans_in(batch[0])


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    db = tmp_path / "plans.db"
    result = run("extract", bad, EDITION_OLD, "-o", db)
    assert result.exit_code == 1
    assert "[unreadable]" in result.stderr and "empty file" in result.stderr
    assert sorted(plans_in(db)) == [EDITION_OLD.name]


def test_a_run_where_every_file_fails_writes_no_database(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    db = tmp_path / "plans.db"
    result = run("extract", bad, "-o", db)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"planparse: error: {bad}: empty file (0 bytes)"
    assert not db.exists() and not list(tmp_path.glob("*.part"))


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path):
    target = tmp_path / "plans.db"
    target.write_text("my notes", encoding="utf-8")
    result = run("extract", EDITION_OLD, "-o", target)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"planparse: error: cannot write {target}:")
    assert target.read_text(encoding="utf-8") == "my notes"


def test_a_folder_is_no_database(tmp_path):
    result = run("extract", EDITION_OLD, "-o", tmp_path, "--format", "sqlite")
    assert result.exit_code == 2
    assert "sqlite writes one file" in result.output


def test_several_inputs_need_a_database_file():
    result = run("extract", EDITION_OLD, EDITION_NEW, "--format", "sqlite")
    assert result.exit_code == 2
    assert "several inputs need -o FILE.db" in result.output


def test_the_library_call_and_parallel_workers(tmp_path):
    db = tmp_path / "plans.db"
    results = extract_to_database([EDITION_OLD, EDITION_NEW], db, jobs=2).results
    assert [r.ok for r in results] == [True, True] and {r.output for r in results} == {db}
    found = counts(db)
    assert (found["documents"], found["actions"], found["warnings"]) == (2, 90, 0)


def test_one_plan_to_standard_output(tmp_path):
    result = runner.invoke(app, ["extract", str(EDITION_NEW), "--format", "sqlite"])
    assert result.exit_code == 0
    db = tmp_path / "out.db"
    db.write_bytes(result.stdout_bytes)
    found = counts(db)
    assert (found["documents"], found["actions"], found["warnings"]) == (1, 45, 0)
