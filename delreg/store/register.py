"""The register: one public entry point, ``Store``, to the rooms that each keep one part of it.

Each room is a module named by what it keeps: ``decisions``, ``board_meetings`` (boards and
their meetings), ``reportings`` (the board's lists), ``imports``, ``history``, ``compliance``
(what the checks read and write) and ``appeals``; they share ``base`` (the connection, reading,
the write transaction and the history). ``Store`` opens the file and puts the rooms together,
so that callers hold one object.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from delreg.store.appeals import AppealRoom
from delreg.store.compliance import ComplianceRoom
from delreg.store.connection import (
    SIDE_FILES,
    connect,
    create_register_file,
    interrupts_held,
    link_if_absent,
    make_spare,
    new_file_target,
    not_a_register,
    remove_spare,
    sync,
)
from delreg.store.files import OpenMode, no_register, refuse_network_drive, schema_of
from delreg.store.history import HistoryRoom
from delreg.store.imports import ImportRoom
from delreg.store.schema import migrate

_T = TypeVar("_T")


class Store(ImportRoom, ComplianceRoom, AppealRoom, HistoryRoom):
    """An open register. Use ``Store.open(path, mode=…)``; every write is one transaction."""

    # Whether this is a new register being made under a private name (``writing``): no other
    # command can open it yet, so none waits on its write lock.
    private = False

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        mode: OpenMode,
        command: str = "",
        kind_labels: Mapping[str, str] | None = None,
    ) -> Store:
        """Open the register at ``path``, migrating an older one; with ``OpenMode.CREATE``,
        create it where no file exists.

        The file is looked at before SQLite opens it for writing, so one that is not a register
        of this delreg is refused untouched. ``kind_labels`` are the configured kinds; they fill
        the kinds lookup table as decisions of each kind are written, so the file reads well in
        Datasette.
        """
        refuse_network_drive(path)
        if schema_of(path) is None:
            if mode is not OpenMode.CREATE:
                raise no_register(path)
            create_register_file(path)
        connection = connect(path)
        try:
            migrate(connection, path)
        except sqlite3.DatabaseError as error:
            connection.close()
            raise not_a_register(path, error) from None
        except BaseException:
            connection.close()
            raise
        return cls(path, connection, command, kind_labels or {})

    @classmethod
    def writing(
        cls,
        path: Path,
        write: Callable[[Store], _T],
        *,
        command: str = "",
        kind_labels: Mapping[str, str] | None = None,
        keep: Callable[[_T], bool] = lambda _: True,
    ) -> _T:
        """``write(store)`` on the register at ``path``, opened as ``open(path,
        mode=OpenMode.CREATE)`` opens it; returns what ``write`` returns.

        Where there is no register yet, it is made under a private name beside ``path``
        (``connect(private=True)``: a rollback journal instead of the write-ahead log, no
        waiting for the disk) and put in place whole, in WAL mode and synced, once ``write``
        has returned. Its pages are written once, where the write-ahead log takes each of them
        twice (into the log, then into the file): 1.6 GB each way for a million decisions.
        Killed part-way, it leaves no register, as before, and the next command that makes
        one clears what it left (``clear_stale_spares``). Should another command make the
        register meanwhile (two first imports at once), what was made aside is dropped and
        ``write`` is called again, on that register, the ordinary way: so ``write`` must read
        its input afresh each time it is called. A new register is put in place only where
        ``keep`` says so of what ``write`` returned: an import that wrote nothing (its input
        rejected) leaves no register behind, as it found none.
        """
        labels = kind_labels or {}
        refuse_network_drive(path)
        if not any(os.path.lexists(f"{path}{suffix}") for suffix in ("", *SIDE_FILES)):
            target = new_file_target(path)
            spare: Path | None = None
            try:
                # Ctrl-C is held back while the file is made: a press between its making and
                # this ``try`` would leave it behind. Held back, it comes when the file is ours
                # to remove (the unblocking raises it).
                with interrupts_held():
                    spare = make_spare(target)
                store = cls(target, connect(spare, private=True), command, labels)
                store.private = True
                try:
                    migrate(store.connection, target)
                    result = write(store)
                    # The mode every register is in (connect), set before it is seen.
                    store.connection.execute("PRAGMA journal_mode = WAL").fetchone()
                finally:
                    store.close()
                if not keep(result):
                    return result
                sync(spare)
                if link_if_absent(spare, target):
                    sync(target.parent)
                    return result
            except sqlite3.Error as error:
                raise not_a_register(target, error) from None
            finally:
                if spare is not None:
                    remove_spare(spare)
        with cls.open(path, mode=OpenMode.CREATE, command=command, kind_labels=labels) as store:
            return write(store)

    def close(self) -> None:
        self.connection.close()

    def backup(self, target: Path, *, overwrite: bool = False) -> None:
        """A checked copy of the register at ``target``, safe while others write to it."""
        from delreg.store.maintenance import backup

        backup(self.connection, target, overwrite=overwrite, register=self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
