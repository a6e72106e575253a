"""An agenda (föredragningslista) or minutes as plain text: the items of its list of delegation
decisions. What no other reader claims is read as this."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.readers.base import ReadRequest, whole_text

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "agenda text"
# Configuration files hold no list: read as text, they say so (no list found, exit 1).
EXTENSIONS = (".txt", ".text", ".md", ".rst", ".toml", ".ini", ".cfg", ".yaml", ".yml")
AGENDA = True


def recognises(head: bytes, extension: str) -> bool:
    return False


def sniffs(text: str) -> bool:
    return True


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.agenda import read_agenda

    yield from read_agenda(
        whole_text(stream, request),
        source=request.source,
        config=request.config,
        meeting_year=request.meeting_year,
        account=request.account,
    )
