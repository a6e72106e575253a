"""Published agenda PDFs → decisions: PDFium reads the text, the agenda parser reads that.

Text comes in reading order from PDFium (pypdfium2), a table as one line per row (a ruled
table's cells found by pdfplumber, a table without rules by its header's columns, see
``_PageReader`` and ``_unruled_tables``; the header's names tell which cell is the date, who
decided and the delegation point, see ``_row_text``), and then goes through the same
normalising step as any agenda text (delreg.text: Word's Symbol and Wingdings bullets become
``•``). Word's and LibreOffice's ways with tables are the ones read: tested on their PDFs
(tests/helpers/office_pdfs.py). A word LibreOffice broke at a soft hyphen is whole again
(delreg.parse.pdf_hyphens). Two columns written line by line across the page are read
column by column (delreg.parse.pdf_columns).
Running heads and feet (the board's name, "Sida 2 (5)") and a table's repeated header row are
taken out, so that an item or a row broken across a page reads as one. The libraries were
chosen by measurement: bench/RESULTS.md, "Reading PDFs".
A record's ``source`` names the page and the line on it: ``"<file>#page=<n>:<line>"`` (the
fragment PDF viewers open at that page).
"""

from __future__ import annotations

import atexit
import io
import logging
import os
import re
import stat
from bisect import insort
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from delreg.config import Config
from delreg.errors import DelregError, InputError
from delreg.parse import Record
from delreg.parse.accounting import Account
from delreg.parse.pdf_columns import in_columns
from delreg.parse.pdf_hyphens import joined, soft_hyphens
from delreg.parse.table_columns import (
    DATE_NAMES,
    DELEGATE_NAMES,
    NUMBER_COLUMN,
    PARTIES_APART,
    TEXT_ROLES,
    column_roles,
    row_text,
)
from delreg.store.bulk import collector_paused
from delreg.text import BULLET, normalise_document

if TYPE_CHECKING:
    from delreg.parse.forked import Ahead, Helper

