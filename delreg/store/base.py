"""What every room of the store stands on: the open register's connection, the one way to read
(``_query``), the one way to write (``_write``, a transaction) and the one way to keep the
history (``_record``). Only the store's own modules use these; everything above the store
calls the public methods of ``Store``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from delreg.store.boards import BoardWriter
from delreg.store.bulk import chunks
from delreg.store.columns import json_text
from delreg.store.connection import not_a_register, transaction
from delreg.store.files import refuse_known_damage
from delreg.store.trail import append as append_events
from delreg.store.trail import current_user, now


class StoreBase:
    """An open register's connection and who writes through it."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        command: str,
        kind_labels: Mapping[str, str],
    ) -> None:
        self.path = path
        self.connection = connection
        self.user = current_user()
        self.command = command
        self.kind_labels = kind_labels

    def _now(self) -> str:
        # Looked up at each call, so that a test can hold the clock still (store.base.now).
        return now()

    def _write(self) -> Any:
        refuse_known_damage(self.path)
        return transaction(self.connection, self.path)

    def _query(self, sql: str, parameters: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.connection.execute(sql, tuple(parameters))
        except sqlite3.OperationalError as error:
            raise not_a_register(self.path, error) from None

    def _rows_in(
        self, sql: str, values: Sequence[Any], before: Sequence[Any] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` whose ``IN ({})`` takes ``values``, asked for in chunks that stay
        under SQLite's limit on bound parameters; ``before`` binds the parameters ahead of it."""
        for chunk in chunks(values):
            yield from self._query(sql.format(", ".join("?" * len(chunk))), [*before, *chunk])

    def _record(
        self,
        changes: list[tuple[str, str | None, dict[str, Any] | None, dict[str, Any] | None]],
        stamp: str,
    ) -> None:
        def dump(values: dict[str, Any] | None) -> str | None:
            return None if values is None else json_text(values)

        self._record_texts(
            [(action, number, dump(old), dump(new)) for action, number, old, new in changes],
            stamp,
        )

    def _record_texts(
        self, changes: Iterable[tuple[str, str | None, str | None, str | None]], stamp: str
    ) -> None:
        """``_record`` for old and new values already written as JSON text."""
        append_events(
            self.connection,
            [
                (stamp, self.user, action, number, old, new, self.command)
                for action, number, old, new in changes
            ],
        )

    def _boards(self) -> BoardWriter:
        return BoardWriter(self.connection, self.user, self.command)
