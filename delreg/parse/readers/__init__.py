"""The kinds of document `delreg import` reads: one small module per kind, each with the names
``Reader`` lists, and ``READERS``, the one table of them.

To read a new kind of document, add a module here and a line to the table: `import --format`,
telling an input's kind from its name and first bytes, and the importer all go by the table.
The table is read at start-up, so a module imports its parser (and any heavy library) only
inside ``read``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from delreg.parse.readers import (
    agenda_docx,
    agenda_html,
    agenda_odt,
    agenda_pdf,
    agenda_text,
    csv_export,
    json_export,
    ods_workbook,
    tsv_export,
    xlsx_workbook,
)
from delreg.parse.readers.base import Reader, ReadRequest

# Detection asks them in this order: a PDF, a word processor's document, a workbook and a web
# page are known by their first bytes (a Word document, an OpenDocument text and an
# OpenDocument spreadsheet before the Excel workbook, which takes any other zip), JSON and a
# table by their first lines; agenda text, last, is what anything else is read as.
READERS: Mapping[str, Reader] = MappingProxyType(
    {
        "pdf": agenda_pdf,
        "docx": agenda_docx,
        "odt": agenda_odt,
        "ods": ods_workbook,
        "xlsx": xlsx_workbook,
        "html": agenda_html,
        "json": json_export,
        "csv": csv_export,
        "tsv": tsv_export,
        "text": agenda_text,
    }
)

__all__ = ["READERS", "ReadRequest", "Reader"]
