"""The HTML report in a real browser (Debian's Chromium, headless): one row per action, the
charts' counts equal the JSON's, the page's script runs, a screenshot that is not blank, and
hostile text in a cell shown as text.

PLANPARSE_UPDATE_DOCS=1 also copies the screenshot to docs/report.png (the README's picture).
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from typer.testing import CliRunner

from browser import dom, screenshot
from conftest import EDITION_NEW, EDITION_OLD, ROOT
from planparse.cli import app

runner = CliRunner()
HOSTILE = (
    "<script>document.documentElement.dataset.pwned = 'script'</script>"
    "<img src=x onerror=\"document.documentElement.dataset.pwned = 'img'\">"
)


def run(*args: object):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The report of the two editions, with each edition's JSON and the diff's beside it."""
    folder = tmp_path_factory.mktemp("report")
    run("extract", EDITION_OLD, "-o", folder / "old.json")
    run("extract", EDITION_NEW, "-o", folder / "new.json")
    run("diff", EDITION_OLD, EDITION_NEW, "-o", folder / "diff.json")
    run("report", EDITION_OLD, EDITION_NEW, "-o", folder / "report.html")
    return folder


@pytest.fixture(scope="module")
def page(made, tmp_path_factory):
    return dom(made / "report.html", tmp_path_factory.mktemp("chromium"))


def plan_json(made: Path, name: str) -> dict:
    return json.loads((made / f"{name}.json").read_text(encoding="utf-8"))


def test_the_dom_holds_one_row_per_action(made, page):
    sections = page.select("section.plan")
    assert len(sections) == 2
    for section, name in zip(sections, ("old", "new"), strict=True):
        actions = plan_json(made, name)["actions"]
        rows = section.select("table.actions tr.action-row")
        assert len(rows) == len(actions)
        assert [r.select_one("td.action-text").get_text() for r in rows] == [
            a["action"] for a in actions
        ]
        assert [r["data-status"] for r in rows] == [a["status"] or "none" for a in actions]
        crops = [r.select_one("td.crop img") for r in rows]
        assert all(
            img is not None and img["src"].startswith("data:image/png;base64,") for img in crops
        )


def test_the_report_leads_with_the_diff(made, page):
    diff = plan_json(made, "diff")
    first = page.select_one("body > section")
    assert "diff" in first["class"]
    assert len(first.select("tr.changed-row")) == diff["summary"]["changed"]
    assert len(first.select("tr.added-row")) == len(diff["added"])
    assert len(first.select("tr.removed-row")) == len(diff["removed"])
    cards = {c["data-headline"]: int(c.select_one(".n").get_text()) for c in first.select(".card")}
    for name in ("matched", "changed", "worsened", "improved", "slipped", "added", "removed"):
        assert cards[name] == diff["summary"][name], name
    kinds = [li["data-kind"] for li in first.select("li.change")]
    assert kinds.count("worsened") == 3 and kinds.count("slipped") == 1


def test_chart_counts_equal_the_json(made, page):
    for section, name in zip(page.select("section.plan"), ("old", "new"), strict=True):
        actions = plan_json(made, name)["actions"]
        field = "theme" if any(a["theme"] for a in actions) else "objective"
        for chart, key in (("status", "status"), ("rag", "rag")):
            drawn: Counter[tuple[str, str]] = Counter()
            for seg in section.select(f'svg[data-chart="{chart}"] rect.seg'):
                drawn[(seg["data-group"], seg["data-key"])] += int(seg["data-count"])
            expected = Counter((a[field] or f"(no {field})", a[key] or "none") for a in actions)
            assert drawn == expected, (name, chart)


def test_headline_counts_equal_the_json(made, page):
    for section, name in zip(page.select("section.plan"), ("old", "new"), strict=True):
        actions = plan_json(made, name)["actions"]
        cards = {
            c["data-headline"]: int(c.select_one(".n").get_text()) for c in section.select(".card")
        }
        statuses = Counter(a["status"] for a in actions)
        rags = Counter(a["rag"] for a in actions)
        assert cards["actions"] == len(actions)
        assert (cards["complete"], cards["in_progress"]) == (
            statuses["complete"],
            statuses["in_progress"],
        )
        assert (cards["red"], cards["amber"], cards["green"]) == (
            rags["red"],
            rags["amber"],
            rags["green"],
        )
        overdue = section.select("tr.action-row.is-overdue")
        assert cards["overdue"] == len(overdue) == len(section.select("tr.overdue-row"))


def test_the_page_script_runs_and_filters(made, tmp_path):
    """The inline script is the one the Content-Security-Policy allows: it runs, and a linked
    view (?status=delayed&sort=due) filters and sorts the tables."""
    filtered = dom(made / "report.html", tmp_path, "?status=delayed&sort=due&order=asc")
    assert filtered.html["data-ready"] == "yes"
    new_section = filtered.select("section.plan")[1]
    shown = [r for r in new_section.select("tr.action-row") if not r.has_attr("hidden")]
    delayed = [a for a in plan_json(made, "new")["actions"] if a["status"] == "delayed"]
    assert len(shown) == len(delayed) == 1
    assert new_section.select_one("output.shown").get_text() == "1 of 45 shown"
    dues = [r.select("td")[6]["data-value"] for r in new_section.select("tr.action-row")]
    assert dues == sorted(dues)


def test_a_screenshot_is_not_blank(made, tmp_path):
    picture = screenshot(made / "report.html", tmp_path / "report.png", tmp_path, (1400, 2400))
    with Image.open(picture) as image:
        assert image.size == (1400, 2400)
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 20  # text, cards and bars, not one flat colour
        inked = sum(grey.histogram()[:200]) / (image.width * image.height)
        assert inked > 0.03
        assert len(image.convert("RGB").getcolors(1 << 20) or []) > 50
    if os.environ.get("PLANPARSE_UPDATE_DOCS") == "1":
        shutil.copyfile(picture, ROOT / "docs" / "report.png")


def test_hostile_text_is_shown_as_text(made, tmp_path):
    plan = plan_json(made, "old")
    plan["actions"][0]["action"] = HOSTILE
    plan["actions"][0]["objective"] = "</text></svg><script>alert(1)</script>"
    plan["actions"][1]["progress"] = "</td></tr></table><h1 id=injected>injected</h1>"
    plan["document"]["title"] = "</title><script>alert(2)</script>"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(plan), encoding="utf-8")
    run("report", hostile, "-o", tmp_path / "hostile.html")
    page = dom(tmp_path / "hostile.html", tmp_path)
    assert not page.html.has_attr("data-pwned")
    assert page.html["data-ready"] == "yes"
    assert len(page.find_all("script")) == 1 and page.find(id="injected") is None
    first = page.select("tr.action-row")[0]
    assert first.select_one("td.action-text").get_text() == HOSTILE
    assert first.select("td")[3].get_text() == plan["actions"][0]["objective"]
    labels = [g["data-group"] for g in page.select('svg[data-chart="status"] g.bar')]
    assert plan["actions"][0]["objective"] in labels
    assert (
        page.select("tr.action-row")[1].select_one("td.progress").get_text()
        == (plan["actions"][1]["progress"])
    )
    assert page.title.get_text().startswith("</title><script>alert(2)</script>")
    assert "no PDF" in first.select_one("td.crop").get_text()
