"""Choosing a reader for each input, streaming its records in the order given, and writing
them to the register.

The readers are pure; this module is the one that opens files (and stdin) for them, and the one
that hands the store what they found: plain decisions and notices. Rejected items never reach
the store; whether the import commits is decided here, by the caller's rule.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from delreg.config import Config
from delreg.errors import InputError, InvalidValue
from delreg.json_shapes import import_summary_json
from delreg.model import Decision, Meeting, Notice
from delreg.parse import Record, Rejected
from delreg.parse.accounting import Account
from delreg.parse.readers import READERS, ReadRequest
from delreg.parse.readers.base import head
from delreg.spool import ReadAhead
from delreg.store import imports

if TYPE_CHECKING:
    from delreg.store import Change, ImportCounts, Store

FORMATS = ("auto", *READERS)
_PROGRESS_EVERY = 2048


@dataclass
class ImportSummary:
    """What an import did, and the items it rejected (the JSON of `delreg import --json`)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    notices: int = 0
    changes: list[Change] | None = None

    @classmethod
    def of(cls, counts: ImportCounts, rejected: list[Rejected]) -> ImportSummary:
        return cls(
            counts.inserted,
            counts.updated,
            counts.unchanged,
            rejected,
            counts.notices,
            counts.changes,
        )

    def to_json(self) -> dict[str, Any]:
        return import_summary_json(self)


def import_records(
    store: Store,
    records: Iterable[Record],
    *,
    meeting: Meeting | None = None,
    commit_if: Callable[[ImportSummary], bool] | None = None,
    record_changes: bool = False,
    board: str | None = None,
) -> ImportSummary:
    """Write ``records`` to the register in one transaction, all or nothing.

    ``records`` are read as they are written, inside the transaction: give a spool of what
    was read (delreg.spool), not a reader, so that a slow input never holds the write lock.
    A spool still being read (``ReadAhead``) is written as it is read only into a register
    made aside (``store.private``), that no one else can open.
    ``commit_if(summary)``, asked once everything is written and counted, decides whether it
    commits (the command line says no for --dry-run, and for rejected items without
    --skip-invalid). With ``meeting``, the decisions are reported at it in the order read;
    ``record_changes`` keeps each insert and update in ``summary.changes``. A decision that
    names no board goes to ``board`` (a code; None: the register's unnamed board).
    """
    rejected: list[Rejected] = []
    if isinstance(records, ReadAhead):
        if not store.private:
            records.read_whole()
        # As much as the writer needs to know before it starts: whether to set the plain
        # indexes aside (the same register either way).
        size = records.coming(imports.SET_ASIDE_ROWS)
    else:
        size = len(records) if isinstance(records, Sized) else 0
    with store.importing(
        meeting=meeting, record_changes=record_changes, board=board, size=size
    ) as writing:
        for record in records:
            if isinstance(record, Rejected):
                rejected.append(record)
            elif isinstance(record, Notice):
                writing.notice(record)
            else:
                writing.decision(record)
        summary = ImportSummary.of(writing.finish(), rejected)
        if commit_if is not None and not commit_if(summary):
            writing.roll_back()
    return summary


def read_inputs(
    paths: list[str],
    *,
    fmt: str,
    config: Config,
    meeting_year: int | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_waiting: Callable[[], None] | None = None,
    accounts: list[Account] | None = None,
    route: Callable[[Decision], Decision] | None = None,
) -> Iterator[Record]:
    """Records of every input in turn. ``on_progress`` hears the bytes read so far, in all
    files together, every few thousand records (for a progress bar); ``on_waiting`` is called
    when standard input is a terminal, or has given nothing for a moment; ``accounts`` gets one
    account per input of what was read and what became of it; ``route`` gives each decision
    its board (delreg.boards.Routing.route), raising InvalidValue for one it cannot place."""
    done = 0
    for name in paths:
        report = None
        if on_progress is not None:
            report = _offset_by(done, on_progress)
        account = Account("<stdin>" if name == "-" else name)
        if accounts is not None:
            accounts.append(account)
        records = read_input(
            name,
            fmt=fmt,
            config=config,
            meeting_year=meeting_year,
            sheet=sheet,
            encoding=encoding,
            stdin=stdin,
            on_position=report,
            on_waiting=on_waiting,
            account=account,
        )
        if route is not None:
            records = _routed(records, route)
        yield from _counted(records, account)
        if name != "-":
            done += input_size(name)


def import_key(
    paths: list[str], *, fmt: str, config: Config, options: Mapping[str, object]
) -> str | None:
    """What makes an import of ``paths`` the same import again: delreg's version, the
    configuration, the options given (``options``) and each file's name, size and SHA-256.
    None when an input is standard input, not a regular file, or cannot be read (it is then
    read every time).

    A register remembers the imports it took whole by this key (delreg.store.marks)."""
    from delreg import __version__

    whole = hashlib.sha256()
    whole.update(
        json.dumps(
            [__version__, fmt, sorted(options.items()), config.raw],
            sort_keys=True,
            default=str,
            ensure_ascii=False,
        ).encode()
    )
    for name in paths:
        if name == "-":
            return None
        try:
            # Only a regular file has bytes to hash before it is read: a device (/dev/zero), a
            # pipe or a folder is left to the readers, which refuse or bound it.
            if not stat.S_ISREG(os.stat(name).st_mode):
                return None
            with open(name, "rb") as stream:
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError:
            return None
        whole.update(json.dumps([name, digest]).encode())
    return whole.hexdigest()


