"""The report as a Word document (python-docx), for the board's agenda.

Items keep their numbers as text with a hanging indent instead of Word's automatic numbering:
the numbers are the protocol's references, and automatic numbering would renumber a list with a
gap or restart it differently in Word and LibreOffice.

The page is what a Swedish board prints: A4 with 2.5 cm margins (Word's Swedish default), page
numbers as "Sida 1 (3)", headings kept with what follows them, and numbers that never break
across lines: a non-breaking space inside "MT 2023-0043", "1 450 000" and after "§", and
Word's non-breaking hyphen inside "2023-0043" and dates.

The file is reproducible: its properties are dated by the meeting (or the period's end), and
the zip container is rewritten with that date, since zip entries otherwise carry the time of
writing.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from delreg.report.layout import Layout, Section
from delreg.report.typography import NB_HYPHEN, unbreakable

if TYPE_CHECKING:
    from docx.document import Document

# Zip cannot store dates before 1980; a document with no date of its own gets this one.
UNDATED = datetime(1980, 1, 1, tzinfo=UTC)
HANGING_INDENT_CM = 1.0
LANGUAGE = "sv-SE"
A4_MM = (210, 297)
MARGIN_CM = 2.5


def render_docx(layout: Layout) -> bytes:
    import docx

    document = docx.Document()
    _set_page(document)
    _set_styles(document)
    if layout.heading:
        _kept_with_next(_write(document.add_heading(level=1), layout.heading))
        _kept_with_next(_write(document.add_paragraph(style="Subtitle"), layout.subtitle))
    else:
        _kept_with_next(_write(document.add_heading(level=1), layout.subtitle))
    if layout.note:
        _write(document.add_paragraph(), layout.note, italic=True)
    for section in layout.sections:
        _add_section(document, section)
    if layout.summary:
        _write(document.add_paragraph(), layout.summary)
    _add_footer(document, layout.appeal)
    dated = _dated(layout.dated_on)
    _set_properties(document, layout, dated)
    buffer = io.BytesIO()
    document.save(buffer)
    return with_fixed_times(buffer.getvalue(), dated)


def _add_section(document: Document, section: Section) -> None:
    from docx.shared import Cm

    _kept_with_next(_write(document.add_heading(level=2), section.title))
    if not section.entries:
        _write(document.add_paragraph(), section.empty_text or "", italic=True)
        return
    for entry in section.entries:
        if not section.numbered:
            _write(document.add_paragraph(style="List Bullet"), entry.text)
            continue
        paragraph = _write(document.add_paragraph(), f"{entry.number}.\t{entry.text}")
        layout = paragraph.paragraph_format
        layout.left_indent = Cm(HANGING_INDENT_CM)
        layout.first_line_indent = Cm(-HANGING_INDENT_CM)
        layout.tab_stops.add_tab_stop(Cm(HANGING_INDENT_CM))
        layout.keep_together = True


def _write(paragraph: Any, text: str, *, italic: bool = False) -> Any:
    """Add ``text`` to ``paragraph`` with numbers kept whole; returns the paragraph."""
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    run.italic = italic or None
    for index, part in enumerate(unbreakable(text).split(NB_HYPHEN)):
        if index:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if part:
            run.add_text(part)
    return paragraph


def _kept_with_next(paragraph: Any) -> None:
    # A heading at the foot of a page, its list on the next, is what a reader notices first.
    paragraph.paragraph_format.keep_with_next = True


def _set_page(document: Document) -> None:
    from docx.shared import Cm, Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.header_distance = section.footer_distance = Cm(1.25)


def _add_footer(document: Document, text: str | None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    if text:
        _write(first, text)
        page = footer.add_paragraph()
    else:
        page = first
    # "Sida 1 (3)": PAGE and NUMPAGES fields, so a printed agenda attachment can be checked
    # for a missing page.
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page.add_run("Sida ")
    _add_field(page, "PAGE")
    page.add_run(" (")
    _add_field(page, "NUMPAGES")
    page.add_run(")")


def _add_field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    paragraph._p.append(field)


def _set_styles(document: Document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    # Swedish proofing in Word and LibreOffice, instead of the template's English.
    properties = document.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    properties.append(language)
    # An agenda attachment is printed in black, not in the template's theme blue.
    for name in ("Heading 1", "Heading 2", "Subtitle"):
        document.styles[name].font.color.rgb = RGBColor(0, 0, 0)
        document.styles[name].paragraph_format.keep_with_next = True
    # No single line of a paragraph alone at the top or foot of a page.
    document.styles["Normal"].paragraph_format.widow_control = True


def _set_properties(document: Document, layout: Layout, dated: datetime) -> None:
    properties = document.core_properties
    properties.title = layout.document_title
    properties.subject = layout.subtitle
    properties.author = layout.heading or "delreg"
    properties.last_modified_by = "delreg"
    properties.language = LANGUAGE
    properties.comments = ""
    properties.keywords = ""
    properties.revision = 1
    properties.created = dated
    properties.modified = dated
    properties.last_printed = dated


def _dated(day: str | None) -> datetime:
    if not day:
        return UNDATED
    return max(datetime.fromisoformat(day).replace(tzinfo=UTC), UNDATED)


def with_fixed_times(data: bytes, dated: datetime) -> bytes:
    """The same zip with every entry dated ``dated``, so equal reports are equal files."""
    stamp = dated.timetuple()[:6]
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            copy = zipfile.ZipInfo(entry.filename, date_time=stamp)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = 0o644 << 16
            target.writestr(copy, source.read(entry.filename))
    return output.getvalue()