# Running heads and feet sit among the first and last few lines of a page.
EDGE_LINES = 3
_PAGE_NUMBER = re.compile(
    r"[-–\s]*(?:sida|sid\.?|s\.|page)?\s*(\d{1,4})\s*(?:(?:av|of|/)\s*\d{1,4}|\(\s*\d{1,4}\s*\))?"
    r"[-–\s]*",
    re.IGNORECASE,
)
# A page's number of the document's pages after a web address or "Sida": a browser's foot
# ("https://www.vallby.se/kallelse.html 1/1", Chromium's and Edge's print of a web page), a
# word processor's ("Kallelse 2024-03-14  Sida 1 av 1"). Its page and the pages' count tell it
# from a diary number, on a document too short to show it running along.
_PAGE_OF_PAGES = re.compile(
    r"(?:.*(?:https?://|www\.)\S*\s+|(?:.*\s)?(?:sida|page)\s+)(\d{1,4})\s*(?:/|av|of)\s*(\d{1,4})",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
# "MT 2023-" at a line's end and "0043" on the next: one number, broken by the wrap.
_NUMBER_BROKEN_AT_DASH = re.compile(r"(\d[-–])\s*\n\s*(?=\d)")
_BROKEN_NUMBER_START = re.compile(r"\d")
# A line that is only a number and the parenthesis it closes, as the wrap left it after a
# line with a parenthesis open ("… (ärende" | "7)").
_CLOSING_NUMBER = re.compile(r"\s*\d{1,4}\)[.,;:]?\s*")
# A ruled table draws a line under each row or so; a page of text draws few if any.
_RULES_FOR_A_TABLE = 3
# A header cell names its column in a few words ("Punkt i barn- och utbildningsnämndens
# delegationsordning" at most).
_HEADER_CELL_CHARS = 60
# Runs of a line closer than this many line heights are letters of one word (a space is
# wider, and PDFium gives it besides).
_LETTER_GAP = 0.4
# How far below a line's foot a run's middle may be, in the line's heights, and the run still
# be of that line (a comma's box reaches from below the baseline to just above it).
_MARK_DROP = 0.25
# The names of a column of what was decided ("Ärendebeskrivning", "Beslutsmening"), beside
# those of the day and of who decided (delreg.parse.table_columns): for telling a header that
# names no diary number's column (_header_cells, _may_head_a_table).
_ITEM_NAMES = (
    r"(?:ärende|beslut)(?:t|et|n|ets innehåll|s?(?:mening|beskrivning|titel|text|rubrik))?"
    r"|rubrik|beskrivning|avser|innehåll|titel"
)
# A header that names no diary number's column is one where it names a date's or a delegate's
# and one for what was decided ("Ärende | Beslut | Datum | Delegat"): its line a few words
# without digits.
_ROLE_NAME = re.compile(rf"\b(?:{DATE_NAMES}|{DELEGATE_NAMES})\b", re.I)
_ITEM_COLUMN = re.compile(_ITEM_NAMES, re.I)
_ITEM_NAME = re.compile(rf"\b(?:{_ITEM_NAMES})\b", re.I)
# Such a header's line: a few words without digits.
_ROLE_HEADER_LINE = re.compile(
    rf"^[^\d\n]{{0,80}}\b(?:{DATE_NAMES}|{DELEGATE_NAMES})\b[^\d\n]{{0,80}}$", re.I | re.M
)
# Letters every spelling of those names holds but "Beslutad"/"Beslutat" alone, without other
# case forms: substring tests spare most pages the case-blind search. Not "beslutat": nearly
# every page of an agenda says "har beslutat" (a header naming its date so stands under a
# diary number's column, or is not seen).
_ROLE_LETTERS = (
    "datum", "dag", "delegat", "fattare", "beslutande", "beslutad av", "beslutat av", "fattat av"
)  # fmt: skip
# A line of a cell that is a piece of a word broken by the column's edge: letters, no space
# after them, no hyphen ("Personuppgiftsbiträ").
_WORD_PIECE = re.compile(r"[^\W\d_]{2,}")
# Marks the end of such a piece among a cell's lines: the line below is joined without a space.
_BROKEN_WORD = "\x03"
# A line of a page's text that wraps at a space and keeps it: Word and LibreOffice draw the
# space there, so a line of theirs that ends without one ends inside a word. Report tools
# (fpdf2's tables, ...) draw none: on their pages a line that fills its cell tells nothing.
_WRAPS_AT_A_SPACE = re.compile(r"\S \r?\n")
# A cell's text starts within a few points of its column's left edge.
_COLUMN_SLACK = 6.0
# Rows are told apart by the space between them where it is this much wider than the space
# between a cell's lines (the paragraphs' spacing, the cells' margins).
_ROW_GAP_RATIO = 1.5
# Runs of a header line closer than this many line heights are words of one name ("Punkt i").
_HEADER_WORD_GAP = 0.6
# A header's name goes on on the line below where the space between is under this many lines.
_HEADER_LINE_GAP = 0.8
# An agenda point's number where a table's diary number or date stands ("12  Anmälan av
# meddelanden" after the table): a heading, no row.
_HEADING_NUMBER = re.compile(r"§?\s*\d{1,3}[.)]?")
# Points by which two spaces between lines may differ and be the same (PDFium's boxes fit the
# glyphs, not the line).
_GAP_SLACK = 0.5
# A gap of more than this many lines ends a table without rules (the page's foot is below).
_TABLE_GAP_LINES = 2.5
# PDFium's mark for a hyphen that ended a line after a letter, the line joined to the next
# ("e\x02post"); the words after which the break was the space after the hyphen ("Hälso- och").
_LINE_END_HYPHEN = "\x02"
_JOINING_WORDS = r"(?:och|eller|samt|respektive|resp\.|till)\s"
_SUSPENDED = re.compile(f"\x02(?={_JOINING_WORDS})")
# The same in a table's cell, whose lines PDFium does not join: a line ending in a hyphen after
# a letter goes on without a space ("e-" | "post"), but before a joining word ("Hälso-" | "och").
_CELL_LINE_HYPHEN = re.compile(f"(?<=[^\\W\\d_])([-\x02])\n(?!{_JOINING_WORDS})")
# Word's bullet one level in: "o" of Courier New, then the item's text.
_SUB_BULLET = re.compile(r"^o(?=[ \t]+[A-ZÅÄÖ0-9])", re.MULTILINE)
# A party's cell that names several, one a line: each line ends in a company's or a public
# body's form ("Vallby Energi AB" | "Nordanå Städ AB"), and each is labelled apart; a name
# wrapped over lines ("Fastighets AB" | "Norrgården") has a line that does not.
_PARTY_END = re.compile(r"(?:\b(?:AB|HB|KB|ek\.\s?för\.?|kommun|region)|förening|stiftelsen?)\s*$")
# A title row over a group of a table's rows is a few words.
_TITLE_CHARS = 60
# Columns whose cells hold digits: the diary number's and the date's.
_DIGIT_ROLES = ("number", "date")
# Columns whose cell merged over several rows is each row's.
_MERGED = ("date", "delegate")
# Below this many pages, forking a helper costs more than the pages it spares.
PAGES_FOR_A_HELPER = 24
# A running head or foot has a few words ("Region Västmark — Kallelse", "Sida 2 (4)"); text
# has more.
_FOOT_WORDS = 6
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
    lines = pdf_lines(binary_stream, source=source, meanwhile=lambda: _agenda_rules(config))
    if not any(line.text.strip() for line in lines):
        raise InputError(
            "has no text to read (a scanned image?)",
            source=source,
            hint="run it through OCR first (e.g. ocrmypdf), or give the agenda as text",
        )
    # Imported here: the agenda parser is only needed for PDFs and agendas.
    from delreg.parse.agenda import read_agenda

    def locate(number: int) -> str:
        found = lines[number - 1]
        return f"{source}#page={found.page}:{found.line}"

    # Reading the text makes tens of thousands of lines, blocks and records, none in a cycle
    # (tests/parse/test_pdf_collector.py): the cyclic collector's passes over them (some 100,
    # 5-10 ms of the 200-page agenda) would find nothing. It runs again once the text is read,
    # or its reading abandoned. (Not over the pages: pdfplumber's objects of a ruled table do
    # hold cycles.)
    with collector_paused():
        yield from read_agenda(
            "\n".join(line.text for line in lines),
            source=source,
            config=config,
            meeting_year=meeting_year,
            account=account,
            locate=locate,
        )


def _agenda_rules(config: Config) -> object:
    """The agenda parser loaded and its rules compiled (while a helper reads pages)."""
    # The parser's modules compile their patterns as they load.
    import delreg.parse.agenda  # noqa: F401
    from delreg.parse.agenda_rules import agenda_rules

    return agenda_rules(config)


def pdf_lines(
    binary_stream: IO[bytes], *, source: str, meanwhile: Callable[[], object] | None = None
) -> list[PdfLine]:
    """Each line of text with its page and its line on that page, furniture left out;
    ``meanwhile`` is called once while the pages are read (see ``_page_texts``)."""
    texts = _page_texts(binary_stream, source, meanwhile)
    # Held off as the agenda's text is read (see read_pdf): a line is two tuples.
    with collector_paused():
        return _lines(texts)


def _lines(texts: list[str]) -> list[PdfLine]:
    """The lines of the pages' texts, page furniture left out (see ``pdf_lines``)."""
    pages = [_trimmed(text.split("\n")) for text in texts]
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
    return _numbers_made_whole(kept)


def _numbers_made_whole(lines: list[PdfLine]) -> list[PdfLine]:
    """Lines with a number broken at its dash by the wrap ("MT 2023-" | "0043 …") joined, and
    a number wrapped with the parenthesis it closes ("… (ärende" | "7)") joined to its line."""
    whole: list[PdfLine] = []
    for line in lines:
        before = whole[-1].text if whole else ""
        if (
            before[-1:] in ("-", "–")
            and before[-2:-1].isdigit()
            and _BROKEN_NUMBER_START.match(line.text.lstrip()) is not None
        ):
            whole[-1] = whole[-1]._replace(text=before + line.text.lstrip())
        elif (
            ")" in line.text
            and _CLOSING_NUMBER.fullmatch(line.text) is not None
            and _leaves_open(before)
        ):
            # Read alone it is an agenda's numbered item without text ("7)"): the item
            # before lost its end, and a rejection was made up.
            whole[-1] = whole[-1]._replace(text=f"{before.rstrip()} {line.text.strip()}")
        else:
            whole.append(line)
    return whole


def _leaves_open(text: str) -> bool:
    """Whether ``text`` ends with a parenthesis open: a closing one without its opening one
    (an item's number, "1) KS 2024/44 …") closes none."""
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
    return depth > 0


def _trimmed(lines: list[str]) -> list[tuple[int, str]]:
    return [(number, text.rstrip()) for number, text in enumerate(lines, start=1)]


def _page_texts(
    binary_stream: IO[bytes], source: str, meanwhile: Callable[[], object] | None = None
) -> list[str]:
    """The text of each page, its tables as one line per row (see ``_PageReader``), in the
    form the agenda parser reads (delreg.text.normalise_document).

    A long document's last pages are read by a second process where that is sound (see
    delreg.parse.forked), as bare text only: a page that needs more is left to ``text``.
    ``meanwhile`` is called once, while the helper starts.
    """
    import pypdfium2 as pdfium

    from delreg.parse.forked import shared

    data = binary_stream.read()
    try:
        # Many published PDFs are "encrypted" only to forbid editing, with an empty password:
        # PDFium opens those by itself.
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError("is protected by a password", source=source, hint=_HINT) from None
        raise InputError(
            f"is not a readable PDF ({error})",
            source=source,
            hint="check that the file is a complete PDF (download it again)",
        ) from None
    reader = _PageReader(document, data, source)
    try:
        texts = list(
            shared(
                len(document),
                lambda index: normalise_document(_pdfium_marks(reader.text(index))),
                reader.helped,
                reader.took_bare,
                least=PAGES_FOR_A_HELPER,
                meanwhile=meanwhile,
                started=_taken_ahead(binary_stream, data, len(document), reader),
            )
        )
        for index, (given, whole) in reader.rejoined.items():
            texts[index] = _rejoined(texts[index], given, whole)
        return texts
    finally:
        reader.close()
        document.close()


# A helper reading an agenda PDF's pages since the command started (``read_ahead``), and the
# file it reads (device, inode), until ``_page_texts`` takes it or the process ends.
_ahead: tuple[Ahead, tuple[int, int]] | None = None
# How long the reader waits for that helper's first word: it has had the command's whole
# start-up to say it, a few ms after it started.
_AHEAD_WAIT = 0.05
# A file larger than this is not read ahead: the reader may refuse it ([limits]).
_AHEAD_MOST_BYTES = 64 << 20


def _rejoined(text: str, given: str, whole: str) -> str:
    """A page's text with the line of its last row (``given``) made ``whole``: the row with the
    rest of its cells, read on the page after (see ``_PageReader.text``)."""
    given, whole = (normalise_document(_pdfium_marks(line)) for line in (given, whole))
    at = text.rfind(given)
    return text if at < 0 else text[:at] + whole + text[at + len(given) :]


def read_ahead(path: str) -> None:
    """Start reading the pages of the PDF at ``path`` in a helper, from the last, where a helper
    is sound, before the command that reads it has even been loaded (`delreg import
    AGENDA.pdf`: delreg.cli.ahead). The helper reads what it would have read had the reader
    forked it (``_PageReader.helped``); the reader takes it as its helper where it reads the
    same bytes, the same file (``_taken_ahead``), and ends it otherwise."""
    global _ahead
    from delreg.parse.forked import Helper, core_to_spare, fork_is_sound

    if _ahead is not None or not (fork_is_sound() and core_to_spare()):
        return
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size > _AHEAD_MOST_BYTES:
            return
        # Loaded before the fork: the reader loads it anyway, and the helper starts sooner.
        import pypdfium2  # noqa: F401

        started = Helper.ahead(lambda: _pages_of(path))
    except OSError:  # no process or pipe to be had: the reader forks its own, or none
        return
    _ahead = (started, (status.st_dev, status.st_ino))
    atexit.register(_drop_ahead)


def _pages_of(path: str) -> tuple[int, Callable[[int], str | None], str]:
    """In the helper started ahead: the document's pages, their reading, and its digest."""
    import hashlib

    import pypdfium2 as pdfium

    with open(path, "rb") as stream:
        data = stream.read()
    document = pdfium.PdfDocument(data)
    count = len(document)
    if count < PAGES_FOR_A_HELPER:
        raise ValueError("too short for a helper")  # it ends without a word
    return count, _PageReader(document, data, path).helped, hashlib.sha256(data).hexdigest()


def _taken_ahead(
    stream: IO[bytes], data: bytes, count: int, reader: _PageReader
) -> Helper[str] | None:
    """The helper started ahead, where it reads this document (``count`` pages of ``data``,
    from the file ``stream`` reads): it is then this reading's helper. Any other is ended."""
    global _ahead
    if _ahead is None:
        return None
    ahead, identity = _ahead
    _ahead = None
    try:
        status = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):  # not a file: a copy of a pipe
        status = None
    if status is None or (status.st_dev, status.st_ino) != identity:
        ahead.drop()
        return None
    import hashlib

    if ahead.told(_AHEAD_WAIT) != (count, hashlib.sha256(data).hexdigest()):
        ahead.drop()
        return None
    return ahead.taken(count, reader.helped)


