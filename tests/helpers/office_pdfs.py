"""Invented delegation lists as boards write them in Word or LibreOffice Writer, and their PDFs.

Each document is built here (python-docx, or a flat ODT for Writer) and turned into PDF by
LibreOffice, as a board's office does with "Save as PDF": a landscape table of five columns
with rules, without rules and with only rules between the rows; a table over three pages under a
repeated header; two tables on a page under headings of their own; a table whose diary number
stands in two columns; a delegate's name merged over their rows; a kallelse with Word's own
numbering; text in two newspaper columns; a PDF/A export; Writer's own document. More are
written with fpdf2: every word or character placed on its own, as some "print to PDF" drivers
write text, and tables as report tools draw them that go on overleaf or have a heading, a
second table or a signature box after them.

The PDFs are committed under tests/fixtures/pdf/ (CI need not have LibreOffice); this module
makes them again::

    PYTHONPATH=. python -m tests.helpers.office_pdfs tests/fixtures/pdf

Every name, number and sentence here is made up.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pdf"
MEETING = "2024-03-14"
HEAD = "Kommunstyrelsen | Kallelse | 2024-03-14"
BOARD = "Kommunstyrelsen, Vallby kommun"
HEADING = "Anmälan av delegationsbeslut"
AFTER = "Övriga frågor"
FIVE_COLUMNS = ("Datum", "Dnr", "Ärende", "Beslutsfattare", "Punkt i delegationsordningen")


class Entry(NamedTuple):
    """A decision of the list: the day, the diary number, what, who decided, the point."""

    day: str
    diary: str
    subject: str
    delegate: str
    point: str


ENTRIES: tuple[Entry, ...] = (
    Entry("2024-01-08", "KS 2024/12", "Yttrande över remiss från Länsstyrelsen i Västmarks län "
          "om förslag till regional vattenförsörjningsplan", "Kommundirektör", "1.4"),
    Entry("2024-01-15", "KS 2024/31", "Avtal med Vallby Energi AB om leverans av fjärrvärme till "
          "kommunhuset och Norrskolan 2024–2026", "Ekonomichef", "3.2"),
    Entry("2024-01-22", "KS 2023/588", "Tilldelningsbeslut i upphandling av skolskjuts för "
          "grundskolan, UH 2023-0044", "Upphandlingschef", "4.1"),
    Entry("2024-01-29", "KS 2024/40", "Förordnande av tillförordnad kommundirektör under tiden "
          "5–16 februari 2024", "Kommunstyrelsens ordförande", "1.1"),
    Entry("2024-02-02", "KS 2024/52", "Anställning av enhetschef vid kostenheten",
          "HR-chef", "5.3"),
    Entry("2024-02-09", "KS 2024/66", "Beslut att inte lämna ut allmän handling (begäran om "
          "e-post mellan förvaltningen och en entreprenör)", "Kanslichef", "1.9"),
    Entry("2024-02-14", "KS 2024/71", "Avskrivning av fordringar som understiger ett halvt "
          "prisbasbelopp", "Ekonomichef", "3.6"),
    Entry("2024-02-20", "KS 2024/88", "Yttrande till Polismyndigheten över ansökan om tillstånd "
          "till offentlig tillställning, Vallbymarknaden den 8 juni", "Kommundirektör", "1.6"),
    Entry("2024-02-26", "KS 2024/93", "Avtal med Nordanå Städ AB om fönsterputs i kommunens "
          "lokaler, förlängning med ett år", "Upphandlingschef", "4.3"),
    Entry("2024-03-01", "KS 2024/97", "Bidrag till Vallby Hembygdsförening för renovering av "
          "kvarnen", "Kultur- och fritidschef", "6.2"),
)  # fmt: skip

# A list long enough to run over three pages of a portrait table.
LONG_ENTRIES: tuple[Entry, ...] = tuple(
    entry._replace(diary=f"KS 2024/{200 + index}", day=f"2024-02-{1 + index % 28:02d}")
    for index, entry in enumerate(ENTRIES * 4)
)


# --- python-docx ---------------------------------------------------------------------------------


def _document(*, landscape: bool = False, head: str = HEAD) -> Any:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = docx.Document()
    # One font family for the text and the headings: the PDFs stay small.
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        document.styles[name].font.name = "Liberation Sans"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.header.paragraphs[0].text = head
    _page_foot(section.footer.paragraphs[0])
    return document


def _page_foot(paragraph: Any) -> None:
    """ "Sida N av M" with Word's PAGE and NUMPAGES fields."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def run(text: str) -> Any:
        return parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>')

    def field(name: str) -> Any:
        return parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="{name}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )

    for part in (run("Sida "), field("PAGE"), run(" av "), field("NUMPAGES")):
        paragraph._p.append(part)


