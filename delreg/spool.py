"""An import's records, read whole before the register is opened for writing.

Reading is the slow and the unbounded part of an import: a workbook of a million rows, a PDF, a
pipe that has not ended. Were the register's write lock held meanwhile, every other writer
(an `edit`, a colleague's import) would wait on it, or give up. So every input is read, and
every value checked, first; only what was read is then written, in one transaction.

A small import stays in memory. A large one goes on to a private temporary file in batches, so
memory stays flat whatever the size (a Decision is kept as the tuple of its fields: pickling
tuples is several times faster than pickling the dataclass).
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import fields
from itertools import islice
from operator import attrgetter
from typing import IO, Any

from delreg.model import Decision, build_decision
from delreg.parse import Record

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
        batch: list[Any] = self._tail
        decisions = set(map(type, batch)) == {Decision}
        if decisions:
            batch = list(map(_DECISION_VALUES, batch))
        else:
            batch = [
                _DECISION_VALUES(record) if type(record) is Decision else record for record in batch
            ]
        pickle.dump((decisions, batch), self._file, protocol=pickle.HIGHEST_PROTOCOL)
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
                decisions, batch = pickle.load(self._file)
                yield from map(build_decision if decisions else _replayed, batch)
                # Gone before the next batch is loaded: one batch at a time in memory.
                del batch
        yield from self._tail

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _replayed(item: Any) -> Record:
    """A record as it was spooled: a decision was kept as the tuple of its fields."""
    return build_decision(item) if type(item) is tuple else item
