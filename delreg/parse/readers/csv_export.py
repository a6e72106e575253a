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
    # Excel's "Unicode text" is tab-separated UTF-16 (the reader explains UTF-16).
    return extension == ".txt" and head.startswith((b"\xff\xfe", b"\xfe\xff"))


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
        text_stream(stream), source=request.source, config=request.config, delimiter=delimiter
    )
