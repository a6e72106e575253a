"""An agenda, minutes or list of delegation decisions as an OpenDocument text (.odt, what
LibreOffice saves): its body laid out in lines (delreg.parse.odt_text), then read as an
agenda's, each item located by the paragraph or table row it stands in."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.office_package import ZIP_START, package_kind
from delreg.parse.readers.base import ReadRequest, head, require_signature

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "an OpenDocument text (.odt)"
EXTENSIONS = (".odt", ".ott")
AGENDA = True


def recognises(head: bytes, extension: str) -> bool:
    # An OpenDocument's first entry names its kind (its mimetype); else the name tells.
    if not head.startswith(ZIP_START):
        return False
    kind = package_kind(head)
    return kind == "odt" or (kind is None and extension in EXTENSIONS)


def sniffs(text: str) -> bool:
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.odt_text import odt_lines
    from delreg.parse.readers.base import read_document

    require_signature(head(stream).startswith(ZIP_START), DESCRIPTION, request)
    yield from read_document(stream, request, odt_lines)
