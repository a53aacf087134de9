"""Shared fixtures: the corpus beside the repository, and a cache of extractions."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

import planparse

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PLANPARSE_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"
REAL = SHARED / "corpus" / "real"
SCORER = SHARED / "tools" / "score.py"
SAMPLES = ROOT / "samples"
PDFS = ROOT / "tests" / "pdfs"
#: two editions of one plan, made by tests/pdfs/make_edition_fixtures.py
EDITION_OLD = PDFS / "sefton-progress-2019-09.pdf"
EDITION_NEW = PDFS / "sefton-progress-2020-03.pdf"

_CACHE: dict[tuple[str, tuple[str, ...]], planparse.ActionPlan] = {}


def dev_pdf(name: str) -> Path:
    path = DEV / f"{name}.pdf"
    assert path.exists(), f"the shared corpus is missing {path} (set PLANPARSE_SHARED)"
    return path


@pytest.fixture(scope="session")
def plan_of():
    """plan_of("sefton_homelessness_2018_23.word-ruled") -> ActionPlan, extracted once."""

    def get(name: str, skip_repairs: tuple[str, ...] = ()) -> planparse.ActionPlan:
        key = (name, skip_repairs)
        if key not in _CACHE:
            _CACHE[key] = planparse.extract(dev_pdf(name), skip_repairs=skip_repairs)
        return _CACHE[key]

    return get


@pytest.fixture(scope="session")
def editions() -> tuple[planparse.ActionPlan, planparse.ActionPlan]:
    """The two fixture editions, extracted once: (old, new)."""
    return planparse.extract(EDITION_OLD), planparse.extract(EDITION_NEW)


def find(plan: planparse.ActionPlan, action_start: str) -> planparse.Action:
    """The one record whose action text starts with `action_start`."""
    hits = [a for a in plan.actions if a.action.startswith(action_start)]
    assert len(hits) == 1, f"{len(hits)} records start with {action_start!r}"
    return hits[0]


def logical_tables(name: str, pages: list[int]):
    """The stitched (not yet repaired) logical tables of some pages of a dev PDF."""
    from planparse.pages import open_pdf, read_pages
    from planparse.stitch import stitch
    from planparse.tables import find_tables

    with open_pdf(dev_pdf(name)) as pdf:
        layouts = [find_tables(page) for page in read_pages(pdf, pages)]
    return stitch(layouts)


REAL_DEV = SHARED / "corpus" / "real-dev"
RECALL = SHARED / "tools" / "recall.py"
_REAL_DEV_CACHE: dict[str, planparse.ActionPlan] = {}


def real_dev_pdf(name: str, directory: Path) -> Path:
    """A real-dev PDF as its truth scores it: the truth's `pages` cut out into a PDF of
    their own in `directory`, or the whole file."""
    import json

    import pypdfium2 as pdfium

    pdf = REAL_DEV / f"{name}.pdf"
    assert pdf.exists(), f"the shared corpus is missing {pdf} (set PLANPARSE_SHARED)"
    pages = json.loads((REAL_DEV / f"{name}.truth.json").read_text()).get("pages")
    if not pages:
        return pdf
    source, cut = pdfium.PdfDocument(str(pdf)), pdfium.PdfDocument.new()
    cut.import_pages(source, list(range(pages[0] - 1, pages[1])))
    target = directory / pdf.name
    cut.save(str(target))
    return target


@pytest.fixture(scope="session")
def real_dev_plan(tmp_path_factory):
    """real_dev_plan("wmp-liberate-mshtplan-2018") -> its ActionPlan, extracted once."""
    directory = tmp_path_factory.mktemp("real-dev")

    def get(name: str) -> planparse.ActionPlan:
        if name not in _REAL_DEV_CACHE:
            _REAL_DEV_CACHE[name] = planparse.extract(real_dev_pdf(name, directory))
        return _REAL_DEV_CACHE[name]

    return get


def page_layouts(pdf: Path, pages: list[int]):
    """The table finder's layouts of some pages of any PDF."""
    from planparse.pages import open_pdf, read_pages
    from planparse.tables import find_tables

    with open_pdf(pdf) as handle:
        return [find_tables(page) for page in read_pages(handle, pages)]


@functools.cache
def _eval_tool():
    """tools/eval.py, whose `as_scan` makes the scans `make eval-scans` scores."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_tool", ROOT / "tools" / "eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def image_only_scan(
    pdf: Path, out_dir: Path, pages: list[int] | None = None, tilt: bool = True
) -> Path:
    """The PDF as an image-only scan, made as `make eval-scans` makes them."""
    return _eval_tool().as_scan(pdf, out_dir, pages=pages, tilt=tilt)
