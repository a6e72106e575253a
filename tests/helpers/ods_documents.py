"""Invented registry exports as OpenDocument spreadsheets (.ods), written here as the standard
asks (the mimetype first and stored, then the manifest and ``content.xml``), and the same saved
by LibreOffice Calc, committed under tests/fixtures/exports/ (CI need not have LibreOffice):

- ``platina-lo.ods``: ``PLATINA_CSV`` (a title row, a blank row, then the header) opened by
  LibreOffice Calc as semicolon-separated text, with its own guesses of each cell's type (dates
  and amounts typed), saved as .ods;
- ``blad-lo.ods``: ``workbook_ods()`` (two sheets, a merged title over the header, a cell of two
  lines, a hidden row, a date with a time) opened and saved again by LibreOffice Calc, which
  writes empty cells and rows as repeated ones and merged cells as covered ones;
- ``blad-lo.fods``: ``blad-lo.ods`` saved by LibreOffice Calc as a flat (one XML file) document.

This module makes them again::

    PYTHONPATH=. python -m tests.helpers.ods_documents tests/fixtures/exports

Every name and number in them is made up.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from tests import ROOT
from tests.helpers.libreoffice_documents import convert, libreoffice

FIXTURES = ROOT / "tests" / "fixtures" / "exports"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'office:version="1.3"'
)
# A row style that hides its row (Format ▸ Rows ▸ Hide writes table:visibility on the row).
_STYLES = (
    '<style:style style:name="ta1" style:family="table">'
    '<style:table-properties table:display="true"/></style:style>'
    '<style:style style:name="ta2" style:family="table">'
    '<style:table-properties table:display="false"/></style:style>'
)

Cell = str | int | float | bool | date | datetime | None


def ods(
    sheets: str,
    *,
    mimetype: str = ODS_MIMETYPE,
    prologue: str = "",
    manifest_extra: str = "",
    content: bool = True,
) -> bytes:
    """An OpenDocument spreadsheet whose ``office:spreadsheet`` holds ``sheets`` (ODF's XML:
    ``ods_sheet`` gives one)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}'
        f"<office:document-content {_NAMESPACES}>"
        f"<office:automatic-styles>{_STYLES}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        f"{manifest_extra}</manifest:file-entry>"
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        if content:
            package.writestr("content.xml", document, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ods_sheet(name: str, rows: Sequence[Sequence[Cell] | str], *, hidden: bool = False) -> str:
    """A sheet of ``rows``: each a row's cells (``ods_cell``'s values) or its XML as it is."""
    body = "".join(row if isinstance(row, str) else ods_row(ods_cells(row)) for row in rows)
    style = "ta2" if hidden else "ta1"
    return (
        f'<table:table table:name="{_escaped(name)}" table:style-name="{style}">'
        f'<table:table-column table:number-columns-repeated="8"/>{body}</table:table>'
    )


def ods_row(cells: str, *, repeated: int = 1, hidden: bool = False) -> str:
    repeat = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    visibility = ' table:visibility="collapse"' if hidden else ""
    return f"<table:table-row{repeat}{visibility}>{cells}</table:table-row>"


def ods_cells(values: Sequence[Cell]) -> str:
    return "".join(ods_cell(value) for value in values)


def ods_cell(value: Cell) -> str:
    """A cell as LibreOffice writes one of its type: a number's, a date's and a boolean's value
    in its attribute beside the text it shows; text in paragraphs, a line each."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        shown = "SANT" if value else "FALSKT"
        return (
            '<table:table-cell office:value-type="boolean" '
            f'office:boolean-value="{str(value).lower()}"><text:p>{shown}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, int | float):
        shown = f"{value:,}".replace(",", " ")
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    if isinstance(value, date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value:%Y-%m-%d}</text:p></table:table-cell>"
        )
    lines = "".join(f"<text:p>{_escaped(line)}</text:p>" for line in value.split("\n"))
    return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'


def _escaped(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# A registry's export as Platina writes it for a period, a title above its header.
PLATINA_CSV = """\
Delegationsbeslut 2024-02-01--2024-02-29;;;;;;
;;;;;;
Diarienummer;Ärendemening;Beslutsdatum;Beslutsfattare;Delegationspunkt;Belopp (kr);Motpart
KS 2024/101;Avtal om städtjänster Solbacka skola;2024-02-05;Kommundirektör;3.2;1250000;\
Rena Lokaler i Norrby AB
KS 2024/117;Tilldelningsbeslut vinterväghållning;2024-02-12;Teknisk chef;5.1;;
KS 2024/123;Yttrande över detaljplan för Ekbacken;2024-02-20;Plan- och byggchef;;;
"""


def workbook_ods() -> bytes:
    """A registrar's tidied workbook: a title merged over the header's columns, a subject of
    two lines, a row hidden, an empty row between groups, and a second sheet of another
    board's rows."""
    title = ods_row(
        '<table:table-cell office:value-type="string" table:number-columns-spanned="4">'
        "<text:p>Delegationsbeslut februari 2024</text:p></table:table-cell>"
        '<table:covered-table-cell table:number-columns-repeated="3"/>'
    )
    first = ods_sheet(
        "Kommunstyrelsen",
        [
            title,
            ["Diarienr", "Ärendemening", "Beslutsdatum", "Beslutande"],
            ["KS 2024/101", "Avtal om städtjänster\nSolbacka skola", date(2024, 2, 5),
             "Kommundirektör"],
            ods_row(ods_cells(["KS 2024/117", "Vinterväghållning, tilldelning",
                               datetime(2024, 2, 12, 14, 30), "Teknisk chef"]), hidden=True),
            [],
            ["KS 2024/123", "Yttrande över detaljplan för Ekbacken", date(2024, 2, 20), None],
        ],
    )  # fmt: skip
    second = ods_sheet(
        "Byggnadsnämnden",
        [
            ["Diarienr", "Ärendemening", "Beslutsdatum"],
            ["BN 2024-000123", "Bygglov för carport, Granen 1:23", date(2024, 2, 7)],
        ],
    )
    return ods(first + second)


def main(arguments: list[str]) -> None:
    folder = Path(arguments[0]) if arguments else FIXTURES
    folder.mkdir(parents=True, exist_ok=True)
    command = libreoffice()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "platina-lo.csv").write_text(PLATINA_CSV, "utf-8")
        (work / "blad-lo.xml.ods").write_bytes(workbook_ods())
        made = {
            # Semicolons, a double quote, UTF-8 (76), from line 1; dates read as year-month-day.
            "platina-lo.ods": convert(
                command, work, work / "platina-lo.csv", "ods", infilter="CSV:59,34,76,1,,1053"
            ),
            "blad-lo.ods": convert(command, work, work / "blad-lo.xml.ods", "ods"),
        }
        # The same workbook saved as "Flat XML ODF Spreadsheet" (one XML file, unzipped).
        made["blad-lo.fods"] = convert(command, work, made["blad-lo.ods"], "fods")
        for name, path in made.items():
            shutil.copyfile(path, folder / name)
            print(folder / name)


if __name__ == "__main__":
    main(sys.argv[1:])
