"""PDFs as boards publish them, read as the decisions they list: the ways their tools lay out
a page (a ruled box beside a list without rules, justified text, columns, a rotated page, a
browser's print, links, soft hyphens and ligatures), each written here with fpdf2."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from fpdf import FPDF

from delreg.model import Decision
from delreg.parse.agenda import read_agenda
from delreg.parse.pdf import read_pdf
from tests.helpers import built_in_config
from tests.helpers.documents import Item, many_items
from tests.helpers.office_pdfs import (
    FIXTURES,
    HEADS_ENTRIES,
    HEADS_ITEM,
    entry_sentence,
    unruled_rows,
)

CONFIG = built_in_config()

# (diary number, subject, day, who decided): what each decision must read as.
Read = tuple[str | None, str, str | None, str | None]


def decisions(data: bytes) -> list[Read]:
    records = read_pdf(io.BytesIO(data), source="kallelse.pdf", config=CONFIG)
    return [
        (r.diary_number, r.subject, r.decided_on, r.delegate)
        for r in records
        if isinstance(r, Decision)
    ]


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica's own å, ä and ö
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    return pdf


def _ruled(pdf: FPDF, rows: Sequence[Sequence[str]], widths: Sequence[float], *,
           header: bool = True) -> None:  # fmt: skip
    """fpdf2's ruled table, its cells' text at their tops as Word sets it."""
    with pdf.table(
        col_widths=widths, first_row_as_headings=header, text_align="LEFT", v_align="TOP"
    ) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)


# --- who decided, abbreviated -------------------------------------------------------------------

# Titles whose full stops abbreviate a word: no end of the name.
ABBREVIATED = ("T.f. förvaltningschef", "Avd.chef", "Bitr. rektor")


def test_who_decided_keeps_the_full_stops_of_an_abbreviated_title() -> None:
    """A ruled table's "Beslutsfattare" cell "T.f. förvaltningschef": the whole title, its
    full stops kept; a comma or a parenthesis in the cell still reads as before."""
    pdf = _pdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    pdf.set_y(30)
    rows = [("Dnr", "Ärende", "Datum", "Beslutsfattare")]
    rows += [
        (f"KS 2024/30{number}", "Avskrivning av fordringar", f"2024-01-1{number}", title)
        for number, title in enumerate(
            (*ABBREVIATED, "Anna Berglund, enhetschef", "Enhetschef (tf.)"), start=1
        )
    ]
    _ruled(pdf, rows, (25, 80, 30, 45))
    assert [read[3] for read in decisions(bytes(pdf.output()))] == [
        *ABBREVIATED,
        "Anna Berglund enhetschef",
        "Enhetschef tf",
    ]


@pytest.mark.parametrize("title", ABBREVIATED)
def test_a_labelled_delegate_s_abbreviated_title_is_read_whole(title: str) -> None:
    """ "Beslutsfattare: Bitr. rektor" in an agenda's text: the title whole, none of it left
    in the subject; a full stop before the next sentence still ends it."""
    text = (
        "Anmälan av delegationsbeslut\n"
        f"• KS 2024/31   Avskrivning av fordringar   Beslutsfattare: {title}\n"
        f"• Avskrivning av fordringar, KS 2024/32. Beslutsfattare: {title}. Beslutet gäller "
        "2024.\n"
    )
    records = read_agenda(text, source="lista.txt", config=CONFIG, meeting_year=2024)
    read = [(r.subject, r.delegate) for r in records if isinstance(r, Decision)]
    assert read[0] == ("Avskrivning av fordringar", title)
    assert read[1][1] == title


# --- a ruled box and a list without rules on one page -------------------------------------------

ATTENDANCE = [
    ("Plats och tid", "Kommunhuset, Vallby, 14 mars 2024 kl. 13.00-15.30"),
    ("Beslutande", "Anna Berglund (S), ordförande\nPer Nyström (M)\nKarin Ek (C)"),
    ("Övriga närvarande", "Lars Holm, kommundirektör\nEva Lind, sekreterare"),
    ("Justerare", "Per Nyström (M)"),
]
LISTED: list[Read] = [
    ("KS 2024/306", "enhetschef vid kostenheten", "2024-01-16", "T.f. förvaltningschef"),
    ("KS 2024/307", "Avskrivning av fordringar", "2024-01-17", "Ekonomichef"),
    ("KS 2024/308", "remiss om vattenförsörjningsplan", "2024-01-18", "Kommundirektör"),
]


def minutes_with_a_ruled_box(*, box_first: bool) -> bytes:
    """A page of minutes: the meeting's attendance in a ruled box, and "§ 12 Anmälan av
    delegationsbeslut" with its list as a table without rules, ``Dnr | Ärende | Datum |
    Delegat``; the box above the list or below it."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(15, 20, "Protokoll kommunstyrelsen 2024-03-14")
    pdf.set_font("Helvetica", size=10)
    pdf.set_y(28 if box_first else 150)
    _ruled(pdf, ATTENDANCE, (45, 135), header=False)
    top = 100 if box_first else 30
    pdf.set_font("Helvetica", "B", 11)
    pdf.text(15, top, "§ 12 Anmälan av delegationsbeslut")
    pdf.set_font("Helvetica", size=10)
    widths = (30, 80, 25, 45)
    y = unruled_rows(pdf, top + 10, [("Dnr", "Ärende", "Datum", "Delegat")], widths)
    y = unruled_rows(pdf, y + 2, [
        ("KS 2024/306", ("Anställning av enhetschef", "vid kostenheten"), "2024-01-16",
         "T.f. förvaltningschef"),
        ("KS 2024/307", "Avskrivning av fordringar", "2024-01-17", "Ekonomichef"),
        ("KS 2024/308", ("Yttrande över remiss om", "vattenförsörjningsplan"), "2024-01-18",
         "Kommundirektör"),
    ], widths)  # fmt: skip
    pdf.set_font("Helvetica", "B", 11)
    pdf.text(15, y + 8, "§ 13 Övriga frågor")
    return bytes(pdf.output())