def _saved(document: Any) -> bytes:
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _table(
    document: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    borders: str = "all",
    repeat: bool = True,
) -> Any:
    """A table with a header row repeated on every page (unless not ``repeat``); ``borders``
    "all" (Word's Table Grid), "none" (a plain table) or "rows" (only rules above and below the
    rows)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid" if borders == "all" else "Normal Table"
    if borders == "rows":
        line = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
        table._tbl.tblPr.append(
            parse_xml(
                f"<w:tblBorders {nsdecls('w')}><w:top {line}/><w:bottom {line}/>"
                f"<w:insideH {line}/></w:tblBorders>"
            )
        )
    if repeat:
        properties = table.rows[0]._tr.get_or_add_trPr()
        properties.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for cells in rows:
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    for row in table.rows:
        # Rows may break across pages, as Word lets them by default.
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return table


def _opening(document: Any, heading: str = HEADING) -> None:
    document.add_paragraph(BOARD)
    document.add_paragraph(f"Sammanträde {MEETING}")
    document.add_heading(heading, level=2)


def _five(entry: Entry) -> tuple[str, str, str, str, str]:
    return (entry.day, entry.diary, entry.subject, entry.delegate, entry.point)


FIVE_WIDTHS = (2.6, 2.8, 11.5, 4.5, 4.0)


def landscape_table(borders: str) -> bytes:
    """A landscape table ``Datum | Dnr | Ärende | Beslutsfattare | Punkt …``."""
    document = _document(landscape=True)
    _opening(document)
    _table(document, FIVE_COLUMNS, [_five(entry) for entry in ENTRIES], FIVE_WIDTHS,
           borders=borders)  # fmt: skip
    document.add_paragraph(AFTER)
    return _saved(document)


def long_table(borders: str = "all", *, repeat: bool = True) -> bytes:
    """A portrait table over three pages or more, its header row repeated on each (or not)."""
    document = _document()
    _opening(document)
    rows = [(entry.diary, entry.subject, entry.delegate, entry.day) for entry in LONG_ENTRIES]
    _table(document, ("Diarienummer", "Ärende", "Beslutsfattare", "Beslutsdatum"), rows,
           (3.2, 8.0, 3.6, 2.6), borders=borders, repeat=repeat)  # fmt: skip
    document.add_paragraph(AFTER)
    return _saved(document)


# Two tables on one page: one per delegate, a heading above each.
BY_DELEGATE = (
    ("Kommundirektörens beslut", [e for e in ENTRIES if e.delegate == "Kommundirektör"]),
    ("Ekonomichefens beslut", [e for e in ENTRIES if e.delegate == "Ekonomichef"]),
)


def two_tables(borders: str) -> bytes:
    document = _document()
    _opening(document)
    for heading, entries in BY_DELEGATE:
        document.add_heading(heading, level=3)
        rows = [(entry.diary, entry.subject, entry.day) for entry in entries]
        _table(document, ("Dnr", "Ärende", "Datum"), rows, (3.0, 10.5, 3.0), borders=borders)
    document.add_paragraph(AFTER)
    return _saved(document)


def serial_column(borders: str) -> bytes:
    """The diary number in two columns: the case's number and the document's serial in it."""
    document = _document()
    _opening(document)
    rows = [
        (entry.diary, str(3 + index % 4), entry.subject, entry.day)
        for index, entry in enumerate(ENTRIES[:6])
    ]
    _table(document, ("Dnr", "Löpnr", "Ärende", "Beslutsdatum"), rows, (3.0, 1.5, 9.5, 2.8),
           borders=borders)  # fmt: skip
    document.add_paragraph(AFTER)
    return _saved(document)


# Titles over groups of a table's rows, each a row of its own merged across the table.
GROUPS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    ("Personalärenden", ENTRIES[3:5]),
    ("Ekonomi", (ENTRIES[1], ENTRIES[6])),
    ("Kommundirektörens beslut", (ENTRIES[0],)),
)


def grouped_rows(borders: str) -> bytes:
    """``Dnr | Ärende | Beslutsfattare | Datum``, its rows in groups, each under a title."""
    document = _document()
    _opening(document)
    rows: list[tuple[str, str, str, str]] = []
    for title, entries in GROUPS:
        rows.append((title, "", "", ""))
        rows += [(entry.diary, entry.subject, entry.delegate, entry.day) for entry in entries]
    header = ("Dnr", "Ärende", "Beslutsfattare", "Datum")
    table = _table(document, header, rows, (3.0, 8.5, 3.5, 2.5), borders=borders)
    for index, row in enumerate(rows, start=1):
        if not row[1]:
            table.cell(index, 0).merge(table.cell(index, 3)).text = row[0]
    document.add_paragraph(AFTER)
    return _saved(document)


# Rows of a table that names each contract's party in a column of its own: the diary number,
# what, the party, who decided, the day.
PARTY_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("KS 2024/120", "Avtal om fönsterputs i kommunens lokaler", "Nordanå Städ AB",
     "Upphandlingschef", "2024-02-26"),
    ("KS 2024/121", "Tilldelningsbeslut i upphandling av skolskjuts för grundskolan",
     "Vallby Buss AB", "Upphandlingschef", "2024-01-22"),
    ("KS 2024/122", "Hyresavtal för lokal till fritidsgården", "Fastighets AB Norrgården",
     "Ekonomichef", "2024-02-02"),
    ("KS 2024/123", "PUB-avtal för skolplattformen", "Skolmolnet Sverige AB",
     "Kommundirektör", "2024-03-01"),
)  # fmt: skip


def party_column(borders: str) -> bytes:
    """``Dnr | Ärende | Motpart | Beslutsfattare | Datum``: each contract's party in its column."""
    document = _document()
    _opening(document)
    header = ("Dnr", "Ärende", "Motpart", "Beslutsfattare", "Datum")
    _table(document, header, list(PARTY_ROWS), (2.6, 6.0, 3.6, 3.4, 2.4), borders=borders)
    document.add_paragraph(AFTER)
    return _saved(document)


def banded_table(every: int = 2) -> bytes:
    """A table without rules whose every other row is shaded (Word's banded table styles), or
    (``every`` 0) only its header."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = _document()
    _opening(document)
    rows = [(entry.diary, entry.subject, entry.delegate, entry.day) for entry in ENTRIES]
    header = ("Dnr", "Ärende", "Beslutsfattare", "Datum")
    table = _table(document, header, rows, (3.0, 8.5, 3.5, 2.5), borders="none")
    shade = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="D9E2F3"/>'
    for row in table.rows[:: every or len(table.rows)]:
        for cell in row.cells:
            cell._tc.get_or_add_tcPr().append(parse_xml(shade))
    document.add_paragraph(AFTER)
    return _saved(document)


def unnamed_number() -> bytes:
    """``Ärende | Beslut | Datum | Delegat`` without rules: no column is named for the diary
    number, which the case's column ("Ärende") holds, the decision's text in "Beslut"."""
    document = _document()
    _opening(document)
    rows = [(entry.diary, entry.subject, entry.day, entry.delegate) for entry in ENTRIES]
    _table(document, ("Ärende", "Beslut", "Datum", "Delegat"), rows, (3.0, 8.5, 2.5, 3.5),
           borders="none")  # fmt: skip
    document.add_paragraph(AFTER)
    return _saved(document)


# Rows whose long words do not fit their narrow columns: Word and LibreOffice break such a word
# where the column ends, without a hyphen ("Upphandlingsch" | "ef").
NARROW_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("KS 2024/130", "Personuppgiftsbiträdesavtal med Skolmolnet Sverige AB", "Upphandlingschef",
     "2024-02-05"),
    ("KS 2024/131", "Tilldelningsbeslut i upphandling av skolskjuts", "Kommundirektör",
     "2024-02-12"),
    ("KS 2024/132", "Avtal om fönsterputs, förlängning med ett år", "Upphandlingschef",
     "2024-02-19"),
    # A word that fills its line but for the space after it: a wrap at the space, no break.
    ("KS 2024/133", "Avtalsförlängning avseende kontorsmaterial", "Ekonomichef",
     "2024-02-26"),
)  # fmt: skip


def narrow_columns(borders: str) -> bytes:
    """``Dnr | Ärende | Beslutsfattare | Datum`` in columns too narrow for their long words."""
    document = _document()
    _opening(document)
    from docx.shared import Cm

    header = ("Dnr", "Ärende", "Beslutsfattare", "Datum")
    widths = (2.6, 3.6, 2.4, 2.4)
    table = _table(document, header, list(NARROW_ROWS), widths, borders=borders)
    # The grid's widths too: LibreOffice lays the columns out by them, not by the cells'.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    document.add_paragraph(AFTER)
    return _saved(document)


def titled_table() -> bytes:
    """A table whose first row, merged across it above the header, is its title."""
    document = _document()
    _opening(document)
    title = "Delegationsbeslut januari–februari 2024"
    header = ("Dnr", "Ärende", "Beslutsfattare", "Datum")
    rows = [header, *((e.diary, e.subject, e.delegate, e.day) for e in ENTRIES[:4])]
    table = _table(document, (title, "", "", ""), rows, (3.0, 8.5, 3.5, 2.5))
    table.cell(0, 0).merge(table.cell(0, 3)).text = title
    document.add_paragraph(AFTER)
    return _saved(document)


def numbered_rows() -> bytes:
    """``Nr | Dnr | Ärende | Beslutsfattare``: the list's own number in a column of its own."""
    document = _document()
    _opening(document)
    rows = [(str(n), e.diary, e.subject, e.delegate) for n, e in enumerate(ENTRIES[:5], 1)]
    _table(document, ("Nr", "Dnr", "Ärende", "Beslutsfattare"), rows, (1.0, 2.8, 9.5, 3.5),
           borders="none")  # fmt: skip
    document.add_paragraph(AFTER)
    return _saved(document)


