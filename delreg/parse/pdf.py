"""Published agenda PDFs → decisions: pypdf extracts the text, the agenda parser reads it.

Text comes in the order of the page's content stream (pypdf's "plain" mode), which is reading
order for what Word, LibreOffice and report generators write; "layout" mode would pad lines with
runs of spaces the agenda parser takes for separators. Running heads and feet (the board's name,
"Sida 2 av 5") are taken out, so that an item broken across a page reads as one.
A record's ``source`` names the page and the line on it: ``"<file>#page=<n>:<line>"`` (the
fragment PDF viewers open at that page).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import IO, Any, NamedTuple

from delreg.config import Config
from delreg.errors import DelregError, InputError
from delreg.parse import Record
from delreg.parse.accounting import Account
from delreg.parse.detect import seekable

# Running heads and feet sit among the first and last few lines of a page.
EDGE_LINES = 3
_PAGE_NUMBER = re.compile(
    r"[-–\s]*(?:sida|sid\.?|s\.|page)?\s*(\d{1,4})\s*(?:(?:av|of|/)\s*\d{1,4}|\(\s*\d{1,4}\s*\))?"
    r"[-–\s]*",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_HINT = "open the PDF and save an unprotected copy, or give the agenda as text"


class PdfLine(NamedTuple):
    """A line of a PDF's text and where it stands: its page and its line there (from 1)."""

    text: str
    page: int
    line: int


def pdf_text(binary_stream: IO[bytes], *, source: str = "<pdf>") -> str:
    """The text of every page, page furniture removed, one line per line of the document."""
    return "\n".join(line.text for line in pdf_lines(binary_stream, source=source))


def read_pdf(
    binary_stream: IO[bytes],
    *,
    source: str,
    config: Config,
    meeting_year: int | None = None,
    account: Account | None = None,
) -> Iterator[Record]:
    """The decisions and notices of an agenda PDF, each located by page and line; ``account``
    hears what became of its lines (see agenda.read_agenda)."""
    lines = pdf_lines(binary_stream, source=source)
    if not any(line.text.strip() for line in lines):
        raise InputError(
            "has no text to read (a scanned image?)",
            source=source,
            hint="run it through OCR first (e.g. ocrmypdf), or give the agenda as text",
        )
    # Imported here: the agenda parser is only needed for PDFs and agendas.
    from delreg.parse.agenda import read_agenda

    text = "\n".join(line.text for line in lines)
    for record in read_agenda(
        text, source=source, config=config, meeting_year=meeting_year, account=account
    ):
        yield _located(record, source, lines)


def _located(record: Record, source: str, lines: Sequence[PdfLine]) -> Record:
    """The record with ``<file>:<line of the joined text>`` turned into its page and line."""
    prefix = f"{source}:"
    where = record.source or ""
    number = where.removeprefix(prefix)
    if not where.startswith(prefix) or not number.isdigit() or not 1 <= int(number) <= len(lines):
        return record
    found = lines[int(number) - 1]
    return replace(record, source=f"{source}#page={found.page}:{found.line}")


def pdf_lines(binary_stream: IO[bytes], *, source: str) -> list[PdfLine]:
    """Each line of text with its page and its line on that page, furniture left out."""
    pages = [_trimmed(text.split("\n")) for text in _page_texts(binary_stream, source)]
    furniture = _furniture([[text for _, text in page] for page in pages])
    kept: list[PdfLine] = []
    for page_number, (page, dropped) in enumerate(zip(pages, furniture, strict=True), start=1):
        lines = [(text, line) for index, (line, text) in enumerate(page) if index not in dropped]
        # A page starting or ending in blank lines would cut an item broken across it.
        while lines and not lines[0][0].strip():
            lines.pop(0)
        while lines and not lines[-1][0].strip():
            lines.pop()
        kept.extend(PdfLine(text, page_number, line) for text, line in lines)
    return kept


