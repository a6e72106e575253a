"""A registry export as CSV: a header of column names, a decision a row. The delimiter (comma,
semicolon or tab) is found from the header."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.readers.base import ReadRequest, text_stream

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "CSV"
EXTENSIONS = (".csv", ".tsv", ".tab")
AGENDA = False
# A header names its columns in a few words; an agenda's lines are sentences.
_HEADER_CELL_CHARS = 40


def recognises(head: bytes, extension: str) -> bool:
    """Excel's "Unicode text": a .txt of UTF-16 whose first line is cells between tabs (an
    agenda saved as UTF-16 by Notepad is read as text)."""
    from delreg.parse.text_encoding import UTF16_MARKS, head_text

    if extension != ".txt" or not head.startswith(UTF16_MARKS):
        return False
    return "\t" in head_text(head).lstrip("\r\n").partition("\n")[0]


def sniffs(text: str) -> bool:
    """A header of three or more short cells, and a next line with as many delimiters."""
    lines = [line for line in text.splitlines() if line.strip()][:2]
    if not lines:
        return False
    for delimiter in (";", "\t", ","):
        cells = lines[0].split(delimiter)
        if len(cells) < 3 or any(len(cell.strip()) > _HEADER_CELL_CHARS for cell in cells):
            continue
        if len(lines) == 1 or lines[1].count(delimiter) >= len(cells) - 1:
            return True
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    return read_rows(stream, request, delimiter=None)


def read_rows(
    stream: io.BufferedReader, request: ReadRequest, *, delimiter: str | None
) -> Iterator[Record]:
    from delreg.parse.tabular import read_csv

    yield from read_csv(
        text_stream(stream, request),
        source=request.source,
        config=request.config,
        delimiter=delimiter,
        account=request.account,
    )
