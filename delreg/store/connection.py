"""Opening the register's SQLite file safely: permissions, pragmas, waiting for other writers,
and one clear message for whatever SQLite reports."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from delreg.errors import StoreError
from delreg.store.schema import SCHEMA_VERSION

# Long enough for another delreg process to finish a large import's commit.
BUSY_TIMEOUT_MS = 30_000
# A million-row import holds the write lock for longer than the busy timeout; a writer that
# finds the register locked keeps asking (each attempt waiting out the busy timeout again) until
# this many seconds have passed, rather than failing while the other import is still running.
WRITE_WAIT_SECONDS = 600.0
# Pauses between attempts (see while_busy).
_FIRST_PAUSE_SECONDS = 0.05
_LONGEST_PAUSE_SECONDS = 2.0

_T = TypeVar("_T")


def new_file_target(path: Path) -> Path:
    from delreg.store.files import private_target

    path = private_target(path)
    if not path.parent.is_dir():
        raise StoreError(
            f"cannot create the register: folder {str(path.parent)!r} does not exist",
            hint="create the folder first or choose another file with --db",
        )
    return path


def check_can_create(path: Path) -> None:
    """Raise the StoreError that creating a register at ``path`` would raise for a folder that
    is not there: a command that reads its input first (an import of a million rows) says so
    before the read, not minutes after it."""
    new_file_target(path)


def create_private_file(path: Path, mode: int = 0o600) -> None:
    """Create an empty database file readable by its owner only (before SQLite opens it).

    SQLite gives its -wal and -shm files the database file's permissions, so they stay
    private too. A dangling symlink is followed to the file it names: O_EXCL alone would
    refuse it, and SQLite would then create that file with the umask's permissions.
    """
    path = new_file_target(path)
    _create_exclusive(path, path, mode)


def _create_exclusive(path: Path, named: Path, mode: int = 0o600) -> bool:
    """Whether a new empty file was made at ``path`` (False: one is there already); an error
    names ``named``, the file the user asked for."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    except FileExistsError:
        return False
    except OSError as error:
        raise StoreError(f"cannot create the register {str(named)!r}: {error.strerror}") from None
    os.close(descriptor)
    return True


def create_register_file(path: Path) -> None:
    """Create the database of a new register, already in WAL mode, unless a file is there
    (another command made it first, or a first run left an empty one).

    Switching a file to WAL writes its first page through a rollback journal: two commands
    opening a new register at once would see each other's -journal (the mark of a writer
    killed part-way), or be answered busy. So the file is made whole under a private name
    beside the register and linked into place, where no other command can see it half-made.
    """
    target = new_file_target(path)
    spare = make_spare(target)
    try:
        with closing(sqlite3.connect(spare, isolation_level=None)) as connection:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
        if link_if_absent(spare, target) is False:
            # A file system without hard links (FAT on a memory stick): an empty file, which
            # the first connection switches to WAL.
            _create_exclusive(target, target)
    except sqlite3.Error as error:
        raise store_error(target, error) from None
    finally:
        remove_spare(spare)


def make_spare(target: Path) -> Path:
    """A new empty private file beside ``target`` to make a register under: named for this
    process, so that what a killed command left is told from what a running one is making
    (``clear_stale_spares``), and hidden, so that no one takes it for the register."""
    clear_stale_spares(target)
    # os.urandom, not the random module: that import (1 ms) would be every command's.
    spare = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}")
    if not _create_exclusive(spare, target):
        raise StoreError(
            f"cannot create the register {str(target)!r}: {str(spare)!r} is in the way"
        )
    return spare


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C held back for the block, and raised as it ends if it came meanwhile (Python
    checks for a signal as it unblocks one). Where signals cannot be masked, nothing is held."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def remove_spare(spare: Path) -> None:
    for leftover in (spare, *(Path(f"{spare}{suffix}") for suffix in SIDE_FILES)):
        leftover.unlink(missing_ok=True)


