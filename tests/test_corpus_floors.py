"""Quality floors: each layout of the dev corpus scored with the shared scorer.

A regression below the acceptance figures fails CI. The scoring is the scorer's own
(../shared/tools/score.py, run as a program); these tests only extract and compare.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import planparse
from conftest import DEV, SCORER
from planparse.exporters.to_json import plan_to_json

#: layout -> (minimum score, minimum F1), the acceptance figures of the issues
FLOORS = {
    "word-ruled": (0.90, 0.97),
    "word-sections": (0.90, 0.97),
    "excel": (0.90, 0.97),
    "unruled": (0.90, 0.97),
    "review": (0.85, 0.90),
    "scanned": (0.80, 0.95),
}
ALL_LAYOUTS = ("word-ruled", "word-sections", "excel", "unruled", "scanned", "review")


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    out = tmp_path_factory.mktemp("pred")
    for layout in FLOORS:
        pdfs = sorted(DEV.glob(f"*.{layout}.pdf"))
        assert pdfs, f"no {layout} PDFs in {DEV}"
        for pdf in pdfs:
            plan = planparse.extract(pdf, jobs=2)  # scanned pages are OCR'd two at a time
            (out / f"{pdf.stem}.pred.json").write_text(plan_to_json(plan))
    return out


def scorer_total(pred_dir, layout: str) -> dict:
    excludes = [
        arg for other in ALL_LAYOUTS if other != layout for arg in ("--exclude", f"*.{other}")
    ]
    done = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--dir",
            str(pred_dir),
            "--truth-dir",
            str(DEV),
            "--json",
            *excludes,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)["total"]


@pytest.mark.parametrize("layout", sorted(FLOORS))
def test_layout_meets_floor(predictions, layout):
    min_score, min_f1 = FLOORS[layout]
    total = scorer_total(predictions, layout)
    assert total["records"]["truth"] > 0
    assert total["f1"] >= min_f1, f"{layout}: F1 {total['f1']:.3f} < {min_f1}"
    assert total["score"] >= min_score, f"{layout}: score {total['score']:.3f} < {min_score}"
