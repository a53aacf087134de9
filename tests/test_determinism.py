"""The same PDF gives byte-identical JSON."""

from __future__ import annotations

import planparse
from conftest import dev_pdf
from planparse.exporters.to_json import plan_to_json


def test_two_runs_give_identical_bytes():
    pdf = dev_pdf("lewisham_housing_2022.word-sections")
    first = plan_to_json(planparse.extract(pdf)).encode()
    second = plan_to_json(planparse.extract(pdf)).encode()
    assert first == second
    assert b'"sha256"' in first
