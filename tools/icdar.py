"""Score planparse's table-structure stage (stage 2) on the ICDAR 2013 table competition set.

What is measured: the cell structure of the raw tables `planparse.tables.find_tables` finds
on each page, against the competition's structure ground truth (X-str.xml), with the
competition's own measure, adjacency relations:

* Each table is reduced to its non-empty cells. For every cell, its nearest non-empty
  neighbour to the right in each grid row it covers, and its nearest non-empty neighbour
  below in each grid column it covers, give relations (text A, text B, direction).
  Text is normalised: NFKC, lowercase, whitespace and every non-alphanumeric removed.
* Each ground-truth table is matched with the predicted table on its page whose box overlaps
  its region (X-reg.xml) most. Ground-truth coordinates are PDF points from the bottom-left
  of the page, so top = page height - y.
* Precision = |pred & gt| / |pred|, recall = |pred & gt| / |gt|, counted as multisets of
  relations. A ground-truth table with no overlapping predicted table keeps its relations
  (all missed, recall 0) and adds no predicted ones.
* Totals are micro (relation counts summed over tables) and macro (P, R and F1 per
  document, averaged over documents; a document with nothing predicted scores 0). Both
  are given twice: (a) over the ground-truth tables that have a predicted table only,
  (b) over all ground-truth tables.

Set details handled here: a few PDFs (eu-009a, us-011a, us-031a, us-035a) have an
alternative ground truth (eu-009b-str.xml, ...); each is scored and the better one (by F1)
kept, marked `*`. A table drawn as several side-by-side regions on one page (us-035a) is
one grid: each region's cells are shifted by its row/col-increment. Planparse finds tables
one page at a time, so a table spanning pages is scored page by page.

Only the ruled (lattice) finder is general; the stream finder looks for action-plan
headers (Action, Status, Lead, ...), so tables without rules are mostly not found. That is
what this measures: predicted tables are counted per strategy.

`--finder` picks the table finder `find_tables` runs (native, a camelot-py flavour, or
auto), so the finders can be compared on the same measure.

    python tools/icdar.py [--shared ../shared] [--json] [--tables] [--finder auto]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from planparse.errors import PlanparseError  # noqa: E402
from planparse.geometry import Box  # noqa: E402
from planparse.pages import open_pdf, read_pages  # noqa: E402
from planparse.tables import FINDERS, Finder, PdfSource, RawTable, find_tables  # noqa: E402

DATASETS = ("competition-dataset-eu", "competition-dataset-us")

#: a relation: (normalised text of cell A, of cell B, "right" or "below")
Relation = tuple[str, str, str]


@dataclass(frozen=True)
class GridCell:
    """A cell reduced to what the measure needs: grid span and normalised text."""

    row: int
    col: int
    last_row: int
    last_col: int
    text: str


@dataclass
class GtTable:
    """One ground-truth table on one page: its region box (PDF coordinates) and cells."""

    table_id: str
    page: int
    #: (x1, y1, x2, y2), origin bottom-left, or None when the region file gives none
    bbox: tuple[float, float, float, float] | None
    cells: list[GridCell]


@dataclass
class TableResult:
    """The score of one ground-truth table."""

    table_id: str
    page: int
    gt: int
    pred: int
    correct: int
    #: strategy of the matched predicted table; None when no predicted table overlaps
    strategy: str | None = None
    pred_shape: tuple[int, int] | None = None


@dataclass
class DocResult:
    """The score of one PDF against one ground-truth file."""

    doc: str
    truth: str
    tables: list[TableResult] = field(default_factory=list)
    #: predicted tables on every page, per strategy
    predicted: dict[str, int] = field(default_factory=dict)
    #: predicted tables that no ground-truth table was matched with, per strategy
    unmatched_pred: dict[str, int] = field(default_factory=dict)
    alternative: bool = False
    error: str | None = None


@dataclass
class Counts:
    """Relation counts and the P, R, F1 they give."""

    gt: int = 0
    pred: int = 0
    correct: int = 0

    def add(self, gt: int, pred: int, correct: int) -> None:
        self.gt += gt
        self.pred += pred
        self.correct += correct

    @property
    def precision(self) -> float:
        return self.correct / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gt if self.gt else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def normalise(text: str) -> str:
    """'To air\\nkg/year' -> 'toairkgyear': NFKC, lowercase, only letters and digits."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


# --- relations ---------------------------------------------------------------------------


