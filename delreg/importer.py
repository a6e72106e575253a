"""Choosing a reader for each input and streaming its records, in the order given.

The readers are pure; this module is the one that opens files (and stdin) for them.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from delreg.config import Config
from delreg.errors import InputError
from delreg.model import Notice
from delreg.parse import Record, Rejected
from delreg.parse.accounting import Account

FORMATS = ("auto", "text", "pdf", "csv", "tsv", "json", "xlsx")
_SNIFF_BYTES = 4096
_PROGRESS_EVERY = 2048


def read_inputs(
    paths: list[str],
    *,
    fmt: str,
    config: Config,
    meeting_year: int | None = None,
    sheet: str | None = None,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[int], None] | None = None,
    accounts: list[Account] | None = None,
) -> Iterator[Record]:
    """Records of every input in turn. ``on_progress`` hears the bytes read so far, in all
    files together, every few thousand records (for a progress bar); ``accounts`` gets one
    account per input of what was read and what became of it."""
    done = 0
    for name in paths:
        report = None
        if on_progress is not None:
            report = _offset_by(done, on_progress)
        account = Account("<stdin>" if name == "-" else name)
        if accounts is not None:
            accounts.append(account)
        yield from _counted(
            read_input(
                name,
                fmt=fmt,
                config=config,
                meeting_year=meeting_year,
                sheet=sheet,
                stdin=stdin,
                on_position=report,
                account=account,
            ),
            account,
        )
        if name != "-":
            done += input_size(name)


def _counted(records: Iterator[Record], account: Account) -> Iterator[Record]:
    """The records, each counted as the item it is."""
    for record in records:
        if isinstance(record, Rejected):
            account.rejected += 1
        elif isinstance(record, Notice):
            account.notices += 1
        else:
            account.decisions += 1
        yield record


def _offset_by(done: int, on_progress: Callable[[int], None]) -> Callable[[int], None]:
    return lambda position: on_progress(done + position)


def input_size(name: str) -> int:
    """The size in bytes of a named input file (0 for stdin or what cannot be read)."""
    try:
        return 0 if name == "-" else Path(name).stat().st_size
    except OSError:
        return 0


def read_input(
    name: str,
    *,
    fmt: str,
    config: Config,
    meeting_year: int | None = None,
    sheet: str | None = None,
    stdin: BinaryIO | None = None,
    on_position: Callable[[int], None] | None = None,
    account: Account | None = None,
) -> Iterator[Record]:
    source = "<stdin>" if name == "-" else name
    with _open_binary(name, stdin) as stream:
        chosen = fmt
        if chosen == "auto":
            from delreg.parse.detect import detect_format

            chosen = detect_format(name, stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
        if account is not None and chosen not in ("text", "pdf"):
            # An export's rows are its list: a header and no rows is an empty list, not none.
            account.list_found = bool(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES].strip())
        records = _dispatch(chosen, stream, source, config, meeting_year, sheet, account)
        if on_position is None or name == "-":
            yield from records
            return
        # The file descriptor's offset is how far the readers (whatever they wrap the
        # stream in) have read; asking the OS for it costs nothing per record.
        descriptor = stream.fileno()
        for count, record in enumerate(records, start=1):
            if count % _PROGRESS_EVERY == 0 and not stream.closed:
                on_position(os.lseek(descriptor, 0, os.SEEK_CUR))
            yield record
        # A reader may close the stream when it is done with it: by then all of it was read.
        on_position(input_size(name))


def _dispatch(
    fmt: str,
    stream: io.BufferedReader,
    source: str,
    config: Config,
    meeting_year: int | None,
    sheet: str | None,
    account: Account | None = None,
) -> Iterator[Record]:
    if fmt == "pdf":
        from delreg.parse.pdf import read_pdf

        yield from read_pdf(
            stream, source=source, config=config, meeting_year=meeting_year, account=account
        )
    elif fmt == "xlsx":
        from delreg.parse.xlsx import read_xlsx

        yield from read_xlsx(stream, source=source, config=config, sheet=sheet)
    else:
        text = _text_stream(stream, source)
        if fmt == "text":
            from delreg.parse.agenda import read_agenda

            yield from read_agenda(
                _read_text(text, source),
                source=source,
                config=config,
                meeting_year=meeting_year,
                account=account,
            )
        elif fmt in ("csv", "tsv"):
            from delreg.parse.tabular import read_csv

            delimiter = "\t" if fmt == "tsv" else None
            yield from read_csv(text, source=source, config=config, delimiter=delimiter)
        elif fmt == "json":
            from delreg.parse.jsondoc import read_json

            yield from read_json(text, source=source, config=config)
        else:
            raise InputError(f"unknown format {fmt!r}", source=source)


def _read_text(text: io.TextIOWrapper, source: str) -> str:
    try:
        return text.read()
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text (byte {error.start})",
            source=source,
            hint="save the file as UTF-8",
        ) from None


def _text_stream(stream: io.BufferedReader, source: str) -> io.TextIOWrapper:
    # utf-8-sig drops the byte-order mark Swedish Excel writes at the start of a CSV.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")


def _open_binary(name: str, stdin: BinaryIO | None) -> io.BufferedReader:
    if name == "-":
        raw = stdin if stdin is not None else sys.stdin.buffer
        return raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(_Readable(raw))
    path = Path(name)
    if path.is_dir():
        raise InputError("is a folder, not a file", source=name)
    try:
        return open(path, "rb")
    except OSError as error:
        raise InputError(
            error.strerror or "cannot be opened",
            source=name,
            hint="check the file's name and that you may read it; - reads standard input",
        ) from None


class _Readable(io.RawIOBase):
    """Wraps any binary stream (CliRunner's stdin, a pipe) so it can be peeked at."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
