"""What every reader module has (``Reader``), what a read is asked with (``ReadRequest``), and
the ways into a document the readers share: bounded text, a stream that can seek."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol, runtime_checkable

from delreg.errors import InputError

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.parse import Record
    from delreg.parse.accounting import Account
    from delreg.parse.document_lines import DocumentLines

# How much of an input detection and the readers' signatures look at.
HEAD_BYTES = 4096


@dataclass(frozen=True)
class ReadRequest:
    source: str  # the name in messages: the file, or <stdin>
    config: Config
    meeting_year: int | None = None  # an agenda's dates without a year are in this one
    sheet: str | None = None  # a workbook's sheet; default the first
    account: Account | None = None  # hears what was found, for the import's summary
    named: bool = False  # the kind was asked for (`--format`), not told from the file
    encoding: str | None = None  # a text document's encoding as the user named it (`--encoding`)


@runtime_checkable
class Reader(Protocol):
    """A module in delreg/parse/readers/ that reads one kind of document."""

    @property
    def DESCRIPTION(self) -> str:
        """The kind of document in a message: "a PDF", "an Excel workbook (.xlsx)"."""
        ...

    @property
    def EXTENSIONS(self) -> tuple[str, ...]:
        """The file name endings (lower case, with the dot) read as this kind."""
        ...

    @property
    def AGENDA(self) -> bool:
        """Whether the document is prose whose items are decisions (an agenda), rather than an
        export whose rows are: its records are then held to the register's rules as they come,
        and whether it held a list at all is for the reader to say."""
        ...

    def recognises(self, head: bytes, extension: str) -> bool:
        """Whether the first bytes (and name ending) say unmistakably that it is this kind,
        whatever else the name says."""
        ...

    def sniffs(self, text: str) -> bool:
        """Whether the first lines of an input without a name look like this kind."""
        ...

    def read(self, stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
        """The records of the document, in its order."""
        ...


def head(stream: io.BufferedReader) -> bytes:
    """The first bytes of the input, left in the stream for the reader."""
    return stream.peek(HEAD_BYTES)[:HEAD_BYTES]


def require_signature(recognised: bool, description: str, request: ReadRequest) -> None:
    """Refuse at once what cannot be of the kind a reader reads (``/dev/zero``, a CSV given
    ``--format xlsx``), before copying a pipe or a device to read it."""
    if not recognised:
        raise InputError(
            f"is not {description} (it does not start as one)",
            source=request.source,
            hint="leave out --format to let delreg tell the format from the file"
            if request.named
            # Its name says the kind: a download cut short, an error page saved under the
            # document's name, or a file renamed.
            else "its name says so, but its content does not: open it, or download it again",
        )


def text_stream(stream: io.BufferedReader, request: ReadRequest) -> io.TextIOWrapper:
    """The document as text in the encoding its start declares (UTF-16 after its byte-order
    mark, Excel's "Unicode text"), else the one the user named, else UTF-8, the mark Swedish
    Excel writes dropped (delreg.parse.text_encoding)."""
    from delreg.parse.text_encoding import document_encoding

    start = head(stream)
    encoding = document_encoding(start, request.encoding, source=request.source)
    return io.TextIOWrapper(stream, encoding=encoding or "utf-8-sig", newline="")


_TEXT_PIECE = 1 << 20


def whole_text(
    stream: IO[bytes], request: ReadRequest, *, declared: tuple[str, str] | None = None
) -> str:
    """The whole of a text document, read in pieces so that binary data (a NUL) or a stream
    without end (``/dev/zero``, ``yes``) is refused early and bounded. It is read in the
    encoding its byte-order mark declares, else the one the user named (`--encoding`), else
    the one the document itself declares (``declared``: a web page's character set and what
    declares it), else UTF-8 (delreg.parse.text_encoding). A byte the encoding cannot read is
    refused with its line."""
    import codecs

    from delreg.limits import limits, raise_hint
    from delreg.parse.text_encoding import GIVEN, document_encoding

    chunk = stream.read(_TEXT_PIECE)
    source = request.source
    encoding = document_encoding(chunk, request.encoding, source=source)
    declared_by = GIVEN
    if encoding is None and declared is not None:
        encoding, declared_by = declared
    encoding = encoding or "utf-8-sig"
    # Decoded here, not by a TextIOWrapper, so that a bad byte's line can be told: the line
    # breaks of the text before it are counted as they pass.
    decoder = codecs.getincrementaldecoder(encoding)()
    most = limits(request.config).document_bytes
    pieces: list[str] = []
    read = lines = 0
    while True:
        try:
            piece = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise _undecodable(error, source, lines, encoding, declared_by) from None
        if not chunk:
            return "".join(pieces)
        lines += piece.count("\n")
        if "\x00" in piece:
            raise InputError(
                "holds binary data, not text",
                source=source,
                hint="give a PDF with --format pdf, an Excel workbook with --format xlsx",
            )
        read += len(piece)
        if read > most:
            raise InputError(
                f"is longer than {most:,} characters".replace(",", " "),
                source=source,
                hint="is this an agenda? " + raise_hint("document_bytes"),
            )
        pieces.append(piece)
        chunk = stream.read(_TEXT_PIECE)


def _undecodable(
    error: UnicodeDecodeError, source: str, lines_before: int, encoding: str, declared_by: str
) -> InputError:
    from delreg.parse.text_encoding import undecodable

    return undecodable(
        error,
        source=source,
        lines_before=lines_before,
        save_as="save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)",
        encoding=encoding,
        declared_by=declared_by,
    )


def seekable_document(stream: io.BufferedReader, request: ReadRequest) -> IO[bytes]:
    """The document as a stream that can seek (a PDF and a workbook are read by seeking about
    them): a pipe is copied first, bounded by [limits] document_bytes."""
    from delreg.limits import limits

    return seekable(stream, source=request.source, most=limits(request.config).document_bytes)


def seekable(stream: IO[bytes], *, source: str = "<input>", most: int | None = None) -> IO[bytes]:
    """A regular file itself, else a copy that can seek (pypdf and zip files seek) of at most
    ``most`` bytes: standard input is a pipe, and ``/dev/zero`` says it can seek but never ends.

    The copy stays in memory up to 32 MB, then goes to a temporary file.
    """
    import tempfile

    if stream.seekable() and _regular(stream):
        return stream
    copy = tempfile.SpooledTemporaryFile(max_size=32 << 20)  # noqa: SIM115 - the caller closes it
    copied = 0
    while piece := stream.read(1 << 20):
        copied += len(piece)
        if most is not None and copied > most:
            copy.close()
            raise InputError(
                f"is larger than {most:,} bytes".replace(",", " "),
                source=source,
                hint="if it is a real document, raise [limits] document_bytes in the configuration",
            )
        copy.write(piece)
    copy.seek(0)
    return copy


def _regular(stream: IO[bytes]) -> bool:
    import tempfile

    if isinstance(stream, tempfile.SpooledTemporaryFile):
        return True  # a copy made here (asking for its descriptor would move it to disk)
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # an in-memory stream (io.BytesIO) has no descriptor
        return True


def read_document(
    stream: io.BufferedReader,
    request: ReadRequest,
    lay_out: Callable[[IO[bytes], str, int], DocumentLines],
) -> Iterator[Record]:
    """The records of a word processor's document (.docx, .odt): its package, within [limits]
    document_bytes unpacked, laid out in lines by ``lay_out(document, source, most)``, read as
    an agenda's, each record located by the paragraph or table row its item starts in."""
    from delreg.limits import limits
    from delreg.parse.agenda import read_agenda

    source = request.source
    most = limits(request.config).document_bytes
    laid_out = lay_out(seekable_document(stream, request), source, most)
    origins = laid_out.origins

    def locate(number: int) -> str:
        return f"{source}#{origins[number - 1]}" if 0 < number <= len(origins) else source

    yield from read_agenda(
        laid_out.text(),
        source=source,
        config=request.config,
        meeting_year=request.meeting_year,
        account=request.account,
        locate=locate,
    )
