"""Generate tests/pdfs/scanned-rag-sefton.pdf: a scan of a plan whose RAG is a cell colour.

What it reproduces: a council plan printed and scanned, with the red/amber/green ratings
still visible as coloured cells. Page 1 of the dev corpus PDF
../shared/corpus/dev/sefton_homelessness_2018_23.word-sections.pdf (Sefton's plan with a
"Current Outcome Assessment" column shown only as colour) is rendered at 150 dpi, tilted
by 0.3 degrees as a scanner would, and saved as an image-only PDF (no text layer).

Run: .venv/bin/python tests/pdfs/make_scanned_rag_fixture.py (needs only pypdfium2 and
Pillow, which planparse already uses).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1].parent / "shared/corpus/dev/sefton_homelessness_2018_23.word-sections.pdf"
OUT = HERE / "scanned-rag-sefton.pdf"
DPI = 150
TILT_DEGREES = 0.3


def main() -> None:
    document = pdfium.PdfDocument(SOURCE)
    image = document[0].render(scale=DPI / 72).to_pil().convert("RGB")
    image = image.rotate(TILT_DEGREES, fillcolor="white", expand=False)
    image.save(OUT, "PDF", resolution=DPI)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
