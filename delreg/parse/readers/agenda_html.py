"""An agenda or minutes as a web page (HTML): its text laid out in lines, then read as an
agenda's, each item located by the line of the page it stands on."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.readers.base import ReadRequest, head, whole_text

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "a web page (HTML)"
EXTENSIONS = (".html", ".htm", ".xhtml")
AGENDA = True

_STARTS = (b"<!doctype html", b"<html")


def recognises(head: bytes, extension: str) -> bool:
    return _starts_as_a_page(head)


def sniffs(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:14].lower().startswith(("<!doctype html", "<html"))


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.agenda import read_agenda
    from delreg.parse.html_text import declared_encoding, page_lines

    # A byte-order mark, and then the encoding the user names, outweigh what the page declares
    # (as a browser reads it, and as its "Text encoding" menu overrides it).
    declared = _encoding(declared_encoding(head(stream)))
    markup = whole_text(stream, request, declared=(declared, "the page"))
    text, origins = page_lines(markup)
    source = request.source

    def locate(number: int) -> str:
        return f"{source}:{origins[number - 1]}" if 0 < number <= len(origins) else source

    yield from read_agenda(
        text,
        source=source,
        config=request.config,
        meeting_year=request.meeting_year,
        account=request.account,
        locate=locate,
    )


def _starts_as_a_page(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    while start.startswith(b"<!--"):  # a comment before the doctype
        end = start.find(b"-->")
        if end < 0:
            return False
        start = start[end + 3 :].lstrip(b" \t\r\n")
    return start[:14].lower().startswith(_STARTS)


def _encoding(declared: str | None) -> str:
    """How to decode the page: as it declares, UTF-8 where it declares nothing or something
    unknown; "iso-8859-1" as browsers read it, Windows-1252 (its quotes and dashes)."""
    if declared is None:
        return "utf-8-sig"
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return "utf-8-sig"
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return "utf-8-sig" if name == "utf-8" else name