def _drop_ahead() -> None:
    """At exit: a helper started ahead that no reading took (the command failed before)."""
    global _ahead
    if _ahead is not None:
        _ahead[0].drop()
        _ahead = None


class _PageReader:
    """Reads a page's text with PDFium, and its ruled tables with pdfplumber.

    PDFium gives the text in reading order and fast; it also tells which pages hold ruled lines.
    Only those are handed to pdfplumber, which finds the table's cells from the rules, so a cell
    whose text wraps onto several lines stays one cell and a row stays one row. The page's text is
    then what stands above, between and below its tables, with each table in its place as one
    line per row: ``• <cell> <cell> …``, the header row left out (see ``_table_lines``).
    """

    def __init__(self, document: Any, data: bytes, source: str) -> None:
        self.document = document
        self.data = data
        self.source = source
        self.plumber: Any = None
        # Whether the page before ended in a table: a row may go on overleaf.
        self.table_before = False
        # The last table's columns, by what they hold (``_roles``): a table that goes on
        # overleaf without its header has the same.
        self.roles: tuple[str, ...] | None = None
        # The last row of the page before, where it ended in a table (its page, its line as
        # given there, its cells): the first row overleaf may be the rest of it.
        self.carry: _Carry | None = None
        # For a page whose last row went on overleaf: its line as given, and the whole row.
        self.rejoined: dict[int, tuple[str, str]] = {}
        # The columns of the table without rules the page before ended with: it may go on
        # without its header.
        self.columns: Columns | None = None
        # The space between the rows of tables without rules, on the pages read so far, in
        # order (see ``_rows``).
        self.row_gaps: list[float] = []

    def close(self) -> None:
        if self.plumber is not None:
            self.plumber.close()

    def bare(self, index: int) -> str | None:
        """The page's text where it is all ``text`` would give (no rules, no table header), or
        None where the page needs more than its text."""
        page = self.document[index]
        try:
            if _has_rules(page) or page.get_rotation():
                return None
            text_page = page.get_textpage()
            text = str(text_page.get_text_bounded())
            if _may_head_a_table(text):
                return None
            read = in_columns(text_page, page.get_width(), page.get_height(), text) or text
            return _soft_hyphens_joined(text_page, text, read)
        finally:
            page.close()

    def helped(self, index: int) -> str | None:
        """``bare``, normalised where read (delreg.text.normalise_document), so that a helper
        shares that work too."""
        text = self.bare(index)
        return None if text is None else normalise_document(_pdfium_marks(text))

    def took_bare(self, text: str) -> str | None:
        """``text``, the ``bare`` text of the next page, taken as ``text`` would take it; None
        where the page before ended in a table without rules, which the page may go on with
        without its header: ``text`` reads it then."""
        if self.table_before and self.columns is not None:
            return None
        self.table_before = False
        self.carry = None
        self.columns = None
        return text

    def text(self, index: int) -> str:
        page = self.document[index]
        try:
            # pdfplumber finds a turned page's rules where they are drawn, not where they are
            # seen (its cells come out empty or cut): such a page's tables are read by their
            # header's columns, as a table without rules.
            turned = _upright(page)
            text_page = page.get_textpage()
            height = page.get_height()
            text = str(text_page.get_text_bounded())
            breaks = _WRAPS_AT_A_SPACE.search(text) is not None
            tables = (
                self._ruled_tables(index, height, breaks=breaks)
                if not turned and _has_rules(page)
                else []
            )
            # Reading the text's runs with their boxes costs several times the text: only
            # where a header could stand, or a table without rules goes on from the page before.
            columns_before = self.columns if self.table_before else None
            if (not tables or _are_bands(tables)) and (
                columns_before is not None or _may_head_a_table(text)
            ):
                tables = (
                    _unruled_tables(text_page, self.row_gaps, columns_before, breaks=breaks)
                    or tables
                )
            elif tables and _may_head_a_table(_outside(text_page, tables)):
                # A ruled box (the meeting's attendance, a signature box) and, beside it, the
                # list as a table without rules: read under its own header, around the box.
                tables = sorted(
                    [
                        *tables,
                        *_unruled_tables(
                            text_page, self.row_gaps, None, breaks=breaks, outside=tables
                        ),
                    ],
                    key=lambda table: -table.top,
                )
            self.columns = None
            if not tables:
                self.table_before = False
                self.carry = None
                read = in_columns(text_page, page.get_width(), height, text) or text
                return _soft_hyphens_joined(text_page, text, read)
            parts: list[str] = []
            above = height
            for number, (top, bottom, rows, _) in enumerate(tables):
                parts.append(text_page.get_text_bounded(top=above, bottom=top))
                goes_on = number == 0 and self.table_before and not _has_words_of_its_own(parts[-1])
                # A blank line after a table: its last row ends there, whatever line follows
                # (a heading above the next table is no more of that row).
                parts.append(self._table(index, rows, goes_on=goes_on) + "\n")
                above = bottom
            rest = text_page.get_text_bounded(top=above, bottom=0)
            self.table_before = not _has_words_of_its_own(rest)
            if self.table_before:
                self.columns = tables[-1].columns
            else:
                self.carry = None
            parts.append(rest)
            return _soft_hyphens_joined(text_page, text, "\n".join(part for part in parts if part))
        except DelregError:
            raise
        except Exception as error:  # a broken content stream: the page's text would be lost
            raise InputError(
                f"page {index + 1} cannot be read ({type(error).__name__}: {error})",
                source=self.source,
            ) from None
        finally:
            page.close()

    def _table(self, index: int, rows: list[list[str | None]], *, goes_on: bool) -> str:
        """A table's lines (see ``_table_lines``); the rest of the row the page before ended
        with, where it ``goes_on`` from there, is joined to that row (``rejoined``)."""
        made = _table_lines(rows, goes_on=goes_on, roles=self.roles if goes_on else None)
        lines = made.lines
        carry = self.carry if goes_on else None
        if made.rest is not None:
            if carry is not None and len(carry.cells) == len(made.rest):
                cells = [
                    _cell_text(f"{old}\n{new}")
                    for old, new in zip(carry.cells, made.rest, strict=True)
                ]
                whole = f"{BULLET} {row_text(cells, made.roles)}"
                self.rejoined[carry.page] = (carry.line, whole)
                carry = carry._replace(cells=cells)
            else:
                # No row to join it to: the line joins the text before (an item's text).
                lines = [row_text(made.rest, made.roles), *lines]
        self.roles = made.roles
        if made.last is not None:
            carry = _Carry(index, *made.last)
        self.carry = carry
        return "\n".join(lines)

    def _ruled_tables(self, index: int, height: float, *, breaks: bool) -> list[Table]:
        """The page's ruled tables found by pdfplumber, top to bottom; a word broken by its
        cell's edge whole again where the page can show ``breaks`` (see ``_WRAPS_AT_A_SPACE``)."""
        if self.plumber is None:
            import pdfplumber

            # pdfminer (under pdfplumber) logs every oddity of a real-world PDF as a warning;
            # the user cannot act on them.
            logging.getLogger("pdfminer").setLevel(logging.ERROR)
            self.plumber = pdfplumber.open(io.BytesIO(self.data))
        page = self.plumber.pages[index]
        found = [
            Table(
                height - table.bbox[1],
                height - table.bbox[3],
                _ruled_word_breaks(page, table, table.extract()) if breaks else table.extract(),
            )
            for table in page.find_tables()
        ]
        # A table of one column is a framed paragraph, not a list.
        return sorted(
            (table for table in found if max((len(row) for row in table.rows), default=0) > 1),
            key=lambda table: -table.top,
        )


