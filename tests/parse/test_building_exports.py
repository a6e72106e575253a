"""A building or environment board's export from its case system (ByggR-, Ecos-like): the
property and what the decision allows stand in columns of their own ("Fastighet", "Åtgärd"),
who handled it in "Handläggare". Each completes the decision instead of being left out, in a
CSV, an Excel sheet and a PDF table alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

from delreg.parse.registry_rows import ColumnNames
from delreg.parse.table_columns import column_roles
from tests.helpers import FIXTURES, Invoke, built_in_config

CONFIG = built_in_config()


EXPORTS = FIXTURES / "exports"

BYGGR = [
    ("BN 2024-000201", "Bygglov, Nybyggnad av enbostadshus, GRANEN 1:23", "Anna Lind",
     "2024-03-04"),
    ("BN 2024-000207", "Startbesked, Tillbyggnad av garage, Tallen 4", "Per Ek", "2024-03-05"),
    ("BN 2024-000215", "Rivningslov, Rivning av förråd, Del av Björkhagen 2:15", "Anna Lind",
     "2024-03-07"),
    ("BN 2024-000220", "Förhandsbesked, Nybyggnad av fritidshus, LÖVSTA 3:1", "Per Ek",
     "2024-03-08"),
    # An empty "Åtgärd" leaves no empty part.
    ("BN 2024-000226", "Byggsanktionsavgift, Sjövik 1:45", "Per Ek", "2024-03-11"),
]  # fmt: skip


def listed(delreg: Invoke) -> list[tuple[str, str, str | None, str | None]]:
    rows = json.loads(delreg("list", "--format", "json").stdout)
    found = [(r["diary_number"], r["subject"], r["delegate"], r["decided_on"]) for r in rows]
    return sorted(found)


def test_a_byggr_export_keeps_the_property_and_the_measure_in_the_subject(
    delreg: Invoke,
) -> None:
    imported = delreg("import", str(EXPORTS / "bn-byggr.csv"))
    assert imported.exit_code == 0, imported.stderr
    assert listed(delreg) == BYGGR


def test_the_same_export_as_an_excel_sheet_reads_alike(delreg: Invoke, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Delegationsbeslut bygglov, mars 2024"])
    sheet.append([])
    with (EXPORTS / "bn-byggr.csv").open(encoding="utf-8") as stream:
        for row in csv.reader(stream, delimiter=";"):
            sheet.append(row)
    book.save(tmp_path / "byggr.xlsx")
    imported = delreg("import", str(tmp_path / "byggr.xlsx"))
    assert imported.exit_code == 0, imported.stderr
    assert listed(delreg) == BYGGR


def test_an_ecos_export_names_who_decided_before_who_handled_it(delreg: Invoke) -> None:
    imported = delreg("import", str(EXPORTS / "mhn-ecos.csv"))
    assert imported.exit_code == 0, imported.stderr
    # A kind the configuration does not know keeps its word ("Föreläggande"), unless the
    # subject says it already ("Avgift för tillsyn").
    assert listed(delreg) == [
        ("MHN 2024-567", "Föreläggande, Åtgärder för enskilt avlopp, STORBY 3:4, 26 kap. 9 § MB",
         "Miljöinspektör", "2024-04-02"),
        ("MHN 2024-571", "Avgift för tillsyn, Kvarnen 2, 27 kap. 1 § MB", "Miljöinspektör",
         "2024-04-03"),
        ("MHN 2024-580", "Registrering av livsmedelsanläggning, Torget 5", "Livsmedelsinspektör",
         "2024-04-04"),
    ]  # fmt: skip
    shown = json.loads(delreg("show", "MHN 2024-567", "--format", "json").stdout)
    assert shown["delegation_point"] == "6.3"


def test_handlaggare_is_who_decided_in_a_case_system_s_export_where_no_column_says_better() -> None:
    names = ColumnNames(CONFIG)
    alone = names.columns(["Dnr", "Beslut", "Fastighet", "Handläggare"])
    assert alone is not None
    row = ["BN 2024-000201", "Bygglov", "GRANEN 1:23", "Anna Lind"]
    assert alone.values(row)["delegate"] == "Anna Lind"
    both = names.columns(["Dnr", "Beslut", "Fastighet", "Handläggare", "Beslutsfattare"])
    assert both is not None
    assert both.values([*row, "Bygglovschef"]) == {
        "diary_number": "BN 2024-000201",
        "subject": "Bygglov, GRANEN 1:23",
        "delegate": "Bygglovschef",
    }
    # A region's registry: its case officer decided nothing.
    registry = names.columns(["Dnr", "Ärendemening", "Handläggare"])
    assert registry is not None
    assert "delegate" not in registry.values(["24RS1", "Avtal om städ", "Anna Ek"])


# The table a case system prints to PDF: Diarienummer | Fastighet | Åtgärd | Beslut | Datum |
# Handläggare.
PDF_ROWS = [
    ("Diarienummer", "Fastighet", "Åtgärd", "Beslut", "Datum", "Handläggare"),
    ("BN 2024-000201", "GRANEN 1:23", "Nybyggnad av enbostadshus", "Bygglov", "2024-03-04",
     "Anna Lind"),
    ("BN 2024-000207", "Tallen 4", "Tillbyggnad av garage", "Startbesked", "2024-03-05",
     "Per Ek"),
    ("BN 2024-000215", "Del av Björkhagen 2:15", "Rivning av förråd", "Rivningslov",
     "2024-03-07", "Anna Lind"),
]  # fmt: skip


def case_system_pdf(path: Path, *, ruled: bool) -> Path:
    from fpdf import FPDF

    pdf = FPDF(orientation="L")
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica with å, ä and ö
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for text in ("Bygg- och miljönämnden", "Redovisning av delegeringsbeslut, mars 2024", ""):
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(
        col_widths=(35, 45, 60, 35, 30, 40),
        text_align="LEFT",
        borders_layout="ALL" if ruled else "NONE",
    ) as table:
        for row in PDF_ROWS:
            table.row(row)
    pdf.ln(4)
    pdf.multi_cell(0, 6, "Övriga frågor", new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "without rules"])
def test_a_case_system_s_pdf_table_names_who_handled_each_case(
    delreg: Invoke, tmp_path: Path, ruled: bool
) -> None:
    pdf = case_system_pdf(tmp_path / "delegationsbeslut.pdf", ruled=ruled)
    imported = delreg("import", str(pdf), "--meeting", "2024-04-17")
    assert imported.exit_code == 0, imported.stderr
    assert listed(delreg) == [
        ("BN 2024-000201", "GRANEN 1:23 – Nybyggnad av enbostadshus – Bygglov", "Anna Lind",
         "2024-03-04"),
        ("BN 2024-000207", "Tallen 4 – Tillbyggnad av garage – Startbesked", "Per Ek",
         "2024-03-05"),
        ("BN 2024-000215", "Del av Björkhagen 2:15 – Rivning av förråd – Rivningslov",
         "Anna Lind", "2024-03-07"),
    ]  # fmt: skip


def test_a_pdf_table_s_handlaggare_decided_only_where_no_column_says_who_did() -> None:
    assert column_roles(["Dnr", "Fastighet", "Handläggare"]) == ("number", "text", "delegate")
    assert column_roles(["Dnr", "Fastighet", "Beslutsfattare", "Handläggare"]) == (
        "number",
        "text",
        "delegate",
        "officer",
    )
    # A registry's table: its case officer decided nothing.
    assert column_roles(["Dnr", "Ärende", "Handläggare"]) == ("number", "text", "officer")