def unchanged_since(paths: list[str], stamps: list[tuple[int, int] | None]) -> bool:
    """Whether the files are still as ``stamps`` (``file_stamps`` before reading) found them."""
    return file_stamps(paths) == stamps


def file_stamps(paths: list[str]) -> list[tuple[int, int] | None]:
    """Each file's size and modification time, to tell that it was not changed while read."""
    stamps: list[tuple[int, int] | None] = []
    for name in paths:
        try:
            status = os.stat(name)
        except OSError:
            stamps.append(None)
        else:
            stamps.append((status.st_size, status.st_mtime_ns))
    return stamps


def _routed(records: Iterator[Record], route: Callable[[Decision], Decision]) -> Iterator[Record]:
    """Each decision on its board; one that cannot be placed is rejected with its line."""
    for record in records:
        if isinstance(record, Decision):
            try:
                record = route(record)
            except InvalidValue as error:
                record = Rejected(record.source or "", error.message)
        yield record


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


# Exports of less than this, all inputs together, are read before they are written (a few
# tens of thousands of rows): the second process would save less than it costs.
READ_AHEAD_BYTES = 4_000_000


def worth_reading_ahead(paths: list[str], *, fmt: str) -> bool:
    """Whether the inputs are worth reading in a second process while a new register is
    written (delreg.spool.ReadAhead): exports (an agenda holds a few thousand items at most)
    in regular files of READ_AHEAD_BYTES or more together, where a fork is sound
    (delreg.parse.forked). However busy the machine, since nothing is done twice: the
    reading is the second process's instead of this one's. Standard input is read first:
    the waiting message is this process's to give."""
    from delreg.parse.forked import fork_is_sound

    total = 0
    for name in paths:
        try:
            if name == "-" or not stat.S_ISREG(os.stat(name).st_mode):
                return False
            with open(name, "rb") as stream:
                chosen = fmt
                if chosen == "auto":
                    from delreg.parse.detect import detect_format

                    chosen = detect_format(name, head(stream))
        except (OSError, InputError):  # the ordinary reading says what is wrong
            return False
        reader = READERS.get(chosen)
        if reader is None or reader.AGENDA:
            return False
        total += input_size(name)
    return total >= READ_AHEAD_BYTES and fork_is_sound()


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
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    on_position: Callable[[int], None] | None = None,
    on_waiting: Callable[[], None] | None = None,
    account: Account | None = None,
) -> Iterator[Record]:
    source = "<stdin>" if name == "-" else name
    with _open_binary(name, stdin, on_waiting) as stream:
        chosen = fmt
        if chosen == "auto":
            from delreg.parse.detect import detect_format

            chosen = detect_format(name, head(stream))
        reader = READERS.get(chosen)
        if reader is None:
            raise InputError(f"unknown format {chosen!r}", source=source)
        if account is not None and not reader.AGENDA:
            # An export's rows are its list: a header and no rows is an empty list, not none.
            account.list_found = bool(head(stream).strip())
        request = ReadRequest(source, config, meeting_year, sheet, account, fmt != "auto", encoding)
        records = reader.read(stream, request)
        if reader.AGENDA:
            # The tabular readers normalise every cell by delreg.fields already; an agenda's
            # items are built from sentences and meet the same rules here.
            records = _admitted(records, config)
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


def _admitted(records: Iterator[Record], config: Config) -> Iterator[Record]:
    """An agenda's records held to the register's rules for text, dates and numbers (the door
    in delreg.fields), so no reader can let in what a later report cannot show."""
    from delreg.fields import admit, admit_notice

    for record in records:
        try:
            if isinstance(record, Decision):
                record = admit(record, config)
            elif isinstance(record, Notice):
                record = admit_notice(record, config)
        except InvalidValue as error:
            record = Rejected(record.source or "", error.message)
        yield record


def _open_binary(
    name: str, stdin: BinaryIO | None, on_waiting: Callable[[], None] | None = None
) -> io.BufferedReader:
    if name == "-":
        raw = stdin if stdin is not None else sys.stdin.buffer
        return io.BufferedReader(_Readable(raw, on_waiting))
    try:
        if Path(name).is_dir():
            raise InputError("is a folder, not a file", source=name, hint=_OPEN_HINT)
        return open(name, "rb")
    except OSError as error:  # no such file, no permission, a name too long …
        raise InputError(
            error.strerror or "cannot be opened", source=name, hint=_OPEN_HINT
        ) from None


_OPEN_HINT = "give the path of an agenda, PDF or registry export, or - for standard input"


# How long standard input may give nothing before the user is told the import is waiting on it.
WAITING_SECONDS = 2.0


class _Readable(io.RawIOBase):
    """Wraps any binary stream (CliRunner's stdin, a pipe) so it can be peeked at, and tells
    ``on_waiting`` once when its first bytes are slow to come (or it is a terminal): an
    `import -` whose pipe was left open would otherwise wait without a word."""

    def __init__(self, stream: BinaryIO, on_waiting: Callable[[], None] | None = None) -> None:
        self._stream = stream
        self._on_waiting = on_waiting

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        timer = None
        if self._on_waiting is not None:
            if _is_terminal(self._stream):
                self._on_waiting()
            else:
                timer = threading.Timer(WAITING_SECONDS, self._on_waiting)
                timer.daemon = True
                timer.start()
            self._on_waiting = None
        try:
            data = self._stream.read(len(buffer))
        finally:
            if timer is not None:
                timer.cancel()
        buffer[: len(data)] = data
        return len(data)


def _is_terminal(stream: BinaryIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False
