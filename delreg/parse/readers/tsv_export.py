"""A registry export as tab-separated values, asked for by name (`--format tsv`): every tab
separates, whatever the header looks like. (Detection reads a .tsv file as CSV, which finds
the tab from its header.)"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.readers.base import ReadRequest
from delreg.parse.readers.csv_export import read_rows

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "TSV"
EXTENSIONS: tuple[str, ...] = ()
AGENDA = False


def recognises(head: bytes, extension: str) -> bool:
    return False


def sniffs(text: str) -> bool:
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    return read_rows(stream, request, delimiter="\t")
