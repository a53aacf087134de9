"""Compare the table finders (`--tables`) where `tools/eval.py` and `tools/icdar.py` do not
reach: the figures of docs/finders.md.

* `real`: every PDF of ../shared/corpus/real through the whole pipeline with each finder:
  records made, or "none" (no action table). No truths: where finders differ, read the
  records (`--out DIR` keeps each plan's JSON).
* `speed`: seconds per page of `find_tables` alone with each finder, on the dev corpus's
  text PDFs (pages read once beforehand, in one process; camelot reads the file itself,
  so its reading is inside its time).
* `searchable`: the dev corpus's scanned plans made searchable (each page rendered at
  300 dpi and given to Tesseract's PDF output: the scan as an image with the recognised
  text as an invisible layer, as scanners and ocrmypdf make them), then extracted with
  each finder and with `--ocr always`, and scored against the scans' truths.

    python tools/finders.py real [--finder native --finder auto ...] [--out DIR]
    python tools/finders.py speed
    python tools/finders.py searchable [--work DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eval import score as run_scorer  # noqa: E402  (tools/eval.py, beside this script)

import planparse  # noqa: E402
from planparse.exporters.to_json import plan_to_json  # noqa: E402
from planparse.pages import open_pdf, read_pages  # noqa: E402
from planparse.tables import FINDERS, PdfSource, find_tables  # noqa: E402

#: resolution of the searchable scans given to Tesseract
SCAN_DPI = 300


def outcome(pdf: Path, finder: str, ocr: str = "auto", out: Path | None = None) -> str:
    """Records made from a PDF with one finder, as a table cell; the plan's JSON to OUT."""
    try:
        plan = planparse.extract(pdf, tables=finder, ocr=ocr)  # type: ignore[arg-type]
    except planparse.NoActionTableError:
        return "none"
    except planparse.PlanparseError as exc:
        return f"error: {exc}"
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{pdf.stem}.pred.json").write_text(plan_to_json(plan), encoding="utf-8")
    return str(len(plan.actions))


def page_count(pdf: Path) -> int:
    with open_pdf(pdf) as doc:
        return doc.page_count


def compare_real(shared: Path, finders: list[str], out: Path | None) -> None:
    """A Markdown table: one row per real PDF, one column per finder, seconds at the foot."""
    root = shared / "corpus" / "real"
    seconds = dict.fromkeys(finders, 0.0)
    print("| PDF | pages | " + " | ".join(finders) + " |")
    print("|---|---|" + "---|" * len(finders))
    for pdf in sorted(root.rglob("*.pdf")):
        cells = []
        for finder in finders:
            start = time.perf_counter()
            target = out / finder if out else None
            cells.append(outcome(pdf, finder, out=target))
            seconds[finder] += time.perf_counter() - start
        name = pdf.relative_to(root).as_posix()
        print(f"| {name} | {page_count(pdf)} | " + " | ".join(cells) + " |")
    print("| seconds | | " + " | ".join(f"{seconds[f]:.0f}" for f in finders) + " |")


def measure_speed(shared: Path) -> None:
    """Seconds per page of each finder over the dev corpus's text PDFs."""
    pdfs = sorted(p for p in (shared / "corpus" / "dev").glob("*.pdf") if ".scanned" not in p.name)
    pages = []
    start = time.perf_counter()
    for pdf in pdfs:
        with open_pdf(pdf) as doc:
            pages += [(pdf, p) for p in read_pages(doc, list(range(1, doc.page_count + 1)))]
    print(
        f"{len(pdfs)} PDFs, {len(pages)} pages; reading: "
        f"{(time.perf_counter() - start) / len(pages):.3f} s/page"
    )
    find_tables(pages[0][1], "camelot-lattice", PdfSource(pages[0][0]))  # import camelot once
    print("| finder | s/page | tables |\n|---|---|---|")
    for finder in FINDERS:
        start = time.perf_counter()
        found = sum(len(find_tables(page, finder, PdfSource(pdf)).tables) for pdf, page in pages)
        per_page = (time.perf_counter() - start) / len(pages)
        print(f"| {finder} | {per_page:.3f} | {found} |")


def make_searchable(scan: Path, work: Path) -> Path:
    """A scanned PDF made searchable by Tesseract, page by page, then joined."""
    import pypdfium2 as pdfium

    source, joined = pdfium.PdfDocument(str(scan)), pdfium.PdfDocument.new()
    for index in range(len(source)):
        base = work / f"{scan.stem}-{index + 1}"  # Tesseract adds ".pdf" to it
        image = Path(f"{base}.png")
        source[index].render(scale=SCAN_DPI / 72).to_pil().save(image)
        subprocess.run(
            ["tesseract", str(image), str(base), "--dpi", str(SCAN_DPI), "pdf"],
            check=True,
            capture_output=True,
        )
        joined.import_pages(pdfium.PdfDocument(f"{base}.pdf"))
    target = work / scan.name.replace(".scanned.", ".searchable.")
    joined.save(str(target))
    return target


def compare_searchable(shared: Path, work: Path) -> None:
    """Scores of each way of reading the searchable scans."""
    dev = shared / "corpus" / "dev"
    work.mkdir(parents=True, exist_ok=True)
    pdfs = [make_searchable(scan, work) for scan in sorted(dev.glob("*.scanned.pdf"))]
    for pdf in pdfs:
        truth = dev / pdf.name.replace(".searchable.pdf", ".scanned.truth.json")
        (work / f"{pdf.stem}.truth.json").write_text(truth.read_text(), encoding="utf-8")
    runs = [(f, "never") for f in ("native", "auto", "camelot-lattice")] + [("auto", "auto")]
    print("| finder | ocr | truth | pred | matched | P | R | F1 | fields | score |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for finder, ocr in runs:
        preds = work / f"{finder}-{ocr}"
        for pdf in pdfs:
            outcome(pdf, finder, ocr=ocr, out=preds)
        t = run_scorer(shared / "tools" / "score.py", preds, work, [])["total"]
        r = t["records"]
        print(
            f"| {finder} | {ocr} | {r['truth']} | {r['pred']} | {r['matched']} | "
            + " | ".join(
                f"{100 * t[k]:.1f}%" for k in ("precision", "recall", "f1", "mean_field_accuracy")
            )
            + f" | {t['score']:.3f} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["real", "speed", "searchable"])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--finder", action="append", choices=FINDERS, default=[])
    ap.add_argument("--out", type=Path, help="real: keep each plan's JSON under OUT/<finder>")
    ap.add_argument("--work", type=Path, help="searchable: where the scans are made")
    args = ap.parse_args(argv)
    if args.what == "real":
        compare_real(args.shared, args.finder or list(FINDERS), args.out)
    elif args.what == "speed":
        measure_speed(args.shared)
    else:
        compare_searchable(args.shared, args.work or Path(tempfile.mkdtemp(prefix="searchable-")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
