"""Keeping the register file sound: consistent backups, checked restores, verification."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from delreg.errors import DelregError, StoreError
from delreg.store.connection import begin_immediate, connect, create_private_file, not_a_register
from delreg.store.files import (
    examined_error,
    forget_damage,
    no_register,
    refuse_network_drive,
    remember_damage,
    schema_of,
)
from delreg.store.schema import migrate

REQUIRED_TABLES = {"decisions", "meetings", "reportings", "notices", "events", "kinds"}
# The events that change a decision's fields; "report" and "ack" events say other things.
STATE_EVENTS = ("insert", "update", "delete", "undelete", "board")
# A register changed behind delreg's back can break the history of every row; name a few.
MAX_HISTORY_PROBLEMS = 20


@dataclass(frozen=True)
class Problem:
    check: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "message": self.message}


def backup(
    connection: sqlite3.Connection,
    target: Path,
    *,
    overwrite: bool = False,
    register: Path | None = None,
) -> None:
    """Copy the register with SQLite's online backup API: a consistent snapshot even while
    other processes write, unlike copying the file (which can catch a half-applied WAL).

    The copy is checked before it is kept: a damaged register (whose damage SQLite notices
    only on the pages a command happens to read) must not be filed away as a good backup.
    """
    if target.exists() and not overwrite:
        raise DelregError(
            f"{str(target)!r} exists already", hint="choose another name or add --overwrite"
        )
    if not target.parent.is_dir():
        # Not create_private_file's message: that one is about the register and --db.
        raise DelregError(
            f"cannot write the backup: folder {str(target.parent)!r} does not exist",
            hint=f"create it first (mkdir -p {target.parent}) or back up to another folder",
        )
    if target.exists():
        target.unlink()
    create_private_file(target)
    destination = sqlite3.connect(target)
    try:
        connection.backup(destination)
        damage = integrity_problems(destination)
    except sqlite3.Error as error:
        destination.close()
        target.unlink(missing_ok=True)
        raise StoreError(f"the backup to {str(target)!r} failed: {error}") from None
    destination.close()
    if damage:
        target.unlink(missing_ok=True)
        if register is not None:
            remember_damage(register, f"`delreg backup` found {damage[0]}")
        raise StoreError(
            f"the register is damaged ({damage[0]}); no backup was made",
            hint="`delreg verify` says what is wrong; `delreg restore BACKUP` brings back the "
            "last sound backup",
        )


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """What SQLite's own integrity check finds in the whole file (every page, not only those
    a command reads); empty for a sound file."""
    try:
        found = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if found == ["ok"] else found


def verify(
    connection: sqlite3.Connection, normalise: Callable[[str], str] | None = None
) -> list[Problem]:
    """SQLite's own integrity check plus the register's invariants.

    On a damaged file the register's own checks may fail to read what they need; the damage
    is then the finding, not a traceback.
    """
    problems = [Problem("integrity", result) for result in integrity_problems(connection)]
    checks: list[Callable[[], Iterable[Problem]]] = [
        lambda: _foreign_keys(connection),
        lambda: _schema(connection),
    ]
    for check in checks:
        try:
            found = list(check())
        except sqlite3.DatabaseError as error:
            return [*problems, Problem("integrity", f"the file cannot be read: {error}")]
        problems.extend(found)
        if any(problem.check == "schema" for problem in found):
            return problems
    further: list[Callable[[], Iterable[Problem]]] = [lambda: _full_text_in_sync(connection)]
    if normalise is not None:
        further.append(lambda: _numbers_normalised(connection, normalise))
    further.append(lambda: _history_replays(connection))
    further.append(lambda: _history_chained(connection))
    for check in further:
        try:
            problems.extend(check())
        except sqlite3.DatabaseError as error:
            if not problems:
                problems.append(Problem("integrity", f"the file cannot be read: {error}"))
            return problems
    return problems


def _foreign_keys(connection: sqlite3.Connection) -> Iterator[Problem]:
    for row in connection.execute("PRAGMA foreign_key_check"):
        yield Problem("foreign-keys", f"{row[0]} row {row[1]} points at no {row[2]}")


def _schema(connection: sqlite3.Connection) -> Iterator[Problem]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    missing = REQUIRED_TABLES - tables
    if missing:
        yield Problem("schema", "missing tables: " + ", ".join(sorted(missing)))


def _history_chained(connection: sqlite3.Connection) -> list[Problem]:
    """The events' hash chain holds from the first event to the last (delreg.store.trail)."""
    from delreg.store.trail import first_broken_link

    broken = first_broken_link(connection)
    return [] if broken is None else [Problem("chain", broken.message())]


