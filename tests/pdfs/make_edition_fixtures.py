"""Generate tests/pdfs/sefton-progress-2019-09.pdf and sefton-progress-2020-03.pdf.

What they are
-------------
Two editions of one action plan's progress report, six months apart, for the tests of
`planparse diff` and `planparse report`. Both are made from the REAL records of Sefton
Council's Homelessness & Rough Sleeping Strategy 2018-23 action plan, read by planparse
from ../shared/corpus/dev/sefton_homelessness_2018_23.word-ruled.pdf (45 actions): its ids,
objectives, action texts, leads, deadlines and progress notes (cut to their first sentence,
links dropped). The published plan has no status or RAG column; the first edition gives
each action one by a fixed rule (`first_edition_status`), so both editions carry them.

The second edition changes the first by the edits listed in `second_edition` (and only by
them): statuses improved and worsened, a status reworded without changing its meaning, RAG
moved, deadlines slipped / brought forward / added / removed / restated, two actions removed
(one with the next ids renumbered down), two added, wording edited, an action moved to
another objective, progress notes updated, a lead added. tests/test_diff.py asserts exactly
these changes from `planparse diff` on the two PDFs.

Layout
------
A plain ruled table, so the table finder reads every cell as printed: landscape A4, a
16pt bold title of two lines, the second "Progress update: <Month YYYY>" (the edition's
publication month), then one grid, header row "Id | Objective | Action | Lead | Due | Status | RAG |
Progress" on a grey fill, repeated on every page, 0.5pt rules round every cell. DejaVu Sans
7.5pt; rows never break across pages; a "Page N" footer.

Running
-------
From the repository root (needs the shared corpus and the `dev` extra, which has fpdf2)::

    .venv/bin/python tests/pdfs/make_edition_fixtures.py

The creation date is fixed and fpdf2's /ID is a hash of the content, so the output is
byte-stable for a given fpdf2 version and font files.
"""

from __future__ import annotations

import copy
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE = ROOT.parent / "shared" / "corpus" / "dev" / "sefton_homelessness_2018_23.word-ruled.pdf"
OUT_OLD = HERE / "sefton-progress-2019-09.pdf"
OUT_NEW = HERE / "sefton-progress-2020-03.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

TITLE = "Sefton Council Homelessness and Rough Sleeping Strategy 2018-23: Action Plan"
HEADER = ["Id", "Objective", "Action", "Lead", "Due", "Status", "RAG", "Progress"]
WEIGHTS = [26, 120, 190, 95, 52, 52, 38, 190]  # column widths in pt, scaled to the text width
KEYS = ["id", "objective", "action", "lead", "due", "status", "rag", "progress"]
RAG_FILL = {"Red": (0xF4, 0xB6, 0xB6), "Amber": (0xFF, 0xE0, 0x99), "Green": (0xC6, 0xEF, 0xCE)}

MARGIN = 28.0
FONT_SIZE = 7.5
LINE_H = 9.0
PAD = 2.5
HEADER_FILL = (0xD9, 0xD9, 0xD9)
MONTHS = "January February March April May June July August September October November December"

Row = dict[str, str]


def base_rows() -> list[Row]:
    """The real plan's records, as the cells of the fixture's columns."""
    sys.path.insert(0, str(ROOT / "src"))
    import planparse

    plan = planparse.extract(SOURCE)
    return [
        {
            "id": a.id or "",
            "objective": a.objective or "",
            "action": a.action,
            "lead": ", ".join(a.lead),
            "due": _month_year(a.due) if a.due else "",
            "status": "",
            "rag": "",
            "progress": _first_sentence(a.progress or ""),
        }
        for a in plan.actions
    ]


def _month_year(iso: str) -> str:
    year, month = iso[:4], int(iso[5:7])
    return f"{MONTHS.split()[month - 1]} {year}"


def _first_sentence(text: str) -> str:
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))  # "cross- checked"
    first = re.split(r"(?<=[a-z0-9)])\. ", text, maxsplit=1)[0].rstrip(".")
    return first[:170].rsplit(" ", 1)[0] if len(first) > 170 else first


def first_edition_status(index: int, row: Row) -> tuple[str, str]:
    """A status and RAG for each action of the first edition (the real plan has none)."""
    if not row["progress"]:
        return "Not started", "Amber"
    if row["due"].endswith("2018") or index % 5 == 0:
        return "Complete", "Green"
    return "Ongoing", ("Green" if index % 2 else "Amber")


def first_edition() -> list[Row]:
    rows = base_rows()
    for i, row in enumerate(rows):
        row["status"], row["rag"] = first_edition_status(i, row)
        if row["action"].startswith("Undertake annual engagement with service users"):
            row["due"] = ""  # no deadline yet: the second edition adds one
    return rows