def sync(path: Path) -> None:
    """Wait until what was written to ``path`` (a file, or a folder's list of names) is on
    the disk."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        if path.is_dir():
            return  # a folder some systems cannot open or sync; a file must be
        raise StoreError(
            f"the register {str(path)!r} could not be written ({error.strerror})",
            hint="nothing was written; is the disk full or failing?",
        ) from None


def link_if_absent(spare: Path, target: Path) -> bool | None:
    """Put ``spare`` in place as ``target`` unless a file is there: True when it was, False
    when the file system has no hard links, None when ``target`` was there already."""
    try:
        os.link(spare, target)
    except FileExistsError:
        return None
    except OSError:
        return False
    return True


# The files SQLite keeps beside a database while it writes to it.
SIDE_FILES = ("-journal", "-wal", "-shm")
_SPARE = re.compile(r"(\d+)-[0-9a-f]{8}(?:-journal|-wal|-shm)?")


def clear_stale_spares(target: Path) -> None:
    """Remove the private files that commands killed while making the register at ``target``
    left beside it (a million-row import's is as large as the register): those named for a
    process that is no longer running."""
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would end the process there
        return
    prefix = f".{target.name}."
    try:
        names = [entry.name for entry in os.scandir(target.parent)]
    except OSError:
        return
    for name in names:
        found = _SPARE.fullmatch(name[len(prefix) :]) if name.startswith(prefix) else None
        if found is None or _running(int(found.group(1))):
            continue
        with suppress(OSError):
            (target.parent / name).unlink()


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: not ours to judge
    return True


def connect(path: Path, *, private: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode: delreg opens its own transactions (BEGIN IMMEDIATE).

    ``private``: to a register being made under a private name (delreg.store.building),
    which no other command opens: written through a rollback journal, without waiting for
    the disk (the file is synced once, whole, before it is put in place)."""
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise store_error(path, error) from None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        if private:
            connection.execute("PRAGMA journal_mode = DELETE").fetchone()
            connection.execute("PRAGMA synchronous = OFF")
        else:
            # Two commands opening a file still in rollback mode at once (an empty one a
            # first run left) both switch it to WAL; SQLite answers the one that finds the
            # other switching with SQLITE_BUSY at once, without waiting out the busy timeout.
            while_busy(path, lambda: _write_ahead(connection), seconds=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        connection.close()
        raise store_error(path, error) from None
    except BaseException:
        connection.close()
        raise
    return connection


def _write_ahead(connection: sqlite3.Connection) -> None:
    # Read before anything is written: switching to WAL rewrites the file's header, and a
    # file that is not a register, or one a newer delreg made, must be left as it was.
    # (Refusing the newer one with its message is the migration's job.)
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version <= SCHEMA_VERSION:
        # WAL lets readers (a report, a list) run while an import writes.
        connection.execute("PRAGMA journal_mode = WAL").fetchone()


def while_busy(path: Path, attempt: Callable[[], _T], *, seconds: float) -> _T:
    """``attempt()``, tried again after a pause for as long as SQLite finds the register busy,
    until ``seconds`` have passed; then the error says how long it waited.

    SQLite waits out the busy timeout inside most statements but not all: it answers at once
    where waiting could deadlock (switching the journal mode while another connection does
    the same), and each attempt's wait is only the busy timeout, shorter than a large import
    holds the write lock. Pauses start short (the lock is usually about to be released) and
    double to a couple of seconds, with jitter so that waiting writers do not retry in
    lockstep.
    """
    started = time.monotonic()
    pause = _FIRST_PAUSE_SECONDS
    while True:
        try:
            return attempt()
        except sqlite3.Error as error:
            waited = time.monotonic() - started
            if not is_busy(error) or waited + pause > seconds:
                raise store_error(path, error, waited=waited) from None
        import random  # only while waiting (see make_spare)

        time.sleep(random.uniform(pause / 2, pause))
        pause = min(2 * pause, _LONGEST_PAUSE_SECONDS)


def _busy_timeout() -> float:
    return BUSY_TIMEOUT_MS / 1000


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
    from delreg.store.columns import DamagedValue

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
            f"{_duration(_busy_timeout() if waited is None else waited)}",
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
    if seconds >= 120:
        return f"{round(seconds / 60):g} minutes"
    return f"{round(seconds, 1 if seconds >= 1 else 2):g} seconds"


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
    """Take the write lock, waiting for other writers for up to WRITE_WAIT_SECONDS, so that
    a second import or an edit queues behind a large import instead of telling the user the
    register is locked."""
    while_busy(path, lambda: connection.execute("BEGIN IMMEDIATE"), seconds=WRITE_WAIT_SECONDS)


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
