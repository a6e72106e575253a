"""Excel (.xlsx) registry exports → decisions, streamed row by row with openpyxl.

The workbook is opened read-only (rows are parsed as they are asked for, so memory stays flat)
and with the values Excel last calculated rather than formulas. The header need not be on row 1:
title rows above it are skipped. A row's ``source`` is ``"<file>:<sheet>!<row>"``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from delreg.config import Config
from delreg.errors import DelregError, InputError, InvalidValue
from delreg.limits import Limits, limits
from delreg.model import DECISION_FIELDS, Decision, build_decision
from delreg.parse import Record, Rejected
from delreg.parse.duplicates import SeenDiaryNumbers
from delreg.parse.readers.base import seekable
from delreg.parse.registry_rows import ColumnNames, Columns, record_from_values
from delreg.parse.row_groups import RowGroups

if TYPE_CHECKING:
    from delreg.parse.accounting import Account

# Rows above the header an export may have (a title, the date it was taken, blank rows).
HEADER_SEARCH_ROWS = 20


# The most rows a sheet can have in Excel; a row numbered beyond is not read (openpyxl would fill
# in every row missing before it, billions of them for a row numbered in the billions).
EXCEL_ROWS = 1_048_576


def read_xlsx(
    workbook_file: str | Path | IO[bytes],
    *,
    source: str,
    config: Config,
    sheet: str | None = None,
    account: Account | None = None,
) -> Iterator[Record]:
    """Decisions from the first worksheet, or from ``sheet``, of an .xlsx workbook.

    Read in bounded time and memory whatever the workbook says of itself: a cell longer than
    ``[limits] line_chars`` is refused before openpyxl holds it, a row is read only as wide as
    the header, and the sheet ends after ``[limits] empty_rows`` empty rows in a row.
    """
    bounds = limits(config)
    target = workbook_file if isinstance(workbook_file, str | Path) else seekable(workbook_file)
    _refuse_long_strings(target, source, bounds.line_chars)
    workbook = _open_workbook(target, source)
    try:
        worksheet = _worksheet(workbook, sheet, source)
        where = f"{source}:{worksheet.title}"
        # Some writers state a wrong size in the sheet; forget it and read every row there is.
        worksheet.reset_dimensions()
        try:
            yield from _records(worksheet, where, config, account)
        except DelregError:
            raise
        except MemoryError:
            raise _out_of_memory(where) from None
        except Exception as error:  # openpyxl's parser raises whatever a broken file provokes
            raise InputError(
                f"cannot be read ({error})", source=where, hint=_DAMAGED_HINT
            ) from None
    finally:
        workbook.close()


_DAMAGED_HINT = "open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8"


def _out_of_memory(source: str) -> InputError:
    return InputError(
        "ran out of memory while reading the workbook",
        source=source,
        hint="is it a registry export? export the sheet as CSV UTF-8, which is read row by row",
    )


def _refuse_long_strings(target: str | Path | IO[bytes], source: str, most: int) -> None:
    """Refuse a workbook whose shared strings hold one longer than ``most`` characters, in a
    streaming pass that never holds more than a piece of it.

    openpyxl reads every shared string into memory when it opens a workbook: 400 MB of one cell
    zip to a few hundred KB, and would then be in every row that shows it.
    """
    import zipfile
    from xml.parsers import expat

    try:
        archive = zipfile.ZipFile(target)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip file: _open_workbook says so, with its own words
    try:
        parts = [name for name in archive.namelist() if name.lower().endswith("sharedstrings.xml")]
        for name in parts:
            length = [0]

            def start(element: str, attributes: object, length: list[int] = length) -> None:
                if element.rpartition(":")[2] == "si":
                    length[0] = 0

            def text(data: str, length: list[int] = length) -> None:
                length[0] += len(data)
                if length[0] > most:
                    raise InputError(
                        f"holds a cell longer than {most:,} characters".replace(",", " "),
                        source=source,
                        hint="is it a registry export? "
                        "if it is, raise [limits] line_chars in the configuration",
                    )

            parser = expat.ParserCreate()
            parser.StartElementHandler = start
            parser.CharacterDataHandler = text
            with archive.open(name) as part:
                try:
                    while piece := part.read(1 << 16):
                        parser.Parse(piece, False)
                    parser.Parse(b"", True)
                except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError):
                    return  # damaged: openpyxl's own reading reports it
    finally:
        archive.close()
        if not isinstance(target, str | Path):
            target.seek(0)


def _open_workbook(target: str | Path | IO[bytes], source: str) -> Any:
    # openpyxl ships no type hints (types-openpyxl is not a dependency).
    from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]

    try:
        return load_workbook(target, read_only=True, data_only=True, keep_links=False)
    except MemoryError:
        raise _out_of_memory(source) from None
    except Exception as error:  # zipfile, XML and openpyxl's own errors alike
        raise InputError(
            f"is not an Excel workbook (.xlsx) ({type(error).__name__}: {error})",
            source=source,
            hint="save it from Excel as .xlsx; old .xls files and CSV need another format",
        ) from None


def _worksheet(workbook: Any, sheet: str | None, source: str) -> Any:
    worksheets = list(workbook.worksheets)
    if not worksheets:
        raise InputError(
            "has no worksheet", source=source, hint="open it in Excel and check its sheets"
        )
    if sheet is None:
        return worksheets[0]
    titles = [worksheet.title for worksheet in worksheets]
    if sheet in titles:
        return worksheets[titles.index(sheet)]
    # "blad2" for "Blad2", as long as it names only one sheet (delreg.parse.ods chooses so too).
    alike = [
        worksheet for worksheet in worksheets if worksheet.title.casefold() == sheet.casefold()
    ]
    if len(alike) == 1:
        return alike[0]
    if alike:
        raise sheet_unclear(sheet, [worksheet.title for worksheet in alike], source)
    raise InputError(
        f"has no sheet {sheet!r}",
        source=source,
        hint="the sheets are: " + ", ".join(repr(title) for title in titles),
    )


def sheet_unclear(sheet: str, alike: Sequence[str], source: str) -> InputError:
    """The error for a sheet's name that no sheet has exactly and several have but for case."""
    return InputError(
        f"has no sheet {sheet!r}, and {len(alike)} whose names differ from it only in case",
        source=source,
        hint="name one of them exactly: " + ", ".join(repr(name) for name in alike),
    )


