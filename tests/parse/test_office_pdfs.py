"""Agenda PDFs as Word and LibreOffice make them, read as the decisions they list.

The PDFs under fixtures/pdf/ were made by tests/helpers/office_pdfs.py (python-docx or a flat
ODT, turned into PDF by LibreOffice; one written with fpdf2): committed, so that the tests need
no LibreOffice. Where LibreOffice is installed, one is made again and must read the same.
"""

from __future__ import annotations

import io

from fpdf import FPDF

from delreg.config import load_config
from delreg.model import Decision
from delreg.parse import Record
from delreg.parse.pdf import read_pdf

CONFIG = load_config()


def from_pdf(data: bytes, source: str = "agenda.pdf") -> list[Record]:
    return list(read_pdf(io.BytesIO(data), source=source, config=CONFIG))


def lines_pdf(lines: list[str]) -> bytes:
    """A page of ``lines`` as they are broken, written with fpdf2."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica's own å, ä and ö
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_hyphen_that_ends_a_line_stays_in_the_number_and_the_words() -> None:
    """PDFium joins a line ending in a hyphen after a letter to the next and marks the hyphen:
    it is the diary number's own dash, the hyphen of "e-post", or the one of "hälso- och"."""
    data = lines_pdf([
        "Anmälan av delegationsbeslut",
        "• Hälso- och sjukvårdsdirektörens beslut om avtal med Vallby Energi AB, KSN-",
        "2024-12",
        "• Samhällsbyggnadschefens beslut om avslag på begäran om utlämnande av e-",
        "post, KSN-2024-31",
        "• Ekonomichefens beslut om ändrade villkor för hälso-",
        "och sjukvårdens leverantörer, KSN-2024-40",
    ])  # fmt: skip
    decisions = [record for record in from_pdf(data) if isinstance(record, Decision)]
    assert [(d.diary_number, d.subject) for d in decisions] == [
        ("KSN-2024-12", "beslut om avtal"),
        ("KSN-2024-31", "avslag på begäran om utlämnande av e-post"),
        ("KSN-2024-40", "ändrade villkor för hälso- och sjukvårdens leverantörer"),
    ]
