"""Invented agendas in the shapes boards publish, built as real documents.

One list of decisions, laid out as agenda text with bullets, as a Word document (bullets of the
Symbol or the Wingdings font, or a two-column table ``Diarienummer | Ärende`` whose header row
repeats on every page) turned into PDF by LibreOffice, and as PDFs written directly with fpdf2
(the same bullets as Word's private-use code points, or the same table). Every form carries a
running head ("Region Västmark — Kallelse"), a foot ("Sida 2 (4)") and page breaks inside the
list. Used by the tests and by bench/pdf_readers.py; every text here is made up.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

HEAD = "Region Västmark — Kallelse"
BOARD = "Hälso- och sjukvårdsnämnden"
MEETING = "Sammanträde 2024-03-14"
HEADING = "7. Anmälningsärenden"
TABLE_HEADER = ("Diarienummer", "Ärende")
NOTICES = (
    "Protokoll från länets folkhälsoråd 2024-02-20",
    "Skrivelse från Pensionärsrådet om färdtjänst",
)
AFTER = "8. Övriga frågor"

# (diary number, the item's text without it). Long enough that most wrap in a table cell.
Item = tuple[str, str]
ITEMS: tuple[Item, ...] = (
    ("23RS1851", "Hälso- och sjukvårdsdirektören har fattat tilldelningsbeslut för "
     "ultraljudsutrustning till vårdcentralerna i norra länsdelen MT 2023-0043"),
    ("RS 2023/4411", "Regiondirektören har tecknat avtal med Vallby Energi AB om leverans av el "
     "till sjukhusen i länet"),
    ("23RS1902", "Hälso- och sjukvårdsdirektören har tecknat upphandlingskontrakt med Nordlyset "
     "Medicinteknik AB för dialysmaskiner MT 2023-0061"),
    ("RS 2023/3902", "Regiondirektören har beslutat om yttrande över remiss om länstrafikens "
     "trafikförsörjningsprogram"),
    ("24RS278", "Hälso- och sjukvårdsdirektören har tecknat personuppgiftsbiträdesavtal med "
     "Journalia Systems AB avseende digitala vårdmöten"),
    ("24RS310", "Regiondirektören har beslutat om initiering av upphandling av tolktjänster för "
     "hälso- och sjukvården MT 2024-0007"),
    ("RS 2024/112", "Ekonomidirektören har tecknat avtal med Fjällgården Konsult AB om revision "
     "av investeringsprojekt"),
    ("24RS402", "Hälso- och sjukvårdsdirektören har fattat tilläggsbeslut om utökad leverans av "
     "skyddsutrustning MT 2022-0118"),
)  # fmt: skip

# Word's bullets as text extraction gives them: Symbol's bullet, Wingdings' square, diamond
# and arrowhead, all in the private-use area where symbol fonts put their glyphs.
SYMBOL_BULLET = "\uf0b7"
WINGDINGS_BULLETS = ("\uf0a7", "\uf076", "\uf0d8")

# A table's rules: "Table Grid" draws them, Word's plain "Normal Table" has none.
Layout = Literal["symbol", "wingdings", "table", "unruled table"]


def many_items(count: int) -> list[Item]:
    """``count`` items in the shapes of ITEMS, each with its own diary number."""
    items = []
    for index in range(count):
        _, text = ITEMS[index % len(ITEMS)]
        items.append((f"24RS{1000 + index}", f"{text} (ärende {index + 1})"))
    return items


def agenda_text(items: Sequence[Item], *, cut_off: str | None = None) -> str:
    """The agenda as a board's web page gives it: the list as bullets, numbers last."""
    lines = [HEAD, BOARD, MEETING, "", HEADING]
    lines += [f"• {text}, {diary}" for diary, text in items]
    if cut_off is not None:
        lines.append(f"• {cut_off}")
    lines += ["", "Meddelandeärenden", *(f"• {notice}" for notice in NOTICES), "", AFTER, ""]
    return "\n".join(lines)


# --- a board's web page ------------------------------------------------------------------------

PageLayout = Literal["list", "numbered", "table"]


