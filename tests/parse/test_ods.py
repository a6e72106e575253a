"""OpenDocument spreadsheets (.ods) read as registry exports (delreg.parse.ods): LibreOffice
Calc's own files (tests/fixtures/exports/*-lo.ods, tests.helpers.ods_documents) and files
written here with each thing the format says in its own way."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.errors import InputError
from delreg.model import Decision
from delreg.parse import Record, Rejected
from delreg.parse.detect import detect_format
from delreg.parse.ods import read_fods, read_ods
from delreg.parse.readers.base import HEAD_BYTES
from delreg.parse.tabular import read_csv
from tests.helpers import FIXTURES, Invoke, as_json
from tests.helpers.ods_documents import (
    Cell,
    ods,
    ods_cell,
    ods_cells,
    ods_row,
    ods_sheet,
    workbook_ods,
)

CONFIG = load_config()
EXPORTS = FIXTURES / "exports"
HEADER: list[Cell] = ["Diarienummer", "Ärendemening", "Beslutsdatum", "Beslutsfattare"]


def read(document: bytes | Path, **options: object) -> list[Record]:
    data = document.read_bytes() if isinstance(document, Path) else document
    return list(read_ods(io.BytesIO(data), source="export.ods", config=CONFIG, **options))  # type: ignore[arg-type]


def fields(records: list[Record], *names: str) -> list[tuple[object, ...]]:
    return [tuple(getattr(record, name, "rejected") for name in names) for record in records]


def test_a_csv_export_saved_by_libreoffice_calc() -> None:
    records = read(EXPORTS / "platina-lo.ods")
    assert records[0] == Decision(
        diary_number="KS 2024/101",
        kind="beslut",
        subject="Avtal om städtjänster Solbacka skola",
        parties=("Rena Lokaler i Norrby AB",),
        delegate="Kommundirektör",
        decided_on="2024-02-05",
        delegation_point="3.2",
        amount=1250000,
        source="export.ods:platina-lo!4",
    )
    assert fields(records, "source", "diary_number", "decided_on") == [
        ("export.ods:platina-lo!4", "KS 2024/101", "2024-02-05"),
        ("export.ods:platina-lo!5", "KS 2024/117", "2024-02-12"),
        ("export.ods:platina-lo!6", "KS 2024/123", "2024-02-20"),
    ]


@pytest.mark.parametrize(
    "document", [EXPORTS / "blad-lo.ods", workbook_ods()], ids=["libreoffice", "written"]
)
def test_a_tidied_workbook_merged_title_lines_hidden_row_and_sheets(
    document: bytes | Path,
) -> None:
    # The title merged over four columns, the header below it; a cell of two lines; a hidden
    # row read as a workbook's is; an empty row skipped; a date with a time its day.
    read_fields = fields(
        read(document), "source", "diary_number", "subject", "decided_on", "delegate"
    )
    assert read_fields == [
        ("export.ods:Kommunstyrelsen!3", "KS 2024/101", "Avtal om städtjänster Solbacka skola",
         "2024-02-05", "Kommundirektör"),
        ("export.ods:Kommunstyrelsen!4", "KS 2024/117", "Vinterväghållning, tilldelning",
         "2024-02-12", "Teknisk chef"),
        ("export.ods:Kommunstyrelsen!6", "KS 2024/123", "Yttrande över detaljplan för Ekbacken",
         "2024-02-20", None),
    ]  # fmt: skip
    for name in ("Byggnadsnämnden", "byggnadsnämnden"):
        assert fields(read(document, sheet=name), "source", "diary_number") == [
            ("export.ods:Byggnadsnämnden!2", "BN 2024-000123")
        ]
    with pytest.raises(InputError, match="has no sheet 'Miljönämnden'") as raised:
        read(document, sheet="Miljönämnden")
    assert raised.value.hint == "the sheets are: 'Kommunstyrelsen', 'Byggnadsnämnden'"


def test_repeated_cells_and_rows_count_as_often_as_they_stand() -> None:
    # LibreOffice writes a row's empty cells to the sheet's last column as one cell repeated,
    # and the empty rows to its last row as one row repeated: neither is read a million times.
    date_twice = (
        '<table:table-cell office:value-type="date" office:date-value="2024-03-05" '
        'table:number-columns-repeated="2"><text:p>2024-03-05</text:p></table:table-cell>'
    )
    rows = [
        ods_row(ods_cells([*HEADER[:3], "Meddelat", HEADER[3]])
                + '<table:table-cell table:number-columns-repeated="16379"/>'),
        ods_row('<table:table-cell table:number-columns-repeated="1024"/>', repeated=3),
        ods_row(ods_cell("KS 2024/140") + ods_cell("Avtal om skolskjuts") + date_twice
                + ods_cell("Skolchef")),
        ods_row(ods_cell("KS 2024/141") + ods_cell("Avtal om kopiering"), repeated=2),
        ods_row('<table:table-cell table:number-columns-repeated="1024"/>', repeated=1048000),
    ]  # fmt: skip
    records = read(ods(ods_sheet("Blad1", rows)))
    assert fields(records, "source", "decided_on", "notified_on", "delegate") == [
        ("export.ods:Blad1!5", "2024-03-05", "2024-03-05", "Skolchef"),
        ("export.ods:Blad1!6", None, None, None),
        ("export.ods:Blad1!7", None, None, None),
    ]
    # The row written once for two is two rows, each on its own, as a sheet shows them.
    assert records[1] == replace(records[2], source="export.ods:Blad1!6")


def test_a_cells_text_spaces_tabs_breaks_links_and_comments() -> None:
    subject = (
        '<table:table-cell office:value-type="string">'
        "<office:annotation><text:p>Kolla med Lisa</text:p></office:annotation>"
        '<text:p>Avtal<text:s text:c="3"/>om <text:span>tolk</text:span>tjänster'
        "<text:line-break/>för <text:a>Norrby</text:a></text:p>"
        "</table:table-cell>"
    )
    rows = [HEADER, ods_row(ods_cell("KS 2024/150") + subject)]
    (record,) = read(ods(ods_sheet("Blad1", rows)))
    assert isinstance(record, Decision)
    assert record.subject == "Avtal om tolktjänster för Norrby"


def test_typed_cells_as_an_excel_workbooks() -> None:
    header: list[Cell] = [
        "Diarienummer",
        "Ärendemening",
        "Beslutsdatum",
        "Sekretess",
        "Belopp (kr)",
    ]
    rows: list[list[Cell]] = [
        header,
        ["KS 2024/160", "Avtal om hyra av moduler", datetime(2024, 3, 5, 0, 0), False, 1250000],
        ["KS 2024/161", "Avtal om el", date(2024, 3, 6), True, 57300.0],
        ["KS 2024/162", "Avtal om gas", date(2024, 3, 7), False, 12.5],
    ]
    first, second, third = read(ods(ods_sheet("Blad1", rows)))
    assert fields([first, second], "decided_on", "secret", "amount") == [
        ("2024-03-05", False, 1250000),
        ("2024-03-06", True, 57300),
    ]
    assert isinstance(third, Rejected) and third.source == "export.ods:Blad1!4"
    assert "amount (Belopp (kr))" in third.reason


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('<table:table-cell office:value-type="float" office:value="tolv"/>',
         "column 3: its float value 'tolv' cannot be read"),
        ('<table:table-cell office:value-type="date" office:date-value="2024-02-30"/>',
         "column 3: its date value '2024-02-30' cannot be read"),
        ('<table:table-cell table:number-columns-repeated="-4"/>', "repeats a row or cell '-4'"),
    ],
)  # fmt: skip
def test_a_cell_that_cannot_be_read_is_an_error_with_its_row(cell: str, message: str) -> None:
    rows: list[list[Cell] | str] = [HEADER, ["KS 2024/170", "Avtal om el", date(2024, 3, 5)],
            ods_row(ods_cell("KS 2024/171") + ods_cell("Avtal om vatten") + cell)]  # fmt: skip
    with pytest.raises(InputError, match=message) as raised:
        read(ods(ods_sheet("Blad1", rows)))
    assert raised.value.source == "export.ods:Blad1!3"


def test_a_cell_longer_than_the_limit_is_refused_with_its_row(tmp_path: Path) -> None:
    most = 1000
    path = tmp_path / "delreg.toml"
    path.write_text(f"[limits]\nline_chars = {most}\n", "utf-8")
    limited = load_config(path)
    spaces = f'<table:table-cell><text:p>a<text:s text:c="{10**9}"/>b</text:p></table:table-cell>'
    for cell in (ods_cell("x" * (most + 1)), spaces):
        rows = [HEADER, ods_row(ods_cell("KS 2024/180") + cell)]
        with pytest.raises(InputError, match="holds a cell longer than 1 000") as raised:
            list(read_ods(io.BytesIO(ods(ods_sheet("Blad1", rows))), source="export.ods",
                          config=limited))  # fmt: skip
        assert raised.value.source == "export.ods:Blad1!2"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (ods("", prologue='<!DOCTYPE x [<!ENTITY a "aaaa">]>'), "declares XML entities"),
        (ods("", manifest_extra="<manifest:encryption-data/>"), "is protected by a password"),
        (ods("", content=False), "without an OpenDocument spreadsheet in it"),
        (ods(""), "has no sheet"),
        (ods("<table:table"), "is not well-formed XML"),
        (b"PK\x03\x04" + bytes(60), "is not a readable zip package"),
    ],
)
def test_what_is_no_spreadsheet_is_refused(document: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read(document)


@pytest.mark.parametrize(
    ("name", "detected"),
    [("export.ods", "ods"), ("export.xlsx", "ods"), ("export.odt", "ods"), ("-", "ods")],
)
def test_a_spreadsheet_is_told_by_its_content(name: str, detected: str) -> None:
    assert detect_format(name, workbook_ods()[:HEAD_BYTES]) == detected
    # A zip whose start does not tell: the name does.
    assert detect_format("ark.ods", b"PK\x03\x04") == "ods"


def test_a_flat_opendocument_spreadsheet_is_read_as_its_ods(delreg: Invoke, tmp_path: Path) -> None:
    # blad-lo.fods is blad-lo.ods saved by LibreOffice Calc as "Flat XML ODF Spreadsheet".
    flat = (EXPORTS / "blad-lo.fods").read_bytes()
    assert detect_format("blad-lo.fods", flat[:HEAD_BYTES]) == "ods"
    # Its root names its kind, whatever the name (standard input, a renamed file).
    assert detect_format("-", flat[:HEAD_BYTES]) == "ods"
    assert detect_format("export.xml", flat[:HEAD_BYTES]) == "ods"
    for sheet in (None, "byggnadsnämnden"):
        records = read_fods(io.BytesIO(flat), source="export.ods", config=CONFIG, sheet=sheet)
        from_flat = list(records)
        assert from_flat == read(EXPORTS / "blad-lo.ods", sheet=sheet)
        assert from_flat
    # Entities are refused as in an .ods's content.
    root = b"<office:document "
    bomb = flat.replace(root, b'<!DOCTYPE x [<!ENTITY a "aaaa">]>\n' + root, 1)
    with pytest.raises(InputError, match="declares XML entities"):
        list(read_fods(io.BytesIO(bomb), source="export.fods", config=CONFIG))
    path = tmp_path / "delegationsbeslut.fods"
    path.write_bytes(flat)
    result = delreg("import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert as_json(result)["inserted"] == 3


def test_import_an_ods_export_into_the_register(delreg: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "delegationsbeslut.ods"
    path.write_bytes(workbook_ods())
    result = delreg("import", str(path), "--sheet", "Byggnadsnämnden", "--json")
    assert result.exit_code == 0, result.stderr
    assert as_json(result)["inserted"] == 1
    result = delreg("import", str(EXPORTS / "platina-lo.ods"), "--meeting", "2024-03-14")
    assert result.exit_code == 0, result.stderr
    assert "3 decisions, 0 rejected, 0 notices" in result.stderr
    listed = as_json(delreg("list", "--format", "json"))
    assert sorted(decision["diary_number"] for decision in listed) == [
        "BN 2024-000123", "KS 2024/101", "KS 2024/117", "KS 2024/123",
    ]  # fmt: skip
    assert {decision["source"] for decision in listed} >= {
        f"{path}:Byggnadsnämnden!2",
        f"{EXPORTS / 'platina-lo.ods'}:platina-lo!4",
    }


_CELL_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.from_regex(r"KS 2024/[1-9][0-9]{0,3}", fullmatch=True), _CELL_TEXT,
                  _CELL_TEXT),
        min_size=1, max_size=8,
    )
)  # fmt: skip
def test_an_ods_reads_as_the_same_rows_as_csv(rows: list[tuple[str, str, str]]) -> None:
    # Whatever its cells hold, a sheet gives the records its rows give as CSV, row for row.
    header = ["Diarienummer", "Ärendemening", "Beslutsfattare"]
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\n").writerows([header, *rows])
    as_csv = list(read_csv(io.StringIO(text.getvalue()), source="e", config=CONFIG))
    as_ods = read(ods(ods_sheet("Blad1", [header, *rows])))
    assert [_without_source(record) for record in as_ods] == [
        _without_source(record) for record in as_csv
    ]


def _without_source(record: Record) -> object:
    if isinstance(record, Rejected):
        return ("rejected", record.reason.replace("line", "row"))
    return record.to_json() | {"source": None}  # type: ignore[union-attr]


def test_a_formulas_error_is_read_as_it_shows_and_its_row_rejected() -> None:
    # LibreOffice writes an error's cell as text with an empty value beside what it shows.
    error = (
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
        'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
        "</table:table-cell>"
    )
    rows: list[list[Cell] | str] = [
        ["Diarienummer", "Ärendemening", "Belopp"],
        ods_row(ods_cell("KS 2024/190") + ods_cell("Avtal om el") + error),
    ]
    (record,) = read(ods(ods_sheet("Blad1", rows)))
    assert isinstance(record, Rejected) and record.source == "export.ods:Blad1!2"
    assert "'#DIV/0!' is not an amount" in record.reason


def test_a_hidden_first_sheet_is_the_first_as_in_a_workbook() -> None:
    hidden = ods_sheet("Gamla", [HEADER, ["KS 2023/9", "Avtal om el"]], hidden=True)
    shown = ods_sheet("Blad1", [HEADER, ["KS 2024/9", "Avtal om gas"]])
    document = ods(hidden + shown)
    assert fields(read(document), "source") == [("export.ods:Gamla!2",)]
    assert fields(read(document, sheet="Blad1"), "source") == [("export.ods:Blad1!2",)]


def test_a_sheet_is_chosen_by_its_exact_name_first_then_by_a_name_alike_but_for_case(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    from delreg.parse.xlsx import read_xlsx

    sheets: list[tuple[str, list[list[Cell]]]] = [
        ("blad2", [HEADER, ["KS 2024/21", "Avtal om el"]]),
        ("Blad2", [HEADER, ["KS 2024/22", "Avtal om gas"]]),
        ("Kommunstyrelsen", [HEADER, ["KS 2024/23", "Avtal om tolk"]]),
    ]
    document = ods("".join(ods_sheet(name, rows) for name, rows in sheets))
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, rows in sheets:
        # Excel (and openpyxl) keep sheets' names apart but for case; other programs that
        # write workbooks need not: the second's name is given back in the saved file.
        sheet = book.create_sheet(f"X{name}" if name == "Blad2" else name)
        for row in rows:
            sheet.append(row)
    saved = tmp_path / "saved.xlsx"
    book.save(saved)
    path = tmp_path / "export.xlsx"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'name="XBlad2"', b'name="Blad2"')
            target.writestr(item, data)

    def numbers(kind: str, sheet: str) -> list[tuple[object, ...]]:
        if kind == "ods":
            return fields(read(document, sheet=sheet), "diary_number")
        records = read_xlsx(path, source="export.xlsx", config=CONFIG, sheet=sheet)
        return fields(list(records), "diary_number")

    for kind in ("ods", "xlsx"):
        # The exact name wins over one alike that stands before it; a name that only one sheet
        # has but for case is that sheet's.
        assert numbers(kind, "Blad2") == [("KS 2024/22",)], kind
        assert numbers(kind, "blad2") == [("KS 2024/21",)], kind
        assert numbers(kind, "KOMMUNSTYRELSEN") == [("KS 2024/23",)], kind
        # Two alike but for case, neither exactly: which one is meant is not guessed.
        with pytest.raises(InputError, match="has no sheet 'BLAD2', and 2 whose") as raised:
            numbers(kind, "BLAD2")
        assert raised.value.hint == "name one of them exactly: 'blad2', 'Blad2'"


def test_a_row_written_once_for_many_is_read_once_each_where_it_stands() -> None:
    header = ods_row(ods_cells(["Diarienummer", "Ärendemening", "Källa"]))
    rows = [
        header,
        ods_row(ods_cells(["KS 2024/195", "Avtal om el", None]), repeated=3),
        ods_row(ods_cells(["KS 2024/196", "Avtal om gas", "dagordning.txt:12"]), repeated=2),
        ods_row(ods_cells(["", "Avtal utan nummer", None]), repeated=2),
    ]
    records = read(ods(ods_sheet("Blad1", rows)))
    # Each row its own source, unless the row names its own (a register's export read back).
    assert [record.source for record in records] == [
        "export.ods:Blad1!2", "export.ods:Blad1!3", "export.ods:Blad1!4",
        "dagordning.txt:12", "dagordning.txt:12",
        "export.ods:Blad1!7", "export.ods:Blad1!8",
    ]  # fmt: skip
    assert all(isinstance(record, Rejected) for record in records[-2:])