def relations(cells: Sequence[GridCell]) -> Counter[Relation]:
    """Adjacency relations between the non-empty cells of one grid.

    A cell spanning several rows (columns) looks right (down) from each of them; a
    neighbour reached from two of its rows still counts once."""
    filled = [c for c in cells if c.text]
    at: dict[tuple[int, int], list[int]] = {}
    for i, c in enumerate(filled):
        for r in range(c.row, c.last_row + 1):
            for k in range(c.col, c.last_col + 1):
                at.setdefault((r, k), []).append(i)
    if not at:
        return Counter()
    max_row = max(r for r, _ in at)
    max_col = max(k for _, k in at)
    pairs: set[tuple[int, int, str]] = set()
    for i, c in enumerate(filled):
        for r in range(c.row, c.last_row + 1):
            for j in _first_other(at, i, ((r, k) for k in range(c.last_col + 1, max_col + 1))):
                pairs.add((i, j, "right"))
        for k in range(c.col, c.last_col + 1):
            for j in _first_other(at, i, ((r, k) for r in range(c.last_row + 1, max_row + 1))):
                pairs.add((i, j, "below"))
    return Counter((filled[i].text, filled[j].text, d) for i, j, d in pairs)


def _first_other(
    at: dict[tuple[int, int], list[int]], me: int, slots: Iterable[tuple[int, int]]
) -> list[int]:
    """The cells in the first slot along `slots` holding a cell other than `me`."""
    for slot in slots:
        others = [j for j in at.get(slot, ()) if j != me]
        if others:
            return others
    return []


def predicted_cells(table: RawTable) -> list[GridCell]:
    """The distinct cells of a predicted table (a merged cell appears in each of its rows)."""
    seen: dict[tuple[int, int], GridCell] = {}
    for row in table.rows:
        for cell in row:
            if (cell.row, cell.col) not in seen:
                seen[(cell.row, cell.col)] = GridCell(
                    cell.row,
                    cell.col,
                    cell.row + cell.rowspan - 1,
                    cell.col + cell.colspan - 1,
                    normalise(cell.text),
                )
    return list(seen.values())


# --- ground truth ------------------------------------------------------------------------


def _int(element: ET.Element, *names: str, default: int = 0) -> int:
    """The first of the named integer attributes present, else `default`."""
    for name in names:
        value = element.get(name)
        if value is not None and value.strip() != "":
            return int(value)
    return default


def read_truth(str_xml: Path, reg_xml: Path) -> list[GtTable]:
    """The ground-truth tables of a document, one entry per (table, page).

    Regions of one table on one page are merged into one grid (cells shifted by the
    region's row/col-increment) under the union of their region boxes."""
    boxes: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    if reg_xml.exists():
        for t_index, table in enumerate(ET.parse(reg_xml).getroot().iter("table")):
            for region in table.iter("region"):
                bb = region.find("bounding-box")
                if bb is None:
                    continue
                x1, y1, x2, y2 = (float(bb.get(k, "0")) for k in ("x1", "y1", "x2", "y2"))
                boxes.setdefault((t_index, _int(region, "page")), []).append((x1, y1, x2, y2))
    out: list[GtTable] = []
    for t_index, table in enumerate(ET.parse(str_xml).getroot().iter("table")):
        by_page: dict[int, list[GridCell]] = {}
        for region in table.iter("region"):
            page = _int(region, "page")
            dr = _int(region, "row-increment")
            dc = _int(region, "col-increment")
            cells = by_page.setdefault(page, [])
            for cell in region.iter("cell"):
                row = _int(cell, "start-row")
                col = _int(cell, "start-col")
                last_row = _int(cell, "end-row", "row-end", default=row)
                last_col = _int(cell, "end-col", "col-end", default=col)
                content = cell.find("content")
                text = normalise("".join(content.itertext())) if content is not None else ""
                cells.append(GridCell(row + dr, col + dc, last_row + dr, last_col + dc, text))
        for page, cells in sorted(by_page.items()):
            regs = boxes.get((t_index, page))
            bbox = None
            if regs:
                bbox = (
                    min(b[0] for b in regs),
                    min(b[1] for b in regs),
                    max(b[2] for b in regs),
                    max(b[3] for b in regs),
                )
            out.append(GtTable(table.get("id", str(t_index + 1)), page, bbox, cells))
    return out


def truth_files(pdf: Path) -> list[Path]:
    """The structure ground truths of a PDF: X-str.xml, plus the alternative for 'Xa'."""
    found = [pdf.with_name(f"{pdf.stem}-str.xml")]
    if pdf.stem.endswith("a"):
        found.append(pdf.with_name(f"{pdf.stem[:-1]}b-str.xml"))
    return [p for p in found if p.exists()]


# --- running planparse and scoring -------------------------------------------------------


@dataclass
class PageTables:
    """Stage 2's result on one page."""

    height: float
    tables: list[RawTable]


def run_stage2(pdf: Path, finder: Finder = "auto") -> dict[int, PageTables]:
    """find_tables with one finder on every page of a PDF."""
    pages: dict[int, PageTables] = {}
    source = PdfSource(pdf)
    with open_pdf(pdf) as doc:
        for page in read_pages(doc, list(range(1, doc.page_count + 1))):
            layout = find_tables(page, finder, source)
            pages[page.number] = PageTables(layout.height, list(layout.tables))
    return pages


