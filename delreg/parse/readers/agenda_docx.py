"""An agenda, minutes or list of delegation decisions as a Word document (.docx): its body
laid out in lines (delreg.parse.word_text), then read as an agenda's, each item located by
the paragraph or table row it stands in (``<file>#paragraph=12``, ``<file>#table=1:row=4``)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.office_package import OLE_START, ZIP_START, package_kind
from delreg.parse.readers.base import ReadRequest, head, require_signature

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "a Word document (.docx)"
EXTENSIONS = (".docx", ".docm")
AGENDA = True


def recognises(head: bytes, extension: str) -> bool:
    # The package says what it is where it can be told from its first entries; else the name.
    if not head.startswith(ZIP_START):
        return False
    kind = package_kind(head)
    return kind == "docx" or (kind is None and extension in EXTENSIONS)


def sniffs(text: str) -> bool:
    return False


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.readers.base import read_document
    from delreg.parse.word_text import word_lines

    first = head(stream)
    if first.startswith(OLE_START):
        from delreg.parse.detect import protected_office_file

        raise protected_office_file(request.source, ".docx")
    require_signature(first.startswith(ZIP_START), DESCRIPTION, request)
    yield from read_document(stream, request, word_lines)
