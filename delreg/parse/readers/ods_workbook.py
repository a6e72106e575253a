"""A registry export saved as an OpenDocument spreadsheet (.ods, LibreOffice Calc's own
format, or .fods, its "Flat XML" of the same content unzipped): its rows, by the same column
names as a CSV's and an Excel workbook's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.office_package import ZIP_START, package_kind
from delreg.parse.readers.base import ReadRequest, head, require_signature, seekable_document

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "an OpenDocument spreadsheet (.ods)"
EXTENSIONS = (".ods", ".ots", ".fods", ".fots")
AGENDA = False
# A flat document's root names its kind (LibreOffice writes it within the first 4 KB, after
# the namespaces); where it does not as far as the head, the name tells.
_FLAT_ROOT = b"<office:document "
_FLAT_KIND = b'office:mimetype="application/vnd.oasis.opendocument.spreadsheet'
_FLAT_EXTENSIONS = (".fods", ".fots")


def recognises(head: bytes, extension: str) -> bool:
    # An OpenDocument's first entry names its kind (its mimetype); else the name tells.
    if not head.startswith(ZIP_START):
        return _flat(head, extension)
    kind = package_kind(head)
    return kind == "ods" or (kind is None and extension in EXTENSIONS)


def _flat(head: bytes, extension: str) -> bool:
    """Whether the input is a flat OpenDocument spreadsheet (one XML file)."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") or _FLAT_ROOT not in head:
        return False
    return _FLAT_KIND in head or extension in _FLAT_EXTENSIONS


def sniffs(text: str) -> bool:
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.ods import read_fods, read_ods

    start = head(stream)
    if _flat(start, ".fods"):
        yield from read_fods(
            seekable_document(stream, request),
            source=request.source,
            config=request.config,
            sheet=request.sheet,
            account=request.account,
        )
        return
    require_signature(start.startswith(ZIP_START), DESCRIPTION, request)
    yield from read_ods(
        seekable_document(stream, request),
        source=request.source,
        config=request.config,
        sheet=request.sheet,
        account=request.account,
    )
