"""Generate tests/pdfs/vertical-rules-only.pdf and horizontal-rules-only.pdf.

What they reproduce
-------------------
Two renderings of the same two-page, landscape A4 Word-style action-plan
table whose ruling is *partial*, so a lattice (line-based) table finder sees
only half a grid:

* ``vertical-rules-only.pdf`` -- an outer frame (one 0.5pt black rectangle
  around the whole table on each page, theme and header rows included) and
  0.5pt vertical lines between the columns, running from the top of the
  header row to the bottom of the table on that page. The only horizontal
  rules are the frame's top and bottom edges plus one 0.5pt line under the
  header row; there are NO horizontal lines between body rows. The full-width
  theme row is a merged cell, so the column separators do not cross it.
* ``horizontal-rules-only.pdf`` -- NO vertical lines and no frame at all: a
  1pt horizontal line under the header row, and a 0.5pt horizontal line under
  every body row (i.e. between every pair of body rows and under the last
  one), each spanning the full table width.

Source text
-----------
Copied verbatim from /work/shared/corpus/dev/lewisham_homelessness_2022.
word-ruled.truth.json:

* ``document.title`` -> the 16pt title line at the top of page 1
* ``columns`` -> the header row "Objective | Action | Progress | Status"
* the first 7 actions (ids 1.1 x5, 1.2 x2) and their shared ``theme``
  -> the full-width theme row and the 7 body rows. ``action`` and
  ``status_raw`` are verbatim ("On-going" on the last row included);
  ``progress`` is cut to its first 2 sentences so the table is about 1.5
  pages long.
* As in the Word plan, the objective cell ("1.1 - Delivering an improved
  housing options advice") is a vertically merged cell: its text is printed
  once, on the first row of its group, and the other rows of the group leave
  the Objective column empty (also on a continuation page).

Layout
------
Landscape A4, 1.9 cm margins. DejaVu Sans 9pt body text, DejaVu Sans Bold 9pt
for the theme and header rows, 16pt bold title (too long for the page width,
so it wraps onto a second line; the table starts below it). Column widths 150/170/330/80
(scaled to the text width). Cell text is wrapped inside its column,
top-aligned with 3pt padding. The header row has a light-grey fill (D9D9D9)
drawn as a filled rectangle under the header text. Rows never break across
pages: a row that does not fit is moved to the next page, and every page
repeats the theme row and the header row at the top of the table. A centred
"Page N" footer sits in the bottom margin.

Running
-------
From the repository root::

    .venv/bin/python tests/pdfs/make_partial_rules_fixtures.py

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

HERE = Path(__file__).resolve().parent
OUT_VERTICAL = HERE / "vertical-rules-only.pdf"
OUT_HORIZONTAL = HERE / "horizontal-rules-only.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

TITLE = "Update on the Homelessness Strategy 2020-2022 Action Plan to Housing Select Committee"
THEME = (
    "Prevent homelessness at the earliest opportunity with the most appropriate level of support"
)
HEADER = ["Objective", "Action", "Progress", "Status"]

OBJ_11 = "1.1 - Delivering an improved housing options advice"
OBJ_12 = "1.2 - Supporting those at risk of homelessness to remain where they are by"

# (objective, action, progress [first 2 sentences], status_raw). The objective
# is given only on the first row of its group (merged cell in the Word plan).
ROWS = [
    [
        OBJ_11,
        "Successfully creating a face- to-face service provision specifically "
        "tailored to individual need",
        "The Rough Sleeping team carry out face to face visits to any new rough "
        "sleeper in order to undertake an assessment of their needs and to "
        "support them with their housing options. The team also visit former "
        "rough sleepers in their accommodation or in supported housing as and "
        "when issues arise and to address any support needs and to prevent loss "
        "of tenancies or any recurrence of homelessness.",
        "Ongoing",
    ],
    [
        "",
        "Raising awareness with partners about the 'duty to refer' obligation "
        "and support them to spot the signs of homelessness early so that we can "
        "work together to prevent homelessness",
        'The "Duty to Refer" legislation came into effect from 1st October 2018. '
        "Since then the service has put information on our website and have "
        "engaged with all key stakeholders to inform them of our referral "
        "processes.",
        "Ongoing",
    ],
    [
        "",
        "Using data more effectively to identify households at risk of "
        "homelessness or repeat homelessness, taking proactive action where "
        "possible",
        "The Housing Service has been embedding a new IT system implemented "
        "during 2021 which is helping the service to improve the quality of data "
        "gathering. During the pandemic the service used data to inform our "
        "insight work to prepare for the lifting of the eviction ban.",
        "Ongoing",
    ],
    [
        "",
        "Exploring working with local legal advocates and court services with a "
        "view to getting information at the earliest opportunity, and also "
        "promoting better outcomes for residents",
        "Officers in the Homelessness prevention & assessment team have been "
        "trained to support residents to complete defence forms in eviction "
        "proceedings where there are grounds to defend and by referring/sign "
        "posting to local legal advocates to work with residents to prevent "
        "homelessness. A project team was set up during the pandemic to help "
        "prepare for the lifting of the eviction ban.",
        "Completed",
    ],
    [
        "",
        "Improving outreach provision prevention work in the borough.",
        "As set out above, the Rough sleeping team, some officers in the TA "
        "team, the Health and Housing Coordinator, the Rogue Landlord officers "
        "all undertake outreach work in the borough. The Housing Needs service "
        "is currently consulting with local partners through the Homelessness "
        "Forum to identify suitable sites for officers to co-locate in the "
        "borough for certain days or half days in order to enable greater access "
        "to the service and to increase proactive homelessness prevention "
        "activity.",
        "Ongoing",
    ],
    [
        OBJ_12,
        "Working with housing benefit colleagues to ensure discretionary housing "
        "payments are available to more households threatened with homelessness",
        "Officers in the Housing Needs and Refugee services work very closely "
        "with colleagues in the Council's Housing Benefits Service. Referrals "
        "are made for Housing Benefits & Council Tax Support by Housing officers "
        "where it is believed the applicant may be eligible for DHP which would "
        "potentially prevent them becoming homeless.",
        "Ongoing",
    ],
    [
        "",
        "Regularising our offers of financial support to those who are homeless "
        "or threatened with homelessness in the PRS so that finance is more "
        "easily accessible, e.g. through our partnership with the credit union",
        "The service has a long standing relationship with the Lewisham Plus "
        "Credit Union. The service refers customers to the credit union for "
        "assistance with low cost loans.",
        "On-going",
    ],
]

WEIGHTS = [150, 170, 330, 80]  # column widths in pt, scaled to the text width

MARGIN = 1.9 / 2.54 * 72  # 1.9 cm in pt
TITLE_SIZE = 16.0  # pt
FONT_SIZE = 9.0  # pt
LINE_H = 11.0  # pt, line height for wrapped cell text
PAD = 3.0  # pt, cell padding
TITLE_LINE_H = 20.0  # pt, line height of the (wrapped) title
TABLE_GAP = 12.0  # pt between the title and the table on page 1
FILL = (0xD9, 0xD9, 0xD9)  # header fill D9D9D9
THIN = 0.5  # pt
THICK = 1.0  # pt


def new_pdf() -> FPDF:
    pdf = FPDF(orientation="L", unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.set_title(TITLE)
    pdf.set_author("planparse test fixture")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0  # padding handled explicitly below
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    return pdf


def build(out: Path, rules: str) -> None:
    """Write one fixture; ``rules`` is "vertical" or "horizontal"."""
    pdf = new_pdf()
    table_w = pdf.w - 2 * MARGIN
    scale = table_w / sum(WEIGHTS)
    widths = [w * scale for w in WEIGHTS]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    x0, x1 = xs[0], xs[-1]
    bottom_limit = pdf.h - MARGIN

    def n_lines(text: str, width: float, style: str) -> int:
        if not text:
            return 1
        pdf.set_font("DejaVu", style, FONT_SIZE)
        return len(pdf.multi_cell(width - 2 * PAD, LINE_H, text, dry_run=True, output="LINES"))

    def row_height(cells: list[str], cell_widths: list[float], style: str) -> float:
        n = max(n_lines(t, w, style) for t, w in zip(cells, cell_widths, strict=True))
        return n * LINE_H + 2 * PAD

    def put_text(text: str, x: float, y: float, width: float, style: str) -> None:
        if not text:
            return
        pdf.set_font("DejaVu", style, FONT_SIZE)
        pdf.set_xy(x + PAD, y + PAD)
        pdf.multi_cell(
            width - 2 * PAD,
            LINE_H,
            text,
            border=0,
            align="L",
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )

    pdf.add_page()  # fpdf2 needs a page before it can measure text
    theme_h = row_height([THEME], [table_w], "B")
    header_h = row_height(HEADER, widths, "B")
    body_hs = [row_height(r, widths, "") for r in ROWS]

    # The title is too long for one 16pt line across the page: wrap it.
    pdf.set_font("DejaVu", "B", TITLE_SIZE)
    title_lines = pdf.multi_cell(table_w, TITLE_LINE_H, TITLE, dry_run=True, output="LINES")
    table_top_p1 = MARGIN + len(title_lines) * TITLE_LINE_H + TABLE_GAP

    # Paginate: rows never break; a row that does not fit moves to a new page.
    pages: list[list[int]] = []
    i = 0
    while i < len(ROWS):
        top = table_top_p1 if not pages else MARGIN
        y = top + theme_h + header_h
        rows_here: list[int] = []
        while i < len(ROWS) and (y + body_hs[i] <= bottom_limit or not rows_here):
            rows_here.append(i)
            y += body_hs[i]
            i += 1
        pages.append(rows_here)

    for page_no, rows_here in enumerate(pages, start=1):
        if page_no > 1:
            pdf.add_page()
        top = MARGIN
        if page_no == 1:
            pdf.set_font("DejaVu", "B", TITLE_SIZE)
            pdf.set_xy(MARGIN, MARGIN)
            pdf.multi_cell(table_w, TITLE_LINE_H, TITLE, border=0, align="L")
            top = table_top_p1

        header_top = top + theme_h
        body_top = header_top + header_h
        row_ys = [body_top]
        for r in rows_here:
            row_ys.append(row_ys[-1] + body_hs[r])
        table_bottom = row_ys[-1]

        # 1) header fill, under everything else
        pdf.set_fill_color(*FILL)
        pdf.rect(x0, header_top, table_w, header_h, style="F")

        # 2) text, top-aligned with padding
        pdf.set_text_color(0, 0, 0)
        put_text(THEME, x0, top, table_w, "B")
        for j, text in enumerate(HEADER):
            put_text(text, xs[j], header_top, widths[j], "B")
        for k, r in enumerate(rows_here):
            for j, text in enumerate(ROWS[r]):
                put_text(text, xs[j], row_ys[k], widths[j], "")

        # 3) ruling
        pdf.set_draw_color(0, 0, 0)
        if rules == "vertical":
            pdf.set_line_width(THIN)
            pdf.rect(x0, top, table_w, table_bottom - top, style="D")  # frame
            for x in xs[1:-1]:
                pdf.line(x, header_top, x, table_bottom)  # column separators
            pdf.line(x0, body_top, x1, body_top)  # under the header
        elif rules == "horizontal":
            pdf.set_line_width(THICK)
            pdf.line(x0, body_top, x1, body_top)  # under the header
            pdf.set_line_width(THIN)
            for y in row_ys[1:]:
                pdf.line(x0, y, x1, y)  # under every body row
        else:
            raise ValueError(rules)

        # 4) footer
        pdf.set_font("DejaVu", "", FONT_SIZE)
        pdf.set_xy(MARGIN, pdf.h - MARGIN + 12)
        pdf.cell(w=table_w, h=LINE_H, text=f"Page {page_no}", align="C")

    pdf.output(str(out))
    print(
        f"wrote {out} ({out.stat().st_size} bytes, {len(pages)} pages, "
        f"rows/page {[len(p) for p in pages]})"
    )


def main() -> None:
    build(OUT_VERTICAL, "vertical")
    build(OUT_HORIZONTAL, "horizontal")


if __name__ == "__main__":
    main()
