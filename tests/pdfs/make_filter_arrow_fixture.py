"""Generate tests/pdfs/filter-arrows-spreadsheet.pdf.

What it reproduces
------------------
A one-page, landscape A4 "Excel export" of a council delivery plan whose
header row had spreadsheet autofilter drop-down arrows. When the original was
OCR'd, those arrows came out as junk glyphs (``v``, ``×``, ``٧``, ``¥``,
``▼``) in a row of their own under the real header.

Source text
-----------
All text is copied verbatim (OCR typos included: "cookle", "tough Sleeping",
"tatutory Iomelessness", "meterials", "drigt", "Inanuray", "undervoy", ...)
from the seed /work/shared/seeds/004_bf5ac3852d7426e7.txt, lines 1-11:

* line 1  -> page title (bold 11pt, top-left)
* line 3  -> "Priority 1: ..." heading (bold 8pt, just above the grid)
* line 5  -> 12-column header row (bold, light-green fill E2EFD9)
* line 6  -> autofilter-arrow junk row (same fill, regular weight). The seed's
             trailing "🖟" emoji after "progress" is dropped (no font on the
             machine renders it); every other token stays in its seed column.
* lines 7-11 -> the five data rows (tab-separated in the seed). The second
             data row has an empty "Unique ID" cell, as in the seed; the
             "Who?" column is empty in every data row, as in the seed.

Layout
------
A fully ruled grid: each cell edge is drawn once as a 0.5pt black line
segment (so pdfplumber sees ``line`` objects); header/junk fills are drawn as
filled rectangles under the text. Text is 6.5pt DejaVu Sans, wrapped inside
the cells, top-aligned with 2pt padding. Column widths are proportional to
the content ("Comments on progress" widest).

Running
-------
From the repository root::

    .venv/bin/python tests/pdfs/make_filter_arrow_fixture.py

It requires fpdf2 (``.venv/bin/pip install fpdf2``). fpdf2 is a
fixture-building tool only; it is NOT a planparse dependency. The creation
date is fixed and fpdf2's default /ID is a hash of the content, so the output
is byte-stable for a given fpdf2 version and font files.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

OUT = Path(__file__).resolve().parent / "filter-arrows-spreadsheet.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

TITLE = "Homelessness and Rough Sleeping: Strategy Delivery Plan 2023-27"
PRIORITY = "Priority 1: Rapid, Effective and Tailored Interventions"

HEADER = [
    "Lead Area",
    "Unique",
    "Activity or Intervention",
    "New this RP?",
    "Who?",
    "Does what?",
    "With who?",
    "By when?",
    "Evidence/Audit",
    "Success Measure or Service User",
    "RAG rated",
    "Comments on progress",
]

# Seed line 6, column for column (U+0667 ARABIC-INDIC DIGIT SEVEN is the OCR
# reading of an arrow; the trailing emoji after "progress" is dropped).
JUNK = [
    "v",
    "ID \u00d7",
    "v",
    "\u0667",
    "v",
    "v",
    "\u00a5",
    "\u0667",
    "",
    "\u25bc Experience \u25bc",
    "progress",
    "",
]

# Seed lines 7-11, verbatim.
ROWS = [
    [
        "cross-cutting",
        "1.6",
        "Implement safe access to online information",
        "No",
        "",
        "Review of cookle policy to ensure web based information is safe for DA victims to access",
        "\u043d\u043e",  # Cyrillic "но" -- OCR junk, kept verbatim from the seed
        "31-Dec-23",
        "Cookie policy",
        "Accessing CoL webpages poses no risk to anyone seeking advice",
        "Complete",
        "DA web content updated and exit button built in to page.",
    ],
    [
        "tough Sleeping",
        "",
        "Improve safety at rough sleeping hotspots",
        "No",
        "",
        "Creation of new meterials utilising various media to explain service offer",
        "RSSM, PC, RSC",
        "31-Mar-25",
        "Resources/media/feedback",
        "Improved outcomes and safety",
        "Complete",
        "October 24 - Encampments Policy/Protocol/Position in drigt. December "
        "2024 - policy progressing to CCS in Inanuray for approval. January 2025 "
        "- JWE set up to replace Ch so principle multi-agency planning forum for "
        "hostpost and encampments. Protocol agreed at 16 January CCS. Joint "
        "Working Group meeting established to monitor and manage HiRSS and "
        "encampments.",
    ],
    [
        "tough Sleeping",
        "1.10",
        "Mobilise new RSAC",
        "No",
        "",
        "Coordinate partners and internal stakeholders to ensure new servce "
        "opens by end of January 2024",
        "RSSM, CM, providers",
        "31-Jan-24",
        "Mobilisation plan",
        "Service open according to plan and specification",
        "Complete",
        "Reliminary stages of CSO review undervoy. FIHM to include in handover "
        "for Kt. to pic up in April. Provisional lounch pushed book to 13/03 due "
        "to delay with PC and lease so off, Service opened 13 March 2024. Aug "
        "2024 - RPI's are outstanding, need to be revised, this is undervoy. "
        "Oct 2024 - net KPI's in place.",
    ],
    [
        "cross-cutting",
        "1.11",
        "Develop Rough Sleeping KPI framework",
        "No",
        "",
        "Design set of KPI's which offers long- term trend information to "
        "inform evaluation, communications and decision making",
        "RSSM, RSC, SHO, PC",
        "31-Dec-23",
        "KPI framework",
        "More constructive conversation with RSSG, HRS Subcommittee and within "
        "service area. Clarity of purpose.",
        "Complete",
        "In draft. Will be incorprated into HRS Strategy metrics approach. July "
        "2024 - now incorporated into HRS metrics and dashboard. Wider "
        "discussion needed with officers who chair CMM to align and format "
        "KPI's the same for all newly commissioned services from 2025. August "
        "2024 - dashboard redesigned as a socreard in ling with ASC/ESC "
        "reporting.",
    ],
    [
        "tatutory Iomelessness",
        "1.12",
        "Review statutory processes",
        "No",
        "",
        "Commissions independent review of statutory process to test "
        "resilience, quality and effectiveness",
        "SHO",
        "31-Mar-25",
        "Review report",
        "Homelessness is prevented and releived with accuracy and consistency. "
        "Staff have the support",
        "Complete",
        "October 24 - review to be carried out by MHCLG HAST advisor by end of "
        "FY. Decembe 24 - HAST visit scheduled for 21/1/25. January 2025 - HAST "
        "feedback being actioned.",
    ],
]

# Relative column widths (sum scaled to the table width).
WEIGHTS = [56, 30, 70, 34, 28, 90, 56, 40, 94, 86, 40, 162]

MARGIN = 28.0  # pt
FONT_SIZE = 6.5  # pt
LINE_H = 7.8  # pt, line height for wrapped cell text
PAD = 2.0  # pt, cell padding
RULE = 0.5  # pt, grid line width
FILL = (0xE2, 0xEF, 0xD9)  # header fill E2EFD9


def main() -> None:
    pdf = FPDF(orientation="L", unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.set_title(TITLE)
    pdf.set_author("planparse test fixture")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0  # padding handled explicitly below
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_page()

    table_w = pdf.w - 2 * MARGIN
    scale = table_w / sum(WEIGHTS)
    widths = [w * scale for w in WEIGHTS]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)

    # Title and the "Priority" heading, outside the grid.
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_xy(MARGIN, MARGIN)
    pdf.cell(text=TITLE)
    pdf.set_font("DejaVu", "B", 8)
    pdf.set_xy(MARGIN, MARGIN + 22)
    pdf.cell(text=PRIORITY)

    rows = [(HEADER, "B", True), (JUNK, "", True)] + [(r, "", False) for r in ROWS]

    def row_height(cells: list[str], style: str) -> float:
        pdf.set_font("DejaVu", style, FONT_SIZE)
        n = 1
        for text, w in zip(cells, widths, strict=False):
            if text:
                lines = pdf.multi_cell(w - 2 * PAD, LINE_H, text, dry_run=True, output="LINES")
                n = max(n, len(lines))
        return n * LINE_H + 2 * PAD

    y = MARGIN + 36
    row_ys = [y]
    for cells, style, _ in rows:
        row_ys.append(row_ys[-1] + row_height(cells, style))

    # 1) fills, under everything else
    pdf.set_fill_color(*FILL)
    for i, (_, _, filled) in enumerate(rows):
        if filled:
            pdf.rect(xs[0], row_ys[i], table_w, row_ys[i + 1] - row_ys[i], style="F")

    # 2) text, top-aligned with padding
    pdf.set_text_color(0, 0, 0)
    for i, (cells, style, _) in enumerate(rows):
        pdf.set_font("DejaVu", style, FONT_SIZE)
        for j, text in enumerate(cells):
            if not text:
                continue
            pdf.set_xy(xs[j] + PAD, row_ys[i] + PAD)
            pdf.multi_cell(
                widths[j] - 2 * PAD,
                LINE_H,
                text,
                border=0,
                align="L",
                new_x=XPos.LEFT,
                new_y=YPos.NEXT,
            )

    # 3) ruling: every cell edge once, as a 0.5pt line segment
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(RULE)
    for i in range(len(rows)):
        y0, y1 = row_ys[i], row_ys[i + 1]
        for j in range(len(widths)):
            pdf.line(xs[j], y0, xs[j + 1], y0)  # top edge
            pdf.line(xs[j], y0, xs[j], y1)  # left edge
        pdf.line(xs[-1], y0, xs[-1], y1)  # right edge of the row
    for j in range(len(widths)):
        pdf.line(xs[j], row_ys[-1], xs[j + 1], row_ys[-1])  # bottom of table

    pdf.output(str(OUT))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