def second_edition(old: list[Row]) -> list[Row]:
    """The first edition with the edits the tests expect `planparse diff` to report."""
    rows = copy.deepcopy(old)

    def row(start: str) -> Row:
        hits = [r for r in rows if r["action"].startswith(start)]
        assert len(hits) == 1, start
        return hits[0]

    # statuses and RAG
    row("Adapt current practices")["status"] = "Ongoing"  # not started -> in progress
    row("Introduce a new IT system")["status"] = "Complete"  # in progress -> complete
    row("Introduce a new IT system")["rag"] = "Green"
    slipped = row("Make bids for external funding")
    slipped["status"], slipped["rag"] = "Delayed", "Red"  # in progress -> delayed
    row("Review the remit of Council")["rag"] = "Red"  # amber -> red, status kept
    row("Widely promote the existing landlord")["status"] = "On-going"  # same status, reworded
    # deadlines
    row("Provide homelessness officers with tablet")["due"] = "December 2020"  # later
    row("Introduce a peer led benchmarking")["due"] = "December 2022"  # earlier
    row("Commission an independent review")["due"] = "TBC"  # deadline removed
    row("Develop a series of prevention")["due"] = "Mar 2022"  # same month, restated
    row("Undertake annual engagement with service users")["due"] = "March 2020"  # added
    # wording, leads, progress
    row("Establish an additional post")["action"] = (
        "Establish an additional post to co-ordinate and oversee the homelessness strategy "
        "action plan and its delivery"
    )
    row("Ensure there is a comprehensive range")["action"] += " and young people"
    row("Review existing pathway with criminal")["lead"] += ", Youth Offending Team"
    row("Relocate the housing options team")["progress"] = (
        "Housing Options now permanently based in all three locality hubs"
    )
    row("LCR CA will agree homeless prevention")["progress"] += "; second grant letter received"
    # an action moved to the next objective
    moved = row("Update housing advice information")
    target = row("Check rationality, legality")
    moved["id"], moved["objective"] = target["id"], target["objective"]
    rows.remove(moved)
    rows.insert(rows.index(target) + 1, moved)
    # removed: 1.2 (and 1.3, 1.4 renumbered 1.2, 1.3), and one of the three 5.2 actions
    rows.remove(row("Arrange for inspection against"))
    row("Adapt current practices")["id"] = "1.2"
    row("Introduce a new IT system")["id"] = "1.3"
    rows.remove(row("Recommission accommodation-based"))
    # added: one under an existing id, one with a new id
    group = row("Publicise the outcomes being achieved")
    added_in_group = {
        **group,
        "action": "Set up a hospital discharge protocol with Southport and Ormskirk NHS Trust",
        "lead": "Local Housing Authority, NHS Trusts",
        "due": "September 2020",
        "status": "Not started",
        "rag": "Amber",
        "progress": "",
    }
    rows.insert(rows.index(group) + 1, added_in_group)
    rows.append(
        {
            "id": "6.3",
            "objective": "Respond to the Covid-19 emergency accommodation duty",
            "action": "Provide emergency accommodation for everyone sleeping rough in Sefton",
            "lead": "Local Housing Authority, Liverpool City Region CA",
            "due": "June 2020",
            "status": "Ongoing",
            "rag": "Amber",
            "progress": "Hotel rooms block-booked for rough sleepers",
        }
    )
    return rows


def render(rows: list[Row], published: str, out: Path) -> None:
    pdf = FPDF(orientation="L", unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.set_title(f"{TITLE} ({published})")
    pdf.set_author("planparse test fixture")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    table_w = pdf.w - 2 * MARGIN
    widths = [w * table_w / sum(WEIGHTS) for w in WEIGHTS]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)

    def height(cells: list[str], style: str) -> float:
        pdf.set_font("DejaVu", style, FONT_SIZE)
        lines = [
            len(pdf.multi_cell(w - 2 * PAD, LINE_H, t, dry_run=True, output="LINES")) if t else 1
            for t, w in zip(cells, widths, strict=True)
        ]
        return max(lines) * LINE_H + 2 * PAD

    def draw_row(cells: list[str], top: float, style: str, fills: list[tuple | None]) -> float:
        h = height(cells, style)
        for x, w, fill in zip(xs[:-1], widths, fills, strict=True):
            if fill:
                pdf.set_fill_color(*fill)
                pdf.rect(x, top, w, h, style="F")
        pdf.set_font("DejaVu", style, FONT_SIZE)
        for text, x, w in zip(cells, xs[:-1], widths, strict=True):
            if text:
                pdf.set_xy(x + PAD, top + PAD)
                pdf.multi_cell(
                    w - 2 * PAD, LINE_H, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT
                )
        pdf.set_line_width(0.5)
        pdf.set_draw_color(0, 0, 0)
        for x, w in zip(xs[:-1], widths, strict=True):
            pdf.rect(x, top, w, h, style="D")
        return top + h

    def new_page(first: bool) -> float:
        pdf.add_page()
        top = MARGIN
        if first:
            pdf.set_font("DejaVu", "B", 16)
            pdf.set_xy(MARGIN, top)
            pdf.cell(w=table_w, h=20, text=TITLE)
            pdf.set_xy(MARGIN, top + 20)
            pdf.cell(w=table_w, h=20, text=f"Progress update: {published}")
            top += 52
        pdf.set_font("DejaVu", "", FONT_SIZE)
        pdf.set_xy(MARGIN, pdf.h - MARGIN + 8)
        pdf.cell(w=table_w, h=LINE_H, text=f"Page {pdf.page_no()}", align="C")
        return draw_row(HEADER, top, "B", [HEADER_FILL] * len(HEADER))

    y = new_page(first=True)
    for row in rows:
        cells = [row[k] for k in KEYS]
        if y + height(cells, "") > pdf.h - MARGIN:
            y = new_page(first=False)
        fills = [RAG_FILL.get(row["rag"]) if k == "rag" else None for k in KEYS]
        y = draw_row(cells, y, "", fills)
    pdf.output(str(out))
    print(f"wrote {out} ({out.stat().st_size} bytes, {pdf.page_no()} pages, {len(rows)} rows)")


def main() -> None:
    old = first_edition()
    new = second_edition(old)
    render(old, "September 2019", OUT_OLD)
    render(new, "March 2020", OUT_NEW)


if __name__ == "__main__":
    main()
