"""A page of two columns written line by line across the page is read column by column.

fpdf2 writes each baseline across the page here: the agenda's points on the left, the
decisions reported on the right, as some report tools lay out a notice of a meeting.
"""

from __future__ import annotations

import io

from fpdf import FPDF

from delreg.config import load_config
from delreg.model import Decision
from delreg.parse import Record
from delreg.parse.pdf import pdf_text, read_pdf

CONFIG = load_config()
HEAD = "Norrvik kommun - Kommunstyrelsen - Kallelse till sammanträde 2024-03-14"
POINTS = (
    "Dagordning",
    "1. Val av justerare",
    "2. Godkännande av dagordningen",
    "3. Budget 2025 för kultur och fritid",
    "4. Detaljplan för Östra Strand",
    "5. Motion om gång- och cykelväg",
    "6. Övriga frågor",
)
DECISIONS = (
    "Anmälan av delegationsbeslut",
    "• Avtal om vinterväghållning, KS 2024/12",
    "• Avtal om lokalvård i Norrviksskolan, KS 2024/15",
    "• Avtal om skolskjuts, KS 2024/19",
)


def across(points: tuple[str, ...], decisions: tuple[str, ...]) -> bytes:
    """One page: the head across it, ``points`` on the left and ``decisions`` on the right,
    each baseline written left then right, the page's number at the foot's middle."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica's own å, ä and ö
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(15, 15, HEAD)
    y = 30.0
    for number in range(max(len(points), len(decisions))):
        if number < len(points):
            pdf.text(15, y, points[number])
        if number < len(decisions) and decisions[number]:
            pdf.text(110, y, decisions[number])
        y += 6
    pdf.text(100, 285, "Sida 1 (1)")
    return bytes(pdf.output())


def records(data: bytes) -> list[Record]:
    return list(read_pdf(io.BytesIO(data), source="kallelse.pdf", config=CONFIG))


def test_columns_written_across_the_page_are_read_one_after_the_other() -> None:
    """The left column's lines whole, then the right one's, the head above and the foot below:
    before, each line held a point and a decision ("1. Val av justerare • Avtal om …")."""
    text = pdf_text(io.BytesIO(across(POINTS, DECISIONS)))
    assert text.split("\n") == [HEAD, *POINTS, *DECISIONS]


def test_the_right_hand_column_s_decisions_are_each_read() -> None:
    """Each decision of the right-hand list, located on its own line; none rejected."""
    found = records(across(POINTS, DECISIONS))
    assert [(r.diary_number, r.subject) for r in found if isinstance(r, Decision)] == [
        ("KS 2024/12", "vinterväghållning"),
        ("KS 2024/15", "lokalvård i Norrviksskolan"),
        ("KS 2024/19", "skolskjuts"),
    ]
    assert [r for r in found if not isinstance(r, Decision)] == []


def test_a_right_hand_column_longer_than_the_left_is_read_whole() -> None:
    """The right-hand list goes on below the left one's last point."""
    text = pdf_text(io.BytesIO(across(POINTS[:3], DECISIONS)))
    assert text.split("\n") == [HEAD, *POINTS[:3], *DECISIONS]


def test_a_page_whose_line_crosses_the_gap_is_read_as_given() -> None:
    """A line between the lines across the gap that runs over it (the point's text reaching
    the page's right-hand side, no decision beside it) means there are no columns: the page's
    lines as PDFium gives them."""
    long_point = "3. Budget 2025 för kultur och fritid med investeringsplan för åren 2026-2028"
    points = (*POINTS[:3], long_point, *POINTS[4:])
    decisions = (*DECISIONS[:3], "", DECISIONS[3])
    text = pdf_text(io.BytesIO(across(points, decisions)))
    assert "1. Val av justerare • Avtal om vinterväghållning, KS 2024/12" in text.split("\n")
    assert long_point in text.split("\n")
