"""Opening the register's SQLite file safely: permissions, pragmas and clear errors."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from delreg.errors import StoreError

# Long enough for another delreg process to finish a large import's commit.
BUSY_TIMEOUT_MS = 30_000


def create_private_file(path: Path, mode: int = 0o600) -> None:
    """Create an empty database file readable by its owner only (before SQLite opens it).

    SQLite gives its -wal and -shm files the database file's permissions, so they stay
    private too.
    """
    if not path.parent.is_dir():
        raise StoreError(
            f"cannot create the register: folder {str(path.parent)!r} does not exist",
            hint="create the folder first or choose another file with --db",
        )
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    except FileExistsError:
        return
    except OSError as error:
        raise StoreError(f"cannot create the register {str(path)!r}: {error.strerror}") from None
    os.close(descriptor)


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: delreg opens its own transactions (BEGIN IMMEDIATE)."""
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        # WAL lets readers (a report, a list) run while an import writes.
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlite3.DatabaseError as error:
        raise not_a_register(path, error) from None
    if mode is None:
        raise StoreError(f"{str(path)!r} could not be opened as a register")
    return connection


def not_a_register(path: Path, error: sqlite3.Error) -> StoreError:
    message = str(error)
    if "not a database" in message or "malformed" in message:
        return StoreError(
            f"{str(path)!r} is not a delreg register (not an SQLite database)",
            hint="check the --db path or DELREG_DB",
        )
    if "readonly" in message or "unable to open" in message:
        return StoreError(
            f"cannot open the register {str(path)!r}: {message}",
            hint="check that the file and its folder are writable",
        )
    return StoreError(f"the register {str(path)!r} failed: {message}")


@contextmanager
def transaction(connection: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything inside commits together or not at all.

    BEGIN IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
    instead of failing later with SQLITE_BUSY when a read lock is upgraded.
    """
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise not_a_register(path, error) from None
    try:
        yield connection
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    if not connection.in_transaction:
        return  # the body chose to roll back (a dry run, a rejected import)
    try:
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise not_a_register(path, error) from None