def region_box(bbox: tuple[float, float, float, float], height: float) -> Box:
    """A ground-truth box (origin bottom-left) in planparse's top-left coordinates."""
    x1, y1, x2, y2 = bbox
    return Box(min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2))


def score_doc(name: str, truth: Path, pages: dict[int, PageTables]) -> DocResult:
    """Match each ground-truth table of a document to a predicted table and count relations."""
    result = DocResult(doc=name, truth=truth.name.removesuffix("-str.xml"))
    used: set[tuple[int, int]] = set()
    for gt in read_truth(truth, truth.with_name(truth.name.replace("-str.xml", "-reg.xml"))):
        gt_rel = relations(gt.cells)
        page = pages.get(gt.page)
        best: tuple[float, int] | None = None
        if page is not None and gt.bbox is not None:
            box = region_box(gt.bbox, page.height)
            for index, table in enumerate(page.tables):
                overlap = box.intersection_area(table.box)
                if overlap > 0 and (best is None or overlap > best[0]):
                    best = (overlap, index)
        row = TableResult(gt.table_id, gt.page, sum(gt_rel.values()), 0, 0)
        if best is not None and page is not None:
            table = page.tables[best[1]]
            used.add((gt.page, best[1]))
            pred_rel = relations(predicted_cells(table))
            row.pred = sum(pred_rel.values())
            row.correct = sum((pred_rel & gt_rel).values())
            row.strategy = table.strategy
            row.pred_shape = (table.n_rows, table.n_cols)
        result.tables.append(row)
    predicted: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    for number, page in pages.items():
        for index, table in enumerate(page.tables):
            predicted[table.strategy] += 1
            if (number, index) not in used:
                unmatched[table.strategy] += 1
    result.predicted = dict(predicted)
    result.unmatched_pred = dict(unmatched)
    return result


def doc_counts(doc: DocResult, matched_only: bool) -> Counts:
    """Relation counts of a document, over all its tables or the matched ones."""
    counts = Counts()
    for t in doc.tables:
        if t.strategy is not None or not matched_only:
            counts.add(t.gt, t.pred, t.correct)
    return counts


def evaluate(pdf: Path, finder: Finder = "auto") -> DocResult:
    """Score one PDF, keeping the better of its alternative ground truths."""
    truths = truth_files(pdf)
    try:
        pages = run_stage2(pdf, finder)
    except PlanparseError as exc:
        pages = {}
        error: str | None = str(exc)
    else:
        error = None
    scored = [score_doc(pdf.stem, truth, pages) for truth in truths]
    best = max(scored, key=lambda d: (doc_counts(d, False).f1, -len(d.tables)))
    best.alternative = best.truth != pdf.stem
    best.error = error
    return best


# --- report ------------------------------------------------------------------------------


def summary(docs: Sequence[DocResult], matched_only: bool) -> dict[str, float | int]:
    """Micro and macro P, R, F1 over documents."""
    micro = Counts()
    per_doc: list[Counts] = []
    for doc in docs:
        counts = doc_counts(doc, matched_only)
        if matched_only and not any(t.strategy for t in doc.tables):
            continue
        micro.add(counts.gt, counts.pred, counts.correct)
        per_doc.append(counts)
    n = len(per_doc) or 1
    return {
        "tables": sum(1 for d in docs for t in d.tables if t.strategy or not matched_only),
        "documents": len(per_doc),
        "gt": micro.gt,
        "pred": micro.pred,
        "correct": micro.correct,
        "precision": micro.precision,
        "recall": micro.recall,
        "f1": micro.f1,
        "macro_precision": sum(c.precision for c in per_doc) / n,
        "macro_recall": sum(c.recall for c in per_doc) / n,
        "macro_f1": sum(c.f1 for c in per_doc) / n,
    }


def strategies(docs: Sequence[DocResult]) -> dict[str, dict[str, int]]:
    """Per strategy: predicted tables, those matched to a GT table, GT tables they cover."""
    out: dict[str, dict[str, int]] = {}
    for doc in docs:
        for name, n in doc.predicted.items():
            entry = out.setdefault(name, {"predicted": 0, "unmatched": 0, "gt_tables": 0})
            entry["predicted"] += n
            entry["unmatched"] += doc.unmatched_pred.get(name, 0)
        for t in doc.tables:
            if t.strategy:
                entry = out.setdefault(t.strategy, {"predicted": 0, "unmatched": 0, "gt_tables": 0})
                entry["gt_tables"] += 1
    return out