@pytest.mark.parametrize("box_first", [True, False])
def test_a_list_without_rules_beside_a_ruled_box_gives_each_row_its_fields(
    box_first: bool,
) -> None:
    """The ruled box made the page's table: the list's rows were read as lines of text, the
    day and who decided in the subject. Each row is one decision with its fields; the box's
    lines are none."""
    assert decisions(minutes_with_a_ruled_box(box_first=box_first)) == LISTED


# --- a web page printed by a browser ------------------------------------------------------------

URL = "https://www.vallby.se/politik/kallelser/kommunstyrelsen-2024-03-14.html"


def from_text(items: Sequence[Item], *, marker: str = "• ") -> list[Read]:
    """The decisions of ``items`` given as text, each a line after its ``marker``."""
    lines = (f"{marker}{t}, {d}" for d, t in items)
    text = "\n".join(["Anmälan av delegationsbeslut", *lines, "Övriga frågor"])
    records = read_agenda(text, source="lista.txt", config=CONFIG)
    return [
        (r.diary_number, r.subject, r.decided_on, r.delegate)
        for r in records
        if isinstance(r, Decision)
    ]


def browser_print(items: Sequence[Item], *, after: bool) -> bytes:
    """A board's web page printed to PDF as Chromium prints it: on every page a head (the time
    of printing, the page's title) and a foot (its address, "3/7"), small; the list's items
    broken over the pages where they fall, ``after`` it the next point or nothing."""

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.text(10, 8, "2024-03-14 10:22")
            self.text(95, 8, "Kallelse Kommunstyrelsen")
            self.set_font("Helvetica", size=10)
            self.set_y(20)

        def footer(self) -> None:
            self.set_font("Helvetica", size=8)
            self.text(10, 290, URL)
            self.text(190, 290, f"{self.page_no()}/{pages}")
            self.set_font("Helvetica", size=10)

    def made() -> FPDF:
        pdf = Printed()
        pdf.core_fonts_encoding = "windows-1252"
        pdf.set_auto_page_break(True, 20)
        pdf.set_font("Helvetica", size=10)
        pdf.add_page()
        pdf.multi_cell(0, 6, "Anmälan av delegationsbeslut", new_x="LMARGIN", new_y="NEXT")
        for diary, text in items:
            pdf.multi_cell(0, 6, f"- {text}, {diary}", new_x="LMARGIN", new_y="NEXT")
        if after:
            pdf.multi_cell(0, 6, "Övriga frågor", new_x="LMARGIN", new_y="NEXT")
        return pdf

    pages = 1
    pages = made().pages_count  # the foot's count, known once laid out
    return bytes(made().output())


