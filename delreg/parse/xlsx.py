"""Excel (.xlsx) registry exports → decisions, streamed row by row with openpyxl.

The workbook is opened read-only (rows are parsed as they are asked for, so memory stays flat)
and with the values Excel last calculated rather than formulas. The header need not be on row 1:
title rows above it are skipped. A row's ``source`` is ``"<file>:<sheet>!<row>"``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from delreg.config import Config
from delreg.errors import DelregError, InputError, InvalidValue
from delreg.parse import Record
from delreg.parse.detect import seekable
from delreg.parse.rows import ColumnNames, Columns, SeenDiaryNumbers, record_from_values

# Rows above the header an export may have (a title, the date it was taken, blank rows).
HEADER_SEARCH_ROWS = 20


def read_xlsx(
    workbook_file: str | Path | IO[bytes],
    *,
    source: str,
    config: Config,
    sheet: str | None = None,
) -> Iterator[Record]:
    """Decisions from the first worksheet, or from ``sheet``, of an .xlsx workbook."""
    workbook = _open_workbook(workbook_file, source)
    try:
        worksheet = _worksheet(workbook, sheet, source)
        where = f"{source}:{worksheet.title}"
        # Some writers state a wrong size in the sheet; forget it and read every row there is.
        worksheet.reset_dimensions()
        try:
            yield from _records(worksheet.iter_rows(min_row=1, values_only=True), where, config)
        except DelregError:
            raise
        except Exception as error:  # openpyxl's parser raises whatever a broken file provokes
            raise InputError(f"cannot be read ({error})", source=where) from None
    finally:
        workbook.close()


def _open_workbook(workbook_file: str | Path | IO[bytes], source: str) -> Any:
    # openpyxl ships no type hints (types-openpyxl is not a dependency).
    from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]

    target = workbook_file if isinstance(workbook_file, str | Path) else seekable(workbook_file)
    try:
        return load_workbook(target, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # zipfile, XML and openpyxl's own errors alike
        raise InputError(
            f"is not an Excel workbook (.xlsx) ({type(error).__name__}: {error})",
            source=source,
            hint="save it from Excel as .xlsx; old .xls files and CSV need another format",
        ) from None


def _worksheet(workbook: Any, sheet: str | None, source: str) -> Any:
    worksheets = list(workbook.worksheets)
    if not worksheets:
        raise InputError("has no worksheet", source=source)
    if sheet is None:
        return worksheets[0]
    titles = [worksheet.title for worksheet in worksheets]
    if sheet in titles:
        return worksheets[titles.index(sheet)]
    # "blad2" for "Blad2", as long as it names only one sheet.
    alike = [
        worksheet for worksheet in worksheets if worksheet.title.casefold() == sheet.casefold()
    ]
    if len(alike) == 1:
        return alike[0]
    raise InputError(
        f"has no sheet {sheet!r}",
        source=source,
        hint="the sheets are: " + ", ".join(repr(title) for title in titles),
    )


def _records(rows: Iterator[Sequence[object]], where: str, config: Config) -> Iterator[Record]:
    names = ColumnNames(config)
    header_row, columns = _find_header(rows, names, where)
    labels = columns.labels()
    seen = SeenDiaryNumbers("row")
    # openpyxl fills in missing rows, so counting gives Excel's row numbers.
    for row_number, cells in enumerate(rows, start=header_row + 1):
        if not any(_filled(cell) for cell in cells):
            continue
        location = f"{where}!{row_number}"
        record = record_from_values(
            columns.values(cells), config=config, source=location, labels=labels
        )
        yield seen.check(record, row_number, location)


def _find_header(
    rows: Iterator[Sequence[object]], names: ColumnNames, where: str
) -> tuple[int, Columns]:
    """The header's row number and columns: the first row that names a diary-number column."""
    first_filled: Sequence[object] | None = None
    for row_number, cells in enumerate(rows, start=1):
        if row_number > HEADER_SEARCH_ROWS:
            break
        if not any(_filled(cell) for cell in cells):
            continue
        first_filled = first_filled or cells
        try:
            columns = names.columns(cells)
        except InvalidValue as error:
            raise InputError(
                error.message, source=f"{where}!{row_number}", hint=error.hint
            ) from None
        if columns is not None:
            return row_number, columns
    found = [str(cell) for cell in first_filled or () if _filled(cell)]
    raise InputError(
        f"no header row with a diary-number column in the first {HEADER_SEARCH_ROWS} rows"
        + (
            f" (the first row holds {', '.join(found)[:80]!r})"
            if found
            else " (the sheet is empty)"
        ),
        source=where,
        hint="one row must name the columns, one of them diary_number (or Diarienummer, Dnr …); "
        "add your export's names under [columns] in the configuration",
    )


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""
