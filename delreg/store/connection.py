"""Opening the register's SQLite file safely: permissions, pragmas, waiting for other writers,
and one clear message for whatever SQLite reports."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from delreg.errors import StoreError
from delreg.store.schema import SCHEMA_VERSION

# Long enough for another delreg process to finish a large import's commit.
BUSY_TIMEOUT_MS = 30_000
# A million-row import holds the write lock for longer than the busy timeout; a writer that
# finds the register locked keeps asking (each attempt waiting out the busy timeout again) until
# this many seconds have passed, rather than failing while the other import is still running.
WRITE_WAIT_SECONDS = 600.0
# Pauses between those attempts: short at first (the lock is usually about to be released),
# doubling to at most a couple of seconds, with jitter so that waiting writers do not retry in
# lockstep.
_FIRST_PAUSE_SECONDS = 0.05
_LONGEST_PAUSE_SECONDS = 2.0


def create_private_file(path: Path, mode: int = 0o600) -> None:
    """Create an empty database file readable by its owner only (before SQLite opens it).

    SQLite gives its -wal and -shm files the database file's permissions, so they stay
    private too. A dangling symlink is followed to the file it names: O_EXCL alone would
    refuse it, and SQLite would then create that file with the umask's permissions.
    """
    from delreg.store.files import private_target

    path = private_target(path)
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
    except sqlite3.Error as error:
        raise store_error(path, error) from None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        # Read before anything is written: switching to WAL rewrites the file's header, and a
        # file that is not a register, or one a newer delreg made, must be left as it was.
        # (Refusing the newer one with its message is the migration's job.)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version <= SCHEMA_VERSION:
            # WAL lets readers (a report, a list) run while an import writes.
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlite3.Error as error:
        connection.close()
        raise store_error(path, error) from None
    return connection


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(error: sqlite3.Error) -> bool:
    """Whether another connection holds the lock SQLite needed (SQLITE_BUSY or SQLITE_LOCKED)."""
    code = _primary_code(error)
    if code is not None:
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(error) or "busy" in str(error)


def store_error(path: Path, error: sqlite3.Error, *, waited: float | None = None) -> StoreError:
    """What went wrong with the register, in one line a registrar can act on.

    SQLite's own words ("database is locked", "disk I/O error") say little to a user; the
    primary result code tells which of a handful of situations it is. ``waited`` is how long
    the command waited for a lock before giving up (a writer queues far longer than a reader).
    """
    from delreg.store.rows import DamagedValue

    where = repr(str(path))
    code = _primary_code(error)
    message = str(error)
    if isinstance(error, DamagedValue):
        return StoreError(f"the register {where} is damaged: {message}", hint=DAMAGED_HINT)
    if code == sqlite3.SQLITE_NOTADB or "not a database" in message:
        return StoreError(
            f"{where} is not a delreg register (not an SQLite database)",
            hint="check the --db path or DELREG_DB; the file was left as it was",
        )
    if code == sqlite3.SQLITE_CORRUPT or "malformed" in message:
        return StoreError(
            f"the register {where} is damaged ({message})",
            hint=DAMAGED_HINT,
        )
    if is_busy(error):
        return StoreError(
            f"the register {where} is busy: another program has held it for more than "
            f"{_duration(BUSY_TIMEOUT_MS / 1000 if waited is None else waited)}",
            hint="nothing was written; run the command again when the other one has finished "
            "(another delreg, or a program that has the file open, such as a database browser)",
        )
    if code == sqlite3.SQLITE_FULL:
        return StoreError(
            f"the disk is full: the register {where} could not be written",
            hint="nothing was written; free some space and run the command again",
        )
    if code == sqlite3.SQLITE_IOERR:
        reading = "READ" in (getattr(error, "sqlite_errorname", "") or "")
        return StoreError(
            f"the register {where} could not be {'read' if reading else 'written'} "
            "(an input/output error)",
            hint="nothing was written; is the disk full, failing, or the file too large "
            "for this system?",
        )
    if code == sqlite3.SQLITE_READONLY or "readonly" in message:
        return StoreError(
            f"the register {where} is read-only",
            hint="nothing was written; check the permissions of the file, its folder and its "
            "-wal and -shm files (commands that only read still work)",
        )
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or "unable to open" in message:
        return StoreError(
            f"cannot open the register {where}: {message}",
            hint="check that the file and its folder exist and are writable",
        )
    return StoreError(f"the register {where} failed: {message}")


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} minutes" if seconds >= 120 else f"{seconds:g} seconds"


DAMAGED_HINT = (
    "the file is damaged; `delreg verify` says what is wrong, and `delreg restore BACKUP` "
    "brings back the last sound copy"
)


# The name the store's other modules use for store_error.
not_a_register = store_error


def _roll_back(connection: sqlite3.Connection) -> None:
    # SQLite may have rolled back already (after SQLITE_FULL, say); a ROLLBACK that fails too
    # must not hide the error that caused it. Closing the connection discards what is left.
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def begin_immediate(connection: sqlite3.Connection, path: Path) -> None:
    """Take the write lock, waiting for other writers for up to WRITE_WAIT_SECONDS.

    Each attempt already waits out the busy timeout; the retries are for a writer that holds
    the lock longer than that (a large import), so that a second import or an edit queues
    behind it instead of telling the user the database is locked.
    """
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    pause = _FIRST_PAUSE_SECONDS
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.Error as error:
            if not is_busy(error) or time.monotonic() + pause > deadline:
                raise store_error(path, error, waited=WRITE_WAIT_SECONDS) from None
        time.sleep(random.uniform(pause / 2, pause))
        pause = min(2 * pause, _LONGEST_PAUSE_SECONDS)


@contextmanager
def transaction(connection: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything inside commits together or not at all.

    BEGIN IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
    instead of failing later with SQLITE_BUSY when a read lock is upgraded. Any SQLite error
    inside (a full disk, a read-only file) rolls back and becomes a StoreError.
    """
    begin_immediate(connection, path)
    try:
        yield connection
    except sqlite3.Error as error:
        _roll_back(connection)
        if _primary_code(error) == sqlite3.SQLITE_CORRUPT:
            from delreg.store.files import remember_damage

            remember_damage(path, f"SQLite reported {error}")
        raise store_error(path, error) from None
    except BaseException:
        _roll_back(connection)
        raise
    if not connection.in_transaction:
        return  # the body chose to roll back (a dry run, a rejected import)
    try:
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        _roll_back(connection)
        raise store_error(path, error) from None
