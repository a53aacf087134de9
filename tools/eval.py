"""`make eval`: extract every PDF of the dev corpus and print the scorer's figures.

Per layout (word-ruled, excel, ...) and per file, as ../shared/tools/score.py reports
them. The scoring itself is the scorer's: this script only runs planparse and the scorer.

    python tools/eval.py [--shared ../shared] [--out eval] [--jobs 2] [--layout excel]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def layout_of(name: str) -> str:
    """'sefton_homelessness_2018_23.word-ruled' -> 'word-ruled'."""
    return name.rsplit(".", 1)[-1]


def extract_one(pdf: str, out_dir: str) -> tuple[str, int, float, str | None]:
    from planparse import PlanparseError, extract
    from planparse.exporters.to_json import plan_to_json

    name = Path(pdf).stem
    target = Path(out_dir) / f"{name}.pred.json"
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    try:
        plan = extract(pdf)
    except PlanparseError as exc:
        return name, 0, time.perf_counter() - start, str(exc)
    target.write_text(plan_to_json(plan), encoding="utf-8")
    return name, len(plan.actions), time.perf_counter() - start, None


def score(scorer: Path, out_dir: Path, truth_dir: Path, exclude: list[str]) -> dict:
    args = [
        sys.executable,
        str(scorer),
        "--dir",
        str(out_dir),
        "--truth-dir",
        str(truth_dir),
        "--json",
    ]
    for glob in exclude:
        args += ["--exclude", glob]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"scorer failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "eval")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--layout", action="append", default=[], help="only these layouts")
    args = ap.parse_args(argv)
    dev = args.shared / "corpus" / "dev"
    scorer = args.shared / "tools" / "score.py"
    pdfs = sorted(str(p) for p in dev.glob("*.pdf"))
    if args.layout:
        pdfs = [p for p in pdfs if layout_of(Path(p).stem) in args.layout]
    if not pdfs:
        print(f"no PDFs in {dev}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    layouts = sorted({layout_of(Path(p).stem) for p in pdfs})
    all_layouts = sorted(
        {layout_of(p.name[: -len(".truth.json")]) for p in dev.glob("*.truth.json")}
    )
    skipped = [f"*.{lay}" for lay in all_layouts if lay not in layouts]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(extract_one, pdfs, [str(args.out)] * len(pdfs)))
    seconds = {name: secs for name, _, secs, _ in results}
    for _name, _, _, error in results:
        if error:
            print(f"failed: {error}")

    print(
        f"\n{'layout':<14} {'files':>5} {'truth':>5} {'pred':>5} {'match':>5} {'P':>6} "
        f"{'R':>6} {'F1':>6} {'fields':>6} {'score':>6}"
    )
    for layout in layouts:
        others = [f"*.{lay}" for lay in all_layouts if lay != layout]
        total = score(scorer, args.out, dev, others)["total"]
        rec = total["records"]
        files = sum(1 for p in pdfs if layout_of(Path(p).stem) == layout)
        print(
            f"{layout:<14} {files:>5} {rec['truth']:>5} {rec['pred']:>5} {rec['matched']:>5} "
            f"{pct(total['precision'])} {pct(total['recall'])} {pct(total['f1'])} "
            f"{pct(total['mean_field_accuracy'])} {total['score']:6.3f}"
        )
    overall = score(scorer, args.out, dev, skipped)
    total = overall["total"]
    print(
        f"{'ALL':<14} {len(pdfs):>5} {total['records']['truth']:>5} {total['records']['pred']:>5} "
        f"{total['records']['matched']:>5} {pct(total['precision'])} {pct(total['recall'])} "
        f"{pct(total['f1'])} {pct(total['mean_field_accuracy'])} {total['score']:6.3f}"
    )

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