def _ruled_word_breaks(
    page: Any, table: Any, rows: list[list[str | None]]
) -> list[list[str | None]]:
    """A ruled table's cells (pdfplumber's ``table`` on its ``page``), the lines of a word
    broken by its cell's edge marked to be joined without a space (see ``_word_breaks``; the
    cell's right edge is as far from its rule as its text is from the left one)."""
    for cells, boxes in zip(rows, table.rows, strict=True):
        for column, (text, box) in enumerate(zip(cells, boxes.cells, strict=True)):
            if not text or "\n" not in text or box is None:
                continue
            lines = text.split("\n")
            pieces = [
                index
                for index, (line, following) in enumerate(pairwise(lines))
                if following[:1].islower() and _WORD_PIECE.fullmatch(line) is not None
            ]
            if not pieces:
                continue  # most cells: no need to look at their characters
            # The characters whose middle is in the cell (a glyph's box may reach its rules;
            # a cropped page's would be cut to the cell).
            left, top, right, bottom = box
            drawn = _char_lines(
                [
                    char
                    for char in page.chars
                    if left <= (char["x0"] + char["x1"]) / 2 <= right
                    and top <= (char["top"] + char["bottom"]) / 2 <= bottom
                ]
            )
            if len(drawn) != len(lines):
                continue
            edge = right - (min(char["x0"] for line in drawn for char in line) - left)
            for index in pieces:
                end = drawn[index][-1]
                # Drawn as read, no space after it, and to the edge but for a letter or so.
                as_read = "".join(char["text"] for char in drawn[index]) == lines[index]
                if as_read and end["x1"] >= edge - (end["bottom"] - end["top"]):
                    lines[index] += _BROKEN_WORD
            cells[column] = "\n".join(lines)
    return rows


def _char_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """pdfplumber's characters in lines, in the order drawn; a line's spaces kept at its end
    (a line that wraps at a space ends with it)."""
    lines: list[list[dict[str, Any]]] = []
    for char in chars:
        if lines and abs(char["top"] - lines[-1][0]["top"]) < (char["bottom"] - char["top"]) / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def _soft_hyphens_joined(text_page: Any, text: str, read: str) -> str:
    """``read``, the page's text as read, with the words its whole text (``text``) shows broken
    at a soft hyphen whole (delreg.parse.pdf_hyphens); a page without a hyphen at a line's end
    costs a substring test."""
    if _LINE_END_HYPHEN not in text:
        return read
    words = soft_hyphens(text_page, text)
    return joined(read, words) if words else read


def _pdfium_marks(text: str) -> str:
    """A page's text with the hyphens PDFium marked as line ends back, and Word's bullet one
    level in ("o" of Courier New) a bullet.

    A hyphen: "e-post", "KSN-2024-12", and the space after one where a joining word follows
    ("Hälso- och sjukvårdsdirektören"). Without this the mark would become a space
    (delreg.text), splitting a diary number or a delegate's title in two. A hyphen Word put in
    to break a long word ("upphand-" | "ling") stays: no PDF of Word's here shows it drawn apart
    from an ordinary one, and one added is the lesser harm (LibreOffice's is told apart by how
    it is drawn, and joined before: delreg.parse.pdf_hyphens). The bullet: a line "o
    Kommundirektören har …" is an item of a list one level in (no Swedish line starts with the
    word "o" and a capital).
    """
    if _LINE_END_HYPHEN in text:
        text = _SUSPENDED.sub("- ", text).replace(_LINE_END_HYPHEN, "-")
    if "\no " in text or "\no\t" in text or text.startswith(("o ", "o\t")):
        text = _SUB_BULLET.sub(BULLET, text)
    return text


def _are_bands(tables: list[Table]) -> bool:
    """Whether pdfplumber's tables are the shaded rows of a table without rules: every other
    row shaded, as Word's banded table styles do (a row each, most of them), or the header
    alone. The rows between or below are no table to pdfplumber, so the table is read by its
    header's columns instead."""
    single = [table for table in tables if len(table.rows) == 1]
    # A one-row box beside a ruled table ("Justerare | Ordförande") is no band of it.
    if len(single) == len(tables) and any(
        _is_header([_cell_text(cell) for cell in table.rows[0]]) for table in single
    ):
        return True
    return len(single) > 1 and 2 * len(single) >= len(tables)


class _Carry(NamedTuple):
    """A table's last row on a page: the page, the row's line as given there, its cells."""

    page: int
    line: str
    cells: list[str]


class Table(NamedTuple):
    """A table on a page: where it starts and ends (PDF points from the page's foot), its rows,
    and for a table without rules its columns (it may go on overleaf without its header)."""

    top: float
    bottom: float
    rows: list[list[str | None]]
    columns: Columns | None = None


class _Run(NamedTuple):
    """A run of text on one line, as PDFium finds it: its box and its text."""

    left: float
    bottom: float
    right: float
    top: float
    text: str


def _outside(text_page: Any, tables: list[Table]) -> str:
    """The page's text above, between and below its ``tables`` (top to bottom)."""
    parts = []
    above = None
    for table in tables:
        parts.append(text_page.get_text_bounded(top=above, bottom=table.top))
        above = table.bottom
    parts.append(text_page.get_text_bounded(top=above, bottom=0))
    return "\n".join(parts)


def _unruled_tables(
    text_page: Any,
    row_gaps: list[float],
    columns_before: Columns | None,
    *,
    breaks: bool,
    outside: Sequence[Table] = (),
) -> list[Table]:
    """Tables without rules: under a header line that names the diary number's column, or a
    date's or who decided's and one for what was decided (see ``_header_cells``).

    A Word table without borders comes out of the text as its cells side by side, a cell that
    wraps as lines of its column alone. The header's words ("Datum", "Dnr", "Ärende") give the
    columns' left edges; a name too long for its column goes on on the line below ("Punkt i" /
    "delegationsordningen"). The table ends at a line that does not keep to the columns, at a
    diary number's or a date's column that holds no digit or an agenda point's number (a
    heading after the table), or after a gap of more than a few lines (the page's foot). Its
    rows: see ``_rows``, the header's names first; ``row_gaps`` gathers the space between rows
    over the pages read so far.

    A table the page before ended with (``columns_before``, its columns) goes on at the top of
    this page without its header, where Word does not repeat it: from the first line, below the
    running head, that keeps to its columns and starts a row. A word broken by its column's edge
    is whole again where the page can show ``breaks`` (see ``_WRAPS_AT_A_SPACE``). The text of
    the ruled tables the page holds (``outside``) is none of theirs.
    """
    count = text_page.count_rects()
    if not count:
        return []
    runs = []
    for index in range(count):
        left, bottom, right, top = text_page.get_rect(index)
        if outside and any(table.bottom <= (top + bottom) / 2 <= table.top for table in outside):
            continue
        runs.append(
            _Run(left, bottom, right, top, text_page.get_text_bounded(left, bottom, right, top))
        )
    lines = _runs_by_line(runs)
    tables: list[Table] = []
    position = 0
    if columns_before is not None:
        start = _goes_on_at(lines, columns_before)
        if start is not None:
            table, position = _table_below(
                lines, start, columns_before, row_gaps, header=None, breaks=breaks
            )
            tables.append(table)
    while position < len(lines):
        header = _header_cells(lines[position])
        if header is None and position + 1 < len(lines):
            # Its names broken at a hyphen ("Diarie-" | "nummer", "Besluts-" | "datum"): the
            # header is its two lines, the names whole.
            whole = _names_made_whole(lines[position], lines[position + 1])
            header = None if whole is None else _header_cells(whole)
            position += header is not None
        position += 1
        if header is None:
            continue
        columns = Columns(
            [run.left for run in header], [" ".join(run.text.split()) for run in header]
        )
        table, position = _table_below(
            lines, position, columns, row_gaps, header=header, breaks=breaks
        )
        tables.append(table)
    return tables