def _records(
    worksheet: Any, where: str, config: Config, account: Account | None
) -> Iterator[Record]:
    bounds = limits(config)
    # The header is looked for among the first rows, read as wide as a row may be; the rows
    # below only as wide as the header: a cell in Excel's last column (XFD) would otherwise
    # make every row 16 384 cells. openpyxl fills in missing rows, so counting gives Excel's
    # row numbers.
    header_rows = worksheet.iter_rows(
        max_row=HEADER_SEARCH_ROWS, max_col=bounds.columns + 1, values_only=True
    )
    yield from sheet_records(
        header_rows,
        lambda first, width: worksheet.iter_rows(
            min_row=first, max_row=EXCEL_ROWS, max_col=width, values_only=True
        ),
        where,
        config,
        account,
    )


def sheet_records(
    header_rows: Iterator[Sequence[object]],
    rows_below: Callable[[int, int], Iterable[Sequence[object]]],
    where: str,
    config: Config,
    account: Account | None = None,
) -> Iterator[Record]:
    """The records of a sheet (Excel's, OpenDocument's): its header found among
    ``header_rows`` (its rows from the first, as wide as a row may be), then each row of
    ``rows_below(first row number, the header's width)`` a record located ``<where>!<row>``.

    An empty row is skipped, and the sheet ends after ``[limits] empty_rows`` of them in a row;
    a group's title above rows gives them its value, and is counted in ``account``
    (delreg.parse.row_groups).
    """
    bounds = limits(config)
    names = ColumnNames(config)
    header_row, columns = _find_header(header_rows, names, where, bounds)
    labels = columns.labels()
    groups = RowGroups(columns, names, config)
    seen = SeenDiaryNumbers("row")
    rows = rows_below(header_row + 1, columns.width)
    empty = read = 0
    # The row before, whether it was filled, what it gave and where: an OpenDocument row written
    # once for many comes as the same cells again, read once (a small file may repeat one row
    # by the million).
    previous: Sequence[object] | None = None
    was_filled = False
    record: Decision | Rejected | None = None
    location = ""
    for row_number, cells in enumerate(rows, start=header_row + 1):
        again = cells is previous
        if not again:
            was_filled = any(_filled(cell) for cell in cells)
            previous = cells
        if not was_filled:
            empty += 1
            if empty >= bounds.empty_rows:
                return  # a sheet formatted far below its data: the rest is empty rows
            continue
        empty = 0
        read += 1
        if read > bounds.rows:
            raise bounds.too_many_rows(f"{where}!{row_number}")
        before, location = location, f"{where}!{row_number}"
        if again and record is not None:
            record = _moved(record, before, location)
        else:
            record = record_from_values(
                columns.values(cells), config=config, source=location, labels=labels
            )
        settled = groups.settle([cells], [location], [record])[0]
        if settled is None:
            read -= 1
            groups.tell(account)
            continue
        yield seen.check(settled, row_number, location)


def _moved(record: Decision | Rejected, before: str, location: str) -> Decision | Rejected:
    """The record of the row before, read at ``location``: its source moved with it, unless the
    row names its own."""
    if type(record) is Rejected:
        return Rejected(location, record.reason)
    if record.source != before:
        return record
    values = list(_DECISION_VALUES(record))
    values[_SOURCE] = location
    return build_decision(values)


_DECISION_VALUES = attrgetter(*DECISION_FIELDS)
_SOURCE = DECISION_FIELDS.index("source")


def _find_header(
    rows: Iterator[Sequence[object]], names: ColumnNames, where: str, bounds: Limits
) -> tuple[int, Columns]:
    """The header's row number and columns: the first row that names a diary-number column."""
    first_filled: Sequence[object] | None = None
    for row_number, cells in enumerate(rows, start=1):
        if row_number > HEADER_SEARCH_ROWS:
            break
        if not any(_filled(cell) for cell in cells):
            continue
        first_filled = first_filled or cells
        width = max(position for position, cell in enumerate(cells, 1) if _filled(cell))
        try:
            columns = names.columns(cells[:width])
        except InvalidValue as error:
            raise InputError(
                error.message, source=f"{where}!{row_number}", hint=error.hint
            ) from None
        if columns is not None:
            if width > bounds.columns:
                raise bounds.too_many_columns(width, f"{where}!{row_number}")
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