def web_page(items: Sequence[Item], *, layout: PageLayout, cut_off: str | None = None) -> str:
    """The agenda as a board's site serves it: a page with a head, a script, a menu, the list
    as bullets, numbers or a table ``Diarienummer | Ärende``, entities in the numbers' spaces
    and dashes, and the notices after. ``cut_off`` is an item without its diary number."""

    def escaped(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")

    def number(diary: str) -> str:
        return escaped(diary).replace(" ", "&nbsp;")

    if layout == "table":
        rows = [f"<tr><th>{TABLE_HEADER[0]}</th><th>{TABLE_HEADER[1]}</th></tr>"]
        rows += [
            f"<tr>\n  <td>{number(diary)}</td>\n  <td>{escaped(text)}</td>\n</tr>"
            for diary, text in items
        ]
        if cut_off is not None:
            rows.append(f"<tr><td></td><td>{escaped(cut_off)}</td></tr>")
        body = "<table>\n" + "\n".join(rows) + "\n</table>"
    else:
        tag = "ul" if layout == "list" else "ol"
        entries = [f"<li>{escaped(text)}, {number(diary)}</li>" for diary, text in items]
        if cut_off is not None:
            entries.append(f"<li>{escaped(cut_off)}</li>")
        body = f"<{tag}>\n" + "\n".join(entries) + f"\n</{tag}>"
    notices = "".join(f"<li>{escaped(notice)}</li>" for notice in NOTICES)
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{HEAD}</title>\n<style>li {{ margin: 0 }}</style>\n"
        "<script>var Anmälningsärenden = 'KS 2024/1';</script>\n</head>\n<body>\n"
        '<nav><a href="#innehall">Hoppa till innehåll</a></nav>\n'
        f"<h1>{escaped(BOARD)}</h1>\n<p>{MEETING}</p>\n<h2>{HEADING}</h2>\n{body}\n"
        f"<h2>Meddelandeärenden</h2>\n<ul>{notices}</ul>\n<h2>{AFTER}</h2>\n</body>\n</html>\n"
    )


# --- Word, and LibreOffice's PDF of it --------------------------------------------------------


def word_document(
    items: Sequence[Item],
    *,
    layout: Layout,
    page_breaks: Sequence[int] = (),
    cut_off: str | None = None,
) -> bytes:
    """A .docx of the agenda; a page break stands before each item index in ``page_breaks``."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEAD
    _page_foot(section.footer.paragraphs[0])
    for text in (BOARD, MEETING, "", HEADING):
        document.add_paragraph(text)
    bullets = _wingdings_numbering(document) if layout == "wingdings" else None
    if layout in ("table", "unruled table"):
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid" if layout == "table" else "Normal Table"
        header = table.rows[0]
        _repeat_as_header(header)
        for cell, text in zip(header.cells, TABLE_HEADER, strict=True):
            cell.text = text
        for index, (diary, text) in enumerate(items):
            row = table.add_row()
            row.cells[0].text, row.cells[1].text = diary, text
            if index in page_breaks:
                row.cells[0].paragraphs[0].paragraph_format.page_break_before = True
        if cut_off is not None:
            table.add_row().cells[1].text = cut_off
        _column_widths(table, (3.5, 12.5))
    else:
        texts = [f"{text}, {diary}" for diary, text in items]
        if cut_off is not None:
            texts.append(cut_off)
        for index, text in enumerate(texts):
            paragraph = document.add_paragraph(text, style="List Bullet")
            if bullets is not None:
                _numbered(paragraph, bullets[index % len(bullets)])
            if index in page_breaks:
                paragraph.runs[0].add_break(WD_BREAK.PAGE)
    document.add_paragraph("Meddelandeärenden")
    for notice in NOTICES:
        document.add_paragraph(notice, style="List Bullet")
    document.add_paragraph(AFTER)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _page_foot(paragraph: object) -> None:
    """ "Sida N (M)" with Word's PAGE and NUMPAGES fields."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    element = paragraph._p  # type: ignore[attr-defined]
    element.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">Sida </w:t></w:r>'))
    element.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    element.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> (</w:t></w:r>'))
    element.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    element.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>)</w:t></w:r>"))


def _repeat_as_header(row: object) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def _column_widths(table: object, centimetres: tuple[float, float]) -> None:
    from docx.shared import Cm

    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, centimetres, strict=True):
            cell.width = Cm(width)


