"""Which PDF library reads agendas best: time per page on a 200-page agenda, and what each gives.

Generates invented agendas (tests/helpers/documents.py): a Word document with Symbol bullets and
one with a two-column table, both turned into PDF by LibreOffice (where installed), and the same
two written with fpdf2. Each library reads every page (text; and tables where it finds them) and
the median of a few runs is printed as a Markdown table, with what each gave for a Word bullet
and for the table. Libraries that are not installed are left out. Not part of `make bench`:

    .venv/bin/pip install pdfplumber pypdfium2 pymupdf   # the candidates
    .venv/bin/python bench/pdf_readers.py [--pages 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.documents import (
    fpdf_agenda,
    libreoffice,
    libreoffice_pdfs,
    many_items,
    word_document,
)

# Items per page, measured on these documents, to reach the pages asked for.
_ITEMS_PER_PAGE = {"bullets": 17, "table": 11}


def _pypdf_plain(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def _pypdf_layout(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages]


def _pdfium_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


def _pdfium_words(path: Path) -> list[str]:
    """pypdfium2's text with every character's box: what a table reader of our own needs."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    pages = []
    try:
        for page in document:
            text_page = page.get_textpage()
            count = text_page.count_chars()
            boxes = [text_page.get_charbox(index) for index in range(count)]
            pages.append(f"{text_page.get_text_range()} {len(boxes)}")
    finally:
        document.close()
    return pages


def _plumber_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as document:
        return [page.extract_text() for page in document.pages]


def _plumber_tables(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as document:
        return [f"{page.extract_text()}{page.extract_tables()}" for page in document.pages]


def _mupdf_text(path: Path) -> list[str]:
    import pymupdf  # type: ignore[import-not-found, unused-ignore]

    with pymupdf.open(path) as document:
        return [page.get_text() for page in document]


def _mupdf_tables(path: Path) -> list[str]:
    import pymupdf  # type: ignore[import-not-found, unused-ignore]

    with pymupdf.open(path) as document:
        return [
            f"{page.get_text()}{[table.extract() for table in page.find_tables()]}"
            for page in document
        ]


def _delreg(path: Path) -> list[str]:
    """What delreg does: PDFium's text, pdfplumber's tables on the pages that draw lines."""
    from delreg.parse.pdf import pdf_lines

    with path.open("rb") as stream:
        return [line.text for line in pdf_lines(stream, source=str(path))]


READERS: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    "pypdf, plain text": ("pypdf", _pypdf_plain),
    "pypdf, layout mode": ("pypdf", _pypdf_layout),
    "pypdfium2, text": ("pypdfium2", _pdfium_text),
    "pypdfium2, text + character boxes": ("pypdfium2", _pdfium_words),
    "pdfplumber, text": ("pdfplumber", _plumber_text),
    "pdfplumber, text + tables": ("pdfplumber", _plumber_tables),
    "PyMuPDF, text (AGPL)": ("pymupdf", _mupdf_text),
    "PyMuPDF, text + tables (AGPL)": ("pymupdf", _mupdf_tables),
    "delreg: PDFium text, pdfplumber tables on ruled pages": ("pypdfium2", _delreg),
}


def documents(folder: Path, pages: int) -> dict[str, Path]:
    made = {}
    for layout in ("bullets", "table"):
        items = many_items(pages * _ITEMS_PER_PAGE[layout])
        if layout == "bullets":
            # fpdf2's tables take time that grows faster than their rows: bullets only.
            path = folder / f"fpdf2-{layout}.pdf"
            path.write_bytes(fpdf_agenda(items, layout=layout, font_folder=folder))
            made[f"fpdf2, {layout}"] = path
        if libreoffice() is not None:
            word = word_document(items, layout="symbol" if layout == "bullets" else "table")
            converted = libreoffice_pdfs({f"lo-{layout}": word}, folder)
            made[f"Word → LibreOffice, {layout}"] = converted[f"lo-{layout}"]
    return made


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        made = documents(Path(temporary), options.pages)
        names = list(made)
        print(
            "| library, mode | "
            + " | ".join(f"{name} ({page_count(made[name])} p.)" for name in names)
            + " |"
        )
        print("|---|" + "---|" * len(names))
        for label, (module, read) in READERS.items():
            if importlib.util.find_spec(module) is None:
                continue
            cells = []
            for name in names:
                times = []
                for _ in range(options.runs):
                    start = time.perf_counter()
                    read(made[name])
                    times.append(time.perf_counter() - start)
                per_page = statistics.median(times) / page_count(made[name]) * 1000
                cells.append(f"{per_page:.1f} ms")
            print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