def _trimmed(lines: list[str]) -> list[tuple[int, str]]:
    return [(number, text.rstrip()) for number, text in enumerate(lines, start=1)]


def _page_texts(binary_stream: IO[bytes], source: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    with _quiet_pypdf():
        try:
            reader = PdfReader(seekable(binary_stream), strict=False)
            if reader.is_encrypted:
                _decrypt(reader, source)
            return [_page_text(page, number, source) for number, page in enumerate(reader.pages, 1)]
        except DelregError:
            raise
        except DependencyError as error:
            raise InputError(
                f"is encrypted in a way pypdf cannot undo ({error})", source=source, hint=_HINT
            ) from None
        except Exception as error:  # pypdf raises many kinds of error for a broken file
            raise InputError(
                f"is not a readable PDF ({type(error).__name__}: {error})",
                source=source,
                hint="check that the file is a complete PDF (download it again)",
            ) from None


def _decrypt(reader: Any, source: str) -> None:
    # Many published PDFs are "encrypted" only to forbid editing, with an empty password.
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise InputError("is protected by a password", source=source, hint=_HINT)


def _page_text(page: Any, number: int, source: str) -> str:
    try:
        return str(page.extract_text() or "")
    except Exception as error:  # a broken content stream: the page's text would be lost
        raise InputError(
            f"page {number} cannot be read ({type(error).__name__}: {error})", source=source
        ) from None


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs every oddity of a real-world PDF as a warning; the user cannot act on them."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _furniture(pages: list[list[str]]) -> list[set[int]]:
    """For each page, the indices of its lines that are running heads, feet or page numbers.

    A line among the first or last few of a page is furniture when a line like it stands at the
    same edge of at least half the pages (two at least), once on each: the same text, but for
    numbers that are either the same on every page or go up with the page ("Sida 2 av 5").
    A line that is just the page's own number is furniture too. An item is not: its number
    does not step with the page, nor does its diary number.
    """
    needed = max(2, (len(pages) + 1) // 2)
    edges = [_edges(lines) for lines in pages]
    seen: defaultdict[tuple[str, str], list[tuple[int, list[int]]]] = defaultdict(list)
    for page_number, (lines, page_edges) in enumerate(zip(pages, edges, strict=True), start=1):
        for edge, index in page_edges:
            text = _squeezed(lines[index])
            numbers = [int(number) for number in _DIGITS.findall(text)]
            seen[edge, _DIGITS.sub("#", text)].append((page_number, numbers))
    running = {key for key, found in seen.items() if _runs_along(found, needed)}
    furniture: list[set[int]] = []
    for page_number, (lines, page_edges) in enumerate(zip(pages, edges, strict=True), start=1):
        dropped = set()
        for edge, index in page_edges:
            text = _squeezed(lines[index])
            alone = _PAGE_NUMBER.fullmatch(text)
            if (edge, _DIGITS.sub("#", text)) in running or (
                alone is not None and int(alone.group(1)) == page_number
            ):
                dropped.add(index)
        furniture.append(dropped)
    return furniture


def _runs_along(found: list[tuple[int, list[int]]], needed: int) -> bool:
    """Whether lines alike (page, numbers in the line) are one running head or foot."""
    pages = [page for page, _ in found]
    if len(found) < needed or len(set(pages)) < len(pages):
        return False
    for position in range(len(found[0][1])):
        values = {numbers[position] for _, numbers in found}
        steps = {numbers[position] - page for page, numbers in found}
        if len(values) > 1 and len(steps) > 1:
            return False
    return True


def _edges(lines: list[str]) -> list[tuple[str, int]]:
    """The first and the last few lines of a page that are not blank, by edge."""
    filled = [index for index, text in enumerate(lines) if text.strip()]
    return [("top", index) for index in filled[:EDGE_LINES]] + [
        ("bottom", index) for index in filled[-EDGE_LINES:]
    ]


def _squeezed(text: str) -> str:
    return " ".join(text.split())
