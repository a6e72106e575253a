"""A part that a Word document imports where it stands (``w:altChunk``): a web page, an MHT
file, another Word document or plain text that a program (a case management system's
template, a mail merge) put into the document without converting it. Word shows it in place,
and saves it as the document's own paragraphs only once the document is saved in Word.

Its text is read here, laid out in lines as the rest of the body is: a page by
delreg.parse.html_text, a Word document by delreg.parse.word_text (a Word document that
imports one more is read to a small depth). A kind that is not read (RTF, Word's XML) is named
in what the reader tells of the document rather than left out unsaid.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from delreg.parse.html_text import declared_encoding, page_lines

# How many documents deep a Word document imported into a Word document is read.
MOST_NESTED = 3

# A part's kind by its name's ending, else by its first bytes.
_KINDS = {".htm": "html", ".html": "html", ".xhtml": "html", ".mht": "mht", ".mhtml": "mht",
          ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".txt": "text",
          ".rtf": "RTF", ".xml": "XML"}  # fmt: skip


def chunk_kind(name: str, data: bytes) -> str:
    """ "html", "mht", "docx", "text", or the name of a kind that is not read ("RTF")."""
    ending = name[name.rfind(".") :].lower() if "." in name.rpartition("/")[2] else ""
    if ending in _KINDS:
        return _KINDS[ending]
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith(b"pk\x03\x04"):
        return "docx"
    if start.startswith(b"{\\rtf"):
        return "RTF"
    if start.startswith(b"mime-version") or b"multipart/related" in start:
        return "mht"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "an unknown kind"


def chunk_lines(
    kind: str, data: bytes, *, word: Callable[[bytes], list[str]] | None = None
) -> list[str] | None:
    """The lines of an imported part of ``kind``, None where that kind is not read; ``word``
    lays out a Word document's (None where it is nested too deep to be read)."""
    if kind == "html":
        return _page(_decoded(data, declared_encoding(data[:4096])))
    if kind == "mht":
        page = _mht_page(data)
        return None if page is None else _page(page)
    if kind == "text":
        return _decoded(data, None).splitlines()
    if kind == "docx" and word is not None:
        return word(data)
    return None


def _page(markup: str) -> list[str]:
    return page_lines(markup)[0].split("\n")


def _decoded(data: bytes, declared: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in (declared, "utf-8-sig"):
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")


def _mht_page(data: bytes) -> str | None:
    """The web page of an MHT file (a page and its pictures in one MIME message)."""
    from email import message_from_binary_file, policy

    message = message_from_binary_file(io.BytesIO(data), policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                # The part's charset is what the page is in, else what the page declares.
                charset = part.get_content_charset() or declared_encoding(payload[:4096])
                return _decoded(payload, charset)
    return None