def merged_delegate() -> bytes:
    """``Beslutsfattare | Dnr | Ärende | Datum``, each delegate's name merged over their rows."""
    document = _document()
    _opening(document)
    grouped = sorted(ENTRIES[:8], key=lambda entry: entry.delegate)
    rows = [(entry.delegate, entry.diary, entry.subject, entry.day) for entry in grouped]
    table = _table(document, ("Beslutsfattare", "Dnr", "Ärende", "Datum"), rows,
                   (3.8, 3.0, 8.0, 2.6))  # fmt: skip
    start = 1
    while start <= len(grouped):
        end = start
        while end < len(grouped) and grouped[end].delegate == grouped[start - 1].delegate:
            end += 1
        if end > start:
            merged = table.cell(start, 0).merge(table.cell(end, 0))
            merged.text = grouped[start - 1].delegate
        start = end + 1
    document.add_paragraph(AFTER)
    return _saved(document)


def _numbering(document: Any) -> int:
    """Word's own list numbering "1." with "a)" below, as a kallelse numbers its items."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{form}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 + 360 * level}" w:hanging="360"/></w:pPr></w:lvl>'
        for level, (form, text) in enumerate(
            (("decimal", "%1."), ("lowerLetter", "%2)"), ("bullet", "\u2022"))
        )
    )
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>')
    )
    return 77


def _listed(document: Any, text: str, num_id: int, level: int) -> Any:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def delegate_as_written(title: str) -> str:
    """Who decided as a kallelse's sentence names them: "Kommundirektören", "HR-chefen"."""
    return title if title.endswith("ordförande") else f"{title}en"


# The kallelse's decisions as its sentences ("a) Kommundirektören har 2024-01-08 beslutat om …").
def entry_sentence(entry: Entry) -> str:
    who = delegate_as_written(entry.delegate)
    subject = entry.subject[0].lower() + entry.subject[1:]
    return f"{who} har {entry.day} beslutat om {subject}, {entry.diary}"


KALLELSE_BEFORE = (
    ("Val av justerare", "Förslag: Anna Berglund (S) med Per Nyström (M) som ersättare."),
    ("Godkännande av dagordningen", ""),
    ("Information från kommundirektören", "Kommundirektören informerar om arbetet med "
     "budget 2025 och om läget i de pågående investeringsprojekten. " * 3),
    ("Budgetuppföljning februari 2024", "Ekonomiavdelningen redovisar utfallet till och med "
     "februari. Prognosen visar ett underskott om 4,2 miljoner kronor för helåret, främst inom "
     "försörjningsstöd och placeringar. " * 4),
    ("Revidering av riktlinjer för representation", "Riktlinjerna från 2019 ses över så att de "
     "stämmer med skatteverkets regler och kommunens nya tillitsbaserade styrning. " * 4),
)  # fmt: skip


def kallelse_numbered() -> bytes:
    """A kallelse with Word's numbering: "1." for its items, "a)" for the decisions under the
    item that reports them, bullets for the notices, over pages with a head and a foot."""
    document = _document()
    num_id = _numbering(document)
    document.add_heading("Kallelse", level=1)
    document.add_paragraph(
        "Kommunstyrelsen kallas till sammanträde torsdagen den 14 mars 2024 kl. 13.00 i "
        "Stora salen, kommunhuset i Vallby."
    )
    document.add_heading("Ärenden", level=2)
    for title, text in KALLELSE_BEFORE:
        _listed(document, title, num_id, 0)
        if text:
            document.add_paragraph(text)
    _listed(document, HEADING, num_id, 0)
    for entry in ENTRIES:
        _listed(document, entry_sentence(entry), num_id, 1)
    _listed(document, "Meddelanden", num_id, 0)
    for notice in NOTICES:
        _listed(document, notice, num_id, 2)
    _listed(document, AFTER, num_id, 0)
    return _saved(document)


