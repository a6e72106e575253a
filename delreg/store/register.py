"""The register: one public entry point, ``Store``, to the rooms that each keep one part of it.

Each room is a module named by what it keeps: ``decisions``, ``board_meetings`` (boards and
their meetings), ``reportings`` (the board's lists), ``imports``, ``history``, ``compliance``
(what the checks read and write) and ``appeals``; they share ``base`` (the connection, reading,
the write transaction and the history). ``Store`` opens the file and puts the rooms together,
so that callers hold one object.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from delreg.store.appeals import AppealRoom
from delreg.store.compliance import ComplianceRoom
from delreg.store.connection import connect, create_register_file, not_a_register
from delreg.store.files import OpenMode, no_register, refuse_network_drive, schema_of
from delreg.store.history import HistoryRoom
from delreg.store.imports import ImportRoom
from delreg.store.schema import migrate


class Store(ImportRoom, ComplianceRoom, AppealRoom, HistoryRoom):
    """An open register. Use ``Store.open(path, mode=…)``; every write is one transaction."""

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
