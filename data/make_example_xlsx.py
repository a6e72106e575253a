"""Writes data/example-diarium.xlsx: the registry export of data/example-diarium.csv as the
registry's Excel export looks (a sheet named Beslut, a title above the header, real dates and
amounts as numbers), so the README's tour can import a spreadsheet. Run it after changing the CSV:

    .venv/bin/python data/make_example_xlsx.py
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
DATE_COLUMNS = {"Beslutsdatum", "Underrättelsedatum"}
AMOUNT_COLUMNS = {"Belopp (kr)"}


def cell(column: str, value: str) -> object:
    if not value:
        return None
    if column in DATE_COLUMNS:
        return date.fromisoformat(value)
    if column in AMOUNT_COLUMNS:
        return int(value.replace(" ", ""))
    return value


def main() -> None:
    with (HERE / "example-diarium.csv").open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source, delimiter=";"))
    header, records = rows[0], rows[1:]
    book = Workbook()
    sheet = book.active
    sheet.title = "Beslut"
    sheet.append(["Delegationsbeslut, Hälso- och sjukvårdsnämnden (utdrag ur diariet)"])
    sheet.append([])
    sheet.append(header)
    for record in records:
        sheet.append([cell(column, value) for column, value in zip(header, record, strict=True)])
    for row in sheet.iter_rows(min_row=4):
        for item in row:
            if isinstance(item.value, date):
                item.number_format = "yyyy-mm-dd"
    # The workbook's properties carry the export's date, not the day the script ran.
    book.properties.created = book.properties.modified = datetime(2024, 2, 1, 8, 0)
    book.save(HERE / "example-diarium.xlsx")


if __name__ == "__main__":
    main()
