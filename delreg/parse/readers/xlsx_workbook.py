"""A registry export saved as an Excel workbook (.xlsx): its rows, by the same column names as a
CSV's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.readers.base import ReadRequest, head, require_signature, seekable_document

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "an Excel workbook (.xlsx)"
EXTENSIONS = (".xlsx", ".xlsm")
AGENDA = False


def recognises(head: bytes, extension: str) -> bool:
    # A workbook is a zip file; a zip under another document's name is refused before this.
    return head.startswith(b"PK\x03\x04")


def sniffs(text: str) -> bool:
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.xlsx import read_xlsx

    require_signature(recognises(head(stream), ""), DESCRIPTION, request)
    yield from read_xlsx(
        seekable_document(stream, request),
        source=request.source,
        config=request.config,
        sheet=request.sheet,
        account=request.account,
    )
