"""`make eval`: extract every PDF of the dev corpus and of the real-dev corpus, and print
the scorer's figures.

Dev corpus: per layout (word-ruled, excel, ...) and per file. Real-dev corpus (real plans
no one here made): per plan and as a group, with token recall (the share of the truth's
words kept in the records, only in a warning, or lost) and the count of words the
coverage audit reported as unplaced. A real-dev truth with a `pages` key is scored on
those pages, cut out into a PDF of their own first. The scoring and the recall are the
shared tools' own (../shared/tools/score.py, recall.py, run as programs): this script only
runs planparse and them.

    python tools/eval.py [--shared ../shared] [--out eval] [--jobs 2] [--layout excel]
                         [--corpus dev|real-dev|real-dev-scanned] [--tables auto]

`--corpus real-dev-scanned` scores the real-dev plans made into image-only scans (each
page a 200 dpi grey picture, slightly tilted): OCR on real layouts, about 1 s a page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def layout_of(name: str) -> str:
    """'sefton_homelessness_2018_23.word-ruled' -> 'word-ruled'."""
    return name.rsplit(".", 1)[-1]


def cut_pages(pdf: Path, pages: list[int], out_dir: Path) -> Path:
    """The pages [first, last] of a PDF as a PDF of their own (for a truth's `pages`)."""
    import pypdfium2 as pdfium

    source, cut = pdfium.PdfDocument(str(pdf)), pdfium.PdfDocument.new()
    cut.import_pages(source, list(range(pages[0] - 1, pages[1])))
    target = out_dir / "cut" / pdf.name
    target.parent.mkdir(parents=True, exist_ok=True)
    cut.save(str(target))
    return target


def as_scan(
    pdf: Path, out_dir: Path, pages: Sequence[int] | None = None, tilt: bool = True
) -> Path:
    """The PDF (or these 1-based `pages` of it) as a scanner would give it: each page a
    200 dpi grey picture, tilted by up to 0.6 degrees (a fixed seed per file, so figures
    repeat) unless `tilt` is off, and no text layer; written to OUT/scans/<name>."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image

    angles = random.Random(pdf.name)
    document = pdfium.PdfDocument(str(pdf))
    images = []
    for number in pages or range(1, len(document) + 1):
        image = document[number - 1].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        if tilt:
            angle = angles.uniform(-0.6, 0.6)
            image = image.rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC)
        images.append(image)
    target = out_dir / "scans" / pdf.name
    target.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
    return target


def extract_one(pdf: str, out_dir: str, name: str, tables: str) -> tuple[str, int, float, str]:
    """Extract one PDF to OUT/<name>.pred.json; (name, records, seconds, error)."""
    from planparse import PlanparseError, extract
    from planparse.exporters.to_json import plan_to_json

    target = Path(out_dir) / f"{name}.pred.json"
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    try:
        plan = extract(pdf, tables=tables) if tables != "auto" else extract(pdf)
    except PlanparseError as exc:
        return name, 0, time.perf_counter() - start, str(exc)
    target.write_text(plan_to_json(plan), encoding="utf-8")
    return name, len(plan.actions), time.perf_counter() - start, ""


def score(scorer: Path, out_dir: Path, truth_dir: Path, exclude: list[str]) -> dict:
    args = [sys.executable, str(scorer), "--dir", str(out_dir), "--truth-dir", str(truth_dir)]
    args.append("--json")
    for glob in exclude:
        args += ["--exclude", glob]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"scorer failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def recall(tool: Path, truth: Path, pred: Path) -> dict[str, float]:
    """kept / warned / lost shares from the shared recall tool's report."""
    if not pred.exists():
        return {"kept": 0.0, "warned": 0.0, "lost": 1.0}
    done = subprocess.run(
        [sys.executable, str(tool), str(truth), str(pred)], capture_output=True, text=True
    )
    found = re.search(r"kept ([\d.]+)\s+warned ([\d.]+)\s+lost \d+ \(([\d.]+)\)", done.stdout)
    if not found:
        raise SystemExit(f"recall tool failed: {done.stdout.strip()} {done.stderr.strip()}")
    kept, warned, lost = (float(x) for x in found.groups())
    return {"kept": kept, "warned": warned, "lost": lost}


def unplaced_words(pred: Path) -> int:
    if not pred.exists():
        return 0
    plan = json.loads(pred.read_text())
    counts = [
        int(m.group(1))
        for w in plan.get("warnings", [])
        if w.get("code") == "unplaced_text"
        for m in [re.search(r": (\d+) word", w.get("message", ""))]
        if m
    ]
    return sum(counts)


def pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def run(jobs: int, work: list[tuple[str, str, str]], out: Path, tables: str) -> dict[str, float]:
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(
            pool.map(
                extract_one,
                [pdf for pdf, _, _ in work],
                [str(out)] * len(work),
                [name for _, name, _ in work],
                [tables] * len(work),
            )
        )
    for name, _, _, error in results:
        if error:
            print(f"failed: {name}: {error}")
    return {name: secs for name, _, secs, _ in results}


def eval_dev(args: argparse.Namespace, scorer: Path) -> None:
    dev = args.shared / "corpus" / "dev"
    out = args.out / "dev"
    out.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(dev.glob("*.pdf"))
    if args.layout:
        pdfs = [p for p in pdfs if layout_of(p.stem) in args.layout]
    layouts = sorted({layout_of(p.stem) for p in pdfs})
    truths = dev.glob("*.truth.json")
    all_layouts = sorted({layout_of(p.name[: -len(".truth.json")]) for p in truths})
    seconds = run(args.jobs, [(str(p), p.stem, "") for p in pdfs], out, args.tables)
    print(f"\ndev corpus ({dev}), tables: {args.tables}")
    print(
        f"{'layout':<14} {'files':>5} {'truth':>5} {'pred':>5} {'match':>5} {'P':>6} "
        f"{'R':>6} {'F1':>6} {'fields':>6} {'score':>6}"
    )
    for layout in layouts:
        others = [f"*.{lay}" for lay in all_layouts if lay != layout]
        total = score(scorer, out, dev, others)["total"]
        files = sum(1 for p in pdfs if layout_of(p.stem) == layout)
        print(f"{layout:<14} {files:>5} " + _row(total))
    skipped = [f"*.{lay}" for lay in all_layouts if lay not in layouts]
    overall = score(scorer, out, dev, skipped)
    print(f"{'ALL':<14} {len(pdfs):>5} " + _row(overall["total"]))
    print(
        f"\n{'file':<44} {'truth':>5} {'pred':>5} {'F1':>6} {'fields':>6} {'score':>6} {'secs':>5}"
    )
    for row in overall["files"]:
        rec = row["records"]
        flag = f"  [{row['flag']}]" if row.get("flag") else ""
        print(
            f"{row['name']:<44} {rec['truth']:>5} {rec['pred']:>5} {pct(row['f1'])} "
            f"{pct(row['mean_field_accuracy'])} {row['score']:6.3f} "
            f"{seconds.get(row['name'], 0.0):5.1f}{flag}"
        )


def eval_real_dev(args: argparse.Namespace, scorer: Path, scanned: bool = False) -> None:
    """The real-dev plans as published or, `scanned`, as image-only scans (`as_scan`)."""
    corpus = args.shared / "corpus" / "real-dev"
    out = args.out / ("real-dev-scanned" if scanned else "real-dev")
    out.mkdir(parents=True, exist_ok=True)
    work = []
    for truth_path in sorted(corpus.glob("*.truth.json")):
        name = truth_path.name[: -len(".truth.json")]
        pdf = corpus / f"{name}.pdf"
        pages = json.loads(truth_path.read_text()).get("pages")
        if pages:
            pdf = cut_pages(pdf, pages, out)
        if scanned:
            pdf = as_scan(pdf, out)
        work.append((str(pdf), name, ""))
    seconds = run(args.jobs, work, out, args.tables)
    overall = score(scorer, out, corpus, [])
    tool = args.shared / "tools" / "recall.py"
    kind = "as image-only scans" if scanned else "as published"
    print(f"\nreal-dev corpus ({corpus}) {kind}, tables: {args.tables}")
    print(
        f"{'plan':<44} {'truth':>5} {'pred':>5} {'F1':>6} {'fields':>6} {'score':>6} "
        f"{'kept':>6} {'warned':>6} {'lost':>6} {'unplaced':>8} {'secs':>5}"
    )
    for row in overall["files"]:
        name = row["name"]
        rec = row["records"]
        pred = out / f"{name}.pred.json"
        r = recall(tool, corpus / f"{name}.truth.json", pred)
        flag = f"  [{row['flag']}]" if row.get("flag") else ""
        print(
            f"{name[:44]:<44} {rec['truth']:>5} {rec['pred']:>5} {pct(row['f1'])} "
            f"{pct(row['mean_field_accuracy'])} {row['score']:6.3f} {pct(r['kept'])} "
            f"{pct(r['warned'])} {pct(r['lost'])} {unplaced_words(pred):>8} "
            f"{seconds.get(name, 0.0):5.1f}{flag}"
        )
    print(
        f"\n{'group':<14} {'files':>5} {'truth':>5} {'pred':>5} {'match':>5} {'P':>6} "
        f"{'R':>6} {'F1':>6} {'fields':>6} {'score':>6}"
    )
    group = "real-dev scans" if scanned else "real-dev"
    print(f"{group:<14} {len(work):>5} " + _row(overall["total"]))


def _row(total: dict) -> str:
    rec = total["records"]
    return (
        f"{rec['truth']:>5} {rec['pred']:>5} {rec['matched']:>5} {pct(total['precision'])} "
        f"{pct(total['recall'])} {pct(total['f1'])} {pct(total['mean_field_accuracy'])} "
        f"{total['score']:6.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "eval")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--layout", action="append", default=[], help="only these dev layouts")
    ap.add_argument(
        "--corpus", choices=["dev", "real-dev", "real-dev-scanned"], action="append", default=[]
    )
    ap.add_argument("--tables", default="auto", help="table finder (see planparse --tables)")
    args = ap.parse_args(argv)
    scorer = args.shared / "tools" / "score.py"
    if not scorer.exists():
        print(f"no scorer at {scorer}", file=sys.stderr)
        return 2
    corpora = args.corpus or ["dev", "real-dev"]
    if "dev" in corpora:
        eval_dev(args, scorer)
    if "real-dev" in corpora:
        eval_real_dev(args, scorer)
    if "real-dev-scanned" in corpora:  # OCR, about 1 s a page: only when asked for
        eval_real_dev(args, scorer, scanned=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
