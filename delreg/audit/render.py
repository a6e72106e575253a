"""The audit pack's document as a self-contained HTML page and as a Word file.

The HTML page carries its charts inline (data: URIs), so the one file can be mailed or archived
as it is; every value is escaped by the template. The Word file is reproducible like the
board's report: its properties and zip entries are dated by the day the pack was made for.
"""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime

from delreg.audit.layout import AuditDocument, Chart, Heading, Table

CHART_WIDTH_CM = 16.0


def render_html(document: AuditDocument, images: dict[str, bytes]) -> str:
    from delreg.report.templating import render_template

    encoded = {name: base64.b64encode(data).decode("ascii") for name, data in images.items()}
    return render_template("audit.html", package="delreg.audit", document=document, images=encoded)


def render_docx(document: AuditDocument, images: dict[str, bytes]) -> bytes:
    import docx
    from docx.shared import Cm, RGBColor

    from delreg.report.render_docx import LANGUAGE, with_fixed_times

    word = docx.Document()
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        word.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    section = word.sections[0]
    # The internal mark on every page, where a printed page shows it.
    section.header.paragraphs[0].text = document.internal
    warning = word.add_paragraph()
    run = warning.add_run(document.internal)
    run.bold = True
    run.font.color.rgb = RGBColor(0x7A, 0x24, 0x12)
    word.add_heading(document.title, level=1)
    word.add_paragraph(f"Sammanställt {document.dated_on}.")
    for part in document.sections:
        word.add_heading(part.title, level=2)
        for block in part.blocks:
            if isinstance(block, str):
                word.add_paragraph(block)
            elif isinstance(block, Heading):
                word.add_heading(block.text, level=3)
            elif isinstance(block, Table):
                _table(word, block)
            elif isinstance(block, Chart):
                word.add_picture(io.BytesIO(images[block.name]), width=Cm(CHART_WIDTH_CM))
                word.add_paragraph(block.caption).runs[0].italic = True
    dated = datetime.fromisoformat(document.dated_on).replace(tzinfo=UTC)
    properties = word.core_properties
    properties.title = document.title
    properties.author = "delreg"
    properties.last_modified_by = "delreg"
    properties.language = LANGUAGE
    properties.keywords = "intern handling"
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = dated
    buffer = io.BytesIO()
    word.save(buffer)
    return with_fixed_times(buffer.getvalue(), dated)


def _table(word: object, table: Table) -> None:
    from docx.shared import Cm

    grid = word.add_table(rows=1, cols=len(table.headers))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    grid.autofit = False
    widths = [Cm(width) for width in column_widths(table)]
    # LibreOffice reads the grid's widths, Word the cells': set both.
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for cell, header, width in zip(grid.rows[0].cells, table.headers, widths, strict=True):
        cell.text = header
        cell.width = width
        cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value, width in zip(cells, row, widths, strict=True):
            cell.text = value
            cell.width = width


def column_widths(table: Table, total: float = CHART_WIDTH_CM) -> list[float]:
    """Widths in cm: each column first gets room for its longest word (at about 0.25 cm a
    character, so a header or a title never breaks inside a word), and what is left goes to
    the columns by how much text they hold."""
    rows = (table.headers, *table.rows)
    columns = range(len(table.headers))
    least = [
        min(max(len(word) for cells in rows for word in [*cells[i].split(), ""]), 22) * 0.25 + 0.5
        for i in columns
    ]
    text = [min(max(len(cells[i]) for cells in rows), 60) for i in columns]
    rest = total - sum(least)
    if rest <= 0:
        return [total * width / sum(least) for width in least]
    return [width + rest * size / (sum(text) or 1) for width, size in zip(least, text, strict=True)]