def _wingdings_numbering(document: object) -> list[int]:
    """Bullet definitions of the Wingdings font as Word writes them, one per bullet glyph."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    ids = []
    for offset, glyph in enumerate(WINGDINGS_BULLETS):
        abstract_id, num_id = 90 + offset, 90 + offset
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                '<w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0">'
                '<w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                f'<w:lvlText w:val="{glyph}"/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
                '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/>'
                "</w:rPr></w:lvl></w:abstractNum>"
            ),
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )
        ids.append(num_id)
    return ids


def _numbered(paragraph: object, num_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    properties = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    properties.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def libreoffice() -> str | None:
    """LibreOffice's command, where it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_pdfs(documents: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """The PDFs LibreOffice makes of .docx documents, by name, cached in ``folder``.

    One run converts them all: starting LibreOffice costs more than converting a document.
    """
    missing = [name for name in documents if not (folder / f"{name}.pdf").exists()]
    if missing:
        command = libreoffice()
        assert command is not None, "LibreOffice is not installed"
        for name in missing:
            (folder / f"{name}.docx").write_bytes(documents[name])
        # A profile of its own: LibreOffice refuses to start beside another instance's profile.
        profile = folder / "lo-profile"
        subprocess.run(
            [
                command,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *(str(folder / f"{name}.docx") for name in missing),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return {name: folder / f"{name}.pdf" for name in documents}


# --- PDFs written directly (no LibreOffice needed) --------------------------------------------


def fpdf_agenda(
    items: Sequence[Item],
    *,
    layout: Literal["bullets", "table", "unruled table"],
    font_folder: Path,
    bullets: Sequence[str] = (SYMBOL_BULLET,),
    page_breaks: Sequence[int] = (),
    cut_off: str | None = None,
) -> bytes:
    """The agenda as a PDF written with fpdf2: bullets of a symbol font, or a table."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica with å, ä, ö and the dashes
    pdf.add_font("Bullets", fname=str(symbol_font(font_folder)))

    def head() -> None:
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 6, HEAD.replace("—", "-"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    def foot() -> None:
        pdf.set_y(-15)
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 6, f"Sida {pdf.page_no()} ({{nb}})", align="R")

    pdf.header = head  # type: ignore[method-assign]
    pdf.footer = foot  # type: ignore[method-assign]
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for text in (BOARD, MEETING, "", HEADING):
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    if layout in ("table", "unruled table"):
        ruled = layout == "table"
        with pdf.table(
            col_widths=(30, 120),
            text_align="LEFT",
            repeat_headings=1,
            # A ruled table centres its cells, so the diary number stands beside the middle of
            # its subject's lines; without rules the cells start at the row's top, as in Word.
            borders_layout="ALL" if ruled else "NONE",
            v_align="MIDDLE" if ruled else "TOP",
            gutter_height=0 if ruled else 3,
        ) as table:
            table.row(TABLE_HEADER)
            # The table breaks where a page is full, the header row repeated overleaf.
            for diary, text in items:
                table.row((diary, text))
            if cut_off is not None:
                table.row(("", cut_off))
    else:
        texts = [f"{text}, {diary}" for diary, text in items]
        if cut_off is not None:
            texts.append(cut_off)
        for index, text in enumerate(texts):
            if index in page_breaks:
                pdf.add_page()
            _bullet(pdf, bullets[index % len(bullets)], text)
    pdf.ln(4)
    pdf.multi_cell(0, 6, "Meddelandeärenden", new_x="LMARGIN", new_y="NEXT")
    for notice in NOTICES:
        _bullet(pdf, bullets[0], notice)
    pdf.multi_cell(0, 6, AFTER, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _bullet(pdf: object, glyph: str, text: str) -> None:
    pdf.set_font("Bullets", size=11)  # type: ignore[attr-defined]
    pdf.cell(8, 6, glyph)  # type: ignore[attr-defined]
    pdf.set_font("Helvetica", size=11)  # type: ignore[attr-defined]
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]


