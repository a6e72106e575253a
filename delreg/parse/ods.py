"""OpenDocument spreadsheet (.ods, LibreOffice Calc's own format) registry exports → decisions,
by the same column names and rules as an Excel workbook's (delreg.parse.xlsx.sheet_records).

``content.xml`` is read as it unpacks, by the standard library's expat, and never held whole:
its ``table:table`` elements are the sheets, their ``table:table-row`` the rows and
``table:table-cell`` the cells. A cell's value is its type's (``office:value`` of a number,
``office:date-value`` of a date, ``office:boolean-value``), else its text (each ``text:p`` a
line); a cell hidden under a merged one (``table:covered-table-cell``) is empty, as it shows.
A cell or row written once with ``table:number-columns-repeated`` or
``table:number-rows-repeated`` is counted as often as it stands, but read no wider than a row
may be, and no longer than the sheet's rows go on (an empty row repeated to the sheet's end
ends it). Hidden rows and sheets are read, as in a workbook. A row's ``source`` is
``"<file>:<sheet>!<row>"``.

The package is read within ``[limits] document_bytes`` unpacked and its XML without a document
type declaration (delreg.parse.office_package says why).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import repeat
from typing import IO, TYPE_CHECKING

from delreg.config import Config
from delreg.errors import InputError
from delreg.limits import limits
from delreg.parse import Record
from delreg.parse.office_package import Package
from delreg.parse.xlsx import HEADER_SEARCH_ROWS, sheet_records, sheet_unclear

if TYPE_CHECKING:
    from delreg.parse.accounting import Account

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
# expat's names with the namespace separator "}" (as delreg.parse.office_package parses them).
_SHEET = f"{_TABLE}}}table"
_ROW = f"{_TABLE}}}table-row"
_CELL = f"{_TABLE}}}table-cell"
_COVERED = f"{_TABLE}}}covered-table-cell"
_PARAGRAPH = f"{_TEXT}}}p"
_SPACES = f"{_TEXT}}}s"
_TAB = f"{_TEXT}}}tab"
_LINE_BREAK = f"{_TEXT}}}line-break"
_NAME = f"{_TABLE}}}name"
_ROWS_REPEATED = f"{_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{_OFFICE}}}value-type"
_VALUE = f"{_OFFICE}}}value"
_DATE_VALUE = f"{_OFFICE}}}date-value"
_BOOLEAN_VALUE = f"{_OFFICE}}}boolean-value"
_STRING_VALUE = f"{_OFFICE}}}string-value"
# A cell's comment, and a footnote or change mark in its text: no part of what the cell holds.
_LEFT_OUT = frozenset({f"{_OFFICE}}}annotation", f"{_TEXT}}}note", f"{_TEXT}}}tracked-changes"})
_NUMBERS = frozenset({"float", "percentage", "currency"})
_MIMETYPES = (
    b"application/vnd.oasis.opendocument.spreadsheet",
    b"application/vnd.oasis.opendocument.spreadsheet-template",
)
DAMAGED_HINT = "open it in LibreOffice Calc and save it again as .ods, or export the sheet as CSV"


def read_ods(
    stream: IO[bytes],
    *,
    source: str,
    config: Config,
    sheet: str | None = None,
    account: Account | None = None,
) -> Iterator[Record]:
    """Decisions from the first sheet, or from ``sheet``, of an OpenDocument spreadsheet."""
    bounds = limits(config)
    with Package(
        stream, source=source, most=bounds.document_bytes, damaged_hint=DAMAGED_HINT
    ) as package:
        mimetype = (package.part("mimetype") or b"").strip()
        if b"encryption-data" in (package.part("META-INF/manifest.xml") or b""):
            raise InputError(
                "is protected by a password (its content is encrypted)",
                source=source,
                hint="open it in LibreOffice Calc, save it without the password, "
                "or export the sheet as CSV",
            )
        if mimetype and mimetype not in _MIMETYPES:
            raise InputError(
                f"is not an OpenDocument spreadsheet (it is {mimetype.decode('ascii', 'replace')})",
                source=source,
                hint="save it from LibreOffice Calc as .ods, or export the sheet as CSV",
            )
        pieces = package.pieces("content.xml")
        if pieces is None:
            raise InputError(
                "is a zip package without an OpenDocument spreadsheet in it (no content.xml)",
                source=source,
                hint="is it an .ods? " + DAMAGED_HINT,
            )
        yield from _sheet_records(
            pieces,
            lambda: package.pieces("content.xml") or iter(()),
            source=source,
            config=config,
            sheet=sheet,
            account=account,
        )


def read_fods(
    stream: IO[bytes],
    *,
    source: str,
    config: Config,
    sheet: str | None = None,
    account: Account | None = None,
) -> Iterator[Record]:
    """Decisions from a flat OpenDocument spreadsheet (.fods, LibreOffice's "Flat XML"): the
    same XML as an .ods's content.xml, with its styles and settings, as one file unzipped. It
    is parsed by the same rules, with its entities refused, within [limits] document_bytes."""
    bounds = limits(config)

    def pieces() -> Iterator[bytes]:
        stream.seek(0)
        left = bounds.document_bytes
        while piece := stream.read(1 << 16):
            if len(piece) > left:
                raise InputError(
                    f"is larger than {bounds.document_bytes:,} bytes".replace(",", " "),
                    source=source,
                    hint="is it a real document? if it is, raise [limits] document_bytes in "
                    "the configuration",
                )
            left -= len(piece)
            yield piece

    yield from _sheet_records(
        pieces(), pieces, source=source, config=config, sheet=sheet, account=account
    )


def _sheet_records(
    pieces: Iterator[bytes],
    again: Callable[[], Iterator[bytes]],
    *,
    source: str,
    config: Config,
    sheet: str | None,
    account: Account | None,
) -> Iterator[Record]:
    """The records of the chosen sheet of the content XML in ``pieces`` (``again`` gives them
    from the start, where the sheet is found by a name alike but for case)."""
    bounds = limits(config)
    content = _Content(
        pieces, source=source, sheet=sheet, width=bounds.columns + 1, chars=bounds.line_chars
    )
    alike = content.only_alike()
    if alike is not None:
        # A name that differs only in case, where no sheet has the name exactly: the sheet is
        # read again by its own name (all sheets' names are known only at the end).
        content = _Content(
            again(), source=source, sheet=alike, width=bounds.columns + 1, chars=bounds.line_chars
        )
    rows = content.rows()
    name = content.sheet_name()
    where = f"{source}:{name}"
    yield from sheet_records(
        _numbered(rows, HEADER_SEARCH_ROWS),
        lambda first, width: (cells[:width] for cells in rows),
        where,
        config,
        account,
    )


def _numbered(rows: Iterator[Sequence[object]], most: int) -> Iterator[Sequence[object]]:
    # The header's search takes rows from the same stream the rows below it come from: it
    # stops at the header, and the next row it would take is the first row below it.
    for _ in range(most):
        try:
            yield next(rows)
        except StopIteration:
            return


@dataclass
class _Cell:
    kind: str | None  # office:value-type
    value: str | None  # the type's value attribute
    repeated: int
    covered: bool
    lines: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    length: int = 0  # the characters of its text so far


class _Content:
    """The chosen sheet's rows, parsed from ``content.xml``'s pieces as they come."""

    def __init__(
        self, pieces: Iterator[bytes], *, source: str, sheet: str | None, width: int, chars: int
    ) -> None:
        from xml.parsers import expat

        self._pieces = pieces
        self._source = source
        self._wanted = sheet
        self._width = width
        self._chars = chars
        self.names: list[str] = []
        # The sheets whose names differ from the one wanted only in case ("blad2" for "Blad2"):
        # one is chosen where no sheet has the name exactly, as in a workbook (delreg.parse.xlsx).
        self.alike: list[str] = []
        self._chosen: str | None = None
        self._reading = False  # in the chosen sheet
        self._done = False  # past the chosen sheet's end
        self._row: list[object] | None = None
        self._row_repeated = 1
        self._row_number = 0  # the last row read in the chosen sheet
        self._cell: _Cell | None = None
        self._left_out = 0  # depth inside an element whose text is left out
        self._nested = 0  # depth of a table inside a cell (a chart's or a frame's)
        self._ready: deque[tuple[tuple[object, ...], int]] = deque()
        parser = expat.ParserCreate(namespace_separator="}")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._forbid
        parser.EntityDeclHandler = self._forbid
        parser.ExternalEntityRefHandler = self._forbid  # type: ignore[assignment]
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.buffer_text = True
        self._parser = parser
        self._first: tuple[tuple[object, ...], int] | None = None

    def only_alike(self) -> str | None:
        """The one sheet whose name differs from the wanted only in case, where no sheet has
        the name exactly; else None (this content is the sheet's, or tells what is wrong). The
        first row is read (or the whole content, where no sheet has the name exactly)."""
        if self._first is None and not self._done:
            self._first = self._next_row()
        if self._chosen is None and len(self.alike) == 1:
            return self.alike[0]
        return None

    def sheet_name(self) -> str:
        """The chosen sheet's name: its first row is read (or the whole content, where the sheet
        is not there, to name the sheets there are)."""
        if self._first is None and not self._done:
            self._first = self._next_row()
        if self._chosen is None:
            if not self.names:
                raise InputError(
                    "has no sheet", source=self._source, hint="open it in LibreOffice Calc"
                )
            if len(self.alike) > 1:
                raise sheet_unclear(self._wanted or "", self.alike, self._source)
            raise InputError(
                f"has no sheet {self._wanted!r}",
                source=self._source,
                hint="the sheets are: " + ", ".join(repr(name) for name in self.names),
            )
        return self._chosen

    def rows(self) -> Iterator[Sequence[object]]:
        """Each row of the chosen sheet, a row repeated as often as it stands."""
        while True:
            found = self._first if self._first is not None else self._next_row()
            self._first = None
            if found is None:
                return
            cells, count = found
            yield from repeat(cells, count)

    def _next_row(self) -> tuple[tuple[object, ...], int] | None:
        from xml.parsers import expat

        while not self._ready:
            if self._done:
                return None
            piece = next(self._pieces, None)
            try:
                self._parser.Parse(piece or b"", piece is None)
            except _Forbidden:
                raise InputError(
                    "declares XML entities (a document type declaration), which no spreadsheet "
                    "program writes: it is not read",
                    source=self._source,
                    hint=DAMAGED_HINT,
                ) from None
            except expat.ExpatError as error:
                raise InputError(
                    f"is not well-formed XML ({expat.ErrorString(error.code)}, "
                    f"line {error.lineno})",
                    source=f"{self._source} (content.xml)",
                    hint=DAMAGED_HINT,
                ) from None
            if piece is None:
                self._done = True
        return self._ready.popleft()

    @staticmethod
    def _forbid(*arguments: object) -> None:
        raise _Forbidden

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        if self._left_out:
            self._left_out += 1
            return
        cell = self._cell
        if cell is not None:
            if tag in _LEFT_OUT or tag == _SHEET:
                self._left_out = 1
            elif tag == _PARAGRAPH:
                cell.text = []
            elif tag == _SPACES:
                # No more spaces than a cell may hold: "text:c" is the file's word alone.
                spaces = min(_count(attributes.get(f"{_TEXT}}}c"), self._where(1)), self._chars + 1)
                self._add(cell, " " * spaces)
            elif tag == _TAB:
                self._add(cell, "\t")
            elif tag == _LINE_BREAK:
                self._add(cell, "\n")
            return
        if tag == _SHEET:
            self._start_sheet(attributes.get(_NAME, ""))
        elif not self._reading:
            return
        elif tag == _ROW:
            self._row = []
            self._row_repeated = _count(attributes.get(_ROWS_REPEATED), self._where(1))
        elif tag in (_CELL, _COVERED) and self._row is not None:
            self._cell = _Cell(
                kind=attributes.get(_VALUE_TYPE),
                value=_typed_value(attributes),
                repeated=_count(attributes.get(_COLUMNS_REPEATED), self._where(1)),
                covered=tag == _COVERED,
            )

    def _start_sheet(self, name: str) -> None:
        self.names.append(name)
        if self._chosen is not None:
            return
        wanted = self._wanted
        if wanted is None or name == wanted:
            self._choose(name)
        elif name.casefold() == wanted.casefold():
            self.alike.append(name)

    def _choose(self, name: str) -> None:
        self._chosen = name
        self._reading = True

    def _end(self, tag: str) -> None:
        if self._left_out:
            self._left_out -= 1
            return
        cell = self._cell
        if cell is not None:
            if tag == _PARAGRAPH:
                cell.lines.append("".join(cell.text))
                cell.text = []
            elif tag in (_CELL, _COVERED):
                self._end_cell(cell)
            return
        if not self._reading:
            return
        if tag == _ROW and self._row is not None:
            row = self._row
            while row and not _filled(row[-1]):
                row.pop()
            self._ready.append((tuple(row), self._row_repeated))
            self._row_number += self._row_repeated
            self._row = None
        elif tag == _SHEET:
            self._reading = False
            self._done = True

    def _end_cell(self, cell: _Cell) -> None:
        self._cell = None
        row = self._row
        assert row is not None
        value = None if cell.covered else self._value(cell, len(row) + 1)
        # A row is read no wider than a row may be: LibreOffice writes a row's empty cells to
        # the sheet's last column as one cell repeated.
        room = self._width - len(row)
        if room > 0:
            row.extend(repeat(value, min(cell.repeated, room)))

    def _value(self, cell: _Cell, column: int) -> object:
        text = "\n".join(cell.lines)
        kind = cell.kind
        if kind is None or kind == "string":
            return text if cell.value is None or cell.lines else cell.value
        try:
            if kind in _NUMBERS:
                number = float(cell.value or "")
                return int(number) if number.is_integer() else number
            if kind == "date":
                return _date(cell.value or "")
            if kind == "boolean":
                return {"true": True, "false": False}[(cell.value or "").strip().lower()]
        except (ValueError, KeyError, OverflowError):
            raise InputError(
                f"column {column}: its {kind} value {cell.value!r} cannot be read",
                source=self._where(1),
                hint=DAMAGED_HINT,
            ) from None
        return text  # a time or another type: as it shows

    def _text(self, data: str) -> None:
        cell = self._cell
        if cell is not None and not self._left_out:
            self._add(cell, data)

    def _add(self, cell: _Cell, text: str) -> None:
        cell.length += len(text)
        if cell.length > self._chars:
            raise self._too_long()
        cell.text.append(text)

    def _too_long(self) -> InputError:
        return InputError(
            f"holds a cell longer than {self._chars:,} characters".replace(",", " "),
            source=self._where(1),
            hint="is it a registry export? if it is, raise [limits] line_chars in the "
            "configuration",
        )

    def _where(self, ahead: int = 0) -> str:
        return f"{self._source}:{self._chosen}!{self._row_number + ahead}"


class _Forbidden(Exception):
    pass


def _typed_value(attributes: dict[str, str]) -> str | None:
    for name in (_VALUE, _DATE_VALUE, _BOOLEAN_VALUE, _STRING_VALUE):
        if name in attributes:
            return attributes[name]
    return None


def _date(value: str) -> date | datetime:
    # "2024-03-05", or "2024-03-05T00:00:00" where the cell's format shows a time.
    if "T" in value:
        return datetime.fromisoformat(value)
    return date.fromisoformat(value)


def _count(value: str | None, where: str) -> int:
    if value is None:
        return 1
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise InputError(
            f"repeats a row or cell {value!r} times, which is no count",
            source=where,
            hint=DAMAGED_HINT,
        )
    return count


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""