def _names_made_whole(line: list[_Run], below: list[_Run]) -> list[_Run] | None:
    """A header's ``line`` whose names that end in a hyphen (PDFium's mark of one at a line's
    end) go on on the line ``below`` in the same column, each made whole ("Diarienummer");
    None where none does."""
    if not any(run.text.rstrip().endswith((_LINE_END_HYPHEN, "-")) for run in line):
        return None  # most lines: no name broken
    whole = list(line)
    joined = False
    for index, run in enumerate(line):
        piece = run.text.rstrip()
        if not piece.endswith((_LINE_END_HYPHEN, "-")) or not piece[-2:-1].isalpha():
            continue
        rest = next((more for more in below if abs(more.left - run.left) <= _COLUMN_SLACK), None)
        if rest is None or not rest.text.strip()[:1].islower():
            continue
        # Where the name ends: the table's rows are below it.
        whole[index] = rest._replace(
            left=run.left, right=max(run.right, rest.right), text=piece[:-1] + rest.text.strip()
        )
        joined = True
    return whole if joined else None


class Columns(NamedTuple):
    """The columns of a table without rules: their left edges and their header's names."""

    lefts: list[float]
    names: list[str]


def _goes_on_at(lines: list[list[_Run]], columns: Columns) -> int | None:
    """Where a table of ``columns`` goes on at the top of a page: its first line that keeps to
    them and starts a row (a diary number) or goes on with one (the rest of the last row of the
    page before, the number's column empty), the lines above it a running head at most. None
    where the header stands again (the table is read under it)."""
    roles = column_roles(columns.names)
    key = _key_column(roles)
    for position, line in enumerate(lines[: EDGE_LINES + 1]):
        if _header_cells(line) is not None:
            return None
        cells = _cells(line, columns.lefts)
        if cells is None:
            continue
        if (_DIGIT.search(cells[key]) and not _HEADING_NUMBER.fullmatch(cells[key])) or (
            not cells[key]
            and any(cell for cell, role in zip(cells, roles, strict=True) if role in TEXT_ROLES)
        ):
            return position
    return None


def _table_below(
    lines: list[list[_Run]],
    position: int,
    columns: Columns,
    row_gaps: list[float],
    *,
    header: list[_Run] | None,
    breaks: bool,
) -> tuple[Table, int]:
    """The table whose lines start at ``position``, under its ``header`` (or going on from the
    page before without one), and the position after it (see ``_unruled_tables``)."""
    names = list(columns.names)
    roles = column_roles(names)
    key = _key_column(roles)
    digits = [column for column, role in enumerate(roles) if role in _DIGIT_ROLES]
    # Each line of the table: its cells, and the space above it.
    found: list[tuple[list[str], float]] = []
    # The header's lines and the table's, each with its cells' last runs (see _word_breaks).
    head: list[tuple[list[str], list[_Run | None]]] = []
    if header is not None:
        head.append((list(names), list[_Run | None](header)))
    body: list[tuple[list[str], list[_Run | None]]] = []
    first = header if header is not None else lines[position]
    last = header
    # The lines taken into the table, the header's after its first included.
    taken: list[list[_Run]] = []
    tall = max(run.top - run.bottom for run in first)
    while position < len(lines):
        line = lines[position]
        ends: list[_Run | None] = [None] * len(names)
        cells = _cells(line, columns.lefts, ends)
        if cells is None:
            break
        gap = 0.0
        # PDFium's boxes fit the glyphs: a line of small letters ("re", the rest of a header's
        # name) is lower than one with capitals. Each line is taken as tall as the tallest so
        # far, so that the space above such a line is not taken for the space between rows.
        tall = max(tall, max(run.top - run.bottom for run in line))
        height = tall
        if last is not None:
            bottom = min(run.bottom for run in line)
            gap = min(run.bottom for run in last) - max(*(run.top for run in line), bottom + tall)
            if gap > _TABLE_GAP_LINES * height:
                break
        if _HEADING_NUMBER.fullmatch(cells[key]):
            break
        named = [
            _below(name, more).replace("\n", " ") for name, more in zip(names, cells, strict=True)
        ]
        # Asked first: a header's name may go on under a date's column ("Datum" | "för beslut"),
        # which is no title over the rows.
        if (
            header is not None
            and not found
            and gap < _HEADER_LINE_GAP * height
            and _is_header(named)
            and _keeps_roles(names, named)
        ):
            # The header's names go on (as close as a name's lines, no digits, short, and each
            # still names what its column holds: "Dnr" | "Personalärenden" is a title below).
            names = named
            head.append((cells, ends))
        else:
            if any(cells[column] and not _DIGIT.search(cells[column]) for column in digits):
                following = (
                    _cells(lines[position + 1], columns.lefts)
                    if position + 1 < len(lines)
                    else None
                )
                if not _is_title_line(cells, following, digits, key):
                    break
                # A title over the rows below ("Personalärenden"): a row of its own.
                title = next(cell for cell in cells if cell)
                cells = [title if column == key else "" for column in range(len(cells))]
                ends = [None] * len(cells)
            found.append((cells, gap))
            body.append((cells, ends))
        last = line
        taken.append(line)
        position += 1
    if roles[key] == "date" and _heads_what_follows(found, key):
        # Given back to the text after the table.
        found.pop()
        body.pop()
        taken.pop()
        position -= 1
        last = taken[-1] if taken else header
    if len(head) > 1:
        names = _names_joined(head, breaks=breaks)
    for index, column in _word_breaks(body) if breaks else ():
        found[index][0][column] += _BROKEN_WORD
    top = max(run.top for run in first) + 0.5
    bottom = min(run.bottom for run in (last or first)) - 0.5
    rows = _rows(found, row_gaps, key)
    rows = [[*names], *rows]
    return Table(top, bottom, rows, Columns(columns.lefts, names)), position


def _keeps_roles(names: list[str], longer: list[str]) -> bool:
    """Whether a header's ``names`` gone on to the ``longer`` still name what each column holds
    (see ``_roles``): no column that held a diary number, a date or a name holds text."""
    return all(
        role == "text" or role == again
        for role, again in zip(column_roles(names), column_roles(longer), strict=True)
    )


def _heads_what_follows(found: list[tuple[list[str], float]], key: int) -> bool:
    """Whether the last line of a table keyed by its date (no column named for the diary
    number, see ``_key_column``) is a heading after it ("Övriga frågor"), not the last line of
    its last row: a few words in the first column alone (where a heading starts, at the
    margin), where that column was empty on the line above (a cell's text skips no line) or
    the line stands as far below as the rows are apart."""
    if len(found) < 2 or key == 0:
        return False
    cells, gap = found[-1]
    if not cells[0] or any(cells[1:]) or len(cells[0]) > _TITLE_CHARS:
        return False
    if not found[-2][0][0]:
        return True
    between = [space for line, space in found[1:-1] if line[key]]
    return bool(between) and gap >= min(between) - _GAP_SLACK


def _names_joined(lines: list[tuple[list[str], list[_Run | None]]], *, breaks: bool) -> list[str]:
    """A header's names over its lines, a word broken by its column's edge whole again
    ("Beslutsfatta" | "re", see ``_word_breaks``) where ``breaks`` may be told."""
    broken = _word_breaks(lines) if breaks else set()
    names = list(lines[0][0])
    for index, (cells, _) in enumerate(lines[1:]):
        names = [
            f"{name}{more}" if (index, column) in broken else _below(name, more).replace("\n", " ")
            for column, (name, more) in enumerate(zip(names, cells, strict=True))
        ]
    return names