def _history_replays(connection: sqlite3.Connection) -> list[Problem]:
    """Every decision's history, replayed, ends in its current values: the trail is whole.

    Each update and delete must start from what the event before it left (no change went
    unrecorded in between), and the last one must leave the row as it is now. Both tables are
    read in diary-number order and merged, so memory stays flat for a million decisions.
    """
    from delreg.store.columns import DECISION_SELECT, DamagedValue, decision_from_row, event_values

    marks = ", ".join("?" * len(STATE_EVENTS))
    events = connection.execute(
        f"SELECT diary_number, action, old, new FROM events WHERE action IN ({marks}) "
        "ORDER BY diary_number, id",
        STATE_EVENTS,
    )
    histories = groupby(events, key=itemgetter(0))
    pending = next(histories, None)
    problems: list[str] = []
    for row in connection.execute(DECISION_SELECT + " ORDER BY d.diary_number"):
        try:
            decision = decision_from_row(row)
        except DamagedValue as error:
            problems.append(str(error))
            while pending is not None and pending[0] <= row[1]:
                pending = next(histories, None)
            continue
        # Histories of numbers that sort before this one belong to no decision.
        while pending is not None and pending[0] < decision.diary_number:
            problems.append(f"{pending[0]} has a history but is not in the register")
            pending = next(histories, None)
        if pending is None or pending[0] != decision.diary_number:
            problems.append(f"{decision.diary_number} has no history")
            continue
        replayed = _replay(pending[1])
        pending = next(histories, None)
        if isinstance(replayed, str):
            problems.append(f"{decision.diary_number}: {replayed}")
        elif replayed != (_known(event_values(decision)), decision.deleted):
            problems.append(
                f"{decision.diary_number}: its history does not end in its current values "
                "(changed outside delreg?)"
            )
    while pending is not None:
        problems.append(f"{pending[0]} has a history but is not in the register")
        pending = next(histories, None)
    shown = [Problem("history", message) for message in problems[:MAX_HISTORY_PROBLEMS]]
    if len(problems) > MAX_HISTORY_PROBLEMS:
        more = len(problems) - MAX_HISTORY_PROBLEMS
        shown.append(Problem("history", f"and {more} more decisions like these"))
    return shown