def _word_bullets(document: Any, *, alike: bool = False) -> int:
    """Word's own bullet list: "\uf0b7" of Symbol, "o" of Courier New one level in, "\uf0a7"
    of Wingdings two levels in (what Word gives a list as one presses Tab); ``alike``: the
    Symbol bullet at every level (as Word's styles "List Bullet" and "List Bullet 2" have it)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="{glyph}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl>'
        for level, (glyph, font) in enumerate(
            (
                ("\uf0b7", "Symbol"),
                ("\uf0b7", "Symbol") if alike else ("o", "Courier New"),
                ("\uf0a7", "Wingdings"),
            )
        )
    )
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="78">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="78"><w:abstractNumId w:val="78"/></w:num>')
    )
    return 78


def kallelse_bulleted(*, alike: bool = False, point: str | None = None) -> bytes:
    """A kallelse whose points are Word's bullets, the decisions and the notices bullets one
    level in: in the PDF's text all lines start at the margin, the levels told apart by the
    glyph only, or (``alike``) not at all; a ``point`` of the agenda's own after the
    decisions."""
    document = _document()
    num_id = _word_bullets(document, alike=alike)
    document.add_heading("Kallelse", level=1)
    document.add_paragraph("Kommunstyrelsen kallas till sammanträde torsdagen den 14 mars 2024.")
    for title in ("Val av justerare", "Godkännande av dagordningen", HEADING):
        _listed(document, title, num_id, 0)
    for entry in ENTRIES[:5]:
        _listed(document, entry_sentence(entry), num_id, 1)
    if point is not None:
        _listed(document, point, num_id, 0)
    _listed(document, "Meddelanden", num_id, 0)
    for notice in NOTICES:
        _listed(document, notice, num_id, 1)
    _listed(document, AFTER, num_id, 0)
    return _saved(document)


# An item of that kallelse: many lines, which LibreOffice breaks over a page break (a short
# one it moves whole to the next page).
HEADS_ITEM = "{} (beslutet gäller under innevarande verksamhetsår och har fattats i enlighet med " \
    "kommunstyrelsens delegationsordning samt de riktlinjer för ärendets handläggning som " \
    "fullmäktige har fastställt, och ärendet redovisas nu för kännedom)" + (
        " Beslutet har expedierats till berörda förvaltningar och parter." * 6
    )  # fmt: skip


HEADS_ENTRIES = tuple(
    entry._replace(diary=f"KS 2024/{300 + index}") for index, entry in enumerate(ENTRIES * 2)
)


def heads_of_their_own(*, odd_and_even: bool) -> bytes:
    """A kallelse of sentences, bulleted, whose first page has a letterhead of its own and the
    pages after it the running head (Word's "different first page"), or whose odd and even
    pages have heads of their own (``odd_and_even``), no foot: two or three pages, items
    broken over the page breaks."""
    document = _document()
    section = document.sections[0]
    # No foot: the head alone tells the pages apart.
    for part in section.footer.paragraphs[0]._p.xpath("./w:fldSimple|./w:r"):
        part.getparent().remove(part)
    if odd_and_even:
        document.settings.odd_and_even_pages_header_footer = True
        section.header.paragraphs[0].text = "Vallby kommun\tKallelse kommunstyrelsen"
        section.even_page_header.paragraphs[0].text = "Kommunstyrelsen 2024-03-14\tKallelse"
    else:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "VALLBY KOMMUN"
    document.add_heading("Kallelse", level=1)
    document.add_paragraph(
        "Kommunstyrelsen kallas till sammanträde torsdagen den 14 mars 2024 (2024-03-14)."
    )
    document.add_paragraph("Plats: Kommunhuset, Stora salen")
    document.add_heading(HEADING, level=2)
    for entry in HEADS_ENTRIES[: 12 if odd_and_even else 7]:
        document.add_paragraph(HEADS_ITEM.format(entry_sentence(entry)), style="List Bullet")
    document.add_heading(AFTER, level=2)
    return _saved(document)


NOTICES = (
    "Protokoll från Vallby Vatten AB:s styrelsemöte 2024-02-12",
    "Cirkulär 24:05 från Sveriges Kommuner och Regioner om löneöversyn",
)


def newspaper_columns() -> bytes:
    """The decisions as paragraphs in two newspaper columns."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = _document()
    _opening(document)
    # A section break: the heading above spans the page, the list below runs in two columns.
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.CONTINUOUS)
    section._sectPr.append(parse_xml(f'<w:cols {nsdecls("w")} w:num="2" w:space="567"/>'))
    for entry in ENTRIES:
        document.add_paragraph(
            f"{entry.diary} {entry.subject}. Beslutat {entry.day} av {entry.delegate.lower()}."
        )
    end = document.add_section(WD_SECTION.CONTINUOUS)
    end._sectPr.append(parse_xml(f'<w:cols {nsdecls("w")} w:num="1"/>'))
    document.add_paragraph(AFTER)
    return _saved(document)


# --- LibreOffice Writer's own document (flat ODT) ----------------------------------------------