def doc_json(doc: DocResult) -> dict[str, object]:
    """One document's result, with its relation counts and scores, as plain data."""
    counts = doc_counts(doc, False)
    return {
        **asdict(doc),
        **asdict(counts),
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def strategy_letter(strategy: str | None) -> str:
    """'lattice' -> 'L', 'camelot-stream' -> 'cS': a short mark for the strat column."""
    name = (strategy or "?").removeprefix("ocr-")
    if name.startswith("camelot-"):
        return "c" + name.removeprefix("camelot-")[0].upper()
    return "F" if name == "shaded" else name[0].upper()


def pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def print_report(docs: Sequence[DocResult], seconds: float, show_tables: bool) -> None:
    """The per-document table, totals, and per-strategy counts."""
    head = (
        f"{'doc':<10} {'GT':>3} {'match':>5} {'strat':<6} {'rel-gt':>6} {'pred':>6} "
        f"{'correct':>7} {'P':>6} {'R':>6} {'F1':>6}"
    )
    print(head)
    print("-" * len(head))
    for doc in docs:
        counts = doc_counts(doc, False)
        matched = [t for t in doc.tables if t.strategy]
        kinds = Counter(t.strategy for t in matched)
        strat = " ".join(f"{strategy_letter(k)}{n}" for k, n in sorted(kinds.items()))
        name = doc.doc + ("*" if doc.alternative else "")
        print(
            f"{name:<10} {len(doc.tables):>3} {len(matched):>5} {strat:<6} {counts.gt:>6} "
            f"{counts.pred:>6} {counts.correct:>7} {pct(counts.precision)} "
            f"{pct(counts.recall)} {pct(counts.f1)}" + (f"  [{doc.error}]" if doc.error else "")
        )
        if show_tables:
            for t in doc.tables:
                c = Counts(t.gt, t.pred, t.correct)
                shape = f"{t.pred_shape[0]}x{t.pred_shape[1]}" if t.pred_shape else "-"
                print(
                    f"  t{t.table_id:<3} p{t.page:<3} {t.strategy or 'none':<8} {shape:>7} "
                    f"{t.gt:>6} {t.pred:>6} {t.correct:>7} {pct(c.precision)} "
                    f"{pct(c.recall)} {pct(c.f1)}"
                )
    print("-" * len(head))
    for label, matched_only in (("all GT tables", False), ("matched GT tables only", True)):
        s = summary(docs, matched_only)
        print(
            f"{'TOTAL':<10} {s['tables']:>3} {'':>5} {'':<6} {s['gt']:>6} {s['pred']:>6} "
            f"{s['correct']:>7} {pct(s['precision'])} {pct(s['recall'])} {pct(s['f1'])}"
            f"  micro, {label}"
        )
        print(
            f"{'MACRO':<10} {s['documents']:>3} {'docs':>5} {'':<6} {'':>6} {'':>6} {'':>7} "
            f"{pct(s['macro_precision'])} {pct(s['macro_recall'])} {pct(s['macro_f1'])}"
            f"  per-document mean, {label}"
        )
    total = sum(len(d.tables) for d in docs)
    missed = [f"{d.doc} p{t.page}" for d in docs for t in d.tables if not t.strategy]
    print(f"\nGT tables with no predicted table: {len(missed)} of {total}")
    print("  " + ", ".join(missed))
    print("\npredicted tables per strategy (all pages):")
    for name, s in sorted(strategies(docs).items()):
        print(
            f"  {name:<12} predicted {s['predicted']:>4}  matched to a GT table "
            f"{s['predicted'] - s['unmatched']:>4}  unmatched {s['unmatched']:>4}  "
            f"GT tables covered {s['gt_tables']:>4}"
        )
    alts = [d.doc for d in docs if d.alternative]
    print(
        f"\n{len(docs)} PDFs, {seconds:.1f}s. `*`: scored against the alternative ground "
        f"truth ({', '.join(alts) or 'none'}); "
        "strat: matched predicted tables, L = lattice, F = shaded, S = stream, H = hybrid, "
        "cL/cS/cN/cH = camelot's lattice, stream, network, hybrid."
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--tables", action="store_true", help="also print one line per GT table")
    ap.add_argument("--finder", choices=FINDERS, default="auto", help="table finder to score")
    args = ap.parse_args(argv)
    base = args.shared / "corpus" / "icdar2013"
    pdfs = sorted(p for d in DATASETS for p in (base / d).glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs under {base}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    docs = [evaluate(pdf, args.finder) for pdf in pdfs if truth_files(pdf)]
    seconds = time.perf_counter() - start
    if args.json:
        out = {
            "all": summary(docs, False),
            "matched_only": summary(docs, True),
            "finder": args.finder,
            "strategies": strategies(docs),
            "documents": [doc_json(d) for d in docs],
            "seconds": round(seconds, 1),
        }
        print(json.dumps(out, indent=2))
    else:
        print(f"finder: {args.finder}")
        print_report(docs, seconds, args.tables)
    return 0


if __name__ == "__main__":
    sys.exit(main())
