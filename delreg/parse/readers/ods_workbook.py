"""A registry export saved as an OpenDocument spreadsheet (.ods, LibreOffice Calc's own
format): its rows, by the same column names as a CSV's and an Excel workbook's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.office_package import ZIP_START, package_kind
from delreg.parse.readers.base import ReadRequest, head, require_signature, seekable_document

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "an OpenDocument spreadsheet (.ods)"
EXTENSIONS = (".ods", ".ots")
AGENDA = False


def recognises(head: bytes, extension: str) -> bool:
    # An OpenDocument's first entry names its kind (its mimetype); else the name tells.
    if not head.startswith(ZIP_START):
        return False
    kind = package_kind(head)
    return kind == "ods" or (kind is None and extension in EXTENSIONS)


def sniffs(text: str) -> bool:
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.ods import read_ods

    require_signature(head(stream).startswith(ZIP_START), DESCRIPTION, request)
    yield from read_ods(
        seekable_document(stream, request),
        source=request.source,
        config=request.config,
        sheet=request.sheet,
        account=request.account,
    )