def writer_table() -> bytes:
    """A Writer document (.fodt) with a table ``Dnr | Ärende | Beslutsfattare | Datum``."""

    def escaped(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")

    def cell(text: str) -> str:
        return (
            '<table:table-cell table:style-name="C" office:value-type="string">'
            f"<text:p>{escaped(text)}</text:p></table:table-cell>"
        )

    header = "".join(cell(text) for text in ("Dnr", "Ärende", "Beslutsfattare", "Datum"))
    rows = "".join(
        "<table:table-row>"
        + "".join(cell(text) for text in (e.diary, e.subject, e.delegate, e.day))
        + "</table:table-row>"
        for e in ENTRIES
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="T" style:family="table">
  <style:table-properties style:width="17cm" table:align="left"/></style:style>
 <style:style style:name="A" style:family="table-column">
  <style:table-column-properties style:column-width="3cm"/></style:style>
 <style:style style:name="B" style:family="table-column">
  <style:table-column-properties style:column-width="7.5cm"/></style:style>
 <style:style style:name="D" style:family="table-column">
  <style:table-column-properties style:column-width="4cm"/></style:style>
 <style:style style:name="E" style:family="table-column">
  <style:table-column-properties style:column-width="2.5cm"/></style:style>
 <style:style style:name="C" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p>{escaped(BOARD)}</text:p>
<text:p>Sammanträde {MEETING}</text:p>
<text:h text:outline-level="2">{HEADING}</text:h>
<table:table table:name="Beslut" table:style-name="T">
<table:table-column table:style-name="A"/><table:table-column table:style-name="B"/>
<table:table-column table:style-name="D"/><table:table-column table:style-name="E"/>
<table:table-header-rows><table:table-row>{header}</table:table-row></table:table-header-rows>
{rows}
</table:table>
<text:p>{AFTER}</text:p>
</office:text></office:body></office:document>
""".encode()


def writer_bullets() -> bytes:
    """A Writer kallelse (.fodt) whose points are bullets "•", the decisions and the notices
    bullets "◦" one level in, as Writer's own bullet list has them."""

    def item(text: str, inner: str = "") -> str:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        return f"<text:list-item><text:p>{escaped}</text:p>{inner}</text:list-item>"

    def level(number: int, glyph: str) -> str:
        return (
            f'<text:list-level-style-bullet text:level="{number}" text:bullet-char="{glyph}">'
            "<style:list-level-properties "
            'text:list-level-position-and-space-mode="label-alignment">'
            '<style:list-level-label-alignment text:label-followed-by="listtab" '
            f'fo:margin-left="{0.635 * number:.3f}cm" fo:text-indent="-0.635cm"/>'
            "</style:list-level-properties></text:list-level-style-bullet>"
        )

    decisions = "".join(item(entry_sentence(entry)) for entry in ENTRIES[:4])
    notices = "".join(item(notice) for notice in NOTICES)
    body = (
        item("Val av justerare")
        + item(HEADING, f"<text:list>{decisions}</text:list>")
        + item("Meddelanden", f"<text:list>{notices}</text:list>")
        + item(AFTER)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<text:list-style style:name="L1">{level(1, "•")}{level(2, "◦")}</text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:p>Kallelse</text:p>
<text:list text:style-name="L1">{body}</text:list>
</office:text></office:body></office:document>
""".encode()


# --- fpdf2: every word placed on its own --------------------------------------------------------


def words_placed() -> bytes:
    """A list whose every word is drawn at its own position (no spaces in the text), as some
    printer drivers write a page: ``Dnr``, ``Ärende`` and ``Datum`` in columns without rules."""

    def words(pdf: Any, x: float, y: float, text: str) -> None:
        for word in text.split():
            pdf.text(x, y, word)
            x += pdf.get_string_width(word) + pdf.get_string_width(" ")

    return _placed(words)


def chars_placed() -> bytes:
    """The list of ``words_placed`` with every character drawn at its own position (no spaces
    at all in the text), as other printer drivers write a page."""

    def chars(pdf: Any, x: float, y: float, text: str) -> None:
        for char in text:
            if char != " ":
                pdf.text(x, y, char)
            x += pdf.get_string_width(char)

    return _placed(chars)


def _placed(place: Callable[[Any, float, float, str], None]) -> bytes:
    """The list laid out in columns without rules, its text drawn piece by piece by ``place``
    (the PDF, where a line's text starts, its baseline, the text)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    y = 20.0
    for text in (BOARD, f"Sammanträde {MEETING}", "", HEADING):
        place(pdf, 20, y, text)
        y += 6
    columns = (20.0, 50.0, 150.0)
    y += 4
    for x, text in zip(columns, ("Dnr", "Ärende", "Datum"), strict=True):
        place(pdf, x, y, text)
    y += 8
    width = columns[2] - columns[1] - 5
    for entry in ENTRIES:
        lines = _wrapped(pdf, entry.subject, width)
        place(pdf, columns[0], y, entry.diary)
        place(pdf, columns[2], y, entry.day)
        for line in lines:
            place(pdf, columns[1], y, line)
            y += 5
        y += 3
    place(pdf, 20, y + 4, AFTER)
    return bytes(pdf.output())


def _wrapped(pdf: Any, text: str, width: float) -> list[str]:
    lines = [""]
    for word in text.split():
        longer = f"{lines[-1]} {word}".strip()
        if lines[-1] and pdf.get_string_width(longer) > width:
            lines.append(word)
        else:
            lines[-1] = longer
    return lines


# --- fpdf2: tables that go on overleaf, and what stands after them -----------------------------

# The columns of a list without rules, and its header's names.
DATED = ("Dnr", "Ärende", "Beslutsdatum")
DATED_WIDTHS = (30.0, 120.0, 30.0)
# A cell is one line or a cell's lines.
Cell = str | tuple[str, ...]


def _fpdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica's own å, ä and ö
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    return pdf


def unruled_rows(
    pdf: Any, y: float, rows: Sequence[Sequence[Cell]], widths: Sequence[float]
) -> float:
    """Rows of cells side by side without rules from the baseline ``y``, a cell's lines 5 mm
    apart and the rows 2 mm more (as a report tool writes them); the baseline below the last."""
    for row in rows:
        x, tallest = 15.0, 1
        for cell, width in zip(row, widths, strict=True):
            lines = (cell,) if isinstance(cell, str) else cell
            for number, line in enumerate(lines):
                pdf.text(x, y + 5 * number, line)
            tallest = max(tallest, len(lines))
            x += width
        y += 5 * tallest + 2
    return y


def _ruled(
    pdf: Any, rows: Sequence[Sequence[str]], widths: Sequence[float], *, header: bool = True
) -> None:
    """fpdf2's ruled table of ``rows`` where the page's text has got to."""
    with pdf.table(col_widths=widths, first_row_as_headings=header, text_align="LEFT") as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)


def _bold(pdf: Any, y: float, number: str, heading: str) -> None:
    """An agenda point's heading: its number at the margin, its title a column in."""
    pdf.set_font("Helvetica", "B", 11)
    pdf.text(15, y, number)
    pdf.text(45, y, heading)
    pdf.set_font("Helvetica", size=10)


def wrapped_at_spaces() -> bytes:
    """Who decided wrapped at a space ("Socialnämndens" | "ordförande") as report tools wrap
    it, drawing no space at the line's end: in a table without rules, in a ruled one, and in
    one whose cells are centred. No word is broken there, so none is joined."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    widths = (30, 90, 25, 40)
    y = unruled_rows(pdf, 30, [("Dnr", "Ärende", "Datum", "Beslutsfattare")], widths)
    unruled_rows(pdf, y + 2, [
        ("KS 2024/161", "Yttrande över remiss om vattenförsörjningsplan", "2024-01-08",
         ("Socialnämndens", "ordförande")),
        ("KS 2024/162", "Avtal med Vallby Energi AB om fjärrvärme", "2024-01-09", "Ekonomichef"),
    ], widths)  # fmt: skip
    rows = [
        ("Dnr", "Ärende", "Datum", "Beslutsfattare"),
        ("KS 2024/163", "Avskrivning av fordringar", "2024-01-16", "Socialnämndens ordförande"),
        ("KS 2024/164", "Bidrag till Vallby Hembygdsförening", "2024-01-17", "Ekonomichef"),
    ]
    pdf.add_page()
    pdf.set_y(30)
    _ruled(pdf, rows, (30, 90, 25, 27))
    pdf.add_page()
    pdf.set_y(30)
    centred = ("LEFT", "LEFT", "CENTER", "CENTER")
    centred_rows = [
        rows[0],
        ("KS 2024/165", "Avskrivning av fordringar", "2024-01-16", "Kommunstyrelsens ordförande"),
        ("KS 2024/166", "Bidrag till Vallby Hembygdsförening", "2024-01-17", "Ekonomichef"),
    ]
    with pdf.table(col_widths=(30, 80, 30, 45), text_align=centred) as table:
        for cells in centred_rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.text(15, 200, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def heading_after_dated_rows() -> bytes:
    """``Ärende | Beslut | Datum | Delegat`` without rules (its rows keyed by their date), each
    row's lines as close as the rows, then the heading "Övriga frågor" at the margin, where
    the case's column stands: a heading after the list, not more of its last row."""
    widths = (30, 85, 25, 40)
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    y = unruled_rows(pdf, 30, [("Ärende", "Beslut", "Datum", "Delegat")], widths)
    for row in (
        ("KS 2024/171", ("Yttrande över remiss om", "regional vattenförsörjningsplan"),
         "2024-01-08", "Kommundirektör"),
        ("KS 2024/172", ("Avtal med Vallby Energi AB", "om fjärrvärme"), "2024-01-09",
         "Ekonomichef"),
    ):  # fmt: skip
        unruled_rows(pdf, y, [row], widths)
        y += 10
    pdf.set_font("Helvetica", "B", 10)
    pdf.text(15, y + 1, AFTER)
    pdf.set_font("Helvetica", size=10)
    pdf.text(15, y + 9, "Ordföranden informerar om arbetet med den nya översiktsplanen.")
    return bytes(pdf.output())


def header_on_two_lines() -> bytes:
    """``Dnr | Ärende | Datum för beslut`` without rules, the last name on two lines ("Datum" |
    "för beslut"), going on overleaf without its header, its first row there without a date:
    the rows are still told by their diary number."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    pdf.set_font("Helvetica", "B", 10)
    for x, name in ((15, "Dnr"), (45, "Ärende"), (165, "Datum")):
        pdf.text(x, 30, name)
    pdf.text(165, 34.5, "för beslut")
    pdf.set_font("Helvetica", size=10)
    unruled_rows(pdf, 42, [
        ("KS 2024/181", ("Yttrande över remiss om", "regional vattenförsörjningsplan"),
         "2024-01-08"),
        ("KS 2024/182", ("Avtal med Vallby Energi AB", "om fjärrvärme"), "2024-01-09"),
    ], DATED_WIDTHS)  # fmt: skip
    pdf.add_page()
    y = unruled_rows(pdf, 25, [
        ("KS 2024/183", "Anställning av enhetschef vid kostenheten", ""),
        ("KS 2024/184", "Avskrivning av fordringar", "2024-01-12"),
    ], DATED_WIDTHS)  # fmt: skip
    pdf.text(15, y + 20, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def other_names() -> bytes:
    """``Ärendebeskrivning | Dag | Beslutad av`` without rules: no column named for the diary
    number (it starts the case's text), the others named in words of their own."""
    widths = (110.0, 30.0, 40.0)
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    y = unruled_rows(pdf, 30, [("Ärendebeskrivning", "Dag", "Beslutad av")], widths)
    y = unruled_rows(pdf, y + 2, [
        (("KS 2024/191 Yttrande över remiss om", "regional vattenförsörjningsplan"),
         "2024-01-08", "Kommundirektör"),
        ("KS 2024/192 Avtal med Vallby Energi AB om fjärrvärme", "2024-01-09", "Ekonomichef"),
    ], widths)  # fmt: skip
    pdf.text(15, y + 20, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def parties_a_line_each() -> bytes:
    """``Dnr | Ärende | Motpart | Beslutsdatum``, a contract's two parties one a line in their
    cell: ruled, and without rules on the page after (a name wrapped over two lines, "Fastighets
    AB" | "Norrgården", stays one)."""
    head = ("Dnr", "Ärende", "Motpart", "Beslutsdatum")
    widths = (25.0, 70.0, 50.0, 30.0)
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    pdf.set_y(30)
    _ruled(pdf, [
        head,
        ("KS 2024/201", "Avtal om städning av skolor", "Vallby Energi AB\nNordanå Städ AB",
         "2024-01-16"),
        ("KS 2024/202", "Avtal om fönsterputs", "Nordanå Städ AB", "2024-01-17"),
    ], widths)  # fmt: skip
    pdf.add_page()
    y = unruled_rows(pdf, 30, [head], widths)
    unruled_rows(pdf, y + 2, [
        ("KS 2024/203", "Avtal om snöröjning", ("Vallby kommun", "Norrbyns Vägförening"),
         "2024-01-18"),
        ("KS 2024/204", "Hyresavtal för fritidsgården", ("Fastighets AB", "Norrgården"),
         "2024-01-19"),
    ], widths)  # fmt: skip
    pdf.text(15, 200, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def other_dates() -> bytes:
    """``Dnr | Ärende | Beslutsdatum | Anmälningsdatum | Delegat``, ruled: the day the decision
    is reported besides the day it was made."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    pdf.set_y(30)
    _ruled(pdf, [
        ("Dnr", "Ärende", "Beslutsdatum", "Anmälningsdatum", "Delegat"),
        ("KS 2024/211", "Avskrivning av fordringar", "2024-01-16", "2024-03-14", "Ekonomichef"),
        ("KS 2024/212", "Anställning av enhetschef", "2024-01-17", "2024-03-14", "HR-chef"),
    ], (25, 65, 30, 32, 30))  # fmt: skip
    pdf.text(15, 200, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def hyphen_in_cell() -> bytes:
    """A cell of a table without rules wrapped after a hyphen: within a word ("e-" | "post")
    and before "och" ("Hälso-" | "och sjukvårdsnämnden")."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    widths = (30.0, 110.0, 40.0)
    y = unruled_rows(pdf, 30, [DATED], widths)
    y = unruled_rows(pdf, y + 2, [
        ("KS 2024/221", ("Avslag på begäran om utlämnande av e-",
                         "post mellan förvaltningen och Hälso-", "och sjukvårdsnämnden"),
         "2024-01-08"),
        ("KS 2024/222", ("Avtal med Vallby Energi AB", "om fjärrvärme"), "2024-01-09"),
    ], widths)  # fmt: skip
    pdf.text(15, y + 20, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def header_names_close() -> bytes:
    """``Dnr | Ärende | Beslutsfattare | Datum`` without rules, "Datum" 1.5 mm after
    "Beslutsfattare" (its column as wide as its name): two names, not one."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    widths = (25.0, 80.0, pdf.get_string_width("Beslutsfattare") + 1.5, 30.0)
    y = unruled_rows(pdf, 30, [("Dnr", "Ärende", "Beslutsfattare", "Datum")], widths)
    y = unruled_rows(pdf, y + 2, [
        ("KS 2024/231", "Yttrande över remiss", "Direktör", "2024-01-08"),
        ("KS 2024/232", "Avtal med Vallby Energi AB", "Ekonomichef", "2024-01-09"),
    ], widths)  # fmt: skip
    pdf.text(15, y + 20, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def page_number_overleaf() -> bytes:
    """A list without rules over two pages, "Sida N av 2" at the top right of each, where the
    date's column stands: the page's number is no rest of the row before it."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(165, 12, "Sida 1 av 2")
    pdf.text(15, 25, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    y = unruled_rows(pdf, 35, [DATED], DATED_WIDTHS)
    unruled_rows(pdf, y + 2, [
        ("KS 2024/101", ("Yttrande över remiss om", "regional vattenförsörjningsplan"),
         "2024-01-08"),
        ("KS 2024/102", ("Avtal med Vallby Energi AB", "om leverans av fjärrvärme"), "2024-01-09"),
    ], DATED_WIDTHS)  # fmt: skip
    pdf.add_page()
    pdf.text(165, 12, "Sida 2 av 2")
    y = unruled_rows(pdf, 25, [
        ("KS 2024/103", "Anställning av enhetschef vid kostenheten", "2024-01-11"),
        ("KS 2024/104", "Avskrivning av fordringar", "2024-01-12"),
    ], DATED_WIDTHS)  # fmt: skip
    pdf.text(15, y + 20, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def heading_after(*, overleaf: bool) -> bytes:
    """Point 11's list without rules, then point 12's heading ("12  Anmälan av meddelanden",
    its number where the diary numbers stand) and its notices: on the page after (``overleaf``)
    or right below the list."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, BOARD)
    pdf.text(15, 26, f"Sammanträde {MEETING}")
    _bold(pdf, 36, "11", HEADING)
    y = unruled_rows(pdf, 46, [DATED], DATED_WIDTHS)
    y = unruled_rows(pdf, y + 2, [
        ("KS 2024/111", ("Yttrande över remiss om", "regional vattenförsörjningsplan"),
         "2024-01-08"),
        ("KS 2024/112", ("Avtal med Vallby Energi AB", "om leverans av fjärrvärme"), "2024-01-09"),
    ], DATED_WIDTHS)  # fmt: skip
    if overleaf:
        pdf.add_page()
        y = 20
    else:
        y += 4
    _bold(pdf, y, "12", "Anmälan av meddelanden")
    for number, notice in enumerate(NOTICES, start=1):
        pdf.text(15, y + 6 * number + 4, f"• {notice}")
    return bytes(pdf.output())


def signature_box() -> bytes:
    """A ruled table ``Dnr | Ärende | Beslutsdatum | Beslutsfattare`` and, lower on the page, the
    minutes' signature box "Justerare | Ordförande", ruled too: a box of one row, no band of a
    table without rules."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    pdf.set_y(30)
    _ruled(pdf, [
        ("Dnr", "Ärende", "Beslutsdatum", "Beslutsfattare"),
        ("KS 2024/121", "Avskrivning av fordringar som understiger ett halvt prisbasbelopp "
         "enligt riktlinjerna", "2024-01-16", "Ekonomichef"),
        ("KS 2024/122", "Bidrag till Vallby Hembygdsförening för renovering av kvarnen vid ån",
         "2024-01-17", "Kultur- och fritidschef"),
        ("KS 2024/123", "Avtal med Nordanå Städ AB om fönsterputs", "2024-01-18",
         "Upphandlingschef"),
    ], (25, 80, 30, 45))  # fmt: skip
    pdf.text(15, 120, "Övriga frågor och information från förvaltningen till ledamöterna")
    pdf.set_y(200)
    _ruled(pdf, [("Justerare", "Ordförande")], (60, 60), header=False)
    return bytes(pdf.output())


def ruled_overleaf(*, rows: int) -> bytes:
    """A ruled table ``Dnr | Ärende | Beslutsdatum`` whose last ``rows`` go on overleaf without
    its header, and under "Ekonomichefens beslut" a second table whose first row has no diary
    number (an item cut off): no rest of the first table's last row."""
    head = ("Dnr", "Ärende", "Beslutsdatum")
    widths = (30, 110, 40)
    pdf = _fpdf()
    pdf.add_page()
    pdf.set_y(20)
    pdf.cell(0, 6, "Anmälan av delegationsbeslut som redovisas för kommunstyrelsen idag",
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    _ruled(pdf, [head, ("KS 2024/131", "Yttrande över remiss om vattenförsörjningsplan",
                        "2024-01-08"),
                 ("KS 2024/132", "Avtal med Vallby Energi AB om fjärrvärme", "2024-01-09")],
           widths)  # fmt: skip
    pdf.add_page()
    pdf.set_y(20)
    more = [("KS 2024/133", "Anställning av enhetschef vid kostenheten", "2024-01-10"),
            ("KS 2024/134", "Bidrag till Vallby Hembygdsförening", "2024-01-11")]  # fmt: skip
    _ruled(pdf, more[:rows], widths, header=False)
    pdf.ln(4)
    pdf.cell(0, 6, "Ekonomichefens beslut", new_x="LMARGIN", new_y="NEXT")
    _ruled(pdf, [head, ("", "Attest av leverantörsfakturor i januari", "2024-01-15"),
                 ("KS 2024/135", "Avskrivning av fordringar", "2024-01-16")], widths)  # fmt: skip
    return bytes(pdf.output())


def unnamed_overleaf() -> bytes:
    """``Ärende | Beslut | Datum | Delegat`` without rules (the diary number and the case's
    name in its column, no column named for the number), a row going on overleaf, its case's
    name too: its rest is that row's, not a row of its own."""
    widths = (30, 85, 25, 40)
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 20, "Anmälan av delegationsbeslut till kommunstyrelsen den 14 mars 2024")
    pdf.set_font("Helvetica", "B", 10)
    y = unruled_rows(pdf, 30, [("Ärende", "Beslut", "Datum", "Delegat")], widths)
    pdf.set_font("Helvetica", size=10)
    unruled_rows(pdf, y + 2, [
        ("KS 2024/141", ("Yttrande över remiss om", "regional vattenförsörjningsplan"),
         "2024-01-08", "Kommundirektör"),
        ("KS 2024/142", ("Avtal med Vallby Energi AB", "om fjärrvärme"), "2024-01-09",
         "Ekonomichef"),
        (("KS 2024/143", "Skolskjuts"), ("Tilldelningsbeslut i upphandling", "av skolskjuts för"),
         "2024-01-10", "Upphandlingschef"),
    ], widths)  # fmt: skip
    pdf.add_page()
    y = unruled_rows(pdf, 20, [("grundskola", "grundskolan, UH 2023-0044", "", "")], widths)
    y = unruled_rows(pdf, y + 2, [
        ("KS 2024/144", "Anställning av enhetschef", "2024-01-11", "HR-chef"),
    ], widths)  # fmt: skip
    pdf.text(15, y + 20, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


def serial_overleaf() -> bytes:
    """``Nr | Dnr | Ärende | Beslutsfattare`` without rules, going on overleaf without its
    header under a running head of many words: the rows there keep the header's columns (the
    list's number left out, who decided labelled)."""
    widths = (28, 28, 90, 40)
    head = "Kommunstyrelsen i Vallby kommun, kallelse till sammanträdet den 14 mars 2024"
    pdf = _fpdf()
    pdf.add_page()
    pdf.text(15, 12, head)
    pdf.text(15, 25, HEADING)
    y = unruled_rows(pdf, 35, [("Nr", "Dnr", "Ärende", "Beslutsfattare")], widths)
    unruled_rows(pdf, y + 2, [
        ("1", "KS 2024/151", ("Yttrande över remiss om", "regional vattenförsörjningsplan"),
         "Kommundirektör"),
        ("2", "KS 2024/152", ("Avtal med Vallby Energi AB", "om fjärrvärme"), "Ekonomichef"),
    ], widths)  # fmt: skip
    pdf.add_page()
    pdf.text(15, 12, head)
    y = unruled_rows(pdf, 25, [
        ("3", "KS 2024/153", "Anställning av enhetschef", "HR-chef"),
        ("4", "KS 2024/154", "Avskrivning av fordringar", "Ekonomichef"),
    ], widths)  # fmt: skip
    pdf.text(15, y + 20, "Övriga frågor och information från förvaltningen till ledamöterna")
    return bytes(pdf.output())


# --- the set, and LibreOffice -------------------------------------------------------------------

# name → (the document's suffix, its maker, LibreOffice's filter for the PDF).
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
OFFICE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "landscape-ruled": ("docx", lambda: landscape_table("all"), "pdf"),
    "landscape-plain": ("docx", lambda: landscape_table("none"), "pdf"),
    "landscape-rows": ("docx", lambda: landscape_table("rows"), "pdf"),
    "long-table": ("docx", long_table, "pdf"),
    "long-table-plain": ("docx", lambda: long_table("none"), "pdf"),
    "long-table-once": ("docx", lambda: long_table(repeat=False), "pdf"),
    "long-table-plain-once": ("docx", lambda: long_table("none", repeat=False), "pdf"),
    "two-tables-ruled": ("docx", lambda: two_tables("all"), "pdf"),
    "two-tables-plain": ("docx", lambda: two_tables("none"), "pdf"),
    "serial-ruled": ("docx", lambda: serial_column("all"), "pdf"),
    "serial-plain": ("docx", lambda: serial_column("none"), "pdf"),
    "merged-delegate": ("docx", merged_delegate, "pdf"),
    "grouped-ruled": ("docx", lambda: grouped_rows("all"), "pdf"),
    "grouped-plain": ("docx", lambda: grouped_rows("none"), "pdf"),
    "numbered-plain": ("docx", numbered_rows, "pdf"),
    "party-ruled": ("docx", lambda: party_column("all"), "pdf"),
    "party-plain": ("docx", lambda: party_column("none"), "pdf"),
    "titled-table": ("docx", titled_table, "pdf"),
    "unnamed-number": ("docx", unnamed_number, "pdf"),
    "narrow-ruled": ("docx", lambda: narrow_columns("all"), "pdf"),
    "narrow-plain": ("docx", lambda: narrow_columns("none"), "pdf"),
    "banded-table": ("docx", banded_table, "pdf"),
    "shaded-header": ("docx", lambda: banded_table(0), "pdf"),
    "kallelse-numbered": ("docx", kallelse_numbered, "pdf"),
    "kallelse-bulleted": ("docx", kallelse_bulleted, "pdf"),
    "kallelse-bullets-alike": ("docx", lambda: kallelse_bulleted(alike=True), "pdf"),
    "kallelse-point-after": (
        "docx",
        lambda: kallelse_bulleted(alike=True, point="Budget 2025"),
        "pdf",
    ),
    "newspaper": ("docx", newspaper_columns, "pdf"),
    "serial-pdfa": ("docx", lambda: serial_column("all"), PDF_A),
    "first-page-head": ("docx", lambda: heads_of_their_own(odd_and_even=False), "pdf"),
    "odd-even-heads": ("docx", lambda: heads_of_their_own(odd_and_even=True), "pdf"),
    "writer-table": ("fodt", writer_table, "pdf"),
    "writer-bullets": ("fodt", writer_bullets, "pdf"),
}
DIRECT: dict[str, Callable[[], bytes]] = {
    "words-placed": words_placed,
    "chars-placed": chars_placed,
    "page-number-overleaf": page_number_overleaf,
    "heading-overleaf": lambda: heading_after(overleaf=True),
    "heading-below": lambda: heading_after(overleaf=False),
    "signature-box": signature_box,
    "ruled-overleaf-one-row": lambda: ruled_overleaf(rows=1),
    "ruled-overleaf-two-rows": lambda: ruled_overleaf(rows=2),
    "unnamed-overleaf": unnamed_overleaf,
    "serial-overleaf": serial_overleaf,
    "wrapped-at-spaces": wrapped_at_spaces,
    "heading-after-dated-rows": heading_after_dated_rows,
    "header-on-two-lines": header_on_two_lines,
    "other-names": other_names,
    "parties-a-line-each": parties_a_line_each,
    "other-dates": other_dates,
    "hyphen-in-cell": hyphen_in_cell,
    "header-names-close": header_names_close,
}


def libreoffice() -> str | None:
    """LibreOffice's command, where it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_pdf(name: str, folder: Path) -> Path:
    """LibreOffice's PDF of the document ``name`` (see OFFICE), written in ``folder``."""
    suffix, make, export = OFFICE[name]
    command = libreoffice()
    assert command is not None, "LibreOffice is not installed"
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{name}.{suffix}"
        source.write_bytes(make())
        # A profile of its own: LibreOffice refuses to start beside another instance's profile.
        profile = Path(work) / "profile"
        subprocess.run(
            [command, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", export, "--outdir", work, str(source)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        target = folder / f"{name}.pdf"
        shutil.copyfile(Path(work) / f"{name}.pdf", target)
    return target


def main(arguments: list[str]) -> None:
    folder = Path(arguments[0]) if arguments else FIXTURES
    folder.mkdir(parents=True, exist_ok=True)
    names = arguments[1:] or [*OFFICE, *DIRECT]
    for name in names:
        if name in DIRECT:
            (folder / f"{name}.pdf").write_bytes(DIRECT[name]())
        else:
            office_pdf(name, folder)
        print(folder / f"{name}.pdf")


if __name__ == "__main__":
    main(sys.argv[1:])
