"""Generate tests/pdfs/blank-first-header.pdf: the Lewisham plan's first table, fully
ruled, with its first column printed under NO header label.

What it reproduces
------------------
The Lewisham homelessness strategy update (../shared/seeds/000_*.txt) prints its action
table with a blank first header cell: "| Action | Progress | Status". Its first column
holds the objective with its id printed in front ("1.1 Delivering an improved housing
options advice"), in a cell merged down over every action of that objective. A reader
sees the id and the objective; a header-only reading sees an unlabelled column.

Source text: the rows of tests/pdfs/make_partial_rules_fixtures.py (verbatim from the
Lewisham word-ruled truth), objectives written without the dash, as the seed prints them,
progress cut to its first sentence so the table fits one landscape A4 page.

Running (fpdf2 is a fixture-building tool, in the dev extra)::

    .venv/bin/python tests/pdfs/make_blank_header_fixture.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_partial_rules_fixtures import (  # noqa: E402
    FILL,
    FONT_SIZE,
    LINE_H,
    MARGIN,
    PAD,
    ROWS,
    THEME,
    THIN,
    TITLE,
    WEIGHTS,
    new_pdf,
)

OUT = HERE / "blank-first-header.pdf"
HEADER = ["", "Action", "Progress", "Status"]


def first_sentence(text: str) -> str:
    found = re.match(r"(.+?\.)(\s|$)", text)
    return found.group(1) if found else text


def rows() -> list[list[str]]:
    out = []
    for objective, action, progress, status in ROWS:
        out.append([objective.replace(" - ", " "), action, first_sentence(progress), status])
    return out


def main() -> None:
    pdf = new_pdf()
    pdf.add_page()
    table_w = pdf.w - 2 * MARGIN
    widths = [w * table_w / sum(WEIGHTS) for w in WEIGHTS]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)

    def lines(text: str, width: float, style: str) -> int:
        pdf.set_font("DejaVu", style, FONT_SIZE)
        if not text:
            return 1
        return len(pdf.multi_cell(width - 2 * PAD, LINE_H, text, dry_run=True, output="LINES"))

    def put(text: str, x: float, y: float, width: float, style: str) -> None:
        if text:
            pdf.set_font("DejaVu", style, FONT_SIZE)
            pdf.set_xy(x + PAD, y + PAD)
            pdf.multi_cell(width - 2 * PAD, LINE_H, text, border=0, align="L")

    pdf.set_font("DejaVu", "B", 14)
    pdf.set_xy(MARGIN, MARGIN)
    pdf.multi_cell(table_w, 18, TITLE, align="L")
    y = pdf.get_y() + 10
    pdf.set_line_width(THIN)
    # theme row: one merged, shaded cell across the table
    height = lines(THEME, table_w, "B") * LINE_H + 2 * PAD
    pdf.set_fill_color(*FILL)
    pdf.rect(xs[0], y, table_w, height, style="DF")
    put(THEME, xs[0], y, table_w, "B")
    y += height
    # header row: the first cell printed empty
    height = LINE_H + 2 * PAD
    pdf.set_fill_color(*FILL)
    for i, label in enumerate(HEADER):
        pdf.rect(xs[i], y, widths[i], height, style="DF")
        put(label, xs[i], y, widths[i], "B")
    y += height
    # body: the objective cell merged down over its actions
    body = rows()
    heights = [
        max(lines(t, w, "") for t, w in zip(row, widths, strict=True)) * LINE_H + 2 * PAD
        for row in body
    ]
    group_top = y
    for i, (row, h) in enumerate(zip(body, heights, strict=True)):
        for c in range(1, 4):
            pdf.rect(xs[c], y, widths[c], h)
            put(row[c], xs[c], y, widths[c], "")
        if row[0]:
            group_top = y
            put(row[0], xs[0], y, widths[0], "")
        last_of_group = i + 1 == len(body) or body[i + 1][0]
        if last_of_group:
            pdf.rect(xs[0], group_top, widths[0], y + h - group_top)
        y += h
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
