"""An agenda or minutes as PDF: its text laid out in lines, then read as an agenda's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.readers.base import ReadRequest, head, require_signature, seekable_document

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "a PDF"
EXTENSIONS = (".pdf",)
AGENDA = True


def recognises(head: bytes, extension: str) -> bool:
    # Some writers put a little before the header; readers look within the first kilobyte.
    return b"%PDF-" in head[:1024]


def sniffs(text: str) -> bool:
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.pdf import read_pdf

    require_signature(recognises(head(stream), ""), DESCRIPTION, request)
    yield from read_pdf(
        seekable_document(stream, request),
        source=request.source,
        config=request.config,
        meeting_year=request.meeting_year,
        account=request.account,
    )