@pytest.mark.parametrize(("count", "after"), [(3, False), (3, True), (40, False), (40, True)])
def test_a_browser_s_head_and_foot_are_no_part_of_an_item(count: int, after: bool) -> None:
    """The foot "https://… 1/1" of a page printed alone went into its last item's subject: a
    page's number of the pages after a web address is the page's furniture, however few the
    pages. On more pages, items broken by the page's foot read whole."""
    items = many_items(count)
    assert decisions(browser_print(items, after=after)) == from_text(items)


# --- a page turned for its viewer ---------------------------------------------------------------

TURNED_ROWS = [
    ("Dnr", "Ärende", "Datum", "Beslutsfattare"),
    ("KS 2024/501", "Yttrande över remiss från Länsstyrelsen i Västmarks län om förslag till "
     "regional vattenförsörjningsplan", "2024-01-08", "Kommundirektör"),
    ("KS 2024/502", "Avtal med Vallby Energi AB om leverans av fjärrvärme", "2024-01-09",
     "Ekonomichef"),
    ("KS 2024/503", "Anställning av enhetschef vid kostenheten", "2024-01-10", "HR-chef"),
]  # fmt: skip
TURNED: list[Read] = [
    ("KS 2024/501", "remiss från Länsstyrelsen i Västmarks län om förslag till regional "
     "vattenförsörjningsplan", "2024-01-08", "Kommundirektör"),
    ("KS 2024/502", "leverans av fjärrvärme", "2024-01-09", "Ekonomichef"),
    ("KS 2024/503", "enhetschef vid kostenheten", "2024-01-10", "HR-chef"),
]  # fmt: skip


def turned(data: bytes, page: int, rotation: int) -> bytes:
    """``data`` with its ``page`` seen as before but stored turned: its content drawn turned
    back and the page turned by ``rotation`` (/Rotate) for the viewer, as a scanner's OCR or a
    printer driver stores a landscape page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(data)))
    stored = writer.pages[page]
    stored.rotate(-rotation)
    stored.transfer_rotation_to_content()
    stored.rotate(rotation)
    written = io.BytesIO()
    writer.write(written)
    return written.getvalue()


def landscape_list(*, ruled: bool) -> bytes:
    """A portrait page, then the list on a landscape page (ruled, or a table without rules, a
    subject wrapped in its cell), then a portrait page."""
    pdf = _pdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    pdf.text(15, 30, "Förteckningen över besluten finns på nästa sida.")
    pdf.add_page(orientation="L")
    widths = (30, 110, 30, 45)
    if ruled:
        pdf.set_y(20)
        _ruled(pdf, TURNED_ROWS, widths)
        bottom = pdf.get_y() + 10
    else:
        first, *rest = TURNED_ROWS
        subject = tuple(rest[0][1].split(" regional "))
        wrapped = (first, (rest[0][0], (subject[0], f"regional {subject[1]}"), *rest[0][2:]))
        bottom = unruled_rows(pdf, 20, [*wrapped, *rest[1:]], widths) + 8
    pdf.text(15, bottom, "Övriga frågor")
    pdf.add_page()
    pdf.text(15, 20, "Information från förvaltningen till ledamöterna om budgetprocessen")
    return bytes(pdf.output())


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "plain"])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_turned_page_s_table_gives_each_row_its_fields(rotation: int, ruled: bool) -> None:
    """A landscape page among portrait ones, stored turned (/Rotate) with its text drawn
    turned back: PDFium gave its rows run together (three decisions read as one, two lost
    without a word) and pdfplumber a ruled table's cells empty. Read as it is seen, as the
    same page stored upright is."""
    assert decisions(turned(landscape_list(ruled=ruled), 1, rotation)) == TURNED


def test_a_page_turned_whose_text_is_drawn_upright_is_read_as_drawn() -> None:
    """A page turned (/Rotate 90) over text drawn upright, which its viewer shows sideways:
    its lines run along the page as stored, and are read so, not turned."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(landscape_list(ruled=False))))
    writer.pages[1].rotate(90)
    written = io.BytesIO()
    writer.write(written)
    assert decisions(written.getvalue()) == TURNED