def symbol_font(folder: Path) -> Path:
    """A tiny TrueType font with its glyphs at the private-use code points of Symbol and
    Wingdings, as Word embeds them: text extraction then gives those code points back."""
    path = folder / "bullets.ttf"
    if path.exists():
        return path
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    code_points = [ord(SYMBOL_BULLET), *(ord(glyph) for glyph in WINGDINGS_BULLETS)]
    names = [".notdef", "space", *(f"uni{code:04X}" for code in code_points)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({0x20: "space", **{code: f"uni{code:04X}" for code in code_points}})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != "space":
            pen.moveTo((150, 250))
            pen.lineTo((150, 550))
            pen.lineTo((450, 550))
            pen.lineTo((450, 250))
            pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (600, 0) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Bullets", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))
    return path


# --- the corpus: one list in every layout (tests/test_pdf_layouts.py, bench/pdf_corpus.py) ---

# Three pages or more in every layout, with a page break forced inside the bulleted lists.
CORPUS_ITEMS = many_items(26)
CORPUS_BREAKS = (4,)
# What the "cut-off" variants end with: an item cut off before its diary number.
CUT_OFF = "Regiondirektören har beslutat om"
FpdfLayout = Literal["bullets", "table", "unruled table"]
_WORD_LAYOUTS: tuple[tuple[str, Layout], ...] = (
    ("symbol", "symbol"),
    ("wingdings", "wingdings"),
    ("table", "table"),
    ("unruled", "unruled table"),
)
# The Word documents, by name: each layout whole, and each ending with the cut-off item.
WORD_VARIANTS: dict[str, tuple[Layout, str | None]] = {
    f"{name}{suffix}": (layout, cut_off)
    for name, layout in _WORD_LAYOUTS
    for suffix, cut_off in (("", None), ("-cut", CUT_OFF))
}


def corpus_fpdf(layout: FpdfLayout, folder: Path, *, cut_off: str | None = None) -> bytes:
    """The corpus as fpdf2 writes it: bullets in every glyph Word uses, across a page break,
    or a table (whose rows break across pages by themselves)."""
    if layout == "bullets":
        bullets = (SYMBOL_BULLET, *WINGDINGS_BULLETS)
        return fpdf_agenda(
            CORPUS_ITEMS,
            layout=layout,
            font_folder=folder,
            bullets=bullets,
            page_breaks=CORPUS_BREAKS,
            cut_off=cut_off,
        )
    return fpdf_agenda(CORPUS_ITEMS, layout=layout, font_folder=folder, cut_off=cut_off)


def corpus_word_pdfs(
    folder: Path, variants: Mapping[str, tuple[Layout, str | None]] = WORD_VARIANTS
) -> dict[str, Path]:
    """LibreOffice's PDFs of the corpus as Word documents, by the variant's name."""
    documents = {
        name: word_document(CORPUS_ITEMS, layout=layout, page_breaks=CORPUS_BREAKS, cut_off=cut)
        for name, (layout, cut) in variants.items()
    }
    return libreoffice_pdfs(documents, folder)


# --- a long list in the board's phrasing (whole agendas read with and without shortcuts) ----

BOARD_DELEGATES = (
    "Hälso- och sjukvårdsdirektören", "Regiondirektören", "Ekonomidirektören", "HR-direktören",
    "Upphandlingschefen", "Trafikdirektören", "Kommunstyrelsens ordförande", "Kulturchefen",
)  # fmt: skip
# What was decided, "{party}" where the phrase names who it was agreed with.
BOARD_PHRASES = (
    "fattat tilldelningsbeslut för", "tecknat upphandlingskontrakt för",
    "beslutat om initiering av upphandling av", "tecknat avtal med {party} om",
    "tecknat avtal mellan {party} och Region Västmark om", "fattat tilläggsbeslut om",
    "tecknat personuppgiftsbiträdesavtal med {party} avseende", "beslutat om",
)  # fmt: skip
BOARD_SUBJECTS = (
    "dialysmaskiner", "tolktjänster för hälso- och sjukvården", "snöröjning vid sjukhusen",
    "ultraljudsutrustning till vårdcentralerna", "läsbehörighet i patientjournal",
    "hyra av lokal för vaccination", "leverans av el (grön el)", "skyddsutrustning, sommar",
    "digitala vårdmöten", "laboratorieanalyser på instrumentet Liason XL", "arvode till god man",
)  # fmt: skip
BOARD_PARTIES = (
    "Vallby Energi AB", "Nordlyset Medicinteknik AB", "Journalia Systems AB",
    "Fjällgården Konsult AB", "Apoteksbolaget Syd (publ)", "Linköpings universitet",
    "Stiftelsen Bäckagården, Vallby", "Tolkcentralen Norr & Co KB",
)  # fmt: skip
# Diary numbers in the shapes of the regions' and municipalities' registries, and (one in
# twenty) typed the way people type them.
BOARD_NUMBERS = (
    "{yy}RS{n}", "RS {year}/{n}", "HSN {year}/{n}-2", "KSN-{year}-{n}", "RS {year}-{n:05d}",
    "LS {year}-{n:04d}", "RS/{n}/{year}",
)  # fmt: skip
TYPED_NUMBERS = ("rs {year}/{n}", "KS {year} / {n}", "KSN–{year}–{n}")


def board_items(count: int, seed: int) -> list[str]:
    """``count`` items of a board's list (unnumbered), each with a diary number of its own,
    some with a procurement number before it."""
    rng = random.Random(seed)
    items = []
    for serial in range(1, count + 1):
        year = rng.randrange(2015, 2026)
        shape = rng.choice(TYPED_NUMBERS if rng.random() < 0.05 else BOARD_NUMBERS)
        number = shape.format(yy=year % 100, year=year, n=serial)
        phrase = rng.choice(BOARD_PHRASES).format(party=rng.choice(BOARD_PARTIES))
        procurement = ""
        if rng.random() < 0.3:
            procurement = f" MT {year}-{rng.randrange(1, 400):04d}{rng.choice(['', 'a', '-1'])}"
        delegate = rng.choice(BOARD_DELEGATES)
        items.append(
            f"{delegate} har {phrase} {rng.choice(BOARD_SUBJECTS)}{procurement}, {number}."
        )
    return items


# Words that sit at the edges of what the agenda reader recognises, for mixing into items.
EDGE_WORDS = [
    "upphandling", "Dnr", "beslutad den 3 mars", "(punkt 4)", "har", "beslutade", "S beslut",
    "MT 2023-0001", "RS 2024/9", "24RS7", "2024-01-12", "–", ",", "(", ")", "Ekonomichef",
    "med", "mellan A och B", "avtal med Acme AB", "UH 2024/3", "İ", "datum", "inga",
]  # fmt: skip