def _known(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """The values that are set: a field a later schema added is absent from older events and
    None in newer ones, and both mean the same."""
    if values is None:
        return None
    return {name: value for name, value in values.items() if value is not None}


def _replay(events: Iterable[tuple[str, str, str | None, str | None]]) -> Any:
    """(values, deleted) after a decision's events in order, or why they do not chain."""
    from delreg.store.columns import DamagedValue, stored_json

    state: dict[str, Any] | None = None
    deleted = False
    for _, action, old_text, new_text in events:
        try:
            old = _known(stored_json(old_text, f"a {action} in its history"))
            new = _known(stored_json(new_text, f"a {action} in its history"))
        except DamagedValue as error:
            return str(error)
        if action != "insert" and old is not None and old != state:
            return f"a {action} starts from values its history never reached"
        if action == "delete":
            deleted = True
        elif action == "board":  # moved to a board: a deleted decision stays deleted
            state = new
        else:
            state, deleted = new, False
    return state, deleted


def _full_text_in_sync(connection: sqlite3.Connection) -> list[Problem]:
    try:
        # FTS5's own check that the index matches its external content table.
        connection.execute(
            "INSERT INTO decisions_fts(decisions_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as error:
        return [Problem("full-text", f"the search index is out of step: {error}")]
    return []


def _numbers_normalised(
    connection: sqlite3.Connection, normalise: Callable[[str], str]
) -> list[Problem]:
    problems = []
    for (number,) in connection.execute("SELECT diary_number FROM decisions"):
        try:
            canonical = normalise(number)
        except DelregError as error:
            problems.append(Problem("diary-number", f"{number!r}: {error.message}"))
            continue
        if canonical != number:
            problems.append(Problem("diary-number", f"{number!r} is stored unnormalised"))
    return problems


def _no_room(error: object) -> StoreError:
    folder = tempfile.gettempdir()
    return StoreError(
        f"no room for a working copy in the temporary folder {folder!r} ({error})",
        hint="nothing was changed; free some space there, or set TMPDIR to a folder on a "
        "larger disk",
    )


@contextmanager
def _staged(source: Path, role: str) -> Iterator[sqlite3.Connection]:
    """A private working copy of ``source`` at this delreg's schema; ``source`` is only read.

    FTS5's integrity check is written as an INSERT, and an older schema must be upgraded
    before the register's checks apply, so both happen in the copy: the file examined stays
    byte for byte as it was, even when it is read-only or was never a register at all.
    """
    if schema_of(source, role=role) is None:
        if role == "register":
            raise no_register(source)
        raise DelregError(
            f"there is no backup at {str(source)!r}"
            + (" (the file is empty)" if source.exists() else ""),
            hint="give a file made by `delreg backup`",
        )
    try:
        folder = tempfile.TemporaryDirectory(prefix="delreg-")
    except OSError as error:
        raise _no_room(error.strerror) from None
    with folder:
        staged = Path(folder.name) / "staged.db"
        try:
            create_private_file(staged)
        except StoreError as error:
            raise _no_room(error.message) from None
        # Autocommit: the FTS check is an INSERT and must not leave a transaction open.
        copy = sqlite3.connect(staged, isolation_level=None)
        try:
            _copy_read_only(source, copy, role)
            try:
                migrate(copy, staged)
            except StoreError as error:
                if "disk is full" in error.message or "could not be written" in error.message:
                    raise _no_room("the disk is full") from None
                raise
            yield copy
        finally:
            copy.close()


def _copy_read_only(source: Path, copy: sqlite3.Connection, role: str) -> None:
    try:
        origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise examined_error(source, role, error) from None
    try:
        origin.backup(copy)
    except sqlite3.Error as error:
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR):
            raise _no_room("the disk is full") from None
        raise examined_error(source, role, error) from None
    finally:
        origin.close()


def verify_file(path: Path, normalise: Callable[[str], str] | None = None) -> list[Problem]:
    """``verify`` of the register at ``path``, in a working copy: never writes to the file."""
    with _staged(path, "register") as copy:
        problems = verify(copy, normalise)
    damage = [problem.message for problem in problems if problem.check == "integrity"]
    if damage:
        remember_damage(path, f"`delreg verify` found {damage[0]}")
    return problems


@dataclass
class Restore:
    """A verified backup, ready to take the register's place, and how the two compare."""

    source: Path
    target: Path
    staged: sqlite3.Connection
    backup_decisions: int
    register_decisions: int | None  # None: there is no register yet

    def replace(self, keep_copy: Path) -> bool:
        """Put the backup in the register's place; True if the old one was kept at
        ``keep_copy``.

        The write lock is taken first and held to the end: the old register is copied aside
        and replaced inside one transaction, so no write can land in between (confirmed to its
        user, then in neither file), and readers see the old register or the new, never a mix.
        """
        refuse_network_drive(self.target)
        existed = schema_of(self.target) is not None
        if not existed:
            create_private_file(self.target)
        live = connect(self.target)
        try:
            if existed and integrity_problems(live):
                # A damaged register cannot be emptied row by row; its pages are replaced
                # whole (writers refuse it, so nothing can come in between).
                _raw_backup(live, keep_copy)
                _copy_pages(self.staged, live, self.target)
                forget_damage(self.target)
                return True
            migrate(live, self.target)
            _replace_under_lock(live, self.staged, self.target, keep_copy if existed else None)
            forget_damage(self.target)
            return existed
        finally:
            live.close()


@contextmanager
def prepared_restore(source: Path, target: Path) -> Iterator[Restore]:
    """Verify ``source`` in a working copy and count what each file holds; the caller asks the
    user, then calls ``replace``. Nothing is written until then."""
    with _staged(source, "backup") as verified:
        problems = verify(verified)
        if problems:
            raise StoreError(
                f"cannot restore {str(source)!r}: {problems[0].check}: {problems[0].message}",
                hint="it was not restored; the register is unchanged",
            )
        count = _live_decisions(verified)
        current = None
        if schema_of(target) is not None:
            reader = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
            try:
                current = _live_decisions(reader)
            except sqlite3.Error:
                current = None  # a damaged register: its count is unknown
            finally:
                reader.close()
        yield Restore(source, target, verified, count, current)


def _live_decisions(connection: sqlite3.Connection) -> int:
    row = connection.execute("SELECT count(*) FROM decisions WHERE deleted_at IS NULL").fetchone()
    return int(row[0])


def _raw_backup(connection: sqlite3.Connection, target: Path) -> None:
    create_private_file(target)
    destination = sqlite3.connect(target)
    try:
        connection.backup(destination)
    finally:
        destination.close()


def _copy_pages(source: sqlite3.Connection, live: sqlite3.Connection, target: Path) -> None:
    try:
        source.backup(live)
    except sqlite3.Error as error:
        raise StoreError(f"the restore of {str(target)!r} failed: {error}") from None


def _replace_under_lock(
    live: sqlite3.Connection, staged: sqlite3.Connection, target: Path, keep_copy: Path | None
) -> None:
    staged_path = staged.execute("PRAGMA database_list").fetchone()[2]
    live.execute("ATTACH DATABASE ? AS restored", [staged_path])
    try:
        begin_immediate(live, target)
        try:
            if keep_copy is not None:
                # A second connection reads the last committed state while this one holds
                # the write lock (WAL lets it): exactly the register that is being replaced.
                reader = sqlite3.connect(target)
                try:
                    _raw_backup(reader, keep_copy)
                finally:
                    reader.close()
            _replace_contents(live)
            live.execute("COMMIT")
        except BaseException:
            if live.in_transaction:
                live.execute("ROLLBACK")
            if keep_copy is not None and keep_copy.exists():
                keep_copy.unlink()
            raise
    except sqlite3.Error as error:
        raise not_a_register(target, error) from None
    finally:
        live.execute("DETACH DATABASE restored")


def _replace_contents(live: sqlite3.Connection) -> None:
    """Make main's tables hold what restored's hold, inside the caller's transaction.

    Both files are at this delreg's schema. The triggers are set aside so that emptying and
    refilling the decisions does not touch the search index row by row; the index is rebuilt
    from the restored rows once at the end.
    """
    schema = live.execute(
        "SELECT type, name, sql FROM main.sqlite_master WHERE type IN ('table', 'trigger')"
    ).fetchall()
    virtual = [
        name
        for kind, name, sql in schema
        if kind == "table" and sql.upper().startswith("CREATE VIRTUAL")
    ]
    tables = [
        name
        for kind, name, sql in schema
        if kind == "table"
        and name not in virtual
        and not name.startswith("sqlite_")
        and not any(name.startswith(f"{table}_") for table in virtual)
    ]
    restored = {
        name
        for (name,) in live.execute("SELECT name FROM restored.sqlite_master WHERE type = 'table'")
    }
    if not set(tables) <= restored:
        raise StoreError("the backup's tables differ from the register's; nothing was restored")
    triggers = [(name, sql) for kind, name, sql in schema if kind == "trigger"]
    # Emptied and refilled in any order: the references hold again by the commit.
    live.execute("PRAGMA defer_foreign_keys = ON")
    for name, _ in triggers:
        live.execute(f'DROP TRIGGER main."{name}"')
    for table in tables:
        columns = ", ".join(
            f'"{row[1]}"' for row in live.execute(f'PRAGMA main.table_info("{table}")')
        )
        live.execute(f'DELETE FROM main."{table}"')
        live.execute(
            f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM restored."{table}"'
        )
    for _, sql in triggers:
        live.execute(sql)
    for table in virtual:
        live.execute(f'INSERT INTO main."{table}"("{table}") VALUES (\'rebuild\')')
