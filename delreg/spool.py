"""An import's records, read whole before the register is opened for writing, or, for a new
register made aside, read by a second process while they are written.

Reading is the slow and the unbounded part of an import: a workbook of a million rows, a PDF, a
pipe that has not ended. Were the register's write lock held meanwhile, every other writer
(an `edit`, a colleague's import) would wait on it, or give up. So every input is read, and
every value checked, first; only what was read is then written, in one transaction
(``RecordSpool``).

A small import stays in memory. A large one goes on to a private temporary file in batches, so
memory stays flat whatever the size (a Decision is kept as the tuple of its fields: pickling
tuples is several times faster than pickling the dataclass).

A register that does not exist yet is made under a private name (``Store.writing``): no one
can open it, so no one waits on its lock. There a large export's reading need not come first:
a forked process reads it into the temporary file while this one writes each batch as it is
ready (``ReadAhead``), the two halves of the work on two cores. Whatever goes wrong in that
process, the import is done again the ordinary way, so what it says is what it always said.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from itertools import islice
from operator import attrgetter
from typing import IO, Any

from delreg.model import Decision, build_decision
from delreg.parse import Record
from delreg.parse.forked import end_child, start_child, write_all

# Records kept in memory before a batch goes to the temporary file (a few tens of MB at most).
IN_MEMORY = 20_000
_DECISION_VALUES = attrgetter(*(field.name for field in fields(Decision)))


class RecordSpool:
    """Records in the order read, to be replayed once (``iter``). Use as a context manager:
    the temporary file, if one was needed, is gone when it closes."""

    def __init__(self, records: Iterable[Record], *, in_memory: int = IN_MEMORY) -> None:
        self._file: IO[bytes] | None = None
        self._batches = 0
        self._count = 0
        self._tail: list[Record] = []
        try:
            # Taken a batch at a time (islice, in C): a loop of Python a record costs more
            # than the rest of the spool.
            # A batch is held by the spool alone, so that it is freed once on file.
            pending = iter(records)
            while True:
                self._tail = list(islice(pending, in_memory))
                self._count += len(self._tail)
                if len(self._tail) < in_memory:
                    break
                self._spill()
        except BaseException:
            self.close()
            raise

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="delreg-import-")  # noqa: SIM115 - closed by close()
        pickle.dump(_packed(self._tail), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._batches += 1
        self._tail = []

    def __len__(self) -> int:
        """The records read (a writer sizes its work by it before replaying them)."""
        return self._count

    def __iter__(self) -> Iterator[Record]:
        if self._file is not None:
            self._file.seek(0)
            for _ in range(self._batches):
                # Only this process wrote the file, a private temporary one, just now.
                yield from _unpacked(pickle.load(self._file))
        yield from self._tail

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ReadingFailed(Exception):
    """The process reading ahead did not read everything (it raised, or was killed)."""


# Records a batch of the process reading ahead: the writer waits for the first one.
AHEAD_BATCH = 10_000
_FRAME = struct.Struct("<Q")


class ReadAhead:
    """Records read by a forked process while this one writes them, for a register no one
    else can open yet (see the module's docstring). Use as a context manager: the process and
    the temporary file are gone when it closes.

    ``read(on_progress)`` gives the records; it is called in the child process only, and
    ``state`` is a list it fills as it reads (the import's accounts): once everything is read,
    the child's is sent back and taken as this process's. Iterated as often as asked, each
    time from the first record: the batches stay in the file (``Store.writing`` writes a second
    time where another command made the register meanwhile). Iterating raises ReadingFailed
    where the child did not read everything, whatever the reason: the caller reads again the
    ordinary way, to say why. ``on_progress`` hears the bytes read as each batch is taken.
    """

    def __init__(
        self,
        read: Callable[[Callable[[int], None]], Iterable[Record]],
        *,
        state: list[Any],
        size: int = 0,
    ) -> None:
        self.on_progress: Callable[[int], None] | None = None
        # The inputs' bytes (0: not known), and how many of them are read so far.
        self._size = size
        self._position = 0
        # Where each batch ends in the file: the first starts at 0, each next where the last ends.
        self._ends: list[int] = []
        self._count = 0
        self._whole = False
        self._failed = False
        self._state = state
        self._file = tempfile.TemporaryFile(prefix="delreg-import-")  # noqa: SIM115 - closed by close()
        descriptor = self._file.fileno()
        try:
            self._pid: int | None
            self._pid, pipe = start_child(lambda pipe: _read_ahead(pipe, descriptor, read, state))
        except BaseException:
            self._file.close()
            raise
        self._pipe: int | None = pipe

    @property
    def whole(self) -> bool:
        """Whether every record is read (and ``state`` taken from the child)."""
        return self._whole

    def read_whole(self) -> None:
        """Wait until every record is read: before writing to a register others can open."""
        while not self._whole:
            self._take()

    def coming(self, least: int) -> int:
        """How many records are coming, as a writer needs to know it before it starts (whether
        to set the indexes aside): all of them, once read; while the reading goes on, at least
        ``least`` once as many are read, or once those read say, by their share of the inputs'
        ``size``, that as many will come (a projection, right for a list of like rows). Waits
        for the one or the other."""
        while not self._whole and (self._failed or self._projected() < least):
            self._take()
        return self._count if self._whole else self._projected()

    def _projected(self) -> int:
        if not self._position:
            return self._count
        return max(self._count, self._count * self._size // self._position)

    def __iter__(self) -> Iterator[Record]:
        taken = 0
        while True:
            while (taken == len(self._ends) or self._failed) and not self._whole:
                self._take()
            if taken == len(self._ends):
                return
            start = self._ends[taken - 1] if taken else 0
            size = self._ends[taken] - start
            taken += 1
            # Written by the child of this process, just now, into this private file.
            yield from _unpacked(pickle.loads(_read_at(self._file.fileno(), start, size)))

    def _take(self) -> None:
        """Take the child's next message, waiting for it: a batch on file, or the end."""
        if self._failed:
            raise ReadingFailed("the import's input was not read whole")
        message = self._message()
        if message is None:
            self._failed = True
            self._end()
            raise ReadingFailed("the import's input was not read whole")
        kind, position, *rest = message
        self._position = position
        if kind == "read":  # the end, and the state the reading filled
            self._state[:] = rest[0]
            self._whole = True
            self._end()
        else:
            end, self._count = rest
            self._ends.append(end)
        if self.on_progress is not None:
            self.on_progress(position)

    def _message(self) -> Any:
        """The child's next message; None where it ended without sending one whole."""
        size = self._receive(_FRAME.size)
        if size is None:
            return None
        data = self._receive(_FRAME.unpack(size)[0])
        # The child is this program, forked from this process a moment ago.
        return None if data is None else pickle.loads(data)

    def _receive(self, size: int) -> bytes | None:
        chunks = bytearray()
        while self._pipe is not None and len(chunks) < size:
            chunk = os.read(self._pipe, size - len(chunks))
            if not chunk:
                return None
            chunks += chunk
        return bytes(chunks) if len(chunks) == size else None

    def _end(self) -> None:
        end_child(self._pid, self._pipe)
        self._pid = self._pipe = None

    def close(self) -> None:
        self._end()
        self._file.close()

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_ahead(
    pipe: int,
    file: int,
    read: Callable[[Callable[[int], None]], Iterable[Record]],
    state: list[Any],
) -> None:
    """The child's work: each batch of records appended to ``file``, then told over ``pipe``
    (``("batch", bytes read so far, where it ends, records so far)``), and last, once
    everything is read, ``("read", bytes read, state)``."""
    # The cyclic collector is off for the child's whole life, as it is while an import writes
    # (store.bulk.collector_paused): its passes over the records read, thousands a batch and
    # none in a cycle, were a twelfth of the reading. What reading a file does leave in a
    # cycle (its reader's few objects, once a file) is freed as the child ends.
    gc.disable()
    position = 0

    def heard(done: int) -> None:
        nonlocal position
        position = done

    records = iter(read(heard))
    end = count = 0
    while True:
        batch = list(islice(records, AHEAD_BATCH))
        if batch:
            data = pickle.dumps(_packed(batch), protocol=pickle.HIGHEST_PROTOCOL)
            _write_at(file, end, data)
            end += len(data)
            count += len(batch)
            _send(pipe, ("batch", position, end, count))
        if len(batch) < AHEAD_BATCH:
            break
    _send(pipe, ("read", position, state))


def _send(pipe: int, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    write_all(pipe, _FRAME.pack(len(data)) + data)


def _write_at(file: int, offset: int, data: bytes) -> None:
    # At an offset of its own, never the file's: the two processes share that one.
    view = memoryview(data)
    while view:
        written = os.pwrite(file, view, offset)
        view, offset = view[written:], offset + written


def _read_at(file: int, offset: int, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = os.pread(file, size - len(data), offset + len(data))
        if not chunk:
            raise ReadingFailed("the import's temporary file ended early")
        data += chunk
    return bytes(data)


def _packed(batch: list[Record]) -> tuple[bool, list[Any]]:
    """A batch as it is spooled: each decision as the tuple of its fields (pickled several
    times faster), and whether all of it is decisions (replayed without a test per item)."""
    decisions = set(map(type, batch)) == {Decision}
    if decisions:
        return True, list(map(_DECISION_VALUES, batch))
    return False, [
        _DECISION_VALUES(record) if type(record) is Decision else record for record in batch
    ]


def _unpacked(packed: tuple[bool, list[Any]]) -> Iterator[Record]:
    decisions, batch = packed
    return map(build_decision if decisions else _replayed, batch)


def _replayed(item: Any) -> Record:
    """A record as it was spooled: a decision was kept as the tuple of its fields."""
    return build_decision(item) if type(item) is tuple else item