# --- a table without rules whose cells are set in the middle or at the foot ---------------------

SET: list[Read] = [
    ("KS 2024/701", "remiss från Länsstyrelsen om regional vattenförsörjningsplan", "2024-01-08",
     "Kommundirektör"),
    ("KS 2024/702", "fjärrvärme", "2024-01-09", "Ekonomichef"),
    ("KS 2024/703", "enhetschef vid kostenheten inom kultur- och fritidsförvaltningen",
     "2024-01-10", "HR-chef"),
]  # fmt: skip


def set_in_rows(where: str) -> bytes:
    """``Dnr | Ärende | Datum | Delegat`` without rules, each row's short cells set at the top,
    in the middle or at the foot of its subject's lines (a spreadsheet's print sets them at
    the foot), the rows a few points further apart than a cell's lines."""
    pdf = _pdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    for x, name in zip((15, 45, 140, 170), ("Dnr", "Ärende", "Datum", "Delegat"), strict=True):
        pdf.text(x, 30, name)
    y = 38.0
    for (diary, _, day, who), lines in zip(SET, (
        ("Yttrande över remiss från Länsstyrelsen", "om regional vattenförsörjningsplan"),
        ("Avtal med Vallby Energi AB om fjärrvärme",),
        ("Anställning av enhetschef vid", "kostenheten inom", "kultur- och fritidsförvaltningen"),
    ), strict=True):  # fmt: skip
        for number, line in enumerate(lines):
            pdf.text(45, y + 5 * number, line)
        last = 5 * (len(lines) - 1)
        at = y + {"top": 0, "middle": last / 2, "foot": last}[where]
        for x, cell in ((15, diary or ""), (140, day or ""), (170, who or "")):
            pdf.text(x, at, cell)
        y += 5 * len(lines) + 3
    pdf.text(15, y + 10, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


@pytest.mark.parametrize("where", ["top", "middle", "foot"])
def test_a_row_whose_number_stands_below_its_first_line_is_read_whole(where: str) -> None:
    """The lines of a subject above its row's diary number were a row of their own (read into
    the text about the list) or the row before's: each subject was cut. The rows are the
    blocks of lines the space between rows sets apart."""
    assert decisions(set_in_rows(where)) == SET


# --- a head of its own on the first page --------------------------------------------------------


def first_page_apart(items: Sequence[Item], *, foot: bool) -> bytes:
    """A kallelse of two pages whose first page has a letterhead of its own and the second a
    running head ("Kommunstyrelsen  Kallelse  2024-03-14"), as Word's "different first page"
    sets them; an item broken over the page break; a foot "Sida N av 2" or none."""

    class Kallelse(FPDF):
        def header(self) -> None:
            if self.page_no() == 1:
                self.set_font("Helvetica", "B", 16)
                self.text(15, 15, "Vallby kommun")
                self.set_font("Helvetica", size=10)
                self.text(15, 25, "Kallelse till sammanträde med kommunstyrelsen 2024-03-14")
                self.set_y(32)
                return
            self.set_font("Helvetica", size=9)
            for x, text in ((15, "Kommunstyrelsen"), (90, "Kallelse"), (160, "2024-03-14")):
                self.text(x, 10, text)
            self.set_font("Helvetica", size=10)
            self.set_y(20)

        def footer(self) -> None:
            if foot:
                self.set_font("Helvetica", size=8)
                self.text(180, 290, f"Sida {self.page_no()} av 2")
                self.set_font("Helvetica", size=10)

    pdf = Kallelse()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(True, 20)
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Anmälan av delegationsbeslut", new_x="LMARGIN", new_y="NEXT")
    for diary, text in items:
        pdf.multi_cell(0, 6, f"- {text}, {diary}", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "Övriga frågor", new_x="LMARGIN", new_y="NEXT")
    assert pdf.pages_count == 2
    return bytes(pdf.output())


@pytest.mark.parametrize("foot", [True, False])
def test_the_second_page_s_own_head_is_no_part_of_an_item_broken_over_it(foot: bool) -> None:
    """The head of the second page alone could not be seen running along the pages: it went
    into the subject of the item broken over the page break ("digitala Kommunstyrelsen
    Kallelse 2024-03-14 vårdmöten"). Its words all stand in the first page's opening."""
    items = many_items(30)
    assert decisions(first_page_apart(items, foot=foot)) == from_text(items)


def odd_and_even_heads(items: Sequence[Item]) -> bytes:
    """A kallelse whose odd and even pages have heads and page numbers of their own ("Vallby
    kommun  Kallelse kommunstyrelsen" and the number at the right, "Kommunstyrelsen 2024-03-14
    Kallelse" and the number at the left), as Word's "different odd and even pages" sets
    them; items broken over the page breaks."""

    class Kallelse(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            odd = self.page_no() % 2
            for x, text in (
                ((15, "Vallby kommun"), (150, "Kallelse kommunstyrelsen"))
                if odd
                else ((15, "Kommunstyrelsen 2024-03-14"), (170, "Kallelse"))
            ):
                self.text(x, 10, text)
            self.set_font("Helvetica", size=10)
            self.set_y(20)

        def footer(self) -> None:
            self.set_font("Helvetica", size=8)
            self.text(185 if self.page_no() % 2 else 15, 290, str(self.page_no()))
            self.set_font("Helvetica", size=10)

    pdf = Kallelse()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(True, 20)
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for line in ("Sammanträde 2024-03-14", "Anmälan av delegationsbeslut"):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    for diary, text in items:
        pdf.multi_cell(0, 6, f"- {text}, {diary}", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "Övriga frågor", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("count", [60, 100], ids=["3 pages", "5 pages"])
def test_the_even_pages_own_head_is_no_part_of_an_item_broken_over_it(count: int) -> None:
    """The even pages' head, on fewer than half the pages of three or five, went into the
    subject of an item broken under it ("… (ärende 21), Kommunstyrelsen 2024-03-14
    Kallelse")."""
    items = many_items(count)
    assert decisions(odd_and_even_heads(items)) == from_text(items)


@pytest.mark.parametrize(("name", "count"), [("first-page-head", 7), ("odd-even-heads", 12)])
def test_word_s_heads_of_their_own_are_no_part_of_an_item(name: str, count: int) -> None:
    """The same, as LibreOffice lays out a Word document with a first page's head of its own
    (two pages) or odd and even pages' heads (three): the PDFs under fixtures/pdf/ made by
    tests/helpers/office_pdfs.py (``heads_of_their_own``)."""
    sentences = [HEADS_ITEM.format(entry_sentence(entry)) for entry in HEADS_ENTRIES[:count]]
    text = "\n".join(["Anmälan av delegationsbeslut", *(f"• {line}" for line in sentences)])
    records = read_agenda(text, source="lista.txt", config=CONFIG)
    expected = [
        (r.diary_number, r.subject, r.decided_on, r.delegate)
        for r in records
        if isinstance(r, Decision)
    ]
    assert len(expected) == count
    assert decisions((FIXTURES / f"{name}.pdf").read_bytes()) == expected


# --- a header's names broken at a hyphen --------------------------------------------------------

BROKEN_HEADER = ("Diarie-\nnummer", "Ärende", "Besluts-\ndatum", "Besluts-\nfattare")
BROKEN_ROWS = [
    ("KS 2024/801", "Avskrivning av fordringar", "2024-01-16", "Socialnämndens ordförande"),
    ("KS 2024/802", "Anställning av enhetschef vid kostenheten", "2024-01-17",
     "T.f. förvaltningschef"),
]  # fmt: skip
BROKEN: list[Read] = [
    ("KS 2024/801", "Avskrivning av fordringar", "2024-01-16", "Socialnämndens ordförande"),
    ("KS 2024/802", "enhetschef vid kostenheten", "2024-01-17", "T.f. förvaltningschef"),
]


def header_broken_at_hyphens(*, ruled: bool) -> bytes:
    """``Diarie-nummer | Ärende | Besluts-datum | Besluts-fattare``, the names of the narrow
    columns broken over two lines at a hyphen the writer put in: ruled, or without rules."""
    pdf = _pdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    widths = (25, 100, 25, 30)
    if ruled:
        pdf.set_y(30)
        _ruled(pdf, [BROKEN_HEADER, *BROKEN_ROWS], widths)
    else:
        header = tuple(tuple(name.split("\n")) for name in BROKEN_HEADER)
        unruled_rows(pdf, unruled_rows(pdf, 30, [header], widths) + 2, BROKEN_ROWS, widths)
    pdf.text(15, 150, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "plain"])
def test_a_header_s_names_broken_at_a_hyphen_name_their_columns(ruled: bool) -> None:
    """ "Diarie-" | "nummer" named no column: a ruled table's day and who decided were read
    unlabelled ("T.f. förvaltningschef" then went into the subject), and a table without rules
    was not seen at all. The names are read whole."""
    assert decisions(header_broken_at_hyphens(ruled=ruled)) == BROKEN


# --- the ways a writer sets a list's text -------------------------------------------------------


def written(items: Sequence[Item], way: str) -> bytes:
    """The list as bullets ("- text, number") set ``way``: justified (wider spaces between
    words), each diary number a link (blue, underlined) or bold, or in two columns as a
    newsletter sets them (each column written whole, top to bottom); or as paragraphs without
    bullets."""
    pdf = _pdf()
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Anmälan av delegationsbeslut", new_x="LMARGIN", new_y="NEXT")
    if way == "two columns":
        with pdf.text_columns(ncols=2, gutter=8) as columns:
            for diary, text in items:
                columns.write(f"- {text}, {diary}\n")
            columns.write("Övriga frågor\n")
        return bytes(pdf.output())
    for diary, text in items:
        if way == "paragraphs":
            pdf.multi_cell(0, 6, f"{text}, {diary}", new_x="LMARGIN", new_y="NEXT")
            continue
        if way == "justified":
            pdf.multi_cell(0, 6, f"- {text}, {diary}", align="J", new_x="LMARGIN", new_y="NEXT")
            continue
        pdf.write(6, f"- {text}, ")
        if pdf.get_x() + pdf.get_string_width(diary) > pdf.w - pdf.r_margin:
            pdf.ln(6)  # the number whole on the next line, as a word processor sets it
        if way == "linked":
            pdf.set_text_color(0, 0, 238)
            pdf.set_font("Helvetica", "U", 10)
        else:
            pdf.set_font("Helvetica", "B", 10)
        link = f"https://diarium.vallby.se/arende/{diary.replace(' ', '')}"
        pdf.cell(pdf.get_string_width(diary), 6, diary, link=link if way == "linked" else "")
        pdf.set_text_color(0)
        pdf.set_font("Helvetica", size=10)
        pdf.ln(8)
    pdf.multi_cell(0, 6, "Övriga frågor", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize("way", ["justified", "linked", "bold", "two columns"])
def test_a_list_set_as_writers_set_it_reads_as_its_text(way: str) -> None:
    """Justified lines, diary numbers as links (their underlines are rules: the page goes to
    pdfplumber, which must find no table in them) or bold, two columns: every item read as
    the same list given as text."""
    items = many_items(30)
    assert decisions(written(items, way)) == from_text(items)


# --- items alike at a page's edges --------------------------------------------------------------

ALIKE = (
    "Socialsekreteraren har beslutat om färdtjänst enligt lagen om färdtjänst för en person med "
    "funktionsnedsättning som inte kan resa med allmänna kommunikationer"
)


def alike_items(count: int) -> list[Item]:
    """Items alike but for their numbers, as a social board's list has them: each wraps where
    the others do, its first line the same as theirs."""
    return [(f"SN 2024/{100 + index}", ALIKE) for index in range(count)]


@pytest.mark.parametrize("count", [25, 36])
def test_items_alike_at_the_pages_edges_are_no_running_head(count: int) -> None:
    """The first line of an item alike the others stood among the first or last lines of both
    pages: it was taken for a running head or foot and dropped, its item's subject cut (the
    first item's and the last's). A line that starts an item of many words is none."""
    items = alike_items(count)
    data = written(items, "justified")
    assert decisions(data) == from_text(items)


def test_items_alike_without_bullets_at_the_pages_edges_are_no_running_head() -> None:
    """The same, the items paragraphs without bullets: a line of many words that stands inside
    a page too is text, not a head."""
    items = alike_items(36)
    assert decisions(written(items, "paragraphs")) == from_text(items, marker="")
