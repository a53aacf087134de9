"""`planparse report` without a browser: overdue, the as-of date, the page's safety (escaping,
its one allowed script, nothing fetched), determinism, and finding the PDF of a JSON plan."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from datetime import date

from typer.testing import CliRunner

from conftest import EDITION_NEW, EDITION_OLD, find
from planparse.cli import app
from planparse.deadlines import parse_as_of, period_end
from planparse.inputs import LoadedPlan, load_plan
from planparse.report import render_report
from planparse.report.views import is_overdue, plan_as_of, plan_view

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def test_deadline_periods():
    assert period_end("2019") == date(2019, 12, 31)
    assert period_end("2020-02") == date(2020, 2, 29)
    assert period_end("2019-06-15") == date(2019, 6, 15)
    assert parse_as_of("2020-03") == date(2020, 3, 1)


def test_overdue_is_a_passed_deadline_on_an_unfinished_action(editions):
    old, _ = editions
    ongoing = find(old, "Establish a joint commissioning")  # due March 2019, Ongoing
    assert (ongoing.due, ongoing.status) == ("2019-03", "in_progress")
    assert is_overdue(ongoing, date(2019, 4, 1))
    assert not is_overdue(ongoing, date(2019, 3, 31))  # March is not over yet
    done = find(old, "Carry out an in-depth analysis")  # due June 2019, Complete
    assert done.status == "complete" and not is_overdue(done, date(2025, 1, 1))
    cancelled = ongoing.model_copy(update={"status": "cancelled"})
    assert not is_overdue(cancelled, date(2025, 1, 1))
    assert not is_overdue(ongoing, None)


def test_as_of_defaults_to_the_publication_month(editions):
    old, _ = editions
    assert plan_as_of(old, None) == (date(2019, 9, 1), "the plan's publication month")
    assert plan_as_of(old, date(2021, 1, 1))[0] == date(2021, 1, 1)
    undated = old.model_copy(
        update={"document": old.document.model_copy(update={"published": None})}
    )
    when, why = plan_as_of(undated, None)
    assert when is None and "--as-of" in why


def test_overdue_list_follows_the_rule(editions):
    old, _ = editions
    view = plan_view(old, "p", as_of=None, crops=None, crops_note=None)
    expected = [
        a.action
        for a in old.actions
        if a.due and a.status != "complete" and period_end(a.due) < date(2019, 9, 1)
    ]
    assert [r.action.action for r in view.overdue] == expected
    assert len(expected) == 11


def test_the_page_allows_only_its_own_script_and_fetches_nothing():
    html = render_report([load_plan(EDITION_OLD), load_plan(EDITION_NEW)])
    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert "default-src 'none'" in policy
    (script,) = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_the_report_is_the_same_every_time():
    plans = [load_plan(EDITION_OLD), load_plan(EDITION_NEW)]
    assert render_report(plans) == render_report(plans)


def test_json_input_finds_its_pdf_only_by_hash(tmp_path):
    target = tmp_path / "old.json"
    assert run("extract", EDITION_OLD, "-o", target).exit_code == 0
    alone = load_plan(target)
    assert alone.pdf is None and "was not found" in (alone.pdf_missing or "")
    found = load_plan(target, pdf_dir=EDITION_OLD.parent)
    assert found.pdf == EDITION_OLD and found.pdf_missing is None
    shutil.copyfile(EDITION_NEW, tmp_path / EDITION_OLD.name)  # right name, other PDF
    impostor = load_plan(target)
    assert impostor.pdf is None and "SHA-256 differs" in (impostor.pdf_missing or "")


def test_without_the_pdf_the_report_says_so(tmp_path):
    target = tmp_path / "old.json"
    assert run("extract", EDITION_OLD, "-o", target).exit_code == 0
    html = render_report([load_plan(target)])
    assert "No pictures of the rows: the PDF sefton-progress-2019-09.pdf was not found" in html
    assert "data:image/png" not in html
    with_pdf = render_report([load_plan(target, pdf_dir=EDITION_OLD.parent)])
    assert with_pdf.count("data:image/png;base64,") == 45


def test_one_plan_has_no_diff_and_three_have_two(editions):
    old, new = editions
    loaded = [LoadedPlan(p, EDITION_OLD, None, "test") for p in (old, new, old)]
    assert 'class="diff"' not in render_report(loaded[:1], crops=False)
    assert render_report(loaded, compare=True, crops=False).count('<section class="diff"') == 2
    assert 'class="diff"' not in render_report(loaded[:2], compare=False, crops=False)


def test_report_command(tmp_path):
    target = tmp_path / "report.html"
    result = run("report", EDITION_OLD, EDITION_NEW, "-o", target, "--as-of", "2020-06-30")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"planparse: wrote {target}"
    assert "2020-06-30 (--as-of)" in target.read_text(encoding="utf-8")


def test_report_bad_as_of_is_a_usage_error():
    result = run("report", EDITION_OLD, "--as-of", "2020-13")
    assert result.exit_code == 2
    assert "'2020-13' is not a date like 2020-03-31" in result.output


def test_report_missing_input_fails_in_one_line(tmp_path):
    result = run("report", tmp_path / "gone.json", "-o", tmp_path / "r.html")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"planparse: error: {tmp_path / 'gone.json'}: no such file"
    assert not (tmp_path / "r.html").exists()