def _is_title_line(
    cells: list[str], following: list[str] | None, digits: list[int], key: int
) -> bool:
    """Whether a line of a table without rules whose diary number's or date's column holds no
    digit is a title over the rows that follow, not a heading after the table: its only text is
    a few words in that column, and the next line starts a row."""
    filled = [column for column, cell in enumerate(cells) if cell]
    return (
        len(filled) == 1
        and filled[0] in digits
        and len(cells[filled[0]]) <= _TITLE_CHARS
        and following is not None
        and _DIGIT.search(following[key]) is not None
    )


def _rows(
    lines: list[tuple[list[str], float]], row_gaps: list[float], key: int = 0
) -> list[list[str | None]]:
    """The rows of a table without rules, from its lines' cells and the space above each.

    A line with text in the ``key`` column (the diary number's, or the date's where no column
    is named for the number: see ``_key_column``) starts a row; a line without continues the
    row's cells, unless the space above it is as wide as between the rows that have a key: then
    it is a row of its own whose key is missing (an item cut off), not more of the row before.
    Where rows are spaced like a cell's lines, this cannot be told. ``row_gaps``, the spaces
    between rows of the tables read before, is kept in order: a long table's pages would
    otherwise sort all of them again for each page.
    """
    for cells, gap in lines[1:]:
        if cells[key]:
            insort(row_gaps, gap)
    blocks = _blocks(lines, key)
    if blocks is not None:
        return blocks
    within_rows = [gap for cells, gap in lines[1:] if not cells[key]]
    wide: float | None = None
    if row_gaps and within_rows:
        row_gap = row_gaps[len(row_gaps) // 2]
        if row_gap > _ROW_GAP_RATIO * min(within_rows):
            wide = (row_gap + min(within_rows)) / 2
    rows: list[list[str | None]] = []
    for cells, gap in lines:
        if cells[key] or not rows or (wide is not None and gap > wide):
            rows.append([*cells])
        else:
            rows[-1] = [_below(old, new) for old, new in zip(rows[-1], cells, strict=True)]
    return rows


def _blocks(lines: list[tuple[list[str], float]], key: int) -> list[list[str | None]] | None:
    """The rows of a table without rules whose key stands lower than a row's first line (its
    cells set in the middle or at the foot of the row, as a spreadsheet sets them), as the
    blocks of lines the space between rows sets apart: where each block holds one line with a
    key, and some block's key is not on its first line. None where that is not so (a row's
    key on its first line: ``_rows`` reads those)."""
    if len(lines) < 3 or all(cells[key] for cells, _ in lines):
        return None  # most tables: each line its row's, or a row's key on its first line
    # The space between rows is the wider side of the widest step between the spaces, sorted:
    # PDFium's boxes fit the glyphs, so a cell's lines stand unevenly apart (a line set in
    # the middle of two overlaps them).
    gaps = sorted(gap for _, gap in lines[1:])
    step = max(range(len(gaps) - 1), key=lambda index: gaps[index + 1] - gaps[index])
    narrow, wide = gaps[step], gaps[step + 1]
    if wide <= _ROW_GAP_RATIO * max(narrow, 0) + _GAP_SLACK:
        return None  # rows spaced as a cell's lines: no blocks to tell
    wide = (narrow + wide) / 2
    blocks: list[list[list[str]]] = [[lines[0][0]]]
    for cells, gap in lines[1:]:
        if gap > wide:
            blocks.append([cells])
        else:
            blocks[-1].append(cells)
    keyed = [[bool(cells[key]) for cells in block] for block in blocks]
    if (
        len(blocks) < 2
        or any(flags.count(True) != 1 for flags in keyed)
        or all(flags[0] for flags in keyed)
    ):
        return None
    rows: list[list[str | None]] = []
    for block in blocks:
        row = list[str | None](block[0])
        for cells in block[1:]:
            row = [_below(old, new) for old, new in zip(row, cells, strict=True)]
        rows.append(row)
    return rows


def _below(cell: str | None, more: str) -> str:
    return f"{cell}\n{more}" if cell and more else cell or more


def _runs_by_line(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped into lines (top to bottom), each line's runs from left to right."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda run: -run.top):
        middle = (run.top + run.bottom) / 2
        line = lines[-1] if lines else None
        # A comma's or a full stop's box, a run of its own, sits at the line's foot.
        if (
            line is not None
            and line[0].bottom - _MARK_DROP * (line[0].top - line[0].bottom)
            <= middle
            <= line[0].top
        ):
            line.append(run)
        else:
            lines.append([run])
    return [sorted(line, key=lambda run: run.left) for line in lines]


def _may_head_a_table(text: str) -> bool:
    """Whether a page's text names the diary number's column somewhere, or has a line of a few
    words without digits that names a date's or a delegate's column and one for what was
    decided (a header may stand, see ``_header_cells``)."""
    if _LINE_END_HYPHEN in text:
        # A name broken at its hyphen over a header's two lines ("Diarie-" | "nummer"), which
        # PDFium joins and marks.
        text = text.replace(_LINE_END_HYPHEN, "")
    # Every spelling the number's pattern takes holds "nr" or "nummer" (and see _ROLE_LETTERS).
    lowered = text.lower()
    if ("nr" in lowered or "nummer" in lowered) and NUMBER_COLUMN.search(text) is not None:
        return True
    if not any(letters in lowered for letters in _ROLE_LETTERS):
        return False
    return any(_ITEM_NAME.search(line[0]) for line in _ROLE_HEADER_LINE.finditer(text))


def _header_cells(line: list[_Run]) -> list[_Run] | None:
    """A line's runs as a table's header cells (runs a word apart joined: "Punkt" "i"), where
    the line is one: two names or more, one of them the diary number's column, or else a date's
    or who decided's and one for what was decided ("Ärende | Beslut | Datum | Delegat")."""
    if len(line) < 2:
        return None
    joined = " ".join(run.text for run in line)
    if NUMBER_COLUMN.search(joined) is None and _ROLE_NAME.search(joined) is None:
        # A line whose every character is a run of its own: its words are the runs together.
        letters = "".join(run.text for run in line)
        if NUMBER_COLUMN.search(letters) is None and _ROLE_NAME.search(letters) is None:
            return None  # most lines of a page: no need to look at their runs
    height = max(run.top - run.bottom for run in line)
    cells = [line[0]]
    for run in line[1:]:
        before = cells[-1]
        if run.left - before.right < _HEADER_WORD_GAP * height and not _names_apart(
            before.text, run.text
        ):
            text = _joined(before.text, before, run, height)
            cells[-1] = before._replace(right=run.right, text=text)
        else:
            cells.append(run)
    names = [" ".join(run.text.split()) for run in cells]
    if len(names) < 2 or not _is_header(names):
        return None
    roles = column_roles(names)
    if "number" in roles:
        return cells
    # Without one, the date's or the delegate's column and one named for what was decided
    # ("Ärende", "Beslut"): "Datum | Tid | Plats" above a meeting's day is no list.
    named = ("date" in roles or "delegate" in roles) and any(
        role == "text" and _ITEM_COLUMN.fullmatch(name)
        for role, name in zip(roles, names, strict=True)
    )
    return cells if named else None


def _names_apart(before: str, after: str) -> bool:
    """Whether two runs of a header line close together are two columns' names, each a role's
    ("Beslutsfattare" and "Datum" 1.5 mm apart), not the words of one ("Punkt" "i")."""
    return "text" not in column_roles([" ".join(before.split()), " ".join(after.split())])


def _key_column(roles: tuple[str, ...]) -> int:
    """The column whose text starts a row of a table without rules: the diary number's, or
    where the header names none ("Ärende | Beslut | Datum | Delegat", the number in the case's
    column) the date's, which each row has on its first line."""
    for role in ("number", "date"):
        if role in roles:
            return roles.index(role)
    return 0


def _cells(
    line: list[_Run], columns: list[float], ends: list[_Run | None] | None = None
) -> list[str] | None:
    """A line's text by column, or None for a line that does not keep to the columns; ``ends``
    is given each column's last run on the line."""
    cells = [""] * len(columns)
    lasts: list[_Run | None] = [None] * len(columns)
    height = max(run.top - run.bottom for run in line)
    for run in line:
        column = max(
            (index for index, left in enumerate(columns) if run.left >= left - _COLUMN_SLACK),
            default=None,
        )
        if column is None:
            return None
        if column + 1 < len(columns) and run.right > columns[column + 1] + _COLUMN_SLACK:
            return None  # it runs across the next column: text, not a cell
        before = lasts[column]
        cells[column] = run.text if before is None else _joined(cells[column], before, run, height)
        lasts[column] = run
    if ends is not None:
        ends[:] = lasts
    return [" ".join(cell.split()) for cell in cells]


def _joined(text: str, before: _Run, run: _Run, height: float) -> str:
    """``text``, which ends with the run ``before``, and the ``run`` after it on its line: a
    word apart where PDFium gave the space, or they stand apart by one; else one word's
    letters (a page whose every character is placed on its own is a run a character). Where
    two runs overlap, PDFium gives the letters of both to each ("rj" | "rj"): once."""
    if run.left < before.right:
        overlap = next(
            (size for size in range(len(run.text), 0, -1) if text.endswith(run.text[:size])), 0
        )
        return text + run.text[overlap:]
    if text[-1:].isspace() or run.left - before.right >= _LETTER_GAP * height:
        return f"{text.rstrip()} {run.text.lstrip()}"
    return text + run.text


def _word_breaks(lines: list[tuple[list[str], list[_Run | None]]]) -> set[tuple[int, int]]:
    """Where a cell's line of a table without rules ends inside a word (line, column): Word and
    LibreOffice break a word too long for its column where the column ends, without a hyphen
    ("Upphandlingsch" | "ef"). Such a line is that one word (a word that fits goes to the next
    line whole), ends without a space (PDFium keeps the space where a line wraps at one) or a
    hyphen, reaches the column's right edge (the rightmost any line of it reaches, give or take
    a letter), and the cell's next line starts with a small letter. Only asked on a page whose
    producer draws the space where a line wraps at one (see ``_WRAPS_AT_A_SPACE``): elsewhere a
    line that fills its column may as well end before a space."""
    rights: dict[int, float] = {}
    for _, ends in lines:
        for column, run in enumerate(ends):
            if run is not None:
                rights[column] = max(rights.get(column, run.right), run.right)
    breaks: set[tuple[int, int]] = set()
    for index, ((cells, ends), (following, _)) in enumerate(pairwise(lines)):
        for column, run in enumerate(ends):
            if (
                run is not None
                and following[column][:1].islower()
                and _WORD_PIECE.fullmatch(run.text) is not None
                and cells[column] == run.text
                and run.right >= rights[column] - (run.top - run.bottom)
            ):
                breaks.add((index, column))
    return breaks


# Characters of a turned page whose turn is looked at: enough to tell its text's.
_TURN_SAMPLE = 40


def _upright(page: Any) -> bool:
    """A page turned for its viewer (/Rotate 90, 180 or 270) whose text is drawn turned back
    (a table scanned sideways and read by OCR, a landscape page of a printer driver) made
    upright, as it is seen: PDFium reads text in the page's own space, where such a page's
    lines run up or down it, and gives its rows run together without a break. Its objects are
    turned and its box and turn set as seen. A turned page whose text is upright as drawn is
    left as it is. Whether the page was turned."""
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    rotation = page.get_rotation()
    if not rotation:
        return False
    text_page = page.get_textpage()
    try:
        count = text_page.count_chars()
        turns = [
            round(math.degrees(pdfium_c.FPDFText_GetCharAngle(text_page.raw, index))) % 360
            for index in range(0, count, max(1, count // _TURN_SAMPLE))
        ]
    finally:
        text_page.close()
    # PDFium gives a character's angle clockwise: text turned back for a page turned by 90
    # degrees stands at 270.
    if 2 * turns.count((360 - rotation) % 360) <= len(turns):
        return False
    left, bottom, right, top = page.get_mediabox()
    # Each point where it is seen, from the seen box's foot and left edge.
    matrix = {
        90: (0, -1, 1, 0, -bottom, right),
        180: (-1, 0, 0, -1, right, top),
        270: (0, 1, -1, 0, top, -left),
    }[rotation]
    for item in page.get_objects(max_depth=1):
        item.transform(pdfium.PdfMatrix(*matrix))
    width, height = right - left, top - bottom
    page.set_rotation(0)
    page.set_mediabox(0, 0, *((height, width) if rotation in (90, 270) else (width, height)))
    return True


def _has_rules(page: Any) -> bool:
    """Whether a page draws lines: a ruled table has some, a page of text has none.

    Paths are counted on the page and in its forms (one level down, as ``get_objects`` with
    ``max_depth=2`` would) by PDFium's own calls: ``get_objects`` makes a Python object of each
    page object, which on a page of text (an object a line or more) costs a quarter of what
    reading the page's text does.
    """
    import pypdfium2.raw as pdfium_c

    forms: list[Any] = []
    found = _paths(
        page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, forms=forms
    )
    for form in forms:
        if found >= _RULES_FOR_A_TABLE:
            break
        found += _paths(form, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
    return found >= _RULES_FOR_A_TABLE


def _paths(
    container: Any,
    count: Callable[[Any], int],
    get: Callable[[Any, int], Any],
    *,
    forms: list[Any] | None = None,
) -> int:
    """The path objects directly in a page or form (up to as many as a table needs); the form
    objects among them go to ``forms``."""
    import pypdfium2.raw as pdfium_c

    path, form, object_type = (
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_FORM,
        pdfium_c.FPDFPageObj_GetType,
    )
    found = 0
    for index in range(count(container)):
        item = get(container, index)
        kind = object_type(item)
        if kind == path:
            found += 1
            if found >= _RULES_FOR_A_TABLE:
                break
        elif kind == form and forms is not None:
            forms.append(item)
    return found


def _has_words_of_its_own(text: str) -> bool:
    """Text beside a table beyond a running head or foot ("Region X — Kallelse", "Sida 2 (4)")."""
    return any(len(line.split()) > _FOOT_WORDS for line in text.splitlines())


class _TableLines(NamedTuple):
    """A table as lines (see ``_table_lines``)."""

    lines: list[str]
    # Its columns by what they hold, where a header named them (``_roles``).
    roles: tuple[str, ...] | None
    # The first row's cells where they are the rest of the row the page before ended with.
    rest: list[str] | None
    # The last row given a line of its own: its line and its cells.
    last: tuple[str, list[str]] | None


def _table_lines(
    rows: list[list[str | None]], *, goes_on: bool, roles: tuple[str, ...] | None = None
) -> _TableLines:
    """One line per row of a table: ``• cell cell …`` (see ``_row_text``).

    The header row is left out (a first row of short cells without digits, "Diarienummer |
    Ärende"), wherever it is repeated; its names tell what each column holds (``_roles``), else
    the ``roles`` of the table this one goes on from serve. A first row without its key (the
    diary number, or the date where no column is named for it: ``_key_column``) on a page where
    the table ``goes_on`` from the page before is the rest of that page's last row (``rest``).
    Any other row keeps its bullet, so that an item cut off (no diary number) stays an item of
    its own rather than being glued onto the one before. A cell a merged cell covers (pdfplumber
    gives None) of the date or of who decided is the one above it: a delegate's name merged over
    their rows is each row's. A row that is a title over the rows
    below it ("Personalärenden", see ``_is_title_row``) is given as a line of its own after a
    blank line: no item, and no more of the row above.
    """
    lines: list[str] = []
    rest: list[str] | None = None
    last: tuple[str, list[str]] | None = None
    above: list[str] | None = None
    started = headed = False
    for row in rows:
        cells = [_cell_text(cell) for cell in row]
        if not started and not headed and _is_header(cells):
            roles = column_roles(cells)
            headed = True
            continue
        if not any(cells):
            continue
        if roles is not None and len(roles) != len(cells):
            roles = None
        if roles is not None and "party" in roles:
            cells = [
                _parties(raw) if role == "party" and raw else cell
                for raw, cell, role in zip(row, cells, roles, strict=True)
            ]  # fmt: skip
        key = 0 if roles is None else _key_column(roles)
        if _is_title_row(row, cells, roles, first=not started):
            lines += ["", next(cell for cell in cells if cell)]
            above = None
            continue
        started = True
        if above is not None and roles is not None:
            cells = [
                above[column] if row[column] is None and role in _MERGED else cell
                for column, (cell, role) in enumerate(zip(cells, roles, strict=True))
            ]
        if goes_on and not lines and rest is None and not cells[key]:
            rest = cells
        else:
            lines.append(f"{BULLET} {row_text(cells, roles)}")
            last = lines[-1], cells
        above = cells
    return _TableLines(lines, roles, rest, last)


def _is_title_row(
    row: list[str | None], cells: list[str], roles: tuple[str, ...] | None, *, first: bool
) -> bool:
    """Whether a table's row is a title over the rows below ("Personalärenden", "Ekonomichefens
    beslut"): one cell of a few words without digits, and either the row's only cell (the first
    merged across the table: pdfplumber gives None for the others) or in a column that holds
    digits (the diary number's or the date's, of a table without rules). Above the ``first``
    row (over the header too) a cell merged across is the table's title, digits and all
    ("Delegationsbeslut januari–februari 2024")."""
    filled = [column for column, cell in enumerate(cells) if cell]
    if len(filled) != 1 or len(cells) < 2:
        return False
    (column,) = filled
    title = cells[column]
    merged = column == 0 and all(cell is None for cell in row[1:])
    if first and merged:
        return len(title) <= 2 * _TITLE_CHARS
    if len(title) > _TITLE_CHARS or _DIGIT.search(title):
        return False
    return merged or (roles is not None and roles[column] in _DIGIT_ROLES)


def _parties(cell: str) -> str:
    """A party's cell on one line, its names apart (``PARTIES_APART``) where each of its lines
    is one (see ``_PARTY_END``)."""
    lines = cell.split("\n")
    if len(lines) < 2 or not all(_PARTY_END.search(line) for line in lines):
        return _cell_text(cell)
    return PARTIES_APART.join(_cell_text(line) for line in lines)


def _cell_text(cell: str | None) -> str:
    """A cell's text on one line; a number broken at its dash by the wrap is whole again, and
    so is a word at its hyphen ("e-" | "post": see ``_CELL_LINE_HYPHEN``)."""
    if not cell:
        return ""
    if _BROKEN_WORD in cell:
        cell = cell.replace(_BROKEN_WORD + "\n", "").replace(_BROKEN_WORD, "")
    if "-\n" in cell or "\x02\n" in cell:
        cell = _CELL_LINE_HYPHEN.sub(r"\1", cell)
    return " ".join(_NUMBER_BROKEN_AT_DASH.sub(r"\1", cell).split())


def _is_header(cells: list[str]) -> bool:
    """Every cell names its column: a word or two, no digits (a row's cell may be empty)."""
    return all(
        cell and len(cell) <= _HEADER_CELL_CHARS and not _DIGIT.search(cell) for cell in cells
    )


def _furniture(pages: list[list[str]]) -> list[set[int]]:
    """For each page, the indices of its lines that are running heads, feet or page numbers.

    A line among the first or last few of a page is furniture when a line like it stands at the
    same edge of half the pages at least, rounded down (two at least: the odd pages' head, of
    a document whose odd and even pages have heads of their own), once on each: the same text,
    but for numbers that are either the same on every page or go up with the page ("Sida 2 av
    5"). A line that is just the page's own number is furniture too, and so is a head too few
    pages have to be seen so (``_heads_of_their_own``). An item is not: its number does not
    step with the page, nor does its diary number.
    """
    needed = max(2, len(pages) // 2)
    edges = [_edges(lines) for lines in pages]
    seen: defaultdict[tuple[str, str], list[tuple[int, list[int]]]] = defaultdict(list)
    for page_number, (lines, page_edges) in enumerate(zip(pages, edges, strict=True), start=1):
        for edge, index in page_edges:
            text = _squeezed(lines[index])
            if _ITEM_LINE.match(text) is not None and len(text.split()) > _FOOT_WORDS:
                # An item's line: two items alike ("- Beslut om färdtjänst enligt …") at the
                # foot of two pages are no running foot.
                continue
            numbers = [int(number) for number in _DIGITS.findall(text)]
            seen[edge, _DIGITS.sub("#", text)].append((page_number, numbers))
    running = {key for key, found in seen.items() if _runs_along(found, needed)}
    # A line of many words that runs along might be the first of items alike but for their
    # numbers ("Socialsekreteraren har beslutat om färdtjänst …"): where such a line stands
    # inside a page too, it is text, which no head does.
    long = {text for _, text in running if len(text.split()) > _FOOT_WORDS}
    if long:
        inside = _inside_lines(pages, edges, long)
        running = {key for key in running if key[1] not in inside}
    furniture: list[set[int]] = []
    for page_number, (lines, page_edges) in enumerate(zip(pages, edges, strict=True), start=1):
        dropped = set()
        for edge, index in page_edges:
            text = _squeezed(lines[index])
            alone = _PAGE_NUMBER.fullmatch(text)
            if (
                (edge, _DIGITS.sub("#", text)) in running
                or (alone is not None and int(alone.group(1)) == page_number)
                or _is_page_of_pages(text, page_number, len(pages))
            ):
                dropped.add(index)
        furniture.append(dropped)
    _heads_of_their_own(pages, edges, furniture)
    return furniture


# A line that starts an item of a list: a bullet, a dash, then a word.
_ITEM_LINE = re.compile(rf"[{BULLET}\-–*]\s+[^\W\d_]")
# The lines of a first page whose words a head of the pages after it repeats: the letterhead,
# the board's name, the meeting's day.
_OPENING_LINES = 10
_WORD = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


def _inside_lines(
    pages: list[list[str]], edges: list[list[tuple[str, int]]], texts: set[str]
) -> set[str]:
    """Which of ``texts`` (lines squeezed, their digits "#") stand inside a page, not at its
    edges."""
    found: set[str] = set()
    for lines, page_edges in zip(pages, edges, strict=True):
        at_edges = {index for _, index in page_edges}
        for index, line in enumerate(lines):
            if index not in at_edges and line.strip():
                text = _DIGITS.sub("#", _squeezed(line))
                if text in texts:
                    found.add(text)
    return found


def _heads_of_their_own(
    pages: list[list[str]], edges: list[list[tuple[str, int]]], furniture: list[set[int]]
) -> None:
    """The running heads too few pages have for ``_furniture`` to see them running along, added
    to ``furniture``: the second page's of two where the first has a head of its own (Word's
    "different first page"), or the even pages' where the odd ones have another (Word's
    "different odd and even pages", a document of three pages). Such a head is the first lines
    of a page whose top holds no furniture, each of a few words, every word of them standing
    in the first page's opening ("Kommunstyrelsen  Kallelse  2024-03-14" under "Kallelse till
    sammanträde med kommunstyrelsen 2024-03-14"); looked for on two pages, or where other
    pages after the first have a head. An item broken over the page break took it into its
    text."""
    tops = [
        any(edge == "top" and index in dropped for edge, index in page_edges)
        for page_edges, dropped in zip(edges, furniture, strict=True)
    ]
    if len(pages) < 2 or (len(pages) > 2 and not any(tops[1:])) or all(tops[1:]):
        return
    opening = {
        word
        for line in [line for line in pages[0] if line.strip()][:_OPENING_LINES]
        for word in _WORD.findall(line.casefold())
    }
    for lines, page_edges, dropped, top in zip(
        pages[1:], edges[1:], furniture[1:], tops[1:], strict=True
    ):
        if top:
            continue
        for edge, index in page_edges:
            words = _WORD.findall(lines[index].casefold())
            if edge != "top" or not words or len(words) > _FOOT_WORDS:
                break
            if not opening.issuperset(words):
                break
            dropped.add(index)


def _is_page_of_pages(text: str, page: int, pages: int) -> bool:
    """Whether a line ends in the ``page``'s number of the document's ``pages`` after a web
    address or "Sida" (see ``_PAGE_OF_PAGES``)."""
    if not text[-1:].isdigit():
        return False  # most lines: no need to search them
    found = _PAGE_OF_PAGES.fullmatch(text)
    return found is not None and (int(found.group(1)), int(found.group(2))) == (page, pages)


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
