"""The public API is small and complete."""

from __future__ import annotations

import pytest

import planparse
from conftest import dev_pdf
from planparse.repairs import REPAIR_NAMES


def test_all_names_exist():
    for name in planparse.__all__:
        assert hasattr(planparse, name), name


def test_extract_limits_pages():
    plan = planparse.extract(dev_pdf("sefton_homelessness_2018_23.word-ruled"), pages=[1])
    assert {p for a in plan.actions for p in a.provenance.pages} == {1}
    assert plan.source.pages == 13


def test_unknown_repair_name_is_refused():
    with pytest.raises(ValueError, match="unknown repair"):
        planparse.extract(dev_pdf("col_delivery_plan_2023_27.excel"), skip_repairs=["nope"])


def test_every_repair_has_a_pattern_docstring():
    from planparse.repairs import REPAIRS

    assert len(REPAIRS) == len(set(REPAIR_NAMES))
    for repair in REPAIRS:
        doc = repair.__doc__ or ""
        assert "Pattern:" in doc and "Seen in:" in doc and "Leaves alone:" in doc, repair.__name__
