"""A sample of the fuzz cases through the command line: one damaged PDF of each kind
(tests/fuzz/mutations.py), each in its own `planparse extract --timeout` process, with
issue 12's acceptance checks (tests/fuzz/run.py). `make fuzz` runs all 350."""

from __future__ import annotations

from conftest import SHARED
from fuzz.mutations import KINDS, one_of_each
from fuzz.run import run_cases, table

#: the sample's limits: the many-pages case runs into the timeout, the bomb into memory
TIMEOUT = 12.0
MAX_MEMORY = ["--max-memory", "512"]


def test_one_damaged_pdf_of_each_kind_passes_the_acceptance_checks(tmp_path):
    sample = list(one_of_each(SHARED))
    assert sorted(case.kind for case in sample) == sorted(KINDS)
    outcomes = run_cases(sample, tmp_path, timeout=TIMEOUT, jobs=2, extra=MAX_MEMORY)
    failing = [f"{o.case.name}: {'; '.join(o.problems)}" for o in outcomes if o.problems]
    assert not failing, "\n".join(failing) + "\n" + table(outcomes)
    by_kind = {o.case.kind: o for o in outcomes}
    assert by_kind["many_pages"].kind == "timeout"
    assert by_kind["decompression_bomb"].kind == "too_large"
    assert by_kind["garbage_content"].records < by_kind["garbage_content"].intact
