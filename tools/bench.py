"""`make bench`: speed and memory of planparse beside bare pdfplumber and camelot.

For the PDFs of ../shared/corpus/dev, in one run, each tool reads the same files in a
fresh process (so peak memory is its own): pages per second over the processing alone
(imports excluded) and peak resident memory. Text PDFs and scanned PDFs are measured
apart; planparse's ratio to pdfplumber's `extract_tables` is printed. A generated
100-page and 500-page plan show whether memory grows with the page count.

    python tools/bench.py [--shared ../shared] [--skip-camelot] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- workers


def _run_planparse(files: list[str], jobs: int) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    import planparse

    pages = 0
    for path in files:
        try:
            pages += planparse.extract(path, jobs=jobs).source.pages
        except planparse.NoActionTableError:
            pages += _page_count(path)
    return pages


def _run_pdfplumber(files: list[str], jobs: int) -> int:
    import pdfplumber

    pages = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
    return pages


def _camelot(flavor: str):
    def run(files: list[str], jobs: int) -> int:
        import warnings

        import camelot

        warnings.filterwarnings("ignore")
        for path in files:
            camelot.read_pdf(path, pages="all", flavor=flavor)
        return sum(_page_count(p) for p in files)

    return run


def _page_count(path: str) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(path))


TOOLS = {
    "planparse": _run_planparse,
    "pdfplumber.extract_tables": _run_pdfplumber,
    "camelot lattice": _camelot("lattice"),
    "camelot stream": _camelot("stream"),
}


def worker(tool: str, files: list[str], jobs: int) -> None:
    """Run one tool over the files and print its figures as JSON (in a fresh process)."""
    run = TOOLS[tool]
    run([], jobs)  # imports happen here, outside the timed run
    start = time.perf_counter()
    pages = run(files, jobs)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_kb": max(own, children)}))


# --------------------------------------------------------------------------- driver


def measure(tool: str, files: list[Path], jobs: int = 1) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", tool, "--jobs", str(jobs), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def long_plan(source: Path, pages: int, folder: Path) -> Path:
    import pypdfium2 as pdfium

    original = pdfium.PdfDocument(source)
    document = pdfium.PdfDocument.new()
    while len(document) < pages:
        document.import_pages(original, list(range(min(len(original), pages - len(document)))))
    path = folder / f"plan-{pages}-pages.pdf"
    document.save(path)
    return path


def row(name: str, figures: dict, baseline: dict | None = None) -> str:
    if "error" in figures:
        return f"{name:<28} failed: {figures['error'][:70]}"
    rate = figures["pages"] / figures["seconds"] if figures["seconds"] else 0.0
    ratio = ""
    if baseline and "error" not in baseline and baseline["seconds"]:
        ratio = f"{figures['seconds'] / baseline['seconds']:8.2f}"
    return (
        f"{name:<28} {figures['pages']:6d} {figures['seconds']:8.1f} {rate:8.1f} "
        f"{figures['seconds'] / max(figures['pages'], 1):8.3f} {figures['peak_kb'] / 1024:8.0f}"
        f"{ratio}"
    )


HEAD = f"{'tool':<28} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'s/page':>8} {'peak MB':>8}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--skip-camelot", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, args.files, args.jobs)
        return 0
    dev = args.shared / "corpus" / "dev"
    text = sorted(p for p in dev.glob("*.pdf") if ".scanned." not in p.name)
    scanned = sorted(dev.glob("*.scanned.pdf"))
    tools = [t for t in TOOLS if not (args.skip_camelot and t.startswith("camelot"))]
    results: dict[str, dict] = {}

    print(f"Text PDFs: {len(text)} files of {dev} ({os.cpu_count()} cores)\n")
    print(HEAD + f" {'ratio':>8}")
    order = ["pdfplumber.extract_tables", "planparse", *(t for t in tools if t.startswith("cam"))]
    for tool in order:
        results[f"text/{tool}"] = measure(tool, text)
    for tool in order:
        print(row(tool, results[f"text/{tool}"], results["text/pdfplumber.extract_tables"]))
    base = results["text/pdfplumber.extract_tables"]
    if "error" not in base and "error" not in results["text/planparse"]:
        ratio = results["text/planparse"]["seconds"] / base["seconds"]
        print(f"\nplanparse / pdfplumber.extract_tables time ratio on text PDFs: {ratio:.2f}")

    print(f"\nScanned PDFs: {len(scanned)} files (planparse OCRs them; the others read no text)\n")
    print(HEAD)
    for tool, jobs in [("planparse", 1), ("planparse", 2), *[(t, 1) for t in tools[1:]]]:
        key = f"scanned/{tool}/jobs{jobs}"
        results[key] = measure(tool, scanned, jobs)
        label = f"{tool} (--jobs {jobs})" if tool == "planparse" else tool
        print(row(label, results[key]), flush=True)

    with tempfile.TemporaryDirectory() as folder:
        source = dev / "lewisham_homelessness_2022.word-ruled.pdf"
        print("\nLong plans (planparse, the same 14 pages repeated)\n")
        print(HEAD)
        for pages in (100, 500):
            key = f"long/{pages}"
            results[key] = measure("planparse", [long_plan(source, pages, Path(folder))])
            print(row(f"planparse {pages} pages", results[key]), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
