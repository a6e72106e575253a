"""Registry exports as the diary systems write them (Platina, Public 360, W3D3, Ciceron …) and as
registrars tidy them in Excel or LibreOffice: their column names, their dates and amounts, and
the rows about the rows (a group's title, a total). Every export here is invented."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from delreg.config import load_config
from delreg.model import Decision
from delreg.parse import Record, Rejected
from delreg.parse.tabular import read_csv
from tests.helpers import Invoke

CONFIG = load_config()


def read(text: str) -> list[Record]:
    return list(read_csv(io.StringIO(text), source="export.csv", config=CONFIG))


def decision(record: Record) -> Decision:
    assert isinstance(record, Decision), record
    return record


def why(record: Record) -> str:
    assert isinstance(record, Rejected), record
    return record.reason


# Public 360's and W3D3's names for the columns, a title and a blank row above the header.
PUBLIC_360 = """\
Delegationsbeslut 2024-02-01--2024-02-29;;;;;;;;
;;;;;;;;
Ärende-ID;Handlingsrubrik;Datum för beslut;Delegationsordningens punkt;\
Handläggare/Beslutsfattare;Leverantör;Belopp (kr);Sekretess;Registreringsdatum
KS 2024/101;Avtal om städtjänster Solbacka skola;2024-02-05;3.2;Kommundirektör;\
Rena Lokaler i Norrby AB;1 250 000 kr;Nej;2024-02-07
KS 2024/117;Tilldelningsbeslut vinterväghållning;2024-02-12;5.1;Teknisk chef;;;Ja;2024-02-13
"""


def test_the_column_names_of_the_diary_systems() -> None:
    first, second = map(decision, read(PUBLIC_360))
    assert first == Decision(
        diary_number="KS 2024/101",
        kind="beslut",
        subject="Avtal om städtjänster Solbacka skola",
        parties=("Rena Lokaler i Norrby AB",),
        delegate="Kommundirektör",
        decided_on="2024-02-05",
        delegation_point="3.2",
        amount=1250000,
        source="export.csv:4",
    )
    # The registration's date is no decision's: it is left out, not taken for one.
    assert (second.decided_on, second.secret, second.delegation_point) == (
        "2024-02-12",
        True,
        "5.1",
    )


@pytest.mark.parametrize(
    ("header", "subject"),
    [
        # A case's title, a document's title: each is the subject where nothing else is.
        ("Diarienr;Ärenderubrik;Anteckning", "Avtal om tolktjänster"),
        ("Diarienr;Handlingstitel;Anteckning", "Avtal om tolktjänster"),
        # Beside a subject column they are left out, as they always were.
        ("Diarienr;Ärendemening;Handlingsrubrik", "Avtal om tolktjänster"),
        ("Diarienr;Handlingsrubrik;Ärendemening", "Tolk"),
    ],
)
def test_a_title_column_is_the_subject_where_no_subject_column_is(
    header: str, subject: str
) -> None:
    (record,) = read(f"{header}\nKS 2024/130;Avtal om tolktjänster;Tolk\n")
    assert decision(record).subject == subject


def test_the_document_title_comes_before_the_case_title() -> None:
    text = "Diarienr;Ärenderubrik;Handlingsrubrik\nKS 2024/131;Upphandling tolk;Tilldelning\n"
    assert decision(read(text)[0]).subject == "Tilldelning"


def test_ansvarig_decides_only_in_a_case_system_of_properties() -> None:
    # A building board's export: the officer responsible decided under delegation.
    building = "Diarienr;Åtgärd;Fastighet;Ansvarig\nBN 2024-000301;Bygglov;Granen 1:23;Per Ek\n"
    assert decision(read(building)[0]).delegate == "Per Ek"
    # A region's registry: the case's officer decided nothing.
    region = "Diarienr;Ärendemening;Ansvarig\nRS 2024/12;Avtal om el;Per Ek\n"
    assert decision(read(region)[0]).delegate is None


def test_import_an_export_by_its_own_names(delreg: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "public360.csv"
    path.write_text(PUBLIC_360, encoding="utf-8-sig")
    result = delreg("import", str(path), "--meeting", "2024-03-14")
    assert result.exit_code == 0, result.stderr
    assert "2 decisions, 0 rejected, 0 notices" in result.stderr
    listed = json.loads(delreg("list", "--format", "json").stdout)
    assert sorted(
        (row["diary_number"], row["delegate"], row["delegation_point"]) for row in listed
    ) == [
        ("KS 2024/101", "Kommundirektör", "3.2"),
        ("KS 2024/117", "Teknisk chef", "5.1"),
    ]


DATED = """\
Diarienr;Ärendemening;Beslutsdatum;Belopp (kr)
KS 2024/201;Avtal om hyra av moduler;45352;1 250 000 kr
KS 2024/202;Avtal om el;2024-03-05 00:00:00;1 250 000,00 kr
KS 2024/203;Avtal om gas;2024-03-05T00:00:00;57 300
KS 2024/204;Avtal om vatten;5/3/2024;
KS 2024/205;Avtal om fjärrvärme;5/3-2024;
KS 2024/206;Avtal om tolk;5/3/2024 00:00;
KS 2024/207;Avtal om kopiering;45352.5;
KS 2024/208;Avtal om skolskjuts;3/13/2024;
KS 2024/209;Avtal om bredband;12345;
"""


def test_dates_and_amounts_as_exports_write_them() -> None:
    *read_well, month_first, no_serial = read(DATED)
    assert [(decision(r).decided_on, decision(r).amount) for r in read_well] == [
        # An Excel serial number where the cell lost its date format: Excel's day 45352.
        ("2024-03-01", 1250000),
        ("2024-03-05", 1250000),
        ("2024-03-05", 57300),
        # Day first, as "19.1.2024" and "19/1 2024" are read.
        ("2024-03-05", None),
        ("2024-03-05", None),
        ("2024-03-05", None),
        ("2024-03-01", None),
    ]
    # A month first is no real date (month 13); a number far from today's serials is no date.
    assert isinstance(month_first, Rejected) and "not a real date" in month_first.reason
    assert isinstance(no_serial, Rejected) and "'12345' is not a date" in no_serial.reason


def test_an_excel_serial_number_in_a_workbooks_date_column(tmp_path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    from delreg.parse.xlsx import read_xlsx

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Diarienr", "Ärendemening", "Beslutsdatum"])
    sheet.append(["KS 2024/210", "Avtal om el", 45292])
    path = tmp_path / "export.xlsx"
    book.save(path)
    (record,) = read_xlsx(path, source="export.xlsx", config=CONFIG)
    assert decision(record).decided_on == "2024-01-01"


# A report printed from the diary system by delegate, tidied in Excel: each group's title above
# its rows, an empty row between groups, a total at the foot.
GROUPED = """\
Delegationsbeslut 2024-02-01--2024-02-29;;
;;
Diarienr;Ärendemening;Beslutsdatum
Delegat: Kommundirektör;;
KS 2024/301;Avtal om städtjänster;2024-02-05
KS 2024/302;Avtal om el;2024-02-06
;;
Delegat: Teknisk chef;;
KS 2024/303;Tilldelning vinterväghållning;2024-02-12
Personalärenden;;
KS 2024/304;Anställning av enhetschef;2024-02-14
Summa;;
Antal: 4;;
KS 2024/305;Avtal om tolk;2024-02-20
"""


def test_a_groups_title_gives_its_rows_their_delegate() -> None:
    records = read(GROUPED)
    assert [
        (r.source, r.diary_number, r.delegate) if isinstance(r, Decision) else (r.source, why(r))
        for r in records
    ] == [
        ("export.csv:5", "KS 2024/301", "Kommundirektör"),
        ("export.csv:6", "KS 2024/302", "Kommundirektör"),
        ("export.csv:9", "KS 2024/303", "Teknisk chef"),
        # A heading that names no column (line 10) is left out and gives its rows nothing: the
        # delegate's title above it is still in force. The totals (lines 12, 13) are left out.
        ("export.csv:11", "KS 2024/304", "Teknisk chef"),
        # A total ends the groups above it.
        ("export.csv:14", "KS 2024/305", None),
    ]  # fmt: skip


def test_a_total_or_heading_that_may_be_a_decision_is_rejected_on_its_row() -> None:
    # A "total" with a diary number or a date may be a decision whose subject was typed over:
    # rejected, not left out. A lone text where the subject's column is first is a decision
    # without its number, not a heading.
    text = (
        "Dnr;Ärendemening;Beslutsdatum\n"
        "Summa;;2024-02-29\n"
        "Totalt KS 2024/401;;\n"
        "Totalt 34 beslut;;\n"
    )
    assert [why(r) for r in read(text)] == [
        "a total row ('Summa 2024-02-29') with a diary number or a date: a decision's? Correct "
        "its row, or delete it from the export",
        "a total row ('Totalt KS 2024/401') with a diary number or a date: a decision's? "
        "Correct its row, or delete it from the export",
    ]
    assert [why(r) for r in read("Ärendemening;Dnr;Beslutsdatum\nAvtal om el;;\n")] == [
        "diary_number (Dnr): missing"
    ]


def test_a_month_first_date_in_an_export_is_rejected_saying_how_it_was_read() -> None:
    text = "Diarienr;Ärendemening;Beslutsdatum\nKS 2024/501;Avtal om tolk;3/13/2024 00:00\n"
    assert [why(r) for r in read(text)] == [
        "decided_on (Beslutsdatum): '3/13/2024' is not a real date (read day first, as a "
        "Swedish date is written: day 3, month 13; month first it would be 2024-03-13, which "
        "is not guessed)"
    ]


def test_a_groups_title_fills_only_what_a_row_leaves_empty() -> None:
    text = (
        "Diarienr;Ärendemening;Beslutsfattare;Beslutsdatum\n"
        "Beslutsfattare: Skolchef;;;\n"
        "BUN 2024/11;Skolskjuts;;2024-02-05\n"
        "BUN 2024/12;Modersmål;Rektor Norrby skola;2024-02-06\n"
        "Beslutsdatum: 2024-02-07;;;\n"
        "BUN 2024/13;Läxhjälp;;\n"
    )
    assert [(decision(r).delegate, decision(r).decided_on) for r in read(text)] == [
        ("Skolchef", "2024-02-05"),
        ("Rektor Norrby skola", "2024-02-06"),
        ("Skolchef", "2024-02-07"),
    ]


def test_a_workbooks_group_titles_and_total(tmp_path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    from delreg.parse.xlsx import read_xlsx

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in csv.reader(io.StringIO(GROUPED), delimiter=";"):
        sheet.append([cell or None for cell in row])
    # A header merged over two columns' cells, as a tidied sheet has it: the first names it.
    sheet.insert_cols(3)
    sheet.merge_cells("B3:C3")
    path = tmp_path / "export.xlsx"
    book.save(path)
    records = list(read_xlsx(path, source="export.xlsx", config=CONFIG))
    assert [
        (r.source, r.delegate) if isinstance(r, Decision) else (r.source, why(r)[:13])
        for r in records
    ] == [
        ("export.xlsx:Sheet!5", "Kommundirektör"),
        ("export.xlsx:Sheet!6", "Kommundirektör"),
        ("export.xlsx:Sheet!9", "Teknisk chef"),
        ("export.xlsx:Sheet!11", "Teknisk chef"),
        ("export.xlsx:Sheet!14", None),
    ]
    assert decision(records[0]).subject == "Avtal om städtjänster"


def test_import_tells_the_group_titles_it_read(delreg: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "grupperad.csv"
    path.write_text(GROUPED, encoding="utf-8")
    # A monthly job over a tidied export: no row is rejected, so none needs --skip-invalid.
    result = delreg("import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["inserted"] == 5
    (account,) = summary["inputs"]
    # Every row below the header is a decision, a group's title, a heading or a total.
    assert (
        account["decisions"],
        account["rejected"],
        account["group_rows"],
        account["heading_rows"],
        account["total_rows"],
    ) == (5, 0, 2, 1, 2)
    told = delreg("import", str(path), "--dry-run").stderr
    assert (
        "(2 group titles given to the rows below, 2 total rows left out, "
        "1 heading naming no column left out)"
    ) in told
    listed = json.loads(delreg("list", "--format", "json").stdout)
    assert {row["diary_number"]: row["delegate"] for row in listed}["KS 2024/303"] == "Teknisk chef"
