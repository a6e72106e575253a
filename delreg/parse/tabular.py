"""CSV and TSV registry exports → decisions, streamed row by row.

The header holds the decision's JSON keys (what ``delreg list --format csv`` writes) or the
organisation's own column names (``[columns]``); title lines above it are skipped. The delimiter
is sniffed from the header among ``;`` (Swedish Excel), ``,`` and tab.

Encoding: UTF-8, with or without the byte-order mark Excel writes, UTF-16 where its byte-order
mark declares it (Excel's "Unicode text"), or the one the user names (`--encoding
windows-1252`, Swedish Excel's "CSV (semikolonavgränsad)"); a byte that it cannot read stops the
import with its line and a hint on how to read the file (delreg.parse.text_encoding).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from delreg.config import Config
from delreg.errors import InputError, InvalidValue
from delreg.limits import Limits, limits
from delreg.parse import Record, Rejected
from delreg.parse.duplicates import SeenDiaryNumbers
from delreg.parse.registry_rows import ColumnNames, Columns, RowReader
from delreg.parse.row_groups import RowGroups
from delreg.parse.text_encoding import undecodable

if TYPE_CHECKING:
    from delreg.parse.accounting import Account

DELIMITERS = (";", ",", "\t")
# Title lines an export may have above its header ("Delegationsbeslut 2024", a blank line …).
HEADER_SEARCH_LINES = 20
# Longer lines are not a registry export (or a quote was left open); refuse them, bounded.
# (The readers take theirs from [limits] line_chars; this is for TextLines used alone.)
MAX_LINE_CHARS = 1 << 20
# A quoted field that runs on this long most likely lacks its closing quote, and would swallow
# the rows below it.
MAX_RECORD_LINES = 50


class TextLines:
    """The lines of a text stream, numbered, with undecodable bytes reported by line.

    ``number`` is how many whole lines have been read. With ``max_chars`` a line longer than that
    is an error; without, long lines come in pieces (for JSON, which may be one huge line).
    """

    def __init__(self, stream: TextIO, *, source: str, max_chars: int | None = MAX_LINE_CHARS):
        self._stream = stream
        self._source = source
        self._max_chars = max_chars
        self._piece = max_chars or 1 << 16
        self.number = 0
        # One generator reads them all: resuming it costs less than a call of __next__ a line.
        self._pieces = self._read()

    def __iter__(self) -> Iterator[str]:
        return self._pieces

    def __next__(self) -> str:
        return next(self._pieces)

    def _read(self) -> Iterator[str]:
        readline, size, max_chars = self._stream.readline, self._piece, self._max_chars
        started = False
        while True:
            try:
                piece = readline(size)
            except UnicodeDecodeError as error:
                raise _undecodable(error, self._source, self.number, self._stream) from None
            except OSError as error:
                raise InputError(
                    f"cannot be read ({error.strerror or error})",
                    source=self._source,
                    hint="check that the file is readable (and not a folder or a device)",
                ) from None
            if not piece:
                return
            if not started:
                started = True
                piece = piece.removeprefix("\ufeff")
                _refuse_binary_head(piece, self._source)
            if "\x00" in piece:
                raise _binary(self._source, self.number + 1)
            if piece.endswith(("\n", "\r")):
                self.number += 1
            elif max_chars is not None and len(piece) >= max_chars:
                raise InputError(
                    f"the line is longer than {max_chars:,} characters".replace(",", " "),
                    source=self._source,
                    line=self.number + 1,
                    hint='is this a registry export? a quote (") left open swallows the lines '
                    "below; if the file is right, raise [limits] line_chars in the configuration",
                )
            yield piece


def _refuse_binary_head(first: str, source: str) -> None:
    for magic, what, option in (
        ("PK\x03\x04", "an Excel workbook", "xlsx"),
        ("%PDF", "a PDF", "pdf"),
    ):
        if first.startswith(magic):
            raise InputError(
                f"is {what}, not text", source=source, line=1, hint=f"use --format {option}"
            )


def _binary(source: str, line: int) -> InputError:
    return InputError(
        "holds binary data, not text",
        source=source,
        line=line,
        hint="give an Excel workbook with --format xlsx, a PDF with --format pdf",
    )


def _undecodable(
    error: UnicodeDecodeError, source: str, lines_read: int, stream: TextIO
) -> InputError:
    # Bytes that are not UTF-8 and hold NULs are binary data (UTF-16 is read as such where its
    # byte-order mark declares it, delreg.parse.text_encoding).
    line = lines_read + 1 + error.object.count(b"\n", 0, error.start)
    if (
        error.encoding.startswith("utf-8")
        and b"\x00" in error.object[error.start : error.start + 512]
    ):
        return _binary(source, line)
    # Any encoding but UTF-8 and UTF-16 is read only where the user named it (`--encoding`).
    return undecodable(
        error,
        source=source,
        lines_before=lines_read,
        save_as="save as 'CSV UTF-8'",
        encoding=getattr(stream, "encoding", None),
    )


def read_csv(
    stream: TextIO,
    *,
    source: str,
    config: Config,
    delimiter: str | None = None,
    account: Account | None = None,
) -> Iterator[Record]:
    """Decisions from a CSV/TSV export, one per row, each with ``source`` ``"<file>:<line>"``.

    A row with a bad value gives a Rejected naming its line; a file that cannot be read at all
    (not UTF-8, binary, empty, no header with a diary-number column) raises InputError.
    """
    bounds = limits(config)
    lines = TextLines(stream, source=source, max_chars=bounds.line_chars)
    names = ColumnNames(config)
    columns, delimiter = _find_header(lines, names, source, delimiter)
    if columns.width > bounds.columns:
        raise bounds.too_many_columns(columns.width, source, lines.number)
    reader = RowReader(columns, config)
    groups = RowGroups(columns, names, config)
    seen = SeenDiaryNumbers("line")
    batch: list[tuple[list[str], int]] = []
    # The batches grow from one row: the first records come as soon as their rows are read (a
    # pipe that gives a row at a time is read as it comes), the rest BATCH_ROWS at a time.
    size = 1
    try:
        for row in _rows(lines, delimiter, source, bounds):
            batch.append(row)
            if len(batch) >= size:
                yield from _records(batch, columns, reader, groups, seen, source, account)
                batch = []
                size = min(2 * size, BATCH_ROWS)
    except InputError:
        # The rows read before the one that stops the file come first, as ever.
        yield from _records(batch, columns, reader, groups, seen, source, account)
        raise
    yield from _records(batch, columns, reader, groups, seen, source, account)


# Rows read together, a column at a time (RowReader.records).
BATCH_ROWS = 256


def _rows(
    lines: TextLines, delimiter: str, source: str, bounds: Limits
) -> Iterator[tuple[list[str], int]]:
    """The cells of each row that is not blank, and the line it starts on."""
    rows = csv.reader(lines, delimiter=delimiter)
    read = 0
    while True:
        first_line = lines.number + 1
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(
                f"not valid CSV ({error})", source=source, line=first_line, hint=_QUOTE_HINT
            ) from None
        if lines.number - first_line >= MAX_RECORD_LINES:
            raise InputError(
                f"a quoted field runs over more than {MAX_RECORD_LINES} lines",
                source=source,
                line=first_line,
                hint=_QUOTE_HINT,
            )
        # A blank row (or one of delimiters only) is no decision. (Most rows start with text.)
        if not (cells and cells[0].strip()) and not "".join(cells).strip():
            continue
        if len(cells) > bounds.columns:
            raise bounds.too_many_columns(len(cells), source, first_line)
        read += 1
        if read > bounds.rows:
            raise bounds.too_many_rows(source, first_line)
        yield cells, first_line


_QUOTE_HINT = 'a field that holds the delimiter or a line break must be quoted ("…"), and closed'


def _records(
    batch: list[tuple[list[str], int]],
    columns: Columns,
    reader: RowReader,
    groups: RowGroups,
    seen: SeenDiaryNumbers,
    source: str,
    account: Account | None,
) -> Iterator[Record]:
    """The records of a batch of rows, in order, each checked against the rows before it."""
    if not batch:
        return
    wheres = [f"{source}:{line}" for _, line in batch]
    rows = [cells for cells, _ in batch]
    # A row with more cells than the header has a value past it: a delimiter unquoted.
    spilled = (
        [
            index
            for index, cells in enumerate(rows)
            if len(cells) > columns.width and columns.overflow(cells)
        ]
        if max(map(len, rows)) > columns.width
        else []
    )
    records = reader.records(rows, wheres)
    for index in spilled:
        records[index] = Rejected(
            wheres[index],
            f"{len(rows[index])} cells where the header has {columns.width}: "
            "an unquoted delimiter inside a value?",
        )
    lines = [line for _, line in batch]
    settled = groups.settle(rows, wheres, records)
    if groups.left_out:
        # A group's title, a heading or a total is no record: it is counted in the account.
        groups.tell(account)
        kept = [index for index, record in enumerate(settled) if record is not None]
        lines = [lines[index] for index in kept]
        wheres = [wheres[index] for index in kept]
    records = [record for record in settled if record is not None]
    yield from seen.check_all(records, lines, wheres)


def _find_header(
    lines: TextLines, names: ColumnNames, source: str, delimiter: str | None
) -> tuple[Columns, str]:
    """The header's columns and the delimiter, from the first lines that are not blank."""
    first_seen: tuple[int, str] | None = None
    searched = 0
    for line in lines:
        if not line.strip():
            continue
        number = lines.number if line.endswith(("\n", "\r")) else lines.number + 1
        first_seen = first_seen or (number, line.strip())
        for candidate in [delimiter] if delimiter else _by_frequency(line):
            cells = next(csv.reader([line], delimiter=candidate), [])
            try:
                columns = names.columns(cells)
            except InvalidValue as error:
                raise InputError(
                    error.message, source=source, line=number, hint=error.hint
                ) from None
            if columns is not None:
                return columns, candidate
        searched += 1
        if searched >= HEADER_SEARCH_LINES:
            break
    if first_seen is None:
        raise InputError("the file is empty", source=source, line=1, hint=_HEADER_HINT)
    line_number, text = first_seen
    raise InputError(
        f"no header with a diary-number column (the file starts {text[:80]!r})",
        source=source,
        line=line_number,
        hint=_HEADER_HINT,
    )


_HEADER_HINT = (
    "the first row must name the columns, one of them diary_number (or Diarienummer, Dnr …); "
    "add your export's names under [columns] in the configuration"
)


def _by_frequency(line: str) -> list[str]:
    """The delimiters in the order of how often the line holds them (Swedish `;` on a tie)."""
    return sorted(DELIMITERS, key=lambda candidate: -line.count(candidate))
