"""The Dask example (examples/dask_batch.py, planparse.distributed) on a real LocalCluster
writes the same outputs and the same run report, byte for byte, as `planparse extract
--jobs 1`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, dev_pdf

INPUTS = [
    dev_pdf("col_delivery_plan_2023_27.excel"),
    dev_pdf("sefton_homelessness_2018_23.word-sections"),
    dev_pdf("lewisham_housing_2022.unruled"),
]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_a_batch_on_dask_gives_the_same_outputs_and_report_as_jobs_1(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n not really")
    inputs = [*map(str, INPUTS), str(damaged)]
    dask_dir, local_dir = tmp_path / "dask", tmp_path / "local"
    dask_dir.mkdir()
    local_dir.mkdir()
    example = ROOT / "examples" / "dask_batch.py"
    on_dask = run([sys.executable, str(example), *inputs, "-o", "out", "--report", "run.jsonl",
                   "--workers", "2"], dask_dir)  # fmt: skip
    local = run([sys.executable, "-m", "planparse", "extract", *inputs, "-o", "out",
                 "--report", "run.jsonl", "--jobs", "1"], local_dir)  # fmt: skip
    assert on_dask.returncode == local.returncode == 1, on_dask.stderr
    assert on_dask.stderr.splitlines()[-2:] == local.stderr.splitlines()[-2:]
    assert all(line.startswith("planparse: ") for line in on_dask.stderr.splitlines())
    names = sorted(p.name for p in (local_dir / "out").iterdir())
    assert names == sorted(f"{p.stem}.json" for p in INPUTS)
    assert sorted(p.name for p in (dask_dir / "out").iterdir()) == names
    for name in names:
        assert (dask_dir / "out" / name).read_bytes() == (local_dir / "out" / name).read_bytes()
    assert (dask_dir / "run.jsonl").read_bytes() == (local_dir / "run.jsonl").read_bytes()
