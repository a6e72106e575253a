"""The report as a Word document (python-docx), for the board's agenda.

Items keep their numbers as text with a hanging indent instead of Word's automatic numbering:
the numbers are the protocol's references, and automatic numbering would renumber a list with a
gap or restart it differently in Word and LibreOffice.

The file is reproducible: its properties are dated by the meeting (or the period's end), and
the zip container is rewritten with that date, since zip entries otherwise carry the time of
writing.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from delreg.report.layout import Layout, Section

if TYPE_CHECKING:
    from docx.document import Document

# Zip cannot store dates before 1980; a document with no date of its own gets this one.
UNDATED = datetime(1980, 1, 1, tzinfo=UTC)
HANGING_INDENT_CM = 1.0
LANGUAGE = "sv-SE"


def render_docx(layout: Layout) -> bytes:
    import docx

    document = docx.Document()
    _set_styles(document)
    if layout.heading:
        document.add_heading(layout.heading, level=1)
        document.add_paragraph(layout.subtitle, style="Subtitle")
    else:
        document.add_heading(layout.subtitle, level=1)
    if layout.note:
        document.add_paragraph().add_run(layout.note).italic = True
    for section in layout.sections:
        _add_section(document, section)
    if layout.summary:
        document.add_paragraph(layout.summary)
    _add_footer(document, layout.appeal)
    dated = _dated(layout.dated_on)
    _set_properties(document, layout, dated)
    buffer = io.BytesIO()
    document.save(buffer)
    return with_fixed_times(buffer.getvalue(), dated)


def _add_section(document: Document, section: Section) -> None:
    from docx.shared import Cm

    document.add_heading(section.title, level=2)
    if not section.entries:
        document.add_paragraph().add_run(section.empty_text or "").italic = True
        return
    for entry in section.entries:
        if not section.numbered:
            document.add_paragraph(entry.text, style="List Bullet")
            continue
        paragraph = document.add_paragraph(f"{entry.number}.\t{entry.text}")
        layout = paragraph.paragraph_format
        layout.left_indent = Cm(HANGING_INDENT_CM)
        layout.first_line_indent = Cm(-HANGING_INDENT_CM)
        layout.tab_stops.add_tab_stop(Cm(HANGING_INDENT_CM))
        layout.keep_together = True


def _add_footer(document: Document, text: str | None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    if text:
        first.text = text
        page = footer.add_paragraph()
    else:
        page = first
    # A PAGE field, so a printed agenda attachment shows its page numbers.
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page.add_run("Sida ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    page._p.append(field)


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
